/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * scene_cli: run the montagescene core on raw frames from stdin, e.g.
 *
 *   ffmpeg -v error -i clip.mp4 -f rawvideo -pix_fmt yuv420p - |
 *       scene_cli -s 1280x720 --fps 25 --pix-fmt yuv420p
 *
 * prints the time (seconds) of every detected boundary, one per line, in
 * the format of shared/eval/score_shots.py (the frame where the new shot
 * takes over). -v adds the transitions with type and span and the scenes
 * as # comments, and how many frames the core held after each push (the
 * cost of a waiting cut candidate) and how many frames had to follow each
 * frame before the core called it settled (mt_scene_unsettled_from: what a
 * host that stops early must decode past it); -vv also that per frame
 * (-1: not before the end), one line per frame and the
 * decision trace. A development tool, not part
 * of the test suite.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/array_grow.h"
#include "analysis/scene/scene_detect.h"
#include "analysis/config_check.h"
#include "cache/sidecar_names.h"
#include "driver/fast_plan.h"

/* Not a threshold: the frames the core holds after a push when no cut
 * candidate waits (its decision reach, flash_len + 1 frames, 1 without the
 * flash test); more means a candidate waits for its recolouring or
 * light-change test. */
static int held_without_wait(const MtSceneConfig *cfg)
{
    return cfg->flash ? cfg->flash_len + 1 : 1;
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Per frame p, how many frames after it were pushed before the core called
 * p settled (unsettled[k] > p after push k): its distribution over the
 * frames that settled before the end of the stream. */
static void print_settle_lags(const int64_t *unsettled, int64_t n, int each)
{
    int64_t *lag = malloc((size_t)(n > 0 ? n : 1) * sizeof(*lag)), m = 0, within_post = 0;
    if (!lag)
        return;
    for (int64_t p = 0; p < n; p++) {
        int64_t k = p;
        while (k < n && unsettled[k] <= p)
            k++;
        if (each)
            printf("# settle %lld %lld\n", (long long)p, k < n ? (long long)(k - p) : -1LL);
        if (k < n) {
            lag[m++] = k - p;
            within_post += k - p <= MT_FAST_POST_FRAMES;
        }
    }
    qsort(lag, (size_t)m, sizeof(*lag), cmp_int64);
    if (m)
        printf("# settled: %lld of %lld frames before the end; frames pushed after a frame until it "
               "was: median %lld, 10th percentile %lld, 90th %lld, max %lld; within %d (the fast "
               "mode's look-ahead): %lld\n",
               (long long)m, (long long)n, (long long)lag[m / 2], (long long)lag[m / 10],
               (long long)lag[m * 9 / 10], (long long)lag[m - 1], MT_FAST_POST_FRAMES, (long long)within_post);
    free(lag);
}

typedef struct RawFormat {
    const char *name;
    MtColorModel model;
    int log2w, log2h;  /* chroma subsampling */
    int planes;        /* 1 packed/gray, 2 semi-planar, 3 planar */
    int bytes;         /* bytes per sample (1 or 2) */
    int depth, shift;
    int full_range;
    int pix_step;      /* packed: bytes per pixel */
    int off[3];        /* packed: byte offset of R, G, B */
} RawFormat;

#define PLANAR(n, m, lw, lh, np, by, dep, sh, fr) \
    { .name = n, .model = m, .log2w = lw, .log2h = lh, .planes = np, .bytes = by, \
      .depth = dep, .shift = sh, .full_range = fr }
#define PACKED(n, step, r, g, b) \
    { .name = n, .model = MT_COLOR_RGB, .planes = 1, .bytes = 1, .depth = 8, \
      .full_range = 1, .pix_step = step, .off = { r, g, b } }
static const RawFormat formats[] = {
    PLANAR("yuv420p",     MT_COLOR_YUV,  1, 1, 3, 1, 8,  0, 0),
    PLANAR("yuvj420p",    MT_COLOR_YUV,  1, 1, 3, 1, 8,  0, 1),
    PLANAR("yuv422p",     MT_COLOR_YUV,  1, 0, 3, 1, 8,  0, 0),
    PLANAR("yuv444p",     MT_COLOR_YUV,  0, 0, 3, 1, 8,  0, 0),
    PLANAR("yuv420p10le", MT_COLOR_YUV,  1, 1, 3, 2, 10, 0, 0),
    PLANAR("yuv422p10le", MT_COLOR_YUV,  1, 0, 3, 2, 10, 0, 0),
    PLANAR("yuv444p10le", MT_COLOR_YUV,  0, 0, 3, 2, 10, 0, 0),
    PLANAR("nv12",        MT_COLOR_YUV,  1, 1, 2, 1, 8,  0, 0),
    PLANAR("p010le",      MT_COLOR_YUV,  1, 1, 2, 2, 10, 6, 0),
    PLANAR("gray",        MT_COLOR_GRAY, 0, 0, 1, 1, 8,  0, 1),
    PLANAR("gray10le",    MT_COLOR_GRAY, 0, 0, 1, 2, 10, 0, 1),
    PACKED("rgb24", 3, 0, 1, 2),
    PACKED("bgr24", 3, 2, 1, 0),
    PACKED("rgba",  4, 0, 1, 2),
    PACKED("bgra",  4, 2, 1, 0),
};

/* Lays out one frame of format f and size w x h starting at buf; returns
 * the frame size in bytes. */
static size_t raw_image(const RawFormat *f, int w, int h, const uint8_t *buf, MtImage *img)
{
    memset(img, 0, sizeof(*img));
    img->width = w;
    img->height = h;
    img->model = f->model;
    img->full_range = f->full_range;
    img->log2_chroma_w = f->log2w;
    img->log2_chroma_h = f->log2h;
    int cw = (w + (1 << f->log2w) - 1) >> f->log2w, ch = (h + (1 << f->log2h) - 1) >> f->log2h;
    size_t size;
    if (f->model == MT_COLOR_RGB) {
        img->data[0] = buf;
        img->linesize[0] = (ptrdiff_t)w * f->pix_step;
        for (int c = 0; c < 3; c++)
            img->comp[c] = (MtComponent){ 0, f->pix_step, f->off[c], 0, 8 };
        return (size_t)w * h * f->pix_step;
    }
    img->data[0] = buf;
    img->linesize[0] = (ptrdiff_t)w * f->bytes;
    img->comp[0] = (MtComponent){ 0, f->bytes, 0, f->shift, f->depth };
    size = (size_t)w * h * f->bytes;
    if (f->planes == 3) {
        for (int c = 1; c < 3; c++) {
            img->data[c] = buf + size;
            img->linesize[c] = (ptrdiff_t)cw * f->bytes;
            img->comp[c] = (MtComponent){ c, f->bytes, 0, f->shift, f->depth };
            size += (size_t)cw * ch * f->bytes;
        }
    } else if (f->planes == 2) {
        img->data[1] = buf + size;
        img->linesize[1] = (ptrdiff_t)cw * 2 * f->bytes;
        for (int c = 1; c < 3; c++)
            img->comp[c] = (MtComponent){ 1, 2 * f->bytes, (c - 1) * f->bytes, f->shift, f->depth };
        size += (size_t)cw * ch * 2 * f->bytes;
    }
    return size;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: scene_cli -s WxH [--fps F] [--pix-fmt NAME] [--range full|limited] [-v[v]]\n"
            "                 [--threshold X] [--gradual X] [--min-scene-len S] [--flash 0|1]\n"
            "                 [--flash-len N] [--analysis-size N] < raw_frames\n"
            "pixel formats:");
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        fprintf(stderr, " %s", formats[i].name);
    fprintf(stderr, "\n");
}

static void print_trace(void *opaque, const char *line)
{
    (void)opaque;
    printf("# trace %s\n", line);
}

static void print_frame(const MtSceneFrameInfo *fi)
{
    printf("# frame %lld t=%.6f score=%.4f luma=%.4f motion=%.4f%s",
           (long long)fi->frame, fi->t, fi->score, fi->luma, fi->motion, fi->flash ? " flash" : "");
    if (fi->has_event)
        printf(" cut=%s frame=%lld first=%lld last=%lld",
               mt_transition_type_name(fi->event.type),
               (long long)fi->event.frame, (long long)fi->event.first_frame,
               (long long)fi->event.last_frame);
    printf("\n");
}

int main(int argc, char **argv)
{
    MtSceneConfig cfg;
    mt_scene_config_default(&cfg);
    int w = 0, h = 0, verbose = 0, range = -1;
    double fps = 25;
    const RawFormat *fmt = &formats[0];
    enum { O_FPS = 256, O_PIX, O_RANGE, O_THR, O_GRAD, O_MIN, O_FLASH, O_FLEN, O_SIZE };
    static const struct option opts[] = {
        { "size", required_argument, NULL, 's' },   { "fps", required_argument, NULL, O_FPS },
        { "pix-fmt", required_argument, NULL, O_PIX }, { "range", required_argument, NULL, O_RANGE },
        { "threshold", required_argument, NULL, O_THR }, { "gradual", required_argument, NULL, O_GRAD },
        { "min-scene-len", required_argument, NULL, O_MIN }, { "flash", required_argument, NULL, O_FLASH },
        { "flash-len", required_argument, NULL, O_FLEN }, { "analysis-size", required_argument, NULL, O_SIZE },
        { "verbose", no_argument, NULL, 'v' }, { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "s:vh", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (sscanf(optarg, "%dx%d", &w, &h) != 2) {
                fprintf(stderr, "scene_cli: bad size '%s'\n", optarg);
                return 1;
            }
            break;
        case O_FPS:   fps = atof(optarg); break;
        case O_PIX:
            fmt = NULL;
            for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
                if (!strcmp(formats[i].name, optarg))
                    fmt = &formats[i];
            if (!fmt) {
                fprintf(stderr, "scene_cli: unknown pixel format '%s'\n", optarg);
                usage();
                return 1;
            }
            break;
        case O_RANGE: range = !strcmp(optarg, "full"); break;
        case O_THR:   cfg.threshold = atof(optarg); break;
        case O_GRAD:  cfg.gradual_threshold = atof(optarg); break;
        case O_MIN:   cfg.min_scene_len = atof(optarg); break;
        case O_FLASH: cfg.flash = atoi(optarg); break;
        case O_FLEN:  cfg.flash_len = atoi(optarg); break;
        case O_SIZE:  cfg.analysis_size = atoi(optarg); break;
        case 'v':     verbose++; break;
        default:      usage(); return c == 'h' ? 0 : 1;
        }
    }
    if (w <= 0 || h <= 0 || fps <= 0) {
        usage();
        return 1;
    }
    char why[MT_CONFIG_WHY_SIZE];
    if (mt_scene_config_check(&cfg, why, sizeof(why)) < 0) {
        fprintf(stderr, "scene_cli: %s\n", why);
        return 1;
    }
    MtSceneDetector *det = mt_scene_new(&cfg);
    if (!det) {
        fprintf(stderr, "scene_cli: out of memory\n");
        return 1;
    }
    if (verbose > 1)
        mt_scene_set_log(det, print_trace, NULL);
    MtImage img;
    size_t fsize = raw_image(fmt, w, h, NULL, &img);
    uint8_t *buf = malloc(fsize);
    if (!buf) {
        fprintf(stderr, "scene_cli: out of memory\n");
        return 1;
    }
    int64_t n = 0, popped = 0;
    MtSceneFrameInfo fi;
    int ret = 0;
    size_t got;
    /* frames the core holds after each push and its pops: a waiting cut
     * candidate holds more than a push's usual decision reach */
    int64_t held_sum = 0, held_max = 0, pushes_waiting = 0;
    /* after push k (k + 1 frames in), the lowest frame not yet settled */
    int64_t *unsettled = NULL;
    size_t unsettled_cap = 0;
    while ((got = fread(buf, 1, fsize, stdin)) == fsize) {
        raw_image(fmt, w, h, buf, &img);
        if (range >= 0)
            img.full_range = range;
        if ((ret = mt_scene_push(det, &img, n, n / fps)) < 0) {
            fprintf(stderr, "scene_cli: frame %lld: %s\n", (long long)n, strerror(-ret));
            break;
        }
        n++;
        while (mt_scene_pop(det, &fi)) {
            popped++;
            if (verbose > 1)
                print_frame(&fi);
        }
        int64_t held = n - popped;
        held_sum += held;
        held_max = held > held_max ? held : held_max;
        pushes_waiting += held > held_without_wait(&cfg);
        if (!verbose) /* only -v prints the settle lags */
            continue;
        if (mt_array_grow((void **)&unsettled, &unsettled_cap, (size_t)n, sizeof(*unsettled)) < 0) {
            fprintf(stderr, "scene_cli: out of memory\n");
            ret = -ENOMEM;
            break;
        }
        unsettled[n - 1] = mt_scene_unsettled_from(det);
    }
    if (ret == 0 && got > 0)
        fprintf(stderr, "scene_cli: ignored %zu bytes at the end: not a whole %dx%d %s frame\n",
                got, w, h, fmt->name);
    mt_scene_finish(det, 1 / fps); /* raw frames: each lasts one period */
    while (mt_scene_pop(det, &fi))
        if (verbose > 1)
            print_frame(&fi);

    MtSceneResult res;
    mt_scene_result(det, &res);
    if (verbose) {
        printf("# %lld frames, %zu transitions, %zu scenes\n", (long long)n, res.n_transitions,
               res.n_scenes);
        printf("# held: %lld pushes, %lld with more than %d frames held, mean %.2f, max %lld\n",
               (long long)n, (long long)pushes_waiting, held_without_wait(&cfg),
               n ? (double)held_sum / n : 0.0, (long long)held_max);
        if (ret == 0) /* else unsettled has fewer than n entries */
            print_settle_lags(unsettled, n, verbose > 1);
        for (size_t i = 0; i < res.n_transitions; i++) {
            const MtTransition *t = &res.transitions[i];
            printf("# transition %s frame=%lld [%lld,%lld] score=%.3f\n",
                   mt_transition_type_name(t->type), (long long)t->frame,
                   (long long)t->first_frame, (long long)t->last_frame, t->score);
        }
        for (size_t i = 0; i < res.n_scenes; i++) {
            const MtScene *s = &res.scenes[i];
            printf("# scene [%lld,%lld) t=%.3f..%.3f luma=%.3f motion=%.4f rep=%lld\n",
                   (long long)s->start_frame, (long long)s->end_frame, s->t_start, s->t_end,
                   s->mean_luma, s->motion, (long long)s->representative_frame);
        }
    }
    for (size_t i = 0; i < res.n_transitions; i++)
        printf("%.6f\n", res.transitions[i].t);
    free(buf);
    free(unsettled);
    mt_scene_free(&det);
    return ret < 0 ? 1 : 0;
}
