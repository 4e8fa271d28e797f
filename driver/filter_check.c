// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/* Asking ffmpeg for a filter; see filter_check.h. */
#include "driver/filter_check.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "driver/child_process.h"

int mt_filter_help_names(const char *out, const char *name)
{
    /* FFmpeg 5.1 prints "Filter scale" then its description, or
     * "Unknown filter 'x'." (both on stdout, exit 0) */
    size_t n = strlen(name);
    for (const char *p = out; *p; ) {
        size_t len = strcspn(p, "\r\n");
        if (len == 7 + n && !strncmp(p, "Filter ", 7) && !strncmp(p + 7, name, n))
            return 1;
        p += len;
        p += strspn(p, "\r\n");
    }
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int mt_ffmpeg_has_filter(const char *ffmpeg, const char *name)
{
    char arg[128], out[16384], err[1024];
    size_t out_len = 0, err_len = 0;
    snprintf(arg, sizeof(arg), "filter=%s", name);
    char *argv[] = { (char *)ffmpeg, "-hide_banner", "-h", arg, NULL };
    MtChild child;
    if (mt_child_spawn(&child, argv, MT_CHILD_PIPE_STDOUT, NULL) < 0)
        return -1;
    out[0] = '\0';
    /* the help of one filter is printed at once; 10 s only bounds a
     * wrapper that hangs (the batch waits for this answer) */
    double deadline = now_s() + 10;
    int timed_out = 0;
    while (child.stdout_fd >= 0 || child.stderr_fd >= 0) {
        struct pollfd fds[2] = { { child.stdout_fd, POLLIN, 0 }, { child.stderr_fd, POLLIN, 0 } };
        double left = deadline - now_s();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        if (poll(fds, 2, (int)(left * 1000) + 1) < 0 && errno != EINTR)
            break;
        if (child.stdout_fd >= 0)
            mt_child_drain(&child.stdout_fd, out, sizeof(out), &out_len);
        if (child.stderr_fd >= 0) /* read only so that the child never blocks on it */
            mt_child_drain(&child.stderr_fd, err, sizeof(err), &err_len);
    }
    if (child.stdout_fd >= 0 || child.stderr_fd >= 0) {
        timed_out = 1;
        mt_child_kill(&child);
    }
    mt_child_close_pipes(&child);
    int status;
    while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return mt_filter_help_names(out, name);
}
