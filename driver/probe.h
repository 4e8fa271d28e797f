/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Media probing with ffprobe: which streams a file has and how long it
 * is. The media type comes from the content, never from the file name.
 * A still image (image2 or *_pipe demuxer, e.g. a JPEG or PNG) has no
 * motion to cut and no sound: it is reported as not analysable. Cover art
 * (attached_pic) in an audio file is not a video stream.
 */
#ifndef MONTAGE_DRIVER_PROBE_H
#define MONTAGE_DRIVER_PROBE_H

#include <stddef.h>

#include "driver/arg_list.h"

typedef struct MtProbeResult {
    int    has_video;   /* a motion video stream (not cover art, not a still) */
    int    has_audio;
    int    still_image; /* the only video is a still image */
    double duration_s;  /* 0 when unknown */
    /* the first (analysed) video and audio streams' own durations, else the
     * container's; 0 when unknown */
    double video_duration_s, audio_duration_s;
    char   format_name[64];
} MtProbeResult;

/* ffprobe arguments printing the fields parse reads (-of flat). */
void mt_probe_build_args(MtArgList *args, const char *ffprobe, const char *path);

/* Parses ffprobe's "-of flat" output. Returns 0 (even with no streams). */
int mt_probe_parse(const char *text, MtProbeResult *result);

/* The content digest is computed in the probe child, before ffprobe is
 * exec'ed (MtChildPreExec with the media path as opaque), so hashing a
 * large file never stalls the batch loop: it writes one line,
 * "montage_digest=<digest>" or "montage_digest_error=<cause>", to stdout
 * ahead of ffprobe's output. */
void mt_probe_hash_before_exec(void *media_path);

/* Takes the digest line from the probe child's output into digest.
 * Returns 0, or -1 with the cause in err. */
int mt_probe_take_digest(const char *output, char *digest, size_t digest_size,
                         char *err, size_t err_size);

/* Why a probed file is not analysable, or NULL when it is. */
const char *mt_probe_rejection(const MtProbeResult *result);

#endif /* MONTAGE_DRIVER_PROBE_H */
