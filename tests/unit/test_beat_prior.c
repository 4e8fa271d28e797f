/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The prior's centre from the onset envelope's smoothness (beat_prior.h):
 * the ramp on made-up envelopes, and a generated legato string piece that
 * the fixed 120 BPM prior tracked at twice its tempo. */
#include "tests/unit/unit.h"
#include "tests/unit/beat_test_signals.h"

#include "analysis/beat/beat_prior.h"

#define SR 44100

static void smoothness_share(void)
{
    float env[10] = { 0, 1, 0, 0, 2, 0, 0, 0, 0.5f, 0 };
    CHECK_NEAR(mt_prior_smoothness(env, 10), 0.3, 1e-12);
    CHECK(mt_prior_smoothness(env, 0) == 0.0);
}

static void centre_ramp(void)
{
    CHECK_NEAR(mt_prior_centre(120.0, 0.0), 120.0, 1e-12);
    CHECK_NEAR(mt_prior_centre(120.0, MT_PRIOR_SMOOTH_FROM), 120.0, 1e-12);
    const double mid = 0.5 * (MT_PRIOR_SMOOTH_FROM + MT_PRIOR_SMOOTH_FULL);
    CHECK_NEAR(mt_prior_centre(120.0, mid), 120.0 * pow(2.0, -0.5 * MT_PRIOR_LEGATO_SHIFT), 1e-9);
    CHECK_NEAR(mt_prior_centre(120.0, MT_PRIOR_SMOOTH_FULL), 120.0 * pow(2.0, -MT_PRIOR_LEGATO_SHIFT), 1e-9);
    CHECK_NEAR(mt_prior_centre(90.0, 1.0), 90.0 * pow(2.0, -MT_PRIOR_LEGATO_SHIFT), 1e-9);
}

/* A bowed note: attack of `att` seconds, 5.5 Hz vibrato, 6.3 Hz tremolo
 * and some bow noise, held for dur seconds. */
static void bowed(float *x, size_t n, double t, double dur, int pitch, double gain, double att)
{
    const double f = 440.0 * pow(2.0, (pitch - 69) / 12.0);
    size_t a = (size_t)(t * SR), m = (size_t)(dur * SR);
    double ph = 0.0;
    for (size_t k = 0; k < m && a + k < n; k++) {
        double tt = (double)k / SR;
        double env = (tt < att ? tt / att : 1.0) * (tt > dur - 0.05 ? (dur - tt) / 0.05 : 1.0);
        double trem = 1.0 + 0.2 * sin(2 * BT_PI * 6.3 * tt + pitch);
        ph += 2 * BT_PI * f * (1.0 + 0.004 * sin(2 * BT_PI * 5.5 * tt)) / SR;
        x[a + k] += (float)(gain * env * trem *
                            (sin(ph) + 0.5 * sin(2 * ph) + 0.3 * sin(3 * ph) + 0.1 * bt_noise()));
    }
}

/* Strings at 70 BPM: a held chord per beat, an inner voice bowing
 * eighths, over a bed of soft overlapping notes at random times (what a
 * section and its room add). Version 3 reported 140. */
static void legato_strings_at_their_tempo(void)
{
    static const int roots[8] = { 48, 53, 55, 48, 57, 50, 55, 43 };
    const double bpm = 70.0, seconds = 36.0, beat = 60.0 / bpm;
    size_t n = (size_t)(seconds * SR);
    float *x = calloc(n, sizeof(float));
    double beats[64];
    CHECK(x != NULL);
    int nb = (int)((seconds - 2.0) * bpm / 60.0);
    bt_grid(beats, nb, 0.5, bpm, bpm);
    for (int i = 0; i < nb; i++) {
        const int r = roots[i % 8];
        bowed(x, n, beats[i], beat, r, 0.12, 0.1);
        bowed(x, n, beats[i], beat, r + 19, 0.06, 0.1);
        for (int e = 0; e < 2; e++)
            bowed(x, n, beats[i] + e * beat / 2, beat / 2, r + 12 + 4 * e, 0.1, 0.1);
    }
    for (int g = 0; g < 30 * (int)seconds; g++) {
        double t = (bt_noise() * 0.5 + 0.5) * (seconds - 1.0);
        int pitch = 60 + (int)((bt_noise() * 0.5 + 0.5) * 24);
        bowed(x, n, t, 0.4, pitch, 0.03, 0.15);
    }
    double got;
    double f = bt_track_fmeasure(x, n, SR, beats, nb, 3.0, beats[nb - 1] - 1.0, &got);
    CHECK_NEAR(got, bpm, bpm * 0.02);
    if (!(f >= 0.9))
        UNIT_FAIL("beat F-measure %.3f on the strings", f);
    free(x);
}

int main(void)
{
    RUN(smoothness_share);
    RUN(centre_ramp);
    RUN(legato_strings_at_their_tempo);
    UNIT_EXIT();
}
