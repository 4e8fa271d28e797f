/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * What the writer checks of a producer's MtSidecar before encoding it: a
 * count with a NULL array, an unknown enum or an absurd size would crash
 * the encoder or write a file no reader takes, so it is reported as the
 * producer's bug instead. Writer side: C11 only, compiled into FFmpeg too.
 */
#ifndef MONTAGE_CACHE_SIDECAR_MODEL_CHECK_H
#define MONTAGE_CACHE_SIDECAR_MODEL_CHECK_H

#include <stddef.h>

#include "sidecar_model.h"

/* 0, or -EINVAL with a one-line cause ("sidecar: scene.transitions has 2
 * entries but no data") in err. */
int mt_sidecar_model_check(const MtSidecar *sc, char *err, size_t errlen);

#endif /* MONTAGE_CACHE_SIDECAR_MODEL_CHECK_H */
