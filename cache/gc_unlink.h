// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * How gc removes a file it judged: by its name in the folder it judged it
 * in (an open fd of that folder, never the path again: a folder on the
 * path renamed in between made gc delete another folder's file of the
 * same name), and only while the name still is the file judged.
 */
#ifndef MONTAGE_CACHE_GC_UNLINK_H
#define MONTAGE_CACHE_GC_UNLINK_H

#include <sys/stat.h>

/* The folder holding path, opened (O_DIRECTORY, close-on-exec), and in
 * *name the last component of path (a pointer into it). The fd, or -errno
 * (-EINVAL when path ends in '/'). */
int mt_gc_open_parent(const char *path, const char **name);

/* 1 when a and b are the same file (device and inode). */
int mt_gc_same_file(const struct stat *a, const struct stat *b);

/* What mt_gc_unlink_judged returns when the name is another file now: a
 * positive value, apart from every -errno (a real -ESTALE, from a folder
 * on NFS, is a failure to say, not a replaced file). */
#define MT_GC_UNLINK_OTHER_FILE 1

/* Unlinks name in the folder dirfd when its lstat (a link's own, never
 * its target's) is still the file judged (judged: an lstat of it): 0,
 * MT_GC_UNLINK_OTHER_FILE when the name is another file now (kept),
 * -errno otherwise (-ENOENT: gone already). Between that last lstat and the unlink only a
 * process that may write this very folder can swap the name. */
int mt_gc_unlink_judged(int dirfd, const char *name, const struct stat *judged);

#endif /* MONTAGE_CACHE_GC_UNLINK_H */
