/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Self-pipe signal handling; see signals.h. */
#define _GNU_SOURCE /* pipe2 */
#include "driver/signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static int signal_pipe[2] = { -1, -1 };
static int stop_signal;

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    (void)!write(signal_pipe[1], &b, 1);
    errno = saved;
}

int mt_signals_install(void)
{
    struct sigaction sa;
    if (signal_pipe[0] >= 0)
        return signal_pipe[0];
    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
        return -1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* A closed terminal or ssh session: the children run in process groups
     * of their own and would not hear it, so the batch stops as on SIGTERM.
     * Unless SIGHUP came ignored (nohup): then the batch goes on. */
    struct sigaction old;
    if (sigaction(SIGHUP, NULL, &old) < 0 || old.sa_handler != SIG_IGN)
        sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    return signal_pipe[0];
}

int mt_signals_drain(void)
{
    unsigned char buf[64];
    ssize_t n;
    while ((n = read(signal_pipe[0], buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++)
            if (!stop_signal && (buf[i] == SIGINT || buf[i] == SIGTERM || buf[i] == SIGHUP))
                stop_signal = buf[i];
    }
    return stop_signal;
}
