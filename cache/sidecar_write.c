/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar encoder: a walk over the schema tables (sidecar_schema.c), which
 * give the keys, their order, their types and the map sizes. Nothing
 * depends on the clock or on memory addresses, so equal content gives
 * byte-identical files. Packed arrays are maps
 * {dtype, shape, data} with data a little-endian msgpack `bin`.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <msgpack.h>

#include "atomic_file.h"
#include "packed_le.h"
#include "sidecar_model_check.h"
#include "sidecar_names.h"
#include "sidecar_schema.h"
#include "sidecar_write.h"

typedef struct Encoder {
    msgpack_packer pk;
    int            failed; /* a pack call failed: out of memory */
} Encoder;

/* Every pack helper records failure instead of returning it, so the
 * encoding functions read as a flat list of keys; the result is checked
 * once at the end. */
static void chk(Encoder *e, int rc)
{
    if (rc)
        e->failed = 1;
}

static void put_str(Encoder *e, const char *s)
{
    size_t n;
    if (!s) {
        chk(e, msgpack_pack_nil(&e->pk));
        return;
    }
    n = strlen(s);
    chk(e, msgpack_pack_str(&e->pk, n));
    chk(e, msgpack_pack_str_body(&e->pk, s, n));
}

static void put_key(Encoder *e, const char *key) { put_str(e, key); }
static void put_map(Encoder *e, size_t n) { chk(e, msgpack_pack_map(&e->pk, n)); }
static void put_array(Encoder *e, size_t n) { chk(e, msgpack_pack_array(&e->pk, n)); }
static void put_i64(Encoder *e, int64_t v) { chk(e, msgpack_pack_int64(&e->pk, v)); }
static void put_f32(Encoder *e, float v) { chk(e, msgpack_pack_float(&e->pk, v)); }
static void put_f64(Encoder *e, double v) { chk(e, msgpack_pack_double(&e->pk, v)); }
static void put_bool(Encoder *e, int v)
{
    chk(e, v ? msgpack_pack_true(&e->pk) : msgpack_pack_false(&e->pk));
}

static void kv_str(Encoder *e, const char *k, const char *v) { put_key(e, k); put_str(e, v); }

/* Element i of `src` as little-endian bytes; for MT_PACKED_I64 with src == NULL
 * (beat samples not given) the value is derived from `derive` * scale. */
static void packed_elem(MtPackedType t, const void *src, size_t i, uint8_t *dst,
                        const double *derive, double scale)
{
    switch (t) {
    case MT_PACKED_F32: mt_put_f32le(dst, ((const float *)src)[i]); break;
    case MT_PACKED_F64: mt_put_f64le(dst, ((const double *)src)[i]); break;
    case MT_PACKED_I64:
        if (src)
            mt_put_le64(dst, (uint64_t)((const int64_t *)src)[i]);
        else
            mt_put_le64(dst, (uint64_t)(int64_t)llround(derive[i] * scale));
        break;
    case MT_PACKED_U8: dst[0] = ((const uint8_t *)src)[i]; break;
    }
}

/* The body of a packed map: dtype, shape, [names], data. Written through a
 * small buffer so big-endian hosts convert without a second full copy. */
static void put_packed_body(Encoder *e, MtPackedType t, const void *src,
                            size_t rows, size_t cols, int ndim,
                            const char *const *names,
                            const double *derive, double scale)
{
    size_t n = rows * cols, es = mt_packed_size[t];
    uint8_t chunk[4096];

    put_map(e, names ? 4 : 3);
    kv_str(e, "dtype", mt_packed_dtype[t]);
    put_key(e, "shape");
    put_array(e, (size_t)ndim);
    put_i64(e, (int64_t)rows);
    if (ndim == 2)
        put_i64(e, (int64_t)cols);
    if (names) {
        put_key(e, "names");
        put_array(e, cols);
        for (size_t c = 0; c < cols; c++)
            put_str(e, names[c]);
    }
    put_key(e, "data");
    chk(e, msgpack_pack_bin(&e->pk, n * es));
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        for (; i < n && k + es <= sizeof(chunk); i++, k += es)
            packed_elem(t, src, i, chunk + k, derive, scale);
        chk(e, msgpack_pack_bin_body(&e->pk, chunk, k));
    }
}

/* ---- the walk over the schema (sidecar_schema.c) ---- */

static void put_config(Encoder *e, const MtConfig *c)
{
    put_map(e, c->n);
    for (size_t i = 0; i < c->n; i++) {
        const MtConfigEntry *en = &c->entries[i];
        put_key(e, en->key);
        switch (en->type) {
        case MT_VALUE_INT:    put_i64(e, en->i); break;
        case MT_VALUE_DOUBLE: put_f64(e, en->d); break;
        case MT_VALUE_STRING: put_str(e, en->s); break;
        case MT_VALUE_BOOL:   put_bool(e, en->i != 0); break;
        }
    }
}

static void put_features(Encoder *e, const MtSceneResult *r)
{
    const MtF32Matrix *f = &r->frame_features;
    if (!f->cols) {
        chk(e, msgpack_pack_nil(&e->pk));
        return;
    }
    /* without feature_names the "names" key is left out */
    put_packed_body(e, MT_PACKED_F32, f->data, f->rows, f->cols, 2, r->feature_names, NULL, 0);
}

/* The keys the generic walk cannot write alone. `base` is the struct of the
 * enclosing map, `parent` the one around it. */
static void put_custom(Encoder *e, const MtSchemaKey *k, const void *base, const void *parent)
{
    switch (k->custom) {
    case MT_SCHEMA_BY_TYPE:
        break;
    case MT_SCHEMA_CUSTOM_SCHEMA:
        put_str(e, MT_SIDECAR_SCHEMA);
        break;
    case MT_SCHEMA_CUSTOM_VERSION:
        put_array(e, 2);
        put_i64(e, MT_SIDECAR_SCHEMA_MAJOR);
        put_i64(e, MT_SIDECAR_SCHEMA_MINOR);
        break;
    case MT_SCHEMA_CUSTOM_KIND:
        put_str(e, mt_sidecar_kind_name(MT_SCHEMA_CFIELD(base, k->offset, MtSidecarKind)));
        break;
    case MT_SCHEMA_CUSTOM_CONFIG:
        put_config(e, &MT_SCHEMA_CFIELD(base, k->offset, MtConfig));
        break;
    case MT_SCHEMA_CUSTOM_TRANSITION_TYPE:
        put_str(e, mt_transition_type_name(MT_SCHEMA_CFIELD(base, k->offset, MtTransitionType)));
        break;
    case MT_SCHEMA_CUSTOM_MEAN_HIST: /* one value per scene.hist_bins */
        put_packed_body(e, MT_PACKED_F32, MT_SCHEMA_CFIELD(base, k->offset, float *),
                        (size_t)((const MtSceneResult *)parent)->hist_bins, 1, 1, NULL, NULL, 0);
        break;
    case MT_SCHEMA_CUSTOM_BEAT_SAMPLE: { /* derived from t when not given */
        const MtBeatResult *b = base;
        put_packed_body(e, MT_PACKED_I64, b->beat_sample, b->n_beats, 1, 1, NULL,
                        b->beat_t, (double)b->stream.sample_rate);
        break;
    }
    case MT_SCHEMA_CUSTOM_FRAME_FEATURES:
        put_features(e, base);
        break;
    }
}

static int written(const MtSchemaKey *k, const void *base, MtSidecarKind kind)
{
    if (!mt_schema_in_kind(k, kind))
        return 0;
    /* OMIT_UNSET is declared on float64 keys only */
    return !(k->flags & MT_SCHEMA_OMIT_UNSET) || MT_SCHEMA_CFIELD(base, k->offset, double) > 0;
}

static void put_schema_map(Encoder *e, const MtSchemaMap *map, const void *base,
                           const void *parent, MtSidecarKind kind);

static void put_value(Encoder *e, const MtSchemaKey *k, const void *base, const void *parent,
                      MtSidecarKind kind)
{
    const void *v = (const char *)base + k->offset;
    /* (a RATIONAL's offset2 is its int den, no count) */
    size_t n = mt_schema_has_count(k) ? MT_SCHEMA_CFIELD(base, k->offset2, size_t) : 0;

    if (k->custom) {
        put_custom(e, k, base, parent);
        return;
    }
    switch (k->type) {
    case MT_SCHEMA_INT:  put_i64(e, *(const int *)v); break;
    case MT_SCHEMA_I64:  put_i64(e, *(const int64_t *)v); break;
    case MT_SCHEMA_F32:  put_f32(e, *(const float *)v); break;
    case MT_SCHEMA_F64:  put_f64(e, *(const double *)v); break;
    case MT_SCHEMA_BOOL: put_bool(e, *(const int *)v); break;
    case MT_SCHEMA_STR:  put_str(e, *(const char *const *)v); break;
    case MT_SCHEMA_RATIONAL:
        put_array(e, 2);
        put_i64(e, *(const int *)v);
        put_i64(e, MT_SCHEMA_CFIELD(base, k->offset2, int));
        break;
    case MT_SCHEMA_MAP:
        put_schema_map(e, k->map, v, base, kind);
        break;
    case MT_SCHEMA_MAPS: {
        const char *elems = *(const void *const *)v;
        put_array(e, n);
        for (size_t i = 0; i < n; i++)
            put_schema_map(e, k->map, elems + i * k->map->elem_size, base, kind);
        break;
    }
    case MT_SCHEMA_STRS: {
        const char *const *strs = *(const char *const *const *)v;
        put_array(e, n);
        for (size_t i = 0; i < n; i++)
            put_str(e, strs[i]);
        break;
    }
    case MT_SCHEMA_PACKED:
        put_packed_body(e, k->dtype, *(const void *const *)v, n, 1, 1, NULL, NULL, 0);
        break;
    }
}

/* A map of `map`'s keys read from the struct at `base`: its size is the
 * number of keys written, counted from the table. */
static void put_schema_map(Encoder *e, const MtSchemaMap *map, const void *base,
                           const void *parent, MtSidecarKind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < map->n_keys; i++)
        n += (size_t)written(&map->keys[i], base, kind);
    put_map(e, n);
    for (size_t i = 0; i < map->n_keys; i++) {
        const MtSchemaKey *k = &map->keys[i];
        if (written(k, base, kind)) {
            put_key(e, k->key);
            put_value(e, k, base, parent, kind);
        }
    }
}

int mt_sidecar_encode(const MtSidecar *sc, char **data, size_t *size,
                      char *err, size_t errlen)
{
    msgpack_sbuffer sbuf;
    Encoder e;
    int ret;

    *data = NULL;
    *size = 0;
    if ((ret = mt_sidecar_model_check(sc, err, errlen)) < 0)
        return ret;

    msgpack_sbuffer_init(&sbuf);
    msgpack_packer_init(&e.pk, &sbuf, msgpack_sbuffer_write);
    e.failed = 0;

    put_schema_map(&e, &mt_schema_sidecar, sc, NULL, sc->kind);

    if (e.failed) {
        msgpack_sbuffer_destroy(&sbuf);
        if (err && errlen)
            snprintf(err, errlen, "sidecar: out of memory while encoding");
        return -ENOMEM;
    }
    *size = sbuf.size;
    *data = msgpack_sbuffer_release(&sbuf);
    return 0;
}

int mt_sidecar_write_file(const char *path, const MtSidecar *sc,
                          char *err, size_t errlen)
{
    char *data;
    size_t size;
    int ret = mt_sidecar_encode(sc, &data, &size, err, errlen);
    if (ret < 0)
        return ret;
    ret = mt_atomic_write_file(path, data, size, NULL, err, errlen);
    free(data);
    return ret;
}
