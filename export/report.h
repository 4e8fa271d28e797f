/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar report --html`: one self-contained HTML page (no
 * network: thumbnails are data: URIs, plots inline SVG) with a section per
 * sidecar: for a clip, a strip of its shots and transitions over time and a
 * thumbnail of every shot at its representative frame with its times and
 * the transition that opens it; for a song, the
 * tempo and an SVG plot of the onset and energy curves with the beats and
 * downbeats marked.
 */
#ifndef MONTAGE_EXPORT_REPORT_H
#define MONTAGE_EXPORT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "export/export.h"

#define MT_THUMB_WIDTH 192 /* pixels; the height follows the clip's aspect */

/* A PNG thumbnail as base64 text, or NULL where none could be taken. */
typedef struct MtThumbnails {
    char  **base64; /* one per shot */
    size_t  n;
    int     width, height;
} MtThumbnails;

/* Decodes the shots' representative frames of it->media_path with ffmpeg
 * (one run, select by frame index, so they are the frames the filter
 * counted). 0, or -1 with the cause in err (then no thumbnails at all). */
int  mt_report_thumbnails(const char *ffmpeg, const MtExportItem *it, MtThumbnails *out,
                          char *err, size_t errlen);
void mt_report_thumbnails_free(MtThumbnails *t);

/* Encodes rgb24 rows as a PNG (zlib); malloc'ed bytes in *png. 0 or -1. */
int mt_png_encode(const unsigned char *rgb, int width, int height, unsigned char **png,
                  size_t *len);

/* The onset and energy curves with the beats as an inline <svg>. */
void mt_report_beat_plot(FILE *out, const MtBeatResult *b);

/* The whole page. thumbs[i] belongs to items[i] (ignored for songs);
 * entries may have n == 0 (then the shots are listed without pictures). */
void mt_report_html(FILE *out, const MtExportItem *items, const MtThumbnails *thumbs, size_t n);

#endif /* MONTAGE_EXPORT_REPORT_H */
