/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Tempo steps (beat_tempo_step.h) in beat times built by hand: jumps are
 * found where they begin, gradual changes and steps too near an end are
 * not steps. */
#include "tests/unit/unit.h"

#include "analysis/beat/beat_tempo_step.h"

enum { MAX_BEATS = 128 };

/* n beat times at bpm0, from beat `at` on at bpm1, the tempo moving
 * linearly from bpm0 to ramp_to over the beats before `at` */
static void beats_with_step(double *t, int n, double bpm0, double ramp_to, int at, double bpm1)
{
    t[0] = 0.5;
    for (int i = 1; i < n; i++) {
        const double bpm = i > at ? bpm1 : bpm0 + (ramp_to - bpm0) * (double)(i - 1) / (at - 1);
        t[i] = t[i - 1] + 60.0 / bpm;
    }
}

static size_t steps(int n, double bpm0, double ramp_to, int at, double bpm1, size_t *cuts)
{
    double t[MAX_BEATS];
    beats_with_step(t, n, bpm0, ramp_to, at, bpm1);
    return mt_tempo_steps(t, (size_t)n, cuts);
}

static void steady_has_no_step(void)
{
    size_t cuts[MAX_BEATS];
    CHECK_INT((int)steps(80, 120.0, 120.0, 79, 120.0, cuts), 0);
}

static void jump_is_a_step(void)
{
    size_t cuts[MAX_BEATS];
    CHECK_INT((int)steps(80, 120.0, 120.0, 40, 150.0, cuts), 1);
    CHECK_INT((int)cuts[0], 40);
    /* a jump down by 12 % (log 0.128), as md08's 101 -> 76 BPM is 0.126 */
    CHECK_INT((int)steps(80, 100.0, 100.0, 40, 88.0, cuts), 1);
    CHECK_INT((int)cuts[0], 40);
}

static void small_jump_is_no_step(void)
{
    size_t cuts[MAX_BEATS];
    CHECK_INT((int)steps(80, 100.0, 100.0, 40, 109.0, cuts), 0); /* log 0.086 */
}

static void accelerando_is_no_step(void)
{
    size_t cuts[MAX_BEATS];
    CHECK_INT((int)steps(80, 120.0, 150.0, 79, 150.0, cuts), 0);
    /* a fast one too: 90 -> 150 BPM over 64 beats (about 0.07 per 8 beats) */
    CHECK_INT((int)steps(64, 90.0, 150.0, 63, 150.0, cuts), 0);
}

static void step_near_an_end_is_no_step(void)
{
    size_t cuts[MAX_BEATS];
    CHECK_INT((int)steps(80, 120.0, 120.0, 80 - MT_TEMPO_STEP_MIN_BEATS + 1, 150.0, cuts), 0);
    CHECK_INT((int)steps(80, 120.0, 120.0, MT_TEMPO_STEP_MIN_BEATS - 1, 150.0, cuts), 0);
    CHECK_INT((int)steps(80, 120.0, 120.0, 80 - MT_TEMPO_STEP_MIN_BEATS, 150.0, cuts), 1);
}

static void two_steps(void)
{
    double t[MAX_BEATS];
    beats_with_step(t, 120, 100.0, 100.0, 40, 130.0);
    for (int i = 81; i < 120; i++) /* back to 100 BPM from beat 80 */
        t[i] = t[i - 1] + 0.6;
    size_t cuts[MAX_BEATS];
    CHECK_INT((int)mt_tempo_steps(t, 120, cuts), 2);
    CHECK_INT((int)cuts[0], 40);
    CHECK_INT((int)cuts[1], 80);
}

static void too_few_beats(void)
{
    double t[4] = { 0.5, 1.0, 1.5, 2.0 };
    size_t cuts[4];
    CHECK_INT((int)mt_tempo_steps(t, 4, cuts), 0);
    CHECK_INT((int)mt_tempo_steps(t, 0, cuts), 0);
}

int main(void)
{
    RUN(steady_has_no_step);
    RUN(jump_is_a_step);
    RUN(small_jump_is_no_step);
    RUN(accelerando_is_no_step);
    RUN(step_near_an_end_is_no_step);
    RUN(two_steps);
    RUN(too_few_beats);
    UNIT_EXIT();
}
