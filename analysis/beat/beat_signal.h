/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Which onset frames lie in a part of the stream that has signal. Whole-
 * stream statistics (the legato share of beat_prior.h) are taken over
 * these frames only: a silent or near-silent intro, break or outro has no
 * pulse and must not vote on the tempo level.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_SIGNAL_H
#define MONTAGE_ANALYSIS_BEAT_SIGNAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * A frame has signal when the loudest RMS block within
 * +-MT_SIGNAL_REACH_S of it is at most MT_SIGNAL_BELOW_DB below the
 * stream's loudest block. The reach spans the gaps between the hits of
 * a slow drum pattern (40 BPM: 1.5 s), so the quiet blocks between
 * attacks count as signal. 24 dB separates a -30 dB intro, digital
 * silence and noise below it (issue 11's cases: the generated strings of
 * test_beat_prior and h05_strings of beat_extra_corpus.json behind or
 * before silence, after a -30 dB intro or a fade-in) from the soft
 * passages of a dynamic piece, which keep their vote. Not tuned: the dev
 * corpus, music-dev, music-val and extra corpora 1 and 3 gave the same
 * beats and tempi with and without the mask (beat_music_dev_split.txt).
 */
#define MT_SIGNAL_REACH_S  1.0
#define MT_SIGNAL_BELOW_DB 24.0

/*
 * out[f] (f < n_frames) = 1 when onset frame f, at time t0 + f / frame_rate
 * seconds, has signal by the rule above, else 0; energy[k] is the RMS of
 * [k, k + 1) / energy_rate seconds. Returns the number of frames with
 * signal (0 when energy is empty or silent).
 */
size_t mt_signal_frames(const float *energy, size_t n_energy, double energy_rate,
                        double t0, double frame_rate, size_t n_frames, uint8_t *out);

#endif /* MONTAGE_ANALYSIS_BEAT_SIGNAL_H */
