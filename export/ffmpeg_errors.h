/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Reading what ffmpeg or ffprobe printed on stderr (with -loglevel error),
 * for montage-analyze's records and montage-sidecar split's errors (here,
 * below both, so that both may use it). A one-line cause: the first line (FFmpeg prints the root
 * cause first: "moov atom not found", "No such filter: ...") and the last
 * (the consequence: "Invalid data found when processing input"), without
 * "[context @ 0x...] " prefixes and without "file:PATH: " (the record
 * names the file already).
 */
#ifndef MONTAGE_EXPORT_FFMPEG_ERRORS_H
#define MONTAGE_EXPORT_FFMPEG_ERRORS_H

#include <stddef.h>

/* Writes the summary of stderr_text into out ("no error message" when it
 * is blank). path may be NULL. */
void mt_ffmpeg_error_summary(const char *stderr_text, const char *path,
                             char *out, size_t out_size);

/* 1 when a whole line of stderr_text (after an optional "[ctx @ 0x...] "
 * prefix) is "No such filter: 'montagescene'" or "...'montagebeat'": this
 * ffmpeg may have no filter of the Montage project, a failure of the
 * ffmpeg, not of the file, which every later run would repeat. The
 * filter's name goes into name. 0 otherwise (a path that contains those
 * words is not such a line). A hint only: the caller confirms it by
 * asking that ffmpeg (driver/filter_check.h). */
int mt_ffmpeg_lacks_montage_filter(const char *stderr_text, char *name, size_t name_size);

#endif /* MONTAGE_EXPORT_FFMPEG_ERRORS_H */
