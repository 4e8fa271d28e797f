/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The tempo a song's analysis reports and its ranked alternatives, from
 * the tracked beats and the estimate they were searched at. One rule for
 * every path through beat_analyse.c: the reported tempo is the one the
 * listed beats keep, unless they lost or doubled stretches of a steady
 * piece; the estimate's own candidates stay listed behind it.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_REPORT_H
#define MONTAGE_ANALYSIS_BEAT_REPORT_H

#include <stddef.h>

#include "analysis/beat/beat_tempo.h"

/* Two tempo estimates of one song within this ratio are the same tempo:
 * it separates the spread of estimates of one steady tempo (the local
 * windows' median against the global peak; the beats' fitted tempo
 * against the tempo they were searched at) from a real tempo change or an
 * octave/ratio error. Used with one value since the first version of the
 * analysis; its margins were not recorded and have not been re-measured
 * (the refactor of #15 only named it). */
#define MT_BEAT_SAME_TEMPO_RATIO 1.06

/* Two candidates within this ratio are one tempo: the estimate's own rule
 * for listing its peaks (beat_tempo.c, 1.04 there, not re-measured). */
#define MT_BEAT_CAND_SAME_RATIO 1.04

/*
 * The reported tempo of n beat times (seconds, ascending), searched along
 * the per-block tempo curve block_bpm[nb] built on the estimate est_bpm.
 * changing: the curve changes, so the beats' median interval, else their
 * least-squares fit. followed: the follow passes set the beats' period,
 * so their tempo stands. Otherwise a tempo farther than
 * MT_BEAT_SAME_TEMPO_RATIO from the tempo the search was given means
 * lost or doubled stretches, and that tempo stands: on a steady piece the
 * curve's median (the curve may settle away from the estimate: its free
 * x1.4 band, the far x1.8 one at a cost), where it changes the estimate.
 * Held to min_bpm..max_bpm when max_bpm > 0 (the range is a promise of
 * montagebeat.texi).
 */
double mt_beat_reported_bpm(const double *beat_t, size_t n, int changing, int followed,
                            double est_bpm, const double *block_bpm, size_t nb,
                            double min_bpm, double max_bpm);

/*
 * The ranked candidates (at most MT_TEMPO_MAX_CANDIDATES into out) with
 * the reported tempo first, at the weight of the estimate's candidate it
 * repeats (else the estimate's top weight); then the estimate's own
 * candidates in order, each one that repeats a tempo already listed left
 * out (the estimate compares its alternatives with its own tempo only:
 * 200.0 beside 198.8, 137.6 beside 141.4 seen). With no estimated
 * candidate, the reported tempo alone at weight 1. Returns the count.
 */
size_t mt_beat_rank_candidates(double reported_bpm, const MtTempoCandidate *est, size_t n_est,
                               MtTempoCandidate *out);

#endif
