/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Meter and bar phase of the meter detector from beat-synchronous curves
 * built by hand: bar lengths 4 to 6, and which cue decides when harmony
 * and drums disagree. */
#include "tests/unit/unit.h"

#include <stdint.h>
#include <stdlib.h>

#include "analysis/beat/beat_meter.h"

enum { NB = 48, PERIOD = 20, N = NB * PERIOD };

typedef struct Curves {
    size_t beats[NB];
    float low[N], mid[N], onset[N];
    uint8_t chroma[N * 12];
} Curves;

/* How a generated piece plays each bar position (pos 0 = the one). */
typedef struct Piece {
    int meter;
    int start;       /* bar position of beat 0 */
    int push;        /* the chord arrives this many beats before the one */
    float low[6];    /* low-band accent per bar position (kick, bass) */
    float mid[6];    /* accent above the low band (snare, claps) */
} Piece;

/* A major triad on `root` in the chroma bytes of one frame. */
static void triad(uint8_t *ch, int root)
{
    for (int k = 0; k < 12; k++)
        ch[k] = 0;
    ch[root] = 255;
    ch[(root + 4) % 12] = 160;
    ch[(root + 7) % 12] = 200;
}

/* Beats every PERIOD frames, accents on the beat frames, one chord a bar
 * going round the circle of fifths. */
static void render(Curves *c, const Piece *p)
{
    for (int i = 0; i < NB; i++)
        c->beats[i] = (size_t)(i * PERIOD);
    for (size_t t = 0; t < N; t++) {
        const size_t beat = t / PERIOD + (size_t)p->start;
        const int pos = (int)(beat % (size_t)p->meter), on_beat = t % PERIOD == 0;
        c->low[t] = on_beat ? p->low[pos] : 0.0f;
        c->mid[t] = on_beat ? p->mid[pos] : 0.0f;
        c->onset[t] = on_beat ? 1.0f : 0.0f;
        const int bar = (int)((beat + (size_t)p->push) / (size_t)p->meter);
        triad(c->chroma + t * 12, (bar * 7) % 12);
    }
}

static void check_meter(const Piece *p, int want_meter, int want_phase)
{
    Curves *c = calloc(1, sizeof(*c));
    CHECK(c != NULL);
    render(c, p);
    MtMeterResult r;
    CHECK(mt_meter_detect(c->beats, NB, c->low, c->mid, c->onset, c->chroma, N, &r) == 0);
    CHECK_INT(r.meter, want_meter);
    CHECK_INT(r.phase, want_phase);
    free(c);
}

/* A 4/4 rock pattern, kick on 1 and 3, snare on 2 and 4, with each
 * bar's chord arriving a beat early, on 4 of the bar before (an
 * anticipated "push"): the harmonic change alone points at 4. The
 * backbeat and the kick outvote it: the one is beat 0. Analyser 4
 * (harmonic change and the low band only) put it on the push, beat 3. */
static void backbeat_outvotes_pushed_chords(void)
{
    const Piece p = { .meter = 4, .push = 1, .low = { 1, 0.1f, 1, 0.1f },
                      .mid = { 0.1f, 1, 0.1f, 1 } };
    check_meter(&p, 4, 0);
}

/* Chords on the one with the drums flat: harmony alone decides, at every
 * bar position the piece may start on (the first one is beat 4 - start,
 * or 0). */
static void harmony_alone_at_every_phase(void)
{
    for (int start = 0; start < 4; start++) {
        const Piece p = { .meter = 4, .start = start, .low = { 1, 1, 1, 1 },
                          .mid = { 1, 1, 1, 1 } };
        check_meter(&p, 4, (4 - start) % 4);
    }
}

/* 5/4 and 6/4 with the kick louder on the one, starting on the third beat
 * of a bar (the first one is beat meter - 2). Analyser 4 knew only 3 and
 * 4 beats per bar. */
static void five_and_six_beats_per_bar(void)
{
    for (int meter = 5; meter <= 6; meter++) {
        Piece p = { .meter = meter, .start = 2 };
        for (int k = 0; k < meter; k++) {
            p.low[k] = k == 0 ? 1.0f : 0.2f;
            p.mid[k] = 1.0f;
        }
        check_meter(&p, meter, meter - 2);
    }
}

int main(void)
{
    RUN(backbeat_outvotes_pushed_chords);
    RUN(harmony_alone_at_every_phase);
    RUN(five_and_six_beats_per_bar);
    UNIT_EXIT();
}
