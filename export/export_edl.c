/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * CMX 3600 edit decision list: one event per shot, all from one reel (the
 * clip), record time = source time. A shot that opens with a dissolve is a
 * two-line event: a zero-length cut on the outgoing shot at the dissolve's
 * first frame, then "D LLL" to the incoming shot, LLL its length in frames.
 * Fades and wipes are in the picture itself, so they are cuts here with a
 * comment. Timecode at the edit rate (shot_list.h), drop-frame at 29.97 and
 * 59.94 fps.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cache/sidecar_names.h"
#include "export/export.h"
#include "export/timecode.h"

#define EDL_MAX_EVENTS 999 /* three-digit event numbers */
#define REEL_CHARS     8   /* CMX 3600 reel names */

/* Upper-case letters and digits of the file name, up to 8: what every
 * reader accepts as a reel name. */
static void reel_name(const char *media, char reel[REEL_CHARS + 1])
{
    size_t n = 0;
    for (const char *p = mt_export_basename(media); *p && *p != '.' && n < REEL_CHARS; p++)
        if (isalnum((unsigned char)*p))
            reel[n++] = (char)toupper((unsigned char)*p);
    if (!n)
        reel[n++] = 'A', reel[n++] = 'X';
    reel[n] = 0;
}

static void event_line(FILE *out, size_t num, const char *reel, const char *edit, int length,
                       int64_t in, int64_t end, MtTimecodeRate r)
{
    char a[24], b[24];
    char len[16] = "   ";
    mt_timecode_format(in, r, a, sizeof(a));
    mt_timecode_format(end, r, b, sizeof(b));
    if (length >= 0)
        snprintf(len, sizeof(len), "%03d", length);
    fprintf(out, "%03zu  %-8s V     %-4s %s %s %s %s %s\n", num, reel, edit, len, a, b, a, b);
}

/* A file name in the title or a comment: an EDL is read line by line, so
 * a newline in the name (Linux allows one) would start a bogus line. */
static void put_on_one_line(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
}

int mt_export_edl(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "edl: one sidecar per edit list");
        return -1;
    }
    const MtShotList *l = &items[0].shots;
    MtTimecodeRate r = mt_timecode_rate(l->rate_num, l->rate_den);
    char reel[REEL_CHARS + 1];

    if (l->n > EDL_MAX_EVENTS) {
        snprintf(err, errlen, "edl: %zu shots, more than the %d events CMX 3600 numbers", l->n,
                 EDL_MAX_EVENTS);
        return -1;
    }
    reel_name(items[0].media_path, reel);
    fputs("TITLE: ", out);
    put_on_one_line(out, mt_export_basename(items[0].media_path));
    fprintf(out, "\nFCM: %s\n\n", r.drop ? "DROP FRAME" : "NON-DROP FRAME");

    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        /* the next shot's dissolve starts before its cut: this event ends there */
        int64_t end = i + 1 < l->n && l->shots[i + 1].in_type == MT_TRANSITION_DISSOLVE
                          ? l->shots[i + 1].in_edit_first
                          : s->edit_out;
        if (s->in_type == MT_TRANSITION_DISSOLVE) {
            int64_t start = s->in_edit_first;
            if (end < start) /* a dissolve longer than its shot: the record stays in order */
                end = start;
            event_line(out, i + 1, reel, "C", -1, start, start, r);
            event_line(out, i + 1, reel, "D", (int)(s->in_edit_end - s->in_edit_first), start, end, r);
        } else {
            event_line(out, i + 1, reel, "C", -1, s->edit_in, end > s->edit_in ? end : s->edit_in, r);
        }
        fputs("* FROM CLIP NAME: ", out);
        put_on_one_line(out, mt_export_basename(items[0].media_path));
        fputc('\n', out);
        if (s->in_type == MT_TRANSITION_FADE || s->in_type == MT_TRANSITION_WIPE)
            fprintf(out, "* MONTAGE: opens with a %s of %lld frames\n",
                    mt_transition_type_name((MtTransitionType)s->in_type),
                    (long long)(s->in_edit_end - s->in_edit_first));
        fputc('\n', out);
    }
    return 0;
}
