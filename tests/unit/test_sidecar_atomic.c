/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Atomic, durable writes: errors leave nothing behind, racing writers
 * leave one complete entry, and a writer killed between fsync and rename
 * leaves no entry (or the old one intact) and only a temporary file that
 * readers ignore and gc removes.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/atomic_check.h"
#include "cache/atomic_file.h"
#include "cache/cache_gc.h"
#include "cache/cache_lookup.h"
#include "cache/sidecar_read.h"
#include "cache/sidecar_write.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/sidecar_samples.h"
#include "tests/unit/unit.h"

static char dir[512];

static int is_temp(const char *name) { return mt_atomic_is_temp_name(name); }

static void test_write_and_mode(void)
{
    SampleBeat b;
    char path[600], err[256];
    struct stat st;
    MtSidecar *sc;

    sample_beat_init(&b);
    snprintf(path, sizeof(path), "%s/mode.beat.montage.msgpack", dir);
    mode_t old = umask(022);
    int ret = mt_sidecar_write_file(path, &b.sc, err, sizeof(err));
    umask(old);
    CHECK_INT(ret, 0);
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 0777, 0644);
    CHECK_INT(mt_sidecar_read_file(path, &sc, NULL), 0);
    CHECK_INT(sc->beat.n_beats, SAMPLE_N_BEATS);
    mt_sidecar_free(sc);
    CHECK_INT(dir_count(dir, is_temp), 0);
    unlink(path);
}

static void test_errors_name_the_file(void)
{
    SampleBeat b;
    char path[600], err[256] = "";

    sample_beat_init(&b);
    snprintf(path, sizeof(path), "%s/no/such/dir/x.beat.montage.msgpack", dir);
    CHECK_INT(mt_sidecar_write_file(path, &b.sc, err, sizeof(err)), -ENOENT);
    CHECK(strstr(err, path) != NULL);
    CHECK(strstr(err, "No such file or directory") != NULL);
    CHECK(strchr(err, '\n') == NULL);

    /* the target is a directory: rename fails, the temp file is removed */
    snprintf(path, sizeof(path), "%s/adir", dir);
    CHECK(mkdir(path, 0755) == 0);
    CHECK(mt_sidecar_write_file(path, &b.sc, err, sizeof(err)) < 0);
    CHECK(strstr(err, "rename") != NULL);
    CHECK_INT(dir_count(dir, is_temp), 0);
    rmdir(path);
}

/* N processes write different complete sidecars to one path, repeatedly. */
static void test_racing_writers(void)
{
    enum { WRITERS = 6, ROUNDS = 20 };
    char path[600];
    pid_t pids[WRITERS];
    MtSidecar *sc;
    MtSidecarError e;

    snprintf(path, sizeof(path), "%s/race.scene.montage.msgpack", dir);
    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        CHECK(pids[w] >= 0);
        if (pids[w] == 0) {
            SampleScene s;
            char err[256];
            /* sizes differ between writers so a mix-up could not pass */
            if (sample_scene_init(&s, (size_t)(100 + 50 * w), 16) < 0)
                _exit(1);
            for (int r = 0; r < ROUNDS; r++) {
                s.sc.status.units_seen = w * 1000 + r;
                if (mt_sidecar_write_file(path, &s.sc, err, sizeof(err)) < 0)
                    _exit(1);
            }
            sample_scene_free(&s);
            _exit(0);
        }
    }
    for (int w = 0; w < WRITERS; w++) {
        int status;
        CHECK(waitpid(pids[w], &status, 0) == pids[w]);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    CHECK_INT(mt_sidecar_read_file(path, &sc, &e), 0);
    int w = (int)(sc->status.units_seen / 1000);
    CHECK(w >= 0 && w < WRITERS);
    CHECK_INT(sc->status.units_seen % 1000, ROUNDS - 1); /* a writer's last round */
    CHECK_INT(sc->scene.frame_features.rows, 100 + 50 * w);
    mt_sidecar_free(sc);
    CHECK_INT(dir_count(dir, is_temp), 0);
    unlink(path);
}

static void die_before_rename(const char *tmp, void *opaque)
{
    (void)tmp;
    (void)opaque;
    kill(getpid(), SIGKILL);
}

/* Fork a child that writes `sc` to path and is killed before the rename. */
static int killed_write(const char *path, const MtSidecar *sc)
{
    pid_t pid = fork();
    int status;
    if (pid == 0) {
        MtAtomicHooks hooks = { die_before_rename, NULL };
        char *buf, err[256];
        size_t len;
        if (mt_sidecar_encode(sc, &buf, &len, err, sizeof(err)) == 0)
            mt_atomic_write_file(path, buf, len, &hooks, err, sizeof(err));
        _exit(0); /* not reached when the hook works */
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -1;
}

static void test_interrupted_write(void)
{
    SampleBeat b;
    char path[600], err[256], why[512];
    MtGcStats st = { 0 };
    MtGcOptions opt = { .dry_run = 0, .tmp_min_age_s = 0 };

    sample_beat_init(&b);
    snprintf(path, sizeof(path), "%s/killed.beat.montage.msgpack", dir);
    CHECK_INT(killed_write(path, &b.sc), 0);
    CHECK(access(path, F_OK) < 0);
    CHECK_INT(dir_count(dir, is_temp), 1); /* the complete but unrenamed data */
    CHECK_INT(mt_cache_check(path, NULL, 0, -1, NULL, 0, why, sizeof(why)), MT_CACHE_MISSING);

    /* with an old entry in place, the old entry survives byte for byte */
    b.sc.status.units_seen = 111;
    CHECK_INT(mt_sidecar_write_file(path, &b.sc, err, sizeof(err)), 0);
    size_t len0, len1;
    char *before = file_read(path, &len0);
    b.sc.status.units_seen = 222;
    CHECK_INT(killed_write(path, &b.sc), 0);
    char *after = file_read(path, &len1);
    CHECK(before && after && len0 == len1 && !memcmp(before, after, len0));
    free(before);
    free(after);
    CHECK_INT(dir_count(dir, is_temp), 2);

    /* gc keeps young temporary files and removes old ones; the entry itself
     * goes too, as its media ("killed") does not exist: stale */
    opt.tmp_min_age_s = 3600;
    CHECK_INT(mt_cache_gc_dir(dir, &opt, &st), 0);
    CHECK_INT(dir_count(dir, is_temp), 2);
    CHECK_INT(st.removed, 1);
    CHECK(access(path, F_OK) < 0);
    opt.tmp_min_age_s = 0;
    CHECK_INT(mt_cache_gc_dir(dir, &opt, &st), 0);
    CHECK_INT(dir_count(dir, is_temp), 0);
    CHECK_INT(st.removed, 3);
}

/* A target that is no regular file (a FIFO here; /dev/null or /dev/stdout
 * alike) is written in place and stays what it was: renaming a temporary
 * file over it replaced the device or pipe with a regular file (as root,
 * sidecar=/dev/null replaced the machine's /dev/null). */
static void test_fifo_written_in_place(void)
{
    char path[600], err[256] = "", got[16] = "";
    struct stat st;
    int rd;

    snprintf(path, sizeof(path), "%s/pipe", dir);
    CHECK_INT(mkfifo(path, 0600), 0);
    rd = open(path, O_RDONLY | O_NONBLOCK); /* a reader, so the writer's open does not block */
    CHECK(rd >= 0);
    CHECK_INT(mt_atomic_check_writable(path, err, sizeof(err)), 0);
    CHECK_INT(mt_atomic_write_file(path, "shots\n", 6, NULL, err, sizeof(err)), 0);
    CHECK_INT((int)read(rd, got, sizeof(got) - 1), 6);
    CHECK(!strcmp(got, "shots\n"));
    close(rd);
    CHECK(lstat(path, &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK_INT(dir_count(dir, is_temp), 0);
    unlink(path);
}

/* A symbolic link is replaced itself, never followed: its target keeps
 * what it held. Following it let a link planted beside media (to
 * /etc/passwd, say) have a root run overwrite its target. */
static void test_symlink_replaced_not_followed(void)
{
    char target[700], link[600], sub[600], err[256] = "", got[16] = "";
    struct stat st;
    FILE *f;

    snprintf(sub, sizeof(sub), "%s/real", dir);
    CHECK_INT(mkdir(sub, 0700), 0);
    snprintf(target, sizeof(target), "%s/out.csv", sub);
    snprintf(link, sizeof(link), "%s/link.csv", dir);
    f = fopen(target, "w");
    CHECK(f != NULL);
    fputs("old\n", f);
    fclose(f);
    CHECK_INT(symlink("real/out.csv", link), 0);
    CHECK_INT(mt_atomic_check_writable(link, err, sizeof(err)), 0);
    CHECK_INT(mt_atomic_write_file(link, "new\n", 4, NULL, err, sizeof(err)), 0);
    CHECK(lstat(link, &st) == 0 && S_ISREG(st.st_mode));
    f = fopen(target, "r");
    CHECK(f != NULL && fgets(got, sizeof(got), f));
    fclose(f);
    CHECK(!strcmp(got, "old\n"));
    f = fopen(link, "r");
    CHECK(f != NULL && fgets(got, sizeof(got), f));
    fclose(f);
    CHECK(!strcmp(got, "new\n"));
    CHECK_INT(dir_count(dir, is_temp), 0);
    CHECK_INT(dir_count(sub, is_temp), 0);
    unlink(link);
    unlink(target);
    rmdir(sub);
}

/* A pipe nobody reads is an error at once, not a writer waiting for ever
 * (the open used to block); a link to a pipe with a reader is written
 * in place and stays a link. */
static void test_fifo_without_reader_and_link_to_fifo(void)
{
    char path[600], link[600], err[256] = "", got[16] = "";
    struct stat st;
    int rd;

    snprintf(path, sizeof(path), "%s/lonely", dir);
    snprintf(link, sizeof(link), "%s/lonely.link", dir);
    CHECK_INT(mkfifo(path, 0600), 0);
    CHECK_INT(mt_atomic_write_file(path, "x", 1, NULL, err, sizeof(err)), -ENXIO);
    CHECK(strstr(err, "lonely: no process reads this pipe") != NULL);
    CHECK_INT(symlink("lonely", link), 0);
    rd = open(path, O_RDONLY | O_NONBLOCK);
    CHECK(rd >= 0);
    CHECK_INT(mt_atomic_write_file(link, "cut\n", 4, NULL, err, sizeof(err)), 0);
    CHECK_INT((int)read(rd, got, sizeof(got) - 1), 4);
    CHECK(!strcmp(got, "cut\n"));
    close(rd);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(lstat(path, &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK_INT(dir_count(dir, is_temp), 0);
    unlink(link);
    unlink(path);
}

/* /dev/fd/N and /proc/self/fd/N (what /dev/stdout links to) are written
 * through descriptor N at its offset: a file opened for appending keeps
 * what it held (a fresh open of the path would write from its start),
 * and the descriptor stays open. A descriptor that is not open is named. */
static void test_descriptor_paths(void)
{
    char path[600], via[64], err[256] = "", got[32] = "";
    FILE *f;
    int fd;

    snprintf(path, sizeof(path), "%s/log.txt", dir);
    f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("head\n", f);
    fclose(f);
    fd = open(path, O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    snprintf(via, sizeof(via), "/proc/self/fd/%d", fd);
    CHECK_INT(mt_atomic_check_writable(via, err, sizeof(err)), 0);
    CHECK_INT(mt_atomic_write_file(via, "tail\n", 5, NULL, err, sizeof(err)), 0);
    snprintf(via, sizeof(via), "/dev/fd/%d", fd);
    CHECK_INT(mt_atomic_write_file(via, "more\n", 5, NULL, err, sizeof(err)), 0);
    CHECK(fcntl(fd, F_GETFD) >= 0);
    close(fd);
    f = fopen(path, "r");
    CHECK(f != NULL);
    CHECK_INT((int)fread(got, 1, sizeof(got) - 1, f), 15);
    fclose(f);
    CHECK(!strcmp(got, "head\ntail\nmore\n"));
    CHECK_INT(mt_atomic_write_file("/dev/fd/987", "x", 1, NULL, err, sizeof(err)), -EBADF);
    CHECK(strstr(err, "/dev/fd/987: no such open descriptor") != NULL);
    CHECK_INT(dir_count(dir, is_temp), 0);
    unlink(path);
}

int main(void)
{
    tmpdir_make(dir, sizeof(dir), "atomic");
    RUN(test_write_and_mode);
    RUN(test_errors_name_the_file);
    RUN(test_racing_writers);
    RUN(test_interrupted_write);
    RUN(test_fifo_written_in_place);
    RUN(test_symlink_replaced_not_followed);
    RUN(test_fifo_without_reader_and_link_to_fifo);
    RUN(test_descriptor_paths);
    tmpdir_remove(dir);
    UNIT_EXIT();
}
