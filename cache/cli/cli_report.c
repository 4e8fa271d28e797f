/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar report --html OUT.html [--ffmpeg PATH] [--no-thumbnails]
 * SIDECAR...`: a self-contained page to look at (export/report.h). The
 * thumbnails are decoded by ffmpeg: --ffmpeg, else $MONTAGE_FFMPEG, else
 * ffmpeg on $PATH. The page is written whole or not at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/atomic_file.h"
#include "cache/cli/cli.h"
#include "export/report.h"

/* One line: what was wrong (bad may be NULL), then the usage. */
static int usage(const char *bad)
{
    cli_error(NULL, "%s%s%susage: montage-sidecar report --html OUT.html [--ffmpeg PATH] "
                    "[--no-thumbnails] SIDECAR...",
              bad ? "report: unexpected argument '" : "", bad ? bad : "", bad ? "'; " : "");
    return CLI_EXIT_USAGE;
}

int cli_report(int argc, char **argv)
{
    const char *html = NULL, *ffmpeg = getenv("MONTAGE_FFMPEG");
    int thumbnails = 1, status = CLI_EXIT_OK;
    size_t n = 0, loaded = 0;
    char err[1024];

    if (!ffmpeg || !*ffmpeg)
        ffmpeg = "ffmpeg";
    const char **files = calloc((size_t)argc + 1, sizeof(*files));
    if (!files)
        return CLI_EXIT_ERROR;
    int options = 1; /* until "--": then a name may start with '-' */
    for (int i = 0; i < argc; i++) {
        if (!options)
            files[n++] = argv[i];
        else if (!strcmp(argv[i], "--"))
            options = 0;
        else if (!strcmp(argv[i], "--html") && i + 1 < argc)
            html = argv[++i];
        else if (!strcmp(argv[i], "--ffmpeg") && i + 1 < argc)
            ffmpeg = argv[++i];
        else if (!strcmp(argv[i], "--no-thumbnails"))
            thumbnails = 0;
        else if (argv[i][0] != '-')
            files[n++] = argv[i];
        else {
            free(files);
            return usage(argv[i]);
        }
    }
    if (!html || !n) {
        free(files);
        return usage(NULL);
    }
    /* an empty --html (a variable that was never set), as export -o '':
     * said before any sidecar is read (it was the atomic writer's "empty
     * path: Invalid argument", exit 5) */
    if (!*html) {
        cli_error(NULL, "report: --html names no file (the name is empty); give a file name");
        free(files);
        return CLI_EXIT_USAGE;
    }

    MtExportItem *items = calloc(n, sizeof(*items));
    MtThumbnails *thumbs = calloc(n, sizeof(*thumbs));
    if (!items || !thumbs) {
        free(items);
        free(thumbs);
        free(files);
        return CLI_EXIT_ERROR;
    }
    for (; loaded < n; loaded++) {
        if (mt_export_load(files[loaded], NULL, &items[loaded], err, sizeof(err)) < 0) {
            cli_error(files[loaded], "%s", err);
            status = cli_load_status(items[loaded].read_errno);
            break;
        }
        if (thumbnails && items[loaded].sc->kind == MT_KIND_SCENE &&
            mt_report_thumbnails(ffmpeg, &items[loaded], &thumbs[loaded], err, sizeof(err)) < 0) {
            cli_error(files[loaded], "%s", err);
            status = CLI_EXIT_ERROR;
            loaded++;
            break;
        }
    }
    if (status == CLI_EXIT_OK) {
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        if (mem) {
            mt_report_html(mem, items, thumbs, n);
            fclose(mem);
        }
        if (!mem || !buf) {
            cli_error(html, "out of memory");
            status = CLI_EXIT_ERROR;
        } else if (mt_atomic_write_file(html, buf, len, NULL, err, sizeof(err)) < 0) {
            cli_error(NULL, "%s", err);
            status = CLI_EXIT_ERROR;
        }
        free(buf);
    }
    for (size_t i = 0; i < loaded; i++) {
        mt_report_thumbnails_free(&thumbs[i]);
        mt_export_item_free(&items[i]);
    }
    free(thumbs);
    free(items);
    free(files);
    return status;
}
