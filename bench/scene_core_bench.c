/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * scene_core_bench: cost of the montagescene core per 1080p yuv420p frame.
 *
 *   scene_core_bench [frames] [width height]
 *
 * Generates moving gradients plus noise (a fresh frame each time, so caches
 * see a new picture like after a decoder), with a cut and a dissolve every
 * few seconds so the gradual analysis has candidates to examine, and
 * prints the per-frame time of mt_scene_push() + mt_scene_pop() in
 * milliseconds: CPU time of the thread (what the core costs, even on a
 * busy machine) and wall time (mean and worst frame). Frame generation is
 * not timed. Not a test: numbers depend on the machine.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/scene/scene_detect.h"

static double ms(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint32_t rng = 12345;
static unsigned rnd8(void)
{
    rng = rng * 1664525u + 1013904223u;
    return rng >> 24;
}

/* Shot `shot` at time k: a drifting two-direction gradient, its own
 * colours, plus noise; `mix` blends toward the next shot (dissolve). */
static void make_frame(uint8_t *y, uint8_t *u, uint8_t *v, int w, int h, int k, int shot, int mix256)
{
    for (int j = 0; j < h; j++) {
        for (int i = 0; i < w; i++) {
            int a = ((i * (3 + shot % 4) + j * (5 - shot % 3) + k * 4) >> 3) & 255;
            int b = ((i * (7 - shot % 5) - j * (2 + shot % 2) + k * 3 + 4096) >> 3) & 255;
            int val = (a * (256 - mix256) + b * mix256) >> 8;
            y[(size_t)j * w + i] = (uint8_t)(16 + ((val * 219) >> 8) + (rnd8() & 7));
        }
    }
    int cw = w / 2, ch = h / 2;
    for (int j = 0; j < ch; j++)
        for (int i = 0; i < cw; i++) {
            u[(size_t)j * cw + i] = (uint8_t)(96 + (shot * 37) % 64 + ((i + k) >> 6) % 8);
            v[(size_t)j * cw + i] = (uint8_t)(96 + (shot * 53) % 64 + ((j + k) >> 6) % 8);
        }
}

int main(int argc, char **argv)
{
    int frames = argc > 1 ? atoi(argv[1]) : 600;
    int w = argc > 3 ? atoi(argv[2]) : 1920, h = argc > 3 ? atoi(argv[3]) : 1080;
    if (frames <= 0 || w <= 1 || h <= 1) {
        fprintf(stderr, "usage: %s [frames] [width height]\n", argv[0]);
        return 1;
    }
    size_t ysz = (size_t)w * h, csz = (size_t)(w / 2) * (h / 2);
    uint8_t *buf = malloc(ysz + 2 * csz);
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    MtSceneDetector *det = mt_scene_new(&cfg);
    if (!buf || !det) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    MtImage img = { .width = w, .height = h, .model = MT_COLOR_YUV,
                    .log2_chroma_w = 1, .log2_chroma_h = 1 };
    for (int c = 0; c < 3; c++)
        img.comp[c] = (MtComponent){ .plane = c, .step = 1, .depth = 8 };
    img.data[0] = buf;
    img.data[1] = buf + ysz;
    img.data[2] = buf + ysz + csz;
    img.linesize[0] = w;
    img.linesize[1] = img.linesize[2] = w / 2;

    double total = 0, cpu = 0, worst = 0;
    int cuts = 0;
    MtSceneFrameInfo fi;
    for (int k = 0; k < frames; k++) {
        /* 100-frame shots; every other one ends in a 20-frame dissolve */
        int shot = k / 100, pos = k % 100, mix = 0;
        if (shot % 2 && pos >= 80)
            mix = (pos - 79) * 256 / 21;
        make_frame(buf, buf + ysz, buf + ysz + csz, w, h, k, shot, mix);
        double t0 = ms(CLOCK_MONOTONIC), c0 = ms(CLOCK_THREAD_CPUTIME_ID);
        if (mt_scene_push(det, &img, k, k / 25.0) < 0) {
            fprintf(stderr, "push failed\n");
            return 1;
        }
        while (mt_scene_pop(det, &fi))
            cuts += fi.has_event;
        double dt = ms(CLOCK_MONOTONIC) - t0;
        cpu += ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        total += dt;
        if (dt > worst)
            worst = dt;
    }
    double t0 = ms(CLOCK_MONOTONIC), c0 = ms(CLOCK_THREAD_CPUTIME_ID);
    mt_scene_finish(det, 1 / 25.0);
    while (mt_scene_pop(det, &fi))
        cuts += fi.has_event;
    total += ms(CLOCK_MONOTONIC) - t0;
    cpu += ms(CLOCK_THREAD_CPUTIME_ID) - c0;
    printf("scene core, %dx%d yuv420p, %d frames, %d events: %.4f ms/frame CPU, "
           "%.4f ms/frame wall (worst frame %.3f ms)\n",
           w, h, frames, cuts, cpu / frames, total / frames, worst);
    mt_scene_free(&det);
    free(buf);
    return 0;
}
