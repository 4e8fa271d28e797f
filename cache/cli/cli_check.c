/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar check [-q] [--media PATH] FILE...`: prints
 * "STATE<TAB>FILE<TAB>REASON" per file (fields escaped by mt_export_line_field)
 * and exits with the status of the
 * worst state (valid 0 < nosource 6 < stale 1 < missing 2 < corrupt 3). The analyser
 * version is checked against the one this program was built with. With
 * --media the media is probed (cli_probe.h) and a sidecar that covers less
 * than its duration is stale.
 */
#include <stdio.h>
#include <string.h>

#include "cache/cache_lookup.h"
#include "cache/cli/cli.h"
#include "cache/cli/cli_probe.h"
#include "cache/sidecar_read.h"
#include "export/export.h"

static int exit_code(MtCacheState s)
{
    switch (s) {
    case MT_CACHE_VALID:   return CLI_EXIT_OK;
    case MT_CACHE_STALE:   return CLI_EXIT_STALE;
    case MT_CACHE_MISSING: return CLI_EXIT_MISSING;
    case MT_CACHE_CORRUPT: return CLI_EXIT_CORRUPT;
    case MT_CACHE_NO_SOURCE: return CLI_EXIT_NO_SOURCE;
    }
    return CLI_EXIT_ERROR;
}

/* nosource may well be right, so it ranks below stale */
static int severity(MtCacheState s)
{
    switch (s) {
    case MT_CACHE_VALID:     return 0;
    case MT_CACHE_NO_SOURCE: return 1;
    case MT_CACHE_STALE:     return 2;
    case MT_CACHE_MISSING:   return 3;
    case MT_CACHE_CORRUPT:   return 4;
    }
    return 4;
}

int cli_check(int argc, char **argv)
{
    const char *media = NULL;
    int quiet = 0, first = argc;
    MtCacheState worst = MT_CACHE_VALID;

    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--media") && i + 1 < argc) {
            media = argv[++i];
        } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (!strcmp(argv[i], "--")) {
            first = i + 1;
            break;
        } else if (!strcmp(argv[i], "--media")) { /* the last argument */
            cli_error(NULL, "check: --media needs a PATH");
            return CLI_EXIT_USAGE;
        } else if (argv[i][0] == '-') {
            cli_error(NULL, "check: unknown option '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        } else {
            first = i;
            break;
        }
    }
    if (first >= argc || (media && argc - first != 1)) {
        cli_error(NULL, "usage: montage-sidecar check [-q] [--media PATH] FILE... "
                        "(--media takes exactly one FILE)");
        return CLI_EXIT_USAGE;
    }
    for (int i = first; i < argc; i++) {
        MtSidecar *sc = NULL;
        MtSidecarKind kind = 0;
        int version = -1;
        char why[1024];

        /* the kind decides which analyser version is current */
        if (mt_sidecar_read_file_ex(argv[i], MT_SIDECAR_READ_NO_ARRAY_DATA, &sc, NULL) == 0) {
            kind = sc->kind;
            version = kind == MT_KIND_SCENE ? MT_SCENE_ANALYSER_VERSION : MT_BEAT_ANALYSER_VERSION;
            mt_sidecar_free(sc);
        }
        double duration = 0;
        char probe_err[512] = "";
        int compared = 0;
        if (media && kind)
            duration = cli_probe_duration(media, kind, probe_err, sizeof(probe_err));
        MtCacheState s = mt_cache_check_media(argv[i], media, kind, version, NULL, 0,
                                              duration > 0 ? duration : 0, &compared, why, sizeof(why));
        if (!quiet) {
            /* names and reasons (which may quote a path) escaped: one record a line */
            printf("%s\t", mt_cache_state_name(s));
            mt_export_line_field(stdout, argv[i]);
            putchar('\t');
            mt_export_line_field(stdout, why);
            if (s == MT_CACHE_VALID && !compared) {
                fputs(" (duration not compared: ", stdout);
                mt_export_line_field(stdout, duration < 0 ? probe_err : "unknown");
                putchar(')');
            }
            putchar('\n');
        }
        if (severity(s) > severity(worst))
            worst = s;
    }
    return cli_finish_stdout(exit_code(worst));
}
