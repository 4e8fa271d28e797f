/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Garbage collection of sidecars: removes entries whose source is gone or
 * changed (mt_cache_check() says stale or corrupt) and leftover temporary
 * files of interrupted writes. Used by `montage-sidecar gc`.
 */
#ifndef MONTAGE_CACHE_CACHE_GC_H
#define MONTAGE_CACHE_CACHE_GC_H

#include "cache_lookup.h"

/* Called for every file gc removes (or would remove with dry_run);
 * state is MT_CACHE_STALE or MT_CACHE_CORRUPT (temporary files: CORRUPT).
 * source_gone is 1 only when the sidecar read and its media (named by the
 * sidecar's name, else its recorded source path) does not exist: not for
 * a changed source, an unreadable one, or a sidecar of another schema
 * version (what a newer install wrote). dirfd is the folder the file was
 * judged and removed in, open during the call: files beside it are
 * removed relative to it (the path's folders may have been renamed). */
typedef void (*MtGcReport)(const char *path, int dirfd, MtCacheState state, const char *why,
                           int source_gone, void *opaque);

typedef struct MtGcOptions {
    int        dry_run;
    long       tmp_min_age_s; /* temporary files younger than this are kept
                                 (a writer may still be working on them) */
    MtGcReport report;        /* may be NULL */
    /* Called for a file named like a sidecar that gc leaves because of its
     * type (why: "a directory", "a FIFO", "a link to a directory", ...);
     * may be NULL. */
    void     (*skipped)(const char *path, const char *why, void *opaque);
    /* Called for a file gc judged and keeps for a reason the user should
     * hear (why: one line, e.g. the name was replaced while gc read it);
     * may be NULL. */
    void     (*kept)(const char *path, const char *why, void *opaque);
    void      *opaque;
} MtGcOptions;

typedef struct MtGcStats {
    unsigned scanned, removed, kept, failed;
} MtGcStats;

/* 1 when the last component of path is a name gc handles: a sidecar's
 * as montage-analyze names them (mt_cache_sidecar_name_kind:
 * MEDIA.KIND.montage.msgpack, <16 hex>.KIND.msgpack) or a temporary
 * file's. What a directory scan looks at (other files in it are not
 * read: a user's notes.scene.msgpack is not gc's). */
int mt_cache_gc_named(const char *path);

/* 1 when gc may judge the file at path: it is named as above, or it
 * reads as a Montage sidecar whatever its name (a sidecar written with
 * montagescene=sidecar=shots.msgpack; stale, valid or of another analyser
 * version). 0 for any other file, which gc never removes: given by name
 * (a media file among sidecars in a glob), it would read as corrupt. */
int mt_cache_gc_accepts(const char *path);

/* One sidecar file (next-to-media, cache entry or named by the user), or
 * a temporary file (removed only when older than tmp_min_age_s). A stale
 * sidecar whose media cannot be looked at (its folder is not there or
 * empty: a disk not mounted; or an error but ENOENT) is passed to
 * opt->kept, with the folder named, and kept: the sidecar records no
 * device, so only a media missing from a folder that is there and holds
 * other files counts as gone. The media of a MEDIA.KIND.montage.msgpack
 * sidecar is looked at in the folder the sidecar was read from. Only a
 * regular file or a symbolic link to one (or a dangling link) is looked
 * at: a directory, FIFO, socket or device, or a link to one, is passed
 * to opt->skipped and kept (0). A sidecar is removed when stale; a file
 * that does not read (corrupt) only under a name montage writes there
 * (MEDIA.KIND.montage.msgpack, or <16 hex>.KIND.msgpack in a cache's
 * by-path/): a 16-hex name elsewhere is passed to opt->kept and kept,
 * any other name is left alone with -EINVAL (mt_cache_gc_accepts). 0, or
 * -errno when removing failed. */
int mt_cache_gc_file(const char *sidecar_path, const MtGcOptions *opt, MtGcStats *st);

/* Every sidecar and temporary file directly in dir (not recursive):
 * files (or links) named as mt_cache_gc_named says; a directory so named
 * is skipped.
 * 0, or -errno when dir cannot be read or a removal failed. */
int mt_cache_gc_dir(const char *dir, const MtGcOptions *opt, MtGcStats *st);

#endif /* MONTAGE_CACHE_CACHE_GC_H */
