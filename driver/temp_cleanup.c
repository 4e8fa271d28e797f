/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Temporary file cleanup after a killed child; see temp_cleanup.h. */
#include "driver/temp_cleanup.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/atomic_file.h"

int mt_temp_name_is_from_pid(const char *name, pid_t pid)
{
    char prefix[64];
    int n = snprintf(prefix, sizeof(prefix), MT_ATOMIC_TMP_PREFIX "%ld.", (long)pid);
    size_t len = strlen(name), ls = strlen(MT_ATOMIC_TMP_SUFFIX);
    return n > 0 && !strncmp(name, prefix, (size_t)n) &&
           len > (size_t)n + ls && !strcmp(name + len - ls, MT_ATOMIC_TMP_SUFFIX);
}

int mt_temp_cleanup_for_pid(const char *target_path, pid_t pid)
{
    const char *slash = strrchr(target_path, '/');
    size_t dir_len = slash ? (size_t)(slash - target_path) : 0;
    char *dir = malloc(dir_len + 2);
    int removed = 0;
    if (!dir)
        return 0;
    if (slash) {
        memcpy(dir, target_path, dir_len ? dir_len : 1); /* "/x" -> "/" */
        dir[dir_len ? dir_len : 1] = '\0';
    } else {
        strcpy(dir, ".");
    }
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (!mt_temp_name_is_from_pid(de->d_name, pid))
            continue;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        char *path = malloc(len);
        if (path) {
            snprintf(path, len, "%s/%s", dir, de->d_name);
            if (unlink(path) == 0)
                removed++;
            free(path);
        }
    }
    if (d)
        closedir(d);
    free(dir);
    return removed;
}

static const char *tmp_root(void)
{
    const char *t = getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

int mt_fast_tmp_template(char *out, size_t size, pid_t pid)
{
    int n = snprintf(out, size, "%s/" MT_FAST_TMP_PREFIX "%ld.XXXXXX", tmp_root(), (long)pid);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* Unlinks the files in root/name, then root/name itself, when it is a
 * directory of ours: a symlink or someone else's directory planted under
 * that name in a shared /tmp is left alone, and nothing is followed. */
static int remove_flat_dir(int root_fd, const char *name)
{
    struct stat st;
    if (fstatat(root_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != geteuid())
        return 0;
    int fd = openat(root_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    DIR *d = fdopendir(fd);
    struct dirent *de;
    if (!d) {
        close(fd);
        return 0;
    }
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        unlinkat(fd, de->d_name, 0);
    }
    closedir(d);
    return unlinkat(root_fd, name, AT_REMOVEDIR) == 0;
}

int mt_fast_tmp_cleanup_for_pid(pid_t pid)
{
    const char *root = tmp_root();
    char prefix[64];
    int n = snprintf(prefix, sizeof(prefix), MT_FAST_TMP_PREFIX "%ld.", (long)pid), removed = 0;
    DIR *d = opendir(root);
    struct dirent *de;
    while (n > 0 && d && (de = readdir(d))) {
        if (strncmp(de->d_name, prefix, (size_t)n) || strlen(de->d_name) != (size_t)n + 6)
            continue; /* mkdtemp's XXXXXX: exactly 6 more characters */
        removed += remove_flat_dir(dirfd(d), de->d_name);
    }
    if (d)
        closedir(d);
    return removed;
}
