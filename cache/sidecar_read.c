/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar reader: bounded unpack (msgpack_bounds.c), then the walk over the
 * schema tables (sidecar_read_walk.c) that checks every key's type and every
 * array's size while copying into memory the result owns (sidecar_arena.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <msgpack.h>

#include "msgpack_bounds.h"
#include "cache_media.h" /* mt_sidecar_read_file_at */
#include "regular_open.h"
#include "sidecar_arena.h"
#include "sidecar_read.h"
#include "sidecar_read_walk.h"

/* The result and its memory: mt_sidecar_free() gets back here from the
 * MtSidecar pointer, which is the first member. */
typedef struct OwnedSidecar {
    MtSidecar sc;
    MtArena   arena;
} OwnedSidecar;

int mt_sidecar_read_buffer(const void *buf, size_t len, MtSidecar **out,
                           MtSidecarError *err)
{
    return mt_sidecar_read_buffer_ex(buf, len, 0, out, err);
}

int mt_sidecar_read_buffer_ex(const void *buf, size_t len, unsigned flags,
                              MtSidecar **out, MtSidecarError *err)
{
    MtSidecarError local;
    msgpack_unpacked up;
    OwnedSidecar *own;
    MtReader r = { 0 };
    int ret;

    if (!err)
        err = &local;
    memset(err, 0, sizeof(*err));
    err->offset = -1;
    *out = NULL;
    if (len > MT_SIDECAR_MAX_BYTES)
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TOO_LARGE, -1,
                                    "%zu bytes is more than the %zu-byte limit", len, MT_SIDECAR_MAX_BYTES);
    if ((ret = mt_msgpack_unpack_checked(buf, len, &up, err)) < 0) {
        msgpack_unpacked_destroy(&up);
        return ret;
    }
    if (!(own = calloc(1, sizeof(*own)))) {
        msgpack_unpacked_destroy(&up);
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_NOMEM, -1, "out of memory");
    }
    r.err = err;
    r.arena = &own->arena;
    r.no_array_data = (flags & MT_SIDECAR_READ_NO_ARRAY_DATA) != 0;

    MtSidecar *sc = &own->sc;
    if ((ret = mt_read_sidecar(&r, &up.data, sc)) < 0) {
        msgpack_unpacked_destroy(&up);
        mt_sidecar_free(sc);
        return ret;
    }
    msgpack_unpacked_destroy(&up);
    *out = sc;
    return 0;
}

/* mt_sidecar_slurp of name relative to dirfd; *st gets the fstat of the
 * file opened (st_ino 0 when none was). */
static int slurp_at(int dirfd, const char *path, size_t max, char **data, size_t *len,
                    struct stat *st_out, MtSidecarError *err)
{
    struct stat st;
    char *buf;
    size_t got = 0, size;
    int fd;

    *data = NULL;
    *len = 0;
    /* judged on the file that is opened, never on an earlier stat() of
     * the name (a name swapped in between made a root check open a
     * device): opening a device is an act (a link named as a sidecar to
     * /dev/watchdog would arm the watchdog), a FIFO would block until a
     * writer came (montage-analyze hung on one, deaf to SIGTERM), and
     * only a regular file is a sidecar; a link is judged by its target */
    memset(st_out, 0, sizeof(*st_out));
    fd = mt_regular_openat(dirfd, path, &st);
    if (fd >= 0)
        *st_out = st;
    if (fd == MT_REGULAR_OPEN_NOT_REGULAR)
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_IO, -1, "not a regular file");
    if (fd == MT_REGULAR_OPEN_NO_PROC)
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_IO, -1, "cannot open: %s",
                                    MT_REGULAR_OPEN_NO_PROC_TEXT);
    if (fd < 0) {
        int e = errno;
        mt_sidecar_set_error(err, MT_SIDECAR_ERR_IO, -1, "cannot open: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return -MT_SIDECAR_ERR_IO;
    }
    if ((uint64_t)st.st_size > max) {
        close(fd);
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TOO_LARGE, -1,
                                    "%lld bytes is more than the %zu-byte limit",
                                    (long long)st.st_size, max);
    }
    size = (size_t)st.st_size;
    if (!(buf = malloc(size ? size : 1))) {
        close(fd);
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_NOMEM, -1, "out of memory");
    }
    /* a file that shrinks meanwhile is read short and reported truncated */
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            free(buf);
            close(fd);
            mt_sidecar_set_error(err, MT_SIDECAR_ERR_IO, -1, "read: %s", strerror(e));
            if (err)
                err->sys_errno = e;
            return -MT_SIDECAR_ERR_IO;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    *data = buf;
    *len = got;
    return 0;
}

int mt_sidecar_slurp(const char *path, size_t max, char **data, size_t *len,
                     MtSidecarError *err)
{
    struct stat st;
    return slurp_at(AT_FDCWD, path, max, data, len, &st, err);
}

int mt_sidecar_read_file(const char *path, MtSidecar **out, MtSidecarError *err)
{
    return mt_sidecar_read_file_ex(path, 0, out, err);
}

int mt_sidecar_read_file_ex(const char *path, unsigned flags, MtSidecar **out,
                            MtSidecarError *err)
{
    return mt_sidecar_read_file_at(AT_FDCWD, path, flags, out, NULL, err);
}

int mt_sidecar_read_file_at(int dirfd, const char *path, unsigned flags, MtSidecar **out,
                            struct stat *st, MtSidecarError *err)
{
    struct stat opened;
    char *buf;
    size_t len;
    int ret;

    *out = NULL;
    if (err) {
        memset(err, 0, sizeof(*err));
        err->offset = -1;
    }
    ret = slurp_at(dirfd, path, MT_SIDECAR_MAX_BYTES, &buf, &len, &opened, err);
    if (st)
        *st = opened;
    if (ret < 0)
        return ret;
    ret = mt_sidecar_read_buffer_ex(buf, len, flags, out, err);
    free(buf);
    return ret;
}

void mt_sidecar_free(MtSidecar *sc)
{
    if (sc) {
        OwnedSidecar *own = (OwnedSidecar *)sc;
        mt_arena_release(&own->arena);
        free(own);
    }
}

const MtConfigEntry *mt_sidecar_config_get(const MtSidecar *sc, const char *key)
{
    for (size_t i = 0; i < sc->config.n; i++)
        if (!strcmp(sc->config.entries[i].key, key))
            return &sc->config.entries[i];
    return NULL;
}
