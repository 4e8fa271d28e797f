/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Progress parsing and the batch bar; see progress.h. */
#include "driver/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mt_progress_parse_out_time(const char *text, int64_t *us)
{
    static const char *const keys[] = { "out_time_us=", "out_time_ms=" };
    int found = 0;
    for (const char *line = text; *line; ) {
        for (size_t k = 0; k < 2; k++) {
            size_t lk = strlen(keys[k]);
            if (!strncmp(line, keys[k], lk)) {
                char *end;
                long long v = strtoll(line + lk, &end, 10);
                if (end != line + lk && v >= 0) { /* "N/A" before the first frame */
                    *us = v;
                    found = 1;
                }
            }
        }
        const char *nl = strchr(line, '\n');
        if (!nl)
            break;
        line = nl + 1;
    }
    return found;
}

double mt_progress_fraction(const MtBatchProgress *p)
{
    double f;
    if (p->media_total_s > 0)
        f = p->media_done_s / p->media_total_s;
    else
        f = p->files_total ? (double)p->files_done / (double)p->files_total : 0;
    if (p->files_total && p->files_done == p->files_total)
        f = 1;
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

double mt_progress_eta(const MtBatchProgress *p)
{
    double f = mt_progress_fraction(p);
    if (f >= 1)
        return 0;
    if (f < 0.005 || p->elapsed_s < 1)
        return -1;
    return p->elapsed_s * (1 - f) / f;
}

int mt_progress_render(const MtBatchProgress *p, int width, char *out, size_t out_size)
{
    char tail[96], eta[32];
    double f = mt_progress_fraction(p), left = mt_progress_eta(p);
    if (left < 0)
        snprintf(eta, sizeof(eta), "ETA --:--");
    else if (left >= 3600)
        snprintf(eta, sizeof(eta), "ETA %d:%02d:%02d", (int)(left / 3600),
                 (int)(left / 60) % 60, (int)left % 60);
    else
        snprintf(eta, sizeof(eta), "ETA %d:%02d", (int)(left / 60), (int)left % 60);
    int tail_len = snprintf(tail, sizeof(tail), " %zu/%zu files %3d%% %s",
                            p->files_done, p->files_total, (int)(f * 100), eta);
    int bar = width - tail_len - 2;
    if (bar > 40)
        bar = 40;
    if (width > (int)out_size - 1)
        width = (int)out_size - 1;
    int n = 0;
    if (bar >= 5) {
        int fill = (int)(f * bar + 0.5);
        out[n++] = '[';
        for (int i = 0; i < bar; i++)
            out[n++] = i < fill ? '#' : '-';
        out[n++] = ']';
    }
    n += snprintf(out + n, out_size - (size_t)n, "%s", tail);
    if (n > width)
        n = width;
    out[n] = '\0';
    return n;
}
