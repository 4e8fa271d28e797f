/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar garbage collection (see cache_gc.h). Every file is judged and
 * removed relative to one open fd of its folder (gc_unlink.h), never by
 * its path twice.
 */
#define _GNU_SOURCE /* fstatat, dirfd */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "cache_gc.h"
#include "cache_gc_steps.h"
#include "cache_media.h"
#include "gc_names.h"
#include "gc_unlink.h"
#include "sidecar_read.h"
#include "source_identity.h"

/* a test hook (tests/unit): not part of libmontage-sidecar's ABI */
__attribute__((visibility("hidden"))) void (*mt_cache_gc_before_read)(int dirfd, const char *name);

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int mt_cache_gc_named(const char *path)
{
    const char *name = base_name(path);
    int in_cache;
    /* the one parser of sidecar names (cache_lookup.c); any other
     * *.KIND.msgpack is a user's file unless it reads as a sidecar */
    return mt_atomic_is_temp_name(name) || mt_cache_sidecar_name_kind(name, NULL, &in_cache) >= 0;
}

int mt_cache_gc_accepts(const char *path)
{
    /* by content: a sidecar written under a name of the user's choice
     * (montagescene=sidecar=shots.msgpack) reads as one, a media file or
     * any other file does not (corrupt, the state gc would remove) */
    return mt_cache_gc_named(path) ||
           mt_cache_check(path, NULL, 0, -1, NULL, 0, NULL, 0) != MT_CACHE_CORRUPT;
}

/* Looks once at the media a sidecar that read belongs to: the one its
 * name names, in the folder the sidecar was read from (dirfd: by path, a
 * folder renamed meanwhile gave another folder's media, and gc removed a
 * valid sidecar), else its recorded source path (a cache entry: an
 * absolute path). 0 when neither; buf holds the names m points to. */
static int look_media(const MtSidecar *sc, int dirfd, const char *name, const char *sidecar_path,
                      MtCacheMedia *m, char (*buf)[MT_PATH_MAX])
{
    if (!sc)
        return 0;
    if (mt_cache_media_of_sidecar(name, buf[0], sizeof(buf[0])) == 0 &&
        mt_cache_media_of_sidecar(sidecar_path, buf[1], sizeof(buf[1])) == 0) {
        mt_cache_media_look(m, dirfd, buf[0], buf[1]);
        return 1;
    }
    if (!sc->source.path)
        return 0;
    mt_cache_media_look(m, AT_FDCWD, sc->source.path, sc->source.path);
    return 1;
}

/* 1 when the media looked at is missing (ENOENT): the one case where what
 * was made from it (the exports) is garbage too. A changed source is
 * redone over the same exports; a sidecar that does not read (another
 * schema version) says nothing about its media. Taken from the very look
 * that judged the sidecar. */
static int source_gone(const MtCacheMedia *m)
{
    return m && m->err == ENOENT;
}

/* 1 when the folder open as fd has no entry but . and .. (an empty mount
 * point: the disk is away); fd is closed. A folder that cannot be read
 * counts as not empty (its media is then judged as the look saw it). */
static int folder_empty(int fd)
{
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *de;
    int empty = 1;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    while (empty && (de = readdir(d)))
        empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
    closedir(d);
    return empty;
}

/* 1, with why, when the media of a stale sidecar cannot be looked at: gc
 * cannot tell a media deleted from one on a disk not mounted, as the
 * sidecar records no device (MtSourceIdentity: size, times, inode,
 * digest, path). The media counts as gone only when its own folder is
 * there, not empty, and the media is not in it; a missing folder (an
 * unplugged disk's folders go with it), an empty one (the mount point of
 * a disk not mounted: a media straight in it) or any error but ENOENT
 * keeps the sidecar. A media next to its sidecar is looked at in the
 * sidecar's folder, which is there and holds the sidecar. The folder is
 * named in why (the caller escapes it). */
static int media_unreachable(const MtCacheMedia *m, char *why, size_t len)
{
    char folder[MT_PATH_MAX];
    const char *slash;
    struct stat sb;

    if (!m)
        return 0;
    /* a recorded source= as given (montagebeat=source=song.flac) is
     * relative to the folder analysis ran in, which gc does not know:
     * looked up from gc's own folder it names another file or none */
    if (m->dirfd == AT_FDCWD && m->name[0] != '/') {
        snprintf(why, len, "its media's recorded path %s is relative, so the media is not known "
                 "to be gone", m->shown);
        return 1;
    }
    if (!m->err)
        return 0;
    /* a link whose target is missing (a media linked from a disk not
     * mounted): the link's own folder says nothing of the target's */
    if (m->err == ENOENT && fstatat(m->dirfd, m->name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISLNK(sb.st_mode)) {
        snprintf(why, len, "its media %s is a link to a file that is not there (a disk not "
                 "mounted?), so the media is not known to be gone", m->shown);
        return 1;
    }
    if (m->err != ENOENT) {
        snprintf(why, len, "its media cannot be looked at (%s), so it is not known to be gone",
                 strerror(m->err));
        return 1;
    }
    if (m->dirfd != AT_FDCWD) /* the sidecar's own folder, open */
        return 0;
    slash = strrchr(m->name, '/');
    if (!slash)
        snprintf(folder, sizeof(folder), ".");
    else if (slash == m->name)
        snprintf(folder, sizeof(folder), "/");
    else
        snprintf(folder, sizeof(folder), "%.*s", (int)(slash - m->name), m->name);
    if (stat(folder, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
        snprintf(why, len, "the folder of its media is not there: %s (a disk not mounted?), so the "
                 "media is not known to be gone", folder);
        return 1;
    }
    if (folder_empty(open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC))) {
        snprintf(why, len, "the folder of its media is empty: %s (a disk not mounted?), so the "
                 "media is not known to be gone", folder);
        return 1;
    }
    return 0;
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
 * could block (a FIFO) or unlinking it fail (a directory). lst is the
 * name's lstat. */
static int skip_by_type(const MtGcVerdict *v, const struct stat *lst, const MtGcOptions *opt)
{
    struct stat sb;
    const char *what;
    char why[64];
    if (S_ISLNK(lst->st_mode)) {
        if (fstatat(v->dirfd, v->name, &sb, 0) < 0 || !(what = not_regular(sb.st_mode)))
            return 0;
        snprintf(why, sizeof(why), "a link to %s", what);
        what = why;
    } else if (!(what = not_regular(lst->st_mode))) {
        return 0;
    }
    if (opt->skipped)
        opt->skipped(v->path, what, opt->opaque);
    return 1;
}

static int keep(const MtGcVerdict *v, const char *why, const MtGcOptions *opt, MtGcStats *st)
{
    st->kept++;
    if (why && opt->kept)
        opt->kept(v->path, why, opt->opaque);
    return 0;
}

static int judge_temp(MtGcVerdict *v, const MtGcOptions *opt, MtGcStats *st)
{
    st->scanned++;
    if (!S_ISREG(v->judged.st_mode) ||
        difftime(time(NULL), v->judged.st_mtime) < (double)opt->tmp_min_age_s)
        return keep(v, NULL, opt, st);
    v->state = MT_CACHE_CORRUPT;
    v->remove = 1;
    snprintf(v->why, sizeof(v->why), "leftover temporary file of an interrupted write");
    return 0;
}

int mt_cache_gc_judge_at(int dirfd, const char *name, const char *path, const MtGcOptions *opt,
                         MtGcStats *st, MtGcVerdict *v)
{
    MtSidecar *sc;
    MtSidecarError e;
    struct stat opened, now;
    MtCacheMedia media;
    char media_names[2][MT_PATH_MAX];
    int have_media;

    memset(v, 0, sizeof(*v));
    v->dirfd = dirfd;
    v->path = path;
    v->name = name;
    if (fstatat(dirfd, name, &v->judged, AT_SYMLINK_NOFOLLOW) < 0) {
        st->scanned++; /* gone: what mt_cache_check calls missing */
        return keep(v, NULL, opt, st);
    }
    if (skip_by_type(v, &v->judged, opt))
        return 0;
    if (mt_atomic_is_temp_name(name))
        return judge_temp(v, opt, st);

    if (mt_cache_gc_before_read)
        mt_cache_gc_before_read(dirfd, name);
    mt_sidecar_read_file_at(dirfd, name, MT_SIDECAR_READ_NO_ARRAY_DATA, &sc, &opened, &e);
    /* the verdict is on the file read: the name must still be the file
     * lstat() saw (a link's own inode: a link cannot be changed in place,
     * only replaced), and without a link the file opened is that one */
    if (fstatat(dirfd, name, &now, AT_SYMLINK_NOFOLLOW) < 0 || !mt_gc_same_file(&now, &v->judged) ||
        (!S_ISLNK(v->judged.st_mode) && opened.st_ino && !mt_gc_same_file(&opened, &v->judged))) {
        mt_sidecar_free(sc);
        st->scanned++;
        return keep(v, "replaced while gc read it", opt, st);
    }
    have_media = look_media(sc, dirfd, name, path, &media, media_names);
    v->state = mt_cache_judge(sc, &e, path, have_media ? &media : NULL, NULL, 0, -1, NULL, 0, 0,
                              NULL, v->why, sizeof(v->why));
    /* checked on the very read that decides: a file that does not read
     * is removed only under a name montage writes in this folder; one
     * named otherwise is only gc's when it reads as a sidecar, and a
     * 16-hex name outside a cache's by-path/ is a user's (said, kept) */
    if (v->state == MT_CACHE_CORRUPT && mt_gc_montage_kind(dirfd, name) < 0) {
        mt_sidecar_free(sc);
        if (!mt_cache_gc_named(name))
            return -EINVAL;
        char why[1200];
        snprintf(why, sizeof(why), "does not read (%s), and montage writes that name only in a "
                 "cache's " MT_CACHE_BY_PATH_DIR "/", v->why);
        st->scanned++;
        return keep(v, why, opt, st);
    }
    st->scanned++;
    char why[MT_PATH_MAX + 256]; /* a folder's path and the words round it */
    if (v->state == MT_CACHE_STALE && media_unreachable(have_media ? &media : NULL, why, sizeof(why))) {
        mt_sidecar_free(sc);
        return keep(v, why, opt, st);
    }
    if (v->state == MT_CACHE_STALE || v->state == MT_CACHE_CORRUPT) {
        v->remove = 1;
        v->source_gone = v->state == MT_CACHE_STALE && source_gone(have_media ? &media : NULL);
    } else {
        keep(v, NULL, opt, st);
    }
    mt_sidecar_free(sc);
    return 0;
}

int mt_cache_gc_judge(const char *path, const MtGcOptions *opt, MtGcStats *st, MtGcVerdict *v)
{
    const char *name;
    int fd = mt_gc_open_parent(path, &name), r;

    memset(v, 0, sizeof(*v));
    v->dirfd = -1;
    if (fd < 0)
        return fd;
    r = mt_cache_gc_judge_at(fd, name, path, opt, st, v);
    v->own_dirfd = 1;
    if (r < 0)
        mt_cache_gc_verdict_end(v);
    return r;
}

void mt_cache_gc_verdict_end(MtGcVerdict *v)
{
    if (v->own_dirfd && v->dirfd >= 0)
        close(v->dirfd);
    v->dirfd = -1;
    v->own_dirfd = 0;
}

int mt_cache_gc_remove(const MtGcVerdict *v, const MtGcOptions *opt, MtGcStats *st)
{
    if (!v->remove)
        return 0;
    if (!opt->dry_run) {
        int r = mt_gc_unlink_judged(v->dirfd, v->name, &v->judged);
        if (r == MT_GC_UNLINK_OTHER_FILE)
            return keep(v, "replaced since gc judged it", opt, st);
        if (r < 0 && r != -ENOENT) {
            st->failed++;
            return r;
        }
    }
    st->removed++;
    if (opt->report)
        opt->report(v->path, v->dirfd, v->state, v->why, v->source_gone, opt->opaque);
    return 0;
}

int mt_cache_gc_file(const char *sidecar_path, const MtGcOptions *opt, MtGcStats *st)
{
    MtGcVerdict v;
    int r = mt_cache_gc_judge(sidecar_path, opt, st, &v);
    if (r < 0)
        return r;
    r = mt_cache_gc_remove(&v, opt, st);
    mt_cache_gc_verdict_end(&v);
    return r;
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
        MtGcVerdict v = { 0 };
        struct stat sb;
        int r;
        if (!mt_cache_gc_named(de->d_name))
            continue;
        if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
            continue;
        /* files only: a directory (or FIFO, socket, device) so named is
         * nothing gc made, and unlinking it would fail the whole scan;
         * links are judged by their target in mt_cache_gc_judge_at */
        if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
            !(S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)))
            continue;
        /* the scan's own fd of dir: every file is judged and removed in
         * the folder listed, whatever is renamed meanwhile */
        r = mt_cache_gc_judge_at(dirfd(d), de->d_name, path, opt, st, &v);
        if (r == 0)
            r = mt_cache_gc_remove(&v, opt, st);
        if (r < 0)
            ret = r;
    }
    closedir(d);
    return ret;
}
