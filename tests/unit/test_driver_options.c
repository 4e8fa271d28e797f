/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Command-line parsing (driver/options.c). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "driver/cpu_budget.h"
#include "driver/options.h"
#include "unit.h"

static FILE *sink;

static MtOptionsResult parse(MtDriverOptions *o, int argc, const char **argv)
{
    optind = 0; /* glibc: full re-initialisation */
    return mt_driver_options_parse(argc, (char **)argv, o, sink, sink);
}

static void full_command_line(void)
{
    MtDriverOptions o;
    const char *argv[] = { "montage-analyze", "-j", "3", "--threads=4", "--timeout=2.5", "--force",
                           "--cache-dir", "/c", "--keyframes", "--shard", "2/5", "-0",
                           "--json", "--no-progress", "--ffmpeg=/f", "--ffprobe", "/p",
                           "-vv", "dir", "--", "-weird" };
    CHECK_INT(parse(&o, 21, argv), MT_OPTIONS_RUN);
    CHECK_INT(o.jobs, 3);
    CHECK_INT(o.threads, 4);
    CHECK_NEAR(o.timeout_s, 2.5, 0);
    CHECK(o.force && o.keyframes && o.null_list && o.json && o.no_progress);
    CHECK(!strcmp(o.cache_dir, "/c") && !strcmp(o.ffmpeg, "/f") && !strcmp(o.ffprobe, "/p"));
    CHECK_INT(o.shard.index, 2);
    CHECK_INT(o.shard.count, 5);
    CHECK_INT(o.verbose, 2);
    CHECK_INT(o.n_paths, 2);
    CHECK(!strcmp(o.paths[0], "dir") && !strcmp(o.paths[1], "-weird"));
}

static void defaults(void)
{
    MtDriverOptions o;
    const char *argv[] = { "montage-analyze" };
    CHECK_INT(parse(&o, 1, argv), MT_OPTIONS_RUN);
    CHECK_INT(o.jobs, 0);
    CHECK_INT(o.threads, 0);
    CHECK_INT(o.n_paths, 0);
    CHECK(!o.force && !o.cache_dir && o.timeout_s == 0 && o.shard.count == 0);
}

static void usage_errors(void)
{
    MtDriverOptions o;
    const char *cases[][3] = {
        { "montage-analyze", "-j", "0" },   { "montage-analyze", "-j", "x" },
        { "montage-analyze", "--timeout", "-1" }, { "montage-analyze", "--threads", "0" },
        { "montage-analyze", "--threads", "257" }, { "montage-analyze", "--timeout", "nan" },
        { "montage-analyze", "--shard", "0/2" }, { "montage-analyze", "--bogus", "x" },
        { "montage-analyze", "-Z", "x" },   { "montage-analyze", "--cache-dir=", "x" },
        { "montage-analyze", "x", "" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (parse(&o, 3, cases[i]) != MT_OPTIONS_USAGE)
            UNIT_FAIL("'%s %s' accepted", cases[i][1], cases[i][2]);
    const char *missing[] = { "montage-analyze", "--timeout" };
    CHECK_INT(parse(&o, 2, missing), MT_OPTIONS_USAGE);
}

/* -j is the CPU budget: one thread per child while files outnumber jobs */
static void decoder_threads(void)
{
    CHECK_INT(mt_decoder_threads(2, 1, 10, 0), 1); /* -j 1: one CPU */
    CHECK_INT(mt_decoder_threads(2, 2, 10, 0), 1);
    CHECK_INT(mt_decoder_threads(2, 2, 1, 0), 2);  /* one file gets both */
    CHECK_INT(mt_decoder_threads(8, 8, 3, 0), 2);  /* 3 files x 2 <= 8 */
    CHECK_INT(mt_decoder_threads(8, 16, 1, 0), 8); /* never above the CPUs */
    CHECK_INT(mt_decoder_threads(2, 4, 100, 0), 1);
    CHECK_INT(mt_decoder_threads(8, 8, 0, 0), 8);  /* empty batch: harmless */
    CHECK_INT(mt_decoder_threads(2, 2, 10, 3), 3); /* --threads wins */
}

static void export_formats(void)
{
    MtDriverOptions o;
    const char *argv[] = { "montage-analyze", "--export=csv,edl", "dir" };
    CHECK_INT(parse(&o, 3, argv), MT_OPTIONS_RUN);
    CHECK(o.export_formats && !strcmp(o.export_formats, "csv,edl"));
    const char *empty[] = { "montage-analyze", "--export=", "dir" };
    CHECK_INT(parse(&o, 3, empty), MT_OPTIONS_USAGE);
    const char *none[] = { "montage-analyze", "dir" };
    CHECK_INT(parse(&o, 2, none), MT_OPTIONS_RUN);
    CHECK(o.export_formats == NULL);
}

static void help_and_version(void)
{
    MtDriverOptions o;
    const char *h[] = { "montage-analyze", "--help" };
    const char *v[] = { "montage-analyze", "-V" };
    CHECK_INT(parse(&o, 2, h), MT_OPTIONS_EXIT_OK);
    CHECK_INT(parse(&o, 2, v), MT_OPTIONS_EXIT_OK);
}

int main(void)
{
    sink = fopen("/dev/null", "w");
    RUN(full_command_line);
    RUN(defaults);
    RUN(usage_errors);
    RUN(decoder_threads);
    RUN(export_formats);
    RUN(help_and_version);
    fclose(sink);
    UNIT_EXIT();
}
