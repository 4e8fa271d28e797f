/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
#include "analysis/beat/beat_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of v[n] (n > 0), sorted in place. */
static double median_sorted(double *v, size_t n)
{
    qsort(v, n, sizeof(double), cmp_double);
    return v[(n - 1) / 2];
}

/* Median of the curve (a copy sorted); 0 when empty or on allocation
 * failure. */
static double curve_median(const double *block_bpm, size_t nb)
{
    double *d = nb ? malloc(sizeof(double) * nb) : NULL;
    if (!d)
        return 0.0;
    memcpy(d, block_bpm, sizeof(double) * nb);
    double m = median_sorted(d, nb);
    free(d);
    return m;
}

/* Tempo of a steady beat sequence: least-squares slope of time vs index. */
static double fitted_bpm(const double *t, size_t n)
{
    if (n < 4)
        return 0.0;
    double mi = (n - 1) / 2.0, mt = 0.0;
    for (size_t i = 0; i < n; i++) mt += t[i];
    mt /= (double)n;
    double num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        num += ((double)i - mi) * (t[i] - mt);
        den += ((double)i - mi) * ((double)i - mi);
    }
    return num > 0 ? 60.0 * den / num : 0.0;
}

static double median_ibi_bpm(const double *t, size_t n)
{
    if (n < 2)
        return 0.0;
    double *d = malloc(sizeof(double) * (n - 1));
    if (!d)
        return 0.0;
    for (size_t i = 0; i + 1 < n; i++) d[i] = t[i + 1] - t[i];
    double m = median_sorted(d, n - 1);
    free(d);
    return m > 0 ? 60.0 / m : 0.0;
}

double mt_beat_reported_bpm(const double *beat_t, size_t n, int changing, int followed,
                            double est_bpm, const double *block_bpm, size_t nb,
                            double min_bpm, double max_bpm)
{
    double searched = changing ? est_bpm : curve_median(block_bpm, nb);
    if (!(searched > 0))
        searched = est_bpm;
    double bpm = changing ? median_ibi_bpm(beat_t, n) : fitted_bpm(beat_t, n);
    if (!(bpm > 0) || (!followed && fabs(log(bpm / searched)) > log(MT_BEAT_SAME_TEMPO_RATIO)))
        bpm = searched;
    /* beats followed out of a narrow range, a fit within the 6 % of an
     * estimate at its edge, or the windows' median standing in are
     * reported at the nearer end (a review found 0.2-4.8 % over 5 %-wide
     * ranges) */
    if (max_bpm > 0)
        bpm = fmin(fmax(bpm, min_bpm), max_bpm);
    return bpm;
}

/* Whether bpm repeats one of the m candidates c. */
static int repeats_candidate(const MtTempoCandidate *c, size_t m, double bpm)
{
    for (size_t k = 0; k < m; k++)
        if (fabs(log(bpm / c[k].bpm)) < log(MT_BEAT_CAND_SAME_RATIO))
            return 1;
    return 0;
}

size_t mt_beat_rank_candidates(double reported_bpm, const MtTempoCandidate *est, size_t n_est,
                               MtTempoCandidate *out)
{
    if (!(reported_bpm > 0))
        return 0;
    size_t m = 0;
    out[m++] = (MtTempoCandidate){ .bpm = (float)reported_bpm,
                                   .weight = n_est ? est[0].weight : 1.0f };
    for (size_t i = 0; i < n_est; i++)
        if (repeats_candidate(&est[i], 1, reported_bpm)) {
            out[0].weight = est[i].weight;
            break;
        }
    for (size_t i = 0; i < n_est && m < MT_TEMPO_MAX_CANDIDATES; i++)
        if (!repeats_candidate(out, m, est[i].bpm))
            out[m++] = est[i];
    return m;
}
