/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * One resolved kernel option (defaults included), as mt_scene_config_entries
 * and mt_beat_config_entries list them for the sidecar's config section.
 */
#ifndef MONTAGE_ANALYSIS_CONFIG_ENTRY_H
#define MONTAGE_ANALYSIS_CONFIG_ENTRY_H

#include <stdint.h>

typedef enum MtValueType {
    MT_VALUE_INT    = 1,
    MT_VALUE_DOUBLE = 2,
    MT_VALUE_STRING = 3,
    MT_VALUE_BOOL   = 4,
} MtValueType;

/* One resolved option, defaults included. */
typedef struct MtConfigEntry {
    const char *key;
    MtValueType type;
    int64_t     i; /* INT and BOOL */
    double      d; /* DOUBLE */
    const char *s; /* STRING */
} MtConfigEntry;

/* The entry of an option of KIND (DOUBLE, INT or BOOL) named key with
 * value v (see MT_OPTION_ENTRY in config_check.h). */
#define MT_CONFIG_ENTRY_DOUBLE(key_, v) { .key = (key_), .type = MT_VALUE_DOUBLE, .d = (v) }
#define MT_CONFIG_ENTRY_INT(key_, v)    { .key = (key_), .type = MT_VALUE_INT, .i = (v) }
#define MT_CONFIG_ENTRY_BOOL(key_, v)   { .key = (key_), .type = MT_VALUE_BOOL, .i = (v) ? 1 : 0 }

#endif /* MONTAGE_ANALYSIS_CONFIG_ENTRY_H */
