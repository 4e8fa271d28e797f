/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Causal beat predictor for the streaming metadata. Every
 * MT_STREAM_TEMPO_EVERY x MT_STREAM_UPDATE_FRAMES frames it re-estimates the
 * tempo from the last MT_STREAM_WINDOW_S seconds (same salience / prior /
 * octave logic as the whole-stream analysis); every MT_STREAM_UPDATE_FRAMES
 * it re-estimates the beat phase by a comb over the recent envelope and
 * predicts the next beat. A beat event is released on the
 * first frame at or after its predicted time, so an event for time t is
 * known about one analysis frame (plus the window/2 look-ahead the frame
 * needs) after t; see MT_BEAT_STREAM_LATENCY_S in beat_tracker.h.
 * No beats are emitted before MT_STREAM_WARMUP_S of signal or while the
 * tempo confidence is below MT_STREAM_MIN_CONFIDENCE.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_STREAM_H
#define MONTAGE_ANALYSIS_BEAT_STREAM_H

#include <stddef.h>

#include "analysis/beat/beat_autocorr.h"
#include "analysis/beat/beat_tempo.h"

#define MT_STREAM_UPDATE_FRAMES  16 /* ~0.37 s: beat phase re-estimated */
#define MT_STREAM_TEMPO_EVERY    3  /* tempo re-estimated every 3rd update (~1.1 s) */
#define MT_STREAM_WINDOW_S       8.0
#define MT_STREAM_WARMUP_S       3.0
#define MT_STREAM_MIN_CONFIDENCE 0.1f
#define MT_STREAM_QUEUE          64

typedef struct MtBeatStreamEvent {
    double frame;   /* fractional onset frame of the beat */
    float strength; /* 0..1 */
} MtBeatStreamEvent;

typedef struct MtBeatStream MtBeatStream;

MtBeatStream *mt_beat_stream_new(const MtTempoParams *p, const MtTempoGrid *g, int max_lag);
void mt_beat_stream_free(MtBeatStream **s);

/* Call after frame n-1 of env (normalised envelope) was appended to ac. */
void mt_beat_stream_update(MtBeatStream *s, const float *env, size_t n, const MtBlockAc *ac);

/* Oldest pending event; returns 1 and fills ev, or 0 when none. */
int mt_beat_stream_pop(MtBeatStream *s, MtBeatStreamEvent *ev);

/* Current streaming tempo (0 before it is known). */
double mt_beat_stream_bpm_of(const MtBeatStream *s);

#endif /* MONTAGE_ANALYSIS_BEAT_STREAM_H */
