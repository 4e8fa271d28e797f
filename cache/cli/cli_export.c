/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar export --format F [-o FILE] SIDECAR...`: sidecars to
 * the files editors read (export/). One SIDECAR: to FILE or stdout. Several:
 * a format that merges them (an otio timeline, a csv table of one kind) writes one output; the
 * others write one file per sidecar next to it (export.h,
 * mt_export_next_to) and print each name (mt_export_line_field). Every sidecar is checked before
 * anything is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cli/cli.h"
#include "cache/sidecar_names.h"
#include "export/export.h"

/* One line: what was wrong (bad may be NULL), then the usage. */
static int usage(const char *bad)
{
    char list[256];
    mt_export_format_list(list, sizeof(list));
    cli_error(NULL, "%s%s%susage: montage-sidecar export --format F [-o FILE] SIDECAR... (F: %s)",
              bad ? "export: unexpected argument '" : "", bad ? bad : "", bad ? "'; " : "", list);
    return CLI_EXIT_USAGE;
}

int cli_export(int argc, char **argv)
{
    const char *format = NULL, *output = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof(*files));
    size_t n_files = 0;
    int status = CLI_EXIT_OK;
    char err[1024];

    if (!files) {
        cli_error(NULL, "out of memory");
        return CLI_EXIT_ERROR;
    }
    int options = 1; /* until "--": then a name may start with '-' */
    for (int i = 0; i < argc; i++) {
        if (!options)
            files[n_files++] = argv[i];
        else if (!strcmp(argv[i], "--"))
            options = 0;
        else if ((!strcmp(argv[i], "--format") || !strcmp(argv[i], "-f")) && i + 1 < argc)
            format = argv[++i];
        else if (!strncmp(argv[i], "--format=", 9))
            format = argv[i] + 9;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            output = argv[++i];
        else if (argv[i][0] != '-' || !argv[i][1])
            files[n_files++] = argv[i];
        else {
            free(files);
            return usage(argv[i]);
        }
    }
    if (!format || !n_files) {
        free(files);
        return usage(NULL);
    }
    /* an empty -o (a variable that was never set) names no file: said
     * before any sidecar is read, nothing is written (the atomic writer's
     * "empty path: Invalid argument" left the cause to guess) */
    if (output && !*output) {
        cli_error(NULL, "export: -o names no file (the name is empty); give a file name, "
                        "or - or no -o for standard output");
        free(files);
        return CLI_EXIT_USAGE;
    }
    const MtExportFormat *fmt = mt_export_find(format);
    if (!fmt) {
        char list[256];
        mt_export_format_list(list, sizeof(list));
        cli_error(NULL, "export: unknown format '%s' (known: %s)", format, list);
        free(files);
        return CLI_EXIT_USAGE;
    }
    int one_output = n_files == 1 || fmt->merges;
    if (output && !one_output) {
        cli_error(NULL, "export: -o takes one SIDECAR with --format %s (several are written "
                        "next to each sidecar)", fmt->name);
        free(files);
        return CLI_EXIT_USAGE;
    }

    MtExportItem *items = calloc(n_files, sizeof(*items));
    if (!items) {
        cli_error(NULL, "out of memory");
        free(files);
        return CLI_EXIT_ERROR;
    }
    size_t loaded = 0;
    for (; loaded < n_files; loaded++) {
        if (mt_export_load(files[loaded], fmt, &items[loaded], err, sizeof(err)) < 0) {
            cli_error(files[loaded], "%s", err);
            status = cli_load_status(items[loaded].read_errno);
            break;
        }
    }
    /* a table of mixed kinds would need two headers: asked for with
     * arguments that cannot go together, so a usage error before any
     * output, naming the first sidecar of each kind */
    for (size_t i = 1; status == CLI_EXIT_OK && one_output && fmt->one_kind && i < n_files; i++) {
        if (items[i].sc->kind != items[0].sc->kind) {
            cli_error(NULL, "export: --format %s takes sidecars of one kind (their columns "
                            "differ): %s is a %s sidecar, %s a %s sidecar; export each kind apart",
                      fmt->name, files[0], mt_sidecar_kind_name(items[0].sc->kind), files[i],
                      mt_sidecar_kind_name(items[i].sc->kind));
            status = CLI_EXIT_USAGE;
        }
    }
    if (status == CLI_EXIT_OK && one_output) {
        int ret = mt_export_write(fmt, output, items, n_files, err, sizeof(err));
        if (ret < 0) {
            /* a failed write of -o FILE names FILE in its message already */
            cli_error(ret == MT_EXPORT_ERR_OUTPUT ? NULL : files[0], "%s", err);
            status = CLI_EXIT_ERROR;
        }
    } else if (status == CLI_EXIT_OK) {
        for (size_t i = 0; i < n_files; i++) {
            char *path = mt_export_next_to(files[i], fmt);
            if (!path || mt_export_write(fmt, path, &items[i], 1, err, sizeof(err)) < 0) {
                cli_error(files[i], "%s", path ? err : "out of memory");
                status = CLI_EXIT_ERROR;
            } else {
                mt_export_line_field(stdout, path); /* one name a line, whatever it holds */
                putchar('\n');
            }
            free(path);
        }
    }
    for (size_t i = 0; i < loaded && i < n_files; i++)
        mt_export_item_free(&items[i]);
    free(items);
    free(files);
    return cli_finish_stdout(status);
}
