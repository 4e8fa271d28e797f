/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * --shard K/N: a deterministic split of the file list between N drivers
 * (hosts). A file belongs to shard K (1-based) when a stable hash of its
 * path (XXH3-64, identical on every host and build) modulo N is K-1, so
 * every host given the same path list picks a disjoint part of it without
 * any coordination, and a file keeps its shard when others are added.
 */
#ifndef MONTAGE_DRIVER_SHARD_H
#define MONTAGE_DRIVER_SHARD_H

#include <stdint.h>

typedef struct MtShard {
    unsigned index; /* K, 1..count */
    unsigned count; /* N; 0 or 1 means no sharding */
} MtShard;

/* Parses "K/N" with 1 <= K <= N <= 65536. Returns 0, or -1 on bad syntax. */
int mt_shard_parse(const char *text, MtShard *shard);

/* 0-based shard a path belongs to among count shards. */
unsigned mt_shard_of_path(const char *path, unsigned count);

/* 1 when path is in shard (always 1 without sharding). */
int mt_shard_selects(const MtShard *shard, const char *path);

#endif /* MONTAGE_DRIVER_SHARD_H */
