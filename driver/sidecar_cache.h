/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The driver's view of its sidecar cache: every call the driver makes into
 * the sidecar module (cache/), in one place: where a media file's sidecars live, whether they are still
 * valid for the file as it is now, and the file's source identity.
 */
#ifndef MONTAGE_DRIVER_SIDECAR_CACHE_H
#define MONTAGE_DRIVER_SIDECAR_CACHE_H

#include <stddef.h>
#include <sys/stat.h>

#include "cache/sidecar_model.h"
#include "cache/source_identity.h"

typedef enum MtSidecarCacheState {
    MT_SIDECAR_CACHE_VALID = 0, /* made from this very file by the current analyser */
    MT_SIDECAR_CACHE_MISSING,
    MT_SIDECAR_CACHE_STALE,     /* the file or the analyser changed since */
    MT_SIDECAR_CACHE_CORRUPT,
} MtSidecarCacheState;

/* How the video was decoded for a scene sidecar, recorded as its config
 * "decode": a sidecar serves only requests of the same mode (a fast one
 * may differ from a full one in its scene statistics, see
 * montage-sidecar(5)). */
typedef enum MtDecodeMode {
    MT_DECODE_FULL      = 0,
    MT_DECODE_KEYFRAMES = 1,
    MT_DECODE_FAST      = 2,
} MtDecodeMode;

const char *mt_decode_mode_name(MtDecodeMode mode);

/* Source identity with storage for its strings (cache/source_identity.h). */
typedef MtSourceIdentityBuf MtSidecarCacheIdentity;

/* Sidecar path of kind for media_path (next to it, or in cache_dir when
 * not NULL). Returns 0 or -1 (does not fit / bad arguments). */
int mt_sidecar_cache_path(const char *media_path, MtSidecarKind kind,
                          const char *cache_dir, char *out, size_t out_size);

/* State of the sidecar of kind at sidecar_path for media_path, for the
 * current analyser version and decode mode (a scene sidecar must have
 * recorded the same keyframes_only and decode). Cheap when the stored stat identity matches:
 * the sidecar is read, the media only stat'ed, never hashed. The analysed
 * duration must cover media_duration_s when > 0, else the duration the
 * sidecar recorded; when neither is known the sidecar is stale unless
 * mode is MT_DECODE_KEYFRAMES (a key-frame scene ends at the last key frame) or
 * media_duration_s < 0 (the caller probed and found no duration). why (may
 * be NULL) gets a one-line reason. */
MtSidecarCacheState mt_sidecar_cache_check(const char *sidecar_path, const char *media_path,
                                           MtSidecarKind kind, MtDecodeMode mode,
                                           double media_duration_s, char *why, size_t why_size);

/* Creates the cache directory layout (once per batch). 0, or -1 with a
 * cause in err. */
int mt_sidecar_cache_prepare_dir(const char *cache_dir, char *err, size_t err_size);

/* Stat identity of media_path, plus its content digest when
 * with_digest. Returns 0, or -1 with a one-line cause in err. */
int mt_sidecar_cache_identity(const char *media_path, int with_digest,
                              MtSidecarCacheIdentity *out, char *err, size_t err_size);

const char *mt_sidecar_cache_state_name(MtSidecarCacheState state);

#endif /* MONTAGE_DRIVER_SIDECAR_CACHE_H */
