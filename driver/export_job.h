/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montage-analyze --export: after a file ends ok or cached, its sidecars
 * are exported next to themselves (export/export.h, mt_export_next_to),
 * in each listed format that takes the sidecar's kind.
 */
#ifndef MONTAGE_DRIVER_EXPORT_JOB_H
#define MONTAGE_DRIVER_EXPORT_JOB_H

#include <stddef.h>

#include "driver/job.h"
#include "export/export.h"

#define MT_DRIVER_MAX_EXPORTS 16

typedef struct MtDriverExports {
    const MtExportFormat *formats[MT_DRIVER_MAX_EXPORTS];
    size_t n;
    int    verbose; /* log each written file on stderr */
} MtDriverExports;

/* Parses "csv,edl,...". 0, or -1 with "unknown export format 'X' ..." in err. */
int mt_driver_exports_parse(const char *list, MtDriverExports *out, char *err, size_t errlen);

/* MtJobContext.on_done: opaque is an MtDriverExports. */
int mt_driver_export_job(MtJob *job, void *opaque);

#endif /* MONTAGE_DRIVER_EXPORT_JOB_H */
