/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Names of the filter options that say where a sidecar goes and what it
 * describes, declared once: the filters' AVOption rows (montage_glue.h,
 * vf_montagescene.c) and the command lines the driver builds
 * (driver/ffmpeg_args.c, montage-fast-scene) use these. The analysis
 * options are the kernels' own (analysis/scene/scene_options.h,
 * analysis/beat/beat_options.h). tests/integration/test_filter_docs.sh
 * checks the filter pages against `ffmpeg -h filter=...`.
 */
#ifndef MONTAGE_CACHE_FILTER_OPTIONS_H
#define MONTAGE_CACHE_FILTER_OPTIONS_H

/* both filters */
#define MT_OPT_SIDECAR         "sidecar"         /* sidecar path */
#define MT_OPT_SOURCE          "source"          /* the analysed file, stat()ed by the filter */
#define MT_OPT_SOURCE_PATH     "source_path"     /* its identity, piece by piece: */
#define MT_OPT_SOURCE_SIZE     "source_size"
#define MT_OPT_SOURCE_MTIME_NS "source_mtime_ns"
#define MT_OPT_SOURCE_CTIME_NS "source_ctime_ns"
#define MT_OPT_SOURCE_INODE    "source_inode"
#define MT_OPT_SOURCE_DIGEST   "source_digest"
#define MT_OPT_SOURCE_DURATION "source_duration" /* seconds, 0 = unknown */

/* montagescene: how the input was decoded, recorded in the sidecar's config */
#define MT_OPT_KEYFRAMES_ONLY  "keyframes_only"
#define MT_OPT_FAST            "fast"
/* montagescene: frames carry lavfi.montagescene.* (0 for sidecar-only runs);
 * never recorded, the sidecar is the same either way */
#define MT_OPT_FRAME_METADATA  "frame_metadata"

#endif /* MONTAGE_CACHE_FILTER_OPTIONS_H */
