/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Progress parsing and the batch bar (driver/progress.c). */
#include <string.h>

#include "driver/progress.h"
#include "unit.h"

static void out_time_last_value_wins(void)
{
    int64_t us = -5;
    CHECK(!mt_progress_parse_out_time("frame=1\nprogress=continue\n", &us));
    CHECK_INT(us, -5);
    CHECK(mt_progress_parse_out_time("out_time_us=100\nout_time_ms=2500000\n"
                                     "out_time=00:00:02.500000\nprogress=continue\n", &us));
    CHECK_INT(us, 2500000);
    CHECK(!mt_progress_parse_out_time("out_time_us=N/A\n", &us));
    CHECK_INT(us, 2500000);
}

static void fraction_and_eta(void)
{
    MtBatchProgress p = { .files_total = 4, .files_done = 1, .media_total_s = 100,
                          .media_done_s = 25, .elapsed_s = 10 };
    CHECK_NEAR(mt_progress_fraction(&p), 0.25, 1e-12);
    CHECK_NEAR(mt_progress_eta(&p), 30, 1e-9);
    p.elapsed_s = 0.5; /* too early to say */
    CHECK_NEAR(mt_progress_eta(&p), -1, 0);
    p.files_done = 4;
    CHECK_NEAR(mt_progress_fraction(&p), 1, 0);
    MtBatchProgress none = { .files_total = 2, .files_done = 1 }; /* no durations */
    CHECK_NEAR(mt_progress_fraction(&none), 0.5, 1e-12);
}

static void render_fits_width(void)
{
    char line[256];
    MtBatchProgress p = { .files_total = 10, .files_done = 3, .media_total_s = 200,
                          .media_done_s = 100, .elapsed_s = 65 };
    int n = mt_progress_render(&p, 60, line, sizeof(line));
    CHECK_INT(strlen(line), n);
    CHECK(n <= 60);
    CHECK(strstr(line, " 3/10 files  50% ETA 1:05"));
    CHECK(line[0] == '[');
    n = mt_progress_render(&p, 20, line, sizeof(line));
    CHECK(n <= 20 && line[0] != '['); /* too narrow for a bar */
}

int main(void)
{
    RUN(out_time_last_value_wins);
    RUN(fraction_and_eta);
    RUN(render_fits_width);
    UNIT_EXIT();
}
