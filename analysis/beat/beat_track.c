/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Dynamic-programming beat tracker; see beat_track.h. */
#include "analysis/beat/beat_track.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/beat/beat_peak.h"

long mt_beat_dp(const float *onset, const double *period, size_t n,
                double tightness, size_t *beats)
{
    if (n < 4)
        return 0;
    double *score = malloc(sizeof(double) * n);
    int64_t *back = malloc(sizeof(int64_t) * n);
    if (!score || !back) {
        free(score);
        free(back);
        return -1;
    }
    /* the transition penalty depends on the gap d = t - p and the period
     * only; where the period stays put (a steady tempo) it is tabulated
     * (pen[d], d up to 2 periods) instead of a log per candidate */
    double *pen = NULL, pen_per = -1.0, prev_per = -1.0;
    size_t pen_cap = 0;
    for (size_t t = 0; t < n; t++) {
        const double per = period[t];
        const double lo = (double)t - 2.0 * per, hi = (double)t - 0.5 * per;
        double best = 0.0; /* starting a new chain here scores 0 */
        int64_t arg = -1;
        if (hi >= 0) {
            size_t a = lo < 0 ? 0 : (size_t)ceil(lo), b = (size_t)floor(hi);
            if (per != pen_per && per == prev_per) { /* steady: tabulate */
                size_t dmax = (size_t)ceil(2.0 * per) + 1;
                if (dmax + 1 > pen_cap) {
                    double *np = realloc(pen, sizeof(double) * (dmax + 1));
                    if (!np) {
                        free(pen);
                        free(score);
                        free(back);
                        return -1;
                    }
                    pen = np;
                    pen_cap = dmax + 1;
                }
                for (size_t d = 0; d <= dmax; d++) {
                    double l = log((double)d / per);
                    pen[d] = tightness * l * l;
                }
                pen_per = per;
            }
            if (per == pen_per) {
                for (size_t p = a; p <= b; p++) {
                    double v = score[p] - pen[t - p];
                    if (v > best) { best = v; arg = (int64_t)p; }
                }
            } else { /* the period changes frame by frame (a tempo ramp) */
                for (size_t p = a; p <= b; p++) {
                    double l = log((double)(t - p) / per);
                    double v = score[p] - tightness * l * l;
                    if (v > best) { best = v; arg = (int64_t)p; }
                }
            }
        }
        prev_per = per;
        score[t] = onset[t] + best;
        back[t] = arg;
    }
    /* end: the best-scoring frame within the last period (scores grow with
     * every beat, so only a period's worth of frames compete) */
    const double last_per = period[n - 1];
    size_t from = (double)n > last_per ? n - (size_t)last_per : 0;
    size_t end = from;
    for (size_t t = from + 1; t < n; t++)
        if (score[t] > score[end])
            end = t;
    long count = 0;
    for (int64_t t = (int64_t)end; t >= 0; t = back[t])
        beats[count++] = (size_t)t;
    for (long i = 0; i < count / 2; i++) { /* reverse to ascending */
        size_t tmp = beats[i];
        beats[i] = beats[count - 1 - i];
        beats[count - 1 - i] = tmp;
    }
    free(pen);
    free(score);
    free(back);
    return count;
}

static double median3(double a, double b, double c)
{
    if (a > b) { double t = a; a = b; b = t; }
    if (b > c) b = c;
    return a > b ? a : b;
}

int mt_beat_periods_from_beats(const size_t *beats, size_t n_beats, size_t n, double *period)
{
    if (n_beats < 4 || n == 0)
        return -1;
    /* interval i spans beats i .. i + 1; its smoothed value sits at its centre */
    double prev_x = 0.0, prev_p = 0.0;
    size_t f = 0;
    for (size_t i = 0; i + 1 < n_beats; i++) {
        const double d0 = i > 0 ? (double)(beats[i] - beats[i - 1]) : (double)(beats[i + 1] - beats[i]);
        const double d1 = (double)(beats[i + 1] - beats[i]);
        const double d2 = i + 2 < n_beats ? (double)(beats[i + 2] - beats[i + 1]) : d1;
        const double p = median3(d0, d1, d2);
        const double x = 0.5 * (double)(beats[i] + beats[i + 1]);
        for (; f < n && (double)f < x; f++)
            period[f] = i == 0 ? p : prev_p + (p - prev_p) * ((double)f - prev_x) / (x - prev_x);
        prev_x = x;
        prev_p = p;
    }
    for (; f < n; f++)
        period[f] = prev_p;
    return 0;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

size_t mt_beat_trim(const float *onset, size_t n, size_t *beats, size_t n_beats,
                    double fraction)
{
    if (n_beats == 0)
        return 0;
    float *v = malloc(sizeof(float) * n_beats);
    if (!v)
        return n_beats;
    for (size_t i = 0; i < n_beats; i++)
        v[i] = mt_env_peak_near(onset, n, beats[i]);
    float *s = malloc(sizeof(float) * n_beats);
    if (!s) {
        free(v);
        return n_beats;
    }
    memcpy(s, v, sizeof(float) * n_beats);
    qsort(s, n_beats, sizeof(float), cmp_float);
    const double thr = fraction * s[n_beats / 2];
    free(s);
    size_t a = 0, b = n_beats;
    while (a < b && v[a] <= thr) a++;
    while (b > a && v[b - 1] <= thr) b--;
    free(v);
    if (a > 0)
        memmove(beats, beats + a, sizeof(size_t) * (b - a));
    return b - a;
}

void mt_beat_refine_times(double *t, size_t n, double max_resid, double t_max,
                          double *scratch)
{
    const size_t h = MT_BEAT_REFINE_HALF;
    if (n < 2 * h + 1)
        return;
    memcpy(scratch, t, sizeof(double) * n);
    for (size_t i = 0; i < n; i++) {
        /* the window slides in at the ends so it always holds 2h + 1 beats */
        size_t a = i >= h ? i - h : 0;
        if (a + 2 * h >= n)
            a = n - 2 * h - 1;
        const size_t b = a + 2 * h; /* inclusive */
        double mx = 0.0, my = 0.0;
        for (size_t j = a; j <= b; j++) {
            mx += (double)j;
            my += scratch[j];
        }
        mx /= (double)(2 * h + 1);
        my /= (double)(2 * h + 1);
        double sxy = 0.0, sxx = 0.0;
        for (size_t j = a; j <= b; j++) {
            sxy += ((double)j - mx) * (scratch[j] - my);
            sxx += ((double)j - mx) * ((double)j - mx);
        }
        const double slope = sxy / sxx;
        double worst = 0.0;
        for (size_t j = a; j <= b; j++) {
            double r = fabs(scratch[j] - (my + slope * ((double)j - mx)));
            if (r > worst) worst = r;
        }
        const double v = my + slope * ((double)i - mx);
        if (worst <= max_resid && v >= 0.0 && v <= t_max)
            t[i] = v;
    }
}
