/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The package version. It lives in the bottom layer so that the kernels,
 * the sidecar module, the filters, the driver and the exports all name the
 * same one without depending on each other.
 */
#ifndef MONTAGE_ANALYSIS_MONTAGE_VERSION_H
#define MONTAGE_ANALYSIS_MONTAGE_VERSION_H

#define MONTAGE_VERSION "0.1.0"

#endif /* MONTAGE_ANALYSIS_MONTAGE_VERSION_H */
