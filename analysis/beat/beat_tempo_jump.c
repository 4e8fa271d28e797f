// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* Tempo jumps placed at the frame the onsets change period; see
 * beat_tempo_jump.h. */
#include "analysis/beat/beat_tempo_jump.h"

#include <math.h>

/* env[f] times the envelope's largest frame within one frame of f - period
 * (the period is fractional and an attack may fall in either frame); 0
 * where that lies before the stream. */
static double lag_product(const float *env, size_t f, double period)
{
    const double at = (double)f - period;
    if (at < 1.0)
        return 0.0;
    const size_t c = (size_t)(at + 0.5);
    float m = env[c - 1];
    if (env[c] > m) m = env[c];
    if (env[c + 1] > m) m = env[c + 1]; /* c + 1 <= f: periods exceed 1.5 frames */
    return (double)env[f] * m;
}

/* The frame in [lo, hi) after which period p2 explains the onsets better
 * than p1: the s maximising the p1 products over [lo, s) plus the p2
 * products over [s, hi), i.e. the running sum of (p1 - p2) products at
 * its largest (the first such frame). */
static size_t change_frame(const float *env, size_t lo, size_t hi, double p1, double p2)
{
    double run = 0.0, best = 0.0;
    size_t s = lo;
    for (size_t f = lo; f < hi; f++) {
        run += lag_product(env, f, p1) - lag_product(env, f, p2);
        if (run > best) {
            best = run;
            s = f + 1;
        }
    }
    return s;
}

/* How much better the periodicity of one side of s explains its onsets
 * than the other side's: (sum of own-period products - other-period
 * products) / their total, over half_span frames before s (period p1) and
 * after it (p2); the larger of the two sides. */
static double side_contrast(const float *env, size_t n, size_t s, size_t half_span, double p1,
                            double p2)
{
    double own[2] = { 0.0, 0.0 }, other[2] = { 0.0, 0.0 };
    const size_t a = s > half_span ? s - half_span : 0, e = s + half_span < n ? s + half_span : n;
    for (size_t f = a; f < e; f++) {
        const double x1 = lag_product(env, f, p1), x2 = lag_product(env, f, p2);
        const int right = f >= s;
        own[right] += right ? x2 : x1;
        other[right] += right ? x1 : x2;
    }
    double best = 0.0;
    for (int k = 0; k < 2; k++)
        if (own[k] + other[k] > 0.0 && (own[k] - other[k]) / (own[k] + other[k]) > best)
            best = (own[k] - other[k]) / (own[k] + other[k]);
    return best;
}

/* Blocks b and b + 1 of the curve differ by more than
 * MT_TEMPO_JUMP_MIN_RATIO either way: a step to place. */
static int is_step(const double *block_bpm, size_t b)
{
    return fabs(log(block_bpm[b + 1] / block_bpm[b])) > log(MT_TEMPO_JUMP_MIN_RATIO);
}

int mt_tempo_jumps_place(const float *env, size_t n, const double *block_bpm, size_t nb,
                         size_t block_len, double fps, size_t half_span, double *period)
{
    int placed = 0;
    size_t floor_f = 0; /* a jump is placed after the one before it */
    for (size_t b = 0; b + 1 < nb; b++) {
        if (!is_step(block_bpm, b))
            continue;
        const size_t c0 = b * block_len + block_len / 2, c1 = c0 + block_len;
        if (c1 >= n)
            break;
        /* the next jump's first block bounds this one's search */
        size_t next = nb;
        for (size_t k = b + 1; k + 1 < nb; k++)
            if (is_step(block_bpm, k)) {
                next = k;
                break;
            }
        size_t lo = c0 > half_span ? c0 - half_span : 0;
        size_t hi = c1 + half_span < n ? c1 + half_span : n;
        if (lo < floor_f)
            lo = floor_f;
        if (next < nb && hi > next * block_len + block_len / 2)
            hi = next * block_len + block_len / 2;
        if (lo >= hi)
            continue;
        const double p1 = 60.0 * fps / block_bpm[b], p2 = 60.0 * fps / block_bpm[b + 1];
        const size_t s = change_frame(env, lo, hi, p1, p2);
        if (side_contrast(env, n, s, half_span, p1, p2) < MT_TEMPO_JUMP_MIN_CONTRAST)
            continue; /* no side shows its period: the curve's ramp stays */
        const size_t a = s < c0 ? s : c0, e = s > c1 ? s : c1;
        for (size_t f = a; f < e && f < n; f++)
            period[f] = f < s ? p1 : p2;
        floor_f = s;
        placed++;
    }
    return placed;
}
