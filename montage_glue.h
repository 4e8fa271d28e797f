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

#include "cache/sidecar_model.h"

/* The options every Montage filter has, embedded as member `out`. */
typedef struct MtSidecarOptions {
    char   *sidecar;         ///< path of the msgpack sidecar, NULL for none
    char   *source_path;     ///< identity of the analysed file, from the caller
    int64_t source_size;
    int64_t source_mtime_ns;
    int64_t source_ctime_ns;
    int64_t source_inode;
    char   *source_digest;
} MtSidecarOptions;

/* AVOption rows for MtSidecarOptions; OFFSET(x) must give offsetof(Ctx, x). */
#define MT_SIDECAR_OPTIONS(flags)                                                                      \
    { "sidecar", "write the analysis to this msgpack file at end of stream", OFFSET(out.sidecar),      \
      AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, flags },                                              \
    { "source_path", "path of the analysed file, recorded in the sidecar", OFFSET(out.source_path),    \
      AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, flags },                                              \
    { "source_size", "size in bytes of the analysed file (-1: unknown)", OFFSET(out.source_size),      \
      AV_OPT_TYPE_INT64, { .i64 = -1 }, -1, INT64_MAX, flags },                                        \
    { "source_mtime_ns", "modification time of the analysed file in ns (-1: unknown)",                 \
      OFFSET(out.source_mtime_ns), AV_OPT_TYPE_INT64, { .i64 = -1 }, -1, INT64_MAX, flags },           \
    { "source_ctime_ns", "status change time of the analysed file in ns (-1: unknown)",                \
      OFFSET(out.source_ctime_ns), AV_OPT_TYPE_INT64, { .i64 = -1 }, -1, INT64_MAX, flags },           \
    { "source_inode", "inode of the analysed file (-1: unknown)", OFFSET(out.source_inode),           \
      AV_OPT_TYPE_INT64, { .i64 = -1 }, -1, INT64_MAX, flags },                                        \
    { "source_digest", "content digest of the analysed file, e.g. xxh3-128:<hex>",                     \
      OFFSET(out.source_digest), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, flags }

/* Checks at init that the sidecar's directory takes a new file, so a bad
 * path fails the run before any decoding. 0 or a negative AVERROR. */
int mt_glue_check_sidecar_path(void *log_ctx, const MtSidecarOptions *o);

/* Fills the kind, generator, source and schema fields of sc. */
void mt_glue_fill_identity(MtSidecar *sc, const MtSidecarOptions *o, MtSidecarKind kind,
                           const char *filter_name, int analyser_version);

/* Writes sc to o->sidecar atomically (nothing when no sidecar was asked
 * for). Logs one line naming the file and the cause on failure. 0 or a
 * negative AVERROR. */
int mt_glue_write_sidecar(void *log_ctx, const MtSidecarOptions *o, const MtSidecar *sc);

/* Sets key to a number printed with fixed precision ("%.6f" or "%d"), so
 * ffprobe and the metadata filter read the same text on every platform. */
int mt_glue_meta_double(AVDictionary **meta, const char *key, double v);
int mt_glue_meta_int(AVDictionary **meta, const char *key, int64_t v);

#endif /* MONTAGE_GLUE_H */
