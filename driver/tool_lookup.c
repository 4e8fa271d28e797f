/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* ffmpeg/ffprobe lookup; see tool_lookup.h. */
#include "driver/tool_lookup.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_executable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static int set_out(char *out, size_t out_size, const char *s)
{
    int n = snprintf(out, out_size, "%s", s);
    return n < 0 || (size_t)n >= out_size ? -1 : 0;
}

int mt_tool_find(const char *name, const char *explicit_path,
                 const char *env_var, const char *self_dir,
                 char *out, size_t out_size)
{
    const char *env = env_var ? getenv(env_var) : NULL;
    char candidate[PATH_MAX];
    /* an explicit choice is used even when it is broken: the error then
     * names what the user asked for */
    if (explicit_path && *explicit_path)
        return set_out(out, out_size, explicit_path) < 0 ? -1 :
               (is_executable_file(explicit_path) ? 0 : -1);
    if (env && *env)
        return set_out(out, out_size, env) < 0 ? -1 : (is_executable_file(env) ? 0 : -1);
    if (self_dir) {
        int n = snprintf(candidate, sizeof(candidate), "%s/%s", self_dir, name);
        if (n > 0 && (size_t)n < sizeof(candidate) && is_executable_file(candidate))
            return set_out(out, out_size, candidate);
    }
    const char *path = getenv("PATH");
    while (path && *path) {
        size_t len = strcspn(path, ":");
        int n = snprintf(candidate, sizeof(candidate), "%.*s/%s",
                         (int)(len ? len : 1), len ? path : ".", name);
        if (n > 0 && (size_t)n < sizeof(candidate) && is_executable_file(candidate))
            return set_out(out, out_size, candidate);
        path += len + (path[len] == ':');
    }
    set_out(out, out_size, name);
    return -1;
}

int mt_tool_self_dir(const char *argv0, char *out, size_t out_size)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n > 0) {
        buf[n] = '\0';
    } else if (argv0 && strchr(argv0, '/')) {
        if (set_out(buf, sizeof(buf), argv0) < 0)
            return -1;
    } else {
        return -1;
    }
    char *slash = strrchr(buf, '/');
    if (!slash)
        return -1;
    if (slash == buf)
        slash[1] = '\0';
    else
        *slash = '\0';
    return set_out(out, out_size, buf);
}
