/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * CSV (RFC 4180, comma-separated, header row): one row per shot of a scene
 * sidecar, or one row per beat of a beat sidecar. Several sidecars of one
 * kind follow each other under one header, told apart by the file column:
 * the media as the command line names it (not its basename: two clips of
 * one name in two folders would be one).
 */
#include <stdio.h>
#include <string.h>

#include "cache/sidecar_names.h"
#include "export/export.h"
#include "export/timecode.h"

/* A field quoted when it holds a comma, quote or line break. */
static void field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static const char *edge_name(int type)
{
    return type == MT_SHOT_EDGE ? "none" : mt_transition_type_name((MtTransitionType)type);
}

static void scene_rows(FILE *out, const MtExportItem *it)
{
    const MtShotList *l = &it->shots;
    MtTimecodeRate rate = mt_timecode_rate(l->rate_num, l->rate_den);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        char tc_in[24], tc_out[24];
        mt_timecode_format(s->edit_in, rate, tc_in, sizeof(tc_in));
        mt_timecode_format(s->edit_out, rate, tc_out, sizeof(tc_out));
        field(out, it->media_named ? it->media_named : it->media_path);
        fprintf(out, ",%zu,%lld,%lld,%lld,%s,%s,%.6f,%.6f,%.6f,%s,%s,%.6f,%.6f\n", i + 1,
                (long long)s->start_frame, (long long)s->end_frame,
                (long long)(s->end_frame - s->start_frame), tc_in, tc_out, s->t_start, s->t_end,
                s->t_end - s->t_start, edge_name(s->in_type), edge_name(s->out_type),
                (double)s->mean_luma, (double)s->motion);
    }
}

static void beat_rows(FILE *out, const MtExportItem *it)
{
    const MtBeatResult *b = &it->sc->beat;
    for (size_t i = 0; i < b->n_beats; i++) {
        field(out, it->media_named ? it->media_named : it->media_path);
        fprintf(out, ",%zu,%.6f,%lld,%.6f,%d,%d\n", i + 1, b->beat_t[i],
                (long long)b->beat_sample[i], (double)b->beat_strength[i],
                b->beat_downbeat[i] ? 1 : 0, mt_export_beat_in_bar(b, i));
    }
}

int mt_export_csv(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    for (size_t i = 1; i < n; i++)
        if (items[i].sc->kind != items[0].sc->kind) {
            snprintf(err, errlen, "csv: scene and beat sidecars have different columns; export them apart");
            return -1;
        }
    if (items[0].sc->kind == MT_KIND_SCENE)
        fputs("file,shot,start_frame,end_frame,frames,start_timecode,end_timecode,start_s,end_s,"
              "length_s,transition_in,transition_out,mean_luma,motion\n", out);
    else
        fputs("file,beat,time_s,sample,strength,downbeat,beat_in_bar\n", out);
    for (size_t i = 0; i < n; i++) {
        if (items[i].sc->kind == MT_KIND_SCENE)
            scene_rows(out, &items[i]);
        else
            beat_rows(out, &items[i]);
    }
    return 0;
}
