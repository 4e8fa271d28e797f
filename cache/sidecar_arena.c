/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A list of malloc'ed blocks (see sidecar_arena.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sidecar_arena.h"

struct MtArenaBlock {
    MtArenaBlock *next;
    max_align_t   data[]; /* aligned for any element type */
};

void *mt_arena_alloc(MtArena *a, size_t n)
{
    MtArenaBlock *b;
    if (!n || n > SIZE_MAX - sizeof(*b))
        return NULL;
    b = malloc(sizeof(*b) + n);
    if (!b)
        return NULL;
    b->next = a->blocks;
    a->blocks = b;
    return b->data;
}

void *mt_arena_array(MtArena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return mt_arena_alloc(a, n * size);
}

char *mt_arena_strndup(MtArena *a, const char *s, size_t n)
{
    char *d = n < SIZE_MAX ? mt_arena_alloc(a, n + 1) : NULL;
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

void mt_arena_release(MtArena *a)
{
    while (a->blocks) {
        MtArenaBlock *next = a->blocks->next;
        free(a->blocks);
        a->blocks = next;
    }
}
