/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Every pixel-format family gives the same detections and nearly the same
 * features: 8-bit yuv420p, 10-bit yuv422p10le, NV12, P010, gray, rgb24,
 * bgra, full and limited range. */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#include "analysis/scene/scene_metric.h"

#define FPS 25.0
static int W = 192, H = 108; /* 96 x 54 with MONTAGE_TEST_QUICK */

static const SynShot A = { 101, 0.002f, 0.0f, 0.02f, 0 };
static const SynShot B = { 202, -0.002f, 0.001f, 0.02f, 0 };
static const SynShot C = { 303, 0.03f, 0.0f, 0.02f, 0 }; /* fast pan */
static const SynShot D = { 404, 0.0f, 0.0f, 0.03f, 0 };
static const SynShot E = { 505, 0.001f, 0.001f, 0.02f, 0 };

static SynClip clip;

/* cut, flash, fast pan, dissolve, fade, cut */
static void build(void)
{
    clip.n = 0;
    syn_add(&clip, &A, 0, 50);
    syn_add(&clip, &B, 0, 70);
    clip.f[80].flash = 1;
    syn_add(&clip, &C, 0, 60);
    syn_add_mix(&clip, &C, 60, &D, 0, 16, 0);
    syn_add(&clip, &D, 16, 70);
    syn_add_fade(&clip, &D, 86, 10, 3, &E, 0, 10);
    syn_add(&clip, &E, 10, 60);
}

static SynResult res[SYN_NFORMATS];
static int ran;

/* one rendering, one detector per format */
static void run_all(void)
{
    static const SynFormat all[SYN_NFORMATS] = { SYN_YUV420P, SYN_YUV422P10, SYN_NV12, SYN_P010,
                                                 SYN_GRAY, SYN_RGB24, SYN_BGRA };
    if (ran)
        return;
    build();
    ran = syn_run_formats(&clip, all, SYN_NFORMATS, W, H, NULL, FPS, res) == 0 ? 1 : -1;
}

static void test_reference_yuv420p(void)
{
    run_all();
    CHECK_INT(ran, 1);
    const SynResult *ref = &res[SYN_YUV420P];
    CHECK_INT(ref->push_errors, 0);
    CHECK_INT(ref->n_trans, 4);
    CHECK_INT(ref->trans[0].type, MT_TRANSITION_HARD);
    CHECK_INT(ref->trans[0].frame, 50);
    CHECK_INT(ref->trans[1].type, MT_TRANSITION_HARD);
    CHECK_INT(ref->trans[1].frame, 120);
    CHECK_INT(ref->trans[2].type, MT_TRANSITION_DISSOLVE);
    CHECK(ref->trans[2].frame >= 180 && ref->trans[2].frame < 196);
    CHECK_INT(ref->trans[3].type, MT_TRANSITION_FADE);
    CHECK(ref->trans[3].frame >= 279 && ref->trans[3].frame <= 281);
    CHECK_INT(ref->flash_frames, 1);
}

static void same_as_reference(SynFormat f)
{
    const SynResult *r = &res[f], *ref = &res[SYN_YUV420P];
    run_all();
    CHECK_INT(ran, 1);
    CHECK_INT(r->push_errors, 0);
    CHECK_INT(r->n_popped, clip.n);
    CHECK_INT(r->n_trans, ref->n_trans);
    for (int i = 0; i < r->n_trans; i++) {
        CHECK_INT(r->trans[i].type, ref->trans[i].type);
        if (r->trans[i].type == MT_TRANSITION_HARD)
            CHECK_INT(r->trans[i].frame, ref->trans[i].frame);
        else /* located from the same picture, quantised differently */
            CHECK(llabs(r->trans[i].frame - ref->trans[i].frame) <= 2);
    }
    CHECK_INT(r->flash_frames, ref->flash_frames);
    CHECK_INT(r->n_scenes, ref->n_scenes);
}

static void test_yuv422p10le(void) { same_as_reference(SYN_YUV422P10); }
static void test_nv12(void)        { same_as_reference(SYN_NV12); }
static void test_p010(void)        { same_as_reference(SYN_P010); }
static void test_gray(void)        { same_as_reference(SYN_GRAY); }
static void test_rgb24(void)       { same_as_reference(SYN_RGB24); }
static void test_bgra(void)        { same_as_reference(SYN_BGRA); }

/* Features of one picture in every format: normalised to the same values
 * (within quantisation), gray with neutral chroma. */
static void test_features_agree(void)
{
    SynPlanes pl;
    MtSceneGrid g = { 0 };
    MtSceneFeat f[SYN_NFORMATS];
    float *mem = NULL;
    SynFrame fr = { .a = &A, .ka = 3, .gain = 1 };
    CHECK(syn_alloc(&pl, W, H) == 0);
    syn_render(&fr, &pl);
    CHECK_INT(mt_scene_grid_init(&g, W, H, 48), 0);
    int n = g.gw * g.gh;
    CHECK_INT(g.gw, 48);
    CHECK_INT(g.gh, H * 48 / W);
    mem = calloc((size_t)SYN_NFORMATS * 4 * n, sizeof(*mem));
    CHECK(mem);
    for (int k = 0; k < SYN_NFORMATS; k++) {
        MtSceneLut lut = { 0 };
        SynImage si;
        f[k].y = mem + (size_t)k * 4 * n;
        f[k].u = f[k].y + n;
        f[k].v = f[k].u + n;
        f[k].yn = f[k].v + n;
        CHECK(syn_pack(&pl, (SynFormat)k, &si) == 0);
        CHECK_INT(mt_scene_image_check(&si.img), 0);
        CHECK_INT(mt_scene_lut_update(&lut, &si.img), 0);
        mt_scene_features(&g, &lut, &si.img, &f[k]);
        mt_scene_lut_free(&lut);
        free(si.buf);
    }
    for (int k = 1; k < SYN_NFORMATS; k++) {
        /* RGB clips the most saturated colours of the test picture: judge
         * it by the mean difference */
        int rgb = k == SYN_RGB24 || k == SYN_BGRA;
        float dy = 0, dc = 0, sum = 0;
        for (int i = 0; i < n; i++) {
            float ey = fabsf(f[k].y[i] - f[0].y[i]);
            float ec = fabsf(f[k].u[i] - f[0].u[i]) + fabsf(f[k].v[i] - f[0].v[i]);
            dy = rgb ? dy + ey / n : fmaxf(dy, ey);
            if (k != SYN_GRAY)
                dc = rgb ? dc + ec / n : fmaxf(dc, ec);
        }
        for (int b = 0; b < MT_SCENE_HIST_BINS; b++)
            sum += f[k].hist[b];
        if (dy > 0.02f || dc > 0.03f)
            printf("# %s: luma diff %.4f chroma diff %.4f\n", syn_format_names[k], dy, dc);
        CHECK(dy <= 0.02f);
        CHECK(dc <= 0.03f);
        CHECK_NEAR(sum, 1.0, 1e-4);
        CHECK_NEAR(f[k].mean, f[0].mean, 0.01);
        CHECK_NEAR(f[k].std, f[0].std, 0.01);
        CHECK(mt_scene_hist_dist(&f[k], &f[0]) < (k == SYN_GRAY ? 0.35f : 0.03f));
    }
    /* gray: chroma neutral everywhere */
    for (int i = 0; i < n; i++) {
        CHECK(f[SYN_GRAY].u[i] == 0 && f[SYN_GRAY].v[i] == 0);
    }
    free(mem);
    mt_scene_grid_free(&g);
    syn_free(&pl);
}

/* full-range YUV reads like limited range of the same picture */
static void test_full_range(void)
{
    SynPlanes pl;
    SynImage si;
    MtSceneGrid g = { 0 };
    MtSceneLut lut = { 0 };
    SynFrame fr = { .a = &B, .ka = 0, .gain = 1 };
    CHECK(syn_alloc(&pl, W, H) == 0);
    syn_render(&fr, &pl);
    CHECK_INT(mt_scene_grid_init(&g, W, H, 48), 0);
    int n = g.gw * g.gh;
    float *mem = calloc(8 * (size_t)n, sizeof(float));
    CHECK(mem);
    MtSceneFeat lim = { 0 }, full = { 0 };
    lim.y = mem;          lim.u = lim.y + n;   lim.v = lim.u + n;   lim.yn = lim.v + n;
    full.y = mem + 4 * n; full.u = full.y + n; full.v = full.u + n; full.yn = full.v + n;
    CHECK(syn_pack(&pl, SYN_YUV420P, &si) == 0);
    CHECK_INT(mt_scene_lut_update(&lut, &si.img), 0);
    mt_scene_features(&g, &lut, &si.img, &lim);
    /* rewrite the samples as full range */
    const MtImage *img = &si.img;
    for (int j = 0; j < H; j++)
        for (int i = 0; i < W; i++) {
            uint8_t *p = si.buf + j * img->linesize[0] + i;
            *p = (uint8_t)syn_clampi((int)lrintf(pl.y[(size_t)j * W + i] * 255), 0, 255);
        }
    for (int c = 1; c < 3; c++)
        for (int j = 0; j < (H + 1) / 2; j++)
            for (int i = 0; i < (W + 1) / 2; i++) {
                float u, v;
                syn_chroma_at(&pl, i, j, 1, 1, &u, &v);
                uint8_t *p = si.buf + (img->data[c] - si.buf) + j * img->linesize[c] + i;
                *p = (uint8_t)syn_clampi((int)lrintf(128 + 255 * (c == 1 ? u : v)), 0, 255);
            }
    si.img.full_range = 1;
    CHECK_INT(mt_scene_lut_update(&lut, &si.img), 0);
    mt_scene_features(&g, &lut, &si.img, &full);
    for (int i = 0; i < n; i++) {
        CHECK_NEAR(full.y[i], lim.y[i], 0.01);
        CHECK_NEAR(full.u[i], lim.u[i], 0.01);
    }
    CHECK(mt_scene_hist_dist(&full, &lim) < 0.03f);
    mt_scene_lut_free(&lut);
    free(si.buf);
    free(mem);
    mt_scene_grid_free(&g);
    syn_free(&pl);
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 54;
    }
    RUN(test_reference_yuv420p);
    RUN(test_yuv422p10le);
    RUN(test_nv12);
    RUN(test_p010);
    RUN(test_gray);
    RUN(test_rgb24);
    RUN(test_bgra);
    RUN(test_features_agree);
    RUN(test_full_range);
    UNIT_EXIT();
}
