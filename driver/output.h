/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Where the batch's output goes: JSON records on stdout (one write(2)
 * each), log lines and the progress bar on stderr. A log line clears the
 * bar first and redraws it after, so they never mix on a terminal.
 */
#ifndef MONTAGE_DRIVER_OUTPUT_H
#define MONTAGE_DRIVER_OUTPUT_H

#include <stdio.h>

#include "driver/json_record.h"
#include "driver/progress.h"

typedef struct MtOutput {
    int  json;     /* write records to stdout */
    int  bar;      /* draw the progress bar on stderr */
    int  verbose;
    int  quiet;
    int  bar_shown;
    int  stdout_broken; /* a record could not be written: no more, exit 1 */
    char bar_line[256];
    double last_draw;
} MtOutput;

void mt_output_record(MtOutput *out, const MtJsonRecord *rec);

/* One line "montage-analyze: MESSAGE" on f, the message escaped as
 * mt_output_log's (for the lines written before a batch has its output). */
void mt_output_message(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "montage-analyze: " + message + "\n" on stderr. level 0 = error (always
 * shown), 1 = info (hidden by -q), 2 = verbose (needs -v). */
void mt_output_log(MtOutput *out, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Redraws the bar (at most every 0.2 s unless force). */
void mt_output_progress(MtOutput *out, const MtBatchProgress *p, double now, int force);

/* Removes the bar from the terminal (end of batch). */
void mt_output_clear_bar(MtOutput *out);

#endif /* MONTAGE_DRIVER_OUTPUT_H */
