/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Exports after a file is done (see export_job.h). */
#include "driver/export_job.h"
#include "driver/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mt_driver_exports_parse(const char *list, MtDriverExports *out, char *err, size_t errlen)
{
    char known[256];
    memset(out, 0, sizeof(*out));
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        char name[64];
        snprintf(name, sizeof(name), "%.*s", (int)(len < sizeof(name) - 1 ? len : sizeof(name) - 1), p);
        const MtExportFormat *f = mt_export_find(name);
        if (!f || len >= sizeof(name)) {
            mt_export_format_list(known, sizeof(known));
            snprintf(err, errlen, "unknown export format '%.*s' (known: %s)", (int)len, p, known);
            return -1;
        }
        if (out->n == MT_DRIVER_MAX_EXPORTS) {
            snprintf(err, errlen, "more than %d export formats", MT_DRIVER_MAX_EXPORTS);
            return -1;
        }
        out->formats[out->n++] = f;
        p += len;
        if (*p == ',')
            p++;
    }
    if (!out->n) {
        snprintf(err, errlen, "no export format given");
        return -1;
    }
    return 0;
}

int mt_driver_export_job(MtJob *job, void *opaque)
{
    const MtDriverExports *ex = opaque;
    for (int k = 0; k < MT_JOB_KINDS; k++) {
        if (!job->have[k] || !job->sidecar[k])
            continue;
        MtExportItem item;
        int loaded = 0;
        char err[512];
        for (size_t i = 0; i < ex->n; i++) {
            const MtExportFormat *f = ex->formats[i];
            if (!(f->kinds & (1u << (k ? MT_KIND_BEAT : MT_KIND_SCENE))))
                continue;
            if (!loaded && mt_export_load(job->sidecar[k], NULL, &item, err, sizeof(err)) < 0) {
                snprintf(job->error, sizeof(job->error), "export: %s: %s", job->sidecar[k], err);
                return -1;
            }
            /* the csv's file column names the media as the user did (the
             * path listed, not the sidecar's absolute one), as
             * montage-sidecar export does with its argument */
            if (!loaded) {
                free(item.media_named);
                item.media_named = strdup(job->path); /* NULL: media_path */
            }
            loaded = 1;
            char *path = mt_export_next_to(job->sidecar[k], f);
            int ret = path ? mt_export_write(f, path, &item, 1, err, sizeof(err)) : -1;
            if (ret < 0)
                snprintf(job->error, sizeof(job->error), "export %s: %s", f->name,
                         path ? err : "out of memory");
            else if (ex->verbose)
                mt_output_message(stderr, "%s: wrote %s", job->path, path);
            free(path);
            if (ret < 0) {
                mt_export_item_free(&item);
                return -1;
            }
        }
        if (loaded)
            mt_export_item_free(&item);
    }
    return 0;
}
