/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The stat() part of a media file's identity (size, mtime_ns, ctime_ns,
 * inode), with no other dependency: the filters use it for their source=
 * option inside FFmpeg, the reader side (source_identity.c) for checks.
 */
#ifndef MONTAGE_CACHE_SOURCE_STAT_H
#define MONTAGE_CACHE_SOURCE_STAT_H

#include <stddef.h>

#include "sidecar_model.h"

/* Fills id->size, mtime_ns, ctime_ns and inode from stat(path) (following
 * symlinks); the path and digest are left alone. Returns 0, or a negative
 * errno with "PATH: cause" in err. */
int mt_source_stat(const char *path, MtSourceIdentity *id, char *err, size_t errlen);

struct stat;
/* The same from a stat the caller took (st of shown): 0, or -EINVAL with
 * "SHOWN: not a regular file" in err. */
int mt_source_stat_of(const struct stat *st, const char *shown, MtSourceIdentity *id, char *err,
                      size_t errlen);

#endif /* MONTAGE_CACHE_SOURCE_STAT_H */
