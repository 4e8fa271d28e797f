/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * How much of the picture a cut candidate replaces: the share of the
 * frame's blocks whose luma structure changed once each block's own
 * brightness and contrast are taken out. A new shot replaces nearly every
 * block; in first-person game footage a weapon raised or switched, a
 * monster close to the camera or a blast replace a part, while the muzzle
 * flash or the damage palette on the same frame changes the light and
 * colours of the whole frame (which a block's own gain and offset absorb).
 */
#ifndef MONTAGE_ANALYSIS_SCENE_CUT_EXTENT_H
#define MONTAGE_ANALYSIS_SCENE_CUT_EXTENT_H

#include "analysis/scene/scene_features.h"

/* The share (0..1) of the blocks of b, moved region by region onto a,
 * whose structure changed from a's, among the blocks with contrast in a
 * or b (a block that gains or loses all its contrast counts as changed);
 * 1 when no block has contrast (nothing to say the picture stayed).
 * scratch receives the moved frame (arrays of gw*gh cells, as a ring
 * frame's). */
float mt_scene_changed_share(const MtSceneGrid *g, const MtSceneFeat *a, const MtSceneFeat *b,
                             MtSceneFeat *scratch);

/* 1 when a step whose changed share is `share` replaces too little of the
 * picture to be a new shot (SCENE_CUT_MIN_EXTENT in scene_cut_extent.c) */
int mt_scene_cut_is_partial(float share);

#endif /* MONTAGE_ANALYSIS_SCENE_CUT_EXTENT_H */
