/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * File-system helpers for the sidecar/cache unit tests: a private temp
 * directory per test binary, small file writes, and cleanup. Header-only.
 */
#ifndef MONTAGE_TESTS_CACHE_TEST_UTIL_H
#define MONTAGE_TESTS_CACHE_TEST_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdtemp'ed directory under $TMPDIR (or /tmp); abort on failure. */
static inline void tmpdir_make(char *out, size_t outlen, const char *tag)
{
    const char *base = getenv("TMPDIR");
    snprintf(out, outlen, "%s/montage-%s-XXXXXX", base && *base ? base : "/tmp", tag);
    if (!mkdtemp(out)) {
        perror("mkdtemp");
        exit(2);
    }
}

/* Removes dir and everything in it, two levels deep (enough for by-path/). */
static inline void tmpdir_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[4096];
    while (d && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
            continue;
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            tmpdir_remove(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static inline int file_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(data, 1, len, f);
    return fclose(f) == 0 && w == len ? 0 : -1;
}

/* Whole file into a malloc'ed buffer; NULL when missing. */
static inline char *file_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Number of entries in dir (without . and ..); names matching `only`
 * (a function) when it is not NULL. */
static inline int dir_count(const char *dir, int (*only)(const char *name))
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && (!only || only(de->d_name)))
            n++;
    if (d)
        closedir(d);
    return n;
}

#endif /* MONTAGE_TESTS_CACHE_TEST_UTIL_H */
