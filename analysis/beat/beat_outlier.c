/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Onset envelope outlier clipping; see beat_outlier.h. */
#include "analysis/beat/beat_outlier.h"

#include <math.h>
#include <stdlib.h>

/* cum[i] = sum of env[0..i)^2, n + 1 values; NULL on failure. */
static double *cumulative_squares(const float *env, size_t n)
{
    double *cum = malloc(sizeof(double) * (n + 1));
    if (!cum)
        return NULL;
    cum[0] = 0.0;
    for (size_t i = 0; i < n; i++)
        cum[i + 1] = cum[i] + (double)env[i] * env[i];
    return cum;
}

/* RMS of env over [i - half_win, i + half_win] without frame i itself. */
static double neighbour_rms(const float *env, const double *cum, size_t n, size_t i,
                            size_t half_win)
{
    size_t a = i > half_win ? i - half_win : 0;
    size_t b = i + half_win + 1 < n ? i + half_win + 1 : n;
    if (b - a < 2)
        return 0.0;
    double ss = cum[b] - cum[a] - (double)env[i] * env[i];
    return ss > 0 ? sqrt(ss / (double)(b - a - 1)) : 0.0;
}

long mt_env_clip_outliers(float *env, size_t n, size_t half_win, double ratio)
{
    if (n < 2)
        return 0;
    double *cum = cumulative_squares(env, n);
    if (!cum)
        return -1;
    long clipped = 0;
    /* the cumulative sums hold the unclipped levels: the order of the
     * clips does not matter */
    for (size_t i = 0; i < n; i++) {
        double cap = ratio * neighbour_rms(env, cum, n, i, half_win);
        if (cap > 0 && env[i] > cap) {
            env[i] = (float)cap;
            clipped++;
        }
    }
    free(cum);
    return clipped;
}
