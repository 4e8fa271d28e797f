/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Onset features of one analysis frame for montagebeat: a Hann-windowed
 * real FFT (KISS FFT, cfg allocated once), log-compressed magnitudes in
 * quarter-octave bands from 30 Hz to 10.5 kHz and their half-wave
 * rectified change ("spectral flux", SuperFlux-style: compared with the
 * band-max-filtered frame MT_ONSET_DIFF_LAG hops back, which suppresses
 * vibrato and slow swells), each band weighted by sqrt(frequency) (a mild
 * high-frequency-content emphasis: percussive attacks mark the beat
 * phase better than syncopated bass and chord notes); plus a low band
 * (kick/bass) flux and a 12-bin chroma for downbeat cues.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_ONSET_H
#define MONTAGE_ANALYSIS_BEAT_ONSET_H

#include <stdint.h>

#define MT_ONSET_MAX_BANDS 48
#define MT_ONSET_DIFF_LAG  1    /* frames; the windows do not overlap (window = hop) */
#define MT_ONSET_LOW_HZ    180.0 /* upper edge of the kick/bass band */

typedef struct MtOnsetFrame {
    float flux;       /* all bands, >= 0 */
    float low_flux;   /* bands below MT_ONSET_LOW_HZ, >= 0 */
    float mid_flux;   /* the other bands, unweighted, >= 0 (snare, claps) */
    uint8_t chroma[12]; /* pitch-class energy, 255 = the frame's strongest */
} MtOnsetFrame;

typedef struct MtOnset MtOnset;

/* window must be even (a power of two is fastest). NULL on failure. */
MtOnset *mt_onset_new(int sample_rate, int window);
void mt_onset_free(MtOnset **o);

/* Analyses `window` samples starting at frame (finite values expected). */
void mt_onset_do(MtOnset *o, const float *frame, MtOnsetFrame *out);

#endif /* MONTAGE_ANALYSIS_BEAT_ONSET_H */
