/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The sample scene sidecar written where montage-analyze puts a media's
 * (next to it), with the media's identity as it is now: what the cache
 * and gc tests judge. Header-only.
 */
#ifndef MONTAGE_TESTS_SIDECAR_FOR_MEDIA_H
#define MONTAGE_TESTS_SIDECAR_FOR_MEDIA_H

#include <stddef.h>

#include "cache/cache_lookup.h"
#include "cache/sidecar_write.h"
#include "cache/source_identity.h"
#include "tests/unit/sidecar_samples.h"

/* Writes it (status complete or not) and its path into sidecar; 0 or < 0. */
static inline int sample_scene_write_for(const char *media, char *sidecar, size_t len, int complete)
{
    SampleScene s;
    MtSourceIdentityBuf id;
    char err[512];
    if (mt_cache_sidecar_path(NULL, media, MT_KIND_SCENE, sidecar, len) < 0 ||
        mt_source_identify(media, 1, &id, err, sizeof(err)) < 0 ||
        sample_scene_init(&s, 0, 0) < 0)
        return -1;
    s.sc.source = id.id;
    s.sc.status.complete = complete;
    int ret = mt_sidecar_write_file(sidecar, &s.sc, err, sizeof(err));
    sample_scene_free(&s);
    return ret;
}

#endif /* MONTAGE_TESTS_SIDECAR_FOR_MEDIA_H */
