/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Bar phase of the meter detector from beat-synchronous curves built by
 * hand: which cue decides when harmony and drums disagree. */
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

/* A 4/4 rock pattern, kick on 1 and 3 (low band), snare on 2 and 4 (the
 * bands above), with the chord of each bar arriving a beat early, on 4 of
 * the bar before (an anticipated "push"): the harmonic change alone points
 * at 4. Chord roots go round the circle of fifths bar by bar. */
static void pushed_chords_backbeat(Curves *c)
{
    for (int i = 0; i < NB; i++)
        c->beats[i] = (size_t)(i * PERIOD);
    for (size_t t = 0; t < N; t++) {
        const size_t beat = t / PERIOD, pos = beat % 4;
        const int on_beat = t % PERIOD == 0;
        c->low[t] = on_beat ? (pos == 0 || pos == 2 ? 1.0f : 0.1f) : 0.0f;
        c->mid[t] = on_beat ? (pos == 1 || pos == 3 ? 1.0f : 0.1f) : 0.0f;
        c->onset[t] = on_beat ? 1.0f : 0.0f;
        const int bar = (int)((beat + 1) / 4); /* changes on 4, one beat early */
        const int root = (bar * 7) % 12;
        uint8_t *ch = c->chroma + t * 12;
        for (int k = 0; k < 12; k++)
            ch[k] = 0;
        ch[root] = 255;
        ch[(root + 4) % 12] = 160;
        ch[(root + 7) % 12] = 200;
    }
}

/* The backbeat on 2 and 4 and the kick on 1 and 3 outvote the pushed
 * chords: the downbeat is the kick's, beat 0. Analyser 4 (harmonic change
 * with the low band only, no backbeat) put it on the push, beat 3. */
static void backbeat_outvotes_pushed_chords(void)
{
    Curves *c = calloc(1, sizeof(*c));
    CHECK(c != NULL);
    pushed_chords_backbeat(c);
    MtMeterResult r;
    CHECK(mt_meter_detect(c->beats, NB, c->low, c->mid, c->onset, c->chroma, N, &r) == 0);
    CHECK_INT(r.meter, 4);
    CHECK_INT(r.phase, 0);
    free(c);
}

/* Chords on the one with the drums silent: harmony alone still decides,
 * at every bar phase the piece may start in. */
static void harmony_alone_at_every_phase(void)
{
    Curves *c = calloc(1, sizeof(*c));
    CHECK(c != NULL);
    for (int start = 0; start < 4; start++) {
        for (int i = 0; i < NB; i++)
            c->beats[i] = (size_t)(i * PERIOD);
        for (size_t t = 0; t < N; t++) {
            const size_t beat = t / PERIOD;
            c->low[t] = c->mid[t] = c->onset[t] = t % PERIOD == 0 ? 1.0f : 0.0f;
            const int root = ((int)((beat + 4 - (size_t)start) / 4) * 7) % 12;
            uint8_t *ch = c->chroma + t * 12;
            for (int k = 0; k < 12; k++)
                ch[k] = 0;
            ch[root] = 255;
            ch[(root + 4) % 12] = 160;
            ch[(root + 7) % 12] = 200;
        }
        MtMeterResult r;
        CHECK(mt_meter_detect(c->beats, NB, c->low, c->mid, c->onset, c->chroma, N, &r) == 0);
        CHECK_INT(r.meter, 4);
        CHECK_INT(r.phase, start);
    }
    free(c);
}

/* Curves of a piece with `meter` beats per bar whose beat 0 is beat
 * `start` + 1 of its bar: the chord changes on the one, where the kick is
 * louder. */
static void bars_of(Curves *c, int meter, int start)
{
    for (int i = 0; i < NB; i++)
        c->beats[i] = (size_t)(i * PERIOD);
    for (size_t t = 0; t < N; t++) {
        const size_t beat = t / PERIOD + (size_t)start, pos = beat % (size_t)meter;
        const int on_beat = t % PERIOD == 0;
        c->low[t] = on_beat ? (pos == 0 ? 1.0f : 0.2f) : 0.0f;
        c->mid[t] = c->onset[t] = on_beat ? 1.0f : 0.0f;
        const int root = ((int)(beat / (size_t)meter) * 7) % 12;
        uint8_t *ch = c->chroma + t * 12;
        for (int k = 0; k < 12; k++)
            ch[k] = 0;
        ch[root] = 255;
        ch[(root + 3) % 12] = 160;
        ch[(root + 7) % 12] = 200;
    }
}

/* 5/4 and 6/4, starting on the third beat of a bar (the first one is
 * beat meter - 2). Analyser 4 knew only 3 and 4 beats per bar. */
static void five_and_six_beats_per_bar(void)
{
    Curves *c = calloc(1, sizeof(*c));
    CHECK(c != NULL);
    for (int meter = 5; meter <= 6; meter++) {
        bars_of(c, meter, 2);
        MtMeterResult r;
        CHECK(mt_meter_detect(c->beats, NB, c->low, c->mid, c->onset, c->chroma, N, &r) == 0);
        CHECK_INT(r.meter, meter);
        CHECK_INT(r.phase, meter - 2);
    }
    free(c);
}

int main(void)
{
    RUN(backbeat_outvotes_pushed_chords);
    RUN(harmony_alone_at_every_phase);
    RUN(five_and_six_beats_per_bar);
    UNIT_EXIT();
}
