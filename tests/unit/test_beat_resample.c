/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The anti-aliasing resampler: gain, timing, output count, stop band. */
#include <stdint.h>
#include <stdlib.h>

#include "analysis/audio/audio_resample.h"
#include "tests/unit/unit.h"

#define PI 3.14159265358979323846

/* Resamples n samples of x in pushes of `chunk`; returns the output count. */
static size_t run(MtResampler *r, const float *x, size_t n, size_t chunk, float *out)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i += chunk) {
        size_t m = n - i < chunk ? n - i : chunk;
        long k = mt_resampler_process(r, x + i, m, out + total);
        if (k < 0)
            return 0;
        total += (size_t)k;
    }
    return total;
}

/* RMS of out[a, b) */
static double rms(const float *y, size_t a, size_t b)
{
    double s = 0;
    for (size_t i = a; i < b; i++) s += (double)y[i] * y[i];
    return sqrt(s / (double)(b - a));
}

static void tone_case(int in_rate, int out_rate, double freq, double *gain)
{
    const size_t n = (size_t)in_rate; /* 1 s */
    float *x = malloc(sizeof(float) * n);
    MtResampler *r = mt_resampler_new(in_rate, out_rate);
    float *y = malloc(sizeof(float) * (mt_resampler_max_out(r, n) + 16));
    for (size_t i = 0; i < n; i++)
        x[i] = (float)sin(2 * PI * freq * i / in_rate);
    size_t m = run(r, x, n, 777, y);
    /* skip the edges: zero history at the start, look-ahead at the end */
    *gain = rms(y, m / 10, m - m / 10) / sqrt(0.5);
    mt_resampler_free(&r);
    free(x);
    free(y);
}

/* Constant input: unity gain at DC, exactly. */
static void dc_gain(void)
{
    const int rates[][2] = { { 44100, 22050 }, { 48000, 22050 }, { 96000, 22050 },
                             { 8000, 22050 }, { 192000, 22050 }, { 22050, 22050 },
                             { 44056, 11025 }, { 44100, 11025 } };
    for (size_t k = 0; k < sizeof(rates) / sizeof(rates[0]); k++) {
        MtResampler *r = mt_resampler_new(rates[k][0], rates[k][1]);
        CHECK(r != NULL);
        const size_t n = (size_t)rates[k][0] / 2;
        float *x = malloc(sizeof(float) * n);
        float *y = malloc(sizeof(float) * (mt_resampler_max_out(r, n) + 16));
        for (size_t i = 0; i < n; i++) x[i] = 0.5f;
        size_t m = run(r, x, n, 1000, y);
        for (size_t i = 200; i < m - 200; i++)
            CHECK_NEAR(y[i], 0.5, 1e-4);
        /* about n * out / in outputs, minus the look-ahead not yet fed */
        double want = (double)n * rates[k][1] / rates[k][0];
        CHECK(fabs((double)m - want) <= mt_resampler_lookahead(r) * (double)rates[k][1] / rates[k][0] + 2);
        mt_resampler_free(&r);
        CHECK(r == NULL);
        free(x);
        free(y);
    }
}

/* An impulse at input sample k comes out centred on output k * out / in. */
static void timing(void)
{
    const int in_rate = 48000, out_rate = 22050;
    MtResampler *r = mt_resampler_new(in_rate, out_rate);
    const size_t n = 48000, k = 24000;
    float *x = calloc(n, sizeof(float));
    float *y = malloc(sizeof(float) * (mt_resampler_max_out(r, n) + 16));
    x[k] = 1.0f;
    size_t m = run(r, x, n, 4096, y);
    size_t arg = 0;
    for (size_t i = 0; i < m; i++)
        if (y[i] > y[arg]) arg = i;
    CHECK_NEAR((double)arg, (double)k * out_rate / in_rate, 1.0);
    mt_resampler_free(&r);
    free(x);
    free(y);
}

/* Pass band: a 1 kHz tone keeps its level. Stop band: tones above 1.6 x
 * the output Nyquist frequency (the short kernel's transition band ends
 * there) are attenuated by > 40 dB, so they cannot alias into the bands
 * the onset analysis uses. */
static void pass_and_stop_band(void)
{
    double g;
    tone_case(44100, 11025, 1000.0, &g);
    CHECK_NEAR(g, 1.0, 0.02);
    tone_case(44100, 11025, 9000.0, &g);
    CHECK(g < 0.01);
    tone_case(44100, 11025, 16000.0, &g);
    CHECK(g < 0.01);
    tone_case(44100, 22050, 1000.0, &g);
    CHECK_NEAR(g, 1.0, 0.01);
    tone_case(44100, 22050, 18000.0, &g);
    CHECK(g < 0.01);
    tone_case(96000, 11025, 30000.0, &g);
    CHECK(g < 0.01);
    tone_case(48000, 11025, 9000.0, &g);
    CHECK(g < 0.01);
    tone_case(44056, 11025, 9000.0, &g);
    CHECK(g < 0.01);
    tone_case(8000, 11025, 1000.0, &g);
    CHECK_NEAR(g, 1.0, 0.03);
}

/* The output does not depend on how the input is split into calls, and
 * writing in place (input + commit) equals process: checked exactly on
 * noise for integer decimation (4:1, 8:1, 2:1) and a rational ratio. */
static void chunking(void)
{
    const int rates[][2] = { { 44100, 11025 }, { 88200, 11025 }, { 22050, 11025 },
                             { 48000, 11025 } };
    for (size_t k = 0; k < sizeof(rates) / sizeof(rates[0]); k++) {
        const size_t n = (size_t)rates[k][0] / 3;
        float *x = malloc(sizeof(float) * n);
        uint32_t seed = 7;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            x[i] = (float)(seed >> 8) / 8388608.0f - 1.0f;
        }
        MtResampler *a = mt_resampler_new(rates[k][0], rates[k][1]);
        MtResampler *b = mt_resampler_new(rates[k][0], rates[k][1]);
        const size_t cap = mt_resampler_max_out(a, n) + 16;
        float *ya = malloc(sizeof(float) * cap), *yb = malloc(sizeof(float) * cap);
        size_t ma = run(a, x, n, 4096, ya), mb = 0;
        for (size_t i = 0, call = 0; i < n; call++) { /* odd sizes, 0 included, in place */
            size_t m = (call * 7 + 3) % 13;
            if (m > n - i) m = n - i;
            float *dst = mt_resampler_input(b, m);
            CHECK(dst != NULL);
            for (size_t j = 0; j < m; j++) dst[j] = x[i + j];
            long got = mt_resampler_commit(b, m, yb + mb);
            CHECK(got >= 0);
            mb += (size_t)got;
            i += m;
        }
        CHECK_INT((long)ma, (long)mb);
        int same = 1;
        for (size_t i = 0; i < ma && i < mb; i++)
            same &= ya[i] == yb[i];
        CHECK(same);
        mt_resampler_free(&a);
        mt_resampler_free(&b);
        free(x);
        free(ya);
        free(yb);
    }
}

static void bad_rates(void)
{
    CHECK(mt_resampler_new(0, 22050) == NULL);
    CHECK(mt_resampler_new(44100, -1) == NULL);
    mt_resampler_free(NULL);
}

int main(void)
{
    RUN(dc_gain);
    RUN(timing);
    RUN(pass_and_stop_band);
    RUN(chunking);
    RUN(bad_rates);
    UNIT_EXIT();
}
