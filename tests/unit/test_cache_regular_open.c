// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * mt_regular_open: a FIFO, a link to a device and a directory are refused
 * without being opened for reading (a FIFO opened so would block here
 * until a writer came), a regular file is opened and is the one named.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/regular_open.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/unit.h"

static char dir[512];

static void test_fifo_refused_without_blocking(void)
{
    char path[600];
    struct stat st;
    snprintf(path, sizeof(path), "%s/fifo", dir);
    CHECK(mkfifo(path, 0600) == 0);
    CHECK_INT(mt_regular_open(path, &st), MT_REGULAR_OPEN_NOT_REGULAR);
}

static void test_device_link_refused(void)
{
    char path[600];
    struct stat st;
    snprintf(path, sizeof(path), "%s/null-link", dir);
    CHECK(symlink("/dev/null", path) == 0);
    CHECK_INT(mt_regular_open(path, &st), MT_REGULAR_OPEN_NOT_REGULAR);
}

static void test_directory_refused(void)
{
    struct stat st;
    CHECK_INT(mt_regular_open(dir, &st), MT_REGULAR_OPEN_NOT_REGULAR);
}

static void test_regular_file_opened(void)
{
    char path[600], got[8] = "";
    struct stat st, named;
    int fd;
    snprintf(path, sizeof(path), "%s/plain", dir);
    CHECK(file_write(path, "abc", 3) == 0);
    fd = mt_regular_open(path, &st);
    CHECK(fd >= 0);
    CHECK(stat(path, &named) == 0);
    CHECK(S_ISREG(st.st_mode) && st.st_dev == named.st_dev && st.st_ino == named.st_ino);
    CHECK_INT(st.st_size, 3);
    CHECK_INT(read(fd, got, sizeof(got)), 3);
    CHECK(!memcmp(got, "abc", 3));
    CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    CHECK_INT(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
    close(fd);
}

static void test_absent_is_errno(void)
{
    char path[600];
    struct stat st;
    snprintf(path, sizeof(path), "%s/absent", dir);
    errno = 0;
    CHECK_INT(mt_regular_open(path, &st), MT_REGULAR_OPEN_ERRNO);
    CHECK_INT(errno, ENOENT);
}

int main(void)
{
    /* a bound on the hang a blocking open of the FIFO would be (not a
     * timing: SIGALRM kills the binary, which tests/run counts failed) */
    alarm(60);
    tmpdir_make(dir, sizeof(dir), "regular-open");
    RUN(test_fifo_refused_without_blocking);
    RUN(test_device_link_refused);
    RUN(test_directory_refused);
    RUN(test_regular_file_opened);
    RUN(test_absent_is_errno);
    tmpdir_remove(dir);
    UNIT_EXIT();
}
