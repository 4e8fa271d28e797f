// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * mt_regular_open (see regular_open.h): open(O_PATH) pins the file without
 * calling any driver's open and without blocking on a FIFO; its fstat
 * decides; only then is that same file opened for reading, through
 * /proc/self/fd, so no name is looked up twice. Linux only (the project
 * targets Debian).
 */
#define _GNU_SOURCE /* O_PATH */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "regular_open.h"

#ifndef O_PATH
#error "regular_open.c needs O_PATH (Linux 2.6.39+): opening a name checked by an earlier stat() is unsafe"
#endif

static int close_keep_errno(int fd, int ret)
{
    int e = errno;
    close(fd);
    errno = e;
    return ret;
}

int mt_regular_open(const char *path, struct stat *st)
{
    return mt_regular_openat(AT_FDCWD, path, st);
}

int mt_regular_openat(int dirfd, const char *name, struct stat *st)
{
    struct stat pinned;
    char proc[64];
    int pfd, fd;

    pfd = openat(dirfd, name, O_PATH | O_CLOEXEC);
    if (pfd < 0)
        return MT_REGULAR_OPEN_ERRNO;
    if (fstat(pfd, &pinned) < 0)
        return close_keep_errno(pfd, MT_REGULAR_OPEN_ERRNO);
    if (!S_ISREG(pinned.st_mode)) {
        close(pfd);
        return MT_REGULAR_OPEN_NOT_REGULAR;
    }
    snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pfd);
    /* O_NONBLOCK and O_NOCTTY cost nothing on a regular file; they are
     * kept so that no path through here can block or take a terminal */
    fd = open(proc, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        /* pfd is open, so its /proc entry is missing only when /proc is:
         * fail closed rather than open the name a second time */
        int ret = errno == ENOENT ? MT_REGULAR_OPEN_NO_PROC : MT_REGULAR_OPEN_ERRNO;
        return close_keep_errno(pfd, ret);
    }
    close(pfd);
    if (fstat(fd, st) < 0)
        return close_keep_errno(fd, MT_REGULAR_OPEN_ERRNO);
    /* the magic link reopens the pinned file; a mismatch would mean
     * something else is mounted over /proc */
    if (!S_ISREG(st->st_mode) || st->st_dev != pinned.st_dev || st->st_ino != pinned.st_ino) {
        close(fd);
        return MT_REGULAR_OPEN_NOT_REGULAR;
    }
    return fd;
}
