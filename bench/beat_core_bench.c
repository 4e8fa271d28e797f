/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * beat_core_bench: speed of the montagebeat analysis core alone, as a
 * multiple of real time on one core (process CPU time), for 44.1 kHz
 * stereo input pushed the way the filter glue does (raw packed planes,
 * 1152-sample frames like mp3), finish included. Not a test: it prints
 * figures. Usage: beat_core_bench [seconds] [runs]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analysis/beat/beat_tracker.h"

#define RATE  44100
#define CH    2
#define FRAME 1152

/* A 120 BPM kick/hat pattern over noise, so every stage has work to do. */
static void make_signal(float *x, size_t n)
{
    uint32_t seed = 12345;
    const size_t beat = RATE / 2;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        float noise = ((float)(seed >> 8) / 8388608.0f) - 1.0f;
        size_t ph = i % beat, ph8 = i % (beat / 2);
        float kick = ph < 4000 ? 0.8f * (1.0f - ph / 4000.0f) *
                     (float)((ph / 100) % 2 ? 1 : -1) : 0.0f;
        float hat = ph8 < 800 ? 0.3f * noise * (1.0f - ph8 / 800.0f) : 0.0f;
        float v = kick + hat + 0.01f * noise;
        x[CH * i] = v;
        x[CH * i + 1] = 0.9f * v;
    }
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const double seconds = argc > 1 ? atof(argv[1]) : 120.0;
    const int runs = argc > 2 ? atoi(argv[2]) : 3;
    const size_t n = (size_t)(seconds * RATE);
    float *x = malloc(sizeof(float) * CH * n);
    if (!x)
        return 1;
    make_signal(x, n);
    double best = 1e30;
    float bpm = 0.0f;
    for (int r = 0; r < runs; r++) {
        MtBeatConfig c;
        mt_beat_config_default(&c);
        double t0 = cpu_seconds();
        MtBeatTracker *bt = mt_beat_new(&c, RATE);
        if (!bt)
            return 1;
        for (size_t i = 0; i < n; i += FRAME) {
            size_t m = n - i < FRAME ? n - i : FRAME;
            const uint8_t *planes[1] = { (const uint8_t *)(x + CH * i) };
            mt_beat_push_raw(bt, planes, MT_SAMPLE_FLT, 0, CH, m);
            double t;
            float s;
            (void)mt_beat_current_onset(bt);
            while (mt_beat_pop_stream_beat(bt, &t, &s))
                ;
        }
        mt_beat_finish(bt);
        MtBeatResult res;
        mt_beat_result(bt, &res);
        bpm = res.bpm;
        mt_beat_free(&bt);
        double dt = cpu_seconds() - t0;
        if (dt < best)
            best = dt;
    }
    printf("beat core: %.0f s of 44.1 kHz stereo in %.3f s CPU (best of %d): %.0fx real time (bpm %.1f)\n",
           seconds, best, runs, seconds / best, bpm);
    free(x);
    return 0;
}
