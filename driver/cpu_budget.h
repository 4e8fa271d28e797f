/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * How many decoder threads each ffmpeg child gets.
 *
 * -j N is the batch's CPU budget (like make -j): N children, each decoding
 * with one thread. Whole files in parallel scale almost linearly, while
 * FFmpeg's frame threading inside one file does not (measured on 2 CPUs,
 * 10 720p H.264 clips: 2 children x 1 thread finish 1.35x sooner than
 * 1 child x 2 threads, with 12% less CPU time), so
 * threads only go to children when there are fewer files than job slots,
 * e.g. one file on an 8-CPU machine decodes with 8 threads.
 */
#ifndef MONTAGE_DRIVER_CPU_BUDGET_H
#define MONTAGE_DRIVER_CPU_BUDGET_H

#include <stddef.h>

/* cpus: online CPUs (>= 1); jobs: -j (>= 1); n_files: files in the batch;
 * threads_option: --threads (0 = automatic). Returns >= 1. */
int mt_decoder_threads(int cpus, int jobs, size_t n_files, int threads_option);

#endif /* MONTAGE_DRIVER_CPU_BUDGET_H */
