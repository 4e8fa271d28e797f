/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The memory of a sidecar returned by the reader: every array and string
 * is one block on a list, released together by mt_sidecar_free().
 */
#ifndef MONTAGE_CACHE_SIDECAR_ARENA_H
#define MONTAGE_CACHE_SIDECAR_ARENA_H

#include <stddef.h>

typedef struct MtArenaBlock MtArenaBlock;

typedef struct MtArena {
    MtArenaBlock *blocks;
} MtArena;

/* n bytes aligned for any type, or NULL when n == 0 or out of memory. */
void *mt_arena_alloc(MtArena *a, size_t n);
/* n * size bytes, NULL on overflow (n > 0) or when out of memory. */
void *mt_arena_array(MtArena *a, size_t n, size_t size);
/* A NUL-terminated copy of n bytes. */
char *mt_arena_strndup(MtArena *a, const char *s, size_t n);
void mt_arena_release(MtArena *a);

#endif /* MONTAGE_CACHE_SIDECAR_ARENA_H */
