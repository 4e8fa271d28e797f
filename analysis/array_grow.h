/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The one growth helper of the analysis kernels: arrays that grow by
 * appending (frames, transitions, scenes, energy blocks) double their
 * capacity, so appending n elements costs O(n) copies in all.
 */
#ifndef MONTAGE_ANALYSIS_ARRAY_GROW_H
#define MONTAGE_ANALYSIS_ARRAY_GROW_H

#include <stddef.h>

/* The reallocation behind mt_array_grow, for need > *cap. */
int mt_array_regrow(void **arr, size_t *cap, size_t need, size_t elem_size);

/* Grows *arr (elements of elem_size bytes, *cap of them allocated) to
 * hold at least need elements: 16 at first, then doubling. 0, or -ENOMEM
 * (also when the size would overflow) with *arr and *cap unchanged.
 * Inline test: it runs once per appended frame in the beat kernel. */
static inline int mt_array_grow(void **arr, size_t *cap, size_t need, size_t elem_size)
{
    return need <= *cap ? 0 : mt_array_regrow(arr, cap, need, elem_size);
}

#endif /* MONTAGE_ANALYSIS_ARRAY_GROW_H */
