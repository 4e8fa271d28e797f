/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* mt_array_grow: capacities, kept contents and the -ENOMEM convention. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "analysis/array_grow.h"
#include "tests/unit/unit.h"

static void grows_by_doubling_and_keeps_contents(void)
{
    int *a = NULL;
    size_t cap = 0;
    CHECK_INT(mt_array_grow((void **)&a, &cap, 1, sizeof(*a)), 0);
    CHECK_INT(cap, 16);
    for (int i = 0; i < 16; i++)
        a[i] = i;
    CHECK_INT(mt_array_grow((void **)&a, &cap, 16, sizeof(*a)), 0); /* fits: no change */
    CHECK_INT(cap, 16);
    CHECK_INT(mt_array_grow((void **)&a, &cap, 17, sizeof(*a)), 0);
    CHECK_INT(cap, 32);
    CHECK_INT(mt_array_grow((void **)&a, &cap, 100, sizeof(*a)), 0);
    CHECK_INT(cap, 128);
    for (int i = 0; i < 16; i++)
        CHECK_INT(a[i], i);
    free(a);
}

static void overflow_is_enomem_and_leaves_the_array(void)
{
    char *a = NULL;
    size_t cap = 0;
    CHECK_INT(mt_array_grow((void **)&a, &cap, 4, 1), 0);
    char *before = a;
    CHECK_INT(mt_array_grow((void **)&a, &cap, SIZE_MAX, 1), -ENOMEM);
    CHECK_INT(mt_array_grow((void **)&a, &cap, SIZE_MAX / 4, 8), -ENOMEM);
    CHECK(a == before);
    CHECK_INT(cap, 16);
    free(a);
}

int main(void)
{
    RUN(grows_by_doubling_and_keeps_contents);
    RUN(overflow_is_enomem_and_leaves_the_array);
    UNIT_EXIT();
}
