/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Changes of light inside a gradual candidate: see scene_gradual_light.h. */
#include "analysis/scene/scene_gradual_light.h"

#include <math.h>

/* Floors under the relative departures, so that near-black or grey shots
 * do not turn noise into large ratios: about 5 code values of 8-bit luma,
 * and a weak tint's chroma magnitude. */
#define LUMA_FLOOR   0.02f
#define CHROMA_FLOOR 0.02f

static float mean_of(const MtSceneDetector *d, int64_t k)
{
    return scn_slot(d, k)->f.mean;
}

/* Change of mean luma per frame of the shot from anchor x over up to
 * reach frames away from the span (dir -1: before x, +1: after it), the
 * number of frames it was measured over in *n (0: no trend). */
static float trend(const MtSceneDetector *d, int64_t x, int dir, int reach, int64_t avail, int *n)
{
    int64_t end = dir < 0 ? mt_scene_last_bound(d, x) : mt_scene_next_bound(d, x) - 1;
    if (dir > 0 && end > avail)
        end = avail;
    int64_t far = x + (int64_t)dir * reach;
    if (dir < 0 ? far < end : far > end)
        far = end;
    *n = (int)(dir < 0 ? x - far : far - x);
    if (*n <= 0 || !mt_scene_same_seg(d, far, x) || scn_slot(d, far)->flash) {
        *n = 0;
        return 0;
    }
    return (mean_of(d, x) - mean_of(d, far)) / (float)(x - far);
}

float mt_scene_light_departure(const MtSceneDetector *d, int64_t a, int64_t f, int64_t l,
                               int64_t b, int reach, int64_t avail)
{
    int na, nb;
    float ta = trend(d, a, -1, reach, avail, &na), tb = trend(d, b, +1, reach, avail, &nb);
    float ma = mean_of(d, a), mb = mean_of(d, b);
    float cmax = fmaxf(scn_slot(d, a)->f.chroma, scn_slot(d, b)->f.chroma);
    float darker = 0, brighter = 0, tint = 0;
    for (int64_t k = f; k <= l; k++) {
        const SceneSlot *s = scn_slot(d, k);
        if (s->flash)
            continue;
        /* each shot's mean followed along its trend, at most as far as it
         * was measured */
        int64_t da = k - a < na ? k - a : na, db = b - k < nb ? b - k : nb;
        float ea = ma + ta * (float)da, eb = mb - tb * (float)db;
        float lo = fminf(fminf(ma, mb), fminf(ea, eb)), hi = fmaxf(fmaxf(ma, mb), fmaxf(ea, eb));
        darker = fmaxf(darker, (lo - s->f.mean) / (fmaxf(lo, 0) + LUMA_FLOOR));
        brighter = fmaxf(brighter, (s->f.mean - hi) / (hi + LUMA_FLOOR));
        tint = fmaxf(tint, (s->f.chroma - cmax) / (cmax + CHROMA_FLOOR));
    }
    mt_scene_trace(d, "  light: darker %.3f brighter %.3f tint %.3f (trends %.4f/%d %.4f/%d)", darker,
                   brighter, tint, ta, na, tb, nb);
    return fmaxf(darker, fmaxf(brighter, tint));
}
