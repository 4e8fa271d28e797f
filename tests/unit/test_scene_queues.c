/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The scene detector's internal queues grow instead of dropping entries:
 * more gradual events waiting for a frame than the former fixed size (8),
 * and more examined spans than it. */
#include <errno.h>
#include <string.h>

#include "analysis/scene/scene_internal.h"
#include "tests/unit/unit.h"

#define W 64
#define H 36

static uint8_t gray[W * H];

static int push_gray(MtSceneDetector *d, int64_t k)
{
    MtImage img;
    memset(&img, 0, sizeof(img));
    img.width = W;
    img.height = H;
    img.model = MT_COLOR_GRAY;
    img.full_range = 1;
    img.comp[0] = (MtComponent){ .plane = 0, .step = 1, .depth = 8 };
    img.data[0] = gray;
    img.linesize[0] = W;
    return mt_scene_push(d, &img, k, k / 25.0);
}

static MtSceneDetector *new_detector(void)
{
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    cfg.gradual_threshold = 0; /* only the events this test emits */
    return mt_scene_new(&cfg);
}

/* 12 gradual events confirmed at once: the first takes the current frame,
 * each later one the next frame without an event; none is lost. */
static void test_pending_overflow(void)
{
    enum { EVENTS = 12, BEFORE = 40, AFTER = 40 };
    memset(gray, 90, sizeof(gray));
    MtSceneDetector *d = new_detector();
    CHECK(d);
    MtSceneFrameInfo fi;
    int64_t k = 0;
    int events = 0;
    for (; k < BEFORE; k++) {
        CHECK_INT(push_gray(d, k), 0);
        while (mt_scene_pop(d, &fi))
            events += fi.has_event;
    }
    for (int i = 0; i < EVENTS; i++) {
        int64_t f = 2 + 2 * i; /* already popped frames, as real events are */
        MtTransition tr = { .type = MT_TRANSITION_DISSOLVE, .frame = f, .first_frame = f,
                            .last_frame = f, .score = 0.5f };
        CHECK_INT(mt_scene_emit(d, &tr), 0);
    }
    CHECK(d->n_pending == EVENTS - 1);
    for (; k < BEFORE + AFTER; k++) {
        CHECK_INT(push_gray(d, k), 0);
        while (mt_scene_pop(d, &fi))
            events += fi.has_event;
    }
    mt_scene_finish(d, 1 / 25.0);
    while (mt_scene_pop(d, &fi))
        events += fi.has_event;
    CHECK_INT(events, EVENTS);
    MtSceneResult r;
    CHECK_INT(mt_scene_result(d, &r), 0);
    CHECK_INT(r.n_transitions, EVENTS);
    mt_scene_free(&d);
}

/* 12 examined spans are all remembered while their frames are in the
 * ring; spans that left the ring are pruned when the next one is added. */
static void test_examined_overflow(void)
{
    enum { SPANS = 12 };
    memset(gray, 90, sizeof(gray));
    MtSceneDetector *d = new_detector();
    CHECK(d);
    MtSceneFrameInfo fi;
    int64_t k = 0;
    for (; k < 60; k++) {
        CHECK_INT(push_gray(d, k), 0);
        while (mt_scene_pop(d, &fi)) {}
    }
    for (int i = 0; i < SPANS; i++)
        CHECK_INT(mt_scene_set_examined(d, 4 * i, 4 * i + 2), 0);
    for (int i = 0; i < SPANS; i++) {
        CHECK(mt_scene_was_examined(d, 4 * i + 1, 4 * i + 1));
        CHECK(!mt_scene_was_examined(d, 4 * i + 3, 4 * i + 3));
    }
    CHECK_INT(d->n_examined, SPANS);
    for (; k < 60 + d->ring_size; k++) {
        CHECK_INT(push_gray(d, k), 0);
        while (mt_scene_pop(d, &fi)) {}
    }
    CHECK_INT(mt_scene_set_examined(d, k - 5, k - 3), 0);
    CHECK_INT(d->n_examined, 1);
    CHECK(mt_scene_was_examined(d, k - 4, k - 4));
    mt_scene_finish(d, 1 / 25.0);
    mt_scene_free(&d);
}

int main(void)
{
    RUN(test_pending_overflow);
    RUN(test_examined_overflow);
    UNIT_EXIT();
}
