/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Command-line parsing of montage-analyze; see options.h. */
#define _GNU_SOURCE /* getopt_long */
#include "driver/options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cache/sidecar_model.h"

void mt_driver_print_help(FILE *out)
{
    fputs(
"Usage: montage-analyze [OPTION]... [PATH]...\n"
"Analyse media files with the Montage filters (shots with montagescene,\n"
"beats with montagebeat) and write one sidecar per stream kind.\n"
"\n"
"PATH is a file or a directory (walked recursively); '-' or no PATH reads\n"
"a list of files from stdin, one per line (NUL-separated with -0).\n"
"Files whose sidecars are up to date are skipped.\n"
"\n"
"  -j, --jobs=N          use N CPUs: N files at once, one decoder thread\n"
"                        each (default: online CPUs); with fewer files than\n"
"                        N the spare CPUs become decoder threads\n"
"      --threads=T       T decoder threads per file instead\n"
"      --timeout=SECONDS give up on a file after SECONDS (default: none)\n"
"  -f, --force           analyse again even when the sidecars are valid\n"
"      --cache-dir=DIR   keep sidecars in DIR instead of next to the media\n"
"                        (for read-only media; can be shared by hosts)\n"
"      --fast            decode key frames, then only the GOPs whose key\n"
"                        frames differ: the full analysis's transitions at a\n"
"                        fraction of the decode (see montage-analyze(1))\n"
"      --keyframes       decode video key frames only (cuts are only found\n"
"                        to the nearest key frame; fastest, least accurate)\n"
"      --shard=K/N       analyse only the K-th of N parts of the file list\n"
"                        (the same split on every host)\n"
"      --export=F[,F...] also export each ok or cached sidecar next to it\n"
"                        (csv, edl, otio, xmeml, fcpxml, mlt, ffmetadata,\n"
"                        webvtt, audacity, beats; see montage-sidecar(1))\n"
"  -0, --null            the stdin list is separated by NUL bytes\n"
"      --json            print JSON records even when on a terminal\n"
"      --no-progress     no progress bar\n"
"      --ffmpeg=PATH     ffmpeg with the Montage filters\n"
"      --ffprobe=PATH    matching ffprobe\n"
"  -v, --verbose         log each file and the commands run\n"
"  -q, --quiet           log errors only\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"Output: on stdout one JSON record per file (when stdout or stderr is not a\n"
"terminal, or with --json):\n"
"  {\"path\":...,\"status\":\"ok|cached|failed\",\"sidecars\":[...],\n"
"   \"seconds\":...,\"error\":null|\"...\"}\n"
"A progress bar on stderr when it is a terminal. ffmpeg and ffprobe are\n"
"taken from --ffmpeg/--ffprobe, $MONTAGE_FFMPEG/$MONTAGE_FFPROBE, the\n"
"directory of montage-analyze, then $PATH.\n"
"\n"
"Exit status: 0 all files ok or cached, 1 some file failed, a directory\n"
"could not be read or records could not be written, 2 usage error,\n"
"130 interrupted (SIGINT), 143 terminated (SIGTERM), 129 hung up (SIGHUP).\n"
"See montage-analyze(1) for examples, sharding across hosts and caching.\n",
        out);
}

static int parse_positive_int(const char *s, int max, int *value)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > max)
        return -1;
    *value = (int)v;
    return 0;
}

static int parse_seconds(const char *s, double *value)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v <= 0 || v > 1e7)
        return -1;
    *value = v;
    return 0;
}

enum {
    OPT_TIMEOUT = 256, OPT_THREADS, OPT_CACHE_DIR, OPT_KEYFRAMES, OPT_SHARD, OPT_JSON,
    OPT_NO_PROGRESS, OPT_FFMPEG, OPT_FFPROBE, OPT_EXPORT, OPT_FAST,
};

MtOptionsResult mt_driver_options_parse(int argc, char **argv,
                                        MtDriverOptions *opts,
                                        FILE *out, FILE *err)
{
    static const struct option long_options[] = {
        { "jobs",        required_argument, NULL, 'j' },
        { "threads",     required_argument, NULL, OPT_THREADS },
        { "timeout",     required_argument, NULL, OPT_TIMEOUT },
        { "force",       no_argument,       NULL, 'f' },
        { "cache-dir",   required_argument, NULL, OPT_CACHE_DIR },
        { "keyframes",   no_argument,       NULL, OPT_KEYFRAMES },
        { "fast",        no_argument,       NULL, OPT_FAST },
        { "shard",       required_argument, NULL, OPT_SHARD },
        { "null",        no_argument,       NULL, '0' },
        { "json",        no_argument,       NULL, OPT_JSON },
        { "no-progress", no_argument,       NULL, OPT_NO_PROGRESS },
        { "ffmpeg",      required_argument, NULL, OPT_FFMPEG },
        { "ffprobe",     required_argument, NULL, OPT_FFPROBE },
        { "export",      required_argument, NULL, OPT_EXPORT },
        { "verbose",     no_argument,       NULL, 'v' },
        { "quiet",       no_argument,       NULL, 'q' },
        { "help",        no_argument,       NULL, 'h' },
        { "version",     no_argument,       NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *prog = "montage-analyze";
    int c;

    memset(opts, 0, sizeof(*opts));
    opterr = 0; /* our own messages, to err */
    /* '+': stop at the first PATH only after "--"; GNU permutation is fine */
    while ((c = getopt_long(argc, argv, ":j:f0vqhV", long_options, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (parse_positive_int(optarg, 1024, &opts->jobs) < 0) {
                fprintf(err, "%s: invalid --jobs '%s': expected 1..1024\n", prog, optarg);
                goto usage;
            }
            break;
        case OPT_THREADS:
            if (parse_positive_int(optarg, 256, &opts->threads) < 0) {
                fprintf(err, "%s: invalid --threads '%s': expected 1..256\n", prog, optarg);
                goto usage;
            }
            break;
        case OPT_TIMEOUT:
            if (parse_seconds(optarg, &opts->timeout_s) < 0) {
                fprintf(err, "%s: invalid --timeout '%s': expected seconds > 0\n", prog, optarg);
                goto usage;
            }
            break;
        case 'f': opts->force = 1; break;
        case OPT_CACHE_DIR:
            if (!*optarg) {
                fprintf(err, "%s: --cache-dir is empty\n", prog);
                goto usage;
            }
            opts->cache_dir = optarg;
            break;
        case OPT_KEYFRAMES: opts->keyframes = 1; break;
        case OPT_FAST: opts->fast = 1; break;
        case OPT_SHARD:
            if (mt_shard_parse(optarg, &opts->shard) < 0) {
                fprintf(err, "%s: invalid --shard '%s': expected K/N with 1 <= K <= N\n", prog, optarg);
                goto usage;
            }
            break;
        case '0': opts->null_list = 1; break;
        case OPT_JSON: opts->json = 1; break;
        case OPT_NO_PROGRESS: opts->no_progress = 1; break;
        case OPT_FFMPEG: opts->ffmpeg = optarg; break;
        case OPT_FFPROBE: opts->ffprobe = optarg; break;
        case OPT_EXPORT:
            if (!*optarg) {
                fprintf(err, "%s: --export is empty\n", prog);
                goto usage;
            }
            opts->export_formats = optarg; /* names checked by the caller */
            break;
        case 'v': opts->verbose++; break;
        case 'q': opts->quiet = 1; break;
        case 'h':
            mt_driver_print_help(out);
            return MT_OPTIONS_EXIT_OK;
        case 'V':
            fprintf(out, "montage-analyze %s\n", MONTAGE_VERSION);
            return MT_OPTIONS_EXIT_OK;
        case ':':
            fprintf(err, "%s: option '%s' needs a value\n", prog, argv[optind - 1]);
            goto usage;
        default:
            if (optopt)
                fprintf(err, "%s: unknown option '-%c'\n", prog, optopt);
            else
                fprintf(err, "%s: unknown option '%s'\n", prog, argv[optind - 1]);
            goto usage;
        }
    }
    if (opts->fast && opts->keyframes) {
        fprintf(err, "%s: --fast and --keyframes exclude each other\n", prog);
        goto usage;
    }
    opts->paths = argv + optind;
    opts->n_paths = argc - optind;
    for (int i = 0; i < opts->n_paths; i++) {
        if (!opts->paths[i][0]) {
            fprintf(err, "%s: empty PATH argument\n", prog);
            goto usage;
        }
    }
    return MT_OPTIONS_RUN;
usage:
    fprintf(err, "Try '%s --help' for more information.\n", prog);
    return MT_OPTIONS_USAGE;
}
