/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar gc [--dry-run] [--tmp-age S] [--cache-dir DIR | PATH...]`:
 * removes sidecars whose source is gone or changed, corrupt ones named as
 * sidecars, and temporary files older than S seconds (default 3600). A
 * file named otherwise is taken only when it reads as a sidecar. The
 * exports montage-analyze --export wrote beside a removed sidecar go with
 * it when its source is gone (missing), never when the source changed or
 * the sidecar is of another version. Prints "removed<TAB>FILE<TAB>REASON"
 * (or "would-remove" with --dry-run), fields escaped by
 * mt_export_line_field.
 */
#define _GNU_SOURCE /* fstatat() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/cache_gc.h"
#include "cache/gc_names.h"
#include "cache/gc_unlink.h"
#include "cache/cli/cli.h"
#include "cache/source_identity.h"
#include "export/export.h"

typedef struct GcRun {
    const MtGcOptions *opt;
    int failed; /* an export could not be removed */
} GcRun;

static void print_record(const GcRun *run, const char *path, const char *why)
{
    printf("%s\t", run->opt->dry_run ? "would-remove" : "removed");
    mt_export_line_field(stdout, path);
    putchar('\t');
    mt_export_line_field(stdout, why);
    putchar('\n');
}

/* The exports montage-analyze --export wrote beside a sidecar gc removed
 * (mt_export_next_to: the sidecar's name with the extension of a format
 * that takes its kind), when they are regular files (the export writer
 * replaces links, so a link so named is not one), looked at and removed
 * in the folder the sidecar was removed from (dirfd), never by the path
 * again. 0, or -1 when one could not be removed. */
static int remove_exports(GcRun *run, const char *sidecar, int dirfd)
{
    const char *base = strrchr(sidecar, '/');
    /* montage-analyze --export writes beside the sidecars it names only
     * (files beside a sidecar named by the user are not ours) */
    int kind = mt_gc_montage_kind(dirfd, base ? base + 1 : sidecar), ret = 0;
    size_t n;
    const MtExportFormat *formats = mt_export_formats(&n);
    for (size_t i = 0; kind >= 0 && i < n; i++) {
        if (!(formats[i].kinds & (1u << kind)))
            continue;
        char *path = mt_export_next_to(sidecar, &formats[i]);
        const char *slash, *name;
        struct stat sb;
        if (!path) {
            cli_error(sidecar, "gc: out of memory");
            return -1;
        }
        slash = strrchr(path, '/');
        name = slash ? slash + 1 : path;
        if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode)) {
            int r = run->opt->dry_run ? 0 : mt_gc_unlink_judged(dirfd, name, &sb);
            if (r == MT_GC_UNLINK_OTHER_FILE) {
                cli_error(path, "kept: replaced since gc judged it");
            } else if (r < 0 && r != -ENOENT) {
                cli_error(path, "%s", strerror(-r));
                ret = -1;
            } else {
                print_record(run, path, "export of a removed sidecar");
            }
        }
        free(path);
    }
    return ret;
}

static void report(const char *path, int dirfd, MtCacheState state, const char *why,
                   int source_gone, void *opaque)
{
    GcRun *run = opaque;
    (void)state;
    print_record(run, path, why);
    /* a changed source is analysed again and its exports rewritten; they
     * are garbage only when the media itself is gone */
    if (source_gone && remove_exports(run, path, dirfd) < 0)
        run->failed = 1;
}

static void skipped(const char *path, const char *why, void *opaque)
{
    (void)opaque;
    cli_error(path, "%s named like a sidecar: skipped", why);
}

/* one line on standard error; cli_error escapes why too (a reader's
 * message may quote the file's bytes) */
static void kept(const char *path, const char *why, void *opaque)
{
    (void)opaque;
    cli_error(path, "kept: %s", why);
}

static int gc_path(const char *path, const MtGcOptions *opt, MtGcStats *st)
{
    struct stat sb;
    int ret;
    if (stat(path, &sb) < 0) {
        cli_error(path, "%s", strerror(errno));
        return -errno;
    }
    /* a PATH named like a sidecar is one file (a directory or a link to
     * one so named is skipped there), any other directory is scanned */
    ret = S_ISDIR(sb.st_mode) && !mt_cache_gc_named(path) ? mt_cache_gc_dir(path, opt, st)
                                                          : mt_cache_gc_file(path, opt, st);
    if (ret < 0)
        cli_error(path, "%s", strerror(-ret));
    return ret;
}

int cli_gc(int argc, char **argv)
{
    MtGcOptions opt = { .tmp_min_age_s = 3600, .report = report, .skipped = skipped,
                        .kept = kept };
    GcRun run = { .opt = &opt };
    MtGcStats st = { 0 };
    const char *cache_dir = NULL;
    int first = argc, failed = 0;

    opt.opaque = &run;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--")) { /* the PATHs follow, any name */
            first = i + 1;
            break;
        } else if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n")) {
            opt.dry_run = 1;
        } else if (!strcmp(argv[i], "--cache-dir") && i + 1 < argc) {
            cache_dir = argv[++i];
        } else if (!strcmp(argv[i], "--tmp-age") && i + 1 < argc) {
            char *end;
            opt.tmp_min_age_s = strtol(argv[++i], &end, 10);
            if (*end || opt.tmp_min_age_s < 0) {
                cli_error(NULL, "gc: --tmp-age needs a number of seconds");
                return CLI_EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--cache-dir") || !strcmp(argv[i], "--tmp-age")) {
            cli_error(NULL, "gc: %s needs a value", argv[i]); /* it was the last argument */
            return CLI_EXIT_USAGE;
        } else if (argv[i][0] == '-') {
            cli_error(NULL, "gc: unknown option '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        } else {
            first = i;
            break;
        }
    }
    if (cache_dir && first < argc) {
        cli_error(NULL, "usage: montage-sidecar gc [--dry-run] [--tmp-age S] [--cache-dir DIR | PATH...]");
        return CLI_EXIT_USAGE;
    }
    /* every PATH is checked before anything is removed: a file neither
     * named like a sidecar nor readable as one (a media file among
     * sidecars in a glob) would read as a corrupt sidecar and be deleted */
    for (int i = first; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) < 0) {
            int e = errno;
            cli_error(argv[i], "%s (nothing removed)", strerror(e));
            return e == ENOENT ? CLI_EXIT_MISSING : CLI_EXIT_ERROR;
        }
        if (!S_ISDIR(sb.st_mode) && !mt_cache_gc_accepts(argv[i])) {
            cli_error(argv[i], "gc takes sidecars (MEDIA.KIND.montage.msgpack, or any name when "
                               "the file reads as one), their temporary files and directories; "
                               "this file is none (nothing removed)");
            return CLI_EXIT_USAGE;
        }
    }
    if (first < argc) {
        for (int i = first; i < argc; i++)
            failed |= gc_path(argv[i], &opt, &st) < 0;
    } else {
        char dir[MT_PATH_MAX], by_path[MT_PATH_MAX + 16];
        if (!cache_dir) {
            if (mt_cache_default_dir(dir, sizeof(dir)) < 0) {
                cli_error(NULL, "gc: no cache directory (set XDG_CACHE_HOME or HOME)");
                return CLI_EXIT_ERROR;
            }
            cache_dir = dir;
        }
        struct stat sb;
        if (stat(cache_dir, &sb) < 0 && errno == ENOENT)
            return cli_finish_stdout(CLI_EXIT_OK); /* no cache yet: nothing to collect */
        failed |= gc_path(cache_dir, &opt, &st) < 0; /* its temporary files */
        snprintf(by_path, sizeof(by_path), "%s/" MT_CACHE_BY_PATH_DIR, cache_dir);
        if (stat(by_path, &sb) == 0)
            failed |= gc_path(by_path, &opt, &st) < 0;
    }
    return cli_finish_stdout(failed || run.failed ? CLI_EXIT_ERROR : CLI_EXIT_OK);
}
