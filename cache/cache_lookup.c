/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar location and validity (see cache_lookup.h).
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* realpath(), fstatat() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <xxhash.h>

#include "atomic_file.h"
#include "cache_lookup.h"
#include "cache_media.h"
#include "coverage.h"
#include "double_text.h"
#include "sidecar_names.h"
#include "sidecar_read.h"
#include "source_identity.h"
#include "source_stat.h"

const char *mt_cache_state_name(MtCacheState s)
{
    switch (s) {
    case MT_CACHE_VALID:   return "valid";
    case MT_CACHE_MISSING: return "missing";
    case MT_CACHE_STALE:   return "stale";
    case MT_CACHE_CORRUPT: return "corrupt";
    case MT_CACHE_NO_SOURCE: return "nosource";
    }
    return "unknown";
}

static int put(char *out, size_t outlen, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(out, outlen, fmt, ap);
    va_end(ap);
    return n < 0 ? -EINVAL : (size_t)n >= outlen ? -ENAMETOOLONG : 0;
}

int mt_cache_sidecar_path(const MtCacheLocation *loc, const char *media_path,
                          MtSidecarKind kind, char *out, size_t outlen)
{
    const char *k = mt_sidecar_kind_name(kind);
    char *real;
    int ret;

    if (!k || !media_path || !*media_path)
        return -EINVAL;
    if (!loc || !loc->cache_dir)
        return put(out, outlen, "%s.%s" MT_CACHE_SUFFIX_NEXT_TO_MEDIA, media_path, k);
    /* one entry per real file, whatever name or symlink reached it */
    if (!(real = realpath(media_path, NULL)))
        return -errno;
    ret = put(out, outlen, "%s/" MT_CACHE_BY_PATH_DIR "/%016llx.%s.msgpack", loc->cache_dir,
              (unsigned long long)XXH64(real, strlen(real), 0), k);
    free(real);
    return ret;
}

int mt_cache_default_dir(char *out, size_t outlen)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/') /* the XDG spec ignores relative values */
        return put(out, outlen, "%s/montage", xdg);
    if (home && *home)
        return put(out, outlen, "%s/.cache/montage", home);
    return -ENOENT;
}

static int mkdir_p(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        int r = mkdir(path, 0777);
        *p = '/';
        if (r < 0 && errno != EEXIST)
            return -errno;
    }
    if (mkdir(path, 0777) < 0 && errno != EEXIST)
        return -errno;
    return 0;
}

int mt_cache_dir_prepare(const char *dir, char *err, size_t errlen)
{
    static const char tag[] =
        MT_CACHEDIR_TAG_SIGNATURE "\n"
        MT_CACHEDIR_TAG_MONTAGE_LINE "\n"
        "# Backup tools that honour CACHEDIR.TAG skip this directory.\n";
    static const char marker[] = MT_CACHE_MARKER_LINE "\n";
    char path[MT_PATH_MAX];
    struct stat st;
    int ret;

    if ((ret = put(path, sizeof(path), "%s/" MT_CACHE_BY_PATH_DIR, dir)) < 0 ||
        (ret = mkdir_p(path)) < 0) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot create cache directory: %s", dir, strerror(-ret));
        return ret;
    }
    /* the marker first: a tag of another tool already there is kept, and
     * the cache is still known as montage's (gc_names.c) */
    if ((ret = put(path, sizeof(path), "%s/" MT_CACHE_BY_PATH_DIR "/" MT_CACHE_MARKER_NAME, dir)) < 0)
        return ret;
    if (stat(path, &st) < 0 &&
        (ret = mt_atomic_write_file(path, marker, sizeof(marker) - 1, NULL, err, errlen)) < 0) {
        /* a cache made before the marker (its tag there) that this user
         * may only read, or on a read-only mount: it is still used as it
         * was; gc knows it as montage's by the tag */
        char tagpath[MT_PATH_MAX];
        if (!((ret == -EACCES || ret == -EROFS) &&
              put(tagpath, sizeof(tagpath), "%s/CACHEDIR.TAG", dir) == 0 && stat(tagpath, &st) == 0))
            return ret;
        if (err && errlen)
            err[0] = '\0';
    }
    if ((ret = put(path, sizeof(path), "%s/CACHEDIR.TAG", dir)) < 0)
        return ret;
    if (stat(path, &st) == 0)
        return 0;
    return mt_atomic_write_file(path, tag, sizeof(tag) - 1, NULL, err, errlen);
}

int mt_cache_sidecar_name_kind(const char *sidecar_path, size_t *media_len, int *in_cache)
{
    static const MtSidecarKind kinds[] = { MT_KIND_SCENE, MT_KIND_BEAT };
    const char *slash = strrchr(sidecar_path, '/');
    const char *name = slash ? slash + 1 : sidecar_path;
    size_t n = strlen(sidecar_path), nn = strlen(name);
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        char suffix[64];
        size_t s = (size_t)snprintf(suffix, sizeof(suffix), ".%s" MT_CACHE_SUFFIX_NEXT_TO_MEDIA,
                                    mt_sidecar_kind_name(kinds[i]));
        if (n > s && !strcmp(sidecar_path + n - s, suffix)) {
            if (media_len)
                *media_len = n - s;
            *in_cache = 0;
            return (int)kinds[i];
        }
        s = (size_t)snprintf(suffix, sizeof(suffix), ".%s.msgpack", mt_sidecar_kind_name(kinds[i]));
        if (nn == 16 + s && !strcmp(name + 16, suffix) && strspn(name, "0123456789abcdef") == 16) {
            *in_cache = 1;
            return (int)kinds[i];
        }
    }
    return -EINVAL;
}

int mt_cache_media_of_sidecar(const char *sidecar_path, char *out, size_t outlen)
{
    size_t len;
    int in_cache;
    if (mt_cache_sidecar_name_kind(sidecar_path, &len, &in_cache) < 0 || in_cache)
        return -EINVAL;
    if (len >= outlen)
        return -ENAMETOOLONG;
    memcpy(out, sidecar_path, len);
    out[len] = 0;
    return 0;
}

static MtCacheState say(MtCacheState s, char *why, size_t whylen, const char *fmt, ...)
{
    if (why && whylen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, whylen, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* Required option present with the same value? Numbers compare as numbers
 * (an int option may have been stored from a double default, or back). */
static int config_matches(const MtConfigEntry *have, const MtConfigEntry *want)
{
    int have_num = have->type == MT_VALUE_INT || have->type == MT_VALUE_DOUBLE;
    int want_num = want->type == MT_VALUE_INT || want->type == MT_VALUE_DOUBLE;
    if (have_num && want_num) {
        if (have->type == MT_VALUE_INT && want->type == MT_VALUE_INT)
            return have->i == want->i;
        double a = have->type == MT_VALUE_INT ? (double)have->i : have->d;
        double b = want->type == MT_VALUE_INT ? (double)want->i : want->d;
        return a == b;
    }
    if (have->type != want->type)
        return 0;
    if (have->type == MT_VALUE_BOOL)
        return !have->i == !want->i;
    return have->s && want->s && !strcmp(have->s, want->s);
}

static void config_value_str(const MtConfigEntry *e, char *out, size_t outlen)
{
    switch (e->type) {
    case MT_VALUE_INT:    snprintf(out, outlen, "%lld", (long long)e->i); break;
    case MT_VALUE_DOUBLE: mt_double_text(e->d, out, outlen); break;
    case MT_VALUE_BOOL:   snprintf(out, outlen, "%s", e->i ? "true" : "false"); break;
    default:              snprintf(out, outlen, "'%s'", e->s ? e->s : ""); break;
    }
}

void mt_cache_media_look(MtCacheMedia *m, int dirfd, const char *name, const char *shown)
{
    m->dirfd = dirfd;
    m->name = name;
    m->shown = shown;
    m->err = fstatat(dirfd, name, &m->st, 0) < 0 ? errno : 0;
}

/* Source identity part of the check: fast path on the media's stat (the
 * one look m took), then size, then the content digest, read from the
 * same name in the same folder. */
static MtCacheState check_source(const MtSourceIdentity *rec, const MtCacheMedia *m,
                                 char *why, size_t whylen)
{
    MtSourceIdentity now = { 0 };
    char err[MT_PATH_MAX + 64], digest[MT_DIGEST_LEN + 1];

    if (m->err) /* mt_source_stat's message */
        return say(MT_CACHE_STALE, why, whylen, "source is gone or unreadable: %s: %s", m->shown,
                   strerror(m->err));
    if (mt_source_stat_of(&m->st, m->shown, &now, err, sizeof(err)) < 0)
        return say(MT_CACHE_STALE, why, whylen, "source is gone or unreadable: %s", err);
    if (now.size != rec->size)
        return say(MT_CACHE_STALE, why, whylen, "source size is %lld, sidecar has %lld",
                   (long long)now.size, (long long)rec->size);
    if (now.mtime_ns == rec->mtime_ns && now.ctime_ns == rec->ctime_ns &&
        now.inode == rec->inode)
        return say(MT_CACHE_VALID, why, whylen, "source size, mtime, ctime and inode match");
    if (!rec->digest)
        return say(MT_CACHE_STALE, why, whylen, "source changed on disk and the sidecar has no digest");
    if (mt_source_digest_at(m->dirfd, m->name, m->shown, digest, err, sizeof(err)) < 0)
        return say(MT_CACHE_STALE, why, whylen, "source unreadable: %s", err);
    if (strcmp(digest, rec->digest))
        return say(MT_CACHE_STALE, why, whylen, "source content changed (%s, sidecar has %s)",
                   digest, rec->digest);
    return say(MT_CACHE_VALID, why, whylen, "source content unchanged (re-hashed: %s)", digest);
}

/* The tolerance is cache/coverage.h's, shared with the filters. */
int mt_cache_covers(double analysed_s, double media_s, char *why, size_t whylen)
{
    if (mt_coverage_ok(analysed_s, media_s))
        return 1;
    say(MT_CACHE_STALE, why, whylen, "analysed %.3f s of the media's %.3f s", analysed_s, media_s);
    return 0;
}

MtCacheState mt_cache_check(const char *sidecar_path, const char *media_path,
                            MtSidecarKind kind, int analyser_version,
                            const MtConfigEntry *required, size_t n_required,
                            char *why, size_t whylen)
{
    return mt_cache_check_media(sidecar_path, media_path, kind, analyser_version, required,
                                n_required, 0, NULL, why, whylen);
}

MtCacheState mt_cache_check_media(const char *sidecar_path, const char *media_path,
                                  MtSidecarKind kind, int analyser_version,
                                  const MtConfigEntry *required, size_t n_required,
                                  double media_duration_s, int *coverage_compared,
                                  char *why, size_t whylen)
{
    MtSidecarError e;
    MtSidecar *sc;
    MtCacheState state;

    /* every byte is validated; only the packed arrays are not copied */
    mt_sidecar_read_file_ex(sidecar_path, MT_SIDECAR_READ_NO_ARRAY_DATA, &sc, &e);
    state = mt_cache_judge(sc, &e, sidecar_path, NULL, media_path, kind, analyser_version, required,
                           n_required, media_duration_s, coverage_compared, why, whylen);
    mt_sidecar_free(sc);
    return state;
}

MtCacheState mt_cache_judge(const MtSidecar *sc, const MtSidecarError *e, const char *sidecar_path,
                            const MtCacheMedia *look,
                            const char *media_path, MtSidecarKind kind, int analyser_version,
                            const MtConfigEntry *required, size_t n_required,
                            double media_duration_s, int *coverage_compared,
                            char *why, size_t whylen)
{
    char media[MT_PATH_MAX];
    MtCacheMedia own;
    double analysed_s;

    if (coverage_compared)
        *coverage_compared = 0;

    if (!sc) {
        if (e->code == MT_SIDECAR_ERR_IO && e->sys_errno == ENOENT)
            return say(MT_CACHE_MISSING, why, whylen, "no sidecar");
        if (e->code == MT_SIDECAR_ERR_VERSION) /* a newer or older writer: redo */
            return say(MT_CACHE_STALE, why, whylen, "%s", e->message);
        return say(MT_CACHE_CORRUPT, why, whylen, "%s", e->message);
    }

    if (kind && sc->kind != kind)
        return say(MT_CACHE_CORRUPT, why, whylen, "sidecar kind is %s, expected %s",
                   mt_sidecar_kind_name(sc->kind), mt_sidecar_kind_name(kind));
    analysed_s = sc->kind == MT_KIND_SCENE ? sc->scene.stream.duration_s : sc->beat.stream.duration_s;
    if (!sc->status.complete) {
        /* with source_duration the filter marks a short span incomplete
         * itself: say how short */
        if (mt_cache_covers(analysed_s, sc->source.duration_s, why, whylen))
            say(MT_CACHE_STALE, why, whylen, "analysis did not reach the end of the stream");
        return MT_CACHE_STALE;
    }
    if (analyser_version >= 0 && sc->generator.analyser_version != analyser_version)
        return say(MT_CACHE_STALE, why, whylen, "analyser version is %d, expected %d",
                   sc->generator.analyser_version, analyser_version);
    for (size_t i = 0; i < n_required; i++) {
        const MtConfigEntry *have = mt_sidecar_config_get(sc, required[i].key);
        char a[64], b[64];
        if (!have)
            return say(MT_CACHE_STALE, why, whylen, "config '%s' is not recorded", required[i].key);
        if (!config_matches(have, &required[i])) {
            config_value_str(have, a, sizeof(a));
            config_value_str(&required[i], b, sizeof(b));
            return say(MT_CACHE_STALE, why, whylen, "config '%s' is %s, required %s",
                       required[i].key, a, b);
        }
    }

    if (look)
        media_path = look->shown;
    else if (!media_path) {
        if (mt_cache_media_of_sidecar(sidecar_path, media, sizeof(media)) == 0)
            media_path = media;
        else if (sc->source.path)
            media_path = sc->source.path;
        else
            return say(MT_CACHE_NO_SOURCE, why, whylen, "the sidecar has no recorded source and no media "
                       "was given");
    }
    if (sc->source.size < 0)
        return say(MT_CACHE_NO_SOURCE, why, whylen, "the sidecar has no recorded source, so it cannot "
                   "be checked against %s (make it with the filter option source=)", media_path);
    if (!look) {
        mt_cache_media_look(&own, AT_FDCWD, media_path, media_path);
        look = &own;
    }
    MtCacheState state = check_source(&sc->source, look, why, whylen);
    if (state != MT_CACHE_VALID)
        return state;
    if (media_duration_s <= 0)
        media_duration_s = sc->source.duration_s;
    if (media_duration_s > 0) {
        if (coverage_compared)
            *coverage_compared = 1;
        if (!mt_cache_covers(analysed_s, media_duration_s, why, whylen))
            state = MT_CACHE_STALE;
    }
    return state;
}
