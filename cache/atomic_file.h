/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Atomic, durable replacement of a file: the data goes to a temporary file
 * in the target's directory, is fsynced, renamed over the target, and the
 * directory is fsynced. Readers see the old file or the new one, never a
 * partial one, even after kill -9 or a crash; racing writers leave one
 * complete file. Writer side: C11 + POSIX 2001 only (compiled into FFmpeg).
 */
#ifndef MONTAGE_CACHE_ATOMIC_FILE_H
#define MONTAGE_CACHE_ATOMIC_FILE_H

#include <stddef.h>

/* Temporary files are named ".montage.<pid>.<n>.tmp" in the target's
 * directory; readers never open them and gc removes old ones. */
#define MT_ATOMIC_TMP_PREFIX ".montage."
#define MT_ATOMIC_TMP_SUFFIX ".tmp"

/* Test hook: called after the data is written and fsynced and before the
 * rename, so a test can kill the process at the worst moment. */
typedef struct MtAtomicHooks {
    void (*before_rename)(const char *tmp_path, void *opaque);
    void *opaque;
} MtAtomicHooks;

/* Replaces `path` with `len` bytes of `data`. The new file gets mode 0666
 * minus the umask. Returns 0, or a negative errno with a one-line cause
 * naming the file in err (the temporary file is removed then). hooks may
 * be NULL. A symbolic link is replaced itself, never followed: a link
 * planted next to media would otherwise let whoever planted it have a
 * root run overwrite any file. A path that is a character device, pipe
 * or socket, itself or at the end of a link (/dev/null, a FIFO), is
 * written in place, not atomically: no rename can replace it and keep it
 * what it is; a pipe nobody reads is an error, not a wait. A path naming
 * one of this process's descriptors (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N) is written through it, at its offset (">>" appends).
 * A block device is refused. */
int mt_atomic_write_file(const char *path, const void *data, size_t len,
                         const MtAtomicHooks *hooks, char *err, size_t errlen);

/* How mt_atomic_write_file writes `path`. */
enum {
    MT_TARGET_REPLACE    = 0, /* a temporary file renamed over it */
    MT_TARGET_IN_PLACE   = 1, /* opened and written: a device, pipe or socket */
    MT_TARGET_DESCRIPTOR = 2  /* written through descriptor *fd */
};
/* One of the MT_TARGET_ values (*fd set for MT_TARGET_DESCRIPTOR, else
 * -1), or -ENODEV for a block device, -EBADF for a descriptor path whose
 * descriptor is not open. */
int mt_atomic_target(const char *path, int *fd);

/* Writes all len bytes of data to fd, across short writes and EINTR.
 * Returns 0, or a negative errno, errno set too (a write that takes no
 * byte counts as EIO). */
int mt_write_all(int fd, const void *data, size_t len);

/* 1 when a directory entry name is one of our temporary files. */
int mt_atomic_is_temp_name(const char *name);

#endif /* MONTAGE_CACHE_ATOMIC_FILE_H */
