/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar garbage collection (see cache_gc.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "cache_gc.h"
#include "sidecar_read.h"
#include "source_identity.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && !strcmp(s + n - k, suffix);
}

static int is_sidecar_name(const char *name)
{
    return ends_with(name, ".scene" MT_CACHE_SUFFIX_NEXT_TO_MEDIA) ||
           ends_with(name, ".beat" MT_CACHE_SUFFIX_NEXT_TO_MEDIA) ||
           ends_with(name, ".scene.msgpack") || ends_with(name, ".beat.msgpack");
}

static int remove_one(const char *path, MtCacheState state, const char *why, int gone,
                      const MtGcOptions *opt, MtGcStats *st)
{
    if (!opt->dry_run && unlink(path) < 0 && errno != ENOENT) {
        st->failed++;
        return -errno;
    }
    st->removed++;
    if (opt->report)
        opt->report(path, state, why, gone, opt->opaque);
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int mt_cache_gc_named(const char *path)
{
    const char *name = base_name(path);
    return mt_atomic_is_temp_name(name) || is_sidecar_name(name);
}

int mt_cache_gc_accepts(const char *path)
{
    /* by content: a sidecar written under a name of the user's choice
     * (montagescene=sidecar=shots.msgpack) reads as one, a media file or
     * any other file does not (corrupt, the state gc would remove) */
    return mt_cache_gc_named(path) ||
           mt_cache_check(path, NULL, 0, -1, NULL, 0, NULL, 0) != MT_CACHE_CORRUPT;
}

static int gc_temp(const char *path, const MtGcOptions *opt, MtGcStats *st);

/* 1 when the sidecar reads and the media it belongs to is missing (ENOENT):
 * the one case where what was made from it (the exports) is garbage too.
 * A changed source is redone over the same exports; a sidecar that does
 * not read (another schema version) says nothing about its media. Read
 * before the sidecar is removed. */
static int source_gone(const char *sidecar_path)
{
    MtSidecar *sc;
    MtSidecarError e;
    char media[MT_PATH_MAX];
    const char *m = NULL;
    struct stat sb;
    int gone;

    if (mt_sidecar_read_file_ex(sidecar_path, MT_SIDECAR_READ_NO_ARRAY_DATA, &sc, &e) < 0)
        return 0;
    if (mt_cache_media_of_sidecar(sidecar_path, media, sizeof(media)) == 0)
        m = media;
    else
        m = sc->source.path;
    gone = m && stat(m, &sb) < 0 && errno == ENOENT;
    mt_sidecar_free(sc);
    return gone;
}

/* What a file of this mode is, for the message that says why gc left it;
 * NULL for a regular file. */
static const char *not_regular(mode_t mode)
{
    if (S_ISREG(mode))
        return NULL;
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    return "no regular file";
}

/* The type rule of the folder scan for every file gc is given: a regular
 * file, or a link to one or to nothing (unlinking a link never touches
 * its target). Anything else so named is nothing gc wrote, and reading it
 * could block (a FIFO) or unlinking it fail (a directory). */
static int skip_by_type(const char *path, const MtGcOptions *opt)
{
    struct stat sb;
    const char *what;
    char why[64];
    if (lstat(path, &sb) < 0)
        return 0; /* gone: mt_cache_check says missing */
    if (S_ISLNK(sb.st_mode)) {
        if (stat(path, &sb) < 0 || !(what = not_regular(sb.st_mode)))
            return 0;
        snprintf(why, sizeof(why), "a link to %s", what);
        what = why;
    } else if (!(what = not_regular(sb.st_mode))) {
        return 0;
    }
    if (opt->skipped)
        opt->skipped(path, what, opt->opaque);
    return 1;
}

int mt_cache_gc_file(const char *sidecar_path, const MtGcOptions *opt, MtGcStats *st)
{
    char why[1024];
    if (skip_by_type(sidecar_path, opt))
        return 0;
    if (mt_atomic_is_temp_name(base_name(sidecar_path)))
        return gc_temp(sidecar_path, opt, st);
    MtCacheState s = mt_cache_check(sidecar_path, NULL, 0, -1, NULL, 0, why, sizeof(why));
    /* checked on the very read that decides: a file named otherwise is
     * only gc's when it reads as a sidecar */
    if (s == MT_CACHE_CORRUPT && !is_sidecar_name(base_name(sidecar_path)))
        return -EINVAL;

    st->scanned++;
    if (s == MT_CACHE_STALE || s == MT_CACHE_CORRUPT)
        return remove_one(sidecar_path, s, why, s == MT_CACHE_STALE && source_gone(sidecar_path),
                          opt, st);
    st->kept++;
    return 0;
}

static int gc_temp(const char *path, const MtGcOptions *opt, MtGcStats *st)
{
    struct stat sb;
    st->scanned++;
    if (lstat(path, &sb) < 0 || !S_ISREG(sb.st_mode) ||
        difftime(time(NULL), sb.st_mtime) < (double)opt->tmp_min_age_s) {
        st->kept++;
        return 0;
    }
    return remove_one(path, MT_CACHE_CORRUPT, "leftover temporary file of an interrupted write", 0,
                      opt, st);
}

int mt_cache_gc_dir(const char *dir, const MtGcOptions *opt, MtGcStats *st)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int ret = 0;

    if (!d)
        return -errno;
    while ((de = readdir(d))) {
        char path[MT_PATH_MAX];
        int r = 0;
        if (!mt_cache_gc_named(de->d_name))
            continue;
        if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
            continue;
        /* files only: a directory (or FIFO, socket, device) so named is
         * nothing gc made, and unlinking it would fail the whole scan;
         * links are judged by their target in mt_cache_gc_file */
        struct stat sb;
        if (lstat(path, &sb) < 0 || !(S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)))
            continue;
        r = mt_cache_gc_file(path, opt, st);
        if (r < 0)
            ret = r;
    }
    closedir(d);
    return ret;
}
