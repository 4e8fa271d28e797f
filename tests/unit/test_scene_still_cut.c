/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* A cut between two still shots (a terminal's or a slide show's page
 * change) is found from 0.4 of the cut threshold on (scene_still_cut.h);
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
 * 0.35 (under SCN_STILL_FLOOR). */
static void test_still_shots_cut(void)
{
    SynResult r;
    two_shots(&STILL_A, &STILL_B);
    double thr = threshold_for(0.6);
    CHECK(thr > 0);
    CHECK_INT(cuts_at(thr, &r), 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_HARD);
    CHECK_INT(r.trans[0].frame, 40);
    CHECK_INT(cuts_at(thr * 0.6 / 0.35, &r), 0);
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

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_still_shots_cut);
    RUN(test_moving_shots_no_cut);
    RUN(test_one_frame_of_another_still_no_cut);
    UNIT_EXIT();
}
