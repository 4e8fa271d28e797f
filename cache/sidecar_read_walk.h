/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The reader's walk over the schema tables (sidecar_schema.c): every key
 * the table declares is checked in table order and copied into the
 * sidecar; unknown keys are ignored. Internal to the reader.
 */
#ifndef MONTAGE_CACHE_SIDECAR_READ_WALK_H
#define MONTAGE_CACHE_SIDECAR_READ_WALK_H

#include "sidecar_model.h"
#include "sidecar_read_value.h"

/* Reads the top-level object `root` into sc (zeroed, memory in r->arena).
 * 0, or a negative MtSidecarErrorCode with r->err filled. */
int mt_read_sidecar(MtReader *r, MtObj *root, MtSidecar *sc);

#endif /* MONTAGE_CACHE_SIDECAR_READ_WALK_H */
