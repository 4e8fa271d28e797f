/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar split [--exact] [-d DIR] [--ffmpeg PATH] SIDECAR`: one
 * file per shot (export/split.h). DIR (made when missing, one level, as
 * `split -d shots/` in the README expects; removed again when this run
 * made it and the first piece failed) defaults to the media's directory;
 * ffmpeg to $MONTAGE_FFMPEG, then ffmpeg on $PATH (re-encoding needs one
 * with encoders, e.g. Debian's).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/cli/cli.h"
#include "export/split.h"

int cli_split(int argc, char **argv)
{
    const char *file = NULL, *dir = NULL, *bad = NULL, *ffmpeg = getenv("MONTAGE_FFMPEG");
    MtSplitMode mode = MT_SPLIT_COPY;
    char err[PATH_MAX + 1024]; /* a path (the --ffmpeg one) and its cause */

    if (!ffmpeg || !*ffmpeg)
        ffmpeg = "ffmpeg";
    int options = 1; /* until "--": then a name may start with '-' */
    for (int i = 0; i < argc; i++) {
        if (!options && !file)
            file = argv[i];
        else if (!options) {
            bad = argv[i];
            break;
        } else if (!strcmp(argv[i], "--"))
            options = 0;
        else if (!strcmp(argv[i], "--exact"))
            mode = MT_SPLIT_EXACT;
        else if (!strcmp(argv[i], "--copy"))
            mode = MT_SPLIT_COPY;
        else if (!strcmp(argv[i], "-d") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "--ffmpeg") && i + 1 < argc)
            ffmpeg = argv[++i];
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else {
            bad = argv[i];
            break;
        }
    }
    if (!file || bad) { /* one line: what was wrong, then the usage */
        cli_error(NULL, "%s%s%susage: montage-sidecar split [--copy | --exact] [-d DIR] "
                        "[--ffmpeg PATH] SIDECAR",
                  bad ? "split: unexpected argument '" : "", bad ? bad : "", bad ? "'; " : "");
        return CLI_EXIT_USAGE;
    }
    /* an empty -d (a variable that was never set), as export -o '': said
     * before the sidecar is read (it was mkdir's "No such file or
     * directory", exit 5); no -d is the media's directory */
    if (dir && !*dir) {
        cli_error(NULL, "split: -d names no directory (the name is empty); give a directory, "
                        "or no -d for the media's");
        return CLI_EXIT_USAGE;
    }
    MtExportItem item;
    if (mt_export_load(file, NULL, &item, err, sizeof(err)) < 0) {
        cli_error(file, "%s", err);
        return cli_load_status(item.read_errno);
    }
    if (item.sc->kind != MT_KIND_SCENE) {
        cli_error(file, "split needs a scene sidecar, this one is a beat sidecar");
        mt_export_item_free(&item);
        return CLI_EXIT_CORRUPT;
    }
    char *media_dir = NULL;
    if (!dir) {
        const char *slash = strrchr(item.media_path, '/');
        media_dir = slash ? strndup(item.media_path, (size_t)(slash - item.media_path)) : strdup(".");
        dir = media_dir && *media_dir ? media_dir : "/";
    }
    int status = CLI_EXIT_OK;
    struct stat st;
    int made = mkdir(dir, 0777) == 0;
    if (!made && errno != EEXIST) {
        cli_error(dir, "cannot create the output directory: %s", strerror(errno));
        status = CLI_EXIT_ERROR;
    } else if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        cli_error(dir, "the output directory is not a directory");
        status = CLI_EXIT_ERROR;
    } else if (mt_split_clip(ffmpeg, &item, mode, dir, err, sizeof(err)) < 0) {
        cli_error(file, "%s", err);
        status = CLI_EXIT_ERROR;
        /* a DIR this run made and left empty (the first piece failed) goes;
         * rmdir removes only an empty one, pieces written before stay */
        if (made)
            rmdir(dir);
    }
    free(media_dir);
    mt_export_item_free(&item);
    return cli_finish_stdout(status);
}
