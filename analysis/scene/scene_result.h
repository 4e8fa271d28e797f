/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * What the scene kernel finds (mt_scene_result): transitions, scenes and
 * per-frame features, with the analyser's version. Plain C types; the
 * sidecar module (cache/sidecar_model.h) stores them as they are.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_RESULT_H
#define MONTAGE_ANALYSIS_SCENE_RESULT_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever the maths of the scene analyser changes its results, so
 * cached sidecars made by an older analyser are treated as stale (README,
 * "Changing analysis results"). */
#define MT_SCENE_ANALYSER_VERSION 13

/* A row-major float32 matrix, rows x cols (cols = 1 for a curve); the
 * sidecar stores it packed little-endian. */
typedef struct MtF32Matrix {
    const float *data;
    size_t       rows;
    size_t       cols;
} MtF32Matrix;

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

#endif /* MONTAGE_ANALYSIS_SCENE_RESULT_H */
