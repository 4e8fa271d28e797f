/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Stable hash split of the file list; see shard.h. */
#include "driver/shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static int parse_unsigned(const char *s, char stop, unsigned long *value, const char **end)
{
    char *e;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    *value = strtoul(s, &e, 10);
    if (errno || *e != stop)
        return -1;
    *end = e;
    return 0;
}

int mt_shard_parse(const char *text, MtShard *shard)
{
    unsigned long k, n;
    const char *end;
    if (parse_unsigned(text, '/', &k, &end) < 0 ||
        parse_unsigned(end + 1, '\0', &n, &end) < 0)
        return -1;
    if (n < 1 || n > 65536 || k < 1 || k > n)
        return -1;
    shard->index = (unsigned)k;
    shard->count = (unsigned)n;
    return 0;
}

unsigned mt_shard_of_path(const char *path, unsigned count)
{
    if (count <= 1)
        return 0;
    return (unsigned)(XXH3_64bits(path, strlen(path)) % count);
}

int mt_shard_selects(const MtShard *shard, const char *path)
{
    if (shard->count <= 1)
        return 1;
    return mt_shard_of_path(path, shard->count) == shard->index - 1;
}
