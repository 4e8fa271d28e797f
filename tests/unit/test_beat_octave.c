/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Octave check from the drum pattern (beat_octave.c): every other
 * tracked beat alternating kick and snare halves the level only when the
 * alternation is clear; a weak one (a syncopated pattern at its true
 * tempo, as the funk piece x07 that versions 1-4 halved) keeps it. */
#include "tests/unit/unit.h"

#include "analysis/beat/beat_octave.h"

#define NB 64     /* tracked beats */
#define PERIOD 50 /* frames per tracked beat */
#define FIRST 20
#define FRAMES (FIRST + NB * PERIOD + FIRST)

/* Band envelopes with onsets on the tracked beats only: beats 0, 4, 8 ...
 * carry extra kick (low + a), beats 2, 6, 10 ... extra snare (mid + a),
 * the odd beats both bands at 1. Every other beat then alternates with
 * strength a / (2 + a); the tracked level and its double do not. */
static void drum_bands(float *low, float *mid, size_t n, size_t *beats, double a)
{
    for (size_t t = 0; t < n; t++)
        low[t] = mid[t] = 0.0f;
    for (size_t i = 0; i < NB; i++) {
        beats[i] = FIRST + i * PERIOD;
        low[beats[i]] = (float)(i % 4 == 0 ? 1.0 + a : 1.0);
        mid[beats[i]] = (float)(i % 4 == 2 ? 1.0 + a : 1.0);
    }
}

static MtOctaveVerdict verdict_for(double alternation, double alt_out[4])
{
    static float low[FRAMES], mid[FRAMES];
    double scratch[2 * NB];
    size_t beats[NB];
    const double a = 2.0 * alternation / (1.0 - alternation); /* a / (2 + a) = alternation */
    drum_bands(low, mid, FRAMES, beats, a);
    return mt_octave_check(beats, NB, low, mid, FRAMES, scratch, alt_out);
}

/* 0.14: above the 0.12 of versions 1-4, below MT_OCTAVE_MIN_ALT. */
static void weak_alternation_keeps_the_level(void)
{
    double alt[4];
    CHECK_INT(verdict_for(0.14, alt), MT_OCTAVE_KEEP);
    CHECK_NEAR(alt[2], 0.14, 1e-6);
    CHECK(alt[0] < 0.0);
    CHECK(alt[3] > 0.0); /* the kept beats carry more snare: only the strength decided */
}

static void clear_alternation_halves(void)
{
    double alt[4];
    CHECK_INT(verdict_for(0.22, alt), MT_OCTAVE_HALVE_EVEN);
    CHECK_NEAR(alt[2], 0.22, 1e-6);
}

int main(void)
{
    RUN(weak_alternation_keeps_the_level);
    RUN(clear_alternation_halves);
    UNIT_EXIT();
}
