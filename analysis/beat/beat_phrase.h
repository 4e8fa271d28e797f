/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Phrase boundaries from the repetition of the beats' harmony. Phrases
 * start on a bar line, and the beats inside a phrase resemble each other
 * more than they resemble the beats of the next one, so the novelty of a
 * beat -- how much more alike the beats within the span before it and
 * within the span after it are than the beats across the two -- peaks
 * where phrases begin. Unlike the change of the summed chroma (which
 * only sees which chords sound, not how they repeat), it still tells the
 * one from beat 3 where chords change on both.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_PHRASE_H
#define MONTAGE_ANALYSIS_BEAT_PHRASE_H

#include <stddef.h>

/*
 * chroma: 12 values per beat (n_beats beats); novelty[n_beats] gets, for
 * each beat i with span beats on both sides, the mean cosine similarity
 * within the span before i and within the span after i (averaged) minus
 * the mean similarity across them; 0 nearer the ends. norm: scratch of
 * n_beats.
 */
void mt_phrase_novelty(const double *chroma, size_t n_beats, size_t span, double *norm,
                       double *novelty);

#endif /* MONTAGE_ANALYSIS_BEAT_PHRASE_H */
