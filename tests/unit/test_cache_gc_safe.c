// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * gc removes only what it judged: a folder renamed between the judging and
 * the removal, a name replaced by another file.
 */
#define _GNU_SOURCE /* fstatat, O_DIRECTORY, symlink */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/cache_gc.h"
#include "cache/cache_gc_steps.h"
#include "cache/cache_lookup.h"
#include "cache/gc_unlink.h"
#include "cache/sidecar_write.h"
#include "cache/source_identity.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/sidecar_for_media.h"
#include "tests/unit/sidecar_samples.h"
#include "tests/unit/unit.h"

static char dir[512];

/* A complete scene sidecar of media next to it (its identity as now). */
static int write_for(const char *media, char *sidecar, size_t len)
{
    return sample_scene_write_for(media, sidecar, len, 1);
}

/* Folder a holds the sidecar of a clip since removed (stale: gc's), folder
 * b a valid sidecar of the same name. gc judges a/'s; then a is renamed
 * away and b takes its name. The removal takes the file judged (now in
 * old/), never b's, which the path a/NAME names by then. */
static void test_gc_folder_swapped(void)
{
    char a[600], b[600], old[600], media[700], sc_a[800], sc_b[800], sc_old[800];
    MtGcOptions opt = { .tmp_min_age_s = 3600 };
    MtGcStats st = { 0 };
    MtGcVerdict v;

    snprintf(a, sizeof(a), "%s/a", dir);
    snprintf(b, sizeof(b), "%s/b", dir);
    snprintf(old, sizeof(old), "%s/old", dir);
    CHECK(mkdir(a, 0755) == 0 && mkdir(b, 0755) == 0);
    snprintf(media, sizeof(media), "%s/clip.mp4", a);
    CHECK(file_write(media, "gone", 4) == 0);
    CHECK_INT(write_for(media, sc_a, sizeof(sc_a)), 0);
    CHECK(unlink(media) == 0);
    snprintf(media, sizeof(media), "%s/clip.mp4", b);
    CHECK(file_write(media, "live", 4) == 0);
    CHECK_INT(write_for(media, sc_b, sizeof(sc_b)), 0);

    CHECK_INT(mt_cache_gc_judge(sc_a, &opt, &st, &v), 0);
    CHECK_INT(v.remove, 1);
    CHECK_INT(v.state, MT_CACHE_STALE);
    CHECK(rename(a, old) == 0 && rename(b, a) == 0);
    CHECK_INT(mt_cache_gc_remove(&v, &opt, &st), 0);
    mt_cache_gc_verdict_end(&v);
    snprintf(sc_old, sizeof(sc_old), "%s/clip.mp4.scene.montage.msgpack", old);
    CHECK(access(sc_old, F_OK) < 0);      /* the file judged went */
    CHECK(access(sc_a, F_OK) == 0);       /* b's, now at the path judged, stayed */
    CHECK_INT(st.removed, 1);
}

/* Folder a holds a valid sidecar of its clip; b a clip of the same name
 * with other content. gc opens a, then a is renamed away and b takes its
 * name before the judging: the sidecar read through a's fd is judged
 * against the clip beside it (valid, kept), never against b's clip, which
 * the path a/clip.mp4 names by then (judged by path: stale, and a's valid
 * sidecar was removed). */
static void test_gc_media_in_own_folder(void)
{
    char a[600], b[600], old[600], media[700], sc_a[800], sc_old[800];
    MtGcOptions opt = { .tmp_min_age_s = 3600 };
    MtGcStats st = { 0 };
    MtGcVerdict v;

    snprintf(a, sizeof(a), "%s/ma", dir);
    snprintf(b, sizeof(b), "%s/mb", dir);
    snprintf(old, sizeof(old), "%s/mold", dir);
    CHECK(mkdir(a, 0755) == 0 && mkdir(b, 0755) == 0);
    snprintf(media, sizeof(media), "%s/clip.mp4", a);
    CHECK(file_write(media, "mine", 4) == 0);
    CHECK_INT(write_for(media, sc_a, sizeof(sc_a)), 0);
    snprintf(media, sizeof(media), "%s/clip.mp4", b);
    CHECK(file_write(media, "another clip", 12) == 0);

    int fd = open(a, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    CHECK(fd >= 0);
    CHECK(rename(a, old) == 0 && rename(b, a) == 0);
    CHECK_INT(mt_cache_gc_judge_at(fd, "clip.mp4.scene.montage.msgpack", sc_a, &opt, &st, &v), 0);
    CHECK_INT(v.state, MT_CACHE_VALID);
    CHECK_INT(v.remove, 0);
    CHECK_INT(mt_cache_gc_remove(&v, &opt, &st), 0);
    close(fd);
    snprintf(sc_old, sizeof(sc_old), "%s/clip.mp4.scene.montage.msgpack", old);
    CHECK(access(sc_old, F_OK) == 0);
    CHECK_INT(st.removed, 0);
}

/* The removal refuses a name that is another file than the one judged
 * (replaced by rename in the same folder) and removes the one judged. */
static void test_gc_unlink_judged(void)
{
    char sub[600], f[700], g[700];
    struct stat judged, other;
    snprintf(sub, sizeof(sub), "%s/u", dir);
    CHECK(mkdir(sub, 0755) == 0);
    snprintf(f, sizeof(f), "%s/x.scene.montage.msgpack", sub);
    snprintf(g, sizeof(g), "%s/new", sub);
    CHECK(file_write(f, "judged", 6) == 0 && file_write(g, "other", 5) == 0);
    CHECK(lstat(f, &judged) == 0 && lstat(g, &other) == 0);
    int fd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    CHECK(fd >= 0);
    CHECK(rename(g, f) == 0);
    CHECK_INT(mt_gc_unlink_judged(fd, "x.scene.montage.msgpack", &judged), MT_GC_UNLINK_OTHER_FILE);
    CHECK(access(f, F_OK) == 0);
    CHECK_INT(mt_gc_unlink_judged(fd, "x.scene.montage.msgpack", &other), 0);
    CHECK(access(f, F_OK) < 0);
    CHECK_INT(mt_gc_unlink_judged(fd, "x.scene.montage.msgpack", &other), -ENOENT);
    close(fd);
}

static int kept_lines;
static char kept_why[MT_PATH_MAX + 512];

static void on_kept(const char *path, const char *why, void *opaque)
{
    (void)path; (void)opaque;
    kept_lines++;
    snprintf(kept_why, sizeof(kept_why), "%s", why);
}

/* A file that does not read is removed only under a name montage writes
 * there: MEDIA.KIND.montage.msgpack anywhere, <16 hex>.KIND.msgpack in a
 * cache's by-path/. A user's notes.scene.msgpack is not looked at by a
 * scan and refused by name; a 16-hex name outside by-path/ is kept and
 * said once. */
static void test_gc_corrupt_names(void)
{
    char sub[600], by_path[600], notes[700], hex[700], ours[700], entry[700];
    MtGcOptions opt = { .tmp_min_age_s = 3600, .kept = on_kept };
    MtGcStats st = { 0 };

    snprintf(sub, sizeof(sub), "%s/names", dir);
    snprintf(by_path, sizeof(by_path), "%s/cache", dir);
    CHECK(mkdir(sub, 0755) == 0 && mkdir(by_path, 0755) == 0);
    CHECK_INT(mt_cache_dir_prepare(by_path, notes, sizeof(notes)), 0);
    strcat(by_path, "/by-path");
    snprintf(notes, sizeof(notes), "%s/notes.scene.msgpack", sub);
    snprintf(hex, sizeof(hex), "%s/0123456789abcdef.beat.msgpack", sub);
    snprintf(ours, sizeof(ours), "%s/clip.mp4.scene.montage.msgpack", sub);
    snprintf(entry, sizeof(entry), "%s/0123456789abcdef.beat.msgpack", by_path);
    CHECK(file_write(notes, "notes", 5) == 0 && file_write(hex, "hex", 3) == 0 &&
          file_write(ours, "ours", 4) == 0 && file_write(entry, "entry", 5) == 0);

    CHECK_INT(mt_cache_gc_dir(sub, &opt, &st), 0);
    CHECK(access(notes, F_OK) == 0 && access(hex, F_OK) == 0 && access(ours, F_OK) < 0);
    CHECK_INT(st.scanned, 2);
    CHECK_INT(st.removed, 1);
    CHECK_INT(kept_lines, 1);
    CHECK(strstr(kept_why, "montage writes that name only in a cache's by-path/") != NULL);
    CHECK_INT(mt_cache_gc_file(notes, &opt, &st), -EINVAL);
    CHECK_INT(mt_cache_gc_accepts(notes), 0);
    CHECK(access(notes, F_OK) == 0);
    CHECK_INT(mt_cache_gc_dir(by_path, &opt, &st), 0);
    CHECK(access(entry, F_OK) < 0);
    CHECK_INT(st.removed, 2);
}

/* What marks a cache is the CACHEDIR.TAG montage writes in it: a folder
 * merely named by-path (no tag, or another tool's) is no cache's, and a
 * 16-hex name there that does not read is kept; a link named by-path to a
 * cache's by-path/ reaches the same folder, whose entries are the cache's. */
static void test_gc_by_path_marked(void)
{
    char top[600], bp[700], entry[800], tag[700], link[700], via[800];
    MtGcOptions opt = { .tmp_min_age_s = 3600 };
    MtGcStats st = { 0 };

    snprintf(top, sizeof(top), "%s/plain", dir);
    snprintf(bp, sizeof(bp), "%s/by-path", top);
    CHECK(mkdir(top, 0755) == 0 && mkdir(bp, 0755) == 0);
    snprintf(entry, sizeof(entry), "%s/0123456789abcdef.scene.msgpack", bp);
    CHECK(file_write(entry, "junk", 4) == 0);
    CHECK_INT(mt_cache_gc_dir(bp, &opt, &st), 0);
    CHECK(access(entry, F_OK) == 0);
    snprintf(tag, sizeof(tag), "%s/CACHEDIR.TAG", top);
    static const char other[] = MT_CACHEDIR_TAG_SIGNATURE "\n# another tool\n";
    CHECK(file_write(tag, other, sizeof(other) - 1) == 0);
    CHECK_INT(mt_cache_gc_dir(bp, &opt, &st), 0);
    CHECK(access(entry, F_OK) == 0);
    CHECK_INT(st.removed, 0);

    /* montage's tag (as mt_cache_dir_prepare writes it, kept if present) */
    CHECK(unlink(tag) == 0);
    CHECK_INT(mt_cache_dir_prepare(top, tag, sizeof(tag)), 0);
    snprintf(link, sizeof(link), "%s/by-path", dir);
    CHECK(symlink(bp, link) == 0);
    snprintf(via, sizeof(via), "%s/0123456789abcdef.scene.msgpack", link);
    CHECK_INT(mt_cache_gc_file(via, &opt, &st), 0);
    CHECK(access(entry, F_OK) < 0);
    CHECK_INT(st.removed, 1);
    unlink(link);
}

static int gone_reports;

static void on_report(const char *path, int dirfd, MtCacheState state, const char *why,
                      int source_gone, void *opaque)
{
    (void)path; (void)dirfd; (void)state; (void)why; (void)opaque;
    gone_reports += source_gone;
}

/* A cache entry of media NAME in folder FOLDER (made here), its sidecar's
 * path to sc. */
static void cache_entry(const char *cache, const char *folder, const char *name, char *sc, size_t len)
{
    char media[800], err[512];
    MtCacheLocation loc = { cache };
    MtSourceIdentityBuf id;
    SampleScene s;
    snprintf(media, sizeof(media), "%s/%s", folder, name);
    CHECK(mkdir(folder, 0755) == 0 && file_write(media, name, strlen(name)) == 0);
    CHECK_INT(mt_cache_sidecar_path(&loc, media, MT_KIND_SCENE, sc, len), 0);
    CHECK_INT(mt_source_identify(media, 1, &id, err, sizeof(err)), 0);
    CHECK_INT(sample_scene_init(&s, 0, 0), 0);
    s.sc.source = id.id;
    CHECK_INT(mt_sidecar_write_file(sc, &s.sc, err, sizeof(err)), 0);
    CHECK(unlink(media) == 0);
}

/* A cache entry whose media's folder is not there (a disk not mounted:
 * its folders are away with it) is kept and said, the folder named; so is
 * one whose folder is there but empty (the mount point of a disk not
 * mounted, a media straight in it); one whose folder is there, holding
 * other files, without the media is removed as gone. The sidecar records
 * no device, so the folder is what tells them apart. */
static void test_gc_media_unreachable(void)
{
    char cache[600], disk[600], films[700], here[600], mnt[600], keep[700], sc_away[800],
         sc_gone[800], sc_mnt[800], want[1600];
    MtGcOptions opt = { .tmp_min_age_s = 3600, .kept = on_kept, .report = on_report };
    MtGcStats st = { 0 };

    snprintf(cache, sizeof(cache), "%s/reach-cache", dir);
    CHECK_INT(mt_cache_dir_prepare(cache, films, sizeof(films)), 0);
    snprintf(disk, sizeof(disk), "%s/disk", dir);
    snprintf(films, sizeof(films), "%s/films", disk);
    snprintf(here, sizeof(here), "%s/here", dir);
    snprintf(mnt, sizeof(mnt), "%s/mnt", dir);
    CHECK(mkdir(disk, 0755) == 0);
    cache_entry(cache, films, "away.mp4", sc_away, sizeof(sc_away));
    cache_entry(cache, here, "gone.mp4", sc_gone, sizeof(sc_gone));
    snprintf(keep, sizeof(keep), "%s/other.mp4", here);
    CHECK(file_write(keep, "x", 1) == 0);
    CHECK(rmdir(films) == 0 && rmdir(disk) == 0);

    kept_lines = 0;
    strcat(cache, "/by-path");
    CHECK_INT(mt_cache_gc_dir(cache, &opt, &st), 0);
    CHECK(access(sc_away, F_OK) == 0 && access(sc_gone, F_OK) < 0);
    CHECK_INT(st.removed, 1);
    CHECK_INT(st.kept, 1);
    CHECK_INT(gone_reports, 1);
    CHECK_INT(kept_lines, 1);
    snprintf(want, sizeof(want), "the folder of its media is not there: %s (a disk not mounted?), so "
             "the media is not known to be gone", films);
    CHECK(!strcmp(kept_why, want));

    cache[strlen(cache) - strlen("/by-path")] = 0;
    cache_entry(cache, mnt, "clip.mp4", sc_mnt, sizeof(sc_mnt));
    kept_lines = 0;
    CHECK_INT(mt_cache_gc_file(sc_mnt, &opt, &st), 0);
    CHECK(access(sc_mnt, F_OK) == 0);
    CHECK_INT(kept_lines, 1);
    snprintf(want, sizeof(want), "the folder of its media is empty: %s (a disk not mounted?), so "
             "the media is not known to be gone", mnt);
    CHECK(!strcmp(kept_why, want));
}

/* Renames "new" over the name gc is about to read (the hook's job). */
static void replace_before_read(int dirfd, const char *name)
{
    CHECK(renameat(dirfd, "new", dirfd, name) == 0);
}

/* A name replaced between gc's lstat and its read is kept with one line:
 * the verdict would be on another file than the one lstat saw (here a
 * stale sidecar of its own, which gc would remove). */
static void test_gc_replaced_while_read(void)
{
    char sub[600], media[700], sc[800], other[800];
    MtGcOptions opt = { .tmp_min_age_s = 3600, .kept = on_kept };
    MtGcStats st = { 0 };
    MtGcVerdict v;

    snprintf(sub, sizeof(sub), "%s/r", dir);
    CHECK(mkdir(sub, 0755) == 0);
    snprintf(media, sizeof(media), "%s/clip.mp4", sub);
    CHECK(file_write(media, "gone", 4) == 0);
    CHECK_INT(write_for(media, sc, sizeof(sc)), 0);
    snprintf(other, sizeof(other), "%s/new", sub);
    CHECK(link(sc, other) == 0 && unlink(sc) == 0 && file_write(sc, "first", 5) == 0);
    CHECK(unlink(media) == 0);

    int fd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    CHECK(fd >= 0);
    kept_lines = 0;
    mt_cache_gc_before_read = replace_before_read;
    CHECK_INT(mt_cache_gc_judge_at(fd, "clip.mp4.scene.montage.msgpack", sc, &opt, &st, &v), 0);
    mt_cache_gc_before_read = NULL;
    CHECK_INT(v.remove, 0);
    CHECK_INT(kept_lines, 1);
    CHECK(!strcmp(kept_why, "replaced while gc read it"));
    CHECK_INT(mt_cache_gc_remove(&v, &opt, &st), 0);
    close(fd);
    CHECK(access(sc, F_OK) == 0);
    CHECK_INT(st.removed, 0);
}

/* A 16-hex name in a folder beside a montage cache's by-path/ (the cache
 * folder's other/) is no entry of the cache: junk so named is kept, though
 * the parent holds montage's CACHEDIR.TAG. */
static void test_gc_sibling_of_by_path(void)
{
    char cache[600], other[700], junk[800], err[256];
    MtGcOptions opt = { .tmp_min_age_s = 3600, .kept = on_kept };
    MtGcStats st = { 0 };

    snprintf(cache, sizeof(cache), "%s/sib-cache", dir);
    CHECK_INT(mt_cache_dir_prepare(cache, err, sizeof(err)), 0);
    snprintf(other, sizeof(other), "%s/other", cache);
    CHECK(mkdir(other, 0755) == 0);
    snprintf(junk, sizeof(junk), "%s/0123456789abcdef.scene.msgpack", other);
    CHECK(file_write(junk, "junk", 4) == 0);
    kept_lines = 0;
    CHECK_INT(mt_cache_gc_dir(other, &opt, &st), 0);
    CHECK(access(junk, F_OK) == 0);
    CHECK_INT(st.removed, 0);
    CHECK_INT(kept_lines, 1);
}

/* A cache entry whose media path goes through a regular file (ENOTDIR:
 * not ENOENT, so nothing says the media is gone) is kept and said. */
static void test_gc_media_not_dir(void)
{
    char cache[600], folder[700], sc[800];
    MtGcOptions opt = { .tmp_min_age_s = 3600, .kept = on_kept };
    MtGcStats st = { 0 };

    snprintf(cache, sizeof(cache), "%s/nd-cache", dir);
    CHECK_INT(mt_cache_dir_prepare(cache, folder, sizeof(folder)), 0);
    snprintf(folder, sizeof(folder), "%s/nd", dir);
    cache_entry(cache, folder, "clip.mp4", sc, sizeof(sc));
    CHECK(rmdir(folder) == 0 && file_write(folder, "a file", 6) == 0);
    kept_lines = 0;
    CHECK_INT(mt_cache_gc_file(sc, &opt, &st), 0);
    CHECK(access(sc, F_OK) == 0);
    CHECK_INT(st.removed, 0);
    CHECK_INT(kept_lines, 1);
    CHECK(!strcmp(kept_why, "its media cannot be looked at (Not a directory), so it is not known "
                            "to be gone"));
}

/* A cache folder that held another tool's CACHEDIR.TAG before montage
 * made its cache there keeps that tag, and is known as montage's by the
 * marker mt_cache_dir_prepare writes in its by-path/: a corrupt entry of
 * it is removed. */
static void test_gc_cache_in_tagged_folder(void)
{
    char cache[600], tag[700], entry[800], err[256], got[128] = "";
    static const char other[] = MT_CACHEDIR_TAG_SIGNATURE "\n# another tool\n";
    MtGcOptions opt = { .tmp_min_age_s = 3600 };
    MtGcStats st = { 0 };
    FILE *f;

    snprintf(cache, sizeof(cache), "%s/tagged", dir);
    CHECK(mkdir(cache, 0755) == 0);
    snprintf(tag, sizeof(tag), "%s/CACHEDIR.TAG", cache);
    CHECK(file_write(tag, other, sizeof(other) - 1) == 0);
    CHECK_INT(mt_cache_dir_prepare(cache, err, sizeof(err)), 0);
    CHECK((f = fopen(tag, "r")) != NULL);
    CHECK(fread(got, 1, sizeof(got) - 1, f) == sizeof(other) - 1);
    fclose(f);
    CHECK(!strcmp(got, other)); /* the other tool's tag stays */
    snprintf(entry, sizeof(entry), "%s/by-path/0123456789abcdef.scene.msgpack", cache);
    CHECK(file_write(entry, "junk", 4) == 0);
    CHECK_INT(mt_cache_gc_file(entry, &opt, &st), 0);
    CHECK(access(entry, F_OK) < 0);
    CHECK_INT(st.removed, 1);
}

int main(void)
{
    tmpdir_make(dir, sizeof(dir), "gcsafe");
    RUN(test_gc_folder_swapped);
    RUN(test_gc_media_in_own_folder);
    RUN(test_gc_unlink_judged);
    RUN(test_gc_corrupt_names);
    RUN(test_gc_by_path_marked);
    RUN(test_gc_media_unreachable);
    RUN(test_gc_replaced_while_read);
    RUN(test_gc_sibling_of_by_path);
    RUN(test_gc_media_not_dir);
    RUN(test_gc_cache_in_tagged_folder);
    tmpdir_remove(dir);
    UNIT_EXIT();
}
