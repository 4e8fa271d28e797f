/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montage-fast-scene: the shot analysis of one file without decoding every
 * frame (montage-analyze --fast runs it; see doc/montage-analyze.1).
 *
 *   pass 0  ffprobe: the frame table and the seek points (demux only)
 *   pass 1  ffmpeg -skip_frame nokey: the filter scores consecutive key
 *           frames (its per-frame features)
 *   pass 2  ffmpeg -ss per window (driver/fast_plan.h): the frames around
 *           the key frame pairs that differ, decoded frame-exactly from
 *           the pair's first key frame, and again from a seek point
 *           earlier when what it found needs history (fast_history.h)
 *   merge   one sidecar (driver/fast_merge.h)
 * Intra-only or short-GOP input, a window covering most of the file, or
 * anything that does not line up falls back to one full decode, recorded
 * as decode=fast too. With --beat-filter the audio is analysed first by
 * its own decode (audio is cheap; it is not skipped).
 *
 * Exit status 0 when the sidecar is written, 1 otherwise (a one-line cause
 * on stderr), 2 for a usage error.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/filter_options.h"
#include "cache/sidecar_read.h"
#include "driver/arg_list.h"
#include "driver/fast_history.h"
#include "driver/fast_merge.h"
#include "driver/fast_plan.h"
#include "driver/fast_scan.h"
#include "driver/fast_thumb.h"
#include "driver/filter_escape.h"
#include "driver/temp_cleanup.h"
#include "export/export.h"

#define FILTER_MAX 65536

typedef struct Run {
    const char *ffmpeg, *ffprobe;
    const char *input;        /* media path */
    const char *scene_filter; /* "montagescene=OPTS", graph-escaped */
    const char *beat_filter;
    const char *sidecar;      /* the scene sidecar the filter string names */
    int threads;
    int verbose;
    double max_cover;         /* fall back to a full decode above this share */
    int pre, post;            /* window margins, frames (fast_plan.h) */
    int plan_only;            /* pass 0 and 1 only: print the windows */
    int always_history;       /* decode every window from its warm start */
    char tmp[PATH_MAX];
    /* counters for --verbose and the bench */
    int64_t frames, decoded_pass1, decoded_pass2;
    size_t windows, warmed; /* windows, those started again with history */
    size_t window_files;    /* w<i>.msgpack that may exist */
} Run;

static void say(const Run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "montage-fast-scene: MESSAGE" on stderr, the message escaped as
 * mt_export_line_field does (it may quote the input's or a temporary's
 * name): one line whatever the names hold. */
static void message(const char *fmt, va_list ap)
{
    fputs("montage-fast-scene: ", stderr);
    mt_export_line_vprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void say(const Run *r, const char *fmt, ...)
{
    va_list ap;
    if (!r->verbose)
        return;
    va_start(ap, fmt);
    message(fmt, ap);
    va_end(ap);
}

static void error_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void error_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message(fmt, ap);
    va_end(ap);
}

/* Runs argv, stdout to out_path (or /dev/null); 0 when it exits 0. */
static int run_child(MtArgList *args, const char *out_path)
{
    if (args->failed)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open("/dev/null", O_RDONLY);
        if (fd < 0 || in < 0 || dup2(fd, 1) < 0 || dup2(in, 0) < 0)
            _exit(127);
        execvp(args->argv[0], args->argv);
        error_line("cannot run %s: %s", args->argv[0], strerror(errno)); /* the --ffmpeg name escaped */
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static void ffmpeg_head(const Run *r, MtArgList *a)
{
    mt_arg_list_push(a, r->ffmpeg);
    mt_arg_list_push(a, "-nostdin");
    mt_arg_list_push(a, "-hide_banner");
    mt_arg_list_push(a, "-nostats");
    mt_arg_list_push(a, "-loglevel");
    mt_arg_list_push(a, "error");
    mt_arg_list_push(a, "-filter_threads");
    mt_arg_list_push(a, "1");
    mt_arg_list_push(a, "-reinit_filter");
    mt_arg_list_push(a, "0");
    mt_arg_list_push(a, "-threads");
    mt_arg_list_pushf(a, "%d", r->threads);
}

/* -i FILE -map MAP FLAG GRAPH, then the output: raw frames to out_raw, or
 * none (-f null) */
static void ffmpeg_tail(const Run *r, MtArgList *a, const char *map, const char *flag,
                        const char *graph, const char *out_raw)
{
    mt_arg_list_push(a, "-i");
    mt_arg_list_pushf(a, "file:%s", r->input);
    mt_arg_list_push(a, "-map");
    mt_arg_list_push(a, map);
    mt_arg_list_push(a, flag);
    mt_arg_list_push(a, graph);
    if (out_raw) {
        /* one raw frame per decoded frame, none repeated or dropped */
        mt_arg_list_push(a, "-fps_mode");
        mt_arg_list_push(a, "passthrough");
        mt_arg_list_push(a, "-f");
        mt_arg_list_push(a, "rawvideo");
        mt_arg_list_pushf(a, "file:%s", out_raw);
        return;
    }
    mt_arg_list_push(a, "-f");
    mt_arg_list_push(a, "null");
    mt_arg_list_push(a, "-");
}

/* scene filter string + ":" + extra options (already quoted) + a graph
 * tail (",metadata=..." or ""); the extra options are graph-escaped here */
static char *scene_graph(const Run *r, const char *extra, const char *tail)
{
    char *esc = malloc(FILTER_MAX), *out = malloc(3 * FILTER_MAX);
    if (!esc || !out || mt_filter_escape_graph(extra, esc, FILTER_MAX) < 0 ||
        strlen(r->scene_filter) + strlen(esc) + strlen(tail) + 2 > 3 * FILTER_MAX) {
        free(esc);
        free(out);
        return NULL;
    }
    snprintf(out, 3 * FILTER_MAX, "%s:%s%s", r->scene_filter, esc, tail);
    free(esc);
    return out;
}

static int run_scene(const Run *r, const char *pre_input[], const char *extra, const char *tail,
                     const char *out_raw)
{
    MtArgList a;
    char *graph = scene_graph(r, extra, tail);
    if (!graph)
        return -1;
    mt_arg_list_init(&a);
    ffmpeg_head(r, &a);
    for (int i = 0; pre_input && pre_input[i]; i++)
        mt_arg_list_push(&a, pre_input[i]);
    ffmpeg_tail(r, &a, "0:v:0", "-filter:v", graph, out_raw);
    free(graph);
    int ret = run_child(&a, NULL);
    mt_arg_list_free(&a);
    return ret;
}

static int full_decode(Run *r, const char *why)
{
    say(r, "full decode: %s", why);
    r->decoded_pass2 = r->frames;
    if (r->plan_only) {
        error_line("full decode: %s", why);
        return 0;
    }
    return run_scene(r, NULL, MT_OPT_FAST "=1:" MT_OPT_FRAME_METADATA "=0", "", NULL);
}

static char *slurp(const char *path)
{
    char *data;
    size_t len;
    MtSidecarError e;
    if (mt_sidecar_slurp(path, (size_t)1 << 30, &data, &len, &e) < 0)
        return NULL;
    char *s = realloc(data, len + 1);
    if (!s) {
        free(data);
        return NULL;
    }
    s[len] = '\0';
    return s;
}

static int scan_packets(const Run *r, MtFastFrames *f, char *err, size_t err_size)
{
    char out[PATH_MAX + 32];
    MtArgList a;
    snprintf(out, sizeof(out), "%s/packets.txt", r->tmp);
    mt_arg_list_init(&a);
    mt_arg_list_push(&a, r->ffprobe);
    mt_arg_list_push(&a, "-v");
    mt_arg_list_push(&a, "error");
    mt_arg_list_push(&a, "-select_streams");
    mt_arg_list_push(&a, "v:0");
    mt_arg_list_push(&a, "-show_entries");
    mt_arg_list_push(&a, "packet=pts,duration,flags:format=start_time");
    mt_arg_list_push(&a, "-of");
    mt_arg_list_push(&a, "compact");
    mt_arg_list_pushf(&a, "file:%s", r->input);
    int ret = run_child(&a, out);
    mt_arg_list_free(&a);
    char *text = ret < 0 ? NULL : slurp(out);
    if (!text) {
        snprintf(err, err_size, "ffprobe could not list the packets");
        return -1;
    }
    ret = mt_fast_frames_parse(text, f, err, err_size);
    free(text);
    return ret;
}

/* Pass 1: the key frames' numbers and their change from the key frame
 * before (features 4 and 5: hist_diff, struct_diff; and the shift-tolerant
 * change of their thumbnails, driver/fast_thumb.h). */
static int key_pass(Run *r, const MtFastFrames *f, MtFastSample **samples, size_t *n,
                    MtSidecar **keys, char *err, size_t err_size)
{
    char side[PATH_MAX + 32], meta[PATH_MAX + 32], thumbs[PATH_MAX + 32];
    char extra[3 * PATH_MAX], tail[3 * PATH_MAX];
    snprintf(side, sizeof(side), "%s/keys.msgpack", r->tmp);
    snprintf(meta, sizeof(meta), "%s/keys.txt", r->tmp);
    snprintf(thumbs, sizeof(thumbs), "%s/thumbs.gray", r->tmp);
    extra[0] = tail[0] = '\0';
    /* no detection on key frames: only the features and one scene's means */
    if (mt_filter_append_option(extra, sizeof(extra), MT_OPT_SIDECAR, side) < 0 ||
        mt_filter_append_option(extra, sizeof(extra), MT_OPT_KEYFRAMES_ONLY, "1") < 0 ||
        mt_filter_append_option(extra, sizeof(extra), "keep_features", "1") < 0 ||
        mt_filter_append_option(extra, sizeof(extra), "threshold", "1") < 0 ||
        mt_filter_append_option(extra, sizeof(extra), "gradual_threshold", "0") < 0 ||
        mt_filter_append_option(tail, sizeof(tail), "mode", "print") < 0 ||
        mt_filter_append_option(tail, sizeof(tail), "key", "lavfi.montagescene.score") < 0 ||
        mt_filter_append_option(tail, sizeof(tail), "file", meta) < 0)
        return -1;
    char tail_esc[6 * PATH_MAX], graph_tail[6 * PATH_MAX + 64];
    if (mt_filter_escape_graph(tail, tail_esc, sizeof(tail_esc)) < 0)
        return -1;
    snprintf(graph_tail, sizeof(graph_tail), ",metadata=%s,scale=%d:%d:flags=area,format=gray",
             tail_esc, MT_FAST_THUMB_W, MT_FAST_THUMB_H);
    const char *pre[] = { "-copyts", "-skip_frame", "nokey", NULL };
    if (run_scene(r, pre, extra, graph_tail, thumbs) < 0) {
        snprintf(err, err_size, "the key frame pass failed");
        return -1;
    }
    MtSidecarError e;
    char *text = slurp(meta);
    int64_t *pts = NULL;
    long np = text ? mt_fast_printed_pts(text, &pts) : -1;
    free(text);
    char *thumb_raw = NULL; /* MT_FAST_THUMB_SIZE grey bytes per key frame */
    size_t thumb_len = 0;
    if (np < 0 || mt_sidecar_read_file(side, keys, &e) < 0 ||
        mt_sidecar_slurp(thumbs, (size_t)1 << 30, &thumb_raw, &thumb_len, &e) < 0 ||
        thumb_len != (size_t)np * MT_FAST_THUMB_SIZE) {
        free(pts);
        free(thumb_raw);
        snprintf(err, err_size, "the key frame pass left no usable output");
        return -1;
    }
    const uint8_t *thumb = (const uint8_t *)thumb_raw;
    const MtF32Matrix *m = &(*keys)->scene.frame_features;
    if ((size_t)np != m->rows || m->cols < 6 || !(*samples = calloc((size_t)np + 1, sizeof(**samples)))) {
        free(pts);
        free(thumb_raw);
        snprintf(err, err_size, "key frames and their features do not match");
        return -1;
    }
    for (long i = 0; i < np; i++) {
        MtFastSample *s = &(*samples)[i];
        s->frame = mt_fast_frame_of_pts(f, pts[i]);
        s->hist_diff = m->data[i * m->cols + 4];
        s->struct_diff = m->data[i * m->cols + 5];
        s->contrast = m->data[i * m->cols + 1];
        s->shift_change = i ? mt_fast_thumb_change(thumb + (size_t)(i - 1) * MT_FAST_THUMB_SIZE,
                                                   thumb + (size_t)i * MT_FAST_THUMB_SIZE) : 0.f;
        if (r->verbose > 1)
            say(r, "key frame %" PRId64 ": hist %.4f struct %.4f shift %.4f contrast %.4f",
                s->frame, (double)s->hist_diff, (double)s->struct_diff, (double)s->shift_change,
                (double)s->contrast);
        if (s->frame < 0 || (i && s->frame <= (*samples)[i - 1].frame)) {
            free(pts);
            free(thumb_raw);
            snprintf(err, err_size, "a key frame is not in the frame table");
            return -1;
        }
    }
    free(pts);
    free(thumb_raw);
    *n = (size_t)np;
    r->decoded_pass1 = np;
    return 0;
}

static double seconds_of(const MtSidecar *keys, const MtFastFrames *f, int64_t frame)
{
    const MtVideoStream *vs = &keys->scene.stream;
    return (double)f->pts[frame] * vs->time_base_num / vs->time_base_den -
           (double)f->start_time_us / 1e6;
}

/* Pass 2: one window, pts kept as in the file so they name frames. */
static int window_pass(const Run *r, const MtFastFrames *f, const MtSidecar *keys,
                       const MtFastWindow *w, size_t i, MtSidecar **out)
{
    char side[PATH_MAX + 32], extra[3 * PATH_MAX], ss[64], t[64];
    snprintf(side, sizeof(side), "%s/w%zu.msgpack", r->tmp, i);
    extra[0] = '\0';
    if (mt_filter_append_option(extra, sizeof(extra), MT_OPT_SIDECAR, side) < 0 ||
        mt_filter_append_option(extra, sizeof(extra), MT_OPT_FAST, "1") < 0 ||
        mt_filter_append_option(extra, sizeof(extra), MT_OPT_FRAME_METADATA, "0") < 0 ||
        mt_filter_append_option(extra, sizeof(extra), "keep_features", "0") < 0)
        return -1;
    /* A microsecond early, so that printing in microseconds never puts the
     * seek point after the key frame (its frame would be dropped), while
     * the demuxer, rounding to the stream's ticks, still finds that key
     * frame; half a frame early, as before, made it seek to the key frame
     * before and decode the whole GOP in between for nothing (0.87 s
     * against 0.67 s of CPU for a 570-frame window at keyint 250). The
     * length ends half a frame before the window's end. */
    int64_t n = (int64_t)f->n;
    double t0 = seconds_of(keys, f, w->start);
    double half = n > 1 ? 0.5 * (seconds_of(keys, f, w->start ? w->start : 1) -
                                 seconds_of(keys, f, w->start ? w->start - 1 : 0)) : 0;
    snprintf(ss, sizeof(ss), "%.6f", t0 - 1e-6);
    const char *pre[6] = { "-copyts", "-ss", ss, NULL, NULL, NULL };
    if (w->end < n) {
        snprintf(t, sizeof(t), "%.6f", seconds_of(keys, f, w->end) - half - (t0 - 1e-6));
        pre[3] = "-t";
        pre[4] = t;
    }
    if (run_scene(r, pre, extra, "", NULL) < 0)
        return -1;
    MtSidecarError e;
    if (mt_sidecar_read_file(side, out, &e) < 0)
        return -1;
    /* exactly the window's frames, or its frame numbers mean nothing */
    if ((*out)->scene.stream.frames != w->end - w->start) {
        say(r, "window %" PRId64 "..%" PRId64 " decoded %" PRId64 " frames", w->start, w->end,
            (int64_t)(*out)->scene.stream.frames);
        mt_sidecar_free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

static int fast_scene(Run *r)
{
    char err[512];
    MtFastFrames f;
    MtFastSample *samples = NULL;
    size_t n_samples = 0;
    MtSidecar *keys = NULL;
    MtFastPlan plan = { 0 };
    MtSidecar **win = NULL;
    int ret;

    if (scan_packets(r, &f, err, sizeof(err)) < 0)
        return full_decode(r, err);
    r->frames = (int64_t)f.n;
    if (mt_fast_needs_full(&f)) {
        snprintf(err, sizeof(err), "%zu key frames in %zu frames", f.n_key, f.n);
        ret = full_decode(r, err);
        goto end;
    }
    if (key_pass(r, &f, &samples, &n_samples, &keys, err, sizeof(err)) < 0 ||
        mt_fast_plan(&f, samples, n_samples, r->pre, r->post, &plan) < 0) {
        ret = full_decode(r, err);
        goto end;
    }
    say(r, "%zu frames, %zu key frames decoded, %zu windows, %" PRId64 " frames in them",
        f.n, n_samples, plan.n_win, plan.decoded);
    for (size_t i = 1; r->verbose > 1 && i < n_samples; i++) {
        int why = mt_fast_pair_flagged(&samples[i - 1], &samples[i]);
        if (why)
            say(r, "pair %" PRId64 "..%" PRId64 " flagged:%s%s%s", samples[i - 1].frame,
                samples[i].frame, why & MT_FAST_FLAG_COLOUR ? " colour" : "",
                why & MT_FAST_FLAG_STRUCTURE ? " structure" : "",
                why & MT_FAST_FLAG_CONTRAST ? " contrast" : "");
    }
    for (size_t i = 0; r->verbose > 1 && i < plan.n_win; i++)
        say(r, "window %" PRId64 "..%" PRId64 " (with history from %" PRId64 ")", plan.win[i].start,
            plan.win[i].end, plan.win[i].warm_start);
    if (r->plan_only) {
        fprintf(stderr, "montage-fast-scene: %zu frames, %zu key frames, %zu windows, %" PRId64
                " frames in them\n", f.n, n_samples, plan.n_win, plan.decoded);
        ret = 0;
        goto end;
    }
    if ((double)plan.decoded > r->max_cover * (double)f.n) {
        snprintf(err, sizeof(err), "the windows cover %" PRId64 " of %zu frames", plan.decoded, f.n);
        ret = full_decode(r, err);
        goto end;
    }
    if (r->always_history)
        for (size_t i = 0; i < plan.n_win; i++) {
            plan.decoded += plan.win[i].start - plan.win[i].warm_start;
            mt_fast_window_warm(&plan.win[i], r->pre);
        }
    /* room for a window with history per window (mt_fast_plan_head) */
    size_t planned = plan.n_win;
    r->window_files = 2 * planned;
    if (!(win = calloc(2 * planned, sizeof(*win)))) {
        ret = -1;
        goto end;
    }
    for (size_t i = 0; i < planned; i++) {
        MtFastWindow *w = &plan.win[i];
        int failed = window_pass(r, &f, keys, w, i, &win[i]) < 0;
        if (!failed && !mt_fast_cold_start_holds(w, &win[i]->scene, r->pre)) {
            say(r, "window %" PRId64 "..%" PRId64 ": its first %d frames again from %" PRId64,
                w->start, w->end, r->pre, w->warm_start);
            long j = mt_fast_plan_head(&plan, i, r->pre, r->post);
            if (j < 0) {
                ret = -1;
                goto end;
            }
            r->warmed++;
            mt_sidecar_free(win[j]);
            win[j] = NULL;
            failed = window_pass(r, &f, keys, &plan.win[j], (size_t)j, &win[j]) < 0;
        }
        if (failed) {
            ret = full_decode(r, "a window failed");
            goto end;
        }
    }
    r->windows = plan.n_win;
    r->decoded_pass2 = plan.decoded;
    ret = mt_fast_merge(&f, &plan, win, keys, r->sidecar, err, sizeof(err));
    if (ret < 0)
        ret = full_decode(r, err);
end:
    for (size_t i = 0; win && i < plan.n_win; i++)
        mt_sidecar_free(win[i]);
    free(win);
    mt_fast_plan_free(&plan);
    mt_sidecar_free(keys);
    free(samples);
    mt_fast_frames_free(&f);
    return ret;
}

static int beat(const Run *r)
{
    MtArgList a;
    mt_arg_list_init(&a);
    ffmpeg_head(r, &a);
    ffmpeg_tail(r, &a, "0:a:0", "-filter:a", r->beat_filter, NULL);
    int ret = run_child(&a, NULL);
    mt_arg_list_free(&a);
    return ret;
}

static void remove_tmp(const char *dir, size_t window_files)
{
    static const char *fixed[] = { "packets.txt", "keys.msgpack", "keys.txt", "thumbs.gray" };
    char p[PATH_MAX + 32];
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        snprintf(p, sizeof(p), "%s/%s", dir, fixed[i]);
        unlink(p);
    }
    for (size_t i = 0; i < window_files; i++) {
        snprintf(p, sizeof(p), "%s/w%zu.msgpack", dir, i);
        unlink(p);
    }
    rmdir(dir);
}

static void usage(FILE *out)
{
    fputs("usage: montage-fast-scene --ffmpeg PATH --ffprobe PATH [--threads N] [-v]\n"
          "           [--max-cover F] [--pre N] [--post N] [--always-history] [--plan-only]\n"
          "           [--scene-filter GRAPH --sidecar PATH]\n"
          "           [--beat-filter GRAPH] FILE\n"
          "The shot analysis of FILE without decoding every frame; GRAPH is the\n"
          "filter as montage-analyze builds it (\"montagescene=sidecar=...\").\n"
          "--max-cover F: one full decode when the windows would cover more than\n"
          "this share of the frames (default 0.75; 1: only when they cover all).\n"
          "--pre N, --post N: frames decoded before and after a pair of key frames\n"
          "that differ (defaults 64 and 72; for measuring the margins).\n"
          "--always-history: decode every window from N frames before its pair,\n"
          "not only those whose first frames hold a transition (for measuring).\n"
          "--plan-only: print how many frames the windows hold, write nothing.\n", out);
}

int main(int argc, char **argv)
{
    Run r = { .threads = 1, .max_cover = MT_FAST_MAX_COVER, .pre = MT_FAST_PRE_FRAMES,
              .post = MT_FAST_POST_FRAMES };
    static const struct option longopts[] = {
        { "ffmpeg", required_argument, NULL, 'f' },
        { "ffprobe", required_argument, NULL, 'p' },
        { "threads", required_argument, NULL, 't' },
        { "scene-filter", required_argument, NULL, 's' },
        { "beat-filter", required_argument, NULL, 'b' },
        { "sidecar", required_argument, NULL, 'o' },
        { "max-cover", required_argument, NULL, 'm' },
        { "pre", required_argument, NULL, 'P' },
        { "plan-only", no_argument, NULL, 'n' },
        { "always-history", no_argument, NULL, 'H' },
        { "post", required_argument, NULL, 'A' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': r.ffmpeg = optarg; break;
        case 'p': r.ffprobe = optarg; break;
        case 't': r.threads = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
        case 's': r.scene_filter = optarg; break;
        case 'b': r.beat_filter = optarg; break;
        case 'o': r.sidecar = optarg; break;
        case 'm': r.max_cover = atof(optarg); break;
        case 'n': r.plan_only = 1; break;
        case 'H': r.always_history = 1; break;
        case 'P': r.pre = atoi(optarg) > 0 ? atoi(optarg) : 0; break;
        case 'A': r.post = atoi(optarg) > 0 ? atoi(optarg) : 0; break;
        case 'v': r.verbose++; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc - 1 || !r.ffmpeg || !r.ffprobe || !!r.scene_filter != !!r.sidecar ||
        (!r.scene_filter && !r.beat_filter)) {
        usage(stderr);
        return 2;
    }
    r.input = argv[optind];
    if (r.beat_filter && beat(&r) < 0) {
        fputs("montage-fast-scene: ", stderr);
        mt_export_line_field(stderr, r.input); /* one line, whatever the name holds */
        fputs(": the audio analysis failed\n", stderr);
        return 1;
    }
    if (!r.scene_filter)
        return 0;
    /* named with our pid: montage-analyze removes it if it has to kill us */
    errno = ENAMETOOLONG;
    if (mt_fast_tmp_template(r.tmp, sizeof(r.tmp), getpid()) < 0 || !mkdtemp(r.tmp)) {
        fprintf(stderr, "montage-fast-scene: cannot create a temporary directory: %s\n", strerror(errno));
        return 1;
    }
    int ret = fast_scene(&r);
    remove_tmp(r.tmp, r.window_files);
    if (ret < 0) {
        fputs("montage-fast-scene: ", stderr);
        mt_export_line_field(stderr, r.input); /* one line, whatever the name holds */
        fputs(": the video analysis failed\n", stderr);
        return 1;
    }
    say(&r, "decoded %" PRId64 " key frames and %" PRId64 " of %" PRId64 " frames in %zu windows"
        " (%zu started again with history)", r.decoded_pass1, r.decoded_pass2, r.frames, r.windows, r.warmed);
    return 0;
}
