/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar dump --json [--pretty] FILE`: the sidecar as JSON, with
 * every key (unknown ones too) in file order. The file is validated by the
 * reader first, so only well-formed sidecars are dumped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cache/cli/cli.h"
#include "cache/cli/cli_json.h"
#include "cache/msgpack_bounds.h"
#include "cache/sidecar_read.h"

int cli_dump(int argc, char **argv)
{
    const char *file = NULL;
    int json = 0, pretty = 0, status;
    MtSidecarError err;
    MtSidecar *sc;
    msgpack_unpacked up;
    char *buf;
    size_t len;

    int options = 1; /* until "--": then a name may start with '-' */
    for (int i = 0; i < argc; i++) {
        if (options && !strcmp(argv[i], "--"))
            options = 0;
        else if (options && !strcmp(argv[i], "--json"))
            json = 1;
        else if (options && !strcmp(argv[i], "--pretty"))
            pretty = 1;
        else if ((!options || argv[i][0] != '-') && !file)
            file = argv[i];
        else {
            cli_error(NULL, "dump: unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (!json || !file) {
        cli_error(NULL, "usage: montage-sidecar dump --json [--pretty] FILE");
        return CLI_EXIT_USAGE;
    }
    if (mt_sidecar_slurp(file, MT_SIDECAR_MAX_BYTES, &buf, &len, &err) < 0) {
        cli_error(file, "%s", err.message);
        return cli_read_status(&err);
    }
    if (mt_sidecar_read_buffer(buf, len, &sc, &err) < 0) {
        cli_error(file, "%s", err.message);
        free(buf);
        return cli_read_status(&err);
    }
    mt_sidecar_free(sc);

    status = CLI_EXIT_OK;
    if (mt_msgpack_unpack_checked(buf, len, &up, &err) < 0) {
        cli_error(file, "%s", err.message); /* cannot happen after the read above */
        status = CLI_EXIT_CORRUPT;
    } else {
        json_t *j = cli_msgpack_to_json(&up.data);
        size_t flags = (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_PRESERVE_ORDER;
        if (!j || json_dumpf(j, stdout, flags) < 0 || fputc('\n', stdout) == EOF) {
            cli_error(file, "cannot write JSON");
            status = CLI_EXIT_ERROR;
        }
        json_decref(j);
    }
    msgpack_unpacked_destroy(&up);
    free(buf);
    return cli_finish_stdout(status);
}
