// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * The names montage writes, by place (see gc_names.h). The folder is
 * judged by its fd, not by a path: the one gc reads and removes in.
 */
#define _GNU_SOURCE /* O_DIRECTORY, fstatat */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_lookup.h"
#include "gc_names.h"
#include "regular_open.h"

/* 1 when the folder open as dirfd holds the CACHEDIR.TAG montage writes
 * (mt_cache_dir_prepare, before any entry): its signature line, then
 * montage's line. A tag of another tool, or none, marks no montage cache. */
static int starts_with(int dirfd, const char *name, const char *want, size_t len)
{
    char buf[256];
    struct stat st;
    size_t got = 0;
    /* read like a sidecar: a FIFO or a device so named is never opened */
    int fd = len <= sizeof(buf) ? mt_regular_openat(dirfd, name, &st) : -1;
    if (fd < 0)
        return 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    return got == len && !memcmp(buf, want, len);
}

static int montage_tag_in(int dirfd)
{
    static const char want[] = MT_CACHEDIR_TAG_SIGNATURE "\n" MT_CACHEDIR_TAG_MONTAGE_LINE "\n";
    return starts_with(dirfd, "CACHEDIR.TAG", want, sizeof(want) - 1);
}

/* montage's marker in the by-path/ open as dirfd (mt_cache_dir_prepare
 * writes it always, also where another tool's CACHEDIR.TAG was first) */
static int montage_marker_in(int dirfd)
{
    static const char want[] = MT_CACHE_MARKER_LINE "\n";
    return starts_with(dirfd, MT_CACHE_MARKER_NAME, want, sizeof(want) - 1);
}

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
         S_ISDIR(named.st_mode) && named.st_dev == self.st_dev && named.st_ino == self.st_ino &&
         (montage_tag_in(parent) || montage_marker_in(dirfd));
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
