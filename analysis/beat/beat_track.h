/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Whole-stream beat tracking by dynamic programming (Ellis 2007 style,
 * written here): the beat sequence maximising the onset strength at the
 * beats minus a penalty, tightness * ln(interval / period)^2, for every
 * interval that departs from the local beat period. The period may vary
 * per frame (tempo curve), so accelerandi and tempo jumps are followed.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TRACK_H
#define MONTAGE_ANALYSIS_BEAT_TRACK_H

#include <stddef.h>

/*
 * onset[n]: normalised onset envelope (>= 0); period[n]: local beat period
 * in frames (> 1). Writes beat frame indices, ascending, to beats (room
 * for n) and returns how many (0 when n is too short), or -1 on
 * allocation failure.
 */
long mt_beat_dp(const float *onset, const double *period, size_t n,
                double tightness, size_t *beats);

/*
 * The local beat period followed by a tracked beat sequence: the median
 * of three consecutive intervals, placed at the middle one's centre and
 * joined linearly; flat before the first and after the last. Writes
 * period[n] (frames). Needs n_beats >= 4; returns 0, or -1 when too few.
 */
int mt_beat_periods_from_beats(const size_t *beats, size_t n_beats, size_t n, double *period);

/*
 * Drops leading and trailing beats whose onset (max within +-2 frames)
 * is below `fraction` of the median beat onset: beats the DP extrapolates
 * into silence or into a decaying tail. Returns the new count; the kept
 * beats are moved to the front.
 */
size_t mt_beat_trim(const float *onset, size_t n, size_t *beats, size_t n_beats,
                    double fraction);

/*
 * Beat times below the frame grid. The DP places beats on whole onset
 * frames (one hop, ~23 ms), so a frame's time is off by up to half a hop
 * (the attack times of beat_subframe.h, where found, by a block).
 * Where the tempo holds over a few beats, those rounding errors are
 * spread evenly and cancel out in a least-squares line through the
 * neighbours: t[i] becomes that line's value at i, fitted over beats
 * i - MT_BEAT_REFINE_HALF .. i + MT_BEAT_REFINE_HALF. A beat whose
 * window departs from the line by more than max_resid seconds (a
 * fermata, a jump, a beat on a stray onset) keeps its frame time, and so
 * does one whose line value falls outside [0, t_max] (the stream).
 * scratch: room for n doubles.
 */
#define MT_BEAT_REFINE_HALF 4
void mt_beat_refine_times(double *t, size_t n, double max_resid, double t_max,
                          double *scratch);

#endif /* MONTAGE_ANALYSIS_BEAT_TRACK_H */
