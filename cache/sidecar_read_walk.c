/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The reader's walk over the schema tables (sidecar_read_walk.h). */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sidecar_names.h"
#include "sidecar_read_walk.h"

/* ---- keys read by hand (MtSchemaCustom) ---- */

static int read_schema_magic(MtReader *r, MtObj *o)
{
    if (o && mt_read_str_is(o, MT_SIDECAR_SCHEMA))
        return 0;
    return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_MAGIC, -1,
                                "not a montage sidecar: key 'schema' is %s, expected \"%s\"",
                                !o ? "missing" : o->type == MSGPACK_OBJECT_STR ? "another string"
                                                                              : mt_read_type_name(o),
                                MT_SIDECAR_SCHEMA);
}

static int read_version(MtReader *r, MtObj *o, const char *path, MtSidecar *sc)
{
    int ret;
    if (o->type != MSGPACK_OBJECT_ARRAY)
        return mt_read_type_error(r, path, o, "array");
    if (o->via.array.size < 2)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key 'schema_version' has %" PRIu32 " elements, expected [major, minor]",
                                    o->via.array.size);
    if ((ret = mt_read_int(r, &o->via.array.ptr[0], "schema_version[0]", &sc->schema_major)) < 0 ||
        (ret = mt_read_int(r, &o->via.array.ptr[1], "schema_version[1]", &sc->schema_minor)) < 0)
        return ret;
    if (sc->schema_major != MT_SIDECAR_SCHEMA_MAJOR)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VERSION, -1,
                                    "schema version %d.%d is not supported (this reader reads %d.x)",
                                    sc->schema_major, sc->schema_minor, MT_SIDECAR_SCHEMA_MAJOR);
    return 0;
}

static int read_kind(MtReader *r, MtObj *o, const char *path, MtSidecar *sc)
{
    if (o->type != MSGPACK_OBJECT_STR)
        return mt_read_type_error(r, path, o, "string");
    sc->kind = mt_read_str_is(o, "scene") ? MT_KIND_SCENE : mt_read_str_is(o, "beat") ? MT_KIND_BEAT : 0;
    if (!sc->kind)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key 'kind' is '%.*s', expected 'scene' or 'beat'",
                                    (int)(o->via.str.size > 32 ? 32 : o->via.str.size), o->via.str.ptr);
    r->kind = sc->kind;
    return 0;
}

/* option name -> int, float, string or bool, in file order */
static int read_config(MtReader *r, MtObj *m, const char *w, MtConfig *c)
{
    char p[MT_READ_PATH_LEN];
    MtConfigEntry *e;
    int ret;
    if (m->type != MSGPACK_OBJECT_MAP)
        return mt_read_type_error(r, w, m, "map");
    c->n = m->via.map.size;
    c->entries = NULL;
    if (!c->n)
        return 0;
    if (!(e = mt_arena_array(r->arena, c->n, sizeof(*e))))
        return mt_read_nomem(r);
    c->entries = e;
    for (size_t i = 0; i < c->n; i++) {
        MtObj *k = &m->via.map.ptr[i].key, *v = &m->via.map.ptr[i].val;
        memset(&e[i], 0, sizeof(e[i]));
        if (k->type != MSGPACK_OBJECT_STR) {
            mt_read_path(p, "config key #%zu", i);
            return mt_read_type_error(r, p, k, "string");
        }
        if (!(e[i].key = mt_arena_strndup(r->arena, k->via.str.ptr, k->via.str.size)))
            return mt_read_nomem(r);
        mt_read_join(p, w, e[i].key);
        switch (v->type) {
        case MSGPACK_OBJECT_BOOLEAN:
            e[i].type = MT_VALUE_BOOL;
            e[i].i = v->via.boolean;
            break;
        case MSGPACK_OBJECT_POSITIVE_INTEGER:
        case MSGPACK_OBJECT_NEGATIVE_INTEGER:
            e[i].type = MT_VALUE_INT;
            if ((ret = mt_read_i64(r, v, p, &e[i].i)) < 0)
                return ret;
            break;
        case MSGPACK_OBJECT_FLOAT32:
        case MSGPACK_OBJECT_FLOAT64:
            e[i].type = MT_VALUE_DOUBLE;
            e[i].d = v->via.f64;
            break;
        case MSGPACK_OBJECT_STR:
            e[i].type = MT_VALUE_STRING;
            if ((ret = mt_read_str(r, v, p, &e[i].s)) < 0)
                return ret;
            break;
        default:
            return mt_read_type_error(r, p, v, "int, float, string or bool");
        }
    }
    return 0;
}

static int read_transition_type(MtReader *r, MtObj *o, const char *p, MtTransitionType *type)
{
    char name[16];
    if (o->type != MSGPACK_OBJECT_STR)
        return mt_read_type_error(r, p, o, "string");
    size_t n = o->via.str.size < sizeof(name) - 1 ? o->via.str.size : sizeof(name) - 1;
    memcpy(name, o->via.str.ptr, n);
    name[n] = 0;
    if (o->via.str.size >= sizeof(name) || mt_transition_type_from_name(name, type) < 0)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_VALUE, -1,
                                    "key '%s' value '%s' is not a transition type", p, name);
    return 0;
}

/* packed [frames, n], with "names" (one per column) when the writer knew them */
static int read_features(MtReader *r, MtObj *o, const char *p, MtSceneResult *s)
{
    char pn[MT_READ_PATH_LEN];
    MtObj *names;
    void *data;
    int ret;

    if ((ret = mt_read_packed(r, o, p, MT_PACKED_F32, 2, &s->frame_features.rows,
                              &s->frame_features.cols, &data)) < 0)
        return ret;
    s->frame_features.data = data;
    if (!(names = mt_read_find(o, "names")) || names->type == MSGPACK_OBJECT_NIL)
        return 0;
    mt_read_join(pn, p, "names");
    if (names->type != MSGPACK_OBJECT_ARRAY)
        return mt_read_type_error(r, pn, names, "array");
    if (names->via.array.size != s->frame_features.cols)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %" PRIu32 " names for %zu columns",
                                    pn, names->via.array.size, s->frame_features.cols);
    if (!s->frame_features.cols)
        return 0;
    const char **nm = mt_arena_array(r->arena, s->frame_features.cols, sizeof(*nm));
    if (!nm)
        return mt_read_nomem(r);
    for (size_t i = 0; i < s->frame_features.cols; i++)
        if ((ret = mt_read_str(r, &names->via.array.ptr[i], pn, &nm[i])) < 0)
            return ret;
    s->feature_names = nm;
    return 0;
}

static int read_by_type(MtReader *r, const MtSchemaKey *k, MtObj *o, const char *path,
                        void *base);

/* `base` is the struct of the enclosing map, `parent` the one around it. */
static int read_custom(MtReader *r, const MtSchemaKey *k, MtObj *o, const char *path,
                       void *base, const void *parent)
{
    void *data;
    size_t n;
    int ret;

    switch (k->custom) {
    case MT_SCHEMA_CUSTOM_SCHEMA:          return read_schema_magic(r, o);
    case MT_SCHEMA_CUSTOM_VERSION:         return read_version(r, o, path, base);
    case MT_SCHEMA_CUSTOM_KIND:            return read_kind(r, o, path, base);
    case MT_SCHEMA_CUSTOM_CONFIG:          return read_config(r, o, path, &MT_SCHEMA_FIELD(base, k->offset, MtConfig));
    case MT_SCHEMA_CUSTOM_TRANSITION_TYPE:
        return read_transition_type(r, o, path, &MT_SCHEMA_FIELD(base, k->offset, MtTransitionType));
    case MT_SCHEMA_CUSTOM_MEAN_HIST: /* as many values as scene.hist_bins */
        ret = mt_read_packed1(r, o, path, k->dtype,
                              (size_t)((const MtSceneResult *)parent)->hist_bins, &n, &data);
        MT_SCHEMA_FIELD(base, k->offset, void *) = data;
        return ret;
    case MT_SCHEMA_CUSTOM_FRAME_FEATURES:  return read_features(r, o, path, base);
    case MT_SCHEMA_BY_TYPE:
    case MT_SCHEMA_CUSTOM_BEAT_SAMPLE: /* the writer's only: derived after the walk */
        break;
    }
    return read_by_type(r, k, o, path, base);
}

/* ---- the generic walk ---- */

static int read_map(MtReader *r, const MtSchemaMap *map, MtObj *m, const char *where,
                    void *base, const void *parent);

/* An array of maps: each element read by the walk into the arena. */
static int read_maps(MtReader *r, const MtSchemaKey *k, MtObj *a, const char *path, void *base)
{
    char pi[MT_READ_PATH_LEN];
    size_t n = a->via.array.size, size = k->map->elem_size;
    unsigned char *elems;
    int ret;
    MT_SCHEMA_FIELD(base, k->offset2, size_t) = n;
    if (!n)
        return 0;
    if (!(elems = mt_arena_array(r->arena, n, size)))
        return mt_read_nomem(r);
    memset(elems, 0, n * size);
    MT_SCHEMA_FIELD(base, k->offset, void *) = elems;
    for (size_t i = 0; i < n; i++) {
        MtObj *e = &a->via.array.ptr[i];
        mt_read_path(pi, "%s[%zu]", path, i);
        if (e->type != MSGPACK_OBJECT_MAP)
            return mt_read_type_error(r, pi, e, "map");
        if ((ret = read_map(r, k->map, e, pi, elems + i * size, base)) < 0)
            return ret;
    }
    return 0;
}

/* An array of strings (not nil). */
static int read_strs(MtReader *r, const MtSchemaKey *k, MtObj *a, const char *path, void *base)
{
    char pi[MT_READ_PATH_LEN];
    size_t n = a->via.array.size;
    const char **strs;
    int ret;
    MT_SCHEMA_FIELD(base, k->offset2, size_t) = n;
    if (!n)
        return 0;
    if (!(strs = mt_arena_array(r->arena, n, sizeof(*strs))))
        return mt_read_nomem(r);
    MT_SCHEMA_FIELD(base, k->offset, const char **) = strs;
    for (size_t i = 0; i < n; i++) {
        mt_read_path(pi, "%s[%zu]", path, i);
        if (a->via.array.ptr[i].type != MSGPACK_OBJECT_STR)
            return mt_read_type_error(r, pi, &a->via.array.ptr[i], "string");
        if ((ret = mt_read_str(r, &a->via.array.ptr[i], pi, &strs[i])) < 0)
            return ret;
    }
    return 0;
}

static int read_rational(MtReader *r, const MtSchemaKey *k, MtObj *o, const char *path, void *base)
{
    int ret;
    if (o->via.array.size != 2)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_SIZE, -1,
                                    "key '%s' has %" PRIu32 " elements, expected 2 [num, den]",
                                    path, o->via.array.size);
    if ((ret = mt_read_int(r, &o->via.array.ptr[0], path, &MT_SCHEMA_FIELD(base, k->offset, int))) < 0)
        return ret;
    return mt_read_int(r, &o->via.array.ptr[1], path, &MT_SCHEMA_FIELD(base, k->offset2, int));
}

static int read_packed(MtReader *r, const MtSchemaKey *k, MtObj *o, const char *path, void *base)
{
    size_t *count = &MT_SCHEMA_FIELD(base, k->offset2, size_t), n;
    void *data;
    /* SAME_COUNT: an earlier key of the struct set the count */
    int ret = mt_read_packed1(r, o, path, k->dtype,
                              k->flags & MT_SCHEMA_SAME_COUNT ? *count : SIZE_MAX, &n, &data);
    if (ret < 0)
        return ret;
    *count = n;
    MT_SCHEMA_FIELD(base, k->offset, void *) = data;
    return 0;
}

static int read_by_type(MtReader *r, const MtSchemaKey *k, MtObj *o, const char *path, void *base)
{
    void *v = (char *)base + k->offset;
    double d = 0;
    int ret;

    switch (k->type) {
    case MT_SCHEMA_INT:
        if ((ret = mt_read_int(r, o, path, v)) < 0 || !(k->flags & MT_SCHEMA_RANGE))
            return ret;
        return mt_read_range(r, path, *(int *)v, k->min, k->max);
    case MT_SCHEMA_I64: return mt_read_i64(r, o, path, v);
    case MT_SCHEMA_F32:
        if ((ret = mt_read_f64(r, o, path, &d)) == 0)
            *(float *)v = (float)d;
        return ret;
    case MT_SCHEMA_F64: return mt_read_f64(r, o, path, v);
    case MT_SCHEMA_BOOL:
        if (o->type != MSGPACK_OBJECT_BOOLEAN)
            return mt_read_type_error(r, path, o, "bool");
        *(int *)v = o->via.boolean;
        return 0;
    case MT_SCHEMA_STR: return mt_read_str(r, o, path, v);
    case MT_SCHEMA_PACKED: return read_packed(r, k, o, path, base);
    case MT_SCHEMA_MAP:
        if (o->type != MSGPACK_OBJECT_MAP)
            return mt_read_type_error(r, path, o, "map");
        return read_map(r, k->map, o, path, v, base);
    case MT_SCHEMA_RATIONAL:
    case MT_SCHEMA_MAPS:
    case MT_SCHEMA_STRS:
        if (o->type != MSGPACK_OBJECT_ARRAY)
            return mt_read_type_error(r, path, o, "array");
        return k->type == MT_SCHEMA_RATIONAL ? read_rational(r, k, o, path, base)
             : k->type == MT_SCHEMA_MAPS ? read_maps(r, k, o, path, base)
                                         : read_strs(r, k, o, path, base);
    }
    return 0;
}

static int skipped(const MtReader *r, const MtSchemaKey *k)
{
    return (k->flags & MT_SCHEMA_NOT_READ) || !mt_schema_in_kind(k, r->kind);
}

static int read_map(MtReader *r, const MtSchemaMap *map, MtObj *m, const char *where,
                    void *base, const void *parent)
{
    for (size_t i = 0; i < map->n_keys; i++) {
        const MtSchemaKey *k = &map->keys[i];
        char path[MT_READ_PATH_LEN];
        MtObj *o;
        int ret;
        if (skipped(r, k))
            continue;
        mt_read_join(path, where, k->key);
        o = mt_read_find(m, k->key);
        if (k->custom == MT_SCHEMA_CUSTOM_SCHEMA) /* absent: not a sidecar at all */
            ret = read_schema_magic(r, o);
        else if (!o && !(k->flags & MT_SCHEMA_OPTIONAL))
            ret = mt_read_missing(r, path);
        else if (!o || ((k->flags & MT_SCHEMA_NIL_OK) && o->type == MSGPACK_OBJECT_NIL))
            ret = 0;
        else
            ret = read_custom(r, k, o, path, base, parent);
        if (ret < 0)
            return ret;
    }
    return 0;
}

/* beats.sample may be absent (files before 1.0's): derived from t as the
 * writer derives it */
static int derive_beat_samples(MtReader *r, MtBeatResult *b)
{
    if (b->beat_sample || !b->n_beats || r->no_array_data)
        return 0;
    int64_t *s = mt_arena_array(r->arena, b->n_beats, sizeof(*s));
    if (!s)
        return mt_read_nomem(r);
    for (size_t i = 0; i < b->n_beats; i++) {
        double x = b->beat_t[i] * b->stream.sample_rate;
        s[i] = x > -9e18 && x < 9e18 ? (int64_t)llround(x) : 0;
    }
    b->beat_sample = s;
    return 0;
}

int mt_read_sidecar(MtReader *r, MtObj *root, MtSidecar *sc)
{
    int ret;
    if (root->type != MSGPACK_OBJECT_MAP)
        return mt_sidecar_set_error(r->err, MT_SIDECAR_ERR_MAGIC, -1,
                                    "not a montage sidecar: top level is %s, expected map",
                                    mt_read_type_name(root));
    if ((ret = read_map(r, &mt_schema_sidecar, root, "", sc, NULL)) < 0)
        return ret;
    return sc->kind == MT_KIND_BEAT ? derive_beat_samples(r, &sc->beat) : 0;
}
