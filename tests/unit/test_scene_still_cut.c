/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* A cut between two still shots (a terminal's or a slide show's page
 * change) is found from 0.5 of the cut threshold on (scene_still_cut.h);
 * the same change between moving shots, or as a one-frame flash of the
 * other picture in a still shot, is not. Each clip's threshold is set so
 * that the step's excess is a chosen fraction of it (the excess of the
 * cut between the same pictures measured at the default threshold). */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#define FPS 25.0
static int W = 192, H = 108; /* 96 x 54 with MONTAGE_TEST_QUICK */

static const SynShot STILL_A = { 11, 0, 0, 0.01f, 0 }, STILL_B = { 22, 0, 0, 0.01f, 0 };
static SynClip clip;

/* dimmed to a tenth (a small change, as between two pages of text) */
static void dim(void)
{
    for (int k = 0; k < clip.n; k++)
        clip.f[k].gain = 0.1f;
}

/* a cut from a to b at frame 40, 40 frames of each, dimmed */
static void two_shots(const SynShot *a, const SynShot *b)
{
    clip.n = 0;
    syn_add(&clip, a, 0, 40);
    syn_add(&clip, b, 0, 40);
    dim();
}

/* the threshold at which the clip's step at 40 (a cut at the default
 * threshold) has an excess of `fraction` of it */
static double threshold_for(double fraction)
{
    SynResult r;
    if (syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) < 0 || r.n_trans != 1 || r.trans[0].frame != 40)
        return -1;
    float excess = 2 * r.trans[0].score; /* the score is half the excess */
    return excess > 0.1f && excess < 1.5f ? excess / 2 / fraction : -1;
}

/* the transitions found at threshold thr, -1 on an error */
static int cuts_at(double thr, SynResult *r)
{
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    cfg.threshold = thr;
    return thr > 0 && syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, r) == 0 ? r->n_trans : -1;
}

/* Between still shots: a cut at 0.6 of the threshold (scene analyser 12
 * needed 0.8 and a standout from the motion around it: no cut), none at
 * 0.45 (under SCN_STILL_FLOOR). */
static void test_still_shots_cut(void)
{
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    CHECK(thr > 0);
    CHECK_INT(cuts_at(thr, &r), 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_HARD);
    CHECK_INT(r.trans[0].frame, 40);
    CHECK_INT(cuts_at(thr * 0.6 / 0.45, &r), 0);
}

/* Between moving shots the same fraction of the threshold is no cut: the
 * step does not stand out from frames that change by themselves. */
static void test_moving_shots_no_cut(void)
{
    static const SynShot pan_a = { 11, 0.01f, 0.0f, 0.01f, 0 }, pan_b = { 22, -0.01f, 0.005f, 0.01f, 0 };
    SynResult r;
    two_shots(&pan_a, &pan_b);
    CHECK_INT(cuts_at(threshold_for(0.6), &r), 0);
}

/* One frame of the other still picture in a still shot (a flash, a single
 * frame spliced in) at the threshold the cut between them passes: the
 * picture before comes back, so the steps after the change are not still
 * and the flash test takes it. */
static void test_one_frame_of_another_still_no_cut(void)
{
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    clip.n = 0;
    syn_add(&clip, &STILL_A, 0, 40);
    syn_add(&clip, &STILL_B, 0, 1);
    syn_add(&clip, &STILL_A, 41, 39);
    dim();
    CHECK_INT(cuts_at(thr, &r), 0);
}

/* 1 when r has a transition at frame `frame` */
static int has_cut_at(const SynResult *r, int frame)
{
    for (int i = 0; i < r->n_trans; i++)
        if (r->trans[i].frame == frame)
            return 1;
    return 0;
}

/* A cut 10 frames into the stream (fewer than SCN_STILL_BEFORE frames
 * before it): judged on the 9 steps that are there, as a window of
 * montage-fast-scene started cold at a key frame judges it (scene
 * analyser 13's first rule needed all 24 and missed it). */
static void test_still_cut_near_start(void)
{
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    clip.n = 0;
    syn_add(&clip, &STILL_A, 0, 10);
    syn_add(&clip, &STILL_B, 0, 40);
    dim();
    CHECK_INT(cuts_at(thr, &r), 1);
    CHECK_INT(r.trans[0].frame, 10);
}

/* One larger step among the frames before (a key frame's refresh of a
 * still picture, here a brightness step of 6 %, 16 frames before the cut)
 * is left out: the cut is found. */
static void test_one_refresh_before_still_cut(void)
{
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    for (int k = 24; k < 40; k++)
        clip.f[k].gain = 0.106f;
    CHECK_INT(cuts_at(thr, &r), 1);
    CHECK_INT(r.trans[0].frame, 40);
}

/* A picture held 8 frames at a time (a low-rate source: here two stills
 * in turn), then the cut: its changes within the 24 frames before are the
 * shot's own, so the cut does not stand out. */
static void test_held_images_no_still_cut(void)
{
    static const SynShot still_c = { 33, 0, 0, 0.01f, 0 };
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    clip.n = 0;
    for (int k = 0; k < 40; k += 8)
        syn_add(&clip, (k / 8) % 2 ? &still_c : &STILL_A, k, 8);
    syn_add(&clip, &STILL_B, 0, 40);
    dim();
    CHECK(cuts_at(thr, &r) >= 0);
    CHECK(!has_cut_at(&r, 40));
}

/* A still shot that starts moving 2 frames after the cut: the steps after
 * it are not still, no cut. */
static void test_motion_after_no_still_cut(void)
{
    static const SynShot pan_b = { 22, 0.01f, 0.005f, 0.01f, 0 };
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    clip.n = 0;
    syn_add(&clip, &STILL_A, 0, 40);
    syn_add(&clip, &STILL_B, 0, 2);
    syn_add(&clip, &pan_b, 2, 38);
    dim();
    CHECK(cuts_at(thr, &r) >= 0);
    CHECK(!has_cut_at(&r, 40));
}

/* A still shot into black (flat) at the threshold the cut between the
 * stills passes: no cut. The fade tests judge such steps (here the edge of
 * a fade drops the candidate before this rule is asked; the rule leaves
 * flat frames alone so that its ratio against black never decides). */
static void test_flat_frame_no_still_cut(void)
{
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    for (int k = 40; k < clip.n; k++)
        clip.f[k].gain = 0;
    CHECK(cuts_at(thr, &r) >= 0);
    CHECK(!has_cut_at(&r, 40));
}

/* flash=0 turns the rule off (the frames after it that it reads are the
 * flash test's look-ahead, which flash=0 does not keep): the cut of
 * test_still_shots_cut is not found */
static void test_flash_off_no_still_cut(void)
{
    MtSceneConfig cfg;
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    mt_scene_config_default(&cfg);
    cfg.threshold = thr;
    cfg.flash = 0;
    CHECK(thr > 0);
    CHECK_INT(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r), 0);
    CHECK_INT(r.n_trans, 0);
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_still_shots_cut);
    RUN(test_moving_shots_no_cut);
    RUN(test_one_frame_of_another_still_no_cut);
    RUN(test_still_cut_near_start);
    RUN(test_one_refresh_before_still_cut);
    RUN(test_held_images_no_still_cut);
    RUN(test_motion_after_no_still_cut);
    RUN(test_flat_frame_no_still_cut);
    RUN(test_flash_off_no_still_cut);
    UNIT_EXIT();
}
