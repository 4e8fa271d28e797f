// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Opens a name for reading only if it is a regular file, judged on the
 * file that is opened, not on an earlier stat() of the name: a name
 * swapped between a stat() and an open() (rename with a link to a device
 * or a FIFO) would otherwise open a device (an act: /dev/watchdog arms)
 * or block on a FIFO. Used by the sidecar reader and the media digest.
 */
#ifndef MONTAGE_CACHE_REGULAR_OPEN_H
#define MONTAGE_CACHE_REGULAR_OPEN_H

#include <sys/stat.h>

/* Failures of mt_regular_open (an fd is >= 0). */
#define MT_REGULAR_OPEN_ERRNO       (-1) /* errno says why */
#define MT_REGULAR_OPEN_NOT_REGULAR (-2) /* the name (after links) is no regular file */
#define MT_REGULAR_OPEN_NO_PROC     (-3) /* /proc is not mounted: refused, no plain open */

/* Text for MT_REGULAR_OPEN_NO_PROC, for the callers' messages. */
#define MT_REGULAR_OPEN_NO_PROC_TEXT "/proc is not mounted (needed to open a file safely)"

/* Follows links. Returns a read-only, non-blocking, close-on-exec fd of a
 * regular file and its fstat in *st, or one of the failures above. */
int mt_regular_open(const char *path, struct stat *st);

/* The same for name relative to the folder open as dirfd (AT_FDCWD: the
 * current one), so that the file read is the one in that folder even when
 * a folder on the way to it is renamed meanwhile (what gc needs: it
 * removes the file it judged through the same dirfd). */
int mt_regular_openat(int dirfd, const char *name, struct stat *st);

#endif /* MONTAGE_CACHE_REGULAR_OPEN_H */
