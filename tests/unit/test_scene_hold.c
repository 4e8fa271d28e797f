/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The scene detector holds a frame only as long as its decision needs:
 * a few frames, and a recolouring's window (mt_scene_lookahead) only while
 * a candidate waits for its colours to come back. */
#include <stdlib.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "tests/unit/test_scene_rgb.h"
#include "tests/unit/test_scene_synth.h"

#define FPS 25.0
enum { W = 160, H = 90, TINT_CLIP_LEN = 140 };

static SynClip clip;

/* Cuts and a dissolve between textured shots, none a recolouring: after
 * each push at most flash_len + 2 frames are held (flash_len + 1, the
 * flash test's lookahead, and the frame just pushed; popped all after each
 * push), frames leave in order and the cuts are found. */
static void test_few_frames_held_without_recolouring(void)
{
    static const SynShot A = { 11, 0.002f, 0.001f, 0.02f, 0 }, B = { 22, -0.003f, 0.0f, 0.02f, 0 },
                         C = { 33, 0.0f, 0.002f, 0.02f, 0 };
    MtSceneConfig cfg;
    MtSceneFrameInfo fi;
    SynPlanes pl;
    mt_scene_config_default(&cfg);
    syn_add_cut_and_dissolve(&clip, &A, &B, &C, 60);
    MtSceneDetector *det = mt_scene_new(&cfg);
    CHECK(det && syn_alloc(&pl, W, H) == 0);
    int popped = 0, most_held = 0, cut = -1, gradual = 0;
    for (int k = 0; k < clip.n; k++) {
        SynImage si;
        syn_render(&clip.f[k], &pl);
        CHECK(syn_pack(&pl, SYN_YUV420P, &si) == 0);
        CHECK_INT(mt_scene_push(det, &si.img, k, k / FPS), 0);
        free(si.buf);
        while (mt_scene_pop(det, &fi)) {
            CHECK_INT(fi.frame, popped);
            popped++;
            if (fi.has_event && fi.event.type == MT_TRANSITION_HARD)
                cut = (int)fi.frame;
            else if (fi.has_event)
                gradual++;
        }
        if (k + 1 - popped > most_held)
            most_held = k + 1 - popped;
    }
    CHECK(most_held <= cfg.flash_len + 2);
    mt_scene_finish(det, 1 / FPS);
    while (mt_scene_pop(det, &fi))
        CHECK_INT(fi.frame, popped++);
    CHECK_INT(popped, clip.n);
    CHECK_INT(cut, 70);
    CHECK_INT(gradual, 1);
    mt_scene_free(&det);
    syn_free(&pl);
}

/* A host of the detector over the tinted picture: what left, in order. */
typedef struct TintRun {
    MtSceneDetector *det;
    uint8_t *px;
    MtSceneFrameInfo infos[TINT_CLIP_LEN];
    int popped;
    int most_held;   /* frames held after a push and its pops */
    int released_at; /* the push after which the frames held from the tint left */
    int decide;      /* frames every decision needs: the flash test's flash_len + 1 */
    double threshold;
} TintRun;

static void tint_start(TintRun *run)
{
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    memset(run, 0, sizeof(*run));
    run->det = mt_scene_new(&cfg);
    run->px = malloc((size_t)W * H * 3);
    run->released_at = -1;
    run->decide = cfg.flash_len + 1;
    run->threshold = cfg.threshold;
    CHECK(run->det && run->px);
}

static void tint_pop(TintRun *run)
{
    MtSceneFrameInfo fi;
    while (mt_scene_pop(run->det, &fi)) {
        CHECK_INT(fi.frame, run->popped);
        if (run->popped < TINT_CLIP_LEN)
            run->infos[run->popped++] = fi;
    }
}

/* Pushes frames from..to-1, popping after each push unless `hold_all`. */
static void tint_push(TintRun *run, int from, int to, int hold_all)
{
    MtImage img = rgb_image(run->px, W, H);
    for (int k = from; k < to; k++) {
        paint_tinted_picture(run->px, W, H, k);
        CHECK_INT(mt_scene_push(run->det, &img, k, k / FPS), 0);
        if (hold_all)
            continue;
        int before = run->popped;
        tint_pop(run);
        int held = k + 1 - run->popped;
        /* the few frames every decision needs, or all from the tint's
         * first frame while its decision waits */
        CHECK(held <= run->decide || run->popped == TINT_AT);
        CHECK(held <= mt_scene_lookahead(run->det));
        if (before == TINT_AT && run->popped > TINT_AT && held < run->most_held)
            run->released_at = k;
        if (held > run->most_held)
            run->most_held = held;
    }
}

static void tint_end(TintRun *run)
{
    mt_scene_free(&run->det);
    free(run->px);
}

/* The tint's first frame recolours the picture: frames are held from it
 * until the colours come back (within the fade), then all leave at once,
 * in order, with the metadata a host that pops only at the end gets
 * (decided with every frame known): no cut but the real one, no flash. */
static void test_frames_held_while_a_recolouring_waits(void)
{
    static TintRun streamed, at_end;
    tint_start(&streamed);
    tint_push(&streamed, 0, TINT_CLIP_LEN, 0);
    mt_scene_finish(streamed.det, 1 / FPS);
    tint_pop(&streamed);
    tint_start(&at_end);
    tint_push(&at_end, 0, TINT_CLIP_LEN, 1);
    mt_scene_finish(at_end.det, 1 / FPS);
    tint_pop(&at_end);

    CHECK(streamed.most_held > streamed.decide + 5);
    CHECK(streamed.released_at > TINT_AT && streamed.released_at < TINT_AT + TINT_FADE);
    CHECK_INT(streamed.most_held, streamed.released_at - TINT_AT);
    CHECK_INT(streamed.popped, TINT_CLIP_LEN);
    CHECK_INT(at_end.popped, TINT_CLIP_LEN);
    int events = 0;
    for (int k = 0; k < streamed.popped && k < at_end.popped; k++) {
        const MtSceneFrameInfo *a = &streamed.infos[k], *b = &at_end.infos[k];
        CHECK_INT(a->frame, k);
        CHECK(a->score == b->score && a->luma == b->luma && a->motion == b->motion);
        CHECK_INT(a->flash, 0);
        CHECK_INT(a->has_event, b->has_event);
        if (a->has_event) {
            events++;
            CHECK_INT(a->event.type, MT_TRANSITION_HARD);
            CHECK_INT(a->frame, TINT_CUT_AT);
            CHECK_INT(b->event.frame, TINT_CUT_AT);
        }
    }
    CHECK_INT(events, 1);
    /* the tint's first frame was a candidate: the score (half the excess)
     * of at least the relaxed cut rule's 0.8 of the threshold */
    CHECK(streamed.infos[TINT_AT].score >= 0.8 * streamed.threshold);
    tint_end(&streamed);
    tint_end(&at_end);
}

/* A host that stops while frames are held: freeing the detector (with or
 * without finishing) frees everything (ASan, valgrind); finishing releases
 * every frame pushed. */
static void test_stop_while_frames_held(void)
{
    static TintRun run;
    tint_start(&run);
    tint_push(&run, 0, TINT_AT + 10, 0);
    CHECK_INT(run.popped, TINT_AT);
    tint_end(&run);

    tint_start(&run);
    tint_push(&run, 0, TINT_AT + 10, 0);
    mt_scene_finish(run.det, 1 / FPS);
    tint_pop(&run);
    CHECK_INT(run.popped, TINT_AT + 10);
    tint_end(&run);
}

/* What a host that pops after every push saw of an RGB clip. */
typedef struct RgbHold {
    int popped, most_held, cuts, graduals, lookahead, flash_len;
} RgbHold;

/* Pushes n frames of painter into a detector with the default options,
 * popping after every push, into r; checks the frames leave in order, all
 * of them. */
static void rgb_hold(RgbPainter painter, int n, RgbHold *out)
{
    RgbHold r = { 0 };
    *out = r;
    MtSceneConfig cfg;
    MtSceneFrameInfo fi;
    mt_scene_config_default(&cfg);
    r.flash_len = cfg.flash_len;
    MtSceneDetector *det = mt_scene_new(&cfg);
    uint8_t *px = malloc((size_t)W * H * 3);
    if (!det || !px) {
        mt_scene_free(&det);
        free(px);
        CHECK(0);
    }
    r.lookahead = mt_scene_lookahead(det);
    MtImage img = rgb_image(px, W, H);
    /* failures counted, checked after the detector is freed (a CHECK
     * returns at once) */
    int push_errors = 0, out_of_order = 0;
    for (int k = 0; k <= n && !push_errors; k++) {
        if (k < n) {
            painter(px, W, H, k);
            push_errors += mt_scene_push(det, &img, k, k / FPS) != 0;
        } else {
            mt_scene_finish(det, 1 / FPS);
        }
        while (mt_scene_pop(det, &fi)) {
            out_of_order += fi.frame != r.popped++;
            if (fi.has_event && fi.event.type == MT_TRANSITION_HARD)
                r.cuts++;
            else if (fi.has_event)
                r.graduals++;
        }
        if (k < n && k + 1 - r.popped > r.most_held)
            r.most_held = k + 1 - r.popped;
    }
    mt_scene_free(&det);
    free(px);
    *out = r;
    CHECK_INT(push_errors, 0);
    CHECK_INT(out_of_order, 0);
    CHECK_INT(r.popped, n);
}

static void paint_lamp_over_pan(uint8_t *px, int w, int h, int k)
{
    paint_lamp_strobe(px, w, h, k, 2, 0);
}

/* A lamp strobing over a panning picture (test_lamp_strobe_is_no_cut): each
 * onset waits for the frame before it to come back. A host that pops after
 * every push never holds more than mt_scene_lookahead() frames, gets them in
 * order and all of them, and no cut. */
static void test_frames_held_while_a_strobe_waits(void)
{
    RgbHold r;
    rgb_hold(paint_lamp_over_pan, 150, &r);
    CHECK(r.most_held > r.flash_len + 2);
    CHECK(r.most_held <= r.lookahead);
    CHECK_INT(r.cuts, 0);
}

/* A dip to black (a cut to black, black, a cut in): each step's frames
 * have no structure to compare under another light, and each is the edge
 * of a fade, known from the flash_len + 1 frames after it, so neither
 * waits for the frame before it to come back (scene analyser 8 held 48
 * frames from the cut to black); one fade, no cut. */
static void test_few_frames_held_at_a_dip_to_black(void)
{
    RgbHold r;
    rgb_hold(paint_dip_to_black, DIP_AT + DIP_LEN + 60, &r);
    CHECK(r.most_held <= r.flash_len + 2);
    CHECK_INT(r.cuts, 0);
    CHECK_INT(r.graduals, 1);
}

int main(void)
{
    RUN(test_few_frames_held_without_recolouring);
    RUN(test_frames_held_while_a_recolouring_waits);
    RUN(test_frames_held_while_a_strobe_waits);
    RUN(test_few_frames_held_at_a_dip_to_black);
    RUN(test_stop_while_frames_held);
    UNIT_EXIT();
}
