/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* ffprobe for the media's duration; see cli_probe.h. */
#include "cache/cli/cli_probe.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ffprobe beside /proc/self/exe, when there is one. */
static int sibling_ffprobe(char *out, size_t outlen)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return -1;
    self[n] = 0;
    char *slash = strrchr(self, '/');
    if (!slash)
        return -1;
    *slash = 0;
    if (snprintf(out, outlen, "%s/ffprobe", self) >= (int)outlen)
        return -1;
    return access(out, X_OK);
}

double cli_probe_duration(const char *media, MtSidecarKind kind, char *err, size_t errlen)
{
    char ffprobe[4096], input[4200], text[4096];
    const char *env = getenv("MONTAGE_FFPROBE");
    int fds[2];
    pid_t pid;
    size_t len = 0;
    int status;

    if (env && *env)
        snprintf(ffprobe, sizeof(ffprobe), "%s", env);
    else if (sibling_ffprobe(ffprobe, sizeof(ffprobe)) < 0)
        snprintf(ffprobe, sizeof(ffprobe), "ffprobe");
    /* file: so that a name with ':' is not taken for a protocol */
    snprintf(input, sizeof(input), "file:%s", media);
    char *argv[] = { ffprobe, "-v", "error", "-select_streams", kind == MT_KIND_SCENE ? "V:0" : "a:0",
                     "-show_entries", "stream=duration:format=duration", "-of", "default=nw=1",
                     input, NULL };

    if (pipe(fds) < 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1 /* O_WRONLY */, 0);
    int ret = posix_spawnp(&pid, ffprobe, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (ret) {
        close(fds[0]);
        snprintf(err, errlen, "cannot run %s: %s (set MONTAGE_FFPROBE)", ffprobe, strerror(ret));
        return -1;
    }
    for (;;) {
        ssize_t n = read(fds[0], text + len, sizeof(text) - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == sizeof(text) - 1)
            break;
    }
    text[len] = 0;
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status)) {
        snprintf(err, errlen, "%s cannot read %s", ffprobe, media);
        return -1;
    }
    /* the stream's line comes first; "N/A" reads as 0: unknown */
    double stream = 0, format = 0;
    int seen = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "duration=", 9))
            continue;
        double v = atof(line + 9);
        if (seen++ == 0)
            stream = v;
        else
            format = v;
    }
    if (seen == 1) /* no such stream: the line is the container's */
        return 0;
    return stream > 0 ? stream : format > 0 ? format : 0;
}
