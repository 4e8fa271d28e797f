/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Bounded msgpack parsing. msgpack-c's C API has no size limits: a 5-byte
 * header announcing 4 billion array entries makes it allocate ~100 GB. So
 * before msgpack_unpack_next() sees a buffer, a scan over the headers checks
 * that every announced element can fit in the bytes that are left, that
 * nesting stays shallow, and finds where the first object ends. The tree
 * msgpack-c then builds is at most a small multiple of the input size.
 */
#ifndef MONTAGE_CACHE_MSGPACK_BOUNDS_H
#define MONTAGE_CACHE_MSGPACK_BOUNDS_H

#include <stddef.h>

#include <msgpack.h>

#include "sidecar_error.h"

#define MT_MSGPACK_MAX_DEPTH 24 /* the schema needs 6; msgpack-c allows 32 */

/* Scans one msgpack object at buf[0..len). Returns 0 and its length in *end,
 * or a negative MtSidecarErrorCode (TRUNCATED, MALFORMED) with err filled. */
int mt_msgpack_scan(const unsigned char *buf, size_t len, size_t *end,
                    MtSidecarError *err);

/* Scans, rejects trailing bytes (as not a sidecar at all when the data
 * does not start with a map), and unpacks buf into `out` (initialised
 * here; release with msgpack_unpacked_destroy() even on error). Strings and
 * bins in the tree point into buf, which must outlive `out`. */
int mt_msgpack_unpack_checked(const char *buf, size_t len,
                              msgpack_unpacked *out, MtSidecarError *err);

#endif /* MONTAGE_CACHE_MSGPACK_BOUNDS_H */
