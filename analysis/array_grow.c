/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Amortised array growth; see array_grow.h. */
#include "analysis/array_grow.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

int mt_array_regrow(void **arr, size_t *cap, size_t need, size_t elem_size)
{
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -ENOMEM;
        n *= 2;
    }
    if (elem_size && n > SIZE_MAX / elem_size)
        return -ENOMEM;
    void *p = realloc(*arr, n * elem_size);
    if (!p)
        return -ENOMEM;
    *arr = p;
    *cap = n;
    return 0;
}
