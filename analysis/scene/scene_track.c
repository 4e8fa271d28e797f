/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Anchors of a dissolve or wipe carried to its middle frame through the
 * frames between: a shot that pans or tilts fast has moved its picture
 * further between the middle of the transition and the anchor frame
 * outside it than one region search reaches (a 64 px/frame pan at 720p
 * crosses 2.4 cells a frame, the search 3 cells). Aligned one frame at a
 * time, each step stays within the search, and a pan that starts or stops
 * inside the transition is followed as well as a steady one. Between the
 * anchor and the middle frame its own shot dominates every frame (more
 * than half of a dissolve's blend, the larger part of a wipe's picture),
 * so each step's region shifts follow that shot. See scene_internal.h.
 */
#include "analysis/scene/scene_internal.h"

#include <stdlib.h>

float mt_scene_travel(const MtSceneDetector *d, int64_t x, int64_t m)
{
    int64_t lo = x < m ? x : m, hi = x < m ? m : x;
    float cells = 0;
    for (int64_t k = lo + 1; k <= hi; k++)
        cells += scn_slot(d, k)->motion * d->grid.gw;
    return cells;
}

void mt_scene_track_align(MtSceneDetector *d, int64_t m, int64_t x, MtSceneFeat *out)
{
    int dir = m < x ? -1 : 1;
    /* ping-pong between out and scratch[2], ending in out */
    int steps = 0;
    for (int64_t k = x + dir; k != m + dir; k += dir)
        steps += k == m || !scn_slot(d, k)->flash;
    MtSceneFeat *buf[2] = { out, &d->scratch[2] };
    const MtSceneFeat *cur = &scn_slot(d, x)->f;
    int i = steps & 1; /* the last step writes buf[0] */
    for (int64_t k = x + dir; k != m + dir; k += dir) {
        if (k != m && scn_slot(d, k)->flash)
            continue;
        MtSceneFeat *next = buf[i];
        mt_scene_align(&d->grid, &scn_slot(d, k)->f, cur, d->grid.radius, next);
        cur = next;
        i ^= 1;
    }
}
