/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A stand-in for the project's ffmpeg, for the driver's tests and bench
 * when no FFmpeg build with the Montage filters is at hand. It accepts the
 * command line montage-analyze builds (driver/ffmpeg_args.h), decodes the
 * input with a real ffmpeg ($FAKE_REAL_FFMPEG, default /usr/bin/ffmpeg)
 * with the same -progress, -threads and -skip_frame, and then writes
 * minimal but valid sidecars with the source identity it was given, as
 * the filters do. The filter strings are unescaped the way FFmpeg's
 * av_get_token() does (graph level, then option level), so the driver's
 * quoting is exercised for real.
 * $FAKE_FFMPEG_TMP=1: creates a sidecar temporary file at start, as a
 * filter killed while writing would leave.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/atomic_file.h"
#include "cache/sidecar_write.h"

/* Like av_get_token(): one token up to an unquoted, unescaped char of
 * term; '\' escapes, '...' quotes; outer whitespace trimmed. */
static char *get_token(const char **buf, const char *term)
{
    const char *p = *buf;
    char *out = malloc(strlen(p) + 1), *o = out, *end = out;
    p += strspn(p, " \n\t\r");
    while (*p && !strchr(term, *p)) {
        if (*p == '\\' && p[1]) {
            *o++ = p[1];
            p += 2;
            end = o;
        } else if (*p == '\'') {
            p++;
            while (*p && *p != '\'')
                *o++ = *p++;
            if (*p)
                p++;
            end = o;
        } else {
            *o++ = *p++;
        }
    }
    while (o > end && strchr(" \n\t\r", o[-1]))
        o--;
    *o = '\0';
    *buf = p;
    return out;
}

typedef struct FilterOpts {
    char *name, *sidecar, *path, *digest;
    long long size, mtime_ns, ctime_ns, inode;
    double duration_s;
} FilterOpts;

static int parse_filter(const char *graph, FilterOpts *f)
{
    const char *p = graph;
    memset(f, 0, sizeof(*f));
    f->size = f->mtime_ns = f->ctime_ns = f->inode = -1;
    f->name = get_token(&p, "=,;[");
    if (*p != '=')
        return -1;
    p++;
    char *opts = get_token(&p, "[],;");
    if (*p) {
        fprintf(stderr, "fake ffmpeg: trailing graph text '%s'\n", p);
        free(opts);
        return -1;
    }
    const char *q = opts;
    while (*q) {
        char *key = get_token(&q, "=:");
        if (*q != '=') {
            fprintf(stderr, "fake ffmpeg: option without value '%s'\n", key);
            free(key);
            free(opts);
            return -1;
        }
        q++;
        char *value = get_token(&q, ":");
        if (*q == ':')
            q++;
        if (!strcmp(key, "sidecar")) f->sidecar = value, value = NULL;
        else if (!strcmp(key, "source_path")) f->path = value, value = NULL;
        else if (!strcmp(key, "source_digest")) f->digest = value, value = NULL;
        else if (!strcmp(key, "source_size")) f->size = atoll(value);
        else if (!strcmp(key, "source_mtime_ns")) f->mtime_ns = atoll(value);
        else if (!strcmp(key, "source_ctime_ns")) f->ctime_ns = atoll(value);
        else if (!strcmp(key, "source_inode")) f->inode = atoll(value);
        else if (!strcmp(key, "source_duration")) f->duration_s = atof(value);
        else {
            fprintf(stderr, "fake ffmpeg: Option '%s' not found\n", key);
            free(key); free(value); free(opts);
            return -1;
        }
        free(key);
        free(value);
    }
    free(opts);
    return f->sidecar ? 0 : -1;
}

static int write_sidecar(const FilterOpts *f, MtSidecarKind kind)
{
    MtSidecar sc;
    char err[512];
    memset(&sc, 0, sizeof(sc));
    sc.kind = kind;
    sc.generator.name = kind == MT_KIND_SCENE ? "montagescene" : "montagebeat";
    sc.generator.version = MONTAGE_VERSION;
    sc.generator.analyser_version = kind == MT_KIND_SCENE ? MT_SCENE_ANALYSER_VERSION
                                                          : MT_BEAT_ANALYSER_VERSION;
    sc.generator.ffmpeg_version = "fake";
    sc.generator.libavfilter_version = "0.0.0";
    sc.source.path = f->path;
    sc.source.size = f->size;
    sc.source.mtime_ns = f->mtime_ns;
    sc.source.ctime_ns = f->ctime_ns;
    sc.source.inode = f->inode;
    sc.source.digest = f->digest;
    sc.source.duration_s = f->duration_s;
    sc.status.complete = 1;
    if (kind == MT_KIND_SCENE) {
        sc.scene.stream.pix_fmt = "yuv420p";
        sc.scene.stream.time_base_num = 1;
        sc.scene.stream.time_base_den = 25;
        sc.scene.hist_bins = 16;
        sc.scene.stream.duration_s = f->duration_s; /* as if all was decoded */
    } else {
        sc.beat.stream.channel_layout = "stereo";
        sc.beat.stream.sample_fmt = "fltp";
        sc.beat.stream.duration_s = f->duration_s;
    }
    if (mt_sidecar_write_file(f->sidecar, &sc, err, sizeof(err)) < 0) {
        fprintf(stderr, "fake ffmpeg: %s\n", err);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *real = getenv("FAKE_REAL_FFMPEG");
    char *args[64];
    int n = 0, have_v = 0, have_a = 0;
    FilterOpts fv, fa;
    if (!real)
        real = "/usr/bin/ffmpeg";
    args[n++] = (char *)real;
    for (int i = 1; i < argc && n < 56; i++) {
        if (!strcmp(argv[i], "-filter:v") && i + 1 < argc) {
            if (parse_filter(argv[++i], &fv) < 0 || strcmp(fv.name, "montagescene"))
                return 1;
            have_v = 1;
        } else if (!strcmp(argv[i], "-filter:a") && i + 1 < argc) {
            if (parse_filter(argv[++i], &fa) < 0 || strcmp(fa.name, "montagebeat"))
                return 1;
            have_a = 1;
        } else {
            args[n++] = argv[i]; /* everything else goes to the real ffmpeg */
        }
    }
    args[n] = NULL;
    if (getenv("FAKE_FFMPEG_TMP") && (have_v || have_a)) {
        const char *target = have_v ? fv.sidecar : fa.sidecar;
        char tmp[8192];
        const char *slash = strrchr(target, '/');
        snprintf(tmp, sizeof(tmp), "%.*s/" MT_ATOMIC_TMP_PREFIX "%ld.0" MT_ATOMIC_TMP_SUFFIX,
                 slash ? (int)(slash - target) : 1, slash ? target : ".", (long)getpid());
        FILE *fp = fopen(tmp, "w");
        if (fp)
            fclose(fp);
    }
    pid_t pid = fork();
    if (pid == 0) {
        execv(real, args);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(st) || WEXITSTATUS(st))
        return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
    if ((have_v && write_sidecar(&fv, MT_KIND_SCENE) < 0) ||
        (have_a && write_sidecar(&fa, MT_KIND_BEAT) < 0))
        return 1;
    return 0;
}
