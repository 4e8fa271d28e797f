/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * One lock file per media file being analysed, next to its first sidecar
 * ("<sidecar>.lock" with the ".scene.montage.msgpack" kind part replaced
 * by ".montage.lock"), held with flock(2) for the whole job. Drivers
 * sharing a cache directory (on one host or over NFSv4, which maps flock
 * to byte-range locks) thus never analyse a file twice at the same time:
 * the second one finds it busy, comes back later and then finds the
 * sidecars valid. The holder unlinks the file before unlocking; a
 * contender checks after locking that the file it locked is still the
 * one at the path, so the unlink cannot let two holders in.
 */
#ifndef MONTAGE_DRIVER_ENTRY_LOCK_H
#define MONTAGE_DRIVER_ENTRY_LOCK_H

#include <stddef.h>

typedef struct MtEntryLock {
    int   fd;   /* -1 when not held */
    char *path;
} MtEntryLock;

#define MT_LOCK_ACQUIRED 0
#define MT_LOCK_BUSY     1

/* Tries once, without waiting. Returns MT_LOCK_ACQUIRED, MT_LOCK_BUSY or a
 * negative errno (e.g. -EACCES/-EROFS when the directory is not writable,
 * -ELOOP when a symbolic link is at lock_path: never followed, -EINVAL when
 * a FIFO or device is there). A lock file there that we may not write
 * (another user's) is locked through a read-only descriptor when we may
 * write its directory; in one we may not, it is -EACCES as with none. */
int mt_entry_lock_try(MtEntryLock *lock, const char *lock_path);

/* Unlinks (only when lock_path still names the locked file) and unlocks;
 * a no-op when not held. */
void mt_entry_lock_release(MtEntryLock *lock);

/* 1 when lock_path (not followed if a link) names the file open at fd
 * (same device and inode), else 0: the check of the flock + unlink
 * protocol, made after locking and before unlinking. */
int mt_entry_lock_names_fd(const char *lock_path, int fd);

/* The lock path for a sidecar path: "X.scene.montage.msgpack" or
 * "X.beat.montage.msgpack" -> "X.montage.lock", anything else + ".lock".
 * Returns 0 or -1 when out is too small. */
int mt_entry_lock_path(const char *sidecar_path, char *out, size_t out_size);

#endif /* MONTAGE_DRIVER_ENTRY_LOCK_H */
