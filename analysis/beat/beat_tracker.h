/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montagebeat analysis core: tempo, beats, downbeats/meter, tempo curve,
 * onset envelope and RMS energy of one audio stream. Plain C, no FFmpeg.
 *
 * Lifecycle (aubio style, all buffers preallocated or grown amortised):
 *   MtBeatConfig c; mt_beat_config_default(&c); ...set options...
 *   MtBeatTracker *bt = mt_beat_new(&c, sample_rate);
 *   for each decoded frame:
 *       mt_beat_push_raw(bt, planes, fmt, planar, channels, nb_samples);
 *       onset = mt_beat_current_onset(bt);          // per-frame metadata
 *       while (mt_beat_pop_stream_beat(bt, &t, &s)) // streamed beat events
 *           ...;
 *   mt_beat_finish(bt);                             // at end of stream
 *   MtBeatResult r; mt_beat_result(bt, &r);         // into the sidecar
 *   mt_beat_free(&bt);
 *
 * Analysis: input downmixed to mono, resampled to MT_BEAT_ANALYSIS_RATE
 * (11025 Hz) with a short anti-aliasing kernel, Hann window MT_BEAT_WINDOW
 * (23 ms), hop MT_BEAT_HOP (23 ms, 43.1 onset frames/s). Chosen for speed
 * (the filter must cost < 10 % of an mp3 decode; the FFT dominates) and
 * measured on the dev and extra corpora: 22050 Hz / 46 ms / 11.6 ms was
 * no more accurate once the octave check (beat_octave.h) was in, and a
 * 46 ms window at 11025 Hz was less accurate on the dev set.
 *
 * Two kinds of beats:
 *  - streamed (mt_beat_pop_stream_beat): causal prediction; every ~0.37 s
 *    the tempo (same salience / prior / octave logic) and the beat phase
 *    are re-estimated from the last 8 s, and the next beat is predicted.
 *    An event is released on the first analysis frame at or after its
 *    time t, i.e. at most MT_BEAT_STREAM_LATENCY_S (window/2 + one hop
 *    + 10 ms, ~46 ms) of audio after t, plus the glue's own frame size; the time
 *    reported is t itself. None during the first MT_STREAM_WARMUP_S (3 s)
 *    nor while the streaming tempo confidence is low.
 *  - whole-stream (mt_beat_result after mt_beat_finish): global tempo and
 *    octave decision (the prior centred lower for legato music, see
 *    beat_prior.h), a local tempo curve (Viterbi over ~8 s windows),
 *    beats by dynamic programming over the complete onset envelope, weak
 *    leading/trailing beats trimmed, an octave check of the beats from
 *    the kick/backbeat alternation (beat_octave.h), an off-beat check from
 *    the harmonic rhythm (beat_meter.h; the streamed beats get neither),
 *    beat times at their attacks within the frames (beat_subframe.h)
 *    and refined below the hop (mt_beat_refine_times), then
 *    meter and downbeats (always named from 12 beats on). These are
 *    the ones to trust; they may differ from the streamed ones (notably
 *    the first seconds, phase errors the predictor made and later fixed,
 *    and around tempo changes, which the predictor follows with a lag).
 * Silence, too-short input or aperiodic input give "no tempo": bpm 0,
 * confidence 0, no beats. Outputs never contain NaN/Inf.
 *
 * Curves in the result: onset_env[i] is the onset strength of analysis
 * frame i (baseline-removed spectral flux, scaled to unit RMS over the
 * stream) at time MT_BEAT_ONSET_T0_S + i / onset_rate_hz; energy[k] is
 * the RMS (linear, full scale) of input samples [k B, (k + 1) B) with
 * B = sample_rate / energy_rate_hz (~46 ms), i.e. t0 = 0 at the block
 * start. mt_beat_result fills onset_t0 and energy_t0 accordingly. Memory grows by ~2.4 KB per second of audio (about 40 MB peak
 * at end of stream for 2 hours).
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TRACKER_H
#define MONTAGE_ANALYSIS_BEAT_TRACKER_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/audio/audio_convert.h"
#include "analysis/beat/beat_result.h"
#include "analysis/config_entry.h"

#define MT_BEAT_ANALYSIS_RATE 11025
#define MT_BEAT_WINDOW        256
#define MT_BEAT_HOP           256
/* Longest delay between a streamed beat's time and the push that
 * releases it: half a window of look-ahead, one hop of frame granularity,
 * the frame time correction and the resampler's ~0.5 ms look-ahead. */
#define MT_BEAT_STREAM_LATENCY_S \
    ((MT_BEAT_WINDOW / 2.0 + MT_BEAT_HOP) / MT_BEAT_ANALYSIS_RATE - MT_BEAT_FRAME_OFFSET_S + 0.001)
/* Frame f is time-stamped at its window centre plus this correction.
 * It was measured for the first geometry (a 1024-sample window, hop 256,
 * lag-2 flux: the flux peaked about one hop after the attack reached the
 * centre). With window = hop = 256 and a lag-1 flux there is no single
 * right value: an attack counts in the frame that holds it or, when it
 * comes late in that frame, in the next (beat_subframe.h), so beats at
 * frame times came out 9 ms early on generated clicks, 0-5 ms on decaying
 * notes. Sidecar beats take their attack's time where one rises clearly
 * (beat_subframe.h); this convention stays for the others, the streamed
 * beats and the curves. */
#define MT_BEAT_FRAME_OFFSET_S (-0.010)
/* Time of onset_env[0]; onset_env[i] is at T0 + i * HOP / RATE. */
#define MT_BEAT_ONSET_T0_S \
    (MT_BEAT_WINDOW / 2.0 / MT_BEAT_ANALYSIS_RATE + MT_BEAT_FRAME_OFFSET_S)

#define MT_BEAT_MIN_RATE 8000   /* input sample rates accepted by mt_beat_new */
#define MT_BEAT_MAX_RATE 192000

/* Options; the names in quotes are the filter option / sidecar config keys. */
#define MT_BEAT_MIN_BPM_DEFAULT      40.0  /* "min_bpm": slowest tempo reported */
#define MT_BEAT_MIN_BPM_MIN          20.0
#define MT_BEAT_MIN_BPM_MAX          200.0
#define MT_BEAT_MAX_BPM_DEFAULT      240.0 /* "max_bpm": fastest tempo reported */
#define MT_BEAT_MAX_BPM_MIN          60.0
#define MT_BEAT_MAX_BPM_MAX          400.0
#define MT_BEAT_PRIOR_BPM_DEFAULT    120.0 /* "prior_bpm": centre of the tempo prior */
#define MT_BEAT_PRIOR_BPM_MIN        30.0
#define MT_BEAT_PRIOR_BPM_MAX        300.0
#define MT_BEAT_PRIOR_WIDTH_DEFAULT  1.0   /* "prior_width": prior std dev, octaves */
#define MT_BEAT_PRIOR_WIDTH_MIN      0.1
#define MT_BEAT_PRIOR_WIDTH_MAX      4.0
#define MT_BEAT_TIGHTNESS_DEFAULT    100.0 /* "tightness": cost of departing from the local period */
#define MT_BEAT_TIGHTNESS_MIN        1.0
#define MT_BEAT_TIGHTNESS_MAX        10000.0
#define MT_BEAT_DOWNBEATS_DEFAULT    1     /* "downbeats": detect meter and downbeats */
#define MT_BEAT_DOWNBEATS_MIN        0
#define MT_BEAT_DOWNBEATS_MAX        1
#define MT_BEAT_KEEP_CURVES_DEFAULT  1     /* "keep_curves": onset env + energy in the sidecar */
#define MT_BEAT_KEEP_CURVES_MIN      0
#define MT_BEAT_KEEP_CURVES_MAX      1

/* max_bpm >= MT_BEAT_BPM_RANGE_MIN_RATIO x min_bpm (see mt_beat_config_check).
 * The tempo grid (0.5 % steps) then holds at least 10 tempi, room for the
 * +-3 % peak refinement and the parabolic interpolation. Narrow ranges
 * work: on 10 steady music-dev songs, ranges of +-10 %, +-3 % and
 * +-2.5 % around the true tempo gave the same tempo and beats as the
 * default 40..240 (the former 1.5 rule was not needed by the search).
 * Confidence shrinks with the range, as it measures how distinct the
 * peak is among the tempi searched (0.37-0.77 at +-10 %, 0-0.33 at +-3 %). */
#define MT_BEAT_BPM_RANGE_MIN_RATIO  1.05

#define MT_BEAT_CONFIG_ENTRIES 7 /* entries written by mt_beat_config_entries */

typedef struct MtBeatConfig {
    double min_bpm;     /* tempo search range, BPM; max_bpm >= 1.05 x min_bpm */
    double max_bpm;
    double prior_bpm;   /* most likely tempo a priori (log-normal prior) */
    double prior_width; /* its width in octaves; larger = weaker prior */
    double tightness;   /* beat DP: higher = beats keep to the tempo curve */
    int downbeats;      /* 1 = estimate meter (3 to 6) and mark downbeats */
    int keep_curves;    /* 1 = return onset_env and energy in the result */
} MtBeatConfig;

typedef struct MtBeatTracker MtBeatTracker;

void mt_beat_config_default(MtBeatConfig *c);

/* Writes up to max entries (keys = option names, in the order of the
 * struct) to out; returns the number of entries the config has
 * (MT_BEAT_CONFIG_ENTRIES). Key strings are static. */
size_t mt_beat_config_entries(const MtBeatConfig *c, MtConfigEntry *out, size_t max);

/* 0, or -EINVAL with a one-line reason naming the option and the rule in
 * why (may be NULL; MT_CONFIG_WHY_SIZE bytes are enough): every option
 * within its MIN..MAX (NaN refused, nothing clamped) and max_bpm at least
 * MT_BEAT_BPM_RANGE_MIN_RATIO x min_bpm. The contract both kernels share
 * is in analysis/config_check.h. */
int mt_beat_config_check(const MtBeatConfig *c, char *why, size_t why_size);

/* NULL when mt_beat_config_check refuses c, for a rate outside
 * [MT_BEAT_MIN_RATE, MT_BEAT_MAX_RATE], or on allocation failure. */
MtBeatTracker *mt_beat_new(const MtBeatConfig *c, int input_sample_rate);
void mt_beat_free(MtBeatTracker **bt);

/* Mono float samples at the input rate (NaN/Inf read as 0). 0, -EINVAL
 * (bad arguments, or after mt_beat_finish) or -ENOMEM. */
int mt_beat_push(MtBeatTracker *bt, const float *mono, size_t n);

/* Raw decoder planes (see mt_audio_downmix; pass AVFrame.extended_data,
 * our format enum, the planar flag, channels <= MT_BEAT_MAX_CHANNELS,
 * nb_samples), downmixed inside. 0, -EINVAL (bad arguments, or after
 * finish) or -ENOMEM. */
#define MT_BEAT_MAX_CHANNELS 64
int mt_beat_push_raw(MtBeatTracker *bt, const uint8_t *const *planes,
                     MtSampleFormat fmt, int planar, int channels, size_t n);

/* Onset strength of the latest analysis frame, in units of the recent
 * envelope RMS (0 = nothing new; ~1 typical; large = strong attack);
 * 0 before the first frame. */
float mt_beat_current_onset(const MtBeatTracker *bt);
/* Time (s from the first sample) of that frame; -1 before the first. */
double mt_beat_current_time(const MtBeatTracker *bt);

/* Oldest streamed beat not yet popped: returns 1 with its time (s from the
 * first sample) and strength (0..1), or 0 when there is none. */
int mt_beat_pop_stream_beat(MtBeatTracker *bt, double *t, float *strength);

/* Streaming tempo estimate, 0 when unknown. */
float mt_beat_stream_bpm(const MtBeatTracker *bt);

/* End of stream: whole-stream analysis. 0, -ENOMEM (the result then says
 * "no tempo") or -EINVAL when already finished. Pushing after finish is
 * an error. */
int mt_beat_finish(MtBeatTracker *bt);

/* Fills out with pointers into tracker-owned memory, valid until
 * mt_beat_free. stream.sample_rate/analysis_rate/hop/window/samples/
 * duration_s are filled; channels, channel_layout and sample_fmt are left
 * 0/NULL for the glue. 0, or -EINVAL before mt_beat_finish. */
int mt_beat_result(const MtBeatTracker *bt, MtBeatResult *out);

#endif /* MONTAGE_ANALYSIS_BEAT_TRACKER_H */
