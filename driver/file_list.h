/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The list of files a batch works on: PATH arguments (directories walked
 * recursively) and lists read from stdin, sorted and without duplicates.
 */
#ifndef MONTAGE_DRIVER_FILE_LIST_H
#define MONTAGE_DRIVER_FILE_LIST_H

#include <stddef.h>
#include <stdio.h>

typedef struct MtFileEntry {
    char *path;
    int   named; /* 1: named explicitly (argument or list), 0: found by a walk */
} MtFileEntry;

typedef struct MtFileList {
    MtFileEntry *entries;
    size_t       n, cap;
    size_t       unreadable_dirs; /* directories a walk could not read (logged) */
} MtFileList;

void mt_file_list_init(MtFileList *list);
void mt_file_list_free(MtFileList *list);
int  mt_file_list_add(MtFileList *list, const char *path, int named);

/* Adds a PATH argument: a directory is walked (hidden entries, symlinked
 * directories and Montage's own sidecar/lock/temp files are left out; one
 * it cannot read is logged and counted in unreadable_dirs);
 * anything else, even a missing path, is added as named so that its job
 * reports the error. Returns 0, or -1 on out of memory. */
int mt_file_list_add_argument(MtFileList *list, const char *path, FILE *log);

/* Reads a list from fp separated by '\n' (or '\0' when nul_separated);
 * empty items are ignored. Entries are named, never walked. */
int mt_file_list_read(MtFileList *list, FILE *fp, int nul_separated);

/* Sorts by path (bytewise) and drops duplicates (keeping "named"). */
void mt_file_list_sort_unique(MtFileList *list);

/* 1 for names the walk ignores: dotfiles and Montage's own outputs. */
int mt_file_list_is_ignored_name(const char *name);

#endif /* MONTAGE_DRIVER_FILE_LIST_H */
