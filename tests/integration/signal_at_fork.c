// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * LD_PRELOAD shim for test_export_split.sh: the first fork() of the
 * process first raises SIGTERM in it, so the signal lands exactly
 * between split's check of its stop flag and its wait on ffmpeg (the
 * window a real signal hits only by chance). Once only, and the shim is
 * taken out of the environment the children inherit.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

pid_t fork(void)
{
    static int done;
    pid_t (*real_fork)(void) = (pid_t (*)(void))dlsym(RTLD_NEXT, "fork");
    if (!done) {
        done = 1;
        unsetenv("LD_PRELOAD");
        raise(SIGTERM);
    }
    return real_fork();
}
