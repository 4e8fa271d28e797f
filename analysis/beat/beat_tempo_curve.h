/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Local tempo curve for a stream whose tempo may change (accelerando,
 * tempo jump): one tempo per autocorrelation block, chosen by Viterbi over
 * the tempo grid within a band around the global tempo (so the octave
 * decided globally is kept). Each block's evidence is the comb salience of
 * an ~8 s window centred on it; moving between tempi costs in proportion
 * to the log tempo ratio, so slow drifts and one clear jump are cheap
 * while frame-to-frame jitter is not.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TEMPO_CURVE_H
#define MONTAGE_ANALYSIS_BEAT_TEMPO_CURVE_H

#include <stddef.h>

#include "analysis/beat/beat_autocorr.h"
#include "analysis/beat/beat_tempo.h"

#define MT_TEMPO_CURVE_BAND    1.4  /* local tempo within global / x .. global * x
                                      (excludes the 2/3 and 3/2 relatives) */
#define MT_TEMPO_CURVE_WINDOW_S 8.0

/*
 * Fills block_bpm[mt_block_ac_blocks(ac)] with the local tempo of each
 * block. Blocks without evidence get the global tempo. Returns 0, -1 on
 * allocation failure (block_bpm then all global_bpm).
 */
int mt_tempo_curve(const MtTempoParams *p, const MtTempoGrid *g,
                   const MtBlockAc *ac, double global_bpm, double *block_bpm);

#endif /* MONTAGE_ANALYSIS_BEAT_TEMPO_CURVE_H */
