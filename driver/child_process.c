/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Process-group children with pipes; see child_process.h. */
#define _GNU_SOURCE /* pipe2 */
#include "driver/child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void close_pair(int p[2])
{
    if (p[0] >= 0) close(p[0]);
    if (p[1] >= 0) close(p[1]);
    p[0] = p[1] = -1;
}

int mt_child_spawn(MtChild *child, char *const argv[], int pipes,
                   const MtChildPreExec *pre_exec)
{
    int out[2] = { -1, -1 }, err[2] = { -1, -1 }, prog[2] = { -1, -1 };
    int ret = 0;
    memset(child, 0, sizeof(*child));
    child->stdout_fd = child->stderr_fd = child->progress_fd = -1;

    /* O_CLOEXEC everywhere: other jobs' children must not inherit them,
     * or a pipe would not see end of file when its own child exits */
    if (pipe2(err, O_CLOEXEC) < 0 ||
        ((pipes & MT_CHILD_PIPE_STDOUT) && pipe2(out, O_CLOEXEC) < 0) ||
        ((pipes & MT_CHILD_PIPE_PROGRESS) && pipe2(prog, O_CLOEXEC) < 0)) {
        ret = -errno;
        goto fail;
    }
    pid_t pid = fork();
    if (pid < 0) {
        ret = -errno;
        goto fail;
    }
    if (pid == 0) {
        sigset_t none;
        int null_fd = open("/dev/null", O_RDWR);
        setpgid(0, 0);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        signal(SIGCHLD, SIG_DFL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (null_fd < 0 ||
            dup2(null_fd, 0) < 0 ||
            dup2(out[1] >= 0 ? out[1] : null_fd, 1) < 0 ||
            dup2(err[1], 2) < 0 ||
            (prog[1] >= 0 && dup2(prog[1], MT_CHILD_PROGRESS_FD) < 0))
            _exit(127);
        if (pre_exec && pre_exec->fn)
            pre_exec->fn(pre_exec->opaque);
        execvp(argv[0], argv);
        /* the parent reads this from the stderr pipe */
        const char *msg = strerror(errno);
        (void)!write(2, "cannot run ", 11);
        (void)!write(2, argv[0], strlen(argv[0]));
        (void)!write(2, ": ", 2);
        (void)!write(2, msg, strlen(msg));
        (void)!write(2, "\n", 1);
        _exit(127);
    }
    setpgid(pid, pid); /* also here: no race with an early kill */
    child->pid = pid;
    close(err[1]);
    child->stderr_fd = err[0];
    if (out[1] >= 0) {
        close(out[1]);
        child->stdout_fd = out[0];
    }
    if (prog[1] >= 0) {
        close(prog[1]);
        child->progress_fd = prog[0];
    }
    fcntl(child->stderr_fd, F_SETFL, O_NONBLOCK);
    if (child->stdout_fd >= 0)
        fcntl(child->stdout_fd, F_SETFL, O_NONBLOCK);
    if (child->progress_fd >= 0)
        fcntl(child->progress_fd, F_SETFL, O_NONBLOCK);
    return 0;
fail:
    close_pair(out);
    close_pair(err);
    close_pair(prog);
    return ret;
}

void mt_child_kill(const MtChild *child)
{
    if (child->pid > 0) {
        kill(-child->pid, SIGKILL);
        kill(child->pid, SIGKILL); /* in case setpgid had not happened yet */
    }
}

void mt_child_close_pipes(MtChild *child)
{
    int *fds[] = { &child->stdout_fd, &child->stderr_fd, &child->progress_fd };
    for (size_t i = 0; i < 3; i++) {
        if (*fds[i] >= 0)
            close(*fds[i]);
        *fds[i] = -1;
    }
}

int mt_child_drain(int *fd, char *buf, size_t cap, size_t *len)
{
    char chunk[4096];
    for (;;) {
        ssize_t r = read(*fd, chunk, sizeof(chunk));
        if (r > 0) {
            size_t n = (size_t)r;
            if (n >= cap) { /* keep only the tail */
                memcpy(buf, chunk + n - (cap - 1), cap - 1);
                *len = cap - 1;
            } else {
                if (*len + n >= cap) {
                    size_t drop = *len + n - (cap - 1);
                    memmove(buf, buf + drop, *len - drop);
                    *len -= drop;
                }
                memcpy(buf + *len, chunk, n);
                *len += n;
            }
            buf[*len] = '\0';
            continue;
        }
        if (r == 0) {
            close(*fd);
            *fd = -1;
            return 0;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 1;
        close(*fd);
        *fd = -1;
        return 0;
    }
}
