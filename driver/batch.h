/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The batch: a pool of at most `jobs` running children over the file
 * list, driven by one poll(2) loop (children's pipes, the signal pipe,
 * deadlines). Cached files are settled in the loop itself without any
 * process. Records are printed as files finish.
 */
#ifndef MONTAGE_DRIVER_BATCH_H
#define MONTAGE_DRIVER_BATCH_H

#include <stddef.h>

#include "driver/file_list.h"
#include "driver/job.h"
#include "driver/output.h"

typedef struct MtBatchResult {
    size_t ok, cached, failed;
    int    stop_signal; /* SIGINT/SIGTERM that ended the batch, or 0 */
    int    ffmpeg_unusable; /* stopped: the ffmpeg lacks a Montage filter
                               (logged once; no record for any file it ran) */
} MtBatchResult;

/* Runs every file of list. signal_fd is from mt_signals_install(). */
void mt_batch_run(const MtFileList *list, const MtJobContext *ctx, int jobs,
                  int signal_fd, MtOutput *out, MtBatchResult *result);

/* Exit status for a result: 0, 1, 2 (the ffmpeg lacks the filters, as
 * when no ffmpeg is found), or 128 + signal. */
int mt_batch_exit_status(const MtBatchResult *result);

#endif /* MONTAGE_DRIVER_BATCH_H */
