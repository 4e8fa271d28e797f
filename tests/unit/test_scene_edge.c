/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Scene detector edge cases: empty and one-frame streams, tiny and odd
 * sizes, a size change mid-stream, bad images, the push/pop protocol. */
#include <errno.h>
#include <math.h>

#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

static const SynShot A = { 7, 0.003f, 0.0f, 0.02f, 0 };
static const SynShot B = { 8, 0.0f, 0.002f, 0.02f, 0 };

static SynClip clip;

/* the scenes tile [0, frames) and the transitions start scenes */
static void check_partition(const SynResult *r, int frames)
{
    int64_t at = 0;
    for (int i = 0; i < r->n_scenes; i++) {
        CHECK_INT(r->scenes[i].start_frame, at);
        CHECK(r->scenes[i].end_frame > r->scenes[i].start_frame);
        CHECK(r->scenes[i].representative_frame >= r->scenes[i].start_frame &&
              r->scenes[i].representative_frame < r->scenes[i].end_frame);
        CHECK_NEAR(r->hist_sum[i], 1.0, 1e-4);
        if (i > 0)
            CHECK_INT(r->trans[i - 1].frame, r->scenes[i].start_frame);
        at = r->scenes[i].end_frame;
    }
    CHECK_INT(at, frames);
    CHECK_INT(r->n_scenes, frames ? r->n_trans + 1 : 0);
}

static void test_zero_frames(void)
{
    MtSceneConfig cfg;
    MtSceneResult res;
    MtSceneFrameInfo fi;
    mt_scene_config_default(&cfg);
    MtSceneDetector *d = mt_scene_new(&cfg);
    CHECK(d);
    CHECK_INT(mt_scene_result(d, &res), -EINVAL); /* not before finish */
    CHECK_INT(mt_scene_pop(d, &fi), 0);
    mt_scene_finish(d, 0);
    mt_scene_finish(d, 0); /* twice is harmless */
    CHECK_INT(mt_scene_pop(d, &fi), 0);
    CHECK_INT(mt_scene_result(d, &res), 0);
    CHECK_INT(res.n_transitions, 0);
    CHECK_INT(res.n_scenes, 0);
    CHECK_INT(res.hist_bins, 32);
    CHECK(res.frame_features.rows == 0 && res.feature_names == NULL);
    CHECK(res.stream.width == 0 && res.stream.frames == 0);
    mt_scene_free(&d);
}

static void test_one_frame(void)
{
    SynResult r;
    clip.n = 0;
    syn_add(&clip, &A, 0, 1);
    CHECK(syn_run(&clip, SYN_YUV420P, 64, 36, NULL, 25, &r) == 0);
    CHECK_INT(r.n_popped, 1);
    CHECK_INT(r.n_trans, 0);
    CHECK_INT(r.n_scenes, 1);
    CHECK_INT(r.scenes[0].end_frame, 1);
    CHECK_NEAR(r.scenes[0].t_start, 0, 1e-12);
    /* the frame lasts one period at 25 fps (syn_run passes it) */
    CHECK_NEAR(r.scenes[0].t_end, 0.04, 1e-12);
    check_partition(&r, 1);
}

/* Runs frames at times t[0..n) (one shot) and finishes with the last
 * frame's duration len; *end is the one scene's end (-1 when the run
 * failed a check). */
static void run_last_scene(const double *t, int n, double len, double *end)
{
    MtSceneConfig cfg;
    MtSceneFrameInfo fi;
    MtSceneResult res;
    SynPlanes p;
    SynImage si;
    *end = -1;
    mt_scene_config_default(&cfg);
    MtSceneDetector *d = mt_scene_new(&cfg);
    CHECK(d && syn_alloc(&p, 64, 36) == 0);
    for (int k = 0; k < n; k++) {
        SynFrame fr = { .a = &A, .ka = k, .gain = 1 };
        syn_render(&fr, &p);
        CHECK(syn_pack(&p, SYN_YUV420P, &si) == 0);
        CHECK_INT(mt_scene_push(d, &si.img, k, t[k]), 0);
        free(si.buf);
    }
    mt_scene_finish(d, len);
    while (mt_scene_pop(d, &fi))
        ;
    CHECK_INT(mt_scene_result(d, &res), 0);
    CHECK_INT(res.n_transitions, 0);
    CHECK_INT(res.n_scenes, 1);
    if (res.n_scenes == 1) {
        CHECK_INT(res.scenes[0].start_frame, 0);
        CHECK_INT(res.scenes[0].end_frame, n);
        CHECK_NEAR(res.scenes[0].t_start, t[0], 1e-12);
        *end = res.scenes[0].t_end;
    }
    syn_free(&p);
    mt_scene_free(&d);
}

static double last_scene_end(const double *t, int n, double len)
{
    double end;
    run_last_scene(t, n, len, &end);
    return end;
}

/* The last scene ends when its last frame does: at the frame's time plus
 * the duration the host gives; without one (0, negative, NaN: key frames
 * only) one interval of the last two frames on, and a single frame, which
 * has none, where it starts. */
static void test_last_scene_end(void)
{
    static const double one[] = { 0.5 }, two[] = { 0, 0.04 }, vfr[] = { 0, 0.2, 0.25 };
    CHECK_NEAR(last_scene_end(one, 1, 0.04), 0.54, 1e-12);
    CHECK_NEAR(last_scene_end(one, 1, 0), 0.5, 1e-12);
    CHECK_NEAR(last_scene_end(one, 1, -1), 0.5, 1e-12);
    CHECK_NEAR(last_scene_end(one, 1, NAN), 0.5, 1e-12);
    CHECK_NEAR(last_scene_end(two, 2, 0.1), 0.14, 1e-12);
    CHECK_NEAR(last_scene_end(two, 2, 0), 0.08, 1e-12);
    /* variable rate: the last frame's own 0.2 s, not the 0.05 s before it */
    CHECK_NEAR(last_scene_end(vfr, 3, 0.2), 0.45, 1e-12);
    CHECK_NEAR(last_scene_end(vfr, 3, -1), 0.3, 1e-12);
}

static void test_tiny_and_odd_sizes(void)
{
    static const int sizes[][2] = { { 1, 1 }, { 2, 1 }, { 1, 3 }, { 3, 3 }, { 4097, 3 },
                                    { 3, 4097 }, { 17, 9 }, { 33, 1001 } };
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        int w = sizes[s][0], h = sizes[s][1];
        clip.n = 0;
        syn_add(&clip, &A, 0, 30);
        syn_add(&clip, &B, 0, 30);
        for (int f = 0; f < SYN_NFORMATS; f += syn_quick() ? 6 : 3) {
            SynResult r;
            CHECK(syn_run(&clip, (SynFormat)f, w, h, NULL, 25, &r) == 0);
            CHECK_INT(r.push_errors, 0);
            CHECK_INT(r.n_popped, 60);
            CHECK(r.order_ok);
            CHECK(r.n_trans <= 2);
            check_partition(&r, 60);
        }
    }
}

static void test_resolution_change(void)
{
    MtSceneConfig cfg;
    MtSceneFrameInfo fi;
    SynPlanes p1, p2;
    mt_scene_config_default(&cfg);
    MtSceneDetector *d = mt_scene_new(&cfg);
    CHECK(d && syn_alloc(&p1, 160, 90) == 0 && syn_alloc(&p2, 97, 131) == 0);
    int popped = 0, events = 0;
    for (int k = 0; k < 200; k++) {
        /* same shot, size changes at 70 and back at 140; a cut at 100 */
        SynFrame fr = { .a = k < 100 ? &A : &B, .ka = k, .gain = 1 };
        SynPlanes *p = k >= 70 && k < 140 ? &p2 : &p1;
        SynImage si;
        syn_render(&fr, p);
        CHECK(syn_pack(p, k < 100 ? SYN_NV12 : SYN_YUV422P10, &si) == 0);
        CHECK_INT(mt_scene_push(d, &si.img, k, k / 25.0), 0);
        free(si.buf);
        while (mt_scene_pop(d, &fi)) {
            CHECK_INT(fi.frame, popped);
            popped++;
            events += fi.has_event;
        }
    }
    mt_scene_finish(d, 1 / 25.0);
    while (mt_scene_pop(d, &fi)) {
        CHECK_INT(fi.frame, popped);
        popped++;
        events += fi.has_event;
    }
    CHECK_INT(popped, 200);
    MtSceneResult res;
    CHECK_INT(mt_scene_result(d, &res), 0);
    /* a size change is no boundary by itself; the cut is found */
    CHECK_INT(res.n_transitions, 1);
    CHECK_INT(res.transitions[0].frame, 100);
    CHECK_INT(events, 1);
    CHECK_INT(res.n_scenes, 2);
    CHECK_INT(res.scenes[1].end_frame, 200);
    syn_free(&p1);
    syn_free(&p2);
    mt_scene_free(&d);
}

static void test_bad_images(void)
{
    MtSceneConfig cfg;
    SynPlanes p;
    SynImage si;
    mt_scene_config_default(&cfg);
    MtSceneDetector *d = mt_scene_new(&cfg);
    CHECK(d && syn_alloc(&p, 32, 18) == 0);
    SynFrame fr = { .a = &A, .gain = 1 };
    syn_render(&fr, &p);
    CHECK(syn_pack(&p, SYN_YUV420P, &si) == 0);
    MtImage bad = si.img;
    CHECK_INT(mt_scene_push(d, NULL, 0, 0), -EINVAL);
    bad.width = 0;
    CHECK_INT(mt_scene_push(d, &bad, 0, 0), -EINVAL);
    bad = si.img;
    bad.data[2] = NULL;
    CHECK_INT(mt_scene_push(d, &bad, 0, 0), -EINVAL);
    bad = si.img;
    bad.comp[1].depth = 17;
    CHECK_INT(mt_scene_push(d, &bad, 0, 0), -EINVAL);
    bad = si.img;
    bad.comp[0].plane = 4;
    CHECK_INT(mt_scene_push(d, &bad, 0, 0), -EINVAL);
    bad = si.img;
    bad.model = (MtColorModel)7;
    CHECK_INT(mt_scene_push(d, &bad, 0, 0), -EINVAL);
    bad = si.img;
    bad.log2_chroma_w = 3;
    CHECK_INT(mt_scene_push(d, &bad, 0, 0), -EINVAL);
    /* still usable afterwards */
    CHECK_INT(mt_scene_push(d, &si.img, 0, 0), 0);
    mt_scene_finish(d, 0);
    CHECK_INT(mt_scene_push(d, &si.img, 1, 0.04), -EINVAL);
    MtSceneResult res;
    CHECK_INT(mt_scene_result(d, &res), 0);
    CHECK_INT(res.n_scenes, 1);
    free(si.buf);
    syn_free(&p);
    mt_scene_free(&d);
}

static void test_lookahead(void)
{
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    MtSceneDetector *d = mt_scene_new(&cfg);
    CHECK(d);
    CHECK_INT(mt_scene_lookahead(d), MT_SCENE_RECOLOUR_WINDOW + 1);
    mt_scene_free(&d);
    cfg.flash = 0;
    d = mt_scene_new(&cfg);
    CHECK(d);
    CHECK_INT(mt_scene_lookahead(d), 1);
    mt_scene_free(&d);
    cfg.flash = 1;
    cfg.flash_len = MT_SCENE_FLASH_LEN_MAX;
    d = mt_scene_new(&cfg);
    CHECK(d);
    CHECK_INT(mt_scene_lookahead(d), MT_SCENE_RECOLOUR_WINDOW + 1);
    mt_scene_free(&d);
}

/* Irregular timestamps (variable frame rate): min_scene_len is in seconds. */
static void test_variable_frame_rate(void)
{
    MtSceneConfig cfg;
    MtSceneFrameInfo fi;
    SynPlanes p;
    mt_scene_config_default(&cfg);
    cfg.min_scene_len = 1.0;
    MtSceneDetector *d = mt_scene_new(&cfg);
    CHECK(d && syn_alloc(&p, 128, 72) == 0);
    double t = 0;
    for (int k = 0; k < 120; k++) {
        /* cuts at 40 (t 1.2 s) and 60 (t 1.4 s: too close) and 90 */
        const SynShot *s = k < 40 ? &A : k < 60 ? &B : k < 90 ? &A : &B;
        SynFrame fr = { .a = s, .ka = k, .gain = 1 };
        SynImage si;
        syn_render(&fr, &p);
        CHECK(syn_pack(&p, SYN_YUV420P, &si) == 0);
        CHECK_INT(mt_scene_push(d, &si.img, k, t), 0);
        free(si.buf);
        t += k < 40 ? 0.03 : k < 60 ? 0.01 : 0.05;
        while (mt_scene_pop(d, &fi))
            ;
    }
    /* the last frame (at 4.35 s) lasts 0.02 s, less than the 0.05 s before */
    mt_scene_finish(d, 0.02);
    MtSceneResult res;
    CHECK_INT(mt_scene_result(d, &res), 0);
    CHECK_INT(res.n_transitions, 2);
    CHECK_INT(res.transitions[0].frame, 40);
    CHECK_INT(res.transitions[1].frame, 90);
    CHECK_NEAR(res.transitions[0].t, 40 * 0.03, 1e-9);
    CHECK_INT(res.n_scenes, 3);
    CHECK_NEAR(res.scenes[2].t_end, 40 * 0.03 + 20 * 0.01 + 59 * 0.05 + 0.02, 1e-9);
    syn_free(&p);
    mt_scene_free(&d);
}

int main(void)
{
    RUN(test_zero_frames);
    RUN(test_one_frame);
    RUN(test_last_scene_end);
    RUN(test_tiny_and_odd_sizes);
    RUN(test_resolution_change);
    RUN(test_bad_images);
    RUN(test_lookahead);
    RUN(test_variable_frame_rate);
    UNIT_EXIT();
}
