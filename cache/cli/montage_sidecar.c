/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montage-sidecar: inspect, dump, check and garbage-collect Montage
 * sidecar files. Data goes to stdout, one-line errors to stderr.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cli/cli.h"
#include "cache/sidecar_model.h"
#include "export/export.h"

static const char usage[] =
    "usage: montage-sidecar COMMAND [OPTIONS] FILE...\n"
    "\n"
    "commands:\n"
    "  show FILE                 human summary of a sidecar\n"
    "  dump --json [--pretty] FILE\n"
    "                            the whole sidecar as JSON (packed arrays as numbers,\n"
    "                            NaN/Inf as null)\n"
    "  check [-q] [--media PATH] FILE...\n"
    "                            is each sidecar valid for its media? prints\n"
    "                            \"STATE<TAB>FILE<TAB>REASON\" per file\n"
    "  gc [--dry-run] [--tmp-age SECONDS] [--cache-dir DIR | PATH...]\n"
    "                            remove sidecars whose source is gone or changed,\n"
    "                            and old temporary files; PATH is a sidecar or a\n"
    "                            directory; default: the user cache directory\n"
    "  export --format F [-o FILE] SIDECAR...\n"
    "                            shots/beats for editors and players; F: csv, edl,\n"
    "                            otio, xmeml, fcpxml, mlt, ffmetadata, webvtt,\n"
    "                            audacity, beats\n"
    "  report --html OUT.html [--ffmpeg PATH] [--no-thumbnails] SIDECAR...\n"
    "                            a self-contained page: shot thumbnails, beat plots\n"
    "  split [--copy | --exact] [-d DIR] [--ffmpeg PATH] SIDECAR\n"
    "                            one file per shot: stream copy from key frames, or\n"
    "                            re-encoded with exactly the shot's frames\n"
    "\n"
    "exit status: 0 ok/valid, 1 stale, 2 missing, 3 corrupt, 4 usage error,\n"
    "5 other error; check returns the worst state of all files.\n";

void cli_error(const char *file, const char *fmt, ...)
{
    va_list ap;
    fputs("montage-sidecar: ", stderr);
    if (file) {
        mt_export_line_field(stderr, file);
        fputs(": ", stderr);
    }
    /* the cause is escaped too, as check and gc print names: it may quote
     * one (-o FILE, an argument, a sidecar of another kind) and every
     * error must stay one line; whole, however long the names in it */
    va_start(ap, fmt);
    mt_export_line_vprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_read_status(const MtSidecarError *err)
{
    /* an I/O error without errno is a file that is there but no regular
     * file (a directory): not a sidecar, as cli_load_status and check say */
    return cli_load_status(err->code == MT_SIDECAR_ERR_IO ? err->sys_errno : 0);
}

int cli_load_status(int read_errno)
{
    return read_errno == ENOENT ? CLI_EXIT_MISSING : read_errno ? CLI_EXIT_ERROR : CLI_EXIT_CORRUPT;
}

int cli_finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(NULL, "writing standard output: %s", strerror(errno));
        return CLI_EXIT_ERROR;
    }
    return status;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        { "show", cli_show }, { "dump", cli_dump }, { "check", cli_check }, { "gc", cli_gc },
        { "export", cli_export },
        { "report", cli_report },
        { "split", cli_split },
    };

    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        return cli_finish_stdout(CLI_EXIT_OK);
    }
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        puts("montage-sidecar " MONTAGE_VERSION);
        return cli_finish_stdout(CLI_EXIT_OK);
    }
    for (size_t i = 0; argc >= 2 && i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 2, argv + 2);
    if (argc >= 2)
        cli_error(NULL, "unknown command '%s' (see --help)", argv[1]);
    else
        fputs(usage, stderr);
    return CLI_EXIT_USAGE;
}
