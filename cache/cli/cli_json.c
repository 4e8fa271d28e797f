/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * msgpack -> JSON conversion (see cli_json.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cli/cli_json.h"
#include "cache/packed_le.h"
#include "cache/sidecar_schema.h"
#include "cache/utf8.h"

static json_t *real_or_null(double d)
{
    return isfinite(d) ? json_real(d) : json_null();
}

static const msgpack_object *find(const msgpack_object *m, const char *key)
{
    size_t n = strlen(key);
    for (uint32_t i = 0; i < m->via.map.size; i++) {
        const msgpack_object *k = &m->via.map.ptr[i].key;
        if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == n &&
            !memcmp(k->via.str.ptr, key, n))
            return &m->via.map.ptr[i].val;
    }
    return NULL;
}

/* element size of a dtype of the schema, 0 for others */
static size_t dtype_size(const msgpack_object *d)
{
    if (!d || d->type != MSGPACK_OBJECT_STR)
        return 0;
    for (size_t i = 0; i < sizeof(mt_packed_dtype) / sizeof(mt_packed_dtype[0]); i++)
        if (d->via.str.size == 3 && !memcmp(d->via.str.ptr, mt_packed_dtype[i], 3))
            return mt_packed_size[i];
    return 0;
}

static json_t *elem(const uint8_t *p, char kind, size_t es)
{
    if (kind == 'f')
        return real_or_null(es == 4 ? (double)mt_get_f32le(p) : mt_get_f64le(p));
    if (es == 1)
        return json_integer(p[0]);
    return json_integer((json_int_t)(int64_t)mt_get_le64(p));
}

/* The data of a consistent packed map as numbers; NULL when it is not one
 * (then the bin is dumped as hex like any other). */
static json_t *expand_packed(const msgpack_object *m)
{
    const msgpack_object *dtype = find(m, "dtype"), *shape = find(m, "shape"),
                         *data = find(m, "data");
    size_t es = dtype_size(dtype), dims[2] = { 0, 1 };

    if (!es || !shape || shape->type != MSGPACK_OBJECT_ARRAY || !data ||
        data->type != MSGPACK_OBJECT_BIN || shape->via.array.size < 1 ||
        shape->via.array.size > 2)
        return NULL;
    for (uint32_t d = 0; d < shape->via.array.size; d++) {
        if (shape->via.array.ptr[d].type != MSGPACK_OBJECT_POSITIVE_INTEGER ||
            shape->via.array.ptr[d].via.u64 > data->via.bin.size)
            return NULL;
        dims[d] = (size_t)shape->via.array.ptr[d].via.u64;
    }
    if (dims[0] * dims[1] * es != data->via.bin.size)
        return NULL;

    char kind = dtype->via.str.ptr[1];
    const uint8_t *p = (const uint8_t *)data->via.bin.ptr;
    json_t *out = json_array();
    for (size_t r = 0; out && r < dims[0]; r++) {
        json_t *row = shape->via.array.size == 2 ? json_array() : NULL;
        for (size_t c = 0; c < dims[1]; c++, p += es) {
            json_t *v = elem(p, kind, es);
            if (json_array_append_new(row ? row : out, v) < 0) {
                json_decref(row);
                json_decref(out);
                return NULL;
            }
        }
        if (row && json_array_append_new(out, row) < 0) {
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

static json_t *hex(const char *p, size_t n)
{
    char *s = malloc(2 * n + 1);
    json_t *j;
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++)
        snprintf(s + 2 * i, 3, "%02x", (unsigned char)p[i]);
    s[2 * n] = 0;
    j = json_stringn(s, 2 * n);
    free(s);
    return j;
}

/* JSON strings must be UTF-8; the reader does not check that (a file name
 * is any bytes), so a byte that does not start a valid UTF-8 sequence is
 * written as U+FFFD (mt_utf8_repair, the one repair montage-analyze's JSON
 * records and the OTIO export use too); valid characters around it are
 * kept. */
static json_t *string(const char *p, size_t n)
{
    json_t *j = json_stringn(p, n);
    if (j)
        return j;
    char *c = malloc(3 * n + 1);
    if (c) {
        j = json_stringn(c, mt_utf8_repair(c, p, n));
        free(c);
    }
    return j;
}

/* JSON object keys are strings: other msgpack keys are written as their
 * compact JSON text. */
static char *key_text(const msgpack_object *k)
{
    json_t *j = k->type == MSGPACK_OBJECT_STR ? string(k->via.str.ptr, k->via.str.size)
                                              : cli_msgpack_to_json(k);
    char *s = NULL;
    if (j && json_is_string(j))
        s = strdup(json_string_value(j)); /* stops at a NUL byte */
    else if (j)
        s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(j);
    return s;
}

static json_t *map_to_json(const msgpack_object *o)
{
    json_t *obj = json_object(), *packed = expand_packed(o);
    for (uint32_t i = 0; obj && i < o->via.map.size; i++) {
        const msgpack_object *k = &o->via.map.ptr[i].key, *v = &o->via.map.ptr[i].val;
        char *name = key_text(k);
        json_t *jv;
        if (name && packed && v->type == MSGPACK_OBJECT_BIN && !strcmp(name, "data")) {
            jv = packed;
            packed = NULL;
        } else {
            jv = cli_msgpack_to_json(v);
        }
        if (!name || !jv) {
            free(name);
            json_decref(jv);
            json_decref(obj);
            obj = NULL;
            break;
        }
        json_object_set_new(obj, name, jv); /* steals jv, even on failure */
        free(name);
    }
    json_decref(packed);
    return obj;
}

json_t *cli_msgpack_to_json(const msgpack_object *o)
{
    switch (o->type) {
    case MSGPACK_OBJECT_NIL:              return json_null();
    case MSGPACK_OBJECT_BOOLEAN:          return json_boolean(o->via.boolean);
    case MSGPACK_OBJECT_POSITIVE_INTEGER:
        /* beyond int64 only as a real (JSON numbers have no fixed range) */
        return o->via.u64 > INT64_MAX ? json_real((double)o->via.u64)
                                      : json_integer((json_int_t)o->via.u64);
    case MSGPACK_OBJECT_NEGATIVE_INTEGER: return json_integer((json_int_t)o->via.i64);
    case MSGPACK_OBJECT_FLOAT32:
    case MSGPACK_OBJECT_FLOAT64:          return real_or_null(o->via.f64);
    case MSGPACK_OBJECT_STR:              return string(o->via.str.ptr, o->via.str.size);
    case MSGPACK_OBJECT_BIN:              return hex(o->via.bin.ptr, o->via.bin.size);
    case MSGPACK_OBJECT_EXT:              return hex(o->via.ext.ptr, o->via.ext.size);
    case MSGPACK_OBJECT_ARRAY: {
        json_t *a = json_array();
        for (uint32_t i = 0; a && i < o->via.array.size; i++) {
            json_t *v = cli_msgpack_to_json(&o->via.array.ptr[i]);
            if (!v || json_array_append_new(a, v) < 0) {
                json_decref(a);
                return NULL;
            }
        }
        return a;
    }
    case MSGPACK_OBJECT_MAP:
        return map_to_json(o);
    }
    return json_null();
}
