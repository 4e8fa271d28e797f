/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Montage sidecar data model: the plain C structs that the writer packs and
 * the reader returns. No msgpack and no FFmpeg here, so the analysis code,
 * the filters, the driver and the CLI can all share one definition.
 *
 * Ownership: a sidecar filled by a producer (a filter) points at memory the
 * producer owns and is never passed to mt_sidecar_free(); a sidecar returned
 * by the reader owns every pointer and is released with mt_sidecar_free().
 * The on-disk format is documented in doc/montage-sidecar.5.
 */
#ifndef MONTAGE_CACHE_SIDECAR_MODEL_H
#define MONTAGE_CACHE_SIDECAR_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define MT_SIDECAR_SCHEMA       "montage.sidecar"
#define MT_SIDECAR_SCHEMA_MAJOR 1 /* bumped on any change old readers misread */
#define MT_SIDECAR_SCHEMA_MINOR 1 /* bumped when keys are added (1: source.duration_s) */

/* Bumped whenever the maths of an analyser changes its results, so cached
 * sidecars made by an older analyser are treated as stale. */
#define MT_SCENE_ANALYSER_VERSION 5
#define MT_BEAT_ANALYSER_VERSION  3

#define MONTAGE_VERSION "0.1.0"

typedef enum MtSidecarKind {
    MT_KIND_SCENE = 1, /* montagescene: shots and transitions */
    MT_KIND_BEAT  = 2, /* montagebeat: tempo and beats */
} MtSidecarKind;

/* What the analysed file was; filled from filter options (a filter never
 * sees its input's file name). Unknown fields are NULL or -1. */
typedef struct MtSourceIdentity {
    const char *path;     /* as passed by the caller */
    int64_t     size;     /* bytes */
    int64_t     mtime_ns; /* st_mtim in nanoseconds since the epoch */
    int64_t     ctime_ns; /* st_ctim: changes on any rewrite, even one that
                             restores the old mtime */
    int64_t     inode;    /* st_ino */
    const char *digest;   /* "xxh3-128:<32 lowercase hex>" of the content */
    double      duration_s; /* the media's probed duration of the analysed
                               stream, <= 0 when unknown (then not written) */
} MtSourceIdentity;

typedef struct MtGenerator {
    const char *name;             /* "montagescene" or "montagebeat" */
    const char *version;          /* MONTAGE_VERSION */
    int         analyser_version; /* MT_*_ANALYSER_VERSION */
    const char *ffmpeg_version;   /* av_version_info() of the build */
    const char *libavfilter_version; /* "MAJOR.MINOR.MICRO" */
} MtGenerator;

typedef enum MtValueType {
    MT_VALUE_INT    = 1,
    MT_VALUE_DOUBLE = 2,
    MT_VALUE_STRING = 3,
    MT_VALUE_BOOL   = 4,
} MtValueType;

/* One resolved option, defaults included. */
typedef struct MtConfigEntry {
    const char *key;
    MtValueType type;
    int64_t     i; /* INT and BOOL */
    double      d; /* DOUBLE */
    const char *s; /* STRING */
} MtConfigEntry;

typedef struct MtConfig {
    const MtConfigEntry *entries;
    size_t               n;
} MtConfig;

typedef struct MtStatus {
    int          complete;   /* 1 only when end of stream was reached */
    int64_t      units_seen; /* frames (scene) or samples (beat) decoded */
    const char *const *warnings;
    size_t       n_warnings;
} MtStatus;

/* A packed little-endian float32 matrix, rows x cols (cols = 1 for a curve). */
typedef struct MtF32Matrix {
    const float *data;
    size_t       rows;
    size_t       cols;
} MtF32Matrix;

/* ---- montagescene ---- */

typedef enum MtTransitionType {
    MT_TRANSITION_HARD     = 0,
    MT_TRANSITION_FADE     = 1,
    MT_TRANSITION_DISSOLVE = 2,
    MT_TRANSITION_WIPE     = 3,
} MtTransitionType;

typedef struct MtVideoStream {
    int     width, height;
    const char *pix_fmt;    /* av_get_pix_fmt_name() */
    int     time_base_num, time_base_den;
    int     frame_rate_num, frame_rate_den; /* 0/1 when variable */
    int64_t frames;
    double  duration_s;
} MtVideoStream;

typedef struct MtTransition {
    MtTransitionType type;
    int64_t frame;       /* where the new shot takes over (0-based): a cut's
                            first frame, the middle of a dissolve or wipe,
                            the frame after a fade's flat run */
    int64_t pts;         /* that frame's pts in time_base */
    double  t;           /* seconds */
    float   score;
    int64_t first_frame; /* span of a gradual transition; == frame for hard */
    int64_t last_frame;
    double  t_first, t_last;
} MtTransition;

typedef struct MtScene {
    int64_t start_frame, end_frame; /* half-open [start, end) */
    double  t_start, t_end;         /* seconds; t_end is the end frame's time */
    const float *mean_hist;         /* hist_bins values, sums to 1 */
    float   mean_luma;              /* 0..1 */
    float   motion;                 /* mean frame-to-frame motion energy */
    int64_t representative_frame;
} MtScene;

typedef struct MtSceneResult {
    MtVideoStream       stream;
    const MtTransition *transitions;
    size_t              n_transitions;
    const MtScene      *scenes;
    size_t              n_scenes;
    int                 hist_bins;
    /* optional per-frame features: rows = frames, names[cols] */
    MtF32Matrix         frame_features;
    const char *const  *feature_names;
} MtSceneResult;

/* ---- montagebeat ---- */

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
    float weight; /* 0..1, candidates sorted by weight */
} MtTempoCandidate;

typedef struct MtBeatResult {
    MtAudioStream stream;
    float bpm;        /* 0 when no tempo was found */
    float confidence; /* 0..1 */
    int   meter;      /* beats per bar: 3 or 4; 0 with too few beats to tell */
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

typedef struct MtSidecar {
    MtSidecarKind    kind;
    int              schema_major, schema_minor;
    MtGenerator      generator;
    MtSourceIdentity source;
    MtConfig         config;
    MtStatus         status;
    MtSceneResult    scene; /* valid when kind == MT_KIND_SCENE */
    MtBeatResult     beat;  /* valid when kind == MT_KIND_BEAT */
} MtSidecar;

#endif /* MONTAGE_CACHE_SIDECAR_MODEL_H */
