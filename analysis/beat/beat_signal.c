/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Onset frames with signal; see beat_signal.h. */
#include "analysis/beat/beat_signal.h"

#include <math.h>
#include <string.h>

size_t mt_signal_frames(const float *energy, size_t n_energy, double energy_rate,
                        double t0, double frame_rate, size_t n_frames, uint8_t *out)
{
    memset(out, 0, n_frames);
    float loud = 0.0f;
    for (size_t k = 0; k < n_energy; k++)
        if (energy[k] > loud)
            loud = energy[k];
    if (!(loud > 0.0f) || !(energy_rate > 0.0) || !(frame_rate > 0.0))
        return 0;
    const float floor_rms = loud * (float)pow(10.0, -MT_SIGNAL_BELOW_DB / 20.0);
    const size_t reach = (size_t)(MT_SIGNAL_REACH_S * energy_rate + 0.5);
    size_t voiced = 0;
    for (size_t f = 0; f < n_frames; f++) {
        double t = t0 + (double)f / frame_rate;
        size_t k = t > 0.0 ? (size_t)(t * energy_rate) : 0;
        if (k >= n_energy)
            k = n_energy - 1;
        size_t a = k > reach ? k - reach : 0, b = k + reach < n_energy ? k + reach : n_energy - 1;
        for (size_t j = a; j <= b; j++)
            if (energy[j] >= floor_rms) {
                out[f] = 1;
                voiced++;
                break;
            }
    }
    return voiced;
}
