/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The strings the sidecar format uses for enums (kind, transition type), in
 * one place so the writer, the reader and the CLI agree. Writer side: C11
 * only, compiled into FFmpeg too.
 */
#ifndef MONTAGE_CACHE_SIDECAR_NAMES_H
#define MONTAGE_CACHE_SIDECAR_NAMES_H

#include "sidecar_model.h"

/* "scene", "beat", or NULL for an invalid kind. */
const char *mt_sidecar_kind_name(MtSidecarKind kind);
/* The kind named `name`, or 0 when the name is unknown. */
MtSidecarKind mt_sidecar_kind_from_name(const char *name);

/* "hard", "fade", "dissolve", "wipe", or NULL. */
const char *mt_transition_type_name(MtTransitionType type);
/* 0 and *out set when known, -1 otherwise. */
int mt_transition_type_from_name(const char *name, MtTransitionType *out);

#endif /* MONTAGE_CACHE_SIDECAR_NAMES_H */
