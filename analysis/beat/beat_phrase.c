/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Phrase-boundary novelty of the beats' chroma; see beat_phrase.h. */
#include "analysis/beat/beat_phrase.h"

#include <math.h>

/* cosine similarity of beats a and b; 0 where either is silent */
static double similarity(const double *chroma, const double *norm, size_t a, size_t b)
{
    if (norm[a] <= 0.0 || norm[b] <= 0.0)
        return 0.0;
    double xy = 0.0;
    for (int c = 0; c < 12; c++)
        xy += chroma[a * 12 + (size_t)c] * chroma[b * 12 + (size_t)c];
    return xy / (norm[a] * norm[b]);
}

/* mean similarity of the beats [a, a + span) to the beats [b, b + span) */
static double block_similarity(const double *chroma, const double *norm, size_t a, size_t b,
                               size_t span)
{
    double s = 0.0;
    for (size_t i = 0; i < span; i++)
        for (size_t j = 0; j < span; j++)
            s += similarity(chroma, norm, a + i, b + j);
    return s / (double)(span * span);
}

void mt_phrase_novelty(const double *chroma, size_t n_beats, size_t span, double *norm,
                       double *novelty)
{
    for (size_t i = 0; i < n_beats; i++) {
        double nn = 0.0;
        for (int c = 0; c < 12; c++)
            nn += chroma[i * 12 + (size_t)c] * chroma[i * 12 + (size_t)c];
        norm[i] = sqrt(nn);
        novelty[i] = 0.0;
    }
    if (span == 0)
        return;
    for (size_t i = span; i + span <= n_beats; i++) {
        const size_t before = i - span;
        const double within = 0.5 * (block_similarity(chroma, norm, before, before, span) +
                                     block_similarity(chroma, norm, i, i, span));
        novelty[i] = within - block_similarity(chroma, norm, before, i, span);
    }
}
