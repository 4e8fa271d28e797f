/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Centre of the whole-stream tempo prior from the onset envelope's
 * smoothness; see beat_prior.h. */
#include "analysis/beat/beat_prior.h"

#include <math.h>

double mt_prior_smoothness(const float *env, const uint8_t *voiced, size_t n)
{
    size_t positive = 0, counted = 0;
    for (size_t i = 0; i < n; i++) {
        if (voiced && !voiced[i])
            continue; /* no signal there: no vote */
        positive += env[i] > 0.0f;
        counted++;
    }
    return counted ? (double)positive / (double)counted : 0.0;
}

double mt_prior_centre(double prior_bpm, double smoothness)
{
    double w = (smoothness - MT_PRIOR_SMOOTH_FROM) / (MT_PRIOR_SMOOTH_FULL - MT_PRIOR_SMOOTH_FROM);
    if (!(w > 0.0))
        return prior_bpm;
    if (w > 1.0)
        w = 1.0;
    return prior_bpm * pow(2.0, -MT_PRIOR_LEGATO_SHIFT * w);
}
