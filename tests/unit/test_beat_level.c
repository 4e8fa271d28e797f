/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The metrical level from the harmonic rhythm (beat_level.h): a slow
 * chorale whose accompaniment repeats each chord on the eighths, which
 * the tempo prior alone tracked at twice its tempo, and the parity
 * contrast on chroma made here. */
#include "tests/unit/unit.h"
#include "tests/unit/beat_test_signals.h"

#include "analysis/beat/beat_level.h"

#define SR 44100

/* Four-note chord on `root` (a bass note and three upper notes). */
static void chord(float *x, size_t n, double t, int root, double gain)
{
    static const int upper[3] = { 12, 16, 19 };
    bt_event(x, n, SR, t, 4, gain, root);
    for (int k = 0; k < 3; k++)
        bt_event(x, n, SR, t, 4, 0.5 * gain, root + upper[k]);
}

/* A chorale at 46 BPM: a new chord on every beat, struck again (softer)
 * on the eighth between beats. Version 3 (the 120 BPM prior) reported 92
 * with beats on every eighth. */
static void slow_chorale_at_its_tempo(void)
{
    static const int roots[8] = { 48, 53, 55, 48, 57, 50, 55, 43 };
    const double bpm = 46.0, seconds = 40.0;
    size_t n = (size_t)(seconds * SR);
    float *x = calloc(n, sizeof(float));
    double beats[64];
    CHECK(x != NULL);
    int nb = (int)((seconds - 2.0) * bpm / 60.0);
    bt_grid(beats, nb, 0.5, bpm, bpm);
    for (int i = 0; i < nb; i++) {
        chord(x, n, beats[i], roots[i % 8], 0.3);
        chord(x, n, beats[i] + 30.0 / bpm, roots[i % 8], 0.2);
    }
    double got;
    double f = bt_track_fmeasure(x, n, SR, beats, nb, 3.0, beats[nb - 1] - 1.0, &got);
    CHECK_NEAR(got, bpm, bpm * 0.02);
    if (!(f >= 0.9))
        UNIT_FAIL("beat F-measure %.3f on the chorale", f);
    free(x);
}

/* Chroma with one pitch class per span of `span` frames, the class
 * changing at every span start that is a multiple of `every` spans. */
static uint8_t *span_chroma(size_t n, size_t span, size_t every)
{
    uint8_t *c = calloc(n * 12, 1);
    if (!c)
        return NULL;
    for (size_t t = 0; t < n; t++)
        c[t * 12 + (t / (span * every)) % 12] = 200;
    return c;
}

#define GRID_FRAMES 1000
#define GRID_BEATS  99

/* Beats every 10 frames, each with an onset of 1, and chroma changing
 * every `every` beats; the caller frees *on and *c. */
static void beat_grid(size_t beats[GRID_BEATS], float **on, uint8_t **c, size_t every)
{
    *on = calloc(GRID_FRAMES, sizeof(float));
    *c = span_chroma(GRID_FRAMES, 10, every);
    CHECK(*on != NULL && *c != NULL);
    for (size_t i = 0; i < GRID_BEATS; i++) {
        beats[i] = 10 * i;
        (*on)[beats[i]] = 1.0f;
    }
}

/* Chords every 20 frames (from frame 0): the change falls on the even
 * beats only. Onsets equal: halved on parity 0. */
static void chords_every_other_beat_halve(void)
{
    const size_t n = GRID_FRAMES, nb = GRID_BEATS;
    size_t beats[GRID_BEATS];
    float *on;
    uint8_t *c;
    beat_grid(beats, &on, &c, 2);
    int parity = -1;
    CHECK(mt_level_parity_change(beats, nb, c, n, &parity) > 0.99);
    CHECK_INT(parity, 0);
    parity = -1;
    CHECK_INT(mt_level_halve(beats, nb, c, on, n, &parity), 1);
    CHECK_INT(parity, 0);
    /* the changing beats weaker in onset than the others: kept */
    for (size_t i = 1; i < nb; i += 2)
        on[beats[i]] = 2.0f;
    CHECK_INT(mt_level_halve(beats, nb, c, on, n, &parity), 0);
    free(on);
    free(c);
}

/* A chord on every beat: both parities change alike, kept. */
static void chords_every_beat_keep(void)
{
    const size_t n = GRID_FRAMES, nb = GRID_BEATS;
    size_t beats[GRID_BEATS];
    float *on;
    uint8_t *c;
    beat_grid(beats, &on, &c, 1);
    CHECK(mt_level_parity_change(beats, nb, c, n, NULL) < 0.01);
    CHECK_INT(mt_level_halve(beats, nb, c, on, n, NULL), 0);
    /* too few beats to tell */
    CHECK(mt_level_parity_change(beats, 15, c, n, NULL) == 0.0);
    free(on);
    free(c);
}

int main(void)
{
    RUN(slow_chorale_at_its_tempo);
    RUN(chords_every_other_beat_halve);
    RUN(chords_every_beat_keep);
    UNIT_EXIT();
}
