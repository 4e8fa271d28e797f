/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Final Cut Pro 7 XML interchange (xmeml version 5), which Premiere Pro,
 * DaVinci Resolve and Final Cut Pro (through its importers) read: one
 * sequence with one video track, a clipitem per shot on one shared file,
 * and a centred Cross Dissolve transitionitem where a dissolve joins two
 * shots (the clipitems on either side then carry -1 as their end/start,
 * as xmeml marks a transition's edit). Frame positions at the edit rate
 * (shot_list.h): timebase is the rounded rate, ntsc TRUE for x/1001 rates.
 */
#include <stdio.h>
#include <stdlib.h>

#include "export/export.h"

static void rate(FILE *out, const char *indent, const MtShotList *l)
{
    long long timebase = ((long long)l->rate_num + l->rate_den / 2) / l->rate_den;
    fprintf(out, "%s<rate><timebase>%lld</timebase><ntsc>%s</ntsc></rate>\n", indent, timebase,
            l->rate_den == 1001 ? "TRUE" : "FALSE");
}

int mt_export_xmeml(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "xmeml: one sidecar per sequence");
        return -1;
    }
    const MtExportItem *it = &items[0];
    const MtShotList *l = &it->shots;
    const MtVideoStream *v = &it->sc->scene.stream;
    const char *name = mt_export_basename(it->media_path);
    char *url = mt_export_file_url(it->media_path);
    if (!url) {
        snprintf(err, errlen, "xmeml: out of memory");
        return -1;
    }

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n<xmeml version=\"5\">\n"
          "  <sequence id=\"sequence-1\">\n    <name>", out);
    mt_export_xml_text(out, name);
    fprintf(out, "</name>\n    <duration>%lld</duration>\n", (long long)l->edit_total);
    rate(out, "    ", l);
    fputs("    <media>\n      <video>\n        <format><samplecharacteristics>\n", out);
    rate(out, "          ", l);
    fprintf(out, "          <width>%d</width><height>%d</height>\n"
                 "        </samplecharacteristics></format>\n        <track>\n", v->width, v->height);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        int dissolve_in = s->in_type == MT_TRANSITION_DISSOLVE;
        int dissolve_out = i + 1 < l->n && l->shots[i + 1].in_type == MT_TRANSITION_DISSOLVE;
        if (dissolve_in)
            fprintf(out, "          <transitionitem>\n"
                         "            <start>%lld</start><end>%lld</end>\n"
                         "            <alignment>center</alignment>\n"
                         "            <effect><name>Cross Dissolve</name><effectid>Cross Dissolve</effectid>"
                         "<effectcategory>Dissolve</effectcategory><effecttype>transition</effecttype>"
                         "<mediatype>video</mediatype></effect>\n"
                         "          </transitionitem>\n",
                    (long long)s->in_edit_first, (long long)s->in_edit_end);
        fprintf(out, "          <clipitem id=\"clipitem-%zu\">\n            <name>Shot %zu</name>\n"
                     "            <enabled>TRUE</enabled>\n            <duration>%lld</duration>\n",
                i + 1, i + 1, (long long)l->edit_total);
        rate(out, "            ", l);
        fprintf(out, "            <start>%lld</start><end>%lld</end>\n"
                     "            <in>%lld</in><out>%lld</out>\n",
                dissolve_in ? -1LL : (long long)s->edit_in, dissolve_out ? -1LL : (long long)s->edit_out,
                (long long)s->edit_in, (long long)s->edit_out);
        if (i == 0) {
            fputs("            <file id=\"file-1\">\n              <name>", out);
            mt_export_xml_text(out, name);
            fputs("</name>\n              <pathurl>", out);
            mt_export_xml_text(out, url);
            fprintf(out, "</pathurl>\n              <duration>%lld</duration>\n", (long long)l->edit_total);
            rate(out, "              ", l);
            fprintf(out, "              <media><video><samplecharacteristics><width>%d</width>"
                         "<height>%d</height></samplecharacteristics></video></media>\n"
                         "            </file>\n",
                    v->width, v->height);
        } else {
            fputs("            <file id=\"file-1\"/>\n", out);
        }
        fputs("          </clipitem>\n", out);
    }
    fputs("        </track>\n      </video>\n    </media>\n  </sequence>\n</xmeml>\n", out);
    free(url);
    return 0;
}
