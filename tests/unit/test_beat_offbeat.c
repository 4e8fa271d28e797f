/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Off-beat check (beat_meter.c): chord changes on the bar lines move a
 * beat sequence that tracked the "ands" back onto the beats. */
#include "tests/unit/unit.h"
#include "tests/unit/beat_test_signals.h"

#include "analysis/beat/beat_meter.h"

#define SR 44100
#define NB 48     /* beats */
#define PERIOD 20 /* frames per beat */

/* 12 chroma bytes per frame; the chord (pitch class) changes every 4
 * beats, `offset` frames after the beats at 0, 4, 8 ... */
static uint8_t *chord_chroma(size_t n, const size_t *beats, int offset)
{
    uint8_t *c = calloc(n * 12, 1);
    if (!c)
        return NULL;
    for (size_t t = 0; t < n; t++) {
        long since = (long)t - (long)beats[0] - offset;
        int bar = since < 0 ? -1 : (int)(since / (4 * PERIOD));
        int root = ((bar % 3) + 3) * 5 % 12; /* C, F, A#, ... */
        c[t * 12 + (size_t)root] = 255;
        c[t * 12 + (size_t)(root + 4) % 12] = 180;
        c[t * 12 + (size_t)(root + 7) % 12] = 200;
    }
    return c;
}

static void fill_beats(size_t *beats, size_t first)
{
    for (size_t i = 0; i < NB; i++)
        beats[i] = first + i * PERIOD;
}

static void chords_on_beats_keep(void)
{
    size_t beats[NB], n = 40 + NB * PERIOD;
    fill_beats(beats, 20);
    uint8_t *c = chord_chroma(n, beats, 0);
    CHECK(c != NULL);
    CHECK(mt_meter_offbeat_contrast(beats, NB, c, n) <= 0.0);
    free(c);
}

static void chords_on_midpoints_move(void)
{
    size_t beats[NB], n = 40 + NB * PERIOD;
    fill_beats(beats, 20);
    uint8_t *c = chord_chroma(n, beats, PERIOD / 2);
    CHECK(c != NULL);
    CHECK(mt_meter_offbeat_contrast(beats, NB, c, n) > MT_METER_OFFBEAT_MIN);
    free(c);
}

static void no_harmony_keeps(void)
{
    size_t beats[NB], n = 40 + NB * PERIOD;
    fill_beats(beats, 20);
    uint8_t *c = calloc(n * 12, 1);
    CHECK(c != NULL);
    for (size_t t = 0; t < n; t++)
        c[t * 12] = 255; /* one chord throughout */
    CHECK(mt_meter_offbeat_contrast(beats, NB, c, n) <= MT_METER_OFFBEAT_MIN);
    CHECK(mt_meter_offbeat_contrast(beats, 5, c, n) == 0.0); /* too few beats */
    free(c);
}

/* pitchless sound (drums, noise): a flat, jittering chroma. Its z-scored
 * changes can favour the midpoints by chance; the raw change is no chord
 * change, so the beats stay */
static void noise_chroma_keeps(void)
{
    size_t beats[NB], n = 40 + NB * PERIOD;
    fill_beats(beats, 20);
    uint8_t *c = malloc(n * 12);
    CHECK(c != NULL);
    uint32_t s = 12345;
    for (int trial = 0; trial < 200; trial++) {
        for (size_t i = 0; i < n * 12; i++) {
            s = s * 1664525u + 1013904223u;
            c[i] = (uint8_t)(200 + (s >> 24) % 56);
        }
        CHECK(mt_meter_offbeat_contrast(beats, NB, c, n) <= MT_METER_OFFBEAT_MIN);
    }
    free(c);
}

static void shift_half(void)
{
    size_t b[8] = { 10, 30, 50, 70 };
    size_t m = mt_meter_shift_half(b, 4, 100);
    CHECK_INT(m, 5);
    const size_t want[5] = { 0, 20, 40, 60, 80 };
    for (size_t i = 0; i < m; i++)
        CHECK_INT(b[i], want[i]);
    size_t c[8] = { 5, 25, 45 }; /* no room before the first or after the last */
    m = mt_meter_shift_half(c, 3, 50);
    CHECK_INT(m, 2);
    CHECK_INT(c[0], 15);
    CHECK_INT(c[1], 35);
    size_t d[2] = { 7 };
    CHECK_INT(mt_meter_shift_half(d, 1, 50), 1);
    CHECK_INT(d[0], 7);
}

/* Loud chord stabs and hats on every "and", the chord's first strum
 * on the bar line too: the onsets favour the off-beats, the harmony
 * the beats. The beats must come out on the beats. */
static void offbeat_stabs(void)
{
    const double bpm = 120.0, seconds = 30.0, half = 30.0 / bpm;
    const int chords[4][3] = { { 60, 64, 67 }, { 65, 69, 72 }, { 67, 71, 74 }, { 57, 60, 64 } };
    size_t n = (size_t)(seconds * SR);
    float *x = calloc(n, sizeof(float));
    double grid[128];
    int nb = (int)((seconds - 1.5) * bpm / 60.0);
    CHECK(x != NULL && nb <= 128);
    bt_grid(grid, nb, 0.5, bpm, bpm);
    for (int i = 0; i < nb; i++) {
        const int *ch = chords[(i / 4) % 4];
        for (int k = 0; k < 3; k++) {
            if (i % 4 == 0)
                bt_event(x, n, SR, grid[i], 4, 0.25, ch[k]);
            bt_event(x, n, SR, grid[i] + half, 4, 0.25, ch[k]);
        }
        bt_event(x, n, SR, grid[i] + half, 3, 0.5, 0);
        bt_event(x, n, SR, grid[i], 3, 0.1, 0);
    }
    double got;
    double f = bt_track_fmeasure(x, n, SR, grid, nb, 2.0, grid[nb - 1] - 0.5, &got);
    CHECK_NEAR(got, bpm, bpm * 0.02);
    if (!(f >= 0.9))
        UNIT_FAIL("beat F-measure %.3f: the beats are not on the beats", f);
    free(x);
}

int main(void)
{
    RUN(chords_on_beats_keep);
    RUN(chords_on_midpoints_move);
    RUN(no_harmony_keeps);
    RUN(noise_chroma_keeps);
    RUN(shift_half);
    RUN(offbeat_stabs);
    UNIT_EXIT();
}
