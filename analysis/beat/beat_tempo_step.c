/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Abrupt changes of the beat period; see beat_tempo_step.h. */
#include "analysis/beat/beat_tempo_step.h"

#include <math.h>

/* median of the MT_TEMPO_STEP_SPAN beat periods from beat a on */
static double median_period(const double *beat_t, size_t a)
{
    double v[MT_TEMPO_STEP_SPAN];
    for (int k = 0; k < MT_TEMPO_STEP_SPAN; k++) { /* insertion sort */
        const double d = beat_t[a + (size_t)k + 1] - beat_t[a + (size_t)k];
        int j = k;
        for (; j > 0 && v[j - 1] > d; j--)
            v[j] = v[j - 1];
        v[j] = d;
    }
    return 0.5 * (v[(MT_TEMPO_STEP_SPAN - 1) / 2] + v[MT_TEMPO_STEP_SPAN / 2]);
}

/* |log| of the period ratio across beat k; 0 without a full span each side */
static double step_at(const double *beat_t, size_t n_beats, size_t k)
{
    if (k < MT_TEMPO_STEP_SPAN || k + MT_TEMPO_STEP_SPAN >= n_beats)
        return 0.0;
    const double before = median_period(beat_t, k - MT_TEMPO_STEP_SPAN);
    const double after = median_period(beat_t, k);
    return before > 0.0 && after > 0.0 ? fabs(log(after / before)) : 0.0;
}

/* The strongest step inside beats [a, b), then recursively in each part.
 * Only beats whose periods on both sides lie inside the part count (a
 * step found before still shows SPAN beats into the part after it). */
static size_t split(const double *beat_t, size_t n_beats, size_t a, size_t b, size_t *cuts)
{
    if (b - a < 2 * (size_t)MT_TEMPO_STEP_SPAN + 1)
        return 0;
    const size_t first = a + MT_TEMPO_STEP_SPAN, last = b - MT_TEMPO_STEP_SPAN - 1;
    double best = 0.0;
    size_t at = first;
    for (size_t k = first; k <= last; k++) {
        const double s = step_at(beat_t, n_beats, k);
        if (s > best) {
            best = s;
            at = k;
        }
    }
    if (best <= MT_TEMPO_STEP_MIN)
        return 0;
    /* the medians see a step over the SPAN beats around it, alike on
     * both sides: the step is at the middle of the run above the bound */
    size_t lo = at, hi = at;
    while (lo > first && step_at(beat_t, n_beats, lo - 1) > MT_TEMPO_STEP_MIN)
        lo--;
    while (hi < last && step_at(beat_t, n_beats, hi + 1) > MT_TEMPO_STEP_MIN)
        hi++;
    at = (lo + hi) / 2;
    if (at - a < MT_TEMPO_STEP_MIN_BEATS || b - at < MT_TEMPO_STEP_MIN_BEATS)
        return 0;
    size_t m = split(beat_t, n_beats, a, at, cuts);
    cuts[m++] = at;
    return m + split(beat_t, n_beats, at, b, cuts + m);
}

size_t mt_tempo_steps(const double *beat_t, size_t n_beats, size_t *cuts)
{
    return split(beat_t, n_beats, 0, n_beats, cuts);
}
