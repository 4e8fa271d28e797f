/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Dissolves longer than the longest lag of the gradual test between shots
 * that pan: located on coarse thumbnails (scene_gradual_mix.h). */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#include <stdio.h>

#define FPS 25.0
static int W = 192, H = 108; /* 96 x 54 with MONTAGE_TEST_QUICK */

/* two textured shots panning in opposite directions, a hundredth of the
 * picture a frame */
static const SynShot left = { 61, 0.01f, 0.0f, 0.02f, 0 };
static const SynShot right = { 62, -0.008f, 0.002f, 0.02f, 0 };

static SynClip clip;

static void run_long(int n, SynResult *r)
{
    clip.n = 0;
    syn_add(&clip, &left, 0, 100);
    syn_add_mix(&clip, &left, 100, &right, 0, n, 0);
    syn_add(&clip, &right, n, 100);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, r) == 0);
}

static void test_long_dissolve_of_panning_shots(void)
{
    SynResult r;
    run_long(96, &r); /* frames 100..195 */
    for (int i = 0; i < r.n_trans; i++)
        fprintf(stderr, "trans %d type %d frame %lld [%lld,%lld]\n", i, r.trans[i].type,
                (long long)r.trans[i].frame, (long long)r.trans[i].first_frame,
                (long long)r.trans[i].last_frame);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_DISSOLVE);
    CHECK(r.trans[0].frame >= 100 && r.trans[0].frame <= 195);
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_long_dissolve_of_panning_shots);
    UNIT_EXIT();
}
