/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* --shard K/N (driver/shard.c): parsing, a partition (every path in
 * exactly one shard), balance, and stability. */
#include <stdio.h>
#include <string.h>

#include "driver/shard.h"
#include "unit.h"

static void parse_valid_and_invalid(void)
{
    MtShard s;
    CHECK_INT(mt_shard_parse("1/1", &s), 0);
    CHECK_INT(mt_shard_parse("3/4", &s), 0);
    CHECK_INT(s.index, 3);
    CHECK_INT(s.count, 4);
    const char *bad[] = { "0/4", "5/4", "1/0", "a/2", "1/", "/2", "1/2x", "-1/2", "1", "",
                          "1/65537", " 1/2" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (mt_shard_parse(bad[i], &s) == 0)
            UNIT_FAIL("'%s' accepted", bad[i]);
}

static void shards_partition_the_list(void)
{
    enum { FILES = 3000, N = 7 };
    size_t per_shard[N] = { 0 };
    char path[64];
    for (int f = 0; f < FILES; f++) {
        int owners = 0;
        snprintf(path, sizeof(path), "/library/show/episode-%04d.mkv", f);
        for (unsigned k = 1; k <= N; k++) {
            MtShard s = { k, N };
            if (mt_shard_selects(&s, path)) {
                owners++;
                per_shard[k - 1]++;
            }
        }
        CHECK_INT(owners, 1);
    }
    /* a hash split is roughly even: each within 20% of FILES/N */
    for (int k = 0; k < N; k++)
        CHECK(per_shard[k] > FILES / N * 8 / 10 && per_shard[k] < FILES / N * 12 / 10);
}

static void no_sharding_selects_all(void)
{
    MtShard none = { 0, 0 }, one = { 1, 1 };
    CHECK(mt_shard_selects(&none, "/x"));
    CHECK(mt_shard_selects(&one, "/x"));
    CHECK_INT(mt_shard_of_path("/x", 1), 0);
}

static void split_is_stable(void)
{
    /* the same path gives the same shard on every call (and host: XXH3 is
     * specified byte for byte); different paths spread */
    unsigned a = mt_shard_of_path("/media/a.mp4", 1000);
    CHECK_INT(mt_shard_of_path("/media/a.mp4", 1000), a);
    CHECK(mt_shard_of_path("/media/b.mp4", 1000) != a ||
          mt_shard_of_path("/media/c.mp4", 1000) != a);
}

int main(void)
{
    RUN(parse_valid_and_invalid);
    RUN(shards_partition_the_list);
    RUN(no_sharding_selects_all);
    RUN(split_is_stable);
    UNIT_EXIT();
}
