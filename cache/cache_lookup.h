/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Where a sidecar lives and whether it is still valid for its media.
 *
 * Locations (doc/montage-sidecar.5, CACHE LOCATION):
 *   next to the media:  <media>.scene.montage.msgpack, <media>.beat.montage.msgpack
 *   cache directory:    <dir>/by-path/<xxh64 of realpath(media)>.<kind>.msgpack
 *                       with <dir>/CACHEDIR.TAG; default dir
 *                       $XDG_CACHE_HOME/montage or ~/.cache/montage.
 *
 * Validity: the sidecar's schema major, kind, analyser version, required
 * config and source identity must all match, and the analysed stream must
 * cover the media's probed duration (see mt_cache_covers()). A sidecar
 * without a recorded identity (made by hand without source=) is
 * MT_CACHE_NO_SOURCE: it may be right, but nothing ties it to the media. Identity: size, mtime_ns,
 * ctime_ns and inode equal -> valid without reading the media (ctime cannot
 * be set back by utimes(), so a rewrite that restores the mtime still
 * changes it); size different -> stale; otherwise the media is re-hashed
 * and the digests compared.
 */
#ifndef MONTAGE_CACHE_CACHE_LOOKUP_H
#define MONTAGE_CACHE_CACHE_LOOKUP_H

#include <stddef.h>

#include "sidecar_error.h"
#include "sidecar_model.h"

typedef enum MtCacheState {
    MT_CACHE_VALID,
    MT_CACHE_MISSING,
    MT_CACHE_STALE,
    MT_CACHE_CORRUPT,
    MT_CACHE_NO_SOURCE, /* complete, but nothing says which media it was made from */
} MtCacheState;

typedef struct MtCacheLocation {
    const char *cache_dir; /* NULL: next to the media */
} MtCacheLocation;

#define MT_CACHE_SUFFIX_NEXT_TO_MEDIA ".montage.msgpack"
#define MT_CACHE_BY_PATH_DIR          "by-path"
#define MT_CACHEDIR_TAG_SIGNATURE     "Signature: 8a477f597d28d172789f06886806bc55"
/* The line after the signature in the CACHEDIR.TAG montage writes: what
 * marks a folder as a montage cache (gc takes the <16 hex>.KIND.msgpack
 * names of its by-path/ as montage's only there). */
#define MT_CACHEDIR_TAG_MONTAGE_LINE  "# This file is a cache directory tag created by montage."
/* montage's own mark of a cache, in its by-path/, written always: a cache
 * folder that already held another tool's CACHEDIR.TAG keeps that tag (a
 * folder has one), and is known as montage's by this file. */
#define MT_CACHE_MARKER_NAME          ".montage-cache"
#define MT_CACHE_MARKER_LINE          "montage cache: the files here are montage's by-path entries"

/* "valid", "missing", "stale", "corrupt", "nosource". */
const char *mt_cache_state_name(MtCacheState s);

/* The sidecar path for media_path and kind. With a cache dir the media must
 * exist (its realpath is hashed). Returns 0 or a negative errno
 * (-ENAMETOOLONG when outlen is too small). */
int mt_cache_sidecar_path(const MtCacheLocation *loc, const char *media_path,
                          MtSidecarKind kind, char *out, size_t outlen);

/* $XDG_CACHE_HOME/montage, else $HOME/.cache/montage. 0 or -errno. */
int mt_cache_default_dir(char *out, size_t outlen);

/* Creates dir and dir/by-path (mode 0777 minus umask) and writes
 * CACHEDIR.TAG if it is missing. 0 or -errno with a cause in err. */
int mt_cache_dir_prepare(const char *dir, char *err, size_t errlen);

/* Is the sidecar at sidecar_path a valid cache entry for media_path?
 *   media_path      NULL: derived from a next-to-media sidecar name, else the
 *                   sidecar's source.path
 *   kind            0: any kind
 *   analyser_version  < 0: not checked
 *   required        config entries that must be present with equal values
 *                   (ints and doubles compare numerically)
 * why (may be NULL) gets a one-line reason for every state. */
MtCacheState mt_cache_check(const char *sidecar_path, const char *media_path,
                            MtSidecarKind kind, int analyser_version,
                            const MtConfigEntry *required, size_t n_required,
                            char *why, size_t whylen);

/* mt_cache_check() with the media's duration: media_duration_s > 0 is the
 * caller's probed duration of the analysed stream, used instead of the one
 * recorded in the sidecar (source.duration_s); 0 uses the recorded one. When
 * neither is known the coverage is not compared, and *coverage_compared
 * (may be NULL) says so. */
MtCacheState mt_cache_check_media(const char *sidecar_path, const char *media_path,
                                  MtSidecarKind kind, int analyser_version,
                                  const MtConfigEntry *required, size_t n_required,
                                  double media_duration_s, int *coverage_compared,
                                  char *why, size_t whylen);

/* Does an analysis of analysed_s seconds cover a stream that lasts media_s
 * seconds? 1 or 0; on 0 why gets "analysed X s of the media's Y s". */
int mt_cache_covers(double analysed_s, double media_s, char *why, size_t whylen);

/* The kind (MtSidecarKind) a sidecar's name gives, as montage-analyze names
 * them: MEDIA.KIND.montage.msgpack (*in_cache 0, *media_len the length of
 * MEDIA's path when media_len is not NULL) or <16 hex digits>.KIND.msgpack,
 * the name of a cache's by-path/ entry (*in_cache 1; whether its folder is
 * one is the caller's to check). -EINVAL for any other name. */
int mt_cache_sidecar_name_kind(const char *sidecar_path, size_t *media_len, int *in_cache);

/* The media path a next-to-media sidecar name belongs to (the name minus
 * ".<kind>.montage.msgpack"); 0, or -EINVAL when the name does not match. */
int mt_cache_media_of_sidecar(const char *sidecar_path, char *out, size_t outlen);

#endif /* MONTAGE_CACHE_CACHE_LOOKUP_H */
