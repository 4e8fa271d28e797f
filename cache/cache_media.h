// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * What gc reads and judges relative to a folder's fd, with the stat it
 * took. Internal, not installed: these take a struct stat, whose layout
 * differs with _FILE_OFFSET_BITS on 32-bit systems (the Makefile and
 * montage-sidecar.pc set neither way), so they stay out of
 * libmontage-sidecar's public headers (cache_lookup.h, sidecar_read.h)
 * and its exported symbols (MT_INTERNAL).
 */
#ifndef MONTAGE_CACHE_CACHE_MEDIA_H
#define MONTAGE_CACHE_CACHE_MEDIA_H

#include <stddef.h>
#include <sys/stat.h>

#include "cache_lookup.h"
#include "sidecar_read.h"

#define MT_INTERNAL __attribute__((visibility("hidden")))

/* mt_sidecar_read_file_ex of name relative to the folder open as dirfd
 * (AT_FDCWD: the current one); *st (may be NULL) gets the fstat of the
 * file read (after links) when it could be opened, else st_ino 0. */
MT_INTERNAL int mt_sidecar_read_file_at(int dirfd, const char *name, unsigned flags, MtSidecar **out,
                                        struct stat *st, MtSidecarError *err);

/* The media a sidecar is judged against, looked at once: name relative
 * to the folder open as dirfd (AT_FDCWD: a path), and the result of one
 * fstatat of it (following links), which every later question about the
 * media answers from (gc: is it there, is it gone, is its folder there). */
typedef struct MtCacheMedia {
    int         dirfd;
    const char *name;  /* relative to dirfd */
    const char *shown; /* the media's path, for messages */
    int         err;   /* 0, or the errno of the fstatat */
    struct stat st;    /* valid when err is 0 */
} MtCacheMedia;

/* Fills m (name and shown are kept as pointers) with one fstatat. */
MT_INTERNAL void mt_cache_media_look(MtCacheMedia *m, int dirfd, const char *name, const char *shown);

/* mt_cache_check_media's verdict on a sidecar the caller read itself: sc
 * as mt_sidecar_read_file_ex (or _at) returned it, or NULL with e the
 * read's error. For a caller that must act on exactly the file it judged
 * (gc reads it relative to its folder's fd). sidecar_path names it (the
 * media of a next-to-media name). media, when not NULL, is the media
 * looked at by the caller (gc: the media of a next-to-media sidecar in
 * the very folder the sidecar was read from), and media_path is not
 * used; NULL: media_path, else the one sidecar_path names, else the
 * recorded source path, looked at by path. */
MT_INTERNAL MtCacheState mt_cache_judge(const MtSidecar *sc, const MtSidecarError *e,
                                        const char *sidecar_path, const MtCacheMedia *media,
                                        const char *media_path, MtSidecarKind kind,
                                        int analyser_version, const MtConfigEntry *required,
                                        size_t n_required, double media_duration_s,
                                        int *coverage_compared, char *why, size_t whylen);

#endif
