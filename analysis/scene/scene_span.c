/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Ramp fit for the span of a gradual transition. See scene_span.h.
 */
#include "analysis/scene/scene_span.h"

#include <math.h>

/* sums of 1, x, p, x^2, x p over frames [0, i) */
typedef struct { double n, x, p, xx, xp; } SpanSums;

static SpanSums span_range(const SpanSums *c, int i, int j)
{
    return (SpanSums){ c[j].n - c[i].n, c[j].x - c[i].x, c[j].p - c[i].p,
                       c[j].xx - c[i].xx, c[j].xp - c[i].xp };
}

/* What the best levels lo, hi of a ramp over [s, e] explain of sum p^2
 * (the residual is that sum less this), from the prefix sums: the model is
 * linear in lo and hi, two normal equations. */
static double ramp_explained(const SpanSums *c, int n, int s, int e)
{
    int m = e + 1 < n ? e + 1 : n;
    SpanSums L = span_range(c, 0, s), M = span_range(c, s, m), R = span_range(c, m, n);
    double cs = s - 1, D = e - s + 2;
    double r = (M.x - cs * M.n) / D, rr = (M.xx - 2 * cs * M.x + cs * cs * M.n) / (D * D);
    double rp = (M.xp - cs * M.p) / D;
    double uu = L.n + M.n - 2 * r + rr, uv = r - rr, vv = rr + R.n;
    double up = L.p + M.p - rp, vp = rp + R.p, det = uu * vv - uv * uv;
    if (det <= 1e-12)
        return -INFINITY;
    double lo = (up * vv - vp * uv) / det, hi = (vp * uu - up * uv) / det;
    return lo * up + hi * vp;
}

int mt_scene_ramp_fit(const double *p, const unsigned char *valid, int n, int inner_first,
                      int inner_last, int extend, int *first, int *last)
{
    *first = inner_first;
    *last = inner_last;
    SpanSums c[MT_SCENE_RAMP_MAX + 1];
    if (n < 1 || n > MT_SCENE_RAMP_MAX)
        return -1;
    c[0] = (SpanSums){ 0 };
    for (int i = 0; i < n; i++) {
        c[i + 1] = c[i];
        if (!valid[i])
            continue;
        c[i + 1].n += 1;
        c[i + 1].x += i;
        c[i + 1].p += p[i];
        c[i + 1].xx += (double)i * i;
        c[i + 1].xp += i * p[i];
    }
    double best = -INFINITY;
    for (int s = 0; s <= inner_first; s++)
        for (int e = inner_last; e < n + extend; e++) {
            double v = ramp_explained(c, n, s, e);
            if (v > best) {
                best = v;
                *first = s;
                *last = e;
            }
        }
    return best > -INFINITY ? 0 : -1;
}
