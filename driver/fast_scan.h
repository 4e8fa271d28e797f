/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * What montage-fast-scene learns before decoding: the frame table of the
 * video stream from a demux-only packet scan (ffprobe -show_entries
 * packet=pts,duration,flags), and the key frames pass 1 decoded, read from
 * the metadata=print output of that pass. Parsing only, no processes.
 *
 * Frame numbers are those of a full decode: the index of a frame's pts in
 * the sorted pts of all packets (presentation order).
 */
#ifndef MONTAGE_DRIVER_FAST_SCAN_H
#define MONTAGE_DRIVER_FAST_SCAN_H

#include <stddef.h>
#include <stdint.h>

typedef struct MtFastFrames {
    int64_t *pts;        /* sorted, stream time base */
    uint8_t *key;        /* 1: a packet flagged key (a seek point) */
    size_t   n;
    int64_t  last_duration; /* of the frame with the largest pts, 0 unknown */
    int64_t  start_time_us; /* the container's start time, 0 unknown */
    size_t   n_key;
} MtFastFrames;

/* Parses ffprobe -of compact output with packet|pts=..|duration=..|flags=..
 * lines and a format|start_time=.. line. Returns 0, or -1 with a cause in
 * err (no packets, a packet without pts, duplicate pts). */
int  mt_fast_frames_parse(const char *text, MtFastFrames *out, char *err, size_t err_size);
void mt_fast_frames_free(MtFastFrames *f);

/* Index of the frame with this pts, or -1. */
int64_t mt_fast_frame_of_pts(const MtFastFrames *f, int64_t pts);

/* The last seek point at or before frame i (0 when none). */
int64_t mt_fast_seek_point(const MtFastFrames *f, int64_t i);

/* The pts of the frames in a metadata=print file ("frame:N pts:P ..."
 * lines), in order. Returns the count (>= 0) and *pts (free()), or -1. */
long mt_fast_printed_pts(const char *text, int64_t **pts);

#endif /* MONTAGE_DRIVER_FAST_SCAN_H */
