/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Streaming side: per-frame onset values and the causal beat events. */
#include "tests/unit/unit.h"
#include "tests/unit/beat_test_signals.h"

#define SR 44100

static void streamed_beats(void)
{
    const double seconds = 30.0;
    size_t n = (size_t)(seconds * SR);
    float *x = calloc(n, sizeof(float));
    double grid[64], ev[128];
    int nev = 0;
    bt_grid(grid, 56, 0.5, 120.0, 120.0);
    bt_drums(x, n, SR, grid, 56, 4);
    MtBeatConfig c;
    mt_beat_config_default(&c);
    MtBeatTracker *bt = mt_beat_new(&c, SR);
    CHECK(bt != NULL);
    double last_time = -1.0, last_beat = -1.0;
    for (size_t i = 0; i < n; i += 1152) {
        size_t m = n - i < 1152 ? n - i : 1152;
        CHECK_INT(mt_beat_push(bt, x + i, m), 0);
        float o = mt_beat_current_onset(bt);
        CHECK(isfinite(o) && o >= 0.0f);
        double now = mt_beat_current_time(bt);
        CHECK(now >= last_time);
        last_time = now;
        double t;
        float s;
        while (mt_beat_pop_stream_beat(bt, &t, &s)) {
            CHECK(isfinite(t) && s >= 0.0f && s <= 1.0f);
            CHECK(t > last_beat);          /* in order, never twice */
            CHECK(t <= now + 1e-9);        /* released at or after its time */
            /* ... and at most one hop plus the look-ahead later */
            CHECK(now - t <= MT_BEAT_STREAM_LATENCY_S + 1152.0 / SR + 0.02);
            CHECK(t >= MT_STREAM_WARMUP_S - 1.0);
            last_beat = t;
            if (nev < 128)
                ev[nev++] = t;
        }
    }
    CHECK(mt_beat_stream_bpm(bt) > 115.0f && mt_beat_stream_bpm(bt) < 125.0f);
    double f = bt_fmeasure(grid, 56, ev, (size_t)nev, 6.0, grid[55] - 0.5);
    if (!(f >= 0.9))
        UNIT_FAIL("streamed beat F-measure %.3f", f);
    CHECK_INT(mt_beat_finish(bt), 0);
    mt_beat_free(&bt);
    free(x);
}

/* The per-frame onset peaks on the attacks: strong at a click, ~0 between. */
static void onset_on_attacks(void)
{
    const double seconds = 6.0;
    size_t n = (size_t)(seconds * SR);
    float *x = calloc(n, sizeof(float));
    double grid[16];
    bt_grid(grid, 10, 0.5, 120.0, 120.0);
    bt_clicks(x, n, SR, grid, 10, 0);
    MtBeatConfig c;
    mt_beat_config_default(&c);
    MtBeatTracker *bt = mt_beat_new(&c, SR);
    float at_click = 0.0f, between = 0.0f;
    for (size_t i = 0; i < n; i += 64) {
        mt_beat_push(bt, x + i, n - i < 64 ? n - i : 64);
        double t = mt_beat_current_time(bt);
        if (t < 2.0)
            continue;
        double ph = fmod(t - 0.5, 0.5);
        float o = mt_beat_current_onset(bt);
        if (ph < 0.03 || ph > 0.48) { if (o > at_click) at_click = o; }
        else if (ph > 0.1 && ph < 0.4) { if (o > between) between = o; }
    }
    CHECK(at_click > 2.0f);
    CHECK(between < 0.1f * at_click);
    mt_beat_free(&bt);
    free(x);
}

int main(void)
{
    RUN(streamed_beats);
    RUN(onset_on_attacks);
    UNIT_EXIT();
}
