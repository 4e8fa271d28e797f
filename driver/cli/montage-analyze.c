/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montage-analyze: analyse a media library in parallel with the project's
 * ffmpeg (montagescene + montagebeat), skipping files whose sidecars are
 * valid. See doc/montage-analyze.1.
 */
#define _DEFAULT_SOURCE /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/batch.h"
#include "driver/sidecar_cache.h"
#include "driver/cpu_budget.h"
#include "driver/export_job.h"
#include "driver/file_list.h"
#include "driver/options.h"
#include "driver/signals.h"
#include "driver/tool_lookup.h"

#define EXIT_USAGE 2

static int online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static int collect_files(const MtDriverOptions *opts, MtFileList *list)
{
    int read_stdin = opts->n_paths == 0;
    for (int i = 0; i < opts->n_paths; i++) {
        if (!strcmp(opts->paths[i], "-"))
            read_stdin = 1;
        else if (mt_file_list_add_argument(list, opts->paths[i], stderr) < 0)
            return -1;
    }
    if (read_stdin && mt_file_list_read(list, stdin, opts->null_list) < 0)
        return -1;
    mt_file_list_sort_unique(list);
    if (opts->shard.count > 1) {
        size_t kept = 0;
        for (size_t i = 0; i < list->n; i++) {
            if (mt_shard_selects(&opts->shard, list->entries[i].path))
                list->entries[kept++] = list->entries[i];
            else
                free(list->entries[i].path);
        }
        list->n = kept;
    }
    return 0;
}

int main(int argc, char **argv)
{
    MtDriverOptions opts;
    MtFileList list;
    MtBatchResult result;
    char self_dir[PATH_MAX], ffmpeg[PATH_MAX], ffprobe[PATH_MAX], cache_dir_abs[PATH_MAX];

    switch (mt_driver_options_parse(argc, argv, &opts, stdout, stderr)) {
    case MT_OPTIONS_EXIT_OK: return 0;
    case MT_OPTIONS_USAGE:   return EXIT_USAGE;
    case MT_OPTIONS_RUN:     break;
    }
    if (opts.n_paths == 0 && isatty(0)) {
        fprintf(stderr, "montage-analyze: no PATH given and stdin is a terminal\n"
                        "Try 'montage-analyze --help' for more information.\n");
        return EXIT_USAGE;
    }
    if (opts.cache_dir) {
        char err[512];
        if (mt_sidecar_cache_prepare_dir(opts.cache_dir, err, sizeof(err)) < 0) {
            mt_output_message(stderr, "--cache-dir: %s", err);
            return EXIT_USAGE;
        }
        /* absolute: sidecar paths in records and filter options must not
         * depend on the working directory */
        if (!realpath(opts.cache_dir, cache_dir_abs)) {
            mt_output_message(stderr, "--cache-dir %s: %s", opts.cache_dir, strerror(errno));
            return EXIT_USAGE;
        }
        opts.cache_dir = cache_dir_abs;
    }

    MtDriverExports exports = { .n = 0 };
    if (opts.export_formats) {
        char err[512];
        if (mt_driver_exports_parse(opts.export_formats, &exports, err, sizeof(err)) < 0) {
            mt_output_message(stderr, "--export: %s", err);
            return EXIT_USAGE;
        }
        exports.verbose = opts.verbose > 0;
    }

    int have_self = mt_tool_self_dir(argv[0], self_dir, sizeof(self_dir)) == 0;
    /* both looked up, so the message names the one that failed (a
     * directory passes access(X_OK): it cannot tell them apart) */
    int ffmpeg_ok = mt_tool_find("ffmpeg", opts.ffmpeg, "MONTAGE_FFMPEG",
                                 have_self ? self_dir : NULL, ffmpeg, sizeof(ffmpeg)) == 0;
    int ffprobe_ok = mt_tool_find("ffprobe", opts.ffprobe, "MONTAGE_FFPROBE",
                                  have_self ? self_dir : NULL, ffprobe, sizeof(ffprobe)) == 0;
    if (!ffmpeg_ok || !ffprobe_ok) {
        mt_output_message(stderr, "cannot find an executable %s; use --ffmpeg/--ffprobe "
                          "or MONTAGE_FFMPEG/MONTAGE_FFPROBE", ffmpeg_ok ? ffprobe : ffmpeg);
        return EXIT_USAGE;
    }

    char fast_scene[PATH_MAX];
    if (opts.fast && mt_tool_find("montage-fast-scene", NULL, "MONTAGE_FAST_SCENE",
                                  have_self ? self_dir : NULL, fast_scene, sizeof(fast_scene)) < 0) {
        fprintf(stderr, "montage-analyze: --fast: cannot find an executable montage-fast-scene "
                        "(installed next to montage-analyze, or MONTAGE_FAST_SCENE)\n");
        return EXIT_USAGE;
    }

    int signal_fd = mt_signals_install();
    if (signal_fd < 0) {
        perror("montage-analyze: signal pipe");
        return 1;
    }

    mt_file_list_init(&list);
    if (collect_files(&opts, &list) < 0) {
        fprintf(stderr, "montage-analyze: out of memory reading the file list\n");
        mt_file_list_free(&list);
        return 1;
    }

    int cpus = online_cpus();
    int jobs = opts.jobs > 0 ? opts.jobs : cpus;
    MtJobContext ctx = {
        .ffmpeg          = ffmpeg,
        .ffprobe         = ffprobe,
        .cache_dir       = opts.cache_dir,
        .force           = opts.force,
        .keyframes       = opts.keyframes,
        .fast            = opts.fast,
        .fast_scene      = fast_scene,
        .decoder_threads = mt_decoder_threads(cpus, jobs, list.n, opts.threads),
        .timeout_s       = opts.timeout_s,
        .on_done         = exports.n ? mt_driver_export_job : NULL,
        .on_done_opaque  = &exports,
    };
    int interactive = isatty(1) && isatty(2);
    MtOutput out = {
        .json    = opts.json || !interactive,
        .bar     = isatty(2) && !opts.json && !opts.no_progress && !opts.quiet,
        .verbose = opts.verbose,
        .quiet   = opts.quiet,
    };
    mt_output_log(&out, 2, "%zu file(s), %d job(s), %d decoder thread(s) each, ffmpeg %s",
                  list.n, jobs, ctx.decoder_threads, ffmpeg);

    mt_batch_run(&list, &ctx, jobs, signal_fd, &out, &result);
    if (!result.stop_signal && !result.ffmpeg_unusable && (list.n > 1 || !out.json))
        mt_output_log(&out, 1, "%zu analysed, %zu cached, %zu failed",
                      result.ok, result.cached, result.failed);
    int status = mt_batch_exit_status(&result);
    /* files under an unreadable directory were never analysed */
    if (status == 0 && list.unreadable_dirs)
        status = 1;
    /* records were lost (logged once): not a clean run */
    if (status == 0 && out.stdout_broken)
        status = 1;
    mt_file_list_free(&list);
    return status;
}
