/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montage-sidecar subcommands. Each takes the arguments after its name and
 * returns the process exit status (see doc/montage-sidecar.1, EXIT STATUS).
 */
#ifndef MONTAGE_CACHE_CLI_H
#define MONTAGE_CACHE_CLI_H

#include "cache/sidecar_error.h"

enum {
    CLI_EXIT_OK      = 0, /* check: every file valid */
    CLI_EXIT_STALE   = 1,
    CLI_EXIT_MISSING = 2,
    CLI_EXIT_CORRUPT = 3,
    CLI_EXIT_USAGE   = 4,
    CLI_EXIT_ERROR   = 5, /* I/O error: writing stdout, removing a file */
    CLI_EXIT_NO_SOURCE = 6, /* check: a sidecar records no source to check against */
};

int cli_show(int argc, char **argv);
int cli_dump(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_gc(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_split(int argc, char **argv);

/* One line on stderr: "montage-sidecar: <file>: <cause>". */
void cli_error(const char *file, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The exit status for a failed read (missing file or corrupt content). */
int cli_read_status(const MtSidecarError *err);

/* The exit status for a sidecar export/report/split could not load:
 * missing, unreadable or corrupt (read_errno from MtExportItem). */
int cli_load_status(int read_errno);

/* Flushes stdout; CLI_EXIT_ERROR with a message if writing failed. */
int cli_finish_stdout(int status);

#endif /* MONTAGE_CACHE_CLI_H */
