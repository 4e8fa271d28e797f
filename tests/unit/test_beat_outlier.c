/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* A quiet intro cut to full level (issue 11) is one onset frame tens of
 * times the envelope's RMS: mt_env_clip_outliers clips that frame, and
 * only that frame, to a multiple of its neighbours' level. */
#include <math.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "analysis/beat/beat_outlier.h"

#define FPS        43.07 /* onset frames per second of montagebeat */
#define SECONDS    42.0
#define BPM        72.0
#define STEP_S     10.0  /* end of the quiet intro */
#define HALF_WIN   ((size_t)(4.0 * FPS))
#define CLIP_RATIO 30.0

/* Deterministic noise in [0, 1). */
static double noise(unsigned *s)
{
    *s ^= *s << 13; /* xorshift32 */
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return (double)(*s >> 8) / 16777216.0;
}

/* Soft onsets at BPM over sparse noise, 30 dB quieter before STEP_S, and
 * the step itself: one frame at `spike` x the envelope's RMS. */
static float *make_envelope(size_t *n, double spike)
{
    *n = (size_t)(SECONDS * FPS);
    float *env = malloc(sizeof(float) * *n);
    if (!env)
        return NULL;
    const double period = 60.0 * FPS / BPM;
    unsigned seed = 11;
    double ss = 0.0;
    for (size_t i = 0; i < *n; i++) {
        double ph = fmod((double)i, period);
        double u = noise(&seed);
        double v = (ph < 3.0 ? 1.0 - ph / 3.0 : 0.0) + 0.5 * u * u * u * u;
        if ((double)i < STEP_S * FPS)
            v *= 0.0316; /* -30 dB */
        env[i] = (float)v;
        ss += v * v;
    }
    env[(size_t)(STEP_S * FPS)] = (float)(spike * sqrt(ss / (double)*n));
    return env;
}

/* The 36 x step is clipped to CLIP_RATIO x the RMS of the other frames
 * within HALF_WIN; every other frame is kept as it was. */
static void clips_only_the_step(void)
{
    size_t n;
    float *env = make_envelope(&n, 36.0);
    float *orig = malloc(sizeof(float) * n);
    CHECK(env != NULL && orig != NULL);
    if (unit_case_failed) { free(env); free(orig); return; }
    memcpy(orig, env, sizeof(float) * n);
    const size_t step = (size_t)(STEP_S * FPS);
    CHECK_INT(mt_env_clip_outliers(env, n, HALF_WIN, CLIP_RATIO), 1);
    double ss = 0.0;
    for (size_t i = step - HALF_WIN; i <= step + HALF_WIN; i++)
        if (i != step)
            ss += (double)orig[i] * orig[i];
    const double cap = CLIP_RATIO * sqrt(ss / (double)(2 * HALF_WIN));
    if (!(cap < orig[step])) UNIT_FAIL("cap %.3f, step %.3f", cap, orig[step]);
    CHECK_NEAR(env[step], cap, cap * 1e-5);
    for (size_t i = 0; i < n; i++)
        if (i != step && env[i] != orig[i])
            UNIT_FAIL("frame %zu changed", i);
    free(orig);
    free(env);
}

/* Without the step nothing is clipped; a short or silent envelope is
 * left alone. */
static void leaves_ordinary_onsets(void)
{
    size_t n;
    float *env = make_envelope(&n, 0.0);
    CHECK(env != NULL);
    if (unit_case_failed) return;
    const size_t step = (size_t)(STEP_S * FPS);
    env[step] = env[step + 1]; /* no step frame at all */
    CHECK_INT(mt_env_clip_outliers(env, n, HALF_WIN, CLIP_RATIO), 0);
    float one = 5.0f, zeros[100] = { 0 };
    CHECK_INT(mt_env_clip_outliers(&one, 1, HALF_WIN, CLIP_RATIO), 0);
    CHECK(one == 5.0f);
    CHECK_INT(mt_env_clip_outliers(zeros, 100, HALF_WIN, CLIP_RATIO), 0);
    free(env);
}

int main(void)
{
    RUN(clips_only_the_step);
    RUN(leaves_ordinary_onsets);
    UNIT_EXIT();
}
