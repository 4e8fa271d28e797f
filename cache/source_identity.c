/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * stat() + streamed XXH3-128 of a media file (see source_identity.h).
 */
#define _GNU_SOURCE /* fstatat */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "regular_open.h"
#include "source_identity.h"
#include "source_stat.h"

static int fail(char *err, size_t errlen, int errnum, const char *path, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s: %s", path, what, strerror(errnum));
    return -errnum;
}

int mt_source_digest(const char *path, char *out, char *err, size_t errlen)
{
    return mt_source_digest_at(AT_FDCWD, path, path, out, err, errlen);
}

int mt_source_digest_at(int dirfd, const char *name, const char *path, char *out, char *err,
                        size_t errlen)
{
    XXH3_state_t *state = XXH3_createState();
    unsigned char *buf = malloc(MT_DIGEST_CHUNK);
    struct stat st;
    int fd = -1, ret = 0;

    if (!state || !buf) {
        ret = fail(err, errlen, ENOMEM, path, "digest");
        goto out;
    }
    /* the file opened is judged, not the name mt_source_stat saw: a name
     * swapped since to a FIFO would hang gc and check, to a device would
     * open it; the messages are mt_source_stat's and open's */
    if ((fd = mt_regular_openat(dirfd, name, &st)) < 0) {
        if (fd == MT_REGULAR_OPEN_NOT_REGULAR) {
            if (err && errlen)
                snprintf(err, errlen, "%s: not a regular file", path);
            ret = -EINVAL;
        } else if (fd == MT_REGULAR_OPEN_NO_PROC) {
            if (err && errlen)
                snprintf(err, errlen, "%s: open: %s", path, MT_REGULAR_OPEN_NO_PROC_TEXT);
            ret = -ENOENT;
        } else {
            ret = fail(err, errlen, errno, path, "open");
        }
        fd = -1;
        goto out;
    }
    XXH3_128bits_reset(state);
    for (;;) {
        ssize_t n = read(fd, buf, MT_DIGEST_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ret = fail(err, errlen, errno, path, "read");
            goto out;
        }
        if (n == 0)
            break;
        XXH3_128bits_update(state, buf, (size_t)n);
    }
    /* the canonical (big-endian) form is what xxhsum prints */
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits_digest(state));
    memcpy(out, MT_DIGEST_PREFIX, 9);
    for (int i = 0; i < 16; i++)
        snprintf(out + 9 + 2 * i, 3, "%02x", c.digest[i]);
out:
    if (fd >= 0)
        close(fd);
    free(buf);
    XXH3_freeState(state);
    return ret;
}

int mt_source_identify(const char *path, int with_digest, MtSourceIdentityBuf *out,
                       char *err, size_t errlen)
{
    return mt_source_identify_at(AT_FDCWD, path, path, with_digest, out, err, errlen);
}

int mt_source_identify_at(int dirfd, const char *name, const char *path, int with_digest,
                          MtSourceIdentityBuf *out, char *err, size_t errlen)
{
    struct stat st;
    size_t n = strlen(path);
    int ret;

    memset(&out->id, 0, sizeof(out->id));
    out->digest[0] = 0;
    if (n >= sizeof(out->path))
        return fail(err, errlen, ENAMETOOLONG, "media path", "too long");
    memcpy(out->path, path, n + 1);
    if (fstatat(dirfd, name, &st, 0) < 0) {
        ret = -errno; /* the message mt_source_stat gives */
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(-ret));
        return ret;
    }
    if ((ret = mt_source_stat_of(&st, path, &out->id, err, errlen)) < 0)
        return ret;
    out->id.path = out->path;
    if (with_digest) {
        ret = mt_source_digest_at(dirfd, name, path, out->digest, err, errlen);
        if (ret < 0)
            return ret;
        out->id.digest = out->digest;
    }
    return 0;
}
