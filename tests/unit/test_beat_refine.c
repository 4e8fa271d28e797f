/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Beat times below the frame grid (mt_beat_refine_times) and the bar
 * length of the meter detector (bar-level repetition). */
#include "tests/unit/unit.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "analysis/beat/beat_meter.h"
#include "analysis/beat/beat_track.h"

#define HOP_S (256.0 / 11025.0)

/* 127 BPM rounded to whole frames: refined times land within 5 ms of
 * the true grid (2 ms on average), where the rounded ones stray up to
 * half a hop (11.6 ms). */
static void steady_tempo_refined(void)
{
    enum { N = 60 };
    double t[N], truth[N], scratch[N];
    const double period = 60.0 / 127.0, t0 = 0.3;
    double worst_before = 0.0, worst_after = 0.0, sum_after = 0.0;
    for (int i = 0; i < N; i++) {
        truth[i] = t0 + i * period;
        t[i] = floor(truth[i] / HOP_S + 0.5) * HOP_S;
        if (fabs(t[i] - truth[i]) > worst_before) worst_before = fabs(t[i] - truth[i]);
    }
    mt_beat_refine_times(t, N, 0.02, 100.0, scratch);
    for (int i = 0; i < N; i++) {
        sum_after += fabs(t[i] - truth[i]);
        if (fabs(t[i] - truth[i]) > worst_after) worst_after = fabs(t[i] - truth[i]);
    }
    CHECK(worst_before > 0.009);
    if (!(worst_after < 0.005 && sum_after / N < 0.002))
        UNIT_FAIL("refined beats stray up to %.1f ms (mean %.1f) from the grid",
                  worst_after * 1000.0, sum_after / N * 1000.0);
}

/* A fermata (one beat held twice as long) is not smoothed over: the
 * beats next to it keep their times. */
static void fermata_kept(void)
{
    enum { N = 30 };
    double t[N], orig[N], scratch[N];
    for (int i = 0; i < N; i++) {
        t[i] = 0.5 * i + (i > 15 ? 0.5 : 0.0);
        orig[i] = t[i];
    }
    mt_beat_refine_times(t, N, 0.02, 100.0, scratch);
    for (int i = 12; i <= 19; i++)
        CHECK_NEAR(t[i], orig[i], 1e-9);
    CHECK_NEAR(t[2], orig[2], 1e-9); /* on a straight line: unchanged */
}

/* A line that runs below 0 s or past t_max (the stream's end) leaves
 * those beats at their frame times: no beat outside the stream. Beats
 * alternate +-8 ms around a grid 6 ms early; the first sits at 2 ms, where
 * the line through its neighbours gives -0.8 ms, the last at 5.502 s,
 * where it gives 5.495 s, past a t_max of 5.49 s. */
static void refined_times_stay_in_stream(void)
{
    enum { N = 12 };
    double t[N], scratch[N];
    for (int i = 0; i < N; i++)
        t[i] = 0.5 * i - 0.006 + (i % 2 ? 0.008 : -0.008);
    t[0] = 0.002;
    mt_beat_refine_times(t, N, 0.02, 5.49, scratch);
    CHECK_NEAR(t[0], 0.002, 1e-12);
    CHECK_NEAR(t[N - 1], 5.502, 1e-12);
    CHECK_NEAR(t[5], 2.5 - 0.006, 0.003); /* the middle still refined */
}

static void too_few_beats_unchanged(void)
{
    double t[5] = { 0.0, 0.51, 0.99, 1.52, 2.0 }, scratch[5];
    mt_beat_refine_times(t, 5, 0.02, 100.0, scratch);
    CHECK_NEAR(t[1], 0.51, 1e-12);
    CHECK_NEAR(t[3], 1.52, 1e-12);
}

/* 12 chroma bytes per frame for beats `period` frames apart; the chord
 * changes every `meter` beats (roots 0, 5, 10, ... semitones) */
static uint8_t *bar_chroma(size_t n, int period, int meter)
{
    uint8_t *c = calloc(n * 12, 1);
    if (!c)
        return NULL;
    for (size_t t = 0; t < n; t++) {
        int bar = (int)(t / (size_t)(period * meter));
        int root = (bar * 5) % 12;
        c[t * 12 + (size_t)root] = 255;
        c[t * 12 + (size_t)(root + 4) % 12] = 160;
        c[t * 12 + (size_t)(root + 7) % 12] = 200;
    }
    return c;
}

/* Chords changing every 3 beats give 3/4 with the change on the one;
 * every 4 beats give 4/4. The low band is flat: harmony decides. */
static void bar_length_from_harmony(void)
{
    enum { NB = 48, PERIOD = 20 };
    const size_t n = NB * PERIOD;
    size_t beats[NB];
    float *flat = malloc(sizeof(float) * n);
    CHECK(flat != NULL);
    for (size_t i = 0; i < n; i++)
        flat[i] = 1.0f;
    for (int i = 0; i < NB; i++)
        beats[i] = (size_t)i * PERIOD;
    for (int meter = 3; meter <= 4; meter++) {
        uint8_t *c = bar_chroma(n, PERIOD, meter);
        CHECK(c != NULL);
        MtMeterResult r;
        CHECK(mt_meter_detect(beats, NB, flat, flat, flat, c, n, &r) == 0);
        CHECK_INT(r.meter, meter);
        CHECK_INT(r.phase, 0);
        free(c);
    }
    MtMeterResult r;
    uint8_t *c = bar_chroma(n, PERIOD, 4);
    CHECK(mt_meter_detect(beats, MT_METER_MIN_BEATS - 1, flat, flat, flat, c, n, &r) == 0);
    CHECK_INT(r.meter, 0); /* too few beats to tell */
    free(c);
    free(flat);
}

/* The period the tracked beats keep: 10 frames, then 15 after a jump; a
 * single stray interval (a beat on a stray onset) is outvoted by the
 * median of three. */
static void periods_from_beats(void)
{
    const size_t beats[] = { 0, 10, 20, 30, 40, 48, 60, 75, 90, 105, 120 };
    enum { NB = sizeof(beats) / sizeof(beats[0]), N = 130 };
    double period[N];
    CHECK_INT(mt_beat_periods_from_beats(beats, NB, N, period), 0);
    CHECK_NEAR(period[0], 10.0, 1e-9);
    CHECK_NEAR(period[25], 10.0, 1e-9);  /* centre of 20..30 */
    CHECK_NEAR(period[44], 10.0, 1e-9);  /* 40..48 (8) outvoted by its neighbours */
    CHECK_NEAR(period[97], 15.0, 1e-9);
    CHECK_NEAR(period[129], 15.0, 1e-9); /* flat after the last beat */
    for (int f = 0; f < N; f++)
        CHECK(period[f] >= 10.0 - 1e-9 && period[f] <= 15.0 + 1e-9);
    CHECK_INT(mt_beat_periods_from_beats(beats, 3, N, period), -1);
}

int main(void)
{
    RUN(steady_tempo_refined);
    RUN(fermata_kept);
    RUN(refined_times_stay_in_stream);
    RUN(too_few_beats_unchanged);
    RUN(periods_from_beats);
    RUN(bar_length_from_harmony);
    UNIT_EXIT();
}
