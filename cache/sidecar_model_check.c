/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Producer-side checks before encoding (sidecar_model_check.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "sidecar_model_check.h"
#include "sidecar_names.h"
#include "sidecar_schema.h"

static int bad(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -EINVAL;
}

/* Where the walk is, as a chain up to the top: formatted ("scene.scenes[2]")
 * only for an error message. */
typedef struct KeyPath {
    const struct KeyPath *up;
    const char           *key;   /* NULL for an element of `up` */
    size_t                index; /* the element's */
} KeyPath;

static size_t format_path(const KeyPath *p, char *out, size_t len)
{
    size_t n = p->up ? format_path(p->up, out, len) : 0;
    int w = n >= len ? 0
          : p->key ? snprintf(out + n, len - n, "%s%s", n ? "." : "", p->key)
                   : snprintf(out + n, len - n, "[%zu]", p->index);
    return n + (w > 0 ? (size_t)w : 0);
}

static int no_data(const KeyPath *p, size_t n, char *err, size_t errlen)
{
    char path[160];
    path[0] = 0;
    format_path(p, path, sizeof(path));
    return bad(err, errlen, "sidecar: %s has %zu entries but no data", path, n);
}

/* Every array the schema declares (arrays of maps and strings, packed
 * arrays) has data when its count is not 0; the hand-written keys are
 * checked by check_config() and check_scene_custom(). */
static int check_arrays(const MtSchemaMap *map, const void *base, const KeyPath *where,
                        MtSidecarKind kind, char *err, size_t errlen)
{
    for (size_t i = 0; i < map->n_keys; i++) {
        const MtSchemaKey *k = &map->keys[i];
        const KeyPath here = { where, k->key, 0 };
        int ret;
        if (k->custom || !mt_schema_in_kind(k, kind))
            continue;
        if (k->type == MT_SCHEMA_MAP) {
            if ((ret = check_arrays(k->map, (const char *)base + k->offset, &here, kind, err, errlen)) < 0)
                return ret;
            continue;
        }
        if (!mt_schema_has_count(k))
            continue;
        const char *data = MT_SCHEMA_CFIELD(base, k->offset, char *);
        size_t n = MT_SCHEMA_CFIELD(base, k->offset2, size_t);
        if (n && !data)
            return no_data(&here, n, err, errlen);
        for (size_t e = 0; k->type == MT_SCHEMA_MAPS && e < n; e++) {
            const KeyPath elem = { &here, NULL, e };
            if ((ret = check_arrays(k->map, data + e * k->map->elem_size, &elem, kind, err, errlen)) < 0)
                return ret;
        }
    }
    return 0;
}

static int check_config(const MtConfig *c, char *err, size_t errlen)
{
    if (c->n && !c->entries)
        return bad(err, errlen, "sidecar: config has %zu entries but no data", c->n);
    for (size_t i = 0; i < c->n; i++) {
        const MtConfigEntry *e = &c->entries[i];
        if (!e->key)
            return bad(err, errlen, "sidecar: config entry %zu has no key", i);
        if (e->type < MT_VALUE_INT || e->type > MT_VALUE_BOOL)
            return bad(err, errlen, "sidecar: config '%s' has invalid type %d", e->key, (int)e->type);
    }
    return 0;
}

/* The keys the schema leaves to hand-written code (MtSchemaCustom). */
static int check_scene_custom(const MtSceneResult *s, char *err, size_t errlen)
{
    const MtF32Matrix *f = &s->frame_features;
    if (s->hist_bins < 0)
        return bad(err, errlen, "sidecar: scene.hist_bins is negative");
    for (size_t i = 0; i < s->n_scenes; i++)
        if (s->hist_bins && !s->scenes[i].mean_hist)
            return bad(err, errlen, "sidecar: scene.scenes[%zu] has no mean_hist", i);
    for (size_t i = 0; i < s->n_transitions; i++)
        if (!mt_transition_type_name(s->transitions[i].type))
            return bad(err, errlen, "sidecar: scene.transitions[%zu] has invalid type %d",
                       i, (int)s->transitions[i].type);
    if (f->cols && f->rows > SIZE_MAX / 8 / f->cols)
        return bad(err, errlen, "sidecar: frame_features %zux%zu is too large", f->rows, f->cols);
    if (f->rows * f->cols != 0 && !f->data)
        return bad(err, errlen, "sidecar: scene.frame_features has %zu entries but no data",
                   f->rows * f->cols);
    return 0;
}

int mt_sidecar_model_check(const MtSidecar *sc, char *err, size_t errlen)
{
    int ret;
    if (!mt_sidecar_kind_name(sc->kind))
        return bad(err, errlen, "sidecar: invalid kind %d", (int)sc->kind);
    if ((ret = check_config(&sc->config, err, errlen)) < 0 ||
        (ret = check_arrays(&mt_schema_sidecar, sc, NULL, sc->kind, err, errlen)) < 0)
        return ret;
    /* beats.sample, the other hand-written key, may be NULL: it is derived */
    return sc->kind == MT_KIND_SCENE ? check_scene_custom(&sc->scene, err, errlen) : 0;
}
