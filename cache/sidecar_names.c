/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Enum <-> string tables of the sidecar format (see sidecar_names.h).
 */
#include <string.h>

#include "sidecar_names.h"

static const char *const kind_names[] = {
    [MT_KIND_SCENE] = "scene",
    [MT_KIND_BEAT]  = "beat",
};

static const char *const transition_names[] = {
    [MT_TRANSITION_HARD]     = "hard",
    [MT_TRANSITION_FADE]     = "fade",
    [MT_TRANSITION_DISSOLVE] = "dissolve",
    [MT_TRANSITION_WIPE]     = "wipe",
};

#define N_KINDS       (sizeof(kind_names) / sizeof(kind_names[0]))
#define N_TRANSITIONS (sizeof(transition_names) / sizeof(transition_names[0]))

const char *mt_sidecar_kind_name(MtSidecarKind kind)
{
    if ((unsigned)kind >= N_KINDS)
        return NULL;
    return kind_names[kind];
}

MtSidecarKind mt_sidecar_kind_from_name(const char *name)
{
    for (size_t k = 0; k < N_KINDS; k++)
        if (kind_names[k] && name && !strcmp(kind_names[k], name))
            return (MtSidecarKind)k;
    return (MtSidecarKind)0;
}

const char *mt_transition_type_name(MtTransitionType type)
{
    if ((unsigned)type >= N_TRANSITIONS)
        return NULL;
    return transition_names[type];
}

int mt_transition_type_from_name(const char *name, MtTransitionType *out)
{
    for (size_t t = 0; t < N_TRANSITIONS; t++) {
        if (name && !strcmp(transition_names[t], name)) {
            *out = (MtTransitionType)t;
            return 0;
        }
    }
    return -1;
}
