// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * The two steps of mt_cache_gc_file, apart so that a test can change the
 * file system between them (a folder renamed between the judging and the
 * removal): not installed, not part of the library's interface.
 */
#ifndef MONTAGE_CACHE_CACHE_GC_STEPS_H
#define MONTAGE_CACHE_CACHE_GC_STEPS_H

#include <sys/stat.h>

#include "cache_gc.h"

typedef struct MtGcVerdict {
    int          dirfd;      /* the folder the file was judged in */
    int          own_dirfd;  /* 1: closed by mt_cache_gc_verdict_end */
    const char  *path, *name; /* as given; name relative to dirfd */
    struct stat  judged;     /* lstat of name when it was judged */
    MtCacheState state;
    int          remove;     /* 1: stale, corrupt or an old temporary file */
    int          source_gone;
    char         why[1024];
} MtGcVerdict;

/* Judges path: its folder is opened once and the file read relative to
 * it. 0 (v->remove says what to do), -EINVAL for a file gc does not take
 * (mt_cache_gc_accepts), -errno when the folder cannot be opened. Call
 * mt_cache_gc_verdict_end after a 0. */
int mt_cache_gc_judge(const char *path, const MtGcOptions *opt, MtGcStats *st, MtGcVerdict *v);

/* The judging of name in the folder open as dirfd (path names it, for
 * messages and the reports): what mt_cache_gc_judge does once it opened
 * the folder; dirfd stays the caller's (v->own_dirfd 0). */
int mt_cache_gc_judge_at(int dirfd, const char *name, const char *path, const MtGcOptions *opt,
                         MtGcStats *st, MtGcVerdict *v);

/* Removes what v judged, in v->dirfd, only while its name is still that
 * file; reports it. 0 or -errno. */
int mt_cache_gc_remove(const MtGcVerdict *v, const MtGcOptions *opt, MtGcStats *st);

void mt_cache_gc_verdict_end(MtGcVerdict *v);

/* Tests only (NULL otherwise): called between the judging lstat of name
 * and its read, where a test replaces the file to see it kept. */
extern __attribute__((visibility("hidden"))) void (*mt_cache_gc_before_read)(int dirfd, const char *name);

#endif /* MONTAGE_CACHE_CACHE_GC_STEPS_H */
