/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A one-line cause for a record from what ffmpeg or ffprobe printed on
 * stderr (with -loglevel error): the first line (FFmpeg prints the root
 * cause first: "moov atom not found", "No such filter: ...") and the last
 * (the consequence: "Invalid data found when processing input"), without
 * "[context @ 0x...] " prefixes and without "file:PATH: " (the record
 * names the file already).
 */
#ifndef MONTAGE_DRIVER_FFMPEG_ERRORS_H
#define MONTAGE_DRIVER_FFMPEG_ERRORS_H

#include <stddef.h>

/* Writes the summary of stderr_text into out ("no error message" when it
 * is blank). path may be NULL. */
void mt_ffmpeg_error_summary(const char *stderr_text, const char *path,
                             char *out, size_t out_size);

#endif /* MONTAGE_DRIVER_FFMPEG_ERRORS_H */
