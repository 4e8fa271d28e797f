/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar reader: bounded unpack (msgpack_bounds.c), then a walk over the
 * msgpack tree that checks every key's type and every array's size while
 * copying into memory the result owns (sidecar_arena.c).
 *
 * Errors name the key by its dotted path ("scene.scenes[2].mean_hist.data").
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <msgpack.h>

#include "msgpack_bounds.h"
#include "packed_le.h"
#include "sidecar_arena.h"
#include "sidecar_names.h"
#include "sidecar_read.h"

/* The result and its memory: mt_sidecar_free() gets back here from the
 * MtSidecar pointer, which is the first member. */
typedef struct OwnedSidecar {
    MtSidecar sc;
    MtArena   arena;
} OwnedSidecar;

typedef struct Reader {
    MtSidecarError *err;
    MtArena        *arena;
    int             no_array_data; /* MT_SIDECAR_READ_NO_ARRAY_DATA */
} Reader;

typedef const msgpack_object Obj;

#define PATH_LEN 160

static const char *type_name(const Obj *o)
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

/* Key paths longer than PATH_LEN are cut: they only label messages. */
static void path_fmt(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, PATH_LEN, fmt, ap);
    va_end(ap);
}

static void join(char *out, const char *where, const char *key)
{
    if (where && *where)
        path_fmt(out, "%s.%s", where, key);
    else
        path_fmt(out, "%s", key);
}

static int type_error(Reader *r, const char *path, const Obj *o, const char *expected)
{
    return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_TYPE, -1,
                                "key '%s' has type %s, expected %s", path, type_name(o), expected);
}

static int nomem(Reader *r)
{
    return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_NOMEM, -1, "out of memory");
}

static int str_is(const Obj *o, const char *s)
{
    size_t n = strlen(s);
    return o->type == MSGPACK_OBJECT_STR && o->via.str.size == n &&
           !memcmp(o->via.str.ptr, s, n);
}

/* The value of `key` in map m (first match), or NULL. */
static const Obj *find(const Obj *m, const char *key)
{
    for (uint32_t i = 0; i < m->via.map.size; i++)
        if (str_is(&m->via.map.ptr[i].key, key))
            return &m->via.map.ptr[i].val;
    return NULL;
}

/* Required key: fills *o and the key's path. */
static int need(Reader *r, const Obj *m, const char *where, const char *key,
                const Obj **o, char *path)
{
    join(path, where, key);
    *o = find(m, key);
    if (!*o)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_MISSING, -1,
                                    "key '%s' is missing", path);
    return 0;
}

static int get_map(Reader *r, const Obj *m, const char *where, const char *key,
                   const Obj **o, char *path)
{
    int ret = need(r, m, where, key, o, path);
    if (!ret && (*o)->type != MSGPACK_OBJECT_MAP)
        ret = type_error(r, path, *o, "map");
    return ret;
}

static int get_array(Reader *r, const Obj *m, const char *where, const char *key,
                     const Obj **o, char *path)
{
    int ret = need(r, m, where, key, o, path);
    if (!ret && (*o)->type != MSGPACK_OBJECT_ARRAY)
        ret = type_error(r, path, *o, "array");
    return ret;
}

static int obj_i64(Reader *r, const Obj *o, const char *path, int64_t *v)
{
    if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
        *v = o->via.i64;
    } else if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
        if (o->via.u64 > INT64_MAX)
            return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                        "key '%s' value %" PRIu64 " is out of range", path, o->via.u64);
        *v = (int64_t)o->via.u64;
    } else {
        return type_error(r, path, o, "int");
    }
    return 0;
}

static int get_i64(Reader *r, const Obj *m, const char *where, const char *key, int64_t *v)
{
    char path[PATH_LEN];
    const Obj *o;
    int ret = need(r, m, where, key, &o, path);
    return ret ? ret : obj_i64(r, o, path, v);
}

static int range_i64(Reader *r, const char *path, int64_t v, int64_t lo, int64_t hi)
{
    if (v < lo || v > hi)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key '%s' value %" PRId64 " is out of range [%" PRId64 ", %" PRId64 "]",
                                    path, v, lo, hi);
    return 0;
}

static int obj_int(Reader *r, const Obj *o, const char *path, int *v)
{
    int64_t x = 0;
    int ret = obj_i64(r, o, path, &x);
    if (!ret)
        ret = range_i64(r, path, x, INT_MIN, INT_MAX);
    if (!ret)
        *v = (int)x;
    return ret;
}

static int get_int(Reader *r, const Obj *m, const char *where, const char *key, int *v)
{
    char path[PATH_LEN];
    const Obj *o;
    int ret = need(r, m, where, key, &o, path);
    return ret ? ret : obj_int(r, o, path, v);
}

/* Floats may be stored as float32, float64 or integer. */
static int obj_f64(Reader *r, const Obj *o, const char *path, double *v)
{
    switch (o->type) {
    case MSGPACK_OBJECT_FLOAT32:
    case MSGPACK_OBJECT_FLOAT64:          *v = o->via.f64; return 0;
    case MSGPACK_OBJECT_POSITIVE_INTEGER: *v = (double)o->via.u64; return 0;
    case MSGPACK_OBJECT_NEGATIVE_INTEGER: *v = (double)o->via.i64; return 0;
    default: return type_error(r, path, o, "float");
    }
}

static int get_f64(Reader *r, const Obj *m, const char *where, const char *key, double *v)
{
    char path[PATH_LEN];
    const Obj *o;
    int ret = need(r, m, where, key, &o, path);
    return ret ? ret : obj_f64(r, o, path, v);
}

static int get_f32(Reader *r, const Obj *m, const char *where, const char *key, float *v)
{
    double d = 0;
    int ret = get_f64(r, m, where, key, &d);
    if (!ret)
        *v = (float)d;
    return ret;
}

static int get_bool(Reader *r, const Obj *m, const char *where, const char *key, int *v)
{
    char path[PATH_LEN];
    const Obj *o;
    int ret = need(r, m, where, key, &o, path);
    if (ret)
        return ret;
    if (o->type != MSGPACK_OBJECT_BOOLEAN)
        return type_error(r, path, o, "bool");
    *v = o->via.boolean;
    return 0;
}

/* A string or nil (-> NULL). */
static int obj_str(Reader *r, const Obj *o, const char *path, const char **v)
{
    if (o->type == MSGPACK_OBJECT_NIL) {
        *v = NULL;
        return 0;
    }
    if (o->type != MSGPACK_OBJECT_STR)
        return type_error(r, path, o, "string or nil");
    if (!(*v = mt_arena_strndup(r->arena, o->via.str.ptr, o->via.str.size)))
        return nomem(r);
    return 0;
}

static int get_str(Reader *r, const Obj *m, const char *where, const char *key, const char **v)
{
    char path[PATH_LEN];
    const Obj *o;
    int ret = need(r, m, where, key, &o, path);
    return ret ? ret : obj_str(r, o, path, v);
}

static int get_rational(Reader *r, const Obj *m, const char *where, const char *key,
                        int *num, int *den)
{
    char path[PATH_LEN];
    const Obj *o;
    int ret = get_array(r, m, where, key, &o, path);
    if (ret)
        return ret;
    if (o->via.array.size != 2)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %" PRIu32 " elements, expected 2 [num, den]",
                                    path, o->via.array.size);
    if ((ret = obj_int(r, &o->via.array.ptr[0], path, num)) < 0)
        return ret;
    return obj_int(r, &o->via.array.ptr[1], path, den);
}

/* ---- packed arrays: {dtype, shape, data} ---- */

typedef enum PackedType { P_F32, P_F64, P_I64, P_U8 } PackedType;
static const char *const packed_dtype[] = { "<f4", "<f8", "<i8", "|u1" };
static const size_t packed_size[] = { 4, 8, 8, 1 };

/* Reads packed map `o` at `path`: ndim 1 or 2; *data gets a converted
 * host-order copy (NULL when empty). */
static int obj_packed(Reader *r, const Obj *o, const char *path, PackedType t,
                      int ndim, size_t *rows, size_t *cols, void **data)
{
    char p[PATH_LEN];
    const Obj *dtype, *shape, *bin;
    uint64_t dim[2] = { 0, 1 };
    int ret;

    if (o->type != MSGPACK_OBJECT_MAP)
        return type_error(r, path, o, "map (packed array)");
    if ((ret = need(r, o, path, "dtype", &dtype, p)) < 0)
        return ret;
    if (dtype->type != MSGPACK_OBJECT_STR)
        return type_error(r, p, dtype, "string");
    if (!str_is(dtype, packed_dtype[t]))
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key '%s' is '%.*s', expected '%s'", p,
                                    (int)(dtype->via.str.size > 16 ? 16 : dtype->via.str.size),
                                    dtype->via.str.ptr, packed_dtype[t]);
    if ((ret = get_array(r, o, path, "shape", &shape, p)) < 0)
        return ret;
    if (shape->via.array.size != (uint32_t)ndim)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %" PRIu32 " dimensions, expected %d",
                                    p, shape->via.array.size, ndim);
    for (int d = 0; d < ndim; d++) {
        const Obj *s = &shape->via.array.ptr[d];
        if (s->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
            return s->type == MSGPACK_OBJECT_NEGATIVE_INTEGER
                ? mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1, "key '%s' is negative", p)
                : type_error(r, p, s, "int");
        dim[d] = s->via.u64;
    }
    if ((ret = need(r, o, path, "data", &bin, p)) < 0)
        return ret;
    if (bin->type != MSGPACK_OBJECT_BIN)
        return type_error(r, p, bin, "bin");

    /* the data length bounds everything: no allocation from the shape alone */
    size_t es = packed_size[t], have = bin->via.bin.size;
    if ((dim[1] && dim[0] > have / es / dim[1]) || dim[0] * dim[1] * es != have) {
        if (ndim == 2)
            return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                        "key '%s' shape %" PRIu64 "x%" PRIu64 " does not match %zu bytes of %s data",
                                        path, dim[0], dim[1], have, packed_dtype[t]);
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' shape %" PRIu64 " does not match %zu bytes of %s data",
                                    path, dim[0], have, packed_dtype[t]);
    }
    *rows = (size_t)dim[0];
    *cols = (size_t)dim[1];
    *data = NULL;
    if (!have || r->no_array_data)
        return 0;
    if (!(*data = mt_arena_alloc(r->arena, have)))
        return nomem(r);

    const uint8_t *src = (const uint8_t *)bin->via.bin.ptr;
    size_t n = have / es;
    switch (t) {
    case P_F32: { float *d = *data; for (size_t i = 0; i < n; i++) d[i] = mt_get_f32le(src + 4 * i); break; }
    case P_F64: { double *d = *data; for (size_t i = 0; i < n; i++) d[i] = mt_get_f64le(src + 8 * i); break; }
    case P_I64: { int64_t *d = *data; for (size_t i = 0; i < n; i++) d[i] = (int64_t)mt_get_le64(src + 8 * i); break; }
    case P_U8:  memcpy(*data, src, n); break;
    }
    return 0;
}

/* A 1-D packed array that must have `expect` elements (SIZE_MAX: any). */
static int get_packed1(Reader *r, const Obj *m, const char *where, const char *key,
                       PackedType t, size_t expect, size_t *n, void **data)
{
    char path[PATH_LEN];
    const Obj *o;
    size_t cols;
    int ret = need(r, m, where, key, &o, path);
    if (ret || (ret = obj_packed(r, o, path, t, 1, n, &cols, data)) < 0)
        return ret;
    if (expect != SIZE_MAX && *n != expect)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %zu values, expected %zu", path, *n, expect);
    return 0;
}

/* ---- sections ---- */

static int read_generator(Reader *r, const Obj *root, MtGenerator *g)
{
    char w[PATH_LEN];
    const Obj *m;
    int ret;
    if ((ret = get_map(r, root, "", "generator", &m, w)) < 0 ||
        (ret = get_str(r, m, w, "name", &g->name)) < 0 ||
        (ret = get_str(r, m, w, "version", &g->version)) < 0 ||
        (ret = get_int(r, m, w, "analyser_version", &g->analyser_version)) < 0)
        return ret;
    /* optional: absent when not built into FFmpeg */
    const Obj *o;
    char p[PATH_LEN];
    if ((o = find(m, "ffmpeg_version")) && (join(p, w, "ffmpeg_version"), 1) &&
        (ret = obj_str(r, o, p, &g->ffmpeg_version)) < 0)
        return ret;
    if ((o = find(m, "libavfilter_version")) && (join(p, w, "libavfilter_version"), 1) &&
        (ret = obj_str(r, o, p, &g->libavfilter_version)) < 0)
        return ret;
    return 0;
}

static int read_source(Reader *r, const Obj *root, MtSourceIdentity *s)
{
    char w[PATH_LEN];
    const Obj *m;
    int ret;
    if ((ret = get_map(r, root, "", "source", &m, w)) < 0 ||
        (ret = get_str(r, m, w, "path", &s->path)) < 0 ||
        (ret = get_i64(r, m, w, "size", &s->size)) < 0 ||
        (ret = get_i64(r, m, w, "mtime_ns", &s->mtime_ns)) < 0 ||
        (ret = get_i64(r, m, w, "ctime_ns", &s->ctime_ns)) < 0 ||
        (ret = get_i64(r, m, w, "inode", &s->inode)) < 0 ||
        (ret = get_str(r, m, w, "digest", &s->digest)) < 0)
        return ret;
    /* optional (schema 1.1): absent when the media was not probed */
    s->duration_s = 0;
    if (find(m, "duration_s") && (ret = get_f64(r, m, w, "duration_s", &s->duration_s)) < 0)
        return ret;
    return 0;
}

static int read_config(Reader *r, const Obj *root, MtConfig *c)
{
    char w[PATH_LEN], p[PATH_LEN];
    const Obj *m;
    MtConfigEntry *e;
    int ret;
    if ((ret = get_map(r, root, "", "config", &m, w)) < 0)
        return ret;
    c->n = m->via.map.size;
    c->entries = NULL;
    if (!c->n)
        return 0;
    if (!(e = mt_arena_array(r->arena, c->n, sizeof(*e))))
        return nomem(r);
    c->entries = e;
    for (size_t i = 0; i < c->n; i++) {
        const Obj *k = &m->via.map.ptr[i].key, *v = &m->via.map.ptr[i].val;
        memset(&e[i], 0, sizeof(e[i]));
        if (k->type != MSGPACK_OBJECT_STR) {
            path_fmt(p, "config key #%zu", i);
            return type_error(r, p, k, "string");
        }
        if (!(e[i].key = mt_arena_strndup(r->arena, k->via.str.ptr, k->via.str.size)))
            return nomem(r);
        join(p, w, e[i].key);
        switch (v->type) {
        case MSGPACK_OBJECT_BOOLEAN:
            e[i].type = MT_VALUE_BOOL;
            e[i].i = v->via.boolean;
            break;
        case MSGPACK_OBJECT_POSITIVE_INTEGER:
        case MSGPACK_OBJECT_NEGATIVE_INTEGER:
            e[i].type = MT_VALUE_INT;
            if ((ret = obj_i64(r, v, p, &e[i].i)) < 0)
                return ret;
            break;
        case MSGPACK_OBJECT_FLOAT32:
        case MSGPACK_OBJECT_FLOAT64:
            e[i].type = MT_VALUE_DOUBLE;
            e[i].d = v->via.f64;
            break;
        case MSGPACK_OBJECT_STR:
            e[i].type = MT_VALUE_STRING;
            if ((ret = obj_str(r, v, p, &e[i].s)) < 0)
                return ret;
            break;
        default:
            return type_error(r, p, v, "int, float, string or bool");
        }
    }
    return 0;
}

static int read_status(Reader *r, const Obj *root, MtStatus *s)
{
    char w[PATH_LEN], p[PATH_LEN];
    const Obj *m, *a;
    int ret;
    if ((ret = get_map(r, root, "", "status", &m, w)) < 0 ||
        (ret = get_bool(r, m, w, "complete", &s->complete)) < 0 ||
        (ret = get_i64(r, m, w, "units_seen", &s->units_seen)) < 0)
        return ret;
    if (!(a = find(m, "warnings")))
        return 0; /* optional */
    join(p, w, "warnings");
    if (a->type != MSGPACK_OBJECT_ARRAY)
        return type_error(r, p, a, "array");
    s->n_warnings = a->via.array.size;
    if (!s->n_warnings)
        return 0;
    const char **ws = mt_arena_array(r->arena, s->n_warnings, sizeof(*ws));
    if (!ws)
        return nomem(r);
    s->warnings = ws;
    for (size_t i = 0; i < s->n_warnings; i++) {
        char pi[PATH_LEN];
        path_fmt(pi, "%s[%zu]", p, i);
        if (a->via.array.ptr[i].type != MSGPACK_OBJECT_STR)
            return type_error(r, pi, &a->via.array.ptr[i], "string");
        if ((ret = obj_str(r, &a->via.array.ptr[i], pi, &ws[i])) < 0)
            return ret;
    }
    return 0;
}

static int read_transition(Reader *r, const Obj *m, const char *w, MtTransition *t)
{
    char p[PATH_LEN];
    const Obj *o;
    int ret;
    if (m->type != MSGPACK_OBJECT_MAP)
        return type_error(r, w, m, "map");
    if ((ret = need(r, m, w, "type", &o, p)) < 0)
        return ret;
    if (o->type != MSGPACK_OBJECT_STR)
        return type_error(r, p, o, "string");
    char name[16];
    size_t n = o->via.str.size < sizeof(name) - 1 ? o->via.str.size : sizeof(name) - 1;
    memcpy(name, o->via.str.ptr, n);
    name[n] = 0;
    if (o->via.str.size >= sizeof(name) || mt_transition_type_from_name(name, &t->type) < 0)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key '%s' value '%s' is not a transition type", p, name);
    if ((ret = get_i64(r, m, w, "frame", &t->frame)) < 0 ||
        (ret = get_i64(r, m, w, "pts", &t->pts)) < 0 ||
        (ret = get_f64(r, m, w, "t", &t->t)) < 0 ||
        (ret = get_f32(r, m, w, "score", &t->score)) < 0 ||
        (ret = get_i64(r, m, w, "first_frame", &t->first_frame)) < 0 ||
        (ret = get_i64(r, m, w, "last_frame", &t->last_frame)) < 0 ||
        (ret = get_f64(r, m, w, "t_first", &t->t_first)) < 0 ||
        (ret = get_f64(r, m, w, "t_last", &t->t_last)) < 0)
        return ret;
    return 0;
}

static int read_scene_entry(Reader *r, const Obj *m, const char *w, int bins, MtScene *s)
{
    size_t n;
    void *hist;
    int ret;
    if (m->type != MSGPACK_OBJECT_MAP)
        return type_error(r, w, m, "map");
    if ((ret = get_i64(r, m, w, "start_frame", &s->start_frame)) < 0 ||
        (ret = get_i64(r, m, w, "end_frame", &s->end_frame)) < 0 ||
        (ret = get_f64(r, m, w, "t_start", &s->t_start)) < 0 ||
        (ret = get_f64(r, m, w, "t_end", &s->t_end)) < 0 ||
        (ret = get_packed1(r, m, w, "mean_hist", P_F32, (size_t)bins, &n, &hist)) < 0 ||
        (ret = get_f32(r, m, w, "mean_luma", &s->mean_luma)) < 0 ||
        (ret = get_f32(r, m, w, "motion", &s->motion)) < 0 ||
        (ret = get_i64(r, m, w, "representative_frame", &s->representative_frame)) < 0)
        return ret;
    s->mean_hist = hist;
    return 0;
}

/* An array of maps at m[key], each read by fn into n elements of `size`. */
typedef int (*ReadElem)(Reader *r, const Obj *m, const char *w, void *elem, void *ctx);

static int read_elems(Reader *r, const Obj *m, const char *where, const char *key,
                      size_t size, ReadElem fn, void *ctx, void **out, size_t *n)
{
    char p[PATH_LEN], pi[PATH_LEN];
    const Obj *a;
    unsigned char *elems;
    int ret = get_array(r, m, where, key, &a, p);
    if (ret)
        return ret;
    *n = a->via.array.size;
    *out = NULL;
    if (!*n)
        return 0;
    if (!(elems = mt_arena_array(r->arena, *n, size)))
        return nomem(r);
    memset(elems, 0, *n * size);
    *out = elems;
    for (size_t i = 0; i < *n; i++) {
        path_fmt(pi, "%s[%zu]", p, i);
        if ((ret = fn(r, &a->via.array.ptr[i], pi, elems + i * size, ctx)) < 0)
            return ret;
    }
    return 0;
}

static int elem_transition(Reader *r, const Obj *m, const char *w, void *e, void *ctx)
{
    (void)ctx;
    return read_transition(r, m, w, e);
}

static int elem_scene(Reader *r, const Obj *m, const char *w, void *e, void *ctx)
{
    return read_scene_entry(r, m, w, *(const int *)ctx, e);
}

static int elem_candidate(Reader *r, const Obj *m, const char *w, void *e, void *ctx)
{
    MtTempoCandidate *c = e;
    int ret;
    (void)ctx;
    if (m->type != MSGPACK_OBJECT_MAP)
        return type_error(r, w, m, "map");
    if ((ret = get_f32(r, m, w, "bpm", &c->bpm)) < 0 ||
        (ret = get_f32(r, m, w, "weight", &c->weight)) < 0)
        return ret;
    return 0;
}

static int read_features(Reader *r, const Obj *m, const char *w, MtSceneResult *s)
{
    char p[PATH_LEN], pn[PATH_LEN];
    const Obj *o = find(m, "frame_features"), *names;
    void *data;
    int ret;

    join(p, w, "frame_features");
    if (!o || o->type == MSGPACK_OBJECT_NIL)
        return 0; /* optional */
    if ((ret = obj_packed(r, o, p, P_F32, 2, &s->frame_features.rows,
                          &s->frame_features.cols, &data)) < 0)
        return ret;
    s->frame_features.data = data;
    if (!(names = find(o, "names")) || names->type == MSGPACK_OBJECT_NIL)
        return 0;
    join(pn, p, "names");
    if (names->type != MSGPACK_OBJECT_ARRAY)
        return type_error(r, pn, names, "array");
    if (names->via.array.size != s->frame_features.cols)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %" PRIu32 " names for %zu columns",
                                    pn, names->via.array.size, s->frame_features.cols);
    if (!s->frame_features.cols)
        return 0;
    const char **nm = mt_arena_array(r->arena, s->frame_features.cols, sizeof(*nm));
    if (!nm)
        return nomem(r);
    for (size_t i = 0; i < s->frame_features.cols; i++)
        if ((ret = obj_str(r, &names->via.array.ptr[i], pn, &nm[i])) < 0)
            return ret;
    s->feature_names = nm;
    return 0;
}

static int read_scene(Reader *r, const Obj *root, MtSceneResult *s)
{
    char w[PATH_LEN], ws[PATH_LEN], p[PATH_LEN];
    const Obj *m, *st;
    void *elems;
    int ret;
    if ((ret = get_map(r, root, "", "scene", &m, w)) < 0 ||
        (ret = get_map(r, m, w, "stream", &st, ws)) < 0 ||
        (ret = get_int(r, st, ws, "width", &s->stream.width)) < 0 ||
        (ret = get_int(r, st, ws, "height", &s->stream.height)) < 0 ||
        (ret = get_str(r, st, ws, "pix_fmt", &s->stream.pix_fmt)) < 0 ||
        (ret = get_rational(r, st, ws, "time_base", &s->stream.time_base_num,
                            &s->stream.time_base_den)) < 0 ||
        (ret = get_rational(r, st, ws, "frame_rate", &s->stream.frame_rate_num,
                            &s->stream.frame_rate_den)) < 0 ||
        (ret = get_i64(r, st, ws, "frames", &s->stream.frames)) < 0 ||
        (ret = get_f64(r, st, ws, "duration_s", &s->stream.duration_s)) < 0 ||
        (ret = get_int(r, m, w, "hist_bins", &s->hist_bins)) < 0)
        return ret;
    join(p, w, "hist_bins");
    if ((ret = range_i64(r, p, s->hist_bins, 0, MT_SIDECAR_MAX_HIST_BINS)) < 0)
        return ret;
    if ((ret = read_elems(r, m, w, "transitions", sizeof(MtTransition), elem_transition,
                          NULL, &elems, &s->n_transitions)) < 0)
        return ret;
    s->transitions = elems;
    if ((ret = read_elems(r, m, w, "scenes", sizeof(MtScene), elem_scene,
                          &s->hist_bins, &elems, &s->n_scenes)) < 0)
        return ret;
    s->scenes = elems;
    return read_features(r, m, w, s);
}

static int read_beat(Reader *r, const Obj *root, MtBeatResult *b)
{
    char w[PATH_LEN], ws[PATH_LEN], wt[PATH_LEN], wc[PATH_LEN], wb[PATH_LEN];
    const Obj *m, *st, *tempo, *beats, *curve, *o;
    MtAudioStream *a = &b->stream;
    void *d;
    size_t n;
    int ret;

    if ((ret = get_map(r, root, "", "beat", &m, w)) < 0 ||
        (ret = get_map(r, m, w, "stream", &st, ws)) < 0 ||
        (ret = get_int(r, st, ws, "sample_rate", &a->sample_rate)) < 0 ||
        (ret = get_int(r, st, ws, "channels", &a->channels)) < 0 ||
        (ret = get_str(r, st, ws, "channel_layout", &a->channel_layout)) < 0 ||
        (ret = get_str(r, st, ws, "sample_fmt", &a->sample_fmt)) < 0 ||
        (ret = get_int(r, st, ws, "analysis_rate", &a->analysis_rate)) < 0 ||
        (ret = get_int(r, st, ws, "hop", &a->hop)) < 0 ||
        (ret = get_int(r, st, ws, "window", &a->window)) < 0 ||
        (ret = get_i64(r, st, ws, "samples", &a->samples)) < 0 ||
        (ret = get_f64(r, st, ws, "duration_s", &a->duration_s)) < 0)
        return ret;

    if ((ret = get_map(r, m, w, "tempo", &tempo, wt)) < 0 ||
        (ret = get_f32(r, tempo, wt, "bpm", &b->bpm)) < 0 ||
        (ret = get_f32(r, tempo, wt, "confidence", &b->confidence)) < 0 ||
        (ret = get_int(r, tempo, wt, "meter", &b->meter)) < 0 ||
        (ret = read_elems(r, tempo, wt, "candidates", sizeof(MtTempoCandidate),
                          elem_candidate, NULL, &d, &b->n_candidates)) < 0)
        return ret;
    b->candidates = d;
    if ((curve = find(tempo, "curve")) && curve->type != MSGPACK_OBJECT_NIL) {
        join(wc, wt, "curve");
        if (curve->type != MSGPACK_OBJECT_MAP)
            return type_error(r, wc, curve, "map");
        if ((ret = get_packed1(r, curve, wc, "t", P_F32, SIZE_MAX, &b->n_curve, &d)) < 0)
            return ret;
        b->curve_t = d;
        if ((ret = get_packed1(r, curve, wc, "bpm", P_F32, b->n_curve, &n, &d)) < 0)
            return ret;
        b->curve_bpm = d;
    }

    if ((ret = get_map(r, m, w, "beats", &beats, wb)) < 0 ||
        (ret = get_packed1(r, beats, wb, "t", P_F64, SIZE_MAX, &b->n_beats, &d)) < 0)
        return ret;
    b->beat_t = d;
    if ((ret = get_packed1(r, beats, wb, "strength", P_F32, b->n_beats, &n, &d)) < 0)
        return ret;
    b->beat_strength = d;
    if ((ret = get_packed1(r, beats, wb, "downbeat", P_U8, b->n_beats, &n, &d)) < 0)
        return ret;
    b->beat_downbeat = d;
    if ((o = find(beats, "sample"))) {
        if ((ret = get_packed1(r, beats, wb, "sample", P_I64, b->n_beats, &n, &d)) < 0)
            return ret;
    } else if (b->n_beats && !r->no_array_data) { /* optional: derived from t like the writer does */
        int64_t *s = mt_arena_array(r->arena, b->n_beats, sizeof(*s));
        if (!s)
            return nomem(r);
        for (size_t i = 0; i < b->n_beats; i++) {
            double x = b->beat_t[i] * a->sample_rate;
            s[i] = x > -9e18 && x < 9e18 ? (int64_t)llround(x) : 0;
        }
        d = s;
    }
    b->beat_sample = d;

    /* the two curves: {rate_hz, t0, [hop,] values} */
    static const char *const curve_keys[2] = { "onset_env", "energy" };
    for (int c = 0; c < 2; c++) {
        char wk[PATH_LEN];
        const Obj *cm;
        double *rate = c ? &b->energy_rate_hz : &b->onset_rate_hz;
        double *t0 = c ? &b->energy_t0 : &b->onset_t0;
        if ((ret = get_map(r, m, w, curve_keys[c], &cm, wk)) < 0 ||
            (ret = get_f64(r, cm, wk, "rate_hz", rate)) < 0 ||
            (ret = get_f64(r, cm, wk, "t0", t0)) < 0 ||
            (ret = get_packed1(r, cm, wk, "values", P_F32, SIZE_MAX, &n, &d)) < 0)
            return ret;
        if (c) { b->energy = d; b->n_energy = n; }
        else   { b->onset_env = d; b->n_onset = n; }
    }
    return 0;
}

/* schema, schema_version and kind: what makes data a sidecar we can read */
static int read_header(Reader *r, const Obj *root, MtSidecar *sc)
{
    char p[PATH_LEN];
    const Obj *o;
    int ret;

    if (root->type != MSGPACK_OBJECT_MAP)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_MAGIC, -1,
                                    "not a montage sidecar: top level is %s, expected map",
                                    type_name(root));
    o = find(root, "schema");
    if (!o || !str_is(o, MT_SIDECAR_SCHEMA))
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_MAGIC, -1,
                                    "not a montage sidecar: key 'schema' is %s, expected \"%s\"",
                                    !o ? "missing" : o->type == MSGPACK_OBJECT_STR ? "another string"
                                                                                  : type_name(o),
                                    MT_SIDECAR_SCHEMA);
    if ((ret = get_array(r, root, "", "schema_version", &o, p)) < 0)
        return ret;
    if (o->via.array.size < 2)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key 'schema_version' has %" PRIu32 " elements, expected [major, minor]",
                                    o->via.array.size);
    if ((ret = obj_int(r, &o->via.array.ptr[0], "schema_version[0]", &sc->schema_major)) < 0 ||
        (ret = obj_int(r, &o->via.array.ptr[1], "schema_version[1]", &sc->schema_minor)) < 0)
        return ret;
    if (sc->schema_major != MT_SIDECAR_SCHEMA_MAJOR)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VERSION, -1,
                                    "schema version %d.%d is not supported (this reader reads %d.x)",
                                    sc->schema_major, sc->schema_minor, MT_SIDECAR_SCHEMA_MAJOR);
    if ((ret = need(r, root, "", "kind", &o, p)) < 0)
        return ret;
    if (o->type != MSGPACK_OBJECT_STR)
        return type_error(r, p, o, "string");
    sc->kind = str_is(o, "scene") ? MT_KIND_SCENE : str_is(o, "beat") ? MT_KIND_BEAT : 0;
    if (!sc->kind)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key 'kind' is '%.*s', expected 'scene' or 'beat'",
                                    (int)(o->via.str.size > 32 ? 32 : o->via.str.size), o->via.str.ptr);
    return 0;
}

int mt_sidecar_read_buffer(const void *buf, size_t len, MtSidecar **out,
                           MtSidecarError *err)
{
    return mt_sidecar_read_buffer_ex(buf, len, 0, out, err);
}

int mt_sidecar_read_buffer_ex(const void *buf, size_t len, unsigned flags,
                              MtSidecar **out, MtSidecarError *err)
{
    MtSidecarError local;
    msgpack_unpacked up;
    OwnedSidecar *own;
    Reader r;
    int ret;

    if (!err)
        err = &local;
    memset(err, 0, sizeof(*err));
    err->offset = -1;
    *out = NULL;
    if (len > MT_SIDECAR_MAX_BYTES)
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TOO_LARGE, -1,
                                    "%zu bytes is more than the %zu-byte limit", len, MT_SIDECAR_MAX_BYTES);
    if ((ret = mt_msgpack_unpack_checked(buf, len, &up, err)) < 0) {
        msgpack_unpacked_destroy(&up);
        return ret;
    }
    if (!(own = calloc(1, sizeof(*own)))) {
        msgpack_unpacked_destroy(&up);
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_NOMEM, -1, "out of memory");
    }
    r.err = err;
    r.arena = &own->arena;
    r.no_array_data = (flags & MT_SIDECAR_READ_NO_ARRAY_DATA) != 0;

    const Obj *root = &up.data;
    MtSidecar *sc = &own->sc;
    if ((ret = read_header(&r, root, sc)) < 0 ||
        (ret = read_generator(&r, root, &sc->generator)) < 0 ||
        (ret = read_source(&r, root, &sc->source)) < 0 ||
        (ret = read_config(&r, root, &sc->config)) < 0 ||
        (ret = read_status(&r, root, &sc->status)) < 0 ||
        (ret = sc->kind == MT_KIND_SCENE ? read_scene(&r, root, &sc->scene)
                                         : read_beat(&r, root, &sc->beat)) < 0) {
        msgpack_unpacked_destroy(&up);
        mt_sidecar_free(sc);
        return ret;
    }
    msgpack_unpacked_destroy(&up);
    *out = sc;
    return 0;
}

int mt_sidecar_slurp(const char *path, size_t max, char **data, size_t *len,
                     MtSidecarError *err)
{
    struct stat st;
    char *buf;
    size_t got = 0, size;
    int fd;

    *data = NULL;
    *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        mt_sidecar_set_error(err, MT_SIDECAR_ERR_IO, -1, "cannot open: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return -MT_SIDECAR_ERR_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_IO, -1, "not a regular file");
    }
    if ((uint64_t)st.st_size > max) {
        close(fd);
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TOO_LARGE, -1,
                                    "%lld bytes is more than the %zu-byte limit",
                                    (long long)st.st_size, max);
    }
    size = (size_t)st.st_size;
    if (!(buf = malloc(size ? size : 1))) {
        close(fd);
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_NOMEM, -1, "out of memory");
    }
    /* a file that shrinks meanwhile is read short and reported truncated */
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            free(buf);
            close(fd);
            mt_sidecar_set_error(err, MT_SIDECAR_ERR_IO, -1, "read: %s", strerror(e));
            if (err)
                err->sys_errno = e;
            return -MT_SIDECAR_ERR_IO;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    *data = buf;
    *len = got;
    return 0;
}

int mt_sidecar_read_file(const char *path, MtSidecar **out, MtSidecarError *err)
{
    return mt_sidecar_read_file_ex(path, 0, out, err);
}

int mt_sidecar_read_file_ex(const char *path, unsigned flags, MtSidecar **out,
                            MtSidecarError *err)
{
    char *buf;
    size_t len;
    int ret;

    *out = NULL;
    if (err) {
        memset(err, 0, sizeof(*err));
        err->offset = -1;
    }
    if ((ret = mt_sidecar_slurp(path, MT_SIDECAR_MAX_BYTES, &buf, &len, err)) < 0)
        return ret;
    ret = mt_sidecar_read_buffer_ex(buf, len, flags, out, err);
    free(buf);
    return ret;
}

void mt_sidecar_free(MtSidecar *sc)
{
    if (sc) {
        OwnedSidecar *own = (OwnedSidecar *)sc;
        mt_arena_release(&own->arena);
        free(own);
    }
}

const MtConfigEntry *mt_sidecar_config_get(const MtSidecar *sc, const char *key)
{
    for (size_t i = 0; i < sc->config.n; i++)
        if (!strcmp(sc->config.entries[i].key, key))
            return &sc->config.entries[i];
    return NULL;
}
