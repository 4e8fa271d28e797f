// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* Beat times at the attacks, below the onset frame (beat_subframe.h):
 * the block levels and the attack search on their own, then whole
 * tracks of clicks, drums and notes whose attacks fall between onset
 * frames. */
#include "tests/unit/unit.h"

#include <stdio.h>
#include <string.h>

#include "analysis/beat/beat_subframe.h"
#include "analysis/beat/beat_subframe_priv.h"
#include "tests/unit/beat_test_signals.h"

#define SR 44100
#define FRAME 256 /* MT_BEAT_WINDOW = MT_BEAT_HOP at 11025 Hz */

/* A step of a 3 kHz tone at sample 150 of frame 5 (block 4, samples
 * 128-159): the attack is that block, centre 5 + 4.5 / 8 frames. */
static void step_found_in_its_block(void)
{
    enum { NF = 8 };
    float x[NF * FRAME];
    uint8_t lv[NF * MT_SUBFRAME_N];
    for (int i = 0; i < NF * FRAME; i++)
        x[i] = i < 5 * FRAME + 150 ? 0.0f : 0.3f * (float)sin(2 * BT_PI * 3000.0 * i / 11025.0);
    for (int f = 0; f < NF; f++)
        mt_subframe_levels(x + f * FRAME, f ? x[f * FRAME - 1] : 0.0f, lv + f * MT_SUBFRAME_N);
    CHECK_NEAR(mt_subframe_onset(lv, NF, 5), 5.0 + 4.5 / MT_SUBFRAME_N, 1e-12);
    /* the flux may peak a frame later: the search reaches back one frame */
    CHECK_NEAR(mt_subframe_onset(lv, NF, 6), 5.0 + 4.5 / MT_SUBFRAME_N, 1e-12);
    CHECK(mt_subframe_onset(lv, NF, 3) < 0.0); /* silence: no attack */
    CHECK(mt_subframe_onset(lv, NF, NF) < 0.0); /* past the end */
}

/* The block levels from their definition: the mean square of the first
 * differences (the one before the frame from prev), its eight lanes
 * summed as the kernel sums them, on noise of rising level. The lane sums
 * are compared float for float (the SSE2 loop against this plain one: a
 * changed summing order shows there, not in the 0.5 dB codes), then every
 * code. */
static void levels_as_defined(void)
{
    float x[FRAME];
    uint8_t lv[MT_SUBFRAME_N];
    bt_seed = 3;
    for (int i = 0; i < FRAME; i++)
        x[i] = (0.001f + 0.002f * (float)i) * bt_noise();
    const float prev = 0.25f;
    mt_subframe_levels(x, prev, lv);
    int same_sums = 1, same = 1;
    for (int b = 0; b < MT_SUBFRAME_N; b++) {
        float a[8] = { 0.0f }, got[8];
        for (int i = 0; i < MT_SUBFRAME_LEN; i += 8)
            for (int k = 0; k < 8; k++) {
                const int j = b * MT_SUBFRAME_LEN + i + k;
                const float d = x[j] - (j ? x[j - 1] : prev);
                a[k] += d * d;
            }
        mt_subframe_lane_sums(x, prev, b, got);
        same_sums &= memcmp(a, got, sizeof a) == 0;
        const double ms = (double)(((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])))
                          / MT_SUBFRAME_LEN;
        const double code = 2.0 * (10.0 * log10(ms + 1e-13) + 120.0) + 0.5;
        same &= lv[b] == (uint8_t)(code < 0.0 ? 0 : code > 255.0 ? 255 : code);
    }
    CHECK(same_sums);
    CHECK(same);
}

/* Steady noise at any level wobbles below MT_SUBFRAME_MIN_RISE_DB: no
 * frame of it finds an attack. */
static void steady_noise_has_no_attack(void)
{
    enum { NF = 400 };
    float *x = malloc(sizeof(float) * NF * FRAME);
    uint8_t *lv = malloc(NF * MT_SUBFRAME_N);
    CHECK(x && lv);
    bt_seed = 7;
    for (int i = 0; i < NF * FRAME; i++)
        x[i] = (i < NF * FRAME / 2 ? 0.01f : 0.5f) * bt_noise();
    for (int f = 0; f < NF; f++)
        mt_subframe_levels(x + f * FRAME, f ? x[f * FRAME - 1] : 0.0f, lv + f * MT_SUBFRAME_N);
    int found = 0;
    for (int f = 2; f < NF; f++)
        if (f != NF / 2 && f != NF / 2 + 1) /* the level step is an attack */
            found += mt_subframe_onset(lv, NF, (size_t)f) >= 0.0;
    free(x);
    free(lv);
    CHECK_INT(found, 0);
}

/* Tracks x and checks the beats after 3 s against the note-ons grid[nb]:
 * F >= 0.95 and every beat matched (within 70 ms) lo .. hi seconds from
 * its note-on. Frame times stray by up to half a hop (11.6 ms) and by
 * their convention's bias, which the line fit of mt_beat_refine_times
 * does not remove (before beat_subframe: clicks 8-10 ms early). */
static void check_attack_times(const float *x, size_t n, const double *grid, int nb,
                               double lo, double hi, const char *what)
{
    MtBeatTracker *bt = bt_run(x, n, SR, NULL);
    MtBeatResult r;
    if (!bt || mt_beat_result(bt, &r) < 0) {
        mt_beat_free(&bt);
        UNIT_FAIL("%s: no result", what);
    }
    int m = 0, inside = 0;
    double first = 1.0, last = -1.0;
    for (size_t j = 0; j < r.n_beats; j++) {
        if (r.beat_t[j] < 3.0)
            continue;
        double d = 1.0;
        for (int i = 0; i < nb; i++)
            if (fabs(r.beat_t[j] - grid[i]) < fabs(d))
                d = r.beat_t[j] - grid[i];
        if (fabs(d) > 0.07)
            continue;
        m++;
        inside += d >= lo && d <= hi;
        if (d < first) first = d;
        if (d > last) last = d;
    }
    const double f = bt_fmeasure(grid, nb, r.beat_t, r.n_beats, 3.0, grid[nb - 1] - 0.5);
    mt_beat_free(&bt);
    if (!(f >= 0.95) || m == 0 || inside < m)
        UNIT_FAIL("%s: F %.3f, %d of %d beats %+.1f .. %+.1f ms from the note-on (%+.1f .. %+.1f)",
                  what, f, inside, m, 1000.0 * lo, 1000.0 * hi, 1000.0 * first, 1000.0 * last);
}

/* A click track (drum_hits 0) or the drum pattern of beat_test_signals.h
 * (4 bars of variation) on nb beats at bpm, its beats checked within a
 * block (2.9 ms) of the hits. */
static void hits_on_their_attacks(double bpm, int drums, uint32_t seed)
{
    enum { NB = 48 };
    const int nb = drums ? NB : 40;
    double grid[NB];
    bt_grid(grid, nb, 0.4, bpm, bpm);
    const size_t n = (size_t)((grid[nb - 1] + 1.0) * SR);
    float *x = calloc(n, sizeof(float));
    CHECK(x);
    bt_seed = seed;
    if (drums)
        bt_drums(x, n, SR, grid, nb, 4);
    else
        bt_clicks(x, n, SR, grid, nb, 0);
    char what[32];
    snprintf(what, sizeof(what), "%s at %.0f BPM", drums ? "drums" : "clicks", bpm);
    check_attack_times(x, n, grid, nb, -0.003, 0.003, what);
    free(x);
}

/* 120 BPM is 21.5 hops a beat, 126 BPM 20.5 and 97 BPM 26.6: the
 * attacks sweep through the frames. A click or a drum hit starts at
 * once: its beat is within a block (2.9 ms) of it. */
static void clicks_on_their_attacks(void)
{
    hits_on_their_attacks(120.0, 0, 1);
    if (!unit_case_failed)
        hits_on_their_attacks(97.0, 0, 1);
}

static void drums_on_their_attacks(void)
{
    hits_on_their_attacks(126.0, 1, 3);
}

/* Notes with harmonics and a 5 ms rise, no drums: a chord on every beat,
 * struck again over the ringing of the last (the same notes for 4 beats,
 * so the rise of the first block may interfere with it). The beat lies
 * within the rise, where the level climbs most: 0 .. 6 ms after the
 * note-on. */
static void notes_on_their_attacks(void)
{
    enum { NB = 40 };
    double grid[NB];
    bt_grid(grid, NB, 0.4, 126.0, 126.0);
    const size_t n = (size_t)((grid[NB - 1] + 1.0) * SR);
    float *x = calloc(n, sizeof(float));
    CHECK(x);
    static const int chord[3] = { 60, 64, 67 };
    for (int i = 0; i < NB; i++)
        for (int k = 0; k < 3; k++)
            bt_event(x, n, SR, grid[i], 4, 0.15, chord[k] + (i / 4 % 2 ? 5 : 0));
    check_attack_times(x, n, grid, NB, 0.0, 0.006, "notes at 126 BPM");
    free(x);
}

int main(void)
{
    RUN(step_found_in_its_block);
    RUN(levels_as_defined);
    RUN(steady_noise_has_no_attack);
    RUN(clicks_on_their_attacks);
    RUN(drums_on_their_attacks);
    RUN(notes_on_their_attacks);
    UNIT_EXIT();
}
