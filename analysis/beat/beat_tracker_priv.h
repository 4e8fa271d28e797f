/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Internal state of MtBeatTracker, shared by beat_tracker.c (streaming
 * side) and beat_analyse.c (end-of-stream analysis). Not for the glue.
 * Calls go one way: beat_tracker.c calls beat_analyse.c (beat_analyse.h),
 * never the reverse.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TRACKER_PRIV_H
#define MONTAGE_ANALYSIS_BEAT_TRACKER_PRIV_H

#include "analysis/audio/audio_resample.h"
#include "analysis/beat/beat_autocorr.h"
#include "analysis/beat/beat_onset.h"
#include "analysis/beat/beat_stream.h"
#include "analysis/beat/beat_subframe.h"
#include "analysis/beat/beat_tempo.h"
#include "analysis/beat/beat_tracker.h"

#define MT_BEAT_CHUNK        4096 /* input samples converted per step */
#define MT_BEAT_AC_BLOCK     64   /* onset frames per autocorrelation block */

struct MtBeatTracker {
    MtBeatConfig cfg;
    int in_rate;
    MtTempoParams tp;
    MtTempoGrid *grid;
    MtResampler *rs;
    MtOnset *onset;
    MtBlockAc *ac;
    MtBeatStream *stream;
    int max_lag;

    float *mono;          /* MT_BEAT_CHUNK zeros: the end-of-stream flush */
    float *rs_out;        /* resampler output for one chunk */
    float *frame;         /* analysis samples not yet consumed */
    size_t frame_len, frame_cap;

    int64_t samples_in;   /* input samples pushed */
    int finished;

    /* per onset frame */
    float *flux, *env, *low;  /* raw flux, baseline-removed flux, low-band flux */
    float *mid;               /* flux of the bands above the low band */
    uint8_t *chroma;          /* 12 per frame */
    uint8_t *sub;             /* MT_SUBFRAME_N block levels per frame */
    float sub_prev;           /* the analysis sample before the next frame */
    size_t n_frames, cap_frames;
    double baseline;          /* causal running mean of the flux */
    double env_ms;            /* running mean square of env (streaming scale) */
    float current_onset;

    /* RMS energy blocks at the input rate */
    float *energy;
    size_t n_energy, cap_energy;
    int energy_block;
    double energy_acc;
    int energy_fill;

    /* whole-stream results */
    float bpm, confidence;
    int meter;
    MtTempoCandidate cand[MT_TEMPO_MAX_CANDIDATES];
    size_t n_cand;
    float *curve_t, *curve_bpm;
    size_t n_curve;
    double *beat_t;
    float *beat_strength;
    uint8_t *beat_down;
    size_t n_beats;
};

/* Time in seconds of onset frame f (may be fractional). */
static inline double mt_beat_frame_time(double f)
{
    return (f * MT_BEAT_HOP + MT_BEAT_WINDOW / 2.0) / MT_BEAT_ANALYSIS_RATE
           + MT_BEAT_FRAME_OFFSET_S;
}

#endif /* MONTAGE_ANALYSIS_BEAT_TRACKER_PRIV_H */
