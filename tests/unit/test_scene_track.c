/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Scene detector: a wipe into a shot that pans faster than the region
 * search follows from the anchor frame to the middle of the transition
 * (scene_track.c carries the anchors there a frame at a time). */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#define FPS 25.0
static int W = 192, H = 108; /* 96 x 54 with MONTAGE_TEST_QUICK */

static SynClip clip;

/* 80 frames of a slow shot, a 12-frame wipe (frames 80..91) into a pan of
 * a twentieth of the picture a frame, 80 frames of the pan: found as a
 * wipe with its span. Missed by scene analyser 6. */
static void test_wipe_into_fast_pan(void)
{
    static const SynShot slow = { 11, 0.002f, 0.001f, 0.02f, 0 };
    static const SynShot pan = { 55, 0.05f, 0.0f, 0.02f, 0 };
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &slow, 0, 80);
    syn_add_mix(&clip, &slow, 80, &pan, 0, 12, 1);
    syn_add(&clip, &pan, 12, 80);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_WIPE);
    CHECK(r.trans[0].frame >= 80 && r.trans[0].frame <= 91);
    CHECK(r.trans[0].first_frame >= 78 && r.trans[0].first_frame <= 82);
    CHECK(r.trans[0].last_frame >= 89 && r.trans[0].last_frame <= 94);
    CHECK_INT(r.events, 1);
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_wipe_into_fast_pan);
    UNIT_EXIT();
}
