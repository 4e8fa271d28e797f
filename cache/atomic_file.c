/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Atomic file replacement (see atomic_file.h). POSIX 2001 calls only.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600 /* realpath(), lstat() (XSI in POSIX 2001) */
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

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

int mt_atomic_target(const char *path, char **resolved)
{
    struct stat st;
    *resolved = NULL;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return 1;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = malloc(PATH_MAX); /* realpath(path, NULL) is POSIX 2008 */
        if (!real)
            return -ENOMEM;
        if (realpath(path, real))
            *resolved = real;
        else
            free(real); /* a dangling link: replaced as before */
    }
    return 0;
}

/* Devices and pipes: open and write, no temporary file, no fsync (they
 * have nothing to make durable; fsync fails with EINVAL on most). */
static int write_in_place(const char *path, const void *data, size_t len,
                          char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC), ret;
    if (fd < 0)
        return fail(err, errlen, errno, "%s: cannot open", path);
    if ((ret = mt_write_all(fd, data, len)) < 0)
        ret = fail(err, errlen, -ret, "%s: write", path);
    if (close(fd) < 0 && !ret)
        ret = fail(err, errlen, errno, "%s: close", path);
    return ret;
}

int mt_atomic_write_file(const char *path, const void *data, size_t len,
                         const MtAtomicHooks *hooks, char *err, size_t errlen)
{
    char *dir, *tmp, *resolved;
    size_t tmplen;
    int fd, ret;

    if (!path || !*path)
        return fail(err, errlen, EINVAL, "atomic write: empty path");
    ret = mt_atomic_target(path, &resolved);
    if (ret < 0)
        return fail(err, errlen, -ret, "%s", path);
    if (ret > 0)
        return write_in_place(path, data, len, err, errlen);
    if (resolved) {
        ret = mt_atomic_write_file(resolved, data, len, hooks, err, errlen);
        free(resolved);
        return ret;
    }
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
