/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * MLT XML (what melt, Shotcut and Kdenlive read): a profile at the clip's
 * size and edit rate, one avformat producer for the clip, a playlist with
 * one entry per shot (in/out inclusive frame positions), and a tractor
 * over it so the document has one root. Every shot is an entry of its own,
 * so an editor can move or drop it; transitions are not rebuilt (the
 * dissolve frames are in the source) but named on the entry.
 */
#include <stdio.h>
#include <string.h>

#include "cache/sidecar_names.h"
#include "export/export.h"

static long gcd(long a, long b)
{
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a ? a : 1;
}

int mt_export_mlt(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "mlt: one sidecar per playlist");
        return -1;
    }
    const MtExportItem *it = &items[0];
    const MtShotList *l = &it->shots;
    const MtVideoStream *v = &it->sc->scene.stream;
    long w = v->width > 0 ? v->width : 16, h = v->height > 0 ? v->height : 9, g = gcd(w, h);

    fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<mlt LC_NUMERIC=\"C\" title=\"", out);
    mt_export_xml_text(out, mt_export_basename(it->media_path));
    fprintf(out, "\">\n  <profile description=\"montage %ldx%ld %d/%d\" width=\"%ld\" height=\"%ld\" "
                 "progressive=\"1\" sample_aspect_num=\"1\" sample_aspect_den=\"1\" "
                 "display_aspect_num=\"%ld\" display_aspect_den=\"%ld\" frame_rate_num=\"%d\" "
                 "frame_rate_den=\"%d\" colorspace=\"709\"/>\n",
            w, h, l->rate_num, l->rate_den, w, h, w / g, h / g, l->rate_num, l->rate_den);
    fprintf(out, "  <producer id=\"clip\" in=\"0\" out=\"%lld\">\n"
                 "    <property name=\"length\">%lld</property>\n"
                 "    <property name=\"mlt_service\">avformat</property>\n"
                 "    <property name=\"resource\">",
            (long long)(l->edit_total - 1), (long long)l->edit_total);
    mt_export_xml_text(out, it->media_path);
    fputs("</property>\n  </producer>\n  <playlist id=\"shots\">\n", out);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        if (s->edit_out <= s->edit_in)
            continue; /* shorter than one edit-rate frame: nothing to show */
        fprintf(out, "    <entry producer=\"clip\" in=\"%lld\" out=\"%lld\">\n"
                     "      <property name=\"montage:shot\">%zu</property>\n"
                     "      <property name=\"montage:transition_in\">%s</property>\n"
                     "    </entry>\n",
                (long long)s->edit_in, (long long)(s->edit_out - 1), i + 1,
                s->in_type == MT_SHOT_EDGE ? "none" : mt_transition_type_name((MtTransitionType)s->in_type));
    }
    fprintf(out, "  </playlist>\n  <tractor id=\"tractor0\" in=\"0\" out=\"%lld\">\n"
                 "    <track producer=\"shots\"/>\n  </tractor>\n</mlt>\n",
            (long long)(l->edit_total - 1));
    return 0;
}
