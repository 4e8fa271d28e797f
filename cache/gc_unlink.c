// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * gc's removal of a judged file, relative to its folder's fd (see
 * gc_unlink.h).
 */
#define _GNU_SOURCE /* O_DIRECTORY, fstatat, unlinkat */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gc_unlink.h"
#include "source_identity.h" /* MT_PATH_MAX */

int mt_gc_open_parent(const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    char dir[MT_PATH_MAX];
    int fd;

    *name = slash ? slash + 1 : path;
    if (!**name)
        return -EINVAL;
    if (!slash)
        snprintf(dir, sizeof(dir), ".");
    else if (slash == path)
        snprintf(dir, sizeof(dir), "/");
    else if ((size_t)(slash - path) >= sizeof(dir))
        return -ENAMETOOLONG;
    else
        snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

int mt_gc_same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int mt_gc_unlink_judged(int dirfd, const char *name, const struct stat *judged)
{
    struct stat now;
    if (fstatat(dirfd, name, &now, AT_SYMLINK_NOFOLLOW) < 0)
        return -errno;
    if (!mt_gc_same_file(&now, judged))
        return MT_GC_UNLINK_OTHER_FILE;
    return unlinkat(dirfd, name, 0) < 0 ? -errno : 0;
}
