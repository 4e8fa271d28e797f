// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Asking an ffmpeg whether it has a filter, to confirm what its stderr
 * suggested (export/ffmpeg_errors.h) before a whole batch is stopped for
 * it: a stderr line can come from a wrapper or name a file.
 */
#ifndef MONTAGE_DRIVER_FILTER_CHECK_H
#define MONTAGE_DRIVER_FILTER_CHECK_H

/* Runs `ffmpeg -hide_banner -h filter=NAME` once. Returns 0 when its
 * output has no "Filter NAME" line (the ffmpeg lacks the filter), 1 when
 * it has one, -1 when the question could not be asked or answered (the
 * ffmpeg cannot be run, is killed, or says nothing within 10 s). */
int mt_ffmpeg_has_filter(const char *ffmpeg, const char *name);

/* The answer in out: 1 when a line of out is exactly "Filter NAME". */
int mt_filter_help_names(const char *out, const char *name);

#endif /* MONTAGE_DRIVER_FILTER_CHECK_H */
