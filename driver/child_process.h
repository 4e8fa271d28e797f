/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A child process in its own process group (so one kill reaches ffmpeg
 * and anything it starts, and a terminal's Ctrl-C reaches only the
 * driver, which decides), with stdin and stdout on /dev/null and pipes for
 * its stderr and, optionally, its stdout or a progress descriptor.
 */
#ifndef MONTAGE_DRIVER_CHILD_PROCESS_H
#define MONTAGE_DRIVER_CHILD_PROCESS_H

#include <stddef.h>
#include <sys/types.h>

#define MT_CHILD_PROGRESS_FD 3 /* fd number the child sees its progress pipe on */

typedef struct MtChild {
    pid_t pid;        /* 0 when not running */
    int   stdout_fd;  /* read ends, -1 when closed or not requested */
    int   stderr_fd;
    int   progress_fd;
} MtChild;

typedef enum MtChildPipes {
    MT_CHILD_PIPE_STDOUT   = 1, /* capture stdout (ffprobe output) */
    MT_CHILD_PIPE_PROGRESS = 2, /* fd MT_CHILD_PROGRESS_FD for -progress */
} MtChildPipes;

/* Optional work done in the child after its descriptors are set up and
 * before exec (e.g. hashing the media while the driver goes on). It may
 * write to fd 1 and 2; it must not return an error: it reports through
 * its output. */
typedef struct MtChildPreExec {
    void (*fn)(void *opaque);
    void *opaque;
} MtChildPreExec;

/* Starts argv[0] (looked up in PATH if it has no '/'). pre_exec may be
 * NULL. Returns 0, or a negative errno (also when exec fails: the child
 * exits 127 then and the caller sees it at wait time). */
int mt_child_spawn(MtChild *child, char *const argv[], int pipes,
                   const MtChildPreExec *pre_exec);

/* SIGKILL to the child's process group. */
void mt_child_kill(const MtChild *child);

/* Closes the parent's pipe ends. */
void mt_child_close_pipes(MtChild *child);

/* Reads what is available on fd (non-blocking) and appends to buf (keeps
 * the last cap-1 bytes, always NUL-terminated; *len is the stored size).
 * Returns 0 at end of file (fd closed and set to -1), 1 otherwise. */
int mt_child_drain(int *fd, char *buf, size_t cap, size_t *len);

#endif /* MONTAGE_DRIVER_CHILD_PROCESS_H */
