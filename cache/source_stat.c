/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * stat() of a media file into its identity (see source_stat.h).
 *
 * Nanosecond times (st_mtim, st_ctim) are POSIX.1-2008; FFmpeg compiles
 * its sources for POSIX.1-2001, which hides them, so this file asks for
 * 2008 itself.
 */
#undef _POSIX_C_SOURCE
#undef _XOPEN_SOURCE
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE   700

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "source_stat.h"

int mt_source_stat(const char *path, MtSourceIdentity *id, char *err, size_t errlen)
{
    struct stat st;
    int errnum;

    if (stat(path, &st) < 0) {
        errnum = errno;
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errnum));
        return -errnum;
    }
    return mt_source_stat_of(&st, path, id, err, errlen);
}

int mt_source_stat_of(const struct stat *st, const char *shown, MtSourceIdentity *id, char *err,
                      size_t errlen)
{
    if (!S_ISREG(st->st_mode)) {
        if (err && errlen)
            snprintf(err, errlen, "%s: not a regular file", shown);
        return -EINVAL;
    }
    id->size     = (int64_t)st->st_size;
    id->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    id->ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
    id->inode    = (int64_t)st->st_ino;
    return 0;
}
