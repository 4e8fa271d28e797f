/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Atomic file replacement (see atomic_file.h). POSIX 2001 calls only.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600 /* lstat(), readlink() (XSI in POSIX 2001) */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

/* Makes temporary names unique between threads of one process; O_EXCL
 * settles any remaining clash (another host, a recycled pid). */
static atomic_uint tmp_counter;

static int fail(char *err, size_t errlen, int errnum, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        size_t n;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
        n = strlen(err);
        if (n < errlen)
            snprintf(err + n, errlen - n, ": %s", strerror(errnum));
    }
    return -errnum;
}

/* The directory part of `path` ("." when there is none) in a new string. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n;
    char *dir;

    if (!slash) {
        path = ".";
        n = 1;
    } else {
        n = slash == path ? 1 : (size_t)(slash - path);
    }
    dir = malloc(n + 1);
    if (dir) {
        memcpy(dir, path, n);
        dir[n] = 0;
    }
    return dir;
}

int mt_write_all(int fd, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w == 0)
            errno = EIO;
        if (w <= 0)
            return -errno;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Creates a fresh temporary file in `dir`; its name goes to tmp. */
static int open_temp(const char *dir, char *tmp, size_t tmplen)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned n = atomic_fetch_add(&tmp_counter, 1);
        int fd, len = snprintf(tmp, tmplen, "%s/" MT_ATOMIC_TMP_PREFIX "%ld.%u" MT_ATOMIC_TMP_SUFFIX,
                               dir, (long)getpid(), n);
        if (len < 0 || (size_t)len >= tmplen)
            return -ENAMETOOLONG;
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd >= 0 ? fd : -errno;
    }
    return -EEXIST;
}

/* fsync of a directory makes the rename durable. Some file systems do not
 * support it (EINVAL); there is nothing more to do on those. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    int ret = 0;
    if (fd < 0)
        return -errno;
    if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
        ret = -errno;
    close(fd);
    return ret;
}

/* The descriptor a path names, or -1: /dev/stdout, /dev/stderr,
 * /dev/fd/N and /proc/self/fd/N (what /dev/stdout links to on Linux). */
static int descriptor_named(const char *path)
{
    static const char *const prefixes[] = { "/dev/fd/", "/proc/self/fd/" };
    if (!strcmp(path, "/dev/stdout"))
        return 1;
    if (!strcmp(path, "/dev/stderr"))
        return 2;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        size_t n = strlen(prefixes[i]);
        char *end;
        if (strncmp(path, prefixes[i], n) || !path[n])
            continue;
        long fd = strtol(path + n, &end, 10);
        if (!*end && fd >= 0 && fd <= INT_MAX)
            return (int)fd;
    }
    return -1;
}

static int is_stream(mode_t m)
{
    return S_ISCHR(m) || S_ISFIFO(m) || S_ISSOCK(m);
}

int mt_atomic_target(const char *path, int *fd)
{
    struct stat st;
    char link[64];
    *fd = descriptor_named(path);
    if (*fd < 0 && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        ssize_t n = readlink(path, link, sizeof(link) - 1);
        if (n > 0) {
            link[n] = '\0';
            *fd = descriptor_named(link);
        }
    }
    if (*fd >= 0) {
        if (fstat(*fd, &st) < 0)
            return -EBADF;
        return S_ISBLK(st.st_mode) ? -ENODEV : MT_TARGET_DESCRIPTOR;
    }
    if (stat(path, &st) < 0)
        return MT_TARGET_REPLACE; /* absent, or a link that leads nowhere */
    if (S_ISBLK(st.st_mode))
        return -ENODEV;
    if (is_stream(st.st_mode))
        return MT_TARGET_IN_PLACE;
    return MT_TARGET_REPLACE; /* a regular file, or a link to one: the link */
}

/* A path's block device is refused: writing a sidecar onto a disk is
 * never what was meant. */
static int refuse(char *err, size_t errlen, const char *path, int ret)
{
    if (ret == -ENODEV)
        return fail(err, errlen, EINVAL, "%s: a block device is never written", path);
    if (ret == -EBADF)
        return fail(err, errlen, EBADF, "%s: no such open descriptor", path);
    return fail(err, errlen, -ret, "%s", path);
}

/* Devices and pipes: open and write, no temporary file, no fsync (they
 * have nothing to make durable; fsync fails with EINVAL on most). The
 * open does not wait: a pipe nobody reads is an error (ENXIO), not a
 * hang. What the open reached is checked again: a path that became a
 * regular file meanwhile is left alone (-EAGAIN: replaced instead). */
static int write_in_place(const char *path, const void *data, size_t len,
                          char *err, size_t errlen)
{
    struct stat st;
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK), ret, fl;
    if (fd < 0 && errno == ENXIO)
        return fail(err, errlen, ENXIO, "%s: no process reads this pipe", path);
    if (fd < 0)
        return fail(err, errlen, errno, "%s: cannot open", path);
    if (fstat(fd, &st) < 0 || !is_stream(st.st_mode)) {
        close(fd);
        return -EAGAIN;
    }
    if ((fl = fcntl(fd, F_GETFL)) >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK); /* writes wait for the reader */
    if ((ret = mt_write_all(fd, data, len)) < 0)
        ret = fail(err, errlen, -ret, "%s: write", path);
    if (close(fd) < 0 && !ret)
        ret = fail(err, errlen, errno, "%s: close", path);
    return ret;
}

int mt_atomic_write_file(const char *path, const void *data, size_t len,
                         const MtAtomicHooks *hooks, char *err, size_t errlen)
{
    char *dir, *tmp;
    size_t tmplen;
    int fd, ret, target_fd;

    if (!path || !*path)
        return fail(err, errlen, EINVAL, "atomic write: empty path");
    ret = mt_atomic_target(path, &target_fd);
    if (ret < 0)
        return refuse(err, errlen, path, ret);
    if (ret == MT_TARGET_DESCRIPTOR) {
        if ((ret = mt_write_all(target_fd, data, len)) < 0)
            return fail(err, errlen, -ret, "%s: write", path);
        return 0;
    }
    if (ret == MT_TARGET_IN_PLACE && (ret = write_in_place(path, data, len, err, errlen)) != -EAGAIN)
        return ret;
    dir = dir_of(path);
    tmplen = strlen(path) + 64;
    tmp = malloc(tmplen);
    if (!dir || !tmp) {
        free(dir);
        free(tmp);
        return fail(err, errlen, ENOMEM, "%s", path);
    }

    fd = open_temp(dir, tmp, tmplen);
    if (fd < 0) {
        ret = fail(err, errlen, -fd, "%s: cannot create a temporary file in '%s'", path, dir);
        goto out;
    }
    if ((ret = mt_write_all(fd, data, len)) < 0) {
        ret = fail(err, errlen, -ret, "%s: write", tmp);
    } else if (fsync(fd) < 0) {
        ret = fail(err, errlen, errno, "%s: fsync", tmp);
    }
    if (close(fd) < 0 && !ret)
        ret = fail(err, errlen, errno, "%s: close", tmp);
    if (ret < 0) {
        unlink(tmp);
        goto out;
    }

    if (hooks && hooks->before_rename)
        hooks->before_rename(tmp, hooks->opaque);

    if (rename(tmp, path) < 0) {
        ret = fail(err, errlen, errno, "%s: rename from '%s'", path, tmp);
        unlink(tmp);
        goto out;
    }
    if ((ret = sync_dir(dir)) < 0)
        ret = fail(err, errlen, -ret, "%s: fsync of directory '%s'", path, dir);
out:
    free(dir);
    free(tmp);
    return ret;
}

int mt_atomic_is_temp_name(const char *name)
{
    size_t n = strlen(name), p = strlen(MT_ATOMIC_TMP_PREFIX), s = strlen(MT_ATOMIC_TMP_SUFFIX);
    return n > p + s && !strncmp(name, MT_ATOMIC_TMP_PREFIX, p) &&
           !strcmp(name + n - s, MT_ATOMIC_TMP_SUFFIX);
}
