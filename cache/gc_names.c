// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * The names montage writes, by place (see gc_names.h). The folder is
 * judged by its fd, not by a path: the one gc reads and removes in.
 */
#define _GNU_SOURCE /* O_DIRECTORY, fstatat */

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_lookup.h"
#include "gc_names.h"

int mt_gc_in_by_path(int dirfd)
{
    struct stat self, named;
    int parent, in;

    if (fstat(dirfd, &self) < 0)
        return 0;
    /* its parent's by-path entry is this very folder (links resolved, as
     * the folder's fd is) */
    parent = openat(dirfd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0)
        return 0;
    in = fstatat(parent, MT_CACHE_BY_PATH_DIR, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
         S_ISDIR(named.st_mode) && named.st_dev == self.st_dev && named.st_ino == self.st_ino;
    close(parent);
    return in;
}

int mt_gc_montage_kind(int dirfd, const char *name)
{
    int in_cache, kind = mt_cache_sidecar_name_kind(name, NULL, &in_cache);
    if (kind < 0 || (in_cache && !mt_gc_in_by_path(dirfd)))
        return -1;
    return kind;
}
