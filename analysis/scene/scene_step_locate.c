// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* Span of a dissolve or wipe from its frame steps. See scene_step_locate.h. */
#include "analysis/scene/scene_step_locate.h"

#include <stdlib.h>

/* The located span is only narrowed when the steps show it dragged: its
 * mean step at least STEP_OVER_OWN times the shots' own, and the excess
 * concentrated in at most STEP_SHARE of it (an excess spread evenly over
 * the span puts its 0.15..0.85 crossings 0.70 of it apart). Measured on
 * the candidates of dev, extra_g, extra_h and extra_j (TUNE) that reach
 * this test: the wipes dragged by a pan (j01 144-155 and 334-343) 1.61
 * and 1.49 times, in 0.45 and 0.46 of the span; spans already right, or
 * shots whose steps hide the change, 0.78-1.13 times (h02 303, v06 270,
 * g01 196, v02 31) or an excess spread over 0.55-0.80 of the span (h05
 * 353, a 6-frame dissolve that a 1-frame trim lost; g03 101, g04 384, v04
 * 237). On game-tune's demos (TUNE) it moves one false dissolve (t5: 3288,
 * 1.72 times in 0.33, now fails the content test; 3685, 1.59 in 0.41, now
 * passes the blend test): 53 false boundaries before and after. */
#define STEP_OVER_OWN 1.3f
#define STEP_SHARE    0.5f

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* median of the valid steps c[i0..i1]; -1 when fewer than the minimum */
static float side_median(const float *c, const unsigned char *valid, int i0, int i1, float *buf)
{
    int m = 0;
    for (int i = i0; i <= i1; i++)
        if (valid[i])
            buf[m++] = c[i];
    if (m < MT_SCENE_STEP_SIDE_MIN)
        return -1;
    qsort(buf, (size_t)m, sizeof(*buf), cmp_float);
    return m % 2 ? buf[m / 2] : 0.5f * (buf[m / 2 - 1] + buf[m / 2]);
}

int mt_scene_step_locate(const float *c, const unsigned char *valid, int n, int f, int l,
                         float lo, float hi, int *first, int *last, int *mid, float *own,
                         float *inside)
{
    float buf[MT_SCENE_STEP_MAX];
    *own = *inside = 0;
    if (n > MT_SCENE_STEP_MAX || f < 1 || l < f || l + 1 >= n)
        return -1;
    float before = side_median(c, valid, 1, f - 1, buf);
    float after = side_median(c, valid, l + 2, n - 1, buf);
    if (before < 0 || after < 0)
        return -1;
    float base = before > after ? before : after;
    double total = 0, sum = 0;
    int cnt = 0;
    for (int i = f; i <= l + 1; i++) {
        if (!valid[i])
            continue;
        sum += c[i];
        cnt++;
        if (c[i] > base)
            total += c[i] - base;
    }
    *own = base;
    *inside = cnt ? (float)(sum / cnt) : 0;
    if (total <= 0 || *inside < STEP_OVER_OWN * base)
        return -1;
    /* frame k's progress: the excess of the steps into frames f..k */
    int s = -1, e = -1, m = -1;
    double cum = 0;
    for (int k = f; k <= l; k++) {
        if (valid[k] && c[k] > base)
            cum += c[k] - base;
        double p = cum / total;
        if (s < 0 && p > lo)
            s = k;
        if (p < hi)
            e = k;
        if (m < 0 && p >= 0.5)
            m = k;
    }
    if (s < 0 || e < s + 1 || m < 0 || e - s + 1 > STEP_SHARE * (l - f + 1))
        return -1;
    *first = s;
    *last = e;
    *mid = m < s ? s : m > e ? e : m;
    return 0;
}
