/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Decoder threads per child; see cpu_budget.h. */
#include "driver/cpu_budget.h"

int mt_decoder_threads(int cpus, int jobs, size_t n_files, int threads_option)
{
    if (threads_option > 0)
        return threads_option;
    if (cpus < 1)
        cpus = 1;
    if (jobs < 1)
        jobs = 1;
    /* never more threads in total than the budget, nor than the CPUs */
    int budget = jobs < cpus ? jobs : cpus;
    int children = n_files < (size_t)jobs ? (int)n_files : jobs;
    if (children < 1)
        children = 1;
    int threads = budget / children;
    return threads > 1 ? threads : 1;
}
