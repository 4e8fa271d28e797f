/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The sidecar schema, declared once: every key with its msgpack type, its
 * place in the C structs of sidecar_model.h, whether readers may miss it
 * and since which schema minor, and its meaning for montage-sidecar(5).
 * The writer (sidecar_write.c) and the reader (sidecar_read_walk.c) walk
 * these tables; tests/tools/sidecar_schema_doc prints the man page's tables
 * from them (tests/cache/test_schema_doc.sh diffs the page against it).
 *
 * Writer side: C11 only, compiled into FFmpeg too.
 */
#ifndef MONTAGE_CACHE_SIDECAR_SCHEMA_H
#define MONTAGE_CACHE_SIDECAR_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "sidecar_model.h" /* MtSidecarKind */

/* Sanity cap on histogram bins per scene. */
#define MT_SIDECAR_MAX_HIST_BINS 65536

/* How a value is stored in msgpack and in the struct. */
typedef enum MtSchemaType {
    MT_SCHEMA_INT,      /* int <-> int (range-checked on read) */
    MT_SCHEMA_I64,      /* int <-> int64_t */
    MT_SCHEMA_F32,      /* float32 <-> float; readers take any number */
    MT_SCHEMA_F64,      /* float64 <-> double; readers take any number */
    MT_SCHEMA_BOOL,     /* bool <-> int */
    MT_SCHEMA_STR,      /* string or nil <-> const char * (NULL) */
    MT_SCHEMA_RATIONAL, /* [num, den] <-> int at offset, int at offset2 */
    MT_SCHEMA_MAP,      /* a map of `map`'s keys, struct at offset */
    MT_SCHEMA_MAPS,     /* array of maps: pointer at offset, size_t count at offset2 */
    MT_SCHEMA_STRS,     /* array of strings: pointer at offset, count at offset2 */
    MT_SCHEMA_PACKED,   /* packed array (see MtPackedType): pointer at offset, count at offset2 */
} MtSchemaType;

/* Element types of packed arrays ({dtype, shape, data}, little-endian). */
typedef enum MtPackedType { MT_PACKED_F32, MT_PACKED_F64, MT_PACKED_I64, MT_PACKED_U8 } MtPackedType;

extern const char *const mt_packed_dtype[4]; /* "<f4", "<f8", "<i8", "|u1" */
extern const size_t      mt_packed_size[4];  /* bytes per element */

/* Keys whose value the generic walk cannot write or read alone; the writer
 * and the reader each handle these by hand (their type is still declared
 * for the documentation). */
typedef enum MtSchemaCustom {
    MT_SCHEMA_BY_TYPE = 0,
    MT_SCHEMA_CUSTOM_SCHEMA,          /* the magic string; a mismatch is "not a sidecar" */
    MT_SCHEMA_CUSTOM_VERSION,         /* [major, minor]; other majors are refused */
    MT_SCHEMA_CUSTOM_KIND,            /* "scene" or "beat"; decides the kind's keys */
    MT_SCHEMA_CUSTOM_CONFIG,          /* option name -> int, float, str or bool */
    MT_SCHEMA_CUSTOM_TRANSITION_TYPE, /* enum by name */
    MT_SCHEMA_CUSTOM_MEAN_HIST,       /* packed, as many values as scene.hist_bins */
    MT_SCHEMA_CUSTOM_BEAT_SAMPLE,     /* packed, derived from beats.t when absent */
    MT_SCHEMA_CUSTOM_FRAME_FEATURES,  /* packed 2-D with optional names, or nil */
} MtSchemaCustom;

enum {
    MT_SCHEMA_OPTIONAL   = 1 << 0, /* readers accept its absence */
    MT_SCHEMA_NIL_OK     = 1 << 1, /* nil reads as absent */
    MT_SCHEMA_OMIT_UNSET = 1 << 2, /* written only when known (a number > 0) */
    MT_SCHEMA_SAME_COUNT = 1 << 3, /* as many values as the count an earlier key set */
    MT_SCHEMA_NOT_READ   = 1 << 4, /* a copy of another key for other readers; ignored here */
    MT_SCHEMA_RANGE      = 1 << 5, /* INT: min..max */
    MT_SCHEMA_SCENE_ONLY = 1 << 6, /* top level: only in scene sidecars */
    MT_SCHEMA_BEAT_ONLY  = 1 << 7, /* top level: only in beat sidecars */
};

typedef struct MtSchemaMap MtSchemaMap;

typedef struct MtSchemaKey {
    const char        *key;
    MtSchemaType       type;
    unsigned           flags;
    int                since_minor; /* schema 1.x that added it (0: 1.0) */
    size_t             offset;      /* in the struct of the enclosing map */
    size_t             offset2;     /* see MtSchemaType */
    const MtSchemaMap *map;         /* MAP, MAPS: the keys inside */
    MtPackedType       dtype;       /* PACKED */
    MtSchemaCustom     custom;
    int64_t            min, max;    /* MT_SCHEMA_RANGE */
    const char        *doc_type;    /* documented type when not the type's own */
    const char        *doc;         /* meaning, roff text for montage-sidecar(5) */
} MtSchemaKey;

struct MtSchemaMap {
    const char        *name;      /* dotted path in the documentation */
    const MtSchemaKey *keys;      /* in the order they are written */
    size_t             n_keys;
    size_t             elem_size; /* MAPS: bytes of one struct element */
};

/* The whole sidecar, keys of MtSidecar. */
extern const MtSchemaMap mt_schema_sidecar;

/* Every map of the schema, in documentation order (the top level first),
 * NULL-terminated. */
extern const MtSchemaMap *const mt_schema_maps[];

/* The field at byte offset `off` of the struct at `base`, as type T: how
 * the walks reach a row's value (CFIELD for a const struct). */
#define MT_SCHEMA_FIELD(base, off, T)  (*(T *)((char *)(base) + (off)))
#define MT_SCHEMA_CFIELD(base, off, T) (*(const T *)((const char *)(base) + (off)))

/* Whether a sidecar of this kind has the key (the top level's scene and
 * beat are kind-specific). Inline: the walks ask for every key. */
static inline int mt_schema_in_kind(const MtSchemaKey *k, MtSidecarKind kind)
{
    return !((k->flags & MT_SCHEMA_SCENE_ONLY) && kind != MT_KIND_SCENE) &&
           !((k->flags & MT_SCHEMA_BEAT_ONLY) && kind != MT_KIND_BEAT);
}

/* Whether the key is an array with a size_t count at offset2. */
static inline int mt_schema_has_count(const MtSchemaKey *k)
{
    return k->type == MT_SCHEMA_MAPS || k->type == MT_SCHEMA_STRS || k->type == MT_SCHEMA_PACKED;
}

/* The type as montage-sidecar(5) names it ("int", "packed<f4>", ...). */
const char *mt_schema_type_doc(const MtSchemaKey *k);

#endif /* MONTAGE_CACHE_SIDECAR_SCHEMA_H */
