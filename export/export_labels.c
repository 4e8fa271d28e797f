/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Plain label files for audio editors: an Audacity label track (TAB
 * separated "start end label", seconds; a region per shot, a point per
 * beat) and a .beats text, one "TIME POSITION" line per beat, POSITION the
 * beat's place in its bar (1 = downbeat), as beat-tracking evaluation
 * tools read it; without downbeats the line is the time alone.
 */
#include <stdio.h>

#include "export/export.h"

int mt_export_audacity(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "audacity: one sidecar per label track");
        return -1;
    }
    const MtExportItem *it = &items[0];
    if (it->sc->kind == MT_KIND_SCENE) {
        for (size_t i = 0; i < it->shots.n; i++)
            fprintf(out, "%.6f\t%.6f\tShot %zu\n", it->shots.shots[i].t_start,
                    it->shots.shots[i].t_end, i + 1);
        return 0;
    }
    const MtBeatResult *b = &it->sc->beat;
    int bar = 0;
    for (size_t i = 0; i < b->n_beats; i++) {
        int pos = mt_export_beat_in_bar(b, i);
        if (pos == 1)
            bar++;
        if (pos)
            fprintf(out, "%.6f\t%.6f\t%d.%d\n", b->beat_t[i], b->beat_t[i], bar, pos);
        else
            fprintf(out, "%.6f\t%.6f\t%zu\n", b->beat_t[i], b->beat_t[i], i + 1);
    }
    return 0;
}

int mt_export_beats(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    if (n != 1) {
        snprintf(err, errlen, "beats: one sidecar per file");
        return -1;
    }
    const MtBeatResult *b = &items[0].sc->beat;
    for (size_t i = 0; i < b->n_beats; i++) {
        int pos = mt_export_beat_in_bar(b, i);
        if (pos)
            fprintf(out, "%.6f %d\n", b->beat_t[i], pos);
        else
            fprintf(out, "%.6f\n", b->beat_t[i]);
    }
    return 0;
}
