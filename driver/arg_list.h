/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* A NULL-terminated argv under construction, owning its strings. */
#ifndef MONTAGE_DRIVER_ARG_LIST_H
#define MONTAGE_DRIVER_ARG_LIST_H

#include <stddef.h>

#define MT_ARG_LIST_MAX 64

typedef struct MtArgList {
    char  *argv[MT_ARG_LIST_MAX + 1];
    size_t n;
    int    failed; /* sticky: a push ran out of room or memory */
} MtArgList;

void mt_arg_list_init(MtArgList *args);
void mt_arg_list_push(MtArgList *args, const char *arg);
void mt_arg_list_pushf(MtArgList *args, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void mt_arg_list_free(MtArgList *args);
/* Index of the first argument equal to s, or -1 (for tests). */
int  mt_arg_list_find(const MtArgList *args, const char *s);

#endif /* MONTAGE_DRIVER_ARG_LIST_H */
