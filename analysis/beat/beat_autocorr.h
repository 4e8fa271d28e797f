/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Streaming autocorrelation of the onset envelope, kept per block of
 * frames so that any window of whole blocks (the last few seconds while
 * streaming, a sliding window at end of stream) can be summed cheaply:
 * one multiply-add per lag per frame instead of a full autocorrelation
 * per window.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_AUTOCORR_H
#define MONTAGE_ANALYSIS_BEAT_AUTOCORR_H

#include <stddef.h>

typedef struct MtBlockAc MtBlockAc;

/* Lags 0..max_lag frames, blocks of block_len frames. NULL on failure. */
MtBlockAc *mt_block_ac_new(int max_lag, int block_len);
void mt_block_ac_free(MtBlockAc **ac);

/* Appends one envelope value (finite). Returns 0, -1 on allocation failure. */
int mt_block_ac_push(MtBlockAc *ac, float x);

int mt_block_ac_max_lag(const MtBlockAc *ac);
int mt_block_ac_block_len(const MtBlockAc *ac);
/* Completed blocks, plus one if the current block is partly filled. */
size_t mt_block_ac_blocks(const MtBlockAc *ac);

/*
 * Normalised, mean-removed autocorrelation of blocks [b0, b1) into
 * out[0..max_lag] (out[0] = 1). Returns 0, or -1 when the window holds
 * no variation (silence), with out all zeros.
 */
int mt_block_ac_window(const MtBlockAc *ac, size_t b0, size_t b1, float *out);

#endif /* MONTAGE_ANALYSIS_BEAT_AUTOCORR_H */
