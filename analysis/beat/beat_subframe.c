// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* Attack times within onset frames; see beat_subframe.h. */
#include "analysis/beat/beat_subframe.h"
#include "analysis/beat/beat_subframe_priv.h"

#include <math.h>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

#define CODE_FLOOR_DB (-120.0) /* code 0; below any 16-bit signal */
#define CODE_STEPS_PER_DB 2.0

_Static_assert(MT_SUBFRAME_LEN % 8 == 0, "a block is summed in 8 lanes");

/* see beat_subframe_priv.h (not static: the unit test checks it) */
void mt_subframe_lane_sums(const float *x, float prev, int b, float a[8])
{
#if defined(__SSE2__)
    /* two vectors of lanes, each sum added in the same order: the same
     * floats without the squares' array (gcc 12 ran the plain loops at
     * two instructions a sample); 363 s of MP3 through the filter:
     * 16.7 M -> 11.3 M instructions */
    const float *p = x + b * MT_SUBFRAME_LEN;
    __m128 lo = _mm_setzero_ps(), hi = _mm_setzero_ps();
    for (int i = 0; i < MT_SUBFRAME_LEN; i += 8) {
        const __m128 before = b == 0 && i == 0 ? _mm_set_ps(p[2], p[1], p[0], prev)
                                               : _mm_loadu_ps(p + i - 1);
        const __m128 d0 = _mm_sub_ps(_mm_loadu_ps(p + i), before);
        const __m128 d1 = _mm_sub_ps(_mm_loadu_ps(p + i + 4), _mm_loadu_ps(p + i + 3));
        lo = _mm_add_ps(lo, _mm_mul_ps(d0, d0));
        hi = _mm_add_ps(hi, _mm_mul_ps(d1, d1));
    }
    _mm_storeu_ps(a, lo);
    _mm_storeu_ps(a + 4, hi);
#else
    for (int k = 0; k < 8; k++)
        a[k] = 0.0f;
    for (int i = 0; i < MT_SUBFRAME_LEN; i += 8)
        for (int k = 0; k < 8; k++) {
            const int j = b * MT_SUBFRAME_LEN + i + k;
            const float d = x[j] - (j ? x[j - 1] : prev);
            a[k] += d * d;
        }
#endif
}

void mt_subframe_levels(const float *x, float prev, uint8_t *out)
{
    for (int b = 0; b < MT_SUBFRAME_N; b++) {
        float a[8];
        mt_subframe_lane_sums(x, prev, b, a);
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
