/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Escaping of option values for an FFmpeg filtergraph passed on the
 * command line (-filter:v / -filter:a). A value goes through two parsers,
 * both FFmpeg's av_get_token(): first the graph parser splits filters at
 * "[],;", then the filter splits its options at ':' and '='. So a value is
 * quoted for the option level, and the whole option string is escaped for
 * the graph level. This works unchanged in FFmpeg 5.1 to 9.x, unlike
 * -filter_complex_script (gone in 8.0) and -/filter (new in 7.0).
 */
#ifndef MONTAGE_DRIVER_FILTER_ESCAPE_H
#define MONTAGE_DRIVER_FILTER_ESCAPE_H

#include <stddef.h>

/* Option level: wraps value in '...' (each ' becomes '\''), so ':' '='
 * spaces and backslashes are literal. Returns the length written (without
 * the NUL) or -1 when out_size is too small. */
int mt_filter_quote_value(const char *value, char *out, size_t out_size);

/* Graph level: backslash before every \ ' [ ] , ; in an option string. */
int mt_filter_escape_graph(const char *options, char *out, size_t out_size);

/* Appends "key=<quoted value>" (with a leading ':' unless *out is empty) to
 * the NUL-terminated option string in out. Graph escaping is done once on
 * the whole string afterwards. Returns 0 or -1 when it does not fit. */
int mt_filter_append_option(char *out, size_t out_size, const char *key,
                            const char *value);

#endif /* MONTAGE_DRIVER_FILTER_ESCAPE_H */
