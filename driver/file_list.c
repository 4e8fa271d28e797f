/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Collecting, walking and sorting the batch's files; see file_list.h. */
#include "driver/file_list.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/array_grow.h"
#include "driver/output.h"

void mt_file_list_init(MtFileList *list)
{
    memset(list, 0, sizeof(*list));
}

void mt_file_list_free(MtFileList *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->entries[i].path);
    free(list->entries);
    mt_file_list_init(list);
}

int mt_file_list_add(MtFileList *list, const char *path, int named)
{
    if (mt_array_grow((void **)&list->entries, &list->cap, list->n + 1, sizeof(*list->entries)) < 0)
        return -1;
    char *copy = strdup(path);
    if (!copy)
        return -1;
    list->entries[list->n].path = copy;
    list->entries[list->n].named = named;
    list->n++;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && !memcmp(s + ls - lx, suffix, lx);
}

int mt_file_list_is_ignored_name(const char *name)
{
    return name[0] == '.' ||
           ends_with(name, ".montage.msgpack") ||
           ends_with(name, ".montage.lock") ||
           /* exports next to a sidecar (export/export.h, mt_export_next_to) */
           strstr(name, ".scene.montage.") != NULL || strstr(name, ".beat.montage.") != NULL ||
           strstr(name, ".montage.msgpack.tmp") != NULL;
}

static char *join_path(const char *dir, const char *name)
{
    size_t ld = strlen(dir), ln = strlen(name);
    int slash = ld > 0 && dir[ld - 1] != '/';
    char *p = malloc(ld + slash + ln + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, ld);
    if (slash)
        p[ld] = '/';
    memcpy(p + ld + slash, name, ln + 1);
    return p;
}

static int walk_directory(MtFileList *list, const char *dir, FILE *log)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int ret = 0;
    if (!d) {
        /* reported, not fatal: the rest of the library is still analysed,
         * but the batch must not end as if every file was */
        if (log)
            mt_output_message(log, "%s: cannot read directory: %s",
                    dir, strerror(errno));
        list->unreadable_dirs++;
        return 0;
    }
    while (ret == 0 && (de = readdir(d))) {
        if (mt_file_list_is_ignored_name(de->d_name))
            continue;
        char *child = join_path(dir, de->d_name);
        struct stat lst, st;
        if (!child) {
            ret = -1;
            break;
        }
        if (lstat(child, &lst) == 0) {
            if (S_ISDIR(lst.st_mode))
                ret = walk_directory(list, child, log);
            else if (S_ISREG(lst.st_mode))
                ret = mt_file_list_add(list, child, 0);
            else if (S_ISLNK(lst.st_mode) && (stat(child, &st) < 0 || S_ISREG(st.st_mode)))
                /* a dangling link is reported by its job; linked
                 * directories are not followed (loops) */
                ret = mt_file_list_add(list, child, 0);
            /* FIFOs, sockets, devices: not media files, and opening a FIFO blocks */
        }
        free(child);
    }
    closedir(d);
    return ret;
}

int mt_file_list_add_argument(MtFileList *list, const char *path, FILE *log)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk_directory(list, path, log);
    return mt_file_list_add(list, path, 1);
}

int mt_file_list_read(MtFileList *list, FILE *fp, int nul_separated)
{
    int sep = nul_separated ? '\0' : '\n';
    size_t cap = 256, n = 0;
    char *item = malloc(cap);
    int c;
    if (!item)
        return -1;
    for (;;) {
        c = getc(fp);
        if (c == EOF || c == sep) {
            if (n && !nul_separated && item[n - 1] == '\r')
                n--; /* CRLF lists */
            item[n] = '\0';
            if (n && mt_file_list_add(list, item, 1) < 0) {
                free(item);
                return -1;
            }
            n = 0;
            if (c == EOF)
                break;
            continue;
        }
        if (n + 1 >= cap) {
            char *bigger = realloc(item, cap * 2);
            if (!bigger) {
                free(item);
                return -1;
            }
            item = bigger;
            cap *= 2;
        }
        item[n++] = (char)c;
    }
    free(item);
    return 0;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const MtFileEntry *)a)->path, ((const MtFileEntry *)b)->path);
}

void mt_file_list_sort_unique(MtFileList *list)
{
    size_t out = 0;
    if (!list->n)
        return;
    qsort(list->entries, list->n, sizeof(*list->entries), compare_entries);
    for (size_t i = 0; i < list->n; i++) {
        if (out && !strcmp(list->entries[out - 1].path, list->entries[i].path)) {
            list->entries[out - 1].named |= list->entries[i].named;
            free(list->entries[i].path);
            continue;
        }
        list->entries[out++] = list->entries[i];
    }
    list->n = out;
}
