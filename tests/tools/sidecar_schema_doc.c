/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * sidecar_schema_doc: prints the parts of montage-sidecar(5) that come from
 * the schema tables (cache/sidecar_schema.c): one roff table per map and the
 * list of keys readers treat as optional, each between marker comments.
 * tests/cache/test_schema.sh diffs them against doc/montage-sidecar.5 and,
 * with --update, puts them into the page. --keys lists every key for the
 * test's comparison of written files and of the reader with the table.
 */
#include <stdio.h>
#include <string.h>

#include "cache/sidecar_schema.h"

/* The map's name in the markers: its dotted path, "top" for the top level. */
static const char *block_name(const MtSchemaMap *m)
{
    return *m->name ? m->name : "top";
}

/* After the meaning: who may leave the key out. */
static void print_presence(const MtSchemaKey *k)
{
    if (k->flags & MT_SCHEMA_OPTIONAL) {
        printf(" (optional");
        if (k->since_minor)
            printf(", added in 1.%d", k->since_minor);
        printf((k->flags & MT_SCHEMA_NIL_OK) ? "; may be nil)" : ")");
    }
    if (k->flags & MT_SCHEMA_SCENE_ONLY)
        printf(" (kind scene only)");
    if (k->flags & MT_SCHEMA_BEAT_ONLY)
        printf(" (kind beat only)");
}

static void print_table(const MtSchemaMap *m)
{
    printf(".\\\" schema table %s: generated from cache/sidecar_schema.c\n", block_name(m));
    printf(".TS\nlB lw(14) lx.\nKey\tType\tT{\nMeaning\nT}\n");
    for (size_t i = 0; i < m->n_keys; i++) {
        const MtSchemaKey *k = &m->keys[i];
        printf("%s\t%s\tT{\n%s", k->key, mt_schema_type_doc(k), k->doc);
        print_presence(k);
        printf("\nT}\n");
    }
    printf(".TE\n.\\\" end of schema table %s\n", block_name(m));
}

/* Dotted paths of the optional keys under map m, comma-separated. */
static void print_optional(const MtSchemaMap *m, const char *where, int *first)
{
    for (size_t i = 0; i < m->n_keys; i++) {
        const MtSchemaKey *k = &m->keys[i];
        char path[160];
        snprintf(path, sizeof(path), "%s%s%s", where, *where ? "." : "", k->key);
        if (k->flags & MT_SCHEMA_OPTIONAL) {
            printf("%s%s", *first ? "" : ",\n", path);
            if (k->since_minor)
                printf(" (1.%d)", k->since_minor);
            *first = 0;
        }
        if (k->map)
            print_optional(k->map, path, first);
    }
}

/* --keys: one line per key, "PATH TYPE PRESENCE KIND", arrays of maps as
 * PATH[], for the tests that compare files and the reader with the table. */
static void print_keys(const MtSchemaMap *m, const char *where)
{
    static const char *const type[] = { "int", "int", "float", "float", "bool", "str",
                                        "pair", "map", "maps", "strs", "packed" };
    for (size_t i = 0; i < m->n_keys; i++) {
        const MtSchemaKey *k = &m->keys[i];
        char path[160];
        snprintf(path, sizeof(path), "%s%s%s", where, *where ? "." : "", k->key);
        printf("%s %s %s %s\n", path, type[k->type],
               k->flags & MT_SCHEMA_NOT_READ ? "not-read"
               : !(k->flags & MT_SCHEMA_OPTIONAL) ? "required"
               : k->flags & MT_SCHEMA_NIL_OK ? "nil-ok" : "optional",
               k->flags & MT_SCHEMA_SCENE_ONLY ? "scene" : k->flags & MT_SCHEMA_BEAT_ONLY ? "beat" : "any");
        if (k->map && k->custom != MT_SCHEMA_CUSTOM_CONFIG) {
            if (k->type == MT_SCHEMA_MAPS)
                snprintf(path + strlen(path), sizeof(path) - strlen(path), "[]");
            print_keys(k->map, path);
        }
    }
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "--keys")) {
        print_keys(&mt_schema_sidecar, "");
        return 0;
    }
    for (size_t i = 0; mt_schema_maps[i]; i++)
        print_table(mt_schema_maps[i]);
    printf(".\\\" schema list optional: generated from cache/sidecar_schema.c\n");
    print_optional(&mt_schema_sidecar, "", &first);
    printf(".\n.\\\" end of schema list optional\n");
    return 0;
}
