/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Scene detector on synthetic clips: cuts, gradual transitions and the
 * hard negatives (flashes, fast pans, brightness ramps, static noise). */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_rgb.h"
#include "tests/unit/test_scene_synth.h"

#define FPS 25.0
static int W = 192, H = 108; /* 96 x 54 with MONTAGE_TEST_QUICK */

/* textured shots with a little motion and noise, all different */
static const SynShot A = { 11, 0.002f, 0.001f, 0.02f, 0 };
static const SynShot B = { 22, -0.003f, 0.0f, 0.02f, 0 };
static const SynShot C = { 33, 0.0f, 0.002f, 0.02f, 0 };
static const SynShot D = { 44, 0.001f, -0.001f, 0.02f, 0 };

static SynClip clip;

static void test_hard_cuts_frame_exact(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 40);
    syn_add(&clip, &B, 0, 55);
    syn_add(&clip, &C, 0, 35);
    syn_add(&clip, &D, 0, 50);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 3);
    const int at[3] = { 40, 95, 130 };
    for (int i = 0; i < 3; i++) {
        CHECK_INT(r.trans[i].type, MT_TRANSITION_HARD);
        CHECK_INT(r.trans[i].frame, at[i]);
        CHECK_INT(r.trans[i].first_frame, at[i]);
        CHECK_INT(r.trans[i].last_frame, at[i]);
        CHECK_INT(r.trans[i].pts, 1000 * at[i]);
        CHECK_NEAR(r.trans[i].t, at[i] / FPS, 1e-9);
        CHECK(r.trans[i].score > 0 && r.trans[i].score <= 1);
    }
    CHECK_INT(r.n_popped, clip.n);
    CHECK(r.order_ok);
    CHECK_INT(r.events, 3);
}

/* A cut that stands out from the motion around it (between two still
 * shots dimmed to a quarter: a small change of luma and colour) needs only
 * 0.8 of the threshold: with the threshold set so that its excess is 0.9 of
 * it, it is found; at 0.75 of it, not. (Scene analyser 9 tested this on a
 * fifth of another shot blended into the same one, which keeps the
 * structure of every block: no cut since analyser 10, scene_cut_extent.h.)
 * Both runs without the flash test, which turns off analyser 13's rule for
 * cuts between still shots (from 0.5 of the threshold: scene_still_cut.h,
 * test_scene_still_cut.c), so that the 0.8 is what is tested. */
static void test_standout_cut_relaxed(void)
{
    static const SynShot still_a = { 11, 0, 0, 0.01f, 0 }, still_b = { 22, 0, 0, 0.01f, 0 };
    SynResult r;
    MtSceneConfig cfg;
    clip.n = 0;
    syn_add(&clip, &still_a, 0, 40);
    syn_add(&clip, &still_b, 0, 40);
    for (int k = 0; k < 80; k++)
        clip.f[k].gain = 0.25f;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    float excess = 2 * r.trans[0].score; /* the score is half the excess */
    CHECK(excess > 0.1f && excess < 1.5f);
    mt_scene_config_default(&cfg);
    cfg.flash = 0;
    cfg.threshold = excess / 2 / 0.9;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].frame, 40);
    cfg.threshold = excess / 2 / 0.75;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
}

static void test_flashes_do_not_cut(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 100);
    clip.f[30].flash = 1.0f;                       /* one white frame */
    clip.f[60].flash = clip.f[61].flash = 0.9f;    /* two strong frames */
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
    CHECK_INT(r.flash_frames, 3);

    /* without flash suppression the flash frames make boundaries */
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    cfg.flash = 0;
    cfg.min_scene_len = 0;
    clip.f[30].flash = 0;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
    CHECK(r.n_trans >= 1);
    CHECK_INT(r.flash_frames, 0);
}

static void test_flash_next_to_cut(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 50);
    syn_add(&clip, &B, 0, 60);
    clip.f[70].flash = 1.0f;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].frame, 50);
}

/* Another picture showing through over three frames (a flash or a sprite
 * over one shot of a dissolve: each step too small to be a candidate) and
 * gone at once: the one large step back ends an excursion and is no cut;
 * a real cut after the same build-up is still one. */
static void test_excursion_end_is_no_cut(void)
{
    SynResult r;
    clip.n = 0;
    syn_add_mix(&clip, &A, 0, &B, 0, 100, 0);
    for (int k = 0; k < 100; k++)
        clip.f[k].mix = k >= 50 && k < 53 ? 0.12f * (k - 49) : 0;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
    clip.n = 53;
    syn_add(&clip, &C, 0, 50);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].frame, 53);
}

static void test_fast_pan_does_not_cut(void)
{
    /* 4 % of the width per frame: a full screen in 25 frames */
    static const SynShot pan = { 55, 0.04f, 0.0f, 0.02f, 0 };
    static const SynShot tilt = { 66, 0.0f, -0.03f, 0.02f, 0 };
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &pan, 0, 90);
    syn_add(&clip, &tilt, 0, 90);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].frame, 90);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_HARD);
}

static void test_brightness_ramps_do_not_cut(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 200);
    for (int k = 40; k < 200; k++) /* down to 45 % over 60 frames, then up to 160 % */
        clip.f[k].gain = k < 100 ? 1.0f - 0.55f * (k - 39) / 60.0f
                       : k < 120 ? 0.45f
                       : 0.45f + 1.15f * fminf(1.0f, (k - 119) / 60.0f);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
}

static void test_static_noisy_shots(void)
{
    static const SynShot grey = { 77, 0, 0, 0.15f, 1 };   /* flat grey, strong noise */
    static const SynShot still = { 88, 0, 0, 0.06f, 0 };  /* static picture, noise */
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &grey, 0, 150);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
    clip.n = 0;
    syn_add(&clip, &still, 0, 150);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
}

/* 80 frames of shot a, n frames mixing into b (frames 80..79+n; a wipe
 * or a dissolve), 80 frames of b */
static void run_mix(const SynShot *a, const SynShot *b, int n, int wipe, SynResult *r)
{
    clip.n = 0;
    syn_add(&clip, a, 0, 80);
    syn_add_mix(&clip, a, 80, b, 0, n, wipe);
    syn_add(&clip, b, n, 80);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, r) == 0);
}

static void test_dissolve(void)
{
    SynResult r;
    run_mix(&A, &B, 20, 0, &r); /* frames 80..99 */
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_DISSOLVE);
    CHECK(r.trans[0].frame >= 80 && r.trans[0].frame <= 99);
    CHECK(r.trans[0].first_frame >= 76 && r.trans[0].first_frame <= 90);
    CHECK(r.trans[0].last_frame >= 90 && r.trans[0].last_frame <= 103);
    CHECK(r.trans[0].first_frame <= r.trans[0].frame && r.trans[0].frame <= r.trans[0].last_frame);
    CHECK_INT(r.events, 1);
}

/* The span of a 30-frame linear dissolve (frames 80..109): where the
 * progress runs from 0 to 1, not only its middle (scene analyser 6
 * reported [89,100]). Detected at lag 8 before its end is in: the last
 * frame is the newest one seen then (108). */
static void test_dissolve_span(void)
{
    SynResult r;
    run_mix(&A, &B, 30, 0, &r);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_DISSOLVE);
    CHECK_NEAR(r.trans[0].first_frame, 80, 2);
    CHECK_NEAR(r.trans[0].last_frame, 109, 2);
}

/* A dissolve out of a shot that moves too fast for any anchor frame to
 * predict its content in the middle (a pan of a tenth of the picture per
 * frame): the blend test cannot see it, the contrast dip inside the span
 * can. Missed by scene analyser 5. */
static void test_dissolve_out_of_fast_motion(void)
{
    static const SynShot fast = { 55, 0.1f, 0.0f, 0.02f, 0 };
    SynResult r;
    run_mix(&fast, &B, 36, 0, &r); /* frames 80..115 */
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_DISSOLVE);
    CHECK(r.trans[0].frame >= 80 && r.trans[0].frame <= 115);
    /* and its span, which the light test leaves alone: the start within
     * 2 frames (78); the fitted ramp (scene_span.h) runs on to 134, as the
     * incoming shot's own drift keeps the progress rising after the mix
     * ends (a known weakness of the span along moving shots, in
     * montagescene.texi; analyser 6 reported 78..113) */
    CHECK(r.trans[0].first_frame >= 76 && r.trans[0].first_frame <= 88);
    CHECK(r.trans[0].last_frame >= 108 && r.trans[0].last_frame <= 136);
}

static void test_wipe(void)
{
    SynResult r;
    run_mix(&C, &D, 16, 1, &r); /* frames 80..95 */
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_WIPE);
    CHECK(r.trans[0].frame >= 80 && r.trans[0].frame <= 95);
}

/* The same wipe with every image held 3 frames (content animated at a third
 * of the stream rate, as in rendered cutscenes): the content's own motion,
 * not an edit. Still shots, so held frames repeat exactly. */
static void test_held_wipe_is_no_edit(void)
{
    static const SynShot still_c = { 33, 0, 0, 0, 0 }, still_d = { 44, 0, 0, 0, 0 };
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &still_c, 0, 80);
    syn_add_mix(&clip, &still_c, 0, &still_d, 0, 18, 1); /* frames 80..97 */
    for (int k = 80; k < 98; k++) /* images 80, 83, ... each held 3 frames */
        clip.f[k].mix = clip.f[80 + (k - 80) / 3 * 3].mix;
    syn_add(&clip, &still_d, 0, 80);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 0);
}

static void test_fade_through_black(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 80);
    syn_add_fade(&clip, &A, 80, 12, 4, &B, 0, 12); /* 80..91 out, 92..95 black, 96..107 in */
    syn_add(&clip, &B, 12, 80);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_FADE);
    CHECK(r.trans[0].frame >= 96 && r.trans[0].frame <= 98); /* B shows through */
    CHECK(r.trans[0].first_frame >= 79 && r.trans[0].first_frame <= 81);
    CHECK(r.trans[0].last_frame >= 106 && r.trans[0].last_frame <= 108);

    /* no black frame at all: the two ramps meet */
    clip.n = 0;
    syn_add(&clip, &C, 0, 80);
    syn_add_fade(&clip, &C, 80, 15, 0, &D, 0, 15);
    syn_add(&clip, &D, 15, 80);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_FADE);
    CHECK(r.trans[0].frame >= 80 && r.trans[0].frame <= 110);
}

static void test_fade_through_white(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 80);
    syn_add(&clip, &A, 80, 12);
    syn_add(&clip, &B, 0, 4);
    syn_add(&clip, &B, 4, 12);
    syn_add(&clip, &B, 16, 80);
    for (int i = 0; i < 12; i++) {
        clip.f[80 + i].flash = (i + 1) / 13.0f;
        clip.f[96 + i].flash = 1 - (i + 1) / 13.0f;
    }
    for (int i = 92; i < 96; i++)
        clip.f[i].flash = 1;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_FADE);
    CHECK(r.trans[0].frame >= 96 && r.trans[0].frame <= 98);
}

static void test_min_scene_len(void)
{
    SynResult r;
    MtSceneConfig cfg;
    clip.n = 0;
    syn_add(&clip, &A, 0, 40);
    syn_add(&clip, &B, 0, 6);  /* 6 frames = 0.24 s */
    syn_add(&clip, &C, 0, 44);
    syn_add(&clip, &D, 0, 40);
    mt_scene_config_default(&cfg);
    cfg.min_scene_len = 0.4;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 2); /* 46 is too close to 40 */
    CHECK_INT(r.trans[0].frame, 40);
    CHECK_INT(r.trans[1].frame, 90);
    cfg.min_scene_len = 0;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 3);
    CHECK_INT(r.trans[1].frame, 46);
    cfg.min_scene_len = 2.0; /* 50 frames */
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 2);
    CHECK_INT(r.trans[1].frame, 90);
}

static void test_events_and_scenes(void)
{
    MtSceneConfig cfg;
    MtSceneFrameInfo fi;
    SynPlanes pl;
    mt_scene_config_default(&cfg);
    cfg.keep_features = 1;
    syn_add_cut_and_dissolve(&clip, &A, &B, &C, 90);
    MtSceneDetector *det = mt_scene_new(&cfg);
    CHECK(det && syn_alloc(&pl, W, H) == 0);
    int la = mt_scene_lookahead(det), hard = -1, grad_at = -1, popped = 0;
    int64_t grad_frame = -1, grad_first = -1, grad_last = -1;
    CHECK_INT(la, MT_SCENE_RECOLOUR_WINDOW + 1);
    for (int k = 0; k <= clip.n; k++) {
        if (k < clip.n) {
            SynImage si;
            syn_render(&clip.f[k], &pl);
            CHECK(syn_pack(&pl, SYN_YUV420P, &si) == 0);
            CHECK_INT(mt_scene_push(det, &si.img, k, k / FPS), 0);
            free(si.buf);
        } else {
            mt_scene_finish(det, 1 / FPS);
            CHECK(mt_scene_push(det, NULL, k, k / FPS) < 0);
        }
        while (mt_scene_pop(det, &fi)) {
            CHECK_INT(fi.frame, popped);
            /* a frame's info is final flash_len + 1 frames after it at the
             * earliest (more while a recolouring waits) */
            CHECK(k == clip.n || fi.frame <= k - (cfg.flash_len + 1));
            CHECK(fi.score >= 0 && fi.score <= 1);
            CHECK(fi.luma >= 0 && fi.luma <= 1);
            if (fi.has_event && fi.event.type == MT_TRANSITION_HARD) {
                hard = (int)fi.frame;
                CHECK_INT(fi.event.frame, fi.frame);
                CHECK(fi.score >= cfg.threshold);
            } else if (fi.has_event) {
                grad_at = (int)fi.frame;
                grad_frame = fi.event.frame;
                grad_first = fi.event.first_frame;
                grad_last = fi.event.last_frame;
                CHECK_NEAR(fi.event.t, fi.event.frame / FPS, 1e-9);
            } else {
                CHECK_INT(fi.event.frame, -1);
            }
            popped++;
        }
    }
    CHECK_INT(popped, clip.n);
    CHECK_INT(hard, 70);
    /* the dissolve is reported once confirmed, after its last frame */
    CHECK(grad_frame >= 130 && grad_frame <= 145);
    CHECK(grad_first <= grad_frame && grad_frame <= grad_last);
    CHECK(grad_at > grad_last);

    MtSceneResult res;
    CHECK_INT(mt_scene_result(det, &res), 0);
    CHECK_INT(res.n_transitions, 2);
    CHECK_INT(res.n_scenes, 3);
    CHECK_INT(res.hist_bins, 32);
    CHECK_INT(res.scenes[0].start_frame, 0);
    CHECK_INT(res.scenes[0].end_frame, 70);
    CHECK_INT(res.scenes[1].start_frame, 70);
    CHECK_INT(res.scenes[1].end_frame, res.transitions[1].frame);
    CHECK_INT(res.scenes[2].end_frame, clip.n);
    CHECK_NEAR(res.scenes[2].t_end, clip.n / FPS, 1e-9);
    for (size_t i = 0; i < res.n_scenes; i++) {
        const MtScene *s = &res.scenes[i];
        float sum = 0;
        for (int b = 0; b < res.hist_bins; b++) {
            CHECK(s->mean_hist[b] >= 0);
            sum += s->mean_hist[b];
        }
        CHECK_NEAR(sum, 1.0, 1e-4);
        CHECK(s->representative_frame >= s->start_frame && s->representative_frame < s->end_frame);
        CHECK(s->mean_luma > 0 && s->mean_luma < 1);
        CHECK(s->motion >= 0);
        CHECK_NEAR(s->t_start, s->start_frame / FPS, 1e-9);
    }
    /* the representative frame of the middle scene avoids the dissolve */
    CHECK(res.scenes[1].representative_frame < res.transitions[1].first_frame);
    CHECK_INT(res.frame_features.rows, clip.n);
    CHECK_INT(res.frame_features.cols, MT_SCENE_FEATURE_COLS);
    CHECK(res.feature_names && !strcmp(res.feature_names[0], "luma") &&
          !strcmp(res.feature_names[MT_SCENE_FEATURE_COLS - 1], "activity"));
    /* the score column peaks at the cut */
    CHECK(res.frame_features.data[70 * MT_SCENE_FEATURE_COLS + 3] >= cfg.threshold);
    syn_free(&pl);
    mt_scene_free(&det);
    CHECK(det == NULL);
}

static void test_gradual_off(void)
{
    SynResult r;
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    cfg.gradual_threshold = 0;
    clip.n = 0;
    syn_add(&clip, &A, 0, 80);
    syn_add_mix(&clip, &A, 80, &B, 0, 20, 0);
    syn_add(&clip, &B, 20, 40);
    syn_add(&clip, &C, 0, 40);
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].frame, 140);
}

/* Runs the detector with default settings over n frames of a packed RGB
 * clip painted by `paint` and checks that it finds exactly `expected`
 * boundaries (0 or 1), the one a hard cut at frame `cut`. */
static void check_rgb_clip_transitions(int w, int h, int n, RgbPainter paint, int expected, int cut)
{
    uint8_t *px = malloc((size_t)w * h * 3);
    CHECK(px != NULL);
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    MtSceneDetector *det = mt_scene_new(&cfg);
    CHECK(det != NULL);
    MtImage img = rgb_image(px, w, h);
    MtSceneFrameInfo fi;
    for (int k = 0; k < n; k++) {
        paint(px, w, h, k);
        CHECK_INT(mt_scene_push(det, &img, k, k / FPS), 0);
        while (mt_scene_pop(det, &fi))
            ;
    }
    mt_scene_finish(det, 1 / FPS);
    while (mt_scene_pop(det, &fi))
        ;
    MtSceneResult r;
    CHECK_INT(mt_scene_result(det, &r), 0);
    CHECK_INT(r.n_transitions, expected);
    if (expected == 1 && r.n_transitions == 1) {
        CHECK_INT(r.transitions[0].type, MT_TRANSITION_HARD);
        CHECK_INT(r.transitions[0].frame, cut);
    }
    mt_scene_free(&det);
    free(px);
}

/* 30 frames each of red, dark red, blue */
static void paint_flat_fields(uint8_t *px, int w, int h, int k)
{
    static const uint8_t rgb[3][3] = { { 220, 30, 30 }, { 90, 12, 12 }, { 30, 40, 220 } };
    for (int i = 0; i < w * h; i++)
        memcpy(px + 3 * i, rgb[k / 30], 3);
}

/* Flat colour fields: no structure to change, so the hue decides. Red to
 * a darker red (a gain change) is no cut; dark red to blue is one. */
static void test_flat_colour_fields(void)
{
    check_rgb_clip_transitions(64, 36, 90, paint_flat_fields, 1, 60);
}

/* A red tint over the whole frame keeps the picture's structure: no cut
 * (the hue alone cut at its first frame). The cut to another picture in
 * the same colours is still one. */
static void test_colour_tint_is_no_cut(void)
{
    check_rgb_clip_transitions(160, 90, 140, paint_tinted_picture, 1, TINT_CUT_AT);
}

enum { PANNED_TINT_AT = 40, PANNED_TINT_UP = 2, PANNED_TINT_BACK = 12, PANNED_TINT_SPEED = 4 };

/* The same picture panning PANNED_TINT_SPEED pixels a frame, hit by a red
 * tint that comes in over PANNED_TINT_UP frames and fades back over
 * PANNED_TINT_BACK, as a game's damage palette does while the player runs:
 * the contrast dips and no anchor predicts the moving texture, but the
 * frames turn more colourful than both ends, which no dissolve does. Scene
 * analyser 6 reported a dissolve (frame 40, frames 31..42). */
static void paint_panned_tint(uint8_t *px, int w, int h, int k)
{
    static const float base[3] = { 170, 150, 125 };
    static const float red[3] = { 255, 0, 0 };
    int j = k - PANNED_TINT_AT;
    float tint = j < 0 || j >= PANNED_TINT_UP + PANNED_TINT_BACK ? 0
               : j < PANNED_TINT_UP ? 0.4f * (j + 1) / PANNED_TINT_UP
               : 0.4f * (PANNED_TINT_UP + PANNED_TINT_BACK - j) / PANNED_TINT_BACK;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned xx = (unsigned)(x + PANNED_TINT_SPEED * k);
            unsigned r = xx / 8 * 73856093u ^ (unsigned)(y / 8) * 19349663u ^ 83492791u;
            float lit = 0.1f + 0.9f * (float)((r >> 7) % 97) / 96.0f;
            for (int c = 0; c < 3; c++)
                px[3 * (y * w + x) + c] = (uint8_t)lrintf((1 - tint) * base[c] * lit + tint * red[c]);
        }
}

static void test_tint_fading_back_in_pan_is_no_dissolve(void)
{
    check_rgb_clip_transitions(160, 90, 120, paint_panned_tint, 0, -1);
}

enum { STROBE_EVERY = 20, STROBE_LEN = 10, STROBE_CUT_AT = 101 };

/* A textured picture (8-pixel blocks) sliding 2 pixels a frame; every
 * STROBE_EVERY frames a red light strobes on for STROBE_LEN frames (longer
 * than the flash test's flash_len): half of every pixel blended toward
 * red, the other half brightened more in the shadows than in the lights
 * (a square root), so the structure changes a little, as a game's lighting
 * does. From STROBE_CUT_AT another pattern; the strobe fires 3 frames
 * after the cut. */
static void paint_strobed_picture(uint8_t *px, int w, int h, int k)
{
    static const float base[3] = { 150, 140, 120 }, red[3] = { 255, 0, 0 };
    unsigned seed = k < STROBE_CUT_AT ? 1 : 2;
    int on = k >= STROBE_EVERY && (k - 4) % STROBE_EVERY < STROBE_LEN;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int xs = x + 2 * k;
            unsigned r = (unsigned)(xs / 8) * 73856093u ^ (unsigned)(y / 8) * 19349663u ^ seed * 83492791u;
            float lit = 0.1f + 0.9f * (float)((r >> 7) % 97) / 96.0f;
            for (int c = 0; c < 3; c++) {
                float v = base[c] * lit;
                if (on)
                    v = 0.5f * 255 * sqrtf(v / 255) + 0.5f * red[c];
                px[3 * (y * w + x) + c] = (uint8_t)lrintf(v);
            }
        }
}

/* A strobe recolours the moving picture and the colours come back within
 * the window: no cut (scene analyser 6 cut at 74 and 94, which also hid
 * the real cut). The real cut just before a strobe stays. */
static void test_strobe_is_no_cut(void)
{
    check_rgb_clip_transitions(160, 90, 160, paint_strobed_picture, 1, STROBE_CUT_AT);
}

static void paint_lamp_static(uint8_t *px, int w, int h, int k)
{
    paint_lamp_strobe(px, w, h, k, 0, 0);
}

static void paint_lamp_moving(uint8_t *px, int w, int h, int k)
{
    paint_lamp_strobe(px, w, h, k, 2, 0);
}

static void paint_lamp_cut(uint8_t *px, int w, int h, int k)
{
    paint_lamp_strobe(px, w, h, k, 2, LAMP_CUT_AT);
}

/* A colourless strobe over a still and a moving picture: the frame before
 * each strobe comes back when it goes dark, so no cut (scene analyser 7 cut
 * at every onset, 7 in 150 frames). A cut inside the strobe is found. The
 * clips end in the dark: a strobe still lit at the end has not come back. */
static void test_lamp_strobe_is_no_cut(void)
{
    check_rgb_clip_transitions(160, 90, 150, paint_lamp_static, 0, -1);
    check_rgb_clip_transitions(160, 90, 150, paint_lamp_moving, 0, -1);
    check_rgb_clip_transitions(160, 90, 150, paint_lamp_cut, 1, LAMP_CUT_AT);
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_hard_cuts_frame_exact);
    RUN(test_standout_cut_relaxed);
    RUN(test_flashes_do_not_cut);
    RUN(test_flash_next_to_cut);
    RUN(test_excursion_end_is_no_cut);
    RUN(test_fast_pan_does_not_cut);
    RUN(test_brightness_ramps_do_not_cut);
    RUN(test_flat_colour_fields);
    RUN(test_colour_tint_is_no_cut);
    RUN(test_tint_fading_back_in_pan_is_no_dissolve);
    RUN(test_strobe_is_no_cut);
    RUN(test_lamp_strobe_is_no_cut);
    RUN(test_static_noisy_shots);
    RUN(test_dissolve);
    RUN(test_dissolve_span);
    RUN(test_dissolve_out_of_fast_motion);
    RUN(test_wipe);
    RUN(test_held_wipe_is_no_edit);
    RUN(test_fade_through_black);
    RUN(test_fade_through_white);
    RUN(test_min_scene_len);
    RUN(test_events_and_scenes);
    RUN(test_gradual_off);
    UNIT_EXIT();
}
