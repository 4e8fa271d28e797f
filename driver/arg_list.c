/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* argv building; see arg_list.h. */
#include "driver/arg_list.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mt_arg_list_init(MtArgList *args)
{
    memset(args, 0, sizeof(*args));
}

static void push_owned(MtArgList *args, char *copy)
{
    if (!copy || args->n >= MT_ARG_LIST_MAX) {
        free(copy);
        args->failed = 1;
        return;
    }
    args->argv[args->n++] = copy;
    args->argv[args->n] = NULL;
}

void mt_arg_list_push(MtArgList *args, const char *arg)
{
    push_owned(args, strdup(arg));
}

void mt_arg_list_pushf(MtArgList *args, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)len + 1, fmt, ap);
        va_end(ap);
    }
    push_owned(args, s);
}

void mt_arg_list_free(MtArgList *args)
{
    for (size_t i = 0; i < args->n; i++)
        free(args->argv[i]);
    mt_arg_list_init(args);
}

int mt_arg_list_find(const MtArgList *args, const char *s)
{
    for (size_t i = 0; i < args->n; i++)
        if (!strcmp(args->argv[i], s))
            return (int)i;
    return -1;
}
