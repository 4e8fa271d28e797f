/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Early writability check of a sidecar path (see atomic_check.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_check.h"
#include "atomic_file.h"

int mt_atomic_check_writable(const char *path, char *err, size_t errlen)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    struct stat st;
    char *tmp;
    int fd, e;

    /* Check where mt_atomic_write_file will write: a descriptor, a device
     * or pipe in place, else the path's own directory (a link included:
     * it is replaced, not followed). */
    e = mt_atomic_target(path, &fd);
    if (e == MT_TARGET_DESCRIPTOR) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0 && (fl & O_ACCMODE) != O_RDONLY)
            return 0;
        snprintf(err, errlen, "cannot write sidecar '%s': the descriptor is not open for writing", path);
        return -EBADF;
    }
    if (e == MT_TARGET_IN_PLACE) {
        if (access(path, W_OK) == 0)
            return 0;
        e = errno;
        snprintf(err, errlen, "cannot write sidecar '%s': %s", path, strerror(e));
        return -e;
    }
    if (e < 0) {
        snprintf(err, errlen, "cannot write sidecar '%s': %s", path,
                 e == -ENODEV ? "a block device is never written" :
                 e == -EBADF ? "no such open descriptor" : strerror(-e));
        return e;
    }
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot write sidecar '%s': Is a directory", path);
        return -EISDIR;
    }
    tmp = malloc(dirlen + sizeof(MT_ATOMIC_TMP_PREFIX "check.XXXXXX"));
    if (!tmp) {
        snprintf(err, errlen, "cannot write sidecar '%s': out of memory", path);
        return -ENOMEM;
    }
    memcpy(tmp, path, dirlen);
    strcpy(tmp + dirlen, MT_ATOMIC_TMP_PREFIX "check.XXXXXX");
    fd = mkstemp(tmp); /* removed at once: a crash here is the only leftover */
    if (fd < 0) {
        e = errno;
        snprintf(err, errlen, "cannot write sidecar '%s': %s", path, strerror(e));
        free(tmp);
        return -e;
    }
    close(fd);
    unlink(tmp);
    free(tmp);
    return 0;
}
