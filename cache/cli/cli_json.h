/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * msgpack tree -> jansson JSON value, for `dump --json` and the format
 * bench. Packed arrays ({dtype, shape, data: bin}) get their data expanded
 * into numbers (nested by shape); non-finite floats become null; other bins
 * become lower-case hex strings.
 */
#ifndef MONTAGE_CACHE_CLI_JSON_H
#define MONTAGE_CACHE_CLI_JSON_H

#include <jansson.h>
#include <msgpack.h>

/* A new reference, or NULL when out of memory. */
json_t *cli_msgpack_to_json(const msgpack_object *o);

#endif /* MONTAGE_CACHE_CLI_JSON_H */
