// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Inside mt_subframe_levels, for the unit tests only: the SSE2 lane sums
 * and their plain-C twin must give the same floats, and the block codes
 * (0.5 dB steps) are too coarse to show a changed summing order.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_SUBFRAME_PRIV_H
#define MONTAGE_ANALYSIS_BEAT_SUBFRAME_PRIV_H

/* Block b's eight lane sums a[k] = sum over i of d[b LEN + i + k]^2 (i a
 * multiple of 8, ascending), d the first differences of x, prev before
 * x[0]. */
void mt_subframe_lane_sums(const float *x, float prev, int b, float a[8]);

#endif
