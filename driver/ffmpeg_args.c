/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The analysis command line; see ffmpeg_args.h. */
#include "driver/ffmpeg_args.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/filter_options.h"
#include "driver/filter_escape.h"

#define OPTIONS_MAX 32768 /* 7 values, paths up to PATH_MAX, quoting growth */

int mt_ffmpeg_filter_string(const char *filter_name, const char *sidecar,
                            const MtSourceIdentity *source,
                            char *out, size_t out_size)
{
    char *opts = calloc(1, OPTIONS_MAX);
    char number[32];
    int ret = -1;
    if (!opts)
        return -1;
    if (mt_filter_append_option(opts, OPTIONS_MAX, MT_OPT_SIDECAR, sidecar) < 0)
        goto end;
    if (source) {
        if (source->path &&
            mt_filter_append_option(opts, OPTIONS_MAX, MT_OPT_SOURCE_PATH, source->path) < 0)
            goto end;
        struct { const char *key; int64_t v; } nums[] = {
            { MT_OPT_SOURCE_SIZE,     source->size },
            { MT_OPT_SOURCE_MTIME_NS, source->mtime_ns },
            { MT_OPT_SOURCE_CTIME_NS, source->ctime_ns },
            { MT_OPT_SOURCE_INODE,    source->inode },
        };
        for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
            if (nums[i].v < 0)
                continue; /* unknown: leave the filter's default */
            snprintf(number, sizeof(number), "%" PRId64, nums[i].v);
            if (mt_filter_append_option(opts, OPTIONS_MAX, nums[i].key, number) < 0)
                goto end;
        }
        if (source->digest && source->digest[0] &&
            mt_filter_append_option(opts, OPTIONS_MAX, MT_OPT_SOURCE_DIGEST, source->digest) < 0)
            goto end;
        if (source->duration_s > 0) {
            snprintf(number, sizeof(number), "%.6f", source->duration_s);
            if (mt_filter_append_option(opts, OPTIONS_MAX, MT_OPT_SOURCE_DURATION, number) < 0)
                goto end;
        }
    }
    size_t name_len = strlen(filter_name);
    if (name_len + 2 > out_size)
        goto end;
    memcpy(out, filter_name, name_len);
    out[name_len] = '=';
    if (mt_filter_escape_graph(opts, out + name_len + 1, out_size - name_len - 1) < 0)
        goto end;
    ret = 0;
end:
    free(opts);
    return ret;
}

/* The filter's option string for one stream (the stream's own duration in
 * the recorded source), plus extra options already escaped ("key=value") or
 * NULL. Returns a malloc'd string, or NULL on failure. */
static char *filter_graph(const char *filter_name, const char *sidecar,
                          const MtSourceIdentity *source, double duration_s, const char *extra)
{
    char *graph = malloc(2 * OPTIONS_MAX);
    MtSourceIdentity stream_source;
    if (source) {
        stream_source = *source;
        stream_source.duration_s = duration_s;
        source = &stream_source;
    }
    if (!graph || mt_ffmpeg_filter_string(filter_name, sidecar, source,
                                          graph, 2 * OPTIONS_MAX) < 0 ||
        (extra && strlen(graph) + strlen(extra) + 2 > 2 * OPTIONS_MAX)) {
        free(graph);
        return NULL;
    }
    if (extra) {
        strcat(graph, ":");
        strcat(graph, extra);
    }
    return graph;
}

static void push_filter(MtArgList *args, const char *map, const char *flag,
                        const char *filter_name, const char *sidecar,
                        const MtSourceIdentity *source, double duration_s, const char *extra)
{
    char *graph = filter_graph(filter_name, sidecar, source, duration_s, extra);
    if (!graph) {
        args->failed = 1;
        return;
    }
    mt_arg_list_push(args, "-map");
    mt_arg_list_push(args, map);
    mt_arg_list_push(args, flag);
    mt_arg_list_push(args, graph);
    free(graph);
}

void mt_ffmpeg_build_args(const MtAnalysisCommand *cmd, MtArgList *args)
{
    mt_arg_list_push(args, cmd->ffmpeg);
    mt_arg_list_push(args, "-nostdin");
    mt_arg_list_push(args, "-hide_banner");
    mt_arg_list_push(args, "-nostats");
    mt_arg_list_push(args, "-loglevel");
    mt_arg_list_push(args, "error");
    if (cmd->progress_fd >= 0) {
        mt_arg_list_push(args, "-progress");
        mt_arg_list_pushf(args, "pipe:%d", cmd->progress_fd);
    }
    /* global: the filters themselves run in one thread per graph */
    mt_arg_list_push(args, "-filter_threads");
    mt_arg_list_push(args, "1");
    /* input options: decoder threads, key frames only */
    mt_arg_list_push(args, "-threads");
    mt_arg_list_pushf(args, "%d", cmd->decoder_threads > 0 ? cmd->decoder_threads : 1);
    if (cmd->keyframes_only) {
        mt_arg_list_push(args, "-skip_frame");
        mt_arg_list_push(args, "nokey");
    }
    /* A mid-stream size or format change would otherwise rebuild the
     * graph, and the new filter instances would overwrite the sidecars
     * with the tail of the stream only; the filters handle such changes. */
    mt_arg_list_push(args, "-reinit_filter");
    mt_arg_list_push(args, "0");
    mt_arg_list_push(args, "-i");
    mt_arg_list_pushf(args, "file:%s", cmd->input_path);
    /* keyframes_only is recorded in the sidecar's config, so a fast-mode
     * entry never passes for a full analysis (and the other way round);
     * frame_metadata=0: only the sidecar is read, so no frame is held back */
    if (cmd->scene_sidecar)
        push_filter(args, "0:v:0", "-filter:v", "montagescene", cmd->scene_sidecar, cmd->source,
                    cmd->scene_duration_s,
                    cmd->keyframes_only ? MT_OPT_KEYFRAMES_ONLY "=1:" MT_OPT_FRAME_METADATA "=0"
                                        : MT_OPT_FRAME_METADATA "=0");
    if (cmd->beat_sidecar)
        push_filter(args, "0:a:0", "-filter:a", "montagebeat", cmd->beat_sidecar, cmd->source,
                    cmd->beat_duration_s, NULL);
    mt_arg_list_push(args, "-f");
    mt_arg_list_push(args, "null");
    mt_arg_list_push(args, "-");
}

/* OPT followed by the filter string of push_filter(), without -map/-filter */
static void push_graph(MtArgList *args, const char *opt, const char *filter_name,
                       const char *sidecar, const MtSourceIdentity *source, double duration_s)
{
    char *graph = filter_graph(filter_name, sidecar, source, duration_s, NULL);
    if (!graph) {
        args->failed = 1;
        return;
    }
    mt_arg_list_push(args, opt);
    mt_arg_list_push(args, graph);
    free(graph);
}

void mt_ffmpeg_build_fast_args(const MtAnalysisCommand *cmd, const char *fast_scene,
                               const char *ffprobe, MtArgList *args)
{
    mt_arg_list_push(args, fast_scene);
    mt_arg_list_push(args, "--ffmpeg");
    mt_arg_list_push(args, cmd->ffmpeg);
    mt_arg_list_push(args, "--ffprobe");
    mt_arg_list_push(args, ffprobe);
    mt_arg_list_push(args, "--threads");
    mt_arg_list_pushf(args, "%d", cmd->decoder_threads > 0 ? cmd->decoder_threads : 1);
    if (cmd->scene_sidecar) {
        push_graph(args, "--scene-filter", "montagescene", cmd->scene_sidecar, cmd->source,
                   cmd->scene_duration_s);
        mt_arg_list_push(args, "--sidecar");
        mt_arg_list_push(args, cmd->scene_sidecar);
    }
    if (cmd->beat_sidecar)
        push_graph(args, "--beat-filter", "montagebeat", cmd->beat_sidecar, cmd->source,
                   cmd->beat_duration_s);
    mt_arg_list_push(args, "--");
    mt_arg_list_push(args, cmd->input_path);
}
