/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Why a sidecar could not be read: one code per class of damage, plus a
 * one-line message naming what is wrong ("truncated at byte 1234",
 * "key 'beat.beats.t.data' has type string, expected bin").
 */
#ifndef MONTAGE_CACHE_SIDECAR_ERROR_H
#define MONTAGE_CACHE_SIDECAR_ERROR_H

#include <stdint.h>

typedef enum MtSidecarErrorCode {
    MT_SIDECAR_OK = 0,
    MT_SIDECAR_ERR_IO,        /* open/stat/read failed; sys_errno says why */
    MT_SIDECAR_ERR_TOO_LARGE, /* more than MT_SIDECAR_MAX_BYTES */
    MT_SIDECAR_ERR_TRUNCATED, /* data ends inside the top-level map */
    MT_SIDECAR_ERR_MALFORMED, /* not msgpack (reserved byte, nesting too deep) */
    MT_SIDECAR_ERR_TRAILING,  /* bytes after the top-level map */
    MT_SIDECAR_ERR_MAGIC,     /* not a montage sidecar (no map, wrong schema) */
    MT_SIDECAR_ERR_VERSION,   /* schema major this reader does not know */
    MT_SIDECAR_ERR_MISSING,   /* a required key is absent */
    MT_SIDECAR_ERR_TYPE,      /* a key holds the wrong msgpack type */
    MT_SIDECAR_ERR_SIZE,      /* lengths/shapes inconsistent or absurd */
    MT_SIDECAR_ERR_VALUE,     /* value out of range or unknown enum name */
    MT_SIDECAR_ERR_NOMEM,
} MtSidecarErrorCode;

typedef struct MtSidecarError {
    MtSidecarErrorCode code;
    int     sys_errno;   /* for MT_SIDECAR_ERR_IO, else 0 */
    int64_t offset;      /* byte offset for TRUNCATED/MALFORMED/TRAILING, else -1 */
    char    message[256];
} MtSidecarError;

/* A stable lower-case name for a code ("truncated", "type", ...). */
const char *mt_sidecar_error_name(MtSidecarErrorCode code);

/* Fills err (if not NULL) and returns -(int)code. */
int mt_sidecar_set_error(MtSidecarError *err, MtSidecarErrorCode code,
                         int64_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif /* MONTAGE_CACHE_SIDECAR_ERROR_H */
