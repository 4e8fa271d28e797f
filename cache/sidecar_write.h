/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar writer: packs an MtSidecar (see sidecar_model.h) into the msgpack
 * format of doc/montage-sidecar.5 and writes it atomically.
 *
 * This side is compiled into FFmpeg's libavfilter by the filters, so it
 * depends only on msgpack-c, C11 and POSIX 2001 (files: sidecar_write.c,
 * sidecar_model_check.c, sidecar_schema.c, sidecar_names.c, atomic_file.c
 * and their headers).
 */
#ifndef MONTAGE_CACHE_SIDECAR_WRITE_H
#define MONTAGE_CACHE_SIDECAR_WRITE_H

#include <stddef.h>

#include "sidecar_model.h"

/* Encodes `sc` into a new buffer. The encoding is a pure function of the
 * struct: the same content gives the same bytes. sc->schema_major/minor are
 * ignored (the writer always writes the version it implements).
 * Returns 0 and sets *data (release with free()) and *size, or a negative
 * errno (-EINVAL for an inconsistent struct, -ENOMEM) with a one-line cause
 * in err. */
int mt_sidecar_encode(const MtSidecar *sc, char **data, size_t *size,
                      char *err, size_t errlen);

/* Encodes `sc` and replaces `path` atomically and durably (temporary file in
 * the same directory, fsync, rename, fsync of the directory). Returns 0 or a
 * negative errno with a one-line cause naming the file in err; on error no
 * temporary file is left and `path` is untouched. */
int mt_sidecar_write_file(const char *path, const MtSidecar *sc,
                          char *err, size_t errlen);

#endif /* MONTAGE_CACHE_SIDECAR_WRITE_H */
