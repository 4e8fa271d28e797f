/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Downbeats of generated pieces whose bar line is marked by one cue only:
 * the drums play every beat alike, and either the chords change on the
 * one (harmony) or a bass note is struck on the one (bass). A third kind
 * (phrase) misleads on purpose: one-drop drums (kick and snare on beat 3
 * only, as in reggae), chords changing on 1 and 3 alike, and only the
 * repetition of two-bar phrases from bar 1 marks the one. Each piece
 * starts on a pickup beat, so the first beat is not a downbeat. */
#include "tests/unit/unit.h"
#include "tests/unit/beat_test_signals.h"

#define SR 44100
#define SECONDS 30.0

enum { HARMONY, BASS, PHRASE };

/* Chord roots (midi) of the successive bars: four triads with no pitch
 * class in common between neighbours' roots. */
static const int chord_roots[4] = { 60, 65, 67, 57 };

/* Chord roots of the half bars of a four-bar progression played over and
 * over from bar 1 (C D G F, A G D A): a new chord on every half bar. With
 * the one-drop drums, analyser 6's bar-phase scores put the one on beat 3
 * (ahead by 1.3 and 1.1 in the two pieces below: the one-bar chord change
 * is larger there); the two-bar phrase novelty puts it on the one, ahead
 * by 1.8 and 2.0 (z-scores). */
static const int phrase_roots[8] = { 60, 62, 67, 65, 69, 67, 62, 69 };

/* Renders meter-beat bars at bpm from 0.5 s, the first beat at bar
 * position `pickup`; fills beats[*nb] and sets down[i] where beat i is a
 * bar line. */
static float *render(int cue, int meter, double bpm, int pickup, double *beats, int *nb,
                     int *down, size_t *n)
{
    *n = (size_t)(SECONDS * SR);
    float *x = calloc(*n, sizeof(float));
    if (!x)
        return NULL;
    *nb = (int)((SECONDS - 1.5) * bpm / 60.0);
    bt_grid(beats, *nb, 0.5, bpm, bpm);
    for (int i = 0; i < *nb; i++) {
        const int pos = (i + pickup) % meter, bar = (i + pickup) / meter;
        const double half = 30.0 / bpm;
        down[i] = pos == 0;
        /* the same drums on every beat (kick, snare, hats on the eighths);
         * a phrase piece's kick and snare on beat 3 only */
        if (cue != PHRASE || pos == 2) {
            bt_event(x, *n, SR, beats[i], 1, 0.4, 0);
            bt_event(x, *n, SR, beats[i], 2, 0.2, 0);
        }
        bt_event(x, *n, SR, beats[i], 3, 0.12, 0);
        bt_event(x, *n, SR, beats[i] + half, 3, 0.12, 0);
        if (cue != BASS) { /* a triad struck on every beat, changing on the one
                            * (harmony) or on every half bar (phrase) */
            const int root = cue == HARMONY ? chord_roots[bar % 4]
                                            : phrase_roots[(bar * 2 + pos / 2) % 8];
            for (int k = 0; k < 3; k++)
                bt_event(x, *n, SR, beats[i], 4, 0.05, root + 4 * k - (k == 2));
        } else if (pos == 0) { /* a bass note on the one only */
            bt_event(x, *n, SR, beats[i], 4, 0.3, 40);
        }
    }
    return x;
}

/* Tracks the piece and checks its meter and that exactly the beats on
 * the grid's bar lines are flagged (after 2 s, before the last beat). */
static void check_downbeats(int cue, int meter, double bpm, int pickup)
{
    double beats[128];
    int down[128], nb;
    size_t n;
    float *x = render(cue, meter, bpm, pickup, beats, &nb, down, &n);
    CHECK(x != NULL);
    MtBeatTracker *bt = bt_run(x, n, SR, NULL);
    CHECK(bt != NULL);
    MtBeatResult r;
    CHECK(mt_beat_result(bt, &r) == 0);
    CHECK_INT(r.meter, meter);
    int checked = 0, wrong = 0;
    for (size_t i = 0; i < r.n_beats; i++) {
        if (r.beat_t[i] <= 2.0 || r.beat_t[i] >= beats[nb - 1] - 0.5)
            continue;
        int on_bar_line = 0, on_grid = 0;
        for (int k = 0; k < nb; k++)
            if (fabs(r.beat_t[i] - beats[k]) <= 0.07) {
                on_grid = 1;
                on_bar_line = down[k];
            }
        CHECK(on_grid);
        wrong += r.beat_downbeat[i] != on_bar_line;
        checked++;
    }
    CHECK(checked > 20);
    if (wrong)
        UNIT_FAIL("%s cue, %d/4 at %.0f BPM: %d of %d beats flagged wrong",
                  cue == HARMONY ? "harmony" : cue == BASS ? "bass" : "phrase", meter, bpm, wrong,
                  checked);
    mt_beat_free(&bt);
    free(x);
}

static void harmony_4_4(void) { check_downbeats(HARMONY, 4, 110.0, 1); }
static void harmony_3_4(void) { check_downbeats(HARMONY, 3, 132.0, 2); }
static void bass_4_4(void) { check_downbeats(BASS, 4, 110.0, 3); }
static void bass_3_4(void) { check_downbeats(BASS, 3, 132.0, 1); }
static void phrase_4_4(void) { check_downbeats(PHRASE, 4, 110.0, 1); }
static void phrase_4_4_three_beat_pickup(void) { check_downbeats(PHRASE, 4, 96.0, 3); }

int main(void)
{
    RUN(harmony_4_4);
    RUN(harmony_3_4);
    RUN(bass_4_4);
    RUN(bass_3_4);
    RUN(phrase_4_4);
    RUN(phrase_4_4_three_beat_pickup);
    UNIT_EXIT();
}
