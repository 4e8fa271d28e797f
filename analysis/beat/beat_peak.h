/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * An envelope's value "at" a frame: its maximum over the frames around it,
 * because onsets are one or two frames wide and a beat position jitters
 * by a frame. Inline: the tempo folds call it for every grid tempo.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_PEAK_H
#define MONTAGE_ANALYSIS_BEAT_PEAK_H

#include <stddef.h>

/* Maximum of env[i - 1], env[i], env[i + 1], reading only frames inside
 * the window [lo, hi) (lo <= i < hi). */
static inline float mt_env_max3(const float *env, size_t lo, size_t hi, size_t i)
{
    float m = env[i];
    if (i > lo && env[i - 1] > m) m = env[i - 1];
    if (i + 1 < hi && env[i + 1] > m) m = env[i + 1];
    return m;
}

/* Maximum of env over frames t - 2 .. t + 2 of [0, n), and at least 0 (0
 * when t is past the end): the wider look of the beat-level tests
 * (strength of tracked beats, meter accents), which read beats placed by
 * the tracker rather than raw onset frames. */
static inline float mt_env_peak_near(const float *env, size_t n, size_t t)
{
    float m = 0.0f;
    for (size_t i = t >= 2 ? t - 2 : 0; i <= t + 2 && i < n; i++)
        if (env[i] > m) m = env[i];
    return m;
}

#endif /* MONTAGE_ANALYSIS_BEAT_PEAK_H */
