/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The driver's calls into cache/ (cache_lookup.h, source_identity.h); see
 * sidecar_cache.h. */
#include "driver/sidecar_cache.h"

#include <stdio.h>
#include <string.h>

#include "cache/cache_lookup.h"

int mt_sidecar_cache_path(const char *media_path, MtSidecarKind kind,
                          const char *cache_dir, char *out, size_t out_size)
{
    MtCacheLocation loc = { .cache_dir = cache_dir };
    return mt_cache_sidecar_path(&loc, media_path, kind, out, out_size) < 0 ? -1 : 0;
}

const char *mt_decode_mode_name(MtDecodeMode mode)
{
    switch (mode) {
    case MT_DECODE_FULL:      return "full";
    case MT_DECODE_KEYFRAMES: return "keyframes";
    case MT_DECODE_FAST:      return "fast";
    }
    return "full";
}

MtSidecarCacheState mt_sidecar_cache_check(const char *sidecar_path, const char *media_path,
                                           MtSidecarKind kind, MtDecodeMode mode,
                                           double media_duration_s, char *why, size_t why_size)
{
    int version = kind == MT_KIND_SCENE ? MT_SCENE_ANALYSER_VERSION : MT_BEAT_ANALYSER_VERSION;
    /* a scene sidecar serves only the decode mode that made it */
    MtConfigEntry required[2] = {
        { .key = "keyframes_only", .type = MT_VALUE_BOOL, .i = mode == MT_DECODE_KEYFRAMES },
        { .key = "decode", .type = MT_VALUE_STRING, .s = mt_decode_mode_name(mode) },
    };
    int scene = kind == MT_KIND_SCENE, compared = 0;
    MtCacheState s = mt_cache_check_media(sidecar_path, media_path, kind, version, scene ? required : NULL,
                                          scene ? 2 : 0, media_duration_s > 0 ? media_duration_s : 0,
                                          &compared, why, why_size);
    /* made by hand (ffmpeg -frames with source=): nothing says it covers the media */
    if (s == MT_CACHE_VALID && !compared && media_duration_s == 0 &&
        !(scene && mode == MT_DECODE_KEYFRAMES)) {
        if (why && why_size)
            snprintf(why, why_size, "the media's duration is not recorded, so the coverage is unknown");
        return MT_SIDECAR_CACHE_STALE;
    }
    switch (s) {
    case MT_CACHE_VALID:   return MT_SIDECAR_CACHE_VALID;
    case MT_CACHE_MISSING: return MT_SIDECAR_CACHE_MISSING;
    case MT_CACHE_STALE:   return MT_SIDECAR_CACHE_STALE;
    /* made by hand without source=: analyse again, with an identity */
    case MT_CACHE_NO_SOURCE: return MT_SIDECAR_CACHE_STALE;
    case MT_CACHE_CORRUPT: return MT_SIDECAR_CACHE_CORRUPT;
    }
    return MT_SIDECAR_CACHE_CORRUPT;
}

int mt_sidecar_cache_prepare_dir(const char *cache_dir, char *err, size_t err_size)
{
    return mt_cache_dir_prepare(cache_dir, err, err_size) < 0 ? -1 : 0;
}

int mt_sidecar_cache_identity(const char *media_path, int with_digest,
                              MtSidecarCacheIdentity *out, char *err, size_t err_size)
{
    return mt_source_identify(media_path, with_digest, out, err, err_size) < 0 ? -1 : 0;
}

const char *mt_sidecar_cache_state_name(MtSidecarCacheState state)
{
    switch (state) {
    case MT_SIDECAR_CACHE_VALID:   return "valid";
    case MT_SIDECAR_CACHE_MISSING: return "missing";
    case MT_SIDECAR_CACHE_STALE:   return "stale";
    case MT_SIDECAR_CACHE_CORRUPT: return "corrupt";
    }
    return "corrupt";
}
