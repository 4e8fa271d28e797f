/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Batch progress: the children's "-progress" key=value lines give each
 * running job's out_time_us; against the probed durations this gives the
 * fraction of media time done, the ETA and a one-line bar for a terminal.
 */
#ifndef MONTAGE_DRIVER_PROGRESS_H
#define MONTAGE_DRIVER_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

/* Scans a chunk of -progress output for the last "out_time_us=N" (or
 * "out_time_ms=N", which ffmpeg also gives in microseconds). Returns 1 and
 * sets *us when found. Partial lines are the caller's business: pass
 * whole lines. */
int mt_progress_parse_out_time(const char *text, int64_t *us);

typedef struct MtBatchProgress {
    size_t files_total;
    size_t files_done;
    double media_total_s; /* known durations; unknown ones estimated */
    double media_done_s;
    double elapsed_s;
} MtBatchProgress;

/* Fraction 0..1 of the media time done. */
double mt_progress_fraction(const MtBatchProgress *p);

/* Seconds left, or -1 when it cannot be estimated yet. */
double mt_progress_eta(const MtBatchProgress *p);

/* "[#####-----]  3/10 files  42%  ETA 1:05" fitted in width columns.
 * Returns the length. */
int mt_progress_render(const MtBatchProgress *p, int width, char *out, size_t out_size);

#endif /* MONTAGE_DRIVER_PROGRESS_H */
