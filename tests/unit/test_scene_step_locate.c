// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* The span of a dissolve or wipe from its frame steps
 * (scene_step_locate.h): narrowed where a pan dragged it, kept otherwise. */
#include "tests/unit/unit.h"
#include "analysis/scene/scene_step_locate.h"

#define N 33

static float c[N];
static unsigned char valid[N];

/* steps into frames [i0, i1) of the window set to v */
static void steps(int i0, int i1, float v)
{
    for (int i = i0; i < i1; i++) {
        c[i] = v;
        valid[i] = 1;
    }
}

/* What mt_scene_step_locate returns for the located span first..last of
 * the window c/valid (the 0.15..0.85 excess shares of the detector). */
typedef struct Located {
    int ret, s, e, m;
    float own, inside;
} Located;

static Located locate(int first, int last)
{
    Located r = { .s = -1, .e = -1, .m = -1 };
    r.ret = mt_scene_step_locate(c, valid, N, first, last, 0.15f, 0.85f, &r.s, &r.e, &r.m, &r.own,
                                 &r.inside);
    return r;
}

/* the steps of j01's wipe into a pan (below) */
static void wipe_into_a_pan_steps(void)
{
    steps(1, 8, 0);
    steps(8, 21, 0.17f);
    steps(21, N, 0.08f);
}

/* extra_j j01's wipe 144-155 into a pan, lag-16 window 136..168 (frame
 * 136 at index 0), steps as scene analyser 11 measured them rounded: the
 * still shot 0, the wipe 0.17, the pan after it 0.08. The progress between
 * the far anchors located [144,165] (indices 8..29), over 10 frames of
 * the pan, its middle at 155, the wipe's last frame (analyser 11 missed
 * it there). The steps place it at indices 9..18 (frames 145..154), the
 * middle at 14 (150, the wipe's own). */
static void test_wipe_into_a_pan(void)
{
    wipe_into_a_pan_steps();
    Located r = locate(8, 29);
    CHECK_INT(r.ret, 0);
    CHECK_INT(r.s, 9);
    CHECK_INT(r.e, 18);
    CHECK_INT(r.m, 14);
    CHECK_NEAR(r.own, 0.08f, 1e-6);
    /* steps into 8..30: 13 of the wipe, 10 of the pan */
    CHECK_NEAR(r.inside, (13 * 0.17f + 10 * 0.08f) / 23, 1e-5);
}

/* the same wipe out of a pan into a still shot: the mirror image */
static void test_wipe_out_of_a_pan(void)
{
    steps(1, 13, 0.08f);
    steps(13, 26, 0.17f);
    steps(26, N, 0);
    Located r = locate(3, 24);
    CHECK_INT(r.ret, 0);
    CHECK_INT(r.s, 14);
    CHECK_INT(r.e, 23);
    CHECK_INT(r.m, 19);
}

/* A dissolve between still shots whose located span is right: its excess
 * spreads over the whole span (0.15..0.85 of it 0.70 apart), so the span
 * is kept and the outputs untouched. */
static void test_even_span_is_kept(void)
{
    steps(1, 10, 0.01f);
    steps(10, 24, 0.15f);
    steps(24, N, 0.01f);
    Located r = locate(10, 22);
    CHECK_INT(r.ret, -1);
    CHECK_INT(r.s, -1);
    CHECK_INT(r.e, -1);
    CHECK_INT(r.m, -1);
    CHECK_NEAR(r.own, 0.01f, 1e-6);
}

/* Steps inside hardly above the shots' own (1.1 times, under 1.3): the
 * change does not show in them, the span is kept even where the little
 * excess sits in a part of it. */
static void test_no_excess_is_kept(void)
{
    steps(1, N, 0.10f);
    steps(12, 15, 0.20f);
    Located r = locate(6, 26);
    CHECK_INT(r.ret, -1);
    CHECK(r.inside < 1.3f * r.own);
    CHECK_INT(r.s, -1);
}

/* A side with fewer than MT_SCENE_STEP_SIDE_MIN valid steps (a flash,
 * the window's edge) gives no own step: kept. */
static void test_short_side_is_kept(void)
{
    wipe_into_a_pan_steps();
    for (int i = 1; i < 7; i++)
        valid[i] = 0;
    Located r = locate(8, 29);
    CHECK_INT(r.ret, -1);
    CHECK_INT(r.s, -1);
}

/* An invalid step (a flash) inside the wipe counts for nothing, however
 * large: the same span as without it. */
static void test_flash_step_is_ignored(void)
{
    wipe_into_a_pan_steps();
    c[25] = 5.0f;
    valid[25] = 0;
    Located r = locate(8, 29);
    CHECK_INT(r.ret, 0);
    CHECK_INT(r.s, 9);
    CHECK_INT(r.e, 18);
    CHECK_INT(r.m, 14);
}

int main(void)
{
    RUN(test_wipe_into_a_pan);
    RUN(test_wipe_out_of_a_pan);
    RUN(test_even_span_is_kept);
    RUN(test_no_excess_is_kept);
    RUN(test_short_side_is_kept);
    RUN(test_flash_step_is_ignored);
    UNIT_EXIT();
}
