/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Generated test signals and checks shared by the montagebeat unit tests
 * (test_beat_*.c): click tracks and kick/snare/hat patterns on a known
 * beat grid, a beat F-measure against that grid, and a NaN/Inf scan of a
 * whole result. Deterministic (fixed-seed LCG noise).
 */
#ifndef MONTAGE_TESTS_BEAT_TEST_SIGNALS_H
#define MONTAGE_TESTS_BEAT_TEST_SIGNALS_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "analysis/beat/beat_stream.h"
#include "analysis/beat/beat_tracker.h"

#define BT_PI 3.14159265358979323846

static uint32_t bt_seed = 1;

static inline float bt_noise(void)
{
    bt_seed = bt_seed * 1664525u + 1013904223u;
    return (float)(bt_seed >> 8) / 8388608.0f - 1.0f;
}

/* Beat i of a grid starting at t0 whose tempo moves linearly from bpm0 to
 * bpm1 over n beats (bpm0 == bpm1: steady). Fills times[n]. */
static inline void bt_grid(double *times, int n, double t0, double bpm0, double bpm1)
{
    double t = t0;
    for (int i = 0; i < n; i++) {
        times[i] = t;
        double bpm = bpm0 + (bpm1 - bpm0) * (n > 1 ? (double)i / (n - 1) : 0.0);
        t += 60.0 / bpm;
    }
}

/* Adds a sound event at time t to x[n] (rate sr): kind 0 click, 1 kick,
 * 2 snare, 3 hat, 4 bass note (midi pitch), scaled by gain. */
static inline void bt_event(float *x, size_t n, int sr, double t, int kind, double gain, int pitch)
{
    const double dur = kind == 0 ? 0.02 : kind == 1 ? 0.25 : kind == 2 ? 0.15
                     : kind == 3 ? 0.04 : 0.5;
    size_t a = (size_t)(t * sr), m = (size_t)(dur * sr);
    double ph = 0.0, prev = 0.0;
    for (size_t k = 0; k < m && a + k < n; k++) {
        double tt = (double)k / sr, env, v;
        switch (kind) {
        case 0: /* click: 2 kHz burst */
            env = exp(-tt / 0.004);
            v = sin(2 * BT_PI * 2000 * tt) + 0.3 * bt_noise();
            break;
        case 1: /* kick: falling sine 120 -> 50 Hz */
            env = exp(-tt / 0.08);
            ph += 2 * BT_PI * (50 + 70 * exp(-tt / 0.03)) / sr;
            v = sin(ph);
            break;
        case 2: /* snare: noise + 190 Hz body */
            env = exp(-tt / 0.05);
            v = 0.7 * bt_noise() + 0.4 * sin(2 * BT_PI * 190 * tt);
            break;
        case 3: { /* hat: high-passed noise */
            env = exp(-tt / 0.012);
            double w = bt_noise();
            v = w - prev;
            prev = w;
            break;
        }
        default: { /* bass / chord note with harmonics */
            double f = 440.0 * pow(2.0, (pitch - 69) / 12.0);
            env = exp(-tt / 0.3) * (tt < 0.005 ? tt / 0.005 : 1.0);
            v = sin(2 * BT_PI * f * tt) + 0.5 * sin(4 * BT_PI * f * tt) + 0.25 * sin(6 * BT_PI * f * tt);
            break;
        }
        }
        x[a + k] += (float)(gain * env * v);
    }
}

/* Click on every beat; the first of each bar (meter > 0) twice as loud. */
static inline void bt_clicks(float *x, size_t n, int sr, const double *beats, int nb, int meter)
{
    for (int i = 0; i < nb; i++)
        bt_event(x, n, sr, beats[i], 0, meter > 0 && i % meter == 0 ? 0.6 : 0.3, 0);
}

/*
 * A drum pattern: kick on the downbeat (louder) and on beat 3 in 4/4,
 * snare on the other beats (2 and 4 of 4/4, all but the one otherwise),
 * hats on every eighth, and a bass note plus chord changing every bar
 * (the harmonic cue for downbeats).
 */
static inline void bt_drums(float *x, size_t n, int sr, const double *beats, int nb, int meter)
{
    static const int roots[4] = { 45, 41, 43, 40 };
    for (int i = 0; i < nb; i++) {
        const int pos = i % meter, bar = i / meter;
        const double next = i + 1 < nb ? beats[i + 1] : beats[i] + (beats[i] - beats[i - 1]);
        if (pos == 0) {
            bt_event(x, n, sr, beats[i], 1, 0.7, 0);
            bt_event(x, n, sr, beats[i], 4, 0.25, roots[bar % 4]);
            for (int k = 0; k < 3; k++)
                bt_event(x, n, sr, beats[i], 4, 0.06, roots[bar % 4] + 24 + 4 * k - (k == 2));
        } else if (meter == 4 && pos == 2) {
            bt_event(x, n, sr, beats[i], 1, 0.45, 0);
        } else {
            bt_event(x, n, sr, beats[i], 2, 0.35, 0);
        }
        bt_event(x, n, sr, beats[i], 3, 0.15, 0);
        bt_event(x, n, sr, 0.5 * (beats[i] + next), 3, 0.08, 0);
    }
}

/* Beat F-measure (+-70 ms, one-to-one) of est against the reference beats
 * inside [t_lo, t_hi]. */
static inline double bt_fmeasure(const double *ref, int nr, const double *est, size_t ne,
                          double t_lo, double t_hi)
{
    int n_ref = 0, n_est = 0, hits = 0;
    char *used = calloc(ne ? ne : 1, 1);
    for (size_t j = 0; j < ne; j++)
        n_est += est[j] >= t_lo && est[j] <= t_hi;
    for (int i = 0; i < nr; i++) {
        if (ref[i] < t_lo || ref[i] > t_hi)
            continue;
        n_ref++;
        for (size_t j = 0; j < ne; j++)
            if (!used[j] && fabs(est[j] - ref[i]) <= 0.07) {
                used[j] = 1;
                hits++;
                break;
            }
    }
    free(used);
    if (n_ref == 0 || n_est == 0)
        return 0.0;
    double p = (double)hits / n_est, r = (double)hits / n_ref;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* 1 when every number of the result is finite. */
static inline int bt_result_finite(const MtBeatResult *r)
{
    if (!isfinite(r->bpm) || !isfinite(r->confidence))
        return 0;
    for (size_t i = 0; i < r->n_candidates; i++)
        if (!isfinite(r->candidates[i].bpm) || !isfinite(r->candidates[i].weight))
            return 0;
    for (size_t i = 0; i < r->n_curve; i++)
        if (!isfinite(r->curve_t[i]) || !isfinite(r->curve_bpm[i]))
            return 0;
    for (size_t i = 0; i < r->n_beats; i++)
        if (!isfinite(r->beat_t[i]) || !isfinite(r->beat_strength[i]))
            return 0;
    for (size_t i = 0; i < r->n_onset; i++)
        if (!isfinite(r->onset_env[i]))
            return 0;
    for (size_t i = 0; i < r->n_energy; i++)
        if (!isfinite(r->energy[i]))
            return 0;
    return 1;
}

/* Runs a tracker over mono x[n] at rate sr in 1000-sample pushes. */
static inline MtBeatTracker *bt_run(const float *x, size_t n, int sr, const MtBeatConfig *cfg)
{
    MtBeatConfig def;
    mt_beat_config_default(&def);
    MtBeatTracker *bt = mt_beat_new(cfg ? cfg : &def, sr);
    if (!bt)
        return NULL;
    for (size_t i = 0; i < n; i += 1000)
        if (mt_beat_push(bt, x + i, n - i < 1000 ? n - i : 1000) < 0) {
            mt_beat_free(&bt);
            return NULL;
        }
    if (mt_beat_finish(bt) < 0)
        mt_beat_free(&bt);
    return bt;
}

/* Tracks mono x[n] (rate sr) with the default options: *bpm gets the
 * tempo; returns the beat F-measure against grid[nb] inside [t_lo, t_hi],
 * or -1 when the tracker fails or its result holds a NaN/Inf. */
static inline double bt_track_fmeasure(const float *x, size_t n, int sr, const double *grid,
                                       int nb, double t_lo, double t_hi, double *bpm)
{
    MtBeatTracker *bt = bt_run(x, n, sr, NULL);
    MtBeatResult r;
    double f = -1.0;
    *bpm = 0.0;
    if (bt && mt_beat_result(bt, &r) == 0 && bt_result_finite(&r)) {
        *bpm = r.bpm;
        f = bt_fmeasure(grid, nb, r.beat_t, r.n_beats, t_lo, t_hi);
    }
    mt_beat_free(&bt);
    return f;
}

#endif /* MONTAGE_TESTS_BEAT_TEST_SIGNALS_H */
