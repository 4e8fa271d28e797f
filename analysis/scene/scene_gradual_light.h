/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A dissolve mixes its two shots linearly, pixel by pixel: on every frame
 * of its span the mean luma lies between the two shots' means, and the
 * mean chroma magnitude of the cells is at most the larger of the two (the
 * magnitude of a mix is at most the mix of the magnitudes). A wipe shows
 * parts of either shot, which keeps both close to that range. A span whose
 * frames turn darker or brighter than both shots, or more colourful than
 * either, holds a change of light (a dark passage, a muzzle flash, a
 * palette tint fading back), whatever else moves: footage that moves and
 * changes light in one shot makes the gradual tests fire.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_GRADUAL_LIGHT_H
#define MONTAGE_ANALYSIS_SCENE_GRADUAL_LIGHT_H

#include "analysis/scene/scene_internal.h"

/* How far the non-flash frames f..l leave the range a mix of the shots at
 * anchors a (before) and b (after) can take: the largest of the relative
 * luma shortfall below both shots, the excess above both, and the chroma
 * excess over the more colourful one. Each shot's mean luma is followed
 * along its own trend, measured over up to `reach` frames beyond its
 * anchor (inside the shot and no later than frame avail) and extended as
 * far into the span: a shot that darkens by itself darkens the dissolve. */
float mt_scene_light_departure(const MtSceneDetector *d, int64_t a, int64_t f, int64_t l,
                               int64_t b, int reach, int64_t avail);

#endif /* MONTAGE_ANALYSIS_SCENE_GRADUAL_LIGHT_H */
