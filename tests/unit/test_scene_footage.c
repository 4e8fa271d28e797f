/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Scene detector on traits of real footage that clean synthetic shots
 * lack: low-frame-rate animation with held images, a lamp or monitor
 * switching on (a brightness step in one frame), and a dip to black (cut to
 * black, black frames, cut in), which is one fade, not two cuts. */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#define FPS 25.0
static int W = 192, H = 108; /* 96 x 54 with MONTAGE_TEST_QUICK */

static const SynShot A = { 11, 0.002f, 0.001f, 0.02f, 0 };
static const SynShot B = { 22, -0.003f, 0.0f, 0.02f, 0 };
/* a fast camera move drawn at a low rate: 10 % of the width per image */
static const SynShot PAN = { 55, 0.10f, 0.0f, 0.02f, 0 };

static SynClip clip;

/* n frames of shot a, each image held `hold` frames (animation at
 * fps / hold inside the stream): repeated frames are identical */
static void add_held(const SynShot *a, int n, int hold)
{
    for (int i = 0; i < n; i++) {
        SynFrame *f = syn_next(&clip);
        f->a = a;
        f->ka = i / hold;
    }
}

static void test_held_frames_do_not_cut(void)
{
    SynResult r;
    clip.n = 0;
    add_held(&PAN, 120, 3); /* each image change moves further than the search */
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);

    /* held images on both sides of a cut: the cut stays frame exact */
    clip.n = 0;
    add_held(&A, 60, 2);
    add_held(&B, 60, 4);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_HARD);
    CHECK_INT(r.trans[0].frame, 60);
}

static void test_brightness_step_does_not_cut(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 120);
    for (int k = 50; k < 120; k++) /* a lamp switches on: +50 % in one frame */
        clip.f[k].gain = 1.5f;
    for (int k = 0; k < 120; k++)
        clip.f[k].gain *= 0.6f;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
}

static void test_dip_to_black_is_one_fade(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 60);
    syn_add_fade(&clip, &A, 60, 0, 8, &B, 0, 0); /* 60..67 black */
    syn_add(&clip, &B, 0, 60);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_FADE);
    CHECK_INT(r.trans[0].first_frame, 60);
    CHECK_INT(r.trans[0].last_frame, 67);
    CHECK_INT(r.trans[0].frame, 68); /* the first frame of the new shot */

    /* black no longer than a flash (3 frames) between two shots: a cut
     * into the black and no second boundary on the way out */
    clip.n = 0;
    syn_add(&clip, &A, 0, 60);
    syn_add_fade(&clip, &A, 60, 0, 2, &B, 0, 0);
    syn_add(&clip, &B, 0, 60);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK(r.trans[0].frame >= 60 && r.trans[0].frame <= 62);
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_held_frames_do_not_cut);
    RUN(test_brightness_step_does_not_cut);
    RUN(test_dip_to_black_is_one_fade);
    UNIT_EXIT();
}
