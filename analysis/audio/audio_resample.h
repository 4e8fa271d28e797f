/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Rational polyphase windowed-sinc resampler (any rate to any rate; exact
 * phases when the ratio reduces to at most 4096 of them, as for every
 * common audio rate to 11025 Hz, else the nearest of 4096) with an anti-aliasing low-pass: a short Kaiser-windowed
 * sinc (2 zero crossings per side at the lower rate, -6 dB at 0.9 x the
 * lower Nyquist frequency, stop band from about 1.3 x it). Cheap by design:
 * for 44.1 kHz to 11025 Hz it is 16 multiply-adds per output and no
 * division (an integer ratio runs a single kernel row); onset analysis tolerates the wide transition band. Output
 * sample k sits exactly at input time k * in_rate / out_rate (exact phases,
 * symmetric kernel, so no time shift); the price is a look-ahead of
 * mt_resampler_lookahead() input samples before an output can be emitted.
 * Samples before the first input are taken as zeros.
 */
#ifndef MONTAGE_ANALYSIS_AUDIO_RESAMPLE_H
#define MONTAGE_ANALYSIS_AUDIO_RESAMPLE_H

#include <stddef.h>

typedef struct MtResampler MtResampler;

/* NULL on bad rates (<= 0) or allocation failure. */
MtResampler *mt_resampler_new(int in_rate, int out_rate);
void mt_resampler_free(MtResampler **r);

/* Upper bound of outputs one call with n inputs can produce. */
size_t mt_resampler_max_out(const MtResampler *r, size_t n);

/* Input samples needed after time x before output at x is emitted. */
int mt_resampler_lookahead(const MtResampler *r);

/*
 * Feeds n input samples; writes the outputs that became computable to out
 * (room for mt_resampler_max_out(r, n)) and returns how many, or -1 on
 * allocation failure. To flush at end of stream, feed
 * mt_resampler_lookahead() zeros.
 */
long mt_resampler_process(MtResampler *r, const float *in, size_t n, float *out);

/*
 * The same without a copy, for a producer that can write its samples in
 * place (the downmix): mt_resampler_input() returns room for n inputs (NULL
 * on allocation failure), valid until the next call on r; write them there,
 * then mt_resampler_commit(r, n, out) does what mt_resampler_process does.
 */
float *mt_resampler_input(MtResampler *r, size_t n);
long mt_resampler_commit(MtResampler *r, size_t n, float *out);

#endif /* MONTAGE_ANALYSIS_AUDIO_RESAMPLE_H */
