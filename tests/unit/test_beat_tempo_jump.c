// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* mt_tempo_jumps_place on onset envelopes whose period change is known to
 * the frame: a pulse every 20 frames up to frame 1000, every 24 after it,
 * with the block curve stepping 104 frames early (its blocks' boundary at
 * 896, as the curve's ~10 s windows do when the second part is louder). The period becomes a step
 * at the change; an envelope with no pulse keeps the curve's ramp. */
#include <math.h>
#include <stdlib.h>

#include "tests/unit/unit.h"
#include "analysis/beat/beat_tempo_jump.h"

#define FPS      43.07
#define N        2000
#define BLOCK    64
#define NB       (N / BLOCK)
#define CHANGE   1000 /* first pulse of the second period */
#define P1       20.0
#define P2       24.0
#define HALF     172 /* 4 s */

/* The block curve: P1's tempo up to block 13 (centre 864), P2's from
 * block 14 (centre 928) on, and the frame periods ramping between the
 * two centres as beat_analyse.c's frame_periods makes them. */
static void curve(double *block_bpm, double *period)
{
    for (int b = 0; b < NB; b++)
        block_bpm[b] = 60.0 * FPS / (b <= 13 ? P1 : P2);
    for (int f = 0; f < N; f++) {
        const double x = (f - BLOCK / 2.0) / BLOCK;
        double bpm = x <= 0 ? block_bpm[0] : x >= NB - 1 ? block_bpm[NB - 1]
                   : block_bpm[(int)x] + (block_bpm[(int)x + 1] - block_bpm[(int)x]) * (x - (int)x);
        period[f] = 60.0 * FPS / bpm;
    }
}

static void jump_placed_at_change(void)
{
    float env[N] = { 0 };
    for (int f = 0; f < CHANGE; f += (int)P1)
        env[f] = 1.0f;
    for (int f = CHANGE; f < N; f += (int)P2)
        env[f] = 2.0f; /* louder after the change */
    double block_bpm[NB], period[N];
    curve(block_bpm, period);
    CHECK_INT(mt_tempo_jumps_place(env, N, block_bpm, NB, BLOCK, FPS, HALF, period), 1);
    /* the first pulse of the new period still looks back P1 to a pulse
     * (frame 980), so it counts to the first period; the next frame is
     * the second's (the curve's ramp, 864 to 928, is gone) */
    for (int f = 700; f < 1300; f++) {
        if (f <= CHANGE)
            CHECK_NEAR(period[f], P1, 1e-9);
        else
            CHECK_NEAR(period[f], P2, 1e-9);
    }
}

/* Noise with no pulse: neither side keeps its period (contrast below
 * MT_TEMPO_JUMP_MIN_CONTRAST), the ramp between block centres stays. */
static void no_pulse_keeps_ramp(void)
{
    float env[N];
    unsigned s = 7;
    for (int f = 0; f < N; f++) {
        s = s * 1664525u + 1013904223u;
        env[f] = (float)(s >> 8) / 16777216.0f;
    }
    double block_bpm[NB], period[N], before[N];
    curve(block_bpm, period);
    for (int f = 0; f < N; f++)
        before[f] = period[f];
    CHECK_INT(mt_tempo_jumps_place(env, N, block_bpm, NB, BLOCK, FPS, HALF, period), 0);
    for (int f = 0; f < N; f++)
        CHECK(period[f] == before[f]);
}

/* Steps within MT_TEMPO_JUMP_MIN_RATIO (a ramp's) are left alone, even
 * where the lag products could place them: pulses every 40 frames up to
 * CHANGE and every 42 after it (5 %, two frames apart, beyond the
 * products' one-frame slack, so the contrast rule alone would keep the
 * step), with the block curve stepping 5 % at the same blocks. */
static void small_step_not_a_jump(void)
{
    float env[N] = { 0 };
    for (int f = 0; f < CHANGE; f += 40)
        env[f] = 1.0f;
    for (int f = CHANGE; f < N; f += 42)
        env[f] = 1.0f;
    double block_bpm[NB], period[N];
    for (int b = 0; b < NB; b++)
        block_bpm[b] = 60.0 * FPS / 40.0 / (b <= 13 ? 1.0 : 1.05);
    for (int f = 0; f < N; f++)
        period[f] = -1.0; /* untouched marker */
    CHECK_INT(mt_tempo_jumps_place(env, N, block_bpm, NB, BLOCK, FPS, HALF, period), 0);
    for (int f = 0; f < N; f++)
        CHECK(period[f] == -1.0);
}

int main(void)
{
    RUN(jump_placed_at_change);
    RUN(no_pulse_keeps_ramp);
    RUN(small_step_not_a_jump);
    UNIT_EXIT();
}
