/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The media's duration for `check --media`, from ffprobe: $MONTAGE_FFPROBE,
 * else the ffprobe next to this program (build/bin, $PREFIX/bin), else the
 * one on PATH.
 */
#ifndef MONTAGE_CACHE_CLI_PROBE_H
#define MONTAGE_CACHE_CLI_PROBE_H

#include <stddef.h>

#include "cache/sidecar_model.h"

/* Duration in seconds of the media's first video (scene) or audio (beat)
 * stream, else of the container. 0 when unknown, -1 when ffprobe could not
 * be run or failed, with the cause in err. */
double cli_probe_duration(const char *media, MtSidecarKind kind, char *err, size_t errlen);

#endif /* MONTAGE_CACHE_CLI_PROBE_H */
