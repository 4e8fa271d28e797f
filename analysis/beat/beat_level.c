/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Metrical-level check from the harmonic rhythm; see beat_level.h. */
#include "analysis/beat/beat_level.h"

#include <math.h>

#define MIN_BEATS 16 /* as the drum check (beat_octave.h): a few bars of each parity */

/* Chroma summed over frames [a, b). */
static void chroma_sum(const uint8_t *chroma, size_t a, size_t b, double out[12])
{
    for (int c = 0; c < 12; c++)
        out[c] = 0.0;
    for (size_t t = a; t < b; t++)
        for (int c = 0; c < 12; c++)
            out[c] += chroma[t * 12 + (size_t)c];
}

/* Cosine distance between two chroma sums; -1 when either is silent. */
static double chroma_distance(const double x[12], const double y[12])
{
    double xy = 0, xx = 0, yy = 0;
    for (int c = 0; c < 12; c++) {
        xy += x[c] * y[c];
        xx += x[c] * x[c];
        yy += y[c] * y[c];
    }
    if (!(xx > 0) || !(yy > 0))
        return -1.0;
    return 1.0 - xy / sqrt(xx * yy);
}

double mt_level_parity_change(const size_t *beats, size_t nb, const uint8_t *chroma,
                              size_t n, int *parity)
{
    if (parity)
        *parity = 0;
    if (nb < MIN_BEATS || !chroma)
        return 0.0;
    double sum[2] = { 0.0, 0.0 };
    size_t cnt[2] = { 0, 0 };
    double span[2][12]; /* the beat before beat i and the beat after it */
    if (beats[1] > n)
        return 0.0;
    chroma_sum(chroma, beats[0], beats[1], span[0]);
    for (size_t i = 1; i + 1 < nb; i++) {
        if (beats[i + 1] > n)
            break;
        /* each beat's span is summed once, as "after" and then "before" */
        const double *before = span[(i - 1) % 2];
        double *after = span[i % 2];
        chroma_sum(chroma, beats[i], beats[i + 1], after);
        double d = chroma_distance(before, after);
        if (d < 0)
            continue;
        sum[i % 2] += d;
        cnt[i % 2]++;
    }
    if (!cnt[0] || !cnt[1])
        return 0.0;
    double a = sum[0] / (double)cnt[0], b = sum[1] / (double)cnt[1];
    int p = b > a;
    if (parity)
        *parity = p;
    double hi = p ? b : a, lo = p ? a : b;
    return hi + lo > 1e-12 ? (hi - lo) / (hi + lo) : 0.0;
}

/* Envelope maximum within +-1 frame of frame i. */
static float onset_near(const float *e, size_t n, size_t i)
{
    float m = e[i];
    if (i > 0 && e[i - 1] > m) m = e[i - 1];
    if (i + 1 < n && e[i + 1] > m) m = e[i + 1];
    return m;
}

int mt_level_halve(const size_t *beats, size_t nb, const uint8_t *chroma,
                   const float *onset, size_t n, int *parity)
{
    int p = 0;
    if (mt_level_parity_change(beats, nb, chroma, n, &p) <= MT_LEVEL_HALVE_MIN)
        return 0;
    double s[2] = { 0.0, 0.0 };
    size_t c[2] = { 0, 0 };
    for (size_t i = 0; i < nb && beats[i] < n; i++) {
        s[i % 2] += onset_near(onset, n, beats[i]);
        c[i % 2]++;
    }
    if (!c[0] || !c[1] || s[p] / (double)c[p] < s[!p] / (double)c[!p])
        return 0;
    if (parity)
        *parity = p;
    return 1;
}
