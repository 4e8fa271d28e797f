/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The span of a long dissolve or wipe over moving footage, located on very
 * coarse thumbnails. Over a long transition each shot's own motion moves
 * its frames far from the anchor frames, so the progress measured on the
 * analysis grid (scene_gradual.c) ramps over the whole window. Averaged
 * into a dozen blocks across, much of that motion is gone while a mix of
 * the two shots stays a mix: each frame is fitted as c + wa A + wb B of
 * the coarse anchors A and B, and wb / (wa + wb) is its progress.
 * Only the span is taken from it: how well the middle frame fits a blend
 * of the coarse anchors (0.69-0.82 of the better anchor alone in the long
 * Doom dissolves of edited-tune, down to 0.69 on the game-tune demos'
 * turns) and how steadily the progress rises do not tell a transition
 * from motion there.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_GRADUAL_MIX_H
#define MONTAGE_ANALYSIS_SCENE_GRADUAL_MIX_H

#include "analysis/scene/scene_internal.h"

typedef struct MtSceneCoarseMix {
    int64_t first, last; /* the ramp fitted to the coarse progress */
    int64_t mid;         /* the first frame at progress 0.5 */
} MtSceneCoarseMix;

/* Least-squares fit of y[0..n) by c0 + c1 p (+ c2 q when q): returns the
 * mean |residual|. Here because it shares the normal equations of the
 * coarse fit; used by scene_gradual.c's blend test. */
float mt_scene_blend_fit(const float *y, const float *p, const float *q, int n);

/* Locates the mix between non-flash anchors a and b (in one segment, in
 * the ring, b - a <= MT_SCENE_RAMP_MAX): the ramp fitted to the coarse
 * progress of the frames between them. Returns 0 with *m filled, -1 when
 * there is nothing to locate (no frame between, no frame past progress
 * 0.5). */
int mt_scene_coarse_mix(const MtSceneDetector *d, int64_t a, int64_t b, MtSceneCoarseMix *m);

#endif /* MONTAGE_ANALYSIS_SCENE_GRADUAL_MIX_H */
