/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar locations and the validity check: the stat fast path, size
 * change, rewrite with the old mtime (ctime differs -> re-hash detects
 * it), same content touched (re-hash says valid), analyser version,
 * required config, incomplete and corrupt sidecars; gc.
 */
#define _XOPEN_SOURCE 700 /* symlink() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache_gc.h"
#include "cache/cache_lookup.h"
#include "cache/sidecar_write.h"
#include "cache/source_identity.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/sidecar_for_media.h"
#include "tests/unit/sidecar_samples.h"
#include "tests/unit/unit.h"

static char dir[512];

static void test_next_to_media_paths(void)
{
    char out[600], media[600];
    CHECK_INT(mt_cache_sidecar_path(NULL, "/m/a b.mp4", MT_KIND_SCENE, out, sizeof(out)), 0);
    CHECK(!strcmp(out, "/m/a b.mp4.scene.montage.msgpack"));
    MtCacheLocation next = { NULL };
    CHECK_INT(mt_cache_sidecar_path(&next, "x.wav", MT_KIND_BEAT, out, sizeof(out)), 0);
    CHECK(!strcmp(out, "x.wav.beat.montage.msgpack"));
    CHECK_INT(mt_cache_sidecar_path(NULL, "x.wav", MT_KIND_BEAT, out, 10), -ENAMETOOLONG);
    CHECK_INT(mt_cache_sidecar_path(NULL, "x.wav", 9, out, sizeof(out)), -EINVAL);
    CHECK_INT(mt_cache_media_of_sidecar("/m/a.mp4.beat.montage.msgpack", media, sizeof(media)), 0);
    CHECK(!strcmp(media, "/m/a.mp4"));
    CHECK_INT(mt_cache_media_of_sidecar("/m/a.msgpack", media, sizeof(media)), -EINVAL);
}

static void test_cache_dir_paths(void)
{
    char cache[600], media[600], link[600], other[600], a[800], b[800], c[800], tag[700];
    MtCacheLocation loc = { cache };
    snprintf(cache, sizeof(cache), "%s/cache", dir);
    snprintf(media, sizeof(media), "%s/clip.mp4", dir);
    snprintf(link, sizeof(link), "%s/link.mp4", dir);
    snprintf(other, sizeof(other), "%s/other.mp4", dir);
    CHECK(file_write(media, "media", 5) == 0 && file_write(other, "other", 5) == 0);
    CHECK(symlink(media, link) == 0);

    CHECK_INT(mt_cache_dir_prepare(cache, tag, sizeof(tag)), 0);
    snprintf(tag, sizeof(tag), "%s/CACHEDIR.TAG", cache);
    size_t n;
    char *t = file_read(tag, &n);
    CHECK(t && n > 43 && !memcmp(t, MT_CACHEDIR_TAG_SIGNATURE "\n", 44));
    free(t);

    CHECK_INT(mt_cache_sidecar_path(&loc, media, MT_KIND_SCENE, a, sizeof(a)), 0);
    CHECK_INT(mt_cache_sidecar_path(&loc, link, MT_KIND_SCENE, b, sizeof(b)), 0);
    CHECK_INT(mt_cache_sidecar_path(&loc, other, MT_KIND_SCENE, c, sizeof(c)), 0);
    CHECK(!strcmp(a, b));      /* one entry per real file */
    CHECK(strcmp(a, c) != 0);
    CHECK(!strncmp(a, cache, strlen(cache)));
    CHECK(strstr(a, "/by-path/") != NULL);
    CHECK_INT(strlen(strstr(a, "/by-path/") + 9), 16 + strlen(".scene.msgpack"));
    CHECK(mt_cache_sidecar_path(&loc, "/nonexistent/x", MT_KIND_SCENE, a, sizeof(a)) == -ENOENT);
}

static void test_default_dir(void)
{
    char out[600];
    const char *old_xdg = getenv("XDG_CACHE_HOME"), *old_home = getenv("HOME");
    char *saved = old_xdg ? strdup(old_xdg) : NULL;
    char *saved_home = old_home ? strdup(old_home) : NULL;
    setenv("XDG_CACHE_HOME", "/xdg/c", 1);
    CHECK_INT(mt_cache_default_dir(out, sizeof(out)), 0);
    CHECK(!strcmp(out, "/xdg/c/montage"));
    unsetenv("XDG_CACHE_HOME");
    setenv("HOME", "/home/u", 1);
    CHECK_INT(mt_cache_default_dir(out, sizeof(out)), 0);
    CHECK(!strcmp(out, "/home/u/.cache/montage"));
    if (saved)
        setenv("XDG_CACHE_HOME", saved, 1);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved);
    free(saved_home);
}

/* Writes a sidecar for media next to it, with its identity as it is now. */
static int write_for(const char *media, char *sidecar, size_t len, int complete)
{
    return sample_scene_write_for(media, sidecar, len, complete);
}

static MtCacheState check(const char *sidecar, const char *media, char *why)
{
    return mt_cache_check(sidecar, media, MT_KIND_SCENE, MT_SCENE_ANALYSER_VERSION,
                          NULL, 0, why, 512);
}

static void test_states(void)
{
    char media[600], sc[800], why[512];
    snprintf(media, sizeof(media), "%s/states.mp4", dir);
    CHECK(file_write(media, "0123456789", 10) == 0);
    CHECK_INT(mt_cache_sidecar_path(NULL, media, MT_KIND_SCENE, sc, sizeof(sc)), 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_MISSING);

    CHECK_INT(write_for(media, sc, sizeof(sc), 1), 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_VALID);
    CHECK(strstr(why, "mtime, ctime and inode match") != NULL); /* fast path */
    CHECK_INT(check(sc, NULL, why), MT_CACHE_VALID); /* media from the name */

    /* the wrong kind, an old analyser: redo */
    CHECK_INT(mt_cache_check(sc, media, MT_KIND_BEAT, -1, NULL, 0, why, 512), MT_CACHE_CORRUPT);
    CHECK_INT(mt_cache_check(sc, media, MT_KIND_SCENE, MT_SCENE_ANALYSER_VERSION + 1, NULL, 0,
                             why, 512), MT_CACHE_STALE);
    CHECK(strstr(why, "analyser version") != NULL);

    /* required config: equal values (int 8 == double 8.0) pass */
    MtConfigEntry req[2] = {
        { .key = "hist_bins", .type = MT_VALUE_DOUBLE, .d = 8.0 },
        { .key = "threshold", .type = MT_VALUE_DOUBLE, .d = 0.375 },
    };
    CHECK_INT(mt_cache_check(sc, media, MT_KIND_SCENE, -1, req, 2, why, 512), MT_CACHE_VALID);
    req[1].d = 0.5;
    CHECK_INT(mt_cache_check(sc, media, MT_KIND_SCENE, -1, req, 2, why, 512), MT_CACHE_STALE);
    CHECK(!strcmp(why, "config 'threshold' is 0.375, required 0.5"));
    req[1].d = 0.08; /* printed as typed, not 0.080000000000000002 */
    CHECK_INT(mt_cache_check(sc, media, MT_KIND_SCENE, -1, req, 2, why, 512), MT_CACHE_STALE);
    CHECK(!strcmp(why, "config 'threshold' is 0.375, required 0.08"));
    MtConfigEntry absent = { .key = "nope", .type = MT_VALUE_BOOL, .i = 1 };
    CHECK_INT(mt_cache_check(sc, media, MT_KIND_SCENE, -1, &absent, 1, why, 512), MT_CACHE_STALE);

    /* size change */
    CHECK(file_write(media, "0123456789+", 11) == 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_STALE);
    CHECK(strstr(why, "size") != NULL);

    /* gone */
    unlink(media);
    CHECK_INT(check(sc, media, why), MT_CACHE_STALE);

    /* incomplete analysis */
    CHECK(file_write(media, "0123456789", 10) == 0);
    CHECK_INT(write_for(media, sc, sizeof(sc), 0), 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_STALE);

    /* damaged sidecar */
    CHECK(file_write(sc, "\x82\x01", 2) == 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_CORRUPT);
    CHECK(strstr(why, "truncated") != NULL);
    unlink(sc);
    unlink(media);
}

/* Rewrite with the same size and restore the old mtime: stat alone would
 * say valid; ctime differs, so the content is re-hashed and found changed. */
static void test_rewrite_with_old_mtime(void)
{
    char media[600], sc[800], why[512];
    struct stat st;
    snprintf(media, sizeof(media), "%s/mtime.mp4", dir);
    CHECK(file_write(media, "original content", 16) == 0);
    CHECK(stat(media, &st) == 0);
    CHECK_INT(write_for(media, sc, sizeof(sc), 1), 0);

    struct timespec pause = { 0, 20 * 1000 * 1000 }; /* let the ctime move */
    nanosleep(&pause, NULL);
    CHECK(file_write(media, "tampered content", 16) == 0);
    struct timespec times[2] = { st.st_atim, st.st_mtim };
    CHECK(utimensat(AT_FDCWD, media, times, 0) == 0);
    struct stat now;
    CHECK(stat(media, &now) == 0);
    CHECK(now.st_mtim.tv_sec == st.st_mtim.tv_sec && now.st_mtim.tv_nsec == st.st_mtim.tv_nsec);
    CHECK_INT(now.st_size, st.st_size);
    CHECK_INT(check(sc, media, why), MT_CACHE_STALE);
    CHECK(strstr(why, "content changed") != NULL);

    /* same bytes written back (new ctime, new mtime): re-hash says valid */
    CHECK(file_write(media, "original content", 16) == 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_VALID);
    CHECK(strstr(why, "re-hashed") != NULL);

    /* a copy elsewhere (new inode) with equal content is valid too */
    char copy[600];
    snprintf(copy, sizeof(copy), "%s/mtime-copy.mp4", dir);
    CHECK(file_write(copy, "original content", 16) == 0);
    CHECK_INT(check(sc, copy, why), MT_CACHE_VALID);
    unlink(copy);
    unlink(sc);
    unlink(media);
}

static int count_reports;
static int count_gone;

static void on_report(const char *path, int dirfd, MtCacheState s, const char *why, int source_gone,
                      void *opaque)
{
    (void)path; (void)dirfd; (void)s; (void)why; (void)opaque;
    count_reports++;
    count_gone += source_gone;
}

/* A directory NAME under the test's with a media file LIVE_NAME and a
 * complete sidecar of it (sc_live), and the complete sidecar (sc_gone) of
 * a media file gone.mp4 removed since; the directory's path to sub. */
static void gc_live_and_gone(const char *name, const char *live_name, char *sub, size_t sublen,
                             char *sc_live, char *sc_gone, size_t sclen)
{
    char live[700], gone[700];
    snprintf(sub, sublen, "%s/%s", dir, name);
    CHECK(mkdir(sub, 0755) == 0);
    snprintf(live, sizeof(live), "%s/%s", sub, live_name);
    snprintf(gone, sizeof(gone), "%s/gone.mp4", sub);
    CHECK(file_write(live, "live", 4) == 0 && file_write(gone, "gone", 4) == 0);
    CHECK_INT(write_for(live, sc_live, sclen, 1), 0);
    CHECK_INT(write_for(gone, sc_gone, sclen, 1), 0);
    unlink(gone);
}

static void test_gc(void)
{
    char sub[600], sc_keep[800], sc_gone[800], junk[800];
    MtGcOptions opt = { .dry_run = 1, .tmp_min_age_s = 3600, .report = on_report };
    MtGcStats st = { 0 };

    gc_live_and_gone("gc", "keep.mp4", sub, sizeof(sub), sc_keep, sc_gone, sizeof(sc_keep));
    snprintf(junk, sizeof(junk), "%s/junk.beat.montage.msgpack", sub);
    CHECK(file_write(junk, "junk", 4) == 0);
    /* a directory so named is no sidecar file: not looked at, kept */
    char named_dir[800];
    snprintf(named_dir, sizeof(named_dir), "%s/folder.scene.montage.msgpack", sub);
    CHECK(mkdir(named_dir, 0755) == 0);

    CHECK_INT(mt_cache_gc_dir(sub, &opt, &st), 0);
    CHECK_INT(st.scanned, 3);
    CHECK_INT(st.removed, 2);
    CHECK_INT(count_reports, 2);
    /* gone.mp4's sidecar: its source is missing; junk's is unknown */
    CHECK_INT(count_gone, 1);
    CHECK(access(sc_gone, F_OK) == 0 && access(junk, F_OK) == 0); /* dry run */

    opt.dry_run = 0;
    memset(&st, 0, sizeof(st));
    CHECK_INT(mt_cache_gc_dir(sub, &opt, &st), 0);
    CHECK_INT(st.removed, 2);
    CHECK_INT(st.kept, 1);
    CHECK(access(sc_gone, F_OK) < 0 && access(junk, F_OK) < 0);
    CHECK(access(sc_keep, F_OK) == 0 && access(named_dir, F_OK) == 0);
}

/* A sidecar under a name of the user's choice is gc'd by its content
 * (stale: removed, valid: kept); a file neither named nor readable as a
 * sidecar is refused and left alone. */
static void test_gc_custom_name(void)
{
    char sub[600], sc_live[800], sc_gone[800], stale_c[800], valid_c[800], notes[800];
    MtGcOptions opt = { .tmp_min_age_s = 3600 };
    MtGcStats st = { 0 };

    gc_live_and_gone("gc-custom", "live.mp4", sub, sizeof(sub), sc_live, sc_gone, sizeof(sc_live));
    snprintf(stale_c, sizeof(stale_c), "%s/shots.msgpack", sub);
    snprintf(valid_c, sizeof(valid_c), "%s/kept.msgpack", sub);
    snprintf(notes, sizeof(notes), "%s/notes.txt", sub);
    CHECK(file_write(notes, "not a sidecar", 13) == 0);
    CHECK(rename(sc_gone, stale_c) == 0);
    CHECK(rename(sc_live, valid_c) == 0);

    CHECK_INT(mt_cache_gc_accepts(stale_c), 1);
    CHECK_INT(mt_cache_gc_accepts(valid_c), 1);
    CHECK_INT(mt_cache_gc_accepts(notes), 0);
    CHECK_INT(mt_cache_gc_file(notes, &opt, &st), -EINVAL);
    CHECK(access(notes, F_OK) == 0);
    CHECK_INT(st.scanned + st.removed + st.kept, 0);
    CHECK_INT(mt_cache_gc_file(stale_c, &opt, &st), 0);
    CHECK_INT(st.removed, 1);
    CHECK(access(stale_c, F_OK) < 0);
    CHECK_INT(mt_cache_gc_file(valid_c, &opt, &st), 0);
    CHECK_INT(st.kept, 1);
    CHECK(access(valid_c, F_OK) == 0);
}

/* A scene sample of 4.0 s: covered against a recorded or given media
 * duration, within 1 s or 1 %; no identity -> nosource. */
static void test_coverage_and_no_source(void)
{
    char media[600], sc[800], why[512], err[512];
    SampleScene s;
    MtSourceIdentityBuf id;
    int compared;
    snprintf(media, sizeof(media), "%s/cover.mp4", dir);
    CHECK(file_write(media, "0123456789", 10) == 0);
    CHECK_INT(mt_cache_sidecar_path(NULL, media, MT_KIND_SCENE, sc, sizeof(sc)), 0);
    CHECK_INT(mt_source_identify(media, 0, &id, err, sizeof(err)), 0);
    CHECK_INT(sample_scene_init(&s, 0, 0), 0);
    s.sc.source = id.id;

    s.sc.source.duration_s = 10.0; /* 4 s of 10 s */
    CHECK_INT(mt_sidecar_write_file(sc, &s.sc, err, sizeof(err)), 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_STALE);
    CHECK(!strcmp(why, "analysed 4.000 s of the media's 10.000 s"));
    /* a caller's probed duration wins over the recorded one */
    CHECK_INT(mt_cache_check_media(sc, media, MT_KIND_SCENE, -1, NULL, 0, 4.9, &compared, why, 512),
              MT_CACHE_VALID);
    CHECK_INT(compared, 1);
    CHECK_INT(mt_cache_check_media(sc, media, MT_KIND_SCENE, -1, NULL, 0, 5.1, &compared, why, 512),
              MT_CACHE_STALE);

    s.sc.source.duration_s = 0; /* unknown: not compared */
    CHECK_INT(mt_sidecar_write_file(sc, &s.sc, err, sizeof(err)), 0);
    CHECK_INT(mt_cache_check_media(sc, media, MT_KIND_SCENE, -1, NULL, 0, 0, &compared, why, 512),
              MT_CACHE_VALID);
    CHECK_INT(compared, 0);

    /* the 1 % slack of long media: 99.5 s of 100 s passes, 98.9 s does not */
    CHECK_INT(mt_cache_covers(99.5, 100.0, why, 512), 1);
    CHECK_INT(mt_cache_covers(98.9, 100.0, why, 512), 0);
    CHECK_INT(mt_cache_covers(7100, 7200, why, 512), 0);

    /* made by hand without source=: its own state, not stale */
    s.sc.source = (MtSourceIdentity){ .size = -1, .mtime_ns = -1, .ctime_ns = -1, .inode = -1 };
    CHECK_INT(mt_sidecar_write_file(sc, &s.sc, err, sizeof(err)), 0);
    CHECK_INT(check(sc, media, why), MT_CACHE_NO_SOURCE);
    CHECK(strstr(why, "the sidecar has no recorded source") != NULL);
    CHECK(!strcmp(mt_cache_state_name(MT_CACHE_NO_SOURCE), "nosource"));
}

int main(void)
{
    tmpdir_make(dir, sizeof(dir), "lookup");
    RUN(test_next_to_media_paths);
    RUN(test_cache_dir_paths);
    RUN(test_default_dir);
    RUN(test_states);
    RUN(test_rewrite_with_old_mtime);
    RUN(test_gc);
    RUN(test_gc_custom_name);
    RUN(test_coverage_and_no_source);
    tmpdir_remove(dir);
    UNIT_EXIT();
}
