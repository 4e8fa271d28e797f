/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Final Cut Pro X XML (fcpxml 1.9): a format and an asset for the clip, a
 * project whose sequence spine holds an asset-clip per shot, end to end.
 * Times are rational seconds at the edit rate (shot_list.h), e.g.
 * "3003/30000s" for frame 90 at 29.97 fps. Dissolves stay in the picture
 * as cuts here: an fcpxml transition needs Final Cut's own effect ids.
 */
#include <stdio.h>
#include <stdlib.h>

#include "export/export.h"

/* position frames at num/den fps as fcpxml time */
static void fcp_time(FILE *out, const char *name, int64_t frames, const MtShotList *l)
{
    if (frames == 0)
        fprintf(out, " %s=\"0s\"", name);
    else
        fprintf(out, " %s=\"%lld/%ds\"", name, (long long)(frames * l->rate_den), l->rate_num);
}

int mt_export_fcpxml(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "fcpxml: one sidecar per project");
        return -1;
    }
    const MtExportItem *it = &items[0];
    const MtShotList *l = &it->shots;
    const MtVideoStream *v = &it->sc->scene.stream;
    const char *name = mt_export_basename(it->media_path);
    const char *tc = (int64_t)l->rate_num * 1001 == (int64_t)l->rate_den * 30000 ||
                             (int64_t)l->rate_num * 1001 == (int64_t)l->rate_den * 60000
                         ? "DF" : "NDF";
    char *url = mt_export_file_url(it->media_path);
    if (!url) {
        snprintf(err, errlen, "fcpxml: out of memory");
        return -1;
    }
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n"
                 "<fcpxml version=\"1.9\">\n  <resources>\n"
                 "    <format id=\"r1\" frameDuration=\"%d/%ds\" width=\"%d\" height=\"%d\"/>\n"
                 "    <asset id=\"r2\" name=\"",
            l->rate_den, l->rate_num, v->width, v->height);
    mt_export_xml_text(out, name);
    fputs("\" start=\"0s\"", out);
    fcp_time(out, "duration", l->edit_total, l);
    fputs(" hasVideo=\"1\" format=\"r1\">\n      <media-rep kind=\"original-media\" src=\"", out);
    mt_export_xml_text(out, url);
    fputs("\"/>\n    </asset>\n  </resources>\n  <library>\n    <event name=\"Montage\">\n"
          "      <project name=\"", out);
    mt_export_xml_text(out, name);
    fputs("\">\n        <sequence format=\"r1\" tcStart=\"0s\"", out);
    fcp_time(out, "duration", l->edit_total, l);
    fprintf(out, " tcFormat=\"%s\">\n          <spine>\n", tc);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        if (s->edit_out <= s->edit_in)
            continue; /* shorter than one edit-rate frame */
        fprintf(out, "            <asset-clip ref=\"r2\" name=\"Shot %zu\"", i + 1);
        fcp_time(out, "offset", s->edit_in, l);
        fcp_time(out, "start", s->edit_in, l);
        fcp_time(out, "duration", s->edit_out - s->edit_in, l);
        fprintf(out, " tcFormat=\"%s\"/>\n", tc);
    }
    fputs("          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n"
          "</fcpxml>\n", out);
    free(url);
    return 0;
}
