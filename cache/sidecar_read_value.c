/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Typed reads of single msgpack values (sidecar_read_value.h). */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "packed_le.h"
#include "sidecar_read_value.h"

void mt_read_path(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, MT_READ_PATH_LEN, fmt, ap);
    va_end(ap);
}

void mt_read_join(char *out, const char *where, const char *key)
{
    if (where && *where)
        mt_read_path(out, "%s.%s", where, key);
    else
        mt_read_path(out, "%s", key);
}

const char *mt_read_type_name(MtObj *o)
{
    switch (o->type) {
    case MSGPACK_OBJECT_NIL:              return "nil";
    case MSGPACK_OBJECT_BOOLEAN:          return "bool";
    case MSGPACK_OBJECT_POSITIVE_INTEGER:
    case MSGPACK_OBJECT_NEGATIVE_INTEGER: return "int";
    case MSGPACK_OBJECT_FLOAT32:
    case MSGPACK_OBJECT_FLOAT64:          return "float";
    case MSGPACK_OBJECT_STR:              return "string";
    case MSGPACK_OBJECT_BIN:              return "bin";
    case MSGPACK_OBJECT_ARRAY:            return "array";
    case MSGPACK_OBJECT_MAP:              return "map";
    case MSGPACK_OBJECT_EXT:              return "ext";
    }
    return "unknown";
}

int mt_read_type_error(MtReader *r, const char *path, MtObj *o, const char *expected)
{
    return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_TYPE, -1, "key '%s' has type %s, expected %s",
                                path, mt_read_type_name(o), expected);
}

int mt_read_missing(MtReader *r, const char *path)
{
    return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_MISSING, -1, "key '%s' is missing", path);
}

int mt_read_nomem(MtReader *r)
{
    return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_NOMEM, -1, "out of memory");
}

int mt_read_str_is(MtObj *o, const char *s)
{
    size_t n = strlen(s);
    return o->type == MSGPACK_OBJECT_STR && o->via.str.size == n &&
           !memcmp(o->via.str.ptr, s, n);
}

MtObj *mt_read_find(MtObj *m, const char *key)
{
    for (uint32_t i = 0; i < m->via.map.size; i++)
        if (mt_read_str_is(&m->via.map.ptr[i].key, key))
            return &m->via.map.ptr[i].val;
    return NULL;
}

int mt_read_i64(MtReader *r, MtObj *o, const char *path, int64_t *v)
{
    if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
        *v = o->via.i64;
    } else if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
        if (o->via.u64 > INT64_MAX)
            return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                        "key '%s' value %" PRIu64 " is out of range", path, o->via.u64);
        *v = (int64_t)o->via.u64;
    } else {
        return mt_read_type_error(r, path, o, "int");
    }
    return 0;
}

int mt_read_range(MtReader *r, const char *path, int64_t v, int64_t lo, int64_t hi)
{
    if (v < lo || v > hi)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key '%s' value %" PRId64 " is out of range [%" PRId64 ", %" PRId64 "]",
                                    path, v, lo, hi);
    return 0;
}

int mt_read_int(MtReader *r, MtObj *o, const char *path, int *v)
{
    int64_t x = 0;
    int ret = mt_read_i64(r, o, path, &x);
    if (!ret)
        ret = mt_read_range(r, path, x, INT_MIN, INT_MAX);
    if (!ret)
        *v = (int)x;
    return ret;
}

int mt_read_f64(MtReader *r, MtObj *o, const char *path, double *v)
{
    switch (o->type) {
    case MSGPACK_OBJECT_FLOAT32:
    case MSGPACK_OBJECT_FLOAT64:          *v = o->via.f64; return 0;
    case MSGPACK_OBJECT_POSITIVE_INTEGER: *v = (double)o->via.u64; return 0;
    case MSGPACK_OBJECT_NEGATIVE_INTEGER: *v = (double)o->via.i64; return 0;
    default: return mt_read_type_error(r, path, o, "float");
    }
}

int mt_read_str(MtReader *r, MtObj *o, const char *path, const char **v)
{
    if (o->type == MSGPACK_OBJECT_NIL) {
        *v = NULL;
        return 0;
    }
    if (o->type != MSGPACK_OBJECT_STR)
        return mt_read_type_error(r, path, o, "string or nil");
    if (!(*v = mt_arena_strndup(r->arena, o->via.str.ptr, o->via.str.size)))
        return mt_read_nomem(r);
    return 0;
}

/* A required key of packed map o, at `p`. */
static int packed_key(MtReader *r, MtObj *o, const char *path, const char *key,
                      MtObj **v, char *p)
{
    mt_read_join(p, path, key);
    return (*v = mt_read_find(o, key)) ? 0 : mt_read_missing(r, p);
}

static int packed_dims(MtReader *r, MtObj *o, const char *path, int ndim, uint64_t *dim)
{
    char p[MT_READ_PATH_LEN];
    MtObj *shape;
    int ret;
    if ((ret = packed_key(r, o, path, "shape", &shape, p)) < 0)
        return ret;
    if (shape->type != MSGPACK_OBJECT_ARRAY)
        return mt_read_type_error(r, p, shape, "array");
    if (shape->via.array.size != (uint32_t)ndim)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %" PRIu32 " dimensions, expected %d",
                                    p, shape->via.array.size, ndim);
    for (int d = 0; d < ndim; d++) {
        MtObj *s = &shape->via.array.ptr[d];
        if (s->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
            return s->type == MSGPACK_OBJECT_NEGATIVE_INTEGER
                ? mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1, "key '%s' is negative", p)
                : mt_read_type_error(r, p, s, "int");
        dim[d] = s->via.u64;
    }
    return 0;
}

int mt_read_packed(MtReader *r, MtObj *o, const char *path, MtPackedType t,
                   int ndim, size_t *rows, size_t *cols, void **data)
{
    char p[MT_READ_PATH_LEN];
    MtObj *dtype, *bin;
    uint64_t dim[2] = { 0, 1 };
    int ret;

    if (o->type != MSGPACK_OBJECT_MAP)
        return mt_read_type_error(r, path, o, "map (packed array)");
    if ((ret = packed_key(r, o, path, "dtype", &dtype, p)) < 0)
        return ret;
    if (dtype->type != MSGPACK_OBJECT_STR)
        return mt_read_type_error(r, p, dtype, "string");
    if (!mt_read_str_is(dtype, mt_packed_dtype[t]))
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key '%s' is '%.*s', expected '%s'", p,
                                    (int)(dtype->via.str.size > 16 ? 16 : dtype->via.str.size),
                                    dtype->via.str.ptr, mt_packed_dtype[t]);
    if ((ret = packed_dims(r, o, path, ndim, dim)) < 0 ||
        (ret = packed_key(r, o, path, "data", &bin, p)) < 0)
        return ret;
    if (bin->type != MSGPACK_OBJECT_BIN)
        return mt_read_type_error(r, p, bin, "bin");

    /* the data length bounds everything: no allocation from the shape alone */
    size_t es = mt_packed_size[t], have = bin->via.bin.size;
    if ((dim[1] && dim[0] > have / es / dim[1]) || dim[0] * dim[1] * es != have) {
        if (ndim == 2)
            return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                        "key '%s' shape %" PRIu64 "x%" PRIu64 " does not match %zu bytes of %s data",
                                        path, dim[0], dim[1], have, mt_packed_dtype[t]);
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' shape %" PRIu64 " does not match %zu bytes of %s data",
                                    path, dim[0], have, mt_packed_dtype[t]);
    }
    *rows = (size_t)dim[0];
    *cols = (size_t)dim[1];
    *data = NULL;
    if (!have || r->no_array_data)
        return 0;
    if (!(*data = mt_arena_alloc(r->arena, have)))
        return mt_read_nomem(r);

    const uint8_t *src = (const uint8_t *)bin->via.bin.ptr;
    size_t n = have / es;
    switch (t) {
    case MT_PACKED_F32: { float *d = *data; for (size_t i = 0; i < n; i++) d[i] = mt_get_f32le(src + 4 * i); break; }
    case MT_PACKED_F64: { double *d = *data; for (size_t i = 0; i < n; i++) d[i] = mt_get_f64le(src + 8 * i); break; }
    case MT_PACKED_I64: { int64_t *d = *data; for (size_t i = 0; i < n; i++) d[i] = (int64_t)mt_get_le64(src + 8 * i); break; }
    case MT_PACKED_U8:  memcpy(*data, src, n); break;
    }
    return 0;
}

int mt_read_packed1(MtReader *r, MtObj *o, const char *path, MtPackedType t,
                    size_t expect, size_t *n, void **data)
{
    size_t cols;
    int ret = mt_read_packed(r, o, path, t, 1, n, &cols, data);
    if (!ret && expect != SIZE_MAX && *n != expect)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %zu values, expected %zu", path, *n, expect);
    return ret;
}
