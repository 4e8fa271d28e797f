/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* flock-based per-entry locks; see entry_lock.h. */
#define _DEFAULT_SOURCE /* flock */
#include "driver/entry_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether this user may create files in the folder of path. */
static int dir_writable(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return access(".", W_OK) == 0;
    if (slash == path)
        return access("/", W_OK) == 0;
    char *dir = strndup(path, (size_t)(slash - path));
    int ok = dir && access(dir, W_OK) == 0;
    free(dir);
    return ok;
}

int mt_entry_lock_try(MtEntryLock *lock, const char *lock_path)
{
    lock->fd = -1;
    lock->path = NULL;
    for (int attempt = 0; attempt < 100; attempt++) {
        /* never through a link (a dangling one planted as the lock made us
         * create its target, as root anywhere), never block on a FIFO so
         * named, never take a terminal as ours */
        int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY,
                      0666);
        struct stat held;
        int read_only = 0;
        if (fd < 0 && errno == EACCES) {
            /* a lock file left by another user (root's 0644 after a crash)
             * that we may not write: flock needs no write access, so lock
             * it read-only, but only in a folder we may write (where the
             * sidecar is written next): in another the caller's "cannot
             * write" is the error, not ffmpeg's late one */
            if (!dir_writable(lock_path))
                return -EACCES;
            fd = open(lock_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
            if (fd < 0 && errno == ENOENT)
                continue; /* its holder released it between the two opens */
            if (fd < 0)
                return -EACCES;
            read_only = 1;
        }
        if (fd < 0)
            return -errno;
        if (fstat(fd, &held) == 0 && !S_ISREG(held.st_mode)) {
            close(fd); /* a FIFO or device there is nothing we can lock on */
            return -EINVAL;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
            int err = errno;
            close(fd);
            /* NFS emulates flock with byte-range locks, whose exclusive
             * form needs a descriptor open for writing: there the
             * read-only one fails with EBADF, and the cause is still
             * that we may not write the file */
            if (read_only && err == EBADF)
                err = EACCES;
            return err == EWOULDBLOCK ? MT_LOCK_BUSY : -err;
        }
        /* the previous holder may have unlinked it between our open and
         * our flock: then we hold a lock nobody else will see */
        if (mt_entry_lock_names_fd(lock_path, fd)) {
            lock->fd = fd;
            lock->path = strdup(lock_path);
            if (!lock->path) {
                unlink(lock_path);
                close(fd);
                lock->fd = -1;
                return -ENOMEM;
            }
            return MT_LOCK_ACQUIRED;
        }
        close(fd);
    }
    return MT_LOCK_BUSY;
}

int mt_entry_lock_names_fd(const char *lock_path, int fd)
{
    struct stat held, current;
    /* lstat: a link planted at the path names another file, not ours */
    return fstat(fd, &held) == 0 && lstat(lock_path, &current) == 0 &&
           held.st_dev == current.st_dev && held.st_ino == current.st_ino;
}

void mt_entry_lock_release(MtEntryLock *lock)
{
    if (lock->fd < 0)
        return;
    /* only while the path still names the file we hold: if it was removed
     * and another driver created and locked a new one there, unlinking by
     * name would take the new holder's lock from under it (a third driver
     * would then create another and get in too) */
    if (mt_entry_lock_names_fd(lock->path, lock->fd))
        unlink(lock->path);
    close(lock->fd);
    free(lock->path);
    lock->fd = -1;
    lock->path = NULL;
}

int mt_entry_lock_path(const char *sidecar_path, char *out, size_t out_size)
{
    static const char *const suffixes[] = { ".scene.montage.msgpack", ".beat.montage.msgpack" };
    size_t len = strlen(sidecar_path);
    for (size_t i = 0; i < 2; i++) {
        size_t ls = strlen(suffixes[i]);
        if (len > ls && !strcmp(sidecar_path + len - ls, suffixes[i])) {
            int n = snprintf(out, out_size, "%.*s.montage.lock", (int)(len - ls), sidecar_path);
            return n < 0 || (size_t)n >= out_size ? -1 : 0;
        }
    }
    int n = snprintf(out, out_size, "%s.lock", sidecar_path);
    return n < 0 || (size_t)n >= out_size ? -1 : 0;
}
