/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * What the two Montage filters share in FFmpeg: the sidecar options, the
 * sidecar's identity sections, writing it with a clear error, and frame
 * metadata. Compiled into libavfilter next to vf_montagescene.c and
 * af_montagebeat.c.
 */
#ifndef MONTAGE_GLUE_H
#define MONTAGE_GLUE_H

#include <stdint.h>

#include "libavutil/dict.h"
#include "libavutil/opt.h"

#include "cache/filter_options.h"
#include "cache/sidecar_model.h"

/* The options every Montage filter has, embedded as member `out`. */
typedef struct MtSidecarOptions {
    char   *sidecar;         ///< path of the msgpack sidecar, NULL for none
    char   *source;          ///< the analysed file: stat()ed at init for its identity
    char   *source_path;     ///< identity of the analysed file, from the caller
    char   *source_digest;
    /* Integers arrive as strings: FFmpeg's int64 options are parsed through
     * a double, which would round nanosecond times. */
    char   *source_size_str, *source_mtime_str, *source_ctime_str, *source_inode_str;
    double  source_duration_s; ///< probed duration of the analysed stream, 0: unknown
    int64_t source_size;     ///< parsed by mt_glue_init_sidecar(), -1: unknown
    int64_t source_mtime_ns;
    int64_t source_ctime_ns;
    int64_t source_inode;
} MtSidecarOptions;

/* One AVOption row of KIND (DOUBLE, INT or BOOL, as in the kernels' option
 * tables) with default def and range lo..hi. */
#define MT_AVOPT_TYPE_DOUBLE AV_OPT_TYPE_DOUBLE
#define MT_AVOPT_TYPE_INT    AV_OPT_TYPE_INT
#define MT_AVOPT_TYPE_BOOL   AV_OPT_TYPE_BOOL
#define MT_AVOPT_DEFAULT_DOUBLE(v) { .dbl = (v) }
#define MT_AVOPT_DEFAULT_INT(v)    { .i64 = (v) }
#define MT_AVOPT_DEFAULT_BOOL(v)   { .i64 = (v) }
#define MT_AVOPTION(name, help, offset, KIND, def, lo, hi, flags) \
    { name, help, offset, MT_AVOPT_TYPE_##KIND, MT_AVOPT_DEFAULT_##KIND(def), lo, hi, flags }

/* The AVOption row of one X(PREFIX, NAME, field, KIND, help) row of a
 * kernel's option table (analysis/scene/scene_options.h,
 * analysis/beat/beat_options.h); the filter's context holds the kernel
 * config as member cfg, OFFSET and FLAGS are the filter's. */
#define MT_AVOPTION_ROW(P, NAME, field, KIND, help)                                      \
    MT_AVOPTION(#field, help, OFFSET(cfg.field), KIND, MT_##P##_##NAME##_DEFAULT,         \
                MT_##P##_##NAME##_MIN, MT_##P##_##NAME##_MAX, FLAGS),

/* A string option, NULL by default. */
#define MT_AVOPTION_STRING(name, help, offset, flags) \
    { name, help, offset, AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, flags }

/* AVOption rows for MtSidecarOptions; OFFSET(x) must give offsetof(Ctx, x). */
#define MT_SIDECAR_OPTIONS(flags)                                                                      \
    MT_AVOPTION_STRING(MT_OPT_SIDECAR, "write the analysis to this msgpack file at end of stream",    \
                       OFFSET(out.sidecar), flags),                                                    \
    MT_AVOPTION_STRING(MT_OPT_SOURCE,                                                                  \
                       "the analysed file: its path, size, times and inode are recorded in the sidecar", \
                       OFFSET(out.source), flags),                                                     \
    MT_AVOPTION_STRING(MT_OPT_SOURCE_PATH, "path of the analysed file, recorded in the sidecar",       \
                       OFFSET(out.source_path), flags),                                                \
    MT_AVOPTION_STRING(MT_OPT_SOURCE_SIZE, "size in bytes of the analysed file",                       \
                       OFFSET(out.source_size_str), flags),                                            \
    MT_AVOPTION_STRING(MT_OPT_SOURCE_MTIME_NS, "modification time of the analysed file, ns since the epoch", \
                       OFFSET(out.source_mtime_str), flags),                                           \
    MT_AVOPTION_STRING(MT_OPT_SOURCE_CTIME_NS, "status change time of the analysed file, ns since the epoch", \
                       OFFSET(out.source_ctime_str), flags),                                           \
    MT_AVOPTION_STRING(MT_OPT_SOURCE_INODE, "inode number of the analysed file",                       \
                       OFFSET(out.source_inode_str), flags),                                           \
    MT_AVOPTION_STRING(MT_OPT_SOURCE_DIGEST, "content digest of the analysed file, e.g. xxh3-128:<hex>", \
                       OFFSET(out.source_digest), flags),                                              \
    MT_AVOPTION(MT_OPT_SOURCE_DURATION, "probed duration in seconds of the analysed stream (0: unknown)", \
                OFFSET(out.source_duration_s), DOUBLE, 0, 0, 1e9, flags)

/* At init: parses the integer identity options, stat()s `source` (the
 * explicit source_* options win over what stat() finds) and checks that
 * the sidecar's directory takes a new file, so a bad path fails the run
 * before any decoding. 0 or a negative AVERROR, with one line logged. */
int mt_glue_init_sidecar(void *log_ctx, MtSidecarOptions *o);

/* Fills the kind, schema, generator, source and status sections of sc.
 * `input_ended` says whether the filter saw the end of its input stream
 * (not a downstream stop, not a graph freed early); analysed_s is the span
 * it analysed. The sidecar is complete when the input ended and, when the
 * media's duration is known (source_duration), the span covers it within
 * cache/coverage.h's tolerance: ffmpeg 5.1 ends the input the same way for
 * -frames and SIGINT as at the real end, and only the duration tells. */
void mt_glue_fill_common(MtSidecar *sc, const MtSidecarOptions *o, MtSidecarKind kind,
                         const char *filter_name, int analyser_version,
                         int input_ended, double analysed_s, int64_t units_seen);

/* Writes sc to o->sidecar atomically (nothing when no sidecar was asked
 * for). Logs one line naming the file and the cause on failure. 0 or a
 * negative AVERROR. */
int mt_glue_write_sidecar(void *log_ctx, const MtSidecarOptions *o, const MtSidecar *sc);

/* Sets key to a number printed with fixed precision ("%.6f" or "%d"), so
 * ffprobe and the metadata filter read the same text on every platform. */
int mt_glue_meta_double(AVDictionary **meta, const char *key, double v);
int mt_glue_meta_int(AVDictionary **meta, const char *key, int64_t v);

#endif /* MONTAGE_GLUE_H */
