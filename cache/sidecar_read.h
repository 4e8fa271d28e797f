/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Validating sidecar reader. Damaged or foreign data gives a specific error
 * (sidecar_error.h), never a crash, and memory stays within a small multiple
 * of the input size. Unknown keys are ignored; a newer minor version of the
 * same schema major is read, a different major is refused.
 */
#ifndef MONTAGE_CACHE_SIDECAR_READ_H
#define MONTAGE_CACHE_SIDECAR_READ_H

#include <stddef.h>

#include "sidecar_error.h"
#include "sidecar_model.h"
#include "sidecar_schema.h" /* MT_SIDECAR_MAX_HIST_BINS */

/* Larger inputs are refused before reading (a 3-hour film with 16 per-frame
 * features is ~17 MB). */
#define MT_SIDECAR_MAX_BYTES ((size_t)256 << 20)

/* Parses len bytes. Returns 0 and *out (release with mt_sidecar_free()),
 * or -(MtSidecarErrorCode) with *out = NULL and err filled (err may be
 * NULL). The result owns all its memory; buf may be freed afterwards. */
int mt_sidecar_read_buffer(const void *buf, size_t len, MtSidecar **out,
                           MtSidecarError *err);

/* Reads and parses a file; MT_SIDECAR_ERR_IO with sys_errno == ENOENT when
 * it does not exist. Messages do not repeat the path. */
int mt_sidecar_read_file(const char *path, MtSidecar **out, MtSidecarError *err);

/* Flags of the _ex variants. NO_ARRAY_DATA: validate everything (packed
 * array shapes against their byte sizes included) but leave the packed
 * array pointers NULL (counts are set) and skip copying them: what a
 * validity check needs, at a fraction of the cost for large sidecars. */
#define MT_SIDECAR_READ_NO_ARRAY_DATA 1u

int mt_sidecar_read_buffer_ex(const void *buf, size_t len, unsigned flags,
                              MtSidecar **out, MtSidecarError *err);
int mt_sidecar_read_file_ex(const char *path, unsigned flags, MtSidecar **out,
                            MtSidecarError *err);


/* Reads a whole file (at most max bytes) into a malloc'ed buffer. Returns 0
 * or -(MT_SIDECAR_ERR_IO / _TOO_LARGE / _NOMEM). Shared with the CLI. */
int mt_sidecar_slurp(const char *path, size_t max, char **data, size_t *len,
                     MtSidecarError *err);

/* Releases a sidecar returned by the reader (NULL is fine). Never call it on
 * a sidecar filled by a producer. */
void mt_sidecar_free(MtSidecar *sc);

/* The config entry named key, or NULL. */
const MtConfigEntry *mt_sidecar_config_get(const MtSidecar *sc, const char *key);

#endif /* MONTAGE_CACHE_SIDECAR_READ_H */
