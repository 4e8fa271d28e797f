/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * What the beat kernel finds (mt_beat_result): tempo, candidates, tempo
 * curve, beats, onset and energy curves, with the analyser's version.
 * Plain C types; the sidecar module (cache/sidecar_model.h) stores them as
 * they are.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_RESULT_H
#define MONTAGE_ANALYSIS_BEAT_RESULT_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever the maths of the beat analyser changes its results, so
 * cached sidecars made by an older analyser are treated as stale (README,
 * "Changing analysis results"). */
#define MT_BEAT_ANALYSER_VERSION 10

typedef struct MtAudioStream {
    int     sample_rate;
    int     channels;
    const char *channel_layout; /* av_channel_layout_describe() */
    const char *sample_fmt;     /* av_get_sample_fmt_name() */
    int     analysis_rate;      /* Hz after internal resampling */
    int     hop;                /* analysis samples per onset frame */
    int     window;             /* FFT size */
    int64_t samples;
    double  duration_s;
} MtAudioStream;

typedef struct MtTempoCandidate {
    float bpm;
    float weight; /* 0..1; the reported tempo first, then by weight */
} MtTempoCandidate;

typedef struct MtBeatResult {
    MtAudioStream stream;
    float bpm;        /* 0 when no tempo was found */
    float confidence; /* 0..1 */
    int   meter;      /* beats per bar: 3 to 6; 0 with too few beats to tell */
    const MtTempoCandidate *candidates;
    size_t n_candidates;
    /* tempo curve, present when tempo changes: t (s) and bpm, n_curve each */
    const float *curve_t;
    const float *curve_bpm;
    size_t n_curve;
    /* beats, struct of arrays */
    const double  *beat_t;        /* seconds */
    const int64_t *beat_sample;   /* exact: sample index at stream.sample_rate;
                                     NULL lets the writer derive it from beat_t
                                     (added for schema 1.0; the reader always
                                     fills it) */
    const float   *beat_strength; /* 0..1 */
    const uint8_t *beat_downbeat; /* 1 on the first beat of a bar */
    size_t n_beats;
    /* curves: value i is at t0 + i / rate_hz seconds */
    const float *onset_env;
    size_t n_onset;
    double onset_rate_hz;
    double onset_t0;
    const float *energy; /* RMS, linear full scale */
    size_t n_energy;
    double energy_rate_hz;
    double energy_t0;
} MtBeatResult;

#endif /* MONTAGE_ANALYSIS_BEAT_RESULT_H */
