// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* Attack times within onset frames; see beat_subframe.h. */
#include "analysis/beat/beat_subframe.h"

#include <math.h>

#define CODE_FLOOR_DB (-120.0) /* code 0; below any 16-bit signal */
#define CODE_STEPS_PER_DB 2.0

void mt_subframe_levels(const float *x, float prev, uint8_t *out)
{
    /* squared first differences, then block sums: loops of constant
     * length that the compiler vectorises */
    float sq[MT_SUBFRAME_N * MT_SUBFRAME_LEN];
    sq[0] = (x[0] - prev) * (x[0] - prev);
    for (int i = 1; i < MT_SUBFRAME_N * MT_SUBFRAME_LEN; i++)
        sq[i] = (x[i] - x[i - 1]) * (x[i] - x[i - 1]);
    for (int b = 0; b < MT_SUBFRAME_N; b++) {
        float a[8] = { 0.0f };
        for (int i = 0; i < MT_SUBFRAME_LEN; i += 8)
            for (int k = 0; k < 8; k++)
                a[k] += sq[b * MT_SUBFRAME_LEN + i + k];
        const double ms = (double)(((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])))
                          / MT_SUBFRAME_LEN;
        double code = CODE_STEPS_PER_DB * (10.0 * log10(ms + 1e-13) - CODE_FLOOR_DB) + 0.5;
        out[b] = (uint8_t)(code < 0.0 || !isfinite(code) ? 0 : code > 255.0 ? 255 : code);
    }
}

double mt_subframe_onset(const uint8_t *levels, size_t n, size_t f)
{
    if (f >= n)
        return -1.0;
    const size_t first = (f > 0 ? f - 1 : 0) * MT_SUBFRAME_N, end = (f + 1) * MT_SUBFRAME_N;
    const size_t from = first < MT_SUBFRAME_BACK ? MT_SUBFRAME_BACK : first;
    /* levels more than MT_SUBFRAME_FLOOR_DB below the loudest block read
     * as that floor */
    int floor = 0;
    for (size_t g = from - MT_SUBFRAME_BACK; g < end; g++)
        if (levels[g] > floor) floor = levels[g];
    floor -= (int)(MT_SUBFRAME_FLOOR_DB * CODE_STEPS_PER_DB + 0.5);
    int best = (int)(MT_SUBFRAME_MIN_RISE_DB * CODE_STEPS_PER_DB + 0.5) - 1;
    double at = -1.0;
    for (size_t g = from; g < end; g++) {
        int before = floor;
        for (size_t k = g - MT_SUBFRAME_BACK; k < g; k++)
            if (levels[k] > before) before = levels[k];
        int rise = (int)levels[g] - before;
        if (rise > best) {
            best = rise;
            at = ((double)g + 0.5) / MT_SUBFRAME_N;
        }
    }
    return at;
}
