/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The reader's typed access to single msgpack values: each checks the
 * type (and range or size) and fails with an error naming the key by its
 * dotted path ("scene.scenes[2].mean_hist.data"). Strings and packed data
 * are copied into the result's arena. Internal to the reader.
 */
#ifndef MONTAGE_CACHE_SIDECAR_READ_VALUE_H
#define MONTAGE_CACHE_SIDECAR_READ_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include <msgpack.h>

#include "sidecar_arena.h"
#include "sidecar_error.h"
#include "sidecar_schema.h"

typedef const msgpack_object MtObj;

typedef struct MtReader {
    MtSidecarError *err;
    MtArena        *arena;
    int             no_array_data; /* MT_SIDECAR_READ_NO_ARRAY_DATA */
    MtSidecarKind   kind;          /* once read; 0 before */
} MtReader;

/* Key paths longer than this are cut: they only label messages. */
#define MT_READ_PATH_LEN 160

void mt_read_path(char *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* where.key, or key at the top level (where == ""). */
void mt_read_join(char *out, const char *where, const char *key);

const char *mt_read_type_name(MtObj *o);
int mt_read_type_error(MtReader *r, const char *path, MtObj *o, const char *expected);
int mt_read_missing(MtReader *r, const char *path);
int mt_read_nomem(MtReader *r);

int mt_read_str_is(MtObj *o, const char *s);
/* The value of `key` in map m (first match), or NULL. */
MtObj *mt_read_find(MtObj *m, const char *key);

int mt_read_i64(MtReader *r, MtObj *o, const char *path, int64_t *v);
int mt_read_int(MtReader *r, MtObj *o, const char *path, int *v);
int mt_read_range(MtReader *r, const char *path, int64_t v, int64_t lo, int64_t hi);
/* any float or integer */
int mt_read_f64(MtReader *r, MtObj *o, const char *path, double *v);
/* a string or nil (-> NULL) */
int mt_read_str(MtReader *r, MtObj *o, const char *path, const char **v);

/* Packed map {dtype, shape, data} of ndim 1 or 2: *data gets a host-order
 * copy (NULL when empty or without array data). */
int mt_read_packed(MtReader *r, MtObj *o, const char *path, MtPackedType t,
                   int ndim, size_t *rows, size_t *cols, void **data);
/* 1-D, with `expect` values (SIZE_MAX: any). */
int mt_read_packed1(MtReader *r, MtObj *o, const char *path, MtPackedType t,
                    size_t expect, size_t *n, void **data);

#endif /* MONTAGE_CACHE_SIDECAR_READ_VALUE_H */
