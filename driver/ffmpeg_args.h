/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The ffmpeg command line that analyses one file in a single decode:
 *   ffmpeg -nostdin -hide_banner -nostats -loglevel error -progress pipe:3
 *          -threads T [-skip_frame nokey] -i file:PATH -filter_threads 1
 *          -map 0:v:0 -filter:v montagescene=OPTS
 *          -map 0:a:0 -filter:a montagebeat=OPTS  -f null -
 * OPTS = sidecar, source_path, source_size, source_mtime_ns,
 * source_ctime_ns, source_inode, source_digest, source_duration, quoted for the option
 * parser and escaped for the graph parser (filter_escape.h).
 */
#ifndef MONTAGE_DRIVER_FFMPEG_ARGS_H
#define MONTAGE_DRIVER_FFMPEG_ARGS_H

#include "cache/sidecar_model.h"
#include "driver/arg_list.h"

typedef struct MtAnalysisCommand {
    const char *ffmpeg;
    const char *input_path;    /* opened as file:PATH */
    const char *scene_sidecar; /* NULL: no video stream to analyse */
    const char *beat_sidecar;  /* NULL: no audio stream */
    const MtSourceIdentity *source;
    /* probed durations of the analysed streams, recorded in the sidecars
     * (source_duration) so that a check can tell a partial analysis;
     * 0: unknown */
    double      scene_duration_s, beat_duration_s;
    int         decoder_threads; /* >= 1 */
    int         keyframes_only;
    int         progress_fd;     /* -1: no -progress */
} MtAnalysisCommand;

/* Builds the filter string "NAME=OPTS" for one filter (graph-escaped).
 * Returns 0 or -1 when it does not fit in out. */
int mt_ffmpeg_filter_string(const char *filter_name, const char *sidecar,
                            const MtSourceIdentity *source,
                            char *out, size_t out_size);

/* Fills args; check args->failed afterwards. */
void mt_ffmpeg_build_args(const MtAnalysisCommand *cmd, MtArgList *args);

/* The same analysis by montage-fast-scene (--fast):
 *   montage-fast-scene --ffmpeg F --ffprobe P --threads T
 *       [--scene-filter montagescene=OPTS --sidecar S]
 *       [--beat-filter montagebeat=OPTS] PATH
 * (no progress: the passes do not cover the file in order). */
void mt_ffmpeg_build_fast_args(const MtAnalysisCommand *cmd, const char *fast_scene,
                               const char *ffprobe, MtArgList *args);

#endif /* MONTAGE_DRIVER_FFMPEG_ARGS_H */
