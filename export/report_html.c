/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The report page (see report.h): plain HTML and CSS, nothing fetched. */
#include <stdio.h>

#include "cache/sidecar_names.h"
#include "export/report.h"
#include "export/timecode.h"

#define STRIP_W 960
#define STRIP_H 28

/* The clip as a strip: shots in alternating greys, each transition over
 * its span (a hard cut as a dark line) in its type's colour. */
static void clip_strip(FILE *out, const MtShotList *l)
{
    static const char *const colour[] = { "#303030", "#e0a030", "#3399ff", "#30b0a0" };
    double total = l->shots[l->n - 1].t_end;
    if (total <= 0)
        return;
    fprintf(out, "<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">\n",
            STRIP_W, STRIP_H);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        fprintf(out, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                s->t_start / total * STRIP_W, (s->t_end - s->t_start) / total * STRIP_W, STRIP_H,
                i % 2 ? "#c8c8c8" : "#e8e8e8");
    }
    for (size_t i = 1; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        double x0 = s->in_t_first / total * STRIP_W, x1 = s->in_t_last / total * STRIP_W;
        if (s->in_type < 0 || s->in_type > MT_TRANSITION_WIPE)
            continue;
        fprintf(out, "<rect class=\"tr-%s\" x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" "
                     "fill=\"%s\"><title>%s %.3f s</title></rect>\n",
                mt_transition_type_name((MtTransitionType)s->in_type), x0,
                x1 - x0 > 2 ? x1 - x0 : 2, STRIP_H, colour[s->in_type],
                mt_transition_type_name((MtTransitionType)s->in_type), s->t_start);
    }
    fputs("</svg>\n", out);
}

static void clip_section(FILE *out, const MtExportItem *it, const MtThumbnails *th)
{
    const MtShotList *l = &it->shots;
    const MtVideoStream *v = &it->sc->scene.stream;
    MtTimecodeRate rate = mt_timecode_rate(l->rate_num, l->rate_den);
    fprintf(out, "<p>%dx%d, %d/%d fps%s, %lld frames, %zu shots</p>\n",
            v->width, v->height, l->rate_num, l->rate_den,
            l->frame_exact ? "" : " (variable: times at this edit rate)", (long long)v->frames, l->n);
    clip_strip(out, l);
    fputs("<div class=\"shots\">\n", out);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        char tc[24];
        mt_timecode_format(s->edit_in, rate, tc, sizeof(tc));
        fputs("<figure class=\"shot\">", out);
        if (th && i < th->n && th->base64[i])
            fprintf(out, "<img class=\"thumb\" width=\"%d\" height=\"%d\" alt=\"shot %zu\" "
                         "src=\"data:image/png;base64,%s\">",
                    th->width, th->height, i + 1, th->base64[i]);
        else
            fputs("<div class=\"nothumb\">no picture</div>", out);
        fprintf(out, "<figcaption><b>%zu</b> %s &middot; %.3f&ndash;%.3f s<br>frames %lld&ndash;%lld",
                i + 1, tc, s->t_start, s->t_end, (long long)s->start_frame, (long long)s->end_frame - 1);
        if (s->in_type == MT_TRANSITION_HARD)
            fprintf(out, "<br><span class=\"tr tr-hard\">hard</span> cut at %.3f s", s->t_start);
        else if (s->in_type != MT_SHOT_EDGE)
            fprintf(out, "<br><span class=\"tr tr-%s\">%s</span> %.3f&ndash;%.3f s",
                    mt_transition_type_name((MtTransitionType)s->in_type),
                    mt_transition_type_name((MtTransitionType)s->in_type), s->in_t_first,
                    s->in_t_last);
        fputs("</figcaption></figure>\n", out);
    }
    fputs("</div>\n", out);
}

static void song_section(FILE *out, const MtExportItem *it)
{
    const MtBeatResult *b = &it->sc->beat;
    size_t downbeats = 0;
    for (size_t i = 0; i < b->n_beats; i++)
        downbeats += b->beat_downbeat[i] != 0;
    fprintf(out, "<p>%.2f BPM (confidence %.2f), meter %d, %zu beats, %zu downbeats, %.3f s</p>\n",
            (double)b->bpm, (double)b->confidence, b->meter, b->n_beats, downbeats, b->stream.duration_s);
    mt_report_beat_plot(out, b);
    fputs("<p class=\"legend\"><span style=\"color:#ff8000\">&#9632; onset</span> "
          "<span style=\"color:#008080\">&#9632; energy</span> "
          "<span style=\"color:#a0a0a0\">| beat</span> "
          "<span style=\"color:#d000d0\">| downbeat</span></p>\n", out);
}

void mt_report_html(FILE *out, const MtExportItem *items, const MtThumbnails *thumbs, size_t n)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<title>Montage report</title>\n<style>\n"
          "body{font:14px sans-serif;margin:16px;background:#f4f4f4;color:#222}\n"
          "section{background:#fff;margin:0 0 16px;padding:8px 16px;border:1px solid #ccc}\n"
          "h2{font-size:16px;margin:4px 0}\n"
          ".shots{display:flex;flex-wrap:wrap;gap:8px}\n"
          ".shot{margin:0;font-size:11px}\n"
          ".thumb{display:block;border:1px solid #888}\n"
          ".nothumb{width:192px;height:108px;border:1px dashed #888;line-height:108px;"
          "text-align:center}\n"
          ".tr{font-weight:bold}\n"
          ".plot{border:1px solid #888;display:block}\n"
          ".strip{display:block;margin:0 0 8px}\n"
          "</style></head><body>\n<h1>Montage report</h1>\n", out);
    for (size_t i = 0; i < n; i++) {
        const MtExportItem *it = &items[i];
        fprintf(out, "<section class=\"%s\"><h2>", it->sc->kind == MT_KIND_SCENE ? "clip" : "song");
        mt_export_xml_text(out, mt_export_basename(it->media_path));
        fputs("</h2>\n<p class=\"path\">", out);
        mt_export_xml_text(out, it->media_path);
        fputs("</p>\n", out);
        if (it->sc->kind == MT_KIND_SCENE)
            clip_section(out, it, &thumbs[i]);
        else
            song_section(out, it);
        fputs("</section>\n", out);
    }
    fputs("</body></html>\n", out);
}
