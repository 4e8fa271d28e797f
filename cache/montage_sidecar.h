/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Montage sidecar reader library: one include for C programs that load,
 * check or locate sidecars without touching msgpack themselves.
 * pkg-config: montage-sidecar. Format: montage-sidecar(5).
 */
#ifndef MONTAGE_SIDECAR_H
#define MONTAGE_SIDECAR_H

#include "sidecar_model.h"
#include "sidecar_error.h"
#include "sidecar_read.h"
#include "sidecar_write.h"
#include "sidecar_names.h"
#include "source_identity.h"
#include "cache_lookup.h"
#include "cache_gc.h"

#endif /* MONTAGE_SIDECAR_H */
