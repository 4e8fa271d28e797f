/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Command line of montage-analyze: parsed into MtDriverOptions, nothing
 * else happens here (no file access), so it is unit-testable.
 */
#ifndef MONTAGE_DRIVER_OPTIONS_H
#define MONTAGE_DRIVER_OPTIONS_H

#include <stdio.h>

#include "driver/shard.h"

typedef struct MtDriverOptions {
    int         jobs;          /* -j; 0 = number of online CPUs */
    int         threads;       /* --threads per child; 0 = automatic */
    double      timeout_s;     /* --timeout; 0 = none */
    int         force;         /* --force: analyse even when cached */
    const char *cache_dir;     /* --cache-dir; NULL = next to the media */
    const char *ffmpeg;        /* --ffmpeg; NULL = look it up */
    const char *ffprobe;       /* --ffprobe */
    int         null_list;     /* -0: the stdin list is NUL-separated */
    int         json;          /* --json: JSON records even on a terminal */
    int         no_progress;   /* --no-progress */
    int         keyframes;     /* --keyframes: video key frames only */
    int         fast;          /* --fast: key frames, then only the GOPs that change */
    int         verbose;       /* -v (repeatable) */
    int         quiet;         /* -q: only errors on stderr */
    MtShard     shard;         /* --shard K/N */
    const char *export_formats; /* --export F[,F...]; NULL = none */
    char      **paths;         /* PATH... ("-" = read a list from stdin) */
    int         n_paths;
} MtDriverOptions;

typedef enum MtOptionsResult {
    MT_OPTIONS_RUN = 0,   /* go on */
    MT_OPTIONS_EXIT_OK,   /* --help or --version printed */
    MT_OPTIONS_USAGE,     /* error printed to err; exit 2 */
} MtOptionsResult;

/* Parses argv (argv[0] is the program name). Help and version go to out,
 * errors to err. Uses getopt_long, so it can be called once per process
 * (or after resetting optind = 0 in tests). */
MtOptionsResult mt_driver_options_parse(int argc, char **argv,
                                        MtDriverOptions *opts,
                                        FILE *out, FILE *err);

void mt_driver_print_help(FILE *out);

#endif /* MONTAGE_DRIVER_OPTIONS_H */
