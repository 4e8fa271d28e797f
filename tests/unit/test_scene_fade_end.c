/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Where a fade's rise into the new shot ends (scene_fade_end.h): on
 * contrast curves, and on generated clips with slow fade-ins. */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"
#include "analysis/scene/scene_fade_end.h"

#include <math.h>

#define FPS 25.0
static int W = 192, H = 108; /* 96 x 54 with MONTAGE_TEST_QUICK */

static const SynShot A = { 11, 0.002f, 0.001f, 0.02f, 0 };
static const SynShot B = { 22, -0.003f, 0.0f, 0.02f, 0 };
static const SynShot C = { 33, 0.0f, 0.002f, 0.02f, 0 };

static SynClip clip;
static float c[MT_SCENE_FADE_END_MAX];
static unsigned char valid[MT_SCENE_FADE_END_MAX];

/* a small deterministic wobble, +-amp */
static float wobble(int i, float amp)
{
    return amp * sinf(1.7f * (float)i) * cosf(0.45f * (float)i);
}

/* 4 black frames, a linear rise over frames 4..4+rise-1 to 0.2, then the
 * shot: level + drift per frame + a wobble */
static int slow_rise(int rise, float drift, float amp)
{
    int n = 4 + rise + 80;
    for (int i = 0; i < n; i++) {
        valid[i] = 1;
        if (i < 4)
            c[i] = 0.001f;
        else if (i < 4 + rise)
            c[i] = 0.2f * (float)(i - 3) / (float)(rise + 1);
        else
            c[i] = 0.2f + drift * (float)(i - 4 - rise) + wobble(i, amp);
    }
    return n;
}

/* The rise ends on its last frame (62 or 63 of 4..63) whatever frame the
 * fade detector stopped at, with the shot still or drifting by itself
 * afterwards. */
static void test_rise_ends_at_the_new_level(void)
{
    int n = slow_rise(60, 0, 0.003f);
    /* its last frame is within the shot's wobble of the level */
    CHECK_INT(mt_scene_fade_end(c, valid, n, 4, 20), 62);
    CHECK_INT(mt_scene_fade_end(c, valid, n, 4, 50), 62);
    CHECK_INT(mt_scene_fade_end(c, valid, n, 4, 63), 63);
    /* the new shot brightens by itself, a tenth of the rise's rate */
    n = slow_rise(60, 0.0003f, 0.003f);
    CHECK(abs(mt_scene_fade_end(c, valid, n, 4, 30) - 63) <= 1);
    /* another transition starts in the last frames (extra_g g04: a wipe
     * found after the fade's end was decided): the new shot ends there */
    n = slow_rise(60, 0, 0.003f);
    for (int i = n - 8; i < n; i++)
        c[i] = 0.35f + 0.1f * (float)(i - n + 8);
    CHECK_INT(mt_scene_fade_end(c, valid, n, 4, 20), 62);
    n = slow_rise(60, 0.0003f, 0.003f);
    /* a frame of the rise that does not count (a flash) */
    valid[40] = 0;
    c[40] = 1;
    CHECK(abs(mt_scene_fade_end(c, valid, n, 4, 30) - 63) <= 1);
}

/* A cut in from the black (no rise: the detector's end is the last black
 * frame) stays one, also when the shot changes by itself later on: its
 * frames up to that change are level (natural-dev nd06 260). */
static void test_cut_in_stays(void)
{
    int n = 4 + 100;
    for (int i = 0; i < n; i++) {
        valid[i] = 1;
        c[i] = i < 4 ? 0.001f : i < 36 ? 0.127f : 0.3f;
    }
    CHECK_INT(mt_scene_fade_end(c, valid, n, 4, 3), 3);
    /* too few frames, or an end at the last frame: nothing to fit */
    CHECK_INT(mt_scene_fade_end(c, valid, 1, 0, 0), 0);
    CHECK_INT(mt_scene_fade_end(c, valid, n, 4, n - 1), n - 1);
    CHECK_INT(mt_scene_fade_end(c, valid, MT_SCENE_FADE_END_MAX + 1, 4, 10), 10);
}

/* A of 80 frames, faded out over 12, 4 black frames, B faded in over
 * n_in frames (80 + 12 + 4 = frame 96 on), B for 100 frames. */
static void run_fade(int n_in, SynResult *r)
{
    clip.n = 0;
    syn_add(&clip, &A, 0, 80);
    syn_add_fade(&clip, &A, 80, 12, 4, &B, 0, n_in);
    syn_add(&clip, &B, n_in, 100);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, r) == 0);
}

/* A slow linear fade-in of 72 frames (96..167): its contrast rises by
 * less than 2 % a frame from its 37th frame on, where the fade detector
 * stops following it (scene analyser 10 reported 80..133); it ends where
 * it reaches B's level, within B's own variation of its last frame. The
 * fade is reported once. */
static void test_slow_fade_in_ends_at_its_last_frame(void)
{
    SynResult r;
    run_fade(72, &r);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_FADE);
    CHECK(r.trans[0].frame >= 96 && r.trans[0].frame <= 106); /* B shows through */
    CHECK(r.trans[0].first_frame >= 79 && r.trans[0].first_frame <= 81);
    CHECK(r.trans[0].last_frame >= 163 && r.trans[0].last_frame <= 168);
    CHECK_INT(r.events, 1);
    CHECK_INT(r.scenes[1].start_frame, r.trans[0].frame);
}

/* An xfade fadeblack of 100 frames (80..179) out of A into B: B's
 * weight is t (1 - smoothstep(0.2, 1, 1 - t)) at t = (i + 1) / 101, a
 * cubic start and a linear last fifth (0.8 to 1 over frames 160..179);
 * each frame shows the shot with the larger weight. Scene analyser 10
 * ended it at 141; it ends within B's own variation of 179. */
static void test_xfade_fade_in_ends_at_its_last_frame(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 80);
    syn_add_fade(&clip, &A, 80, 20, 0, &B, 0, 80);
    for (int i = 0; i < 100; i++) {
        float t = (i + 1) / 101.0f, p = 1 - t, x = (p - 0.2f) / 0.8f;
        float s = x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x);
        float wa = p * (p >= 0.8f ? (p - 0.8f) / 0.2f * (p - 0.8f) / 0.2f *
                                        (3 - 2 * (p - 0.8f) / 0.2f) : 0);
        SynFrame *f = &clip.f[80 + i];
        int in = (1 - p) * (1 - s) >= wa;
        f->a = in ? &B : &A;
        f->ka = f->kb = in ? i : 80 + i;
        f->gain = in ? (1 - p) * (1 - s) : wa;
    }
    syn_add(&clip, &B, 100, 100);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_FADE);
    CHECK(r.trans[0].last_frame >= 172 && r.trans[0].last_frame <= 180);
    CHECK_INT(r.events, 1);
}

/* The fade through black of test_scene_detect (12 frames in, 96..107)
 * keeps its end. */
static void test_short_fade_in_keeps_its_end(void)
{
    SynResult r;
    run_fade(12, &r);
    CHECK_INT(r.n_trans, 1);
    CHECK(r.trans[0].last_frame >= 106 && r.trans[0].last_frame <= 108);
}

/* The slow fade-in of test_slow_fade_in_ends_at_its_last_frame, B for
 * 20 frames, then `next`: its end is followed past B's first frames when
 * that transition is found, which ends the fade before it. */
static void run_fade_then(void (*next)(void), SynResult *r)
{
    clip.n = 0;
    syn_add(&clip, &A, 0, 80);
    syn_add_fade(&clip, &A, 80, 12, 4, &B, 0, 72);
    syn_add(&clip, &B, 72, 20);
    next();
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, r) == 0);
    CHECK_INT(r->n_trans, 2);
    CHECK_INT(r->trans[0].type, MT_TRANSITION_FADE);
    CHECK(r->trans[0].last_frame >= 163 && r->trans[0].last_frame <= 168);
    CHECK(r->trans[0].last_frame < r->trans[1].first_frame);
}

static void then_dissolve(void)
{
    syn_add_mix(&clip, &B, 92, &C, 0, 16, 0);
    syn_add(&clip, &C, 16, 150);
}

static void then_cut_on_the_last_frame(void)
{
    syn_add(&clip, &C, 0, 1);
}

/* A dissolve found while the fade's end is followed: the fade is reported
 * first (main at 53f33ac carried it after the dissolve's). */
static void test_fade_then_dissolve_events_in_order(void)
{
    SynResult r;
    run_fade_then(then_dissolve, &r);
    CHECK_INT(r.trans[1].type, MT_TRANSITION_DISSOLVE);
    CHECK_INT(r.events, 2);
    CHECK(r.events_in_order);
}

/* A cut on the stream's last frame while the fade's end is followed: both
 * are carried, the fade on the frame before (main at 53f33ac lost the
 * fade's event). */
static void test_fade_then_cut_on_the_last_frame_both_carried(void)
{
    SynResult r;
    run_fade_then(then_cut_on_the_last_frame, &r);
    CHECK_INT(r.trans[1].type, MT_TRANSITION_HARD);
    CHECK_INT(r.trans[1].frame, clip.n - 1);
    CHECK_INT(r.events, 2);
    CHECK(r.events_in_order);
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_rise_ends_at_the_new_level);
    RUN(test_cut_in_stays);
    RUN(test_slow_fade_in_ends_at_its_last_frame);
    RUN(test_xfade_fade_in_ends_at_its_last_frame);
    RUN(test_short_fade_in_keeps_its_end);
    RUN(test_fade_then_dissolve_events_in_order);
    RUN(test_fade_then_cut_on_the_last_frame_both_carried);
    UNIT_EXIT();
}
