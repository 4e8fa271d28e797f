/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Chapters, one per shot: FFmpeg's metadata file (ffmetadata) in the
 * stream's own time base, so a chapter starts on the exact pts of the
 * shot's first frame, and WebVTT chapters (millisecond cue times rounded
 * up, so seeking to a cue never shows the frame before the shot).
 * Times count from the clip's first frame, which is where a remux starts.
 */
#include <math.h>
#include <stdio.h>

#include "cache/sidecar_names.h"
#include "export/export.h"

static const char *in_name(const MtShot *s)
{
    return s->in_type == MT_SHOT_EDGE ? "start" : mt_transition_type_name((MtTransitionType)s->in_type);
}

/* ffmetadata values escape '=', ';', '#', '\' and line breaks. */
static void meta_value(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '=' || *s == ';' || *s == '#' || *s == '\\' || *s == '\n')
            fputc('\\', out);
        fputc(*s, out);
    }
}

int mt_export_ffmetadata(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "ffmetadata: one sidecar per chapter file");
        return -1;
    }
    const MtShotList *l = &items[0].shots;
    fputs(";FFMETADATA1\ntitle=", out);
    meta_value(out, mt_export_basename(items[0].media_path));
    fputs("\n", out);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        fprintf(out, "\n[CHAPTER]\nTIMEBASE=%d/%d\nSTART=%lld\nEND=%lld\ntitle=Shot %zu (%s)\n",
                l->tb_num, l->tb_den, (long long)s->pts_start, (long long)s->pts_end, i + 1,
                in_name(s));
    }
    return 0;
}

static void vtt_time(FILE *out, double seconds)
{
    /* a cue must not start before its frame: round up to the millisecond,
     * less a nanosecond of float noise */
    long long ms = (long long)ceil(seconds * 1000.0 - 1e-6);
    if (ms < 0)
        ms = 0;
    fprintf(out, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
            ms % 1000);
}

int mt_export_webvtt(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "webvtt: one sidecar per chapter file");
        return -1;
    }
    const MtShotList *l = &items[0].shots;
    fputs("WEBVTT\n", out);
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        fprintf(out, "\nshot-%zu\n", i + 1);
        vtt_time(out, s->t_start);
        fputs(" --> ", out);
        vtt_time(out, s->t_end);
        fprintf(out, "\nShot %zu (%s)\n", i + 1, in_name(s));
    }
    return 0;
}
