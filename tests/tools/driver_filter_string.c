/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Prints FILTER=key1=<v1>:key2=<v2>... escaped exactly as montage-analyze
 * escapes its filter options (driver/filter_escape.h), so a shell test can
 * hand it to a real ffmpeg and check that the values arrive intact.
 * Usage: driver_filter_string FILTER KEY VALUE [KEY VALUE]...
 */
#include <stdio.h>
#include <stdlib.h>

#include "driver/filter_escape.h"

int main(int argc, char **argv)
{
    static char opts[65536], escaped[131072];
    if (argc < 4 || argc % 2) {
        fprintf(stderr, "usage: %s FILTER KEY VALUE [KEY VALUE]...\n", argv[0]);
        return 2;
    }
    for (int i = 2; i + 1 < argc; i += 2)
        if (mt_filter_append_option(opts, sizeof(opts), argv[i], argv[i + 1]) < 0)
            return 1;
    if (mt_filter_escape_graph(opts, escaped, sizeof(escaped)) < 0)
        return 1;
    printf("%s=%s\n", argv[1], escaped);
    return 0;
}
