/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Dissolves longer than the longest lag of the gradual test between shots
 * that pan: located on coarse thumbnails (scene_gradual_mix.h). */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#define FPS 25.0
/* Not smaller with MONTAGE_TEST_QUICK: at 96 x 54 the coarse ramp of the
 * first window runs over 127 frames and the dissolve is missed. */
static const int W = 192, H = 108;

/* two textured shots panning in opposite directions, a hundredth of the
 * picture a frame */
static const SynShot left = { 61, 0.01f, 0.0f, 0.02f, 0 };
static const SynShot right = { 62, -0.008f, 0.002f, 0.02f, 0 };

static SynClip clip;

/* 100 frames of one pan, n frames mixing into the other, 100 of it */
static void run_long(int n, SynResult *r)
{
    clip.n = 0;
    syn_add(&clip, &left, 0, 100);
    syn_add_mix(&clip, &left, 100, &right, 0, n, 0);
    syn_add(&clip, &right, n, 100);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, r) == 0);
}

/* A 96-frame dissolve (frames 100..195), half again the longest lag: the
 * progress on the analysis grid ramps over its whole window (missed by
 * scene analyser 8); on coarse thumbnails it is located at [98,177] and
 * found by the blend test. The reported span is the ramp fitted where the
 * fine progress keeps rising: 98..197 (scene analyser 9 followed the
 * incoming shot's own drift past the end, 97..223). */
static void test_long_dissolve_of_panning_shots(void)
{
    SynResult r;
    run_long(96, &r);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_DISSOLVE);
    CHECK(r.trans[0].frame >= 100 && r.trans[0].frame <= 195);
    CHECK(r.trans[0].first_frame >= 94 && r.trans[0].first_frame <= 106);
    CHECK(r.trans[0].last_frame >= 189 && r.trans[0].last_frame <= 201);
    CHECK_INT(r.events, 1);
}

/* A 72-frame wipe (frames 100..171) between the same pans: the fitted
 * ramp followed the incoming shot's drift to 179 (scene analyser 9);
 * fitted where the progress keeps rising, 100..173. */
static void test_long_wipe_of_panning_shots(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &left, 0, 100);
    syn_add_mix(&clip, &left, 100, &right, 0, 72, 1);
    syn_add(&clip, &right, 72, 100);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_WIPE);
    CHECK(r.trans[0].first_frame >= 94 && r.trans[0].first_frame <= 106);
    CHECK(r.trans[0].last_frame >= 165 && r.trans[0].last_frame <= 177);
}

/* the same two pans joined by a cut: one hard cut, no dissolve around it */
static void test_cut_between_pans(void)
{
    SynResult r;
    run_long(0, &r);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_HARD);
    CHECK_INT(r.trans[0].frame, 100);
}

/* one shot panning for 300 frames: no edit */
static void test_long_pan_is_no_transition(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &left, 0, 300);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
}

/* The coarse thumbnail on a grid narrower than its 12 blocks (a small
 * analysis_size, a tiny picture): no block past the thumbnail's end (an
 * overflow under ASan before the blocks were capped), and nothing but the
 * dissolve reported. At 16 cells the dissolve itself is missed (the lag-64
 * progress of so few cells does not span its window). */
static void check_only_the_dissolve(const SynResult *r)
{
    for (int i = 0; i < r->n_trans; i++) {
        CHECK_INT(r->trans[i].type, MT_TRANSITION_DISSOLVE);
        CHECK(r->trans[i].frame >= 100 && r->trans[i].frame <= 195);
    }
}

static void test_long_dissolve_on_a_small_grid(void)
{
    SynResult r;
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    cfg.analysis_size = MT_SCENE_ANALYSIS_SIZE_MIN;
    clip.n = 0;
    syn_add(&clip, &left, 0, 100);
    syn_add_mix(&clip, &left, 100, &right, 0, 96, 0);
    syn_add(&clip, &right, 96, 100);
    /* 4:3 at 16 cells: a 16 x 12 grid, 192 blocks of one cell */
    CHECK(syn_run(&clip, SYN_YUV420P, 160, 120, &cfg, FPS, &r) == 0);
    check_only_the_dissolve(&r);
    /* 32 x 32 pixels: a 32 x 32 grid, 256 blocks of 2 x 2 cells */
    CHECK(syn_run(&clip, SYN_YUV420P, 32, 32, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    check_only_the_dissolve(&r);
}

int main(void)
{
    RUN(test_long_dissolve_of_panning_shots);
    RUN(test_long_wipe_of_panning_shots);
    RUN(test_cut_between_pans);
    RUN(test_long_pan_is_no_transition);
    RUN(test_long_dissolve_on_a_small_grid);
    UNIT_EXIT();
}
