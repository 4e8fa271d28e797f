/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* File lists (driver/file_list.c), entry locks (driver/entry_lock.c) and
 * temporary-file cleanup (driver/temp_cleanup.c), in a scratch directory. */
#define _DEFAULT_SOURCE /* mkdtemp, setgroups */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver/entry_lock.h"
#include "driver/file_list.h"
#include "driver/temp_cleanup.h"
#include "unit.h"

static char root[64];

static void touch(const char *rel)
{
    char p[256];
    snprintf(p, sizeof(p), "%s/%s", root, rel);
    FILE *f = fopen(p, "w");
    if (f) {
        fputs("x", f);
        fclose(f);
    }
}

static void walk_sorted_and_filtered(void)
{
    char p[256], q[256];
    MtFileList l;
    snprintf(p, sizeof(p), "%s/sub", root);
    mkdir(p, 0777);
    snprintf(p, sizeof(p), "%s/sub/looks-like.mp4", root); /* a directory */
    mkdir(p, 0777);
    snprintf(p, sizeof(p), "%s/.hidden", root);
    mkdir(p, 0777);
    touch("b.mp4");
    touch("a.mkv");
    touch("sub/c.wav");
    touch(".hidden/d.mp4");
    touch("b.mp4.scene.montage.msgpack");
    touch("b.montage.lock");
    touch(".montage.123.0.tmp");
    snprintf(p, sizeof(p), "%s/fifo", root);
    mkfifo(p, 0666);
    snprintf(p, sizeof(p), "%s/link.mp4", root);
    snprintf(q, sizeof(q), "%s/a.mkv", root);
    CHECK_INT(symlink(q, p), 0);
    snprintf(p, sizeof(p), "%s/loop", root);
    CHECK_INT(symlink(root, p), 0); /* a walk must not follow it */

    mt_file_list_init(&l);
    CHECK_INT(mt_file_list_add_argument(&l, root, NULL), 0);
    CHECK_INT(mt_file_list_add_argument(&l, "/nonexistent/x.mp4", NULL), 0);
    snprintf(p, sizeof(p), "%s/b.mp4", root);
    CHECK_INT(mt_file_list_add_argument(&l, p, NULL), 0); /* named twice */
    mt_file_list_sort_unique(&l);
    CHECK_INT(l.n, 5);
    const char *want[] = { "a.mkv", "b.mp4", "link.mp4", "sub/c.wav" };
    CHECK(!strcmp(l.entries[0].path, "/nonexistent/x.mp4") && l.entries[0].named);
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof(p), "%s/%s", root, want[i]);
        if (strcmp(l.entries[i + 1].path, p))
            UNIT_FAIL("entry %d is %s, expected %s", i + 1, l.entries[i + 1].path, p);
    }
    CHECK(l.entries[2].named); /* the walk found it too; named wins */
    CHECK(!l.entries[1].named);
    mt_file_list_free(&l);
}

static void read_lists(void)
{
    MtFileList l;
    const char nl[] = "b\r\n\na c\n";
    const char nul[] = "x\ny\0\0z";
    FILE *f = fmemopen((void *)nl, sizeof(nl) - 1, "r");
    mt_file_list_init(&l);
    CHECK_INT(mt_file_list_read(&l, f, 0), 0);
    fclose(f);
    CHECK_INT(l.n, 2);
    CHECK(!strcmp(l.entries[0].path, "b") && !strcmp(l.entries[1].path, "a c"));
    mt_file_list_free(&l);
    f = fmemopen((void *)nul, sizeof(nul) - 1, "r");
    CHECK_INT(mt_file_list_read(&l, f, 1), 0);
    fclose(f);
    CHECK_INT(l.n, 2);
    CHECK(!strcmp(l.entries[0].path, "x\ny") && !strcmp(l.entries[1].path, "z"));
    CHECK(l.entries[0].named);
    mt_file_list_free(&l);
}

static void lock_excludes_and_cleans_up(void)
{
    char path[256], lp[256];
    MtEntryLock a, b;
    snprintf(path, sizeof(path), "%s/m.mp4.scene.montage.msgpack", root);
    CHECK_INT(mt_entry_lock_path(path, lp, sizeof(lp)), 0);
    CHECK(strstr(lp, "/m.mp4.montage.lock") && strlen(strstr(lp, "/m.mp4.montage.lock")) == 19);
    CHECK_INT(mt_entry_lock_try(&a, lp), MT_LOCK_ACQUIRED);
    CHECK_INT(mt_entry_lock_try(&b, lp), MT_LOCK_BUSY); /* own fd: flock is per open file */
    mt_entry_lock_release(&a);
    CHECK(access(lp, F_OK) != 0); /* removed */
    CHECK_INT(mt_entry_lock_try(&b, lp), MT_LOCK_ACQUIRED);
    mt_entry_lock_release(&b);
    CHECK_INT(mt_entry_lock_try(&a, "/nonexistent-dir/x.lock"), -2 /* -ENOENT */);
    CHECK_INT(mt_entry_lock_path("/a/b.beat.montage.msgpack", lp, sizeof(lp)), 0);
    CHECK(!strcmp(lp, "/a/b.montage.lock"));
    CHECK_INT(mt_entry_lock_path("/c/by-path/00ff.scene.msgpack", lp, sizeof(lp)), 0);
    CHECK(!strcmp(lp, "/c/by-path/00ff.scene.msgpack.lock"));
}

static void temp_files_of_one_pid(void)
{
    char target[256], p[256];
    CHECK(mt_temp_name_is_from_pid(".montage.4242.0.tmp", 4242));
    CHECK(!mt_temp_name_is_from_pid(".montage.42420.0.tmp", 4242));
    CHECK(!mt_temp_name_is_from_pid(".montage.4242.0.tmpx", 4242));
    CHECK(!mt_temp_name_is_from_pid("x.montage.4242.0.tmp", 4242));
    touch(".montage.4242.0.tmp");
    touch(".montage.4242.17.tmp");
    touch(".montage.4243.0.tmp");
    snprintf(target, sizeof(target), "%s/x.mp4.scene.montage.msgpack", root);
    CHECK_INT(mt_temp_cleanup_for_pid(target, 4242), 2);
    snprintf(p, sizeof(p), "%s/.montage.4243.0.tmp", root);
    CHECK(access(p, F_OK) == 0); /* another process's file stays */
}

/* montage-fast-scene's directory of a killed pid goes with its files; a
 * longer pid and a name that is no mkdtemp result stay. */
static void fast_dir_of_one_pid(void)
{
    char tmpl[256], p[256];
    setenv("TMPDIR", root, 1);
    CHECK_INT(mt_fast_tmp_template(tmpl, sizeof(tmpl), 4242), 0);
    snprintf(p, sizeof(p), "%s/montage-fast.4242.XXXXXX", root);
    CHECK(!strcmp(tmpl, p));
    CHECK(mkdtemp(tmpl) != NULL);
    snprintf(p, sizeof(p), "%s/keys.txt", tmpl + strlen(root) + 1);
    touch(p);
    CHECK_INT(mkdir(strcat(strcpy(p, root), "/montage-fast.42420.abcdef"), 0700), 0);
    CHECK_INT(mkdir(strcat(strcpy(p, root), "/montage-fast.4242.abc"), 0700), 0);
    CHECK_INT(mt_fast_tmp_cleanup_for_pid(4242), 1);
    CHECK(access(tmpl, F_OK) < 0);
    CHECK(access(strcat(strcpy(p, root), "/montage-fast.42420.abcdef"), F_OK) == 0);
    CHECK(access(strcat(strcpy(p, root), "/montage-fast.4242.abc"), F_OK) == 0);
    unsetenv("TMPDIR");
}

/* A name of that pattern planted in a shared /tmp as a symlink is not
 * followed: the directory it points at keeps its files (before, every file
 * in it was unlinked), and the link itself stays. */
static void fast_dir_symlink_left_alone(void)
{
    char victim[128], link[128], p[192];
    setenv("TMPDIR", root, 1);
    snprintf(victim, sizeof(victim), "%s/victim", root);
    CHECK_INT(mkdir(victim, 0700), 0);
    touch("victim/precious.txt");
    snprintf(link, sizeof(link), "%s/montage-fast.4242.zzzzzz", root);
    CHECK_INT(symlink(victim, link), 0);
    CHECK_INT(mt_fast_tmp_cleanup_for_pid(4242), 0);
    snprintf(p, sizeof(p), "%s/precious.txt", victim);
    CHECK(access(p, F_OK) == 0);
    struct stat st;
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    unsetenv("TMPDIR");
}

/* Release unlinked the lock by path: when the holder's file was removed
 * and another driver created and locked a new one there, that one went,
 * and a third driver got in beside the second. Now only the file held is
 * unlinked, and a link at the path is never taken for it. */
static void lock_release_only_its_own_file(void)
{
    char lp[256], moved[256];
    MtEntryLock a, b, c;
    struct stat st;
    snprintf(lp, sizeof(lp), "%s/r.montage.lock", root);
    snprintf(moved, sizeof(moved), "%s/r.moved", root);
    CHECK_INT(mt_entry_lock_try(&a, lp), MT_LOCK_ACQUIRED);
    CHECK_INT(mt_entry_lock_names_fd(lp, a.fd), 1);
    CHECK_INT(rename(lp, moved), 0); /* a's file leaves the path... */
    CHECK_INT(mt_entry_lock_names_fd(lp, a.fd), 0);
    CHECK_INT(mt_entry_lock_try(&b, lp), MT_LOCK_ACQUIRED); /* ...b makes and locks a new one */
    mt_entry_lock_release(&a);
    CHECK(access(lp, F_OK) == 0); /* b's file stays */
    CHECK(access(moved, F_OK) == 0);
    CHECK_INT(mt_entry_lock_try(&c, lp), MT_LOCK_BUSY); /* so c is kept out */
    mt_entry_lock_release(&b);
    CHECK(access(lp, F_OK) != 0);

    CHECK_INT(mt_entry_lock_try(&a, lp), MT_LOCK_ACQUIRED);
    CHECK_INT(rename(lp, moved), 0);
    CHECK_INT(symlink(moved, lp), 0); /* a link to the held file is not it */
    CHECK_INT(mt_entry_lock_names_fd(lp, a.fd), 0);
    mt_entry_lock_release(&a);
    CHECK(lstat(lp, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK_INT(mt_entry_lock_try(&a, lp), -ELOOP); /* never followed */
    unlink(lp);
    unlink(moved);
}

/* The lock tries of lock_file_not_writable, as a user who cannot write
 * lp but may write its folder, nor write the folder of locked_lp (a lock
 * file there too) and absent_lp: 0 when lp is locked and the other two
 * are refused with -EACCES (the driver's "cannot write next to the
 * media"). */
static int try_unwritable(const char *lp, const char *locked_lp, const char *absent_lp)
{
    MtEntryLock l;
    int ret = mt_entry_lock_try(&l, lp);
    if (ret != MT_LOCK_ACQUIRED) {
        printf("# lock of a file we may not write: %d\n", ret);
        return 1;
    }
    mt_entry_lock_release(&l);
    ret = mt_entry_lock_try(&l, locked_lp);
    if (ret != -EACCES) {
        printf("# lock file in a directory we may not write: %d\n", ret);
        return 1;
    }
    ret = mt_entry_lock_try(&l, absent_lp);
    if (ret != -EACCES) {
        printf("# lock in a directory we may not write: %d\n", ret);
        return 1;
    }
    return 0;
}

/* A lock file left by another user (root's 0644 after a crash) made every
 * run of any other user fail on that media: the O_RDWR open was refused.
 * flock needs no write access: it is locked read-only, in a folder this
 * user may write; in one it may not (the sidecar cannot be written there
 * either) it stays -EACCES, as before. As root (whom permissions do not
 * stop) the tries run as nobody (65534) in a child. */
static void lock_file_not_writable(void)
{
    char dir[64], ro_dir[64], lp[128], locked[128], absent[128];
    strcpy(dir, "/tmp/test_entry_lock.XXXXXX");
    strcpy(ro_dir, "/tmp/test_entry_lock_ro.XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    CHECK(mkdtemp(ro_dir) != NULL);
    snprintf(lp, sizeof(lp), "%s/m.mp4.montage.lock", dir);
    snprintf(locked, sizeof(locked), "%s/m.mp4.montage.lock", ro_dir);
    snprintf(absent, sizeof(absent), "%s/n.mp4.montage.lock", ro_dir);
    for (int i = 0; i < 2; i++) {
        int fd = open(i ? locked : lp, O_WRONLY | O_CREAT | O_EXCL, 0644);
        CHECK(fd >= 0);
        close(fd);
    }
    int status = -1;
    if (geteuid() == 0) {
        CHECK_INT(chmod(dir, 0777), 0); /* nobody may write it, not root's lock file */
        CHECK_INT(chmod(ro_dir, 0755), 0);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            if (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0)
                _exit(2);
            _exit(try_unwritable(lp, locked, absent));
        }
        CHECK(waitpid(pid, &status, 0) == pid);
        status = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
    } else {
        CHECK_INT(chmod(lp, 0444), 0);
        CHECK_INT(chmod(locked, 0444), 0);
        CHECK_INT(chmod(ro_dir, 0555), 0);
        status = try_unwritable(lp, locked, absent);
        chmod(ro_dir, 0755);
    }
    unlink(lp);
    unlink(locked);
    rmdir(dir);
    rmdir(ro_dir);
    CHECK_INT(status, 0);
}

int main(void)
{
    char cmd[128];
    strcpy(root, "/tmp/test_driver_files.XXXXXX");
    if (!mkdtemp(root))
        return 1;
    RUN(walk_sorted_and_filtered);
    RUN(read_lists);
    RUN(lock_excludes_and_cleans_up);
    RUN(lock_release_only_its_own_file);
    RUN(lock_file_not_writable);
    RUN(temp_files_of_one_pid);
    RUN(fast_dir_of_one_pid);
    RUN(fast_dir_symlink_left_alone);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        return 1;
    UNIT_EXIT();
}
