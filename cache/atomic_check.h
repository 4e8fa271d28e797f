/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Early check that a file can be atomically written at a path, so a filter
 * fails at start-up instead of after decoding a whole stream. Writer side:
 * C11 + POSIX 2001 only (compiled into FFmpeg).
 */
#ifndef MONTAGE_CACHE_ATOMIC_CHECK_H
#define MONTAGE_CACHE_ATOMIC_CHECK_H

#include <stddef.h>

/* Creates and removes a temporary file in the directory of `path`, and
 * checks that `path` is not a directory. Works for root too, where access()
 * would say yes to a read-only file system. Returns 0, or a negative errno
 * with a one-line cause naming the path in err. Leaves nothing behind. */
int mt_atomic_check_writable(const char *path, char *err, size_t errlen);

#endif /* MONTAGE_CACHE_ATOMIC_CHECK_H */
