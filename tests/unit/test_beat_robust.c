/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Degenerate and hostile input: silence, very short input, DC offset,
 * clipping, NaN/Inf samples, noise, extreme sample rates, raw formats and
 * layouts, lifecycle misuse. Never a crash, never a NaN. */
#include <errno.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "tests/unit/beat_test_signals.h"

#define SR 44100

static void expect_no_tempo(const MtBeatTracker *bt)
{
    MtBeatResult r;
    if (mt_beat_result(bt, &r) != 0)
        UNIT_FAIL("no result");
    if (!bt_result_finite(&r))
        UNIT_FAIL("non-finite result");
    if (r.bpm != 0.0f || r.confidence != 0.0f || r.n_beats != 0 || r.meter != 0)
        UNIT_FAIL("expected no tempo, got bpm %.2f conf %.2f beats %zu", r.bpm,
                  r.confidence, r.n_beats);
}

static void silence(void)
{
    size_t n = 20 * SR;
    float *x = calloc(n, sizeof(float));
    MtBeatTracker *bt = bt_run(x, n, SR, NULL);
    CHECK(bt != NULL);
    expect_no_tempo(bt);
    if (unit_case_failed) return;
    MtBeatResult r;
    mt_beat_result(bt, &r);
    CHECK_INT(r.stream.samples, (long long)n);
    CHECK_NEAR(r.stream.duration_s, 20.0, 1e-9);
    CHECK(r.n_energy > 0);
    for (size_t i = 0; i < r.n_energy; i++)
        CHECK(r.energy[i] == 0.0f);
    mt_beat_free(&bt);
    free(x);
}

/* 0.5 s of clicks: too short for a tempo, must still finish cleanly. */
static void half_second(void)
{
    size_t n = SR / 2;
    float *x = calloc(n, sizeof(float));
    double beats[4];
    bt_grid(beats, 4, 0.05, 240.0, 240.0);
    bt_clicks(x, n, SR, beats, 2, 0);
    MtBeatTracker *bt = bt_run(x, n, SR, NULL);
    CHECK(bt != NULL);
    MtBeatResult r;
    CHECK(mt_beat_result(bt, &r) == 0);
    CHECK(bt_result_finite(&r));
    CHECK(r.n_beats < 4);
    mt_beat_free(&bt);
    /* and nothing at all pushed */
    bt = bt_run(x, 0, SR, NULL);
    CHECK(bt != NULL);
    expect_no_tempo(bt);
    mt_beat_free(&bt);
    free(x);
}

/* Drums at 120 BPM, transformed by f, still give 120 BPM and the beats. */
static void check_transformed(void (*f)(float *, size_t), int sr)
{
    const double seconds = 25.0;
    size_t n = (size_t)(seconds * sr);
    float *x = calloc(n, sizeof(float));
    double beats[64];
    bt_grid(beats, 46, 0.5, 120.0, 120.0);
    bt_drums(x, n, sr, beats, 46, 4);
    if (f)
        f(x, n);
    MtBeatTracker *bt = bt_run(x, n, sr, NULL);
    CHECK(bt != NULL);
    MtBeatResult r;
    mt_beat_result(bt, &r);
    CHECK(bt_result_finite(&r));
    CHECK_NEAR(r.bpm, 120.0, 2.4);
    double fm = bt_fmeasure(beats, 46, r.beat_t, r.n_beats, 2.0, beats[45] - 0.5);
    if (!(fm >= 0.95))
        UNIT_FAIL("F-measure %.3f", fm);
    CHECK_INT(r.stream.sample_rate, sr);
    mt_beat_free(&bt);
    free(x);
}

static void add_dc(float *x, size_t n) { for (size_t i = 0; i < n; i++) x[i] += 0.4f; }
static void clip(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float v = x[i] * 6.0f;
        x[i] = v > 1.0f ? 1.0f : v < -1.0f ? -1.0f : v;
    }
}
static void poison(float *x, size_t n)
{
    for (size_t i = 0; i < n; i += 997)
        x[i] = (i / 997) % 3 == 0 ? NAN : (i / 997) % 3 == 1 ? INFINITY : -INFINITY;
}

static void dc_offset(void) { check_transformed(add_dc, SR); }
static void clipping(void) { check_transformed(clip, SR); }
static void nan_inf_samples(void) { check_transformed(poison, SR); }
static void rate_8k(void) { check_transformed(NULL, 8000); }
static void rate_96k(void) { check_transformed(NULL, 96000); }
static void rate_192k(void) { check_transformed(NULL, 192000); }

/* All-NaN input is silence. */
static void all_nan(void)
{
    size_t n = 5 * SR;
    float *x = malloc(sizeof(float) * n);
    for (size_t i = 0; i < n; i++) x[i] = NAN;
    MtBeatTracker *bt = bt_run(x, n, SR, NULL);
    CHECK(bt != NULL);
    expect_no_tempo(bt);
    mt_beat_free(&bt);
    free(x);
}

/* White noise: whatever it finds, it stays finite and bounded. */
static void white_noise(void)
{
    size_t n = 15 * SR;
    float *x = malloc(sizeof(float) * n);
    for (size_t i = 0; i < n; i++) x[i] = 0.5f * bt_noise();
    MtBeatTracker *bt = bt_run(x, n, SR, NULL);
    CHECK(bt != NULL);
    MtBeatResult r;
    mt_beat_result(bt, &r);
    CHECK(bt_result_finite(&r));
    CHECK(r.confidence >= 0.0f && r.confidence <= 1.0f);
    for (size_t i = 0; i < r.n_beats; i++)
        CHECK(r.beat_strength[i] >= 0.0f && r.beat_strength[i] <= 1.0f);
    mt_beat_free(&bt);
    free(x);
}

/* Raw pushes: s16 packed stereo and float planar 5.1 (drums on the front
 * pair and the LFE) give the same tempo as the mono float push. */
static void raw_layouts(void)
{
    const double seconds = 20.0;
    size_t n = (size_t)(seconds * SR);
    float *x = calloc(n, sizeof(float));
    double beats[64];
    bt_grid(beats, 36, 0.5, 120.0, 120.0);
    bt_drums(x, n, SR, beats, 36, 4);
    int16_t *s16 = malloc(sizeof(int16_t) * 2 * n);
    float *pl = calloc(6 * n, sizeof(float));
    for (size_t i = 0; i < n; i++) {
        float v = x[i] > 1.0f ? 1.0f : x[i] < -1.0f ? -1.0f : x[i];
        s16[2 * i] = s16[2 * i + 1] = (int16_t)(v * 32767);
        pl[i] = pl[n + i] = pl[3 * n + i] = x[i];
    }
    MtBeatConfig c;
    mt_beat_config_default(&c);
    MtBeatTracker *a = mt_beat_new(&c, SR), *b = mt_beat_new(&c, SR);
    CHECK(a && b);
    for (size_t i = 0; i < n; i += 1024) {
        size_t m = n - i < 1024 ? n - i : 1024;
        const uint8_t *pa[1] = { (const uint8_t *)(s16 + 2 * i) };
        const uint8_t *pb[6];
        for (int ch = 0; ch < 6; ch++)
            pb[ch] = (const uint8_t *)(pl + (size_t)ch * n + i);
        CHECK_INT(mt_beat_push_raw(a, pa, MT_SAMPLE_S16, 0, 2, m), 0);
        CHECK_INT(mt_beat_push_raw(b, pb, MT_SAMPLE_FLT, 1, 6, m), 0);
    }
    CHECK_INT(mt_beat_finish(a), 0);
    CHECK_INT(mt_beat_finish(b), 0);
    MtBeatResult ra, rb;
    mt_beat_result(a, &ra);
    mt_beat_result(b, &rb);
    CHECK_NEAR(ra.bpm, 120.0, 2.4);
    CHECK_NEAR(rb.bpm, 120.0, 2.4);
    CHECK_INT(ra.stream.samples, (long long)n);
    CHECK(bt_fmeasure(beats, 36, rb.beat_t, rb.n_beats, 2.0, beats[35] - 0.5) >= 0.95);
    mt_beat_free(&a);
    mt_beat_free(&b);
    free(x);
    free(s16);
    free(pl);
}

static void lifecycle_misuse(void)
{
    MtBeatConfig c;
    mt_beat_config_default(&c);
    CHECK(mt_beat_new(&c, 7999) == NULL);
    CHECK(mt_beat_new(&c, 192001) == NULL);
    CHECK(mt_beat_new(NULL, 44100) == NULL);
    MtBeatTracker *bt = mt_beat_new(&c, 44100);
    CHECK(bt != NULL);
    MtBeatResult r;
    CHECK_INT(mt_beat_result(bt, &r), -EINVAL); /* before finish */
    double t;
    float s;
    CHECK_INT(mt_beat_pop_stream_beat(bt, &t, &s), 0);
    CHECK(mt_beat_current_onset(bt) == 0.0f);
    CHECK(mt_beat_current_time(bt) < 0.0);
    CHECK_INT(mt_beat_push(bt, NULL, 10), -EINVAL);
    const float z[4] = { 0 };
    const uint8_t *bad[1] = { (const uint8_t *)z };
    CHECK_INT(mt_beat_push_raw(bt, bad, MT_SAMPLE_FLT, 0, 0, 1), -EINVAL);
    CHECK_INT(mt_beat_finish(bt), 0);
    CHECK_INT(mt_beat_finish(bt), -EINVAL); /* twice */
    CHECK_INT(mt_beat_push(bt, z, 4), -EINVAL); /* after finish */
    CHECK_INT(mt_beat_result(bt, &r), 0);
    mt_beat_free(&bt);
    mt_beat_free(&bt); /* NULL-safe */
    mt_beat_free(NULL);
}

int main(void)
{
    RUN(silence);
    RUN(half_second);
    RUN(dc_offset);
    RUN(clipping);
    RUN(nan_inf_samples);
    RUN(rate_8k);
    RUN(rate_96k);
    RUN(rate_192k);
    RUN(all_nan);
    RUN(white_noise);
    RUN(raw_layouts);
    RUN(lifecycle_misuse);
    UNIT_EXIT();
}
