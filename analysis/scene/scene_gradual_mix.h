/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Long dissolves and wipes over moving footage, seen on very coarse
 * thumbnails. Over a long transition each shot's own motion moves its
 * frames far from the anchor frames, so the progress measured on the
 * analysis grid (scene_gradual.c) ramps over the whole window. Averaged
 * into a dozen blocks across, that motion mostly vanishes while a mix of
 * the two shots stays a mix: each frame is fitted as c + wa A + wb B of
 * the coarse anchors A and B, and wb / (wa + wb) is its progress.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_GRADUAL_MIX_H
#define MONTAGE_ANALYSIS_SCENE_GRADUAL_MIX_H

#include "analysis/scene/scene_internal.h"

typedef struct MtSceneCoarseMix {
    int64_t first, last; /* the ramp fitted to the coarse progress */
    int64_t mid;         /* the first frame at progress 0.5 */
} MtSceneCoarseMix;

/* Least-squares fit of y[0..n) by c0 + c1 p (+ c2 q when q): returns the
 * mean |residual|, and the coefficients in coef (c2 = 0 without q) when
 * coef is not NULL. */
float mt_scene_blend_fit(const float *y, const float *p, const float *q, int n, double coef[3]);

/* Locates the mix between non-flash anchors a and b (in one segment, in
 * the ring, b - a <= MT_SCENE_RAMP_MAX): the ramp fitted to the coarse
 * progress of the frames between them. Returns 0 with *m filled, -1 when
 * there is nothing to locate (no frame between, no frame past progress
 * 0.5). */
int mt_scene_coarse_mix(const MtSceneDetector *d, int64_t a, int64_t b, MtSceneCoarseMix *m);

#endif /* MONTAGE_ANALYSIS_SCENE_GRADUAL_MIX_H */
