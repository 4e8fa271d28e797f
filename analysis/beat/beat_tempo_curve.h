/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Local tempo curve for a stream whose tempo may change (accelerando,
 * tempo jump): one tempo per autocorrelation block, chosen by Viterbi over
 * the tempo grid within a band around the global tempo, free near it and
 * at a cost per block further out (so the octave decided globally is
 * kept, and a far tempo needs a sustained stretch of evidence). Each block's evidence is the comb salience of
 * an ~8 s window centred on it; moving between tempi costs in proportion
 * to the log tempo ratio, so slow drifts and one clear jump are cheap
 * while frame-to-frame jitter is not.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TEMPO_CURVE_H
#define MONTAGE_ANALYSIS_BEAT_TEMPO_CURVE_H

#include <stddef.h>

#include "analysis/beat/beat_autocorr.h"
#include "analysis/beat/beat_tempo.h"

#define MT_TEMPO_CURVE_BAND    1.4  /* near band: local tempo within global / x ..
                                      global * x at no cost (excludes the 2/3
                                      and 3/2 relatives) */
/* Far band: a real tempo change may leave the near band (a ritardando or
 * a jump by more than x1.4; music-dev md13 jumps 77 -> 126 BPM, x1.64),
 * so the curve may go out to global / x .. global * x, short of the
 * octave (x2, decided globally). Out there a block pays FAR_COST (log
 * units of comb salience against the near band's best): only a stretch
 * where a far tempo's periodicity beats every near one by more than that,
 * block after block, pays for the excursion and its two transitions; one
 * ambiguous window does not. Measured on the music-dev tune part and
 * music-tune: at 0.1 spurious excursions (md06 0.960 -> 0.329, mt05
 * 0.864 -> 0.205), at 0.3 one (mt02, a fugue tracked at double, 0.333 ->
 * 0.291), at 0.6 and 1.0 none; a generated jump 80 -> 130 BPM
 * (test_beat_tempo.c) is followed at 0.6, not at 1.0. */
#define MT_TEMPO_CURVE_FAR_BAND 1.8
#define MT_TEMPO_CURVE_FAR_COST 0.6
#define MT_TEMPO_CURVE_WINDOW_S 8.0

/*
 * Fills block_bpm[mt_block_ac_blocks(ac)] with the local tempo of each
 * block. Blocks without evidence get the global tempo. Returns 0, -1 on
 * allocation failure (block_bpm then all global_bpm).
 */
int mt_tempo_curve(const MtTempoParams *p, const MtTempoGrid *g,
                   const MtBlockAc *ac, double global_bpm, double *block_bpm);

#endif /* MONTAGE_ANALYSIS_BEAT_TEMPO_CURVE_H */
