/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Whether two frames show the same picture under another light: the
 * structure of each region of the grid once that region's own brightness
 * and contrast are taken out. A lamp, a strobe or a game's sector light
 * lifts or dims parts of the picture by their own factors, which the
 * frame-wide contrast normalisation of the structure channel (yn) sees as
 * a change of structure; region by region the picture stays correlated.
 * A new shot leaves most regions uncorrelated.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_RELIGHT_H
#define MONTAGE_ANALYSIS_SCENE_RELIGHT_H

#include "analysis/scene/scene_features.h"

/* 1 - the correlation of the cells' luma of a and b (b moved region by
 * region onto a), in the median region that has contrast in both: 0 for
 * the same picture under any light that is even over each region, about 1
 * for unrelated pictures; 0 when no region has contrast. scratch receives
 * the moved frame (its arrays gw*gh cells each, as a ring frame's). */
float mt_scene_relit_structure(const MtSceneGrid *g, const MtSceneFeat *a, const MtSceneFeat *b,
                               MtSceneFeat *scratch);

#endif /* MONTAGE_ANALYSIS_SCENE_RELIGHT_H */
