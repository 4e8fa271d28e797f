/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Outlier frames of the onset envelope. A jump in level (a quiet intro
 * cut to full level, a fader pushed mid-note) changes every band at once
 * and becomes one onset frame tens of times the envelope's RMS; squared
 * in the autocorrelation, that one frame outweighs the whole song's
 * periodicity. Clipping each frame against the level of the frames
 * around it keeps the step an onset, but an ordinary one.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_OUTLIER_H
#define MONTAGE_ANALYSIS_BEAT_OUTLIER_H

#include <stddef.h>

/* Clips env[i] to ratio x the RMS of the other frames within half_win
 * frames of i (levels measured before any clipping). Returns the number
 * of frames clipped; 0 leaves env untouched. -1 on allocation failure. */
long mt_env_clip_outliers(float *env, size_t n, size_t half_win, double ratio);

#endif /* MONTAGE_ANALYSIS_BEAT_OUTLIER_H */
