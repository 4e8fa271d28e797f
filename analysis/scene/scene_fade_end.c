/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The end of a fade's rise. See scene_fade_end.h.
 */
#include "analysis/scene/scene_fade_end.h"

#include <math.h>

/* The rise goes on over frames that stay below the new shot's fitted level
 * by more than FADE_END_NOISE times the shot's own variation (the RMS
 * residual of the fit after the rise) plus FADE_END_FLOOR (contrast of a
 * still synthetic shot varies by nothing), and only when those frames rise
 * by more than that times the variation. Measured on every fade the fade
 * detector reports on the TUNE sets (edited-tune, natural-dev, dev,
 * extra_g/h/j: 42 fades, `tests/tools/span_error.py`): at 2 or 3, 21 of
 * natural-dev's 22 fades end exactly on their annotated end (14 did
 * before: the cutscene renders' fade-ins, animated at a lower rate, turn
 * back by one held image 6 frames early; nd06 352..468 ends at 456), the
 * 9 of dev, extra_g and extra_h keep or reach theirs; at 2 edited-tune's
 * fades end a median 6 frames from their annotated end on the merged
 * build (main 53f33ac; scene analyser 10: 41; an earlier build of this
 * fit measured 10 at 2 and 11 at 3). Without the rise test a cut in from
 * black whose shot changes by itself 32 frames on (nd06 260) was widened
 * to that change. */
#define FADE_END_NOISE 2.0
#define FADE_END_FLOOR 0.002
/* The frames after the rise are the new shot only up to a step of the
 * contrast by more than this share of the larger side: another transition
 * begins there (one not yet found when the fade's end is decided) or the
 * shot changes by itself, and the fit stops before it. On the TUNE fades'
 * frames after the fade detector's end (up to FADE_END_REACH), the largest
 * step inside a rise is 0.25 (nd06 461; natural-dev's cutscene fade-ins
 * 0.22, Doom 0.18-0.22); the steps that ended the new shot's frames were
 * 0.46 (et04 678, a false dissolve), 0.58 (g04 508, a wipe found later),
 * 0.60-1.0 (cuts, an in-shot change at nd06 292). Only g04 (419 -> 433,
 * annotated 434) and et04 (644 -> 670, annotated 667) change with it. */
#define FADE_END_JUMP 0.4f

/* sums of 1, x, p, x^2, x p, p^2 over frames [0, i) */
typedef struct { double n, x, p, xx, xp, pp; } FadeSums;

static FadeSums sums_range(const FadeSums *c, int i, int j)
{
    return (FadeSums){ c[j].n - c[i].n, c[j].x - c[i].x, c[j].p - c[i].p,
                       c[j].xx - c[i].xx, c[j].xp - c[i].xp, c[j].pp - c[i].pp };
}

/* The fit of a level lo before s, a straight rise to hi over [s, e] (the
 * weights of scene_span.h's ramp) and hi + drift (i - e) after e. */
typedef struct { double explained, lo, hi, drift; } FadeFit;

/* Solves the 3x3 normal equations a x = b (a tiny ridge for a missing
 * plateau, where the drift has no frame). */
static void solve3(double a[3][3], double b[3], double x[3])
{
    for (int i = 0; i < 3; i++)
        a[i][i] += 1e-9;
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++) {
            double f = a[j][i] / a[i][i];
            for (int k = i; k < 3; k++)
                a[j][k] -= f * a[i][k];
            b[j] -= f * b[i];
        }
    for (int i = 2; i >= 0; i--) {
        double v = b[i];
        for (int k = i + 1; k < 3; k++)
            v -= a[i][k] * x[k];
        x[i] = v / a[i][i];
    }
}

static FadeFit fit_at(const FadeSums *c, int n, int s, int e)
{
    FadeSums L = sums_range(c, 0, s), M = sums_range(c, s, e + 1), R = sums_range(c, e + 1, n);
    double cs = s - 1, D = e - s + 2;
    double r = (M.x - cs * M.n) / D, rr = (M.xx - 2 * cs * M.x + cs * cs * M.n) / (D * D);
    double rp = (M.xp - cs * M.p) / D;
    double z = R.x - e * R.n, zz = R.xx - 2.0 * e * R.x + (double)e * e * R.n, zp = R.xp - e * R.p;
    double a[3][3] = { { L.n + M.n - 2 * r + rr, r - rr, 0 },
                       { r - rr, rr + R.n, z },
                       { 0, z, zz } };
    double b[3] = { L.p + M.p - rp, rp + R.p, zp }, b0[3] = { b[0], b[1], b[2] }, x[3];
    solve3(a, b, x);
    return (FadeFit){ x[0] * b0[0] + x[1] * b0[1] + x[2] * b0[2], x[0], x[1], x[2] };
}

/* RMS of what the fit leaves after the rise: the shot's own variation */
static double plateau_noise(const FadeSums *c, int n, int e, const FadeFit *f)
{
    FadeSums R = sums_range(c, e + 1, n);
    if (R.n <= 0)
        return 0;
    double z = R.x - e * R.n, zz = R.xx - 2.0 * e * R.x + (double)e * e * R.n, zp = R.xp - e * R.p;
    double ss = R.pp - 2 * f->hi * R.p - 2 * f->drift * zp + f->hi * f->hi * R.n +
                2 * f->hi * f->drift * z + f->drift * f->drift * zz;
    return ss > 0 ? sqrt(ss / R.n) : 0;
}

/* least-squares rise of the valid frames first..last: slope times length */
static double line_rise(const FadeSums *c, int first, int last)
{
    FadeSums w = sums_range(c, first, last + 1);
    double den = w.n * w.xx - w.x * w.x;
    return den > 0 ? (w.n * w.xp - w.x * w.p) / den * (last - first) : 0;
}

int mt_scene_fade_end(const float *c, const unsigned char *valid, int n, int rise_first, int end)
{
    if (n < 2 || n > MT_SCENE_FADE_END_MAX || rise_first < 0 || rise_first >= n || end >= n - 1 ||
        end < rise_first - 1)
        return end;
    for (int k = end + 1, prev = -1; k < n; k++) {
        if (!valid[k])
            continue;
        if (prev >= 0 && fabsf(c[k] - c[prev]) > FADE_END_JUMP * fmaxf(c[k], c[prev])) {
            n = k;
            break;
        }
        prev = k;
    }
    if (end >= n - 2) /* under two frames of the new shot left */
        return end;
    FadeSums cum[MT_SCENE_FADE_END_MAX + 1];
    cum[0] = (FadeSums){ 0 };
    for (int i = 0; i < n; i++) {
        cum[i + 1] = cum[i];
        if (!valid[i])
            continue;
        cum[i + 1].n += 1;
        cum[i + 1].x += i;
        cum[i + 1].p += c[i];
        cum[i + 1].xx += (double)i * i;
        cum[i + 1].xp += (double)i * c[i];
        cum[i + 1].pp += (double)c[i] * c[i];
    }
    FadeFit best = { -INFINITY, 0, 0, 0 };
    int best_e = -1;
    for (int s = 0; s <= rise_first; s++)
        for (int e = end > s ? end : s; e < n; e++) {
            FadeFit f = fit_at(cum, n, s, e);
            if (f.explained > best.explained) {
                best = f;
                best_e = e;
            }
        }
    if (best_e <= end)
        return end;
    double noise = FADE_END_NOISE * plateau_noise(cum, n, best_e, &best);
    int last = end;
    for (int k = best_e; k > end; k--)
        if (valid[k] && c[k] < best.hi - noise - FADE_END_FLOOR) {
            last = k;
            break;
        }
    /* frames that stay level are the new shot already (a cut in from the
     * black whose shot changes later) */
    if (last > end + 1 && line_rise(cum, end + 1, last) <= noise)
        return end;
    return last;
}
