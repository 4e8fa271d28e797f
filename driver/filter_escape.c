/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Two-level quoting of filter option values; see filter_escape.h. */
#include "driver/filter_escape.h"

#include <string.h>

int mt_filter_quote_value(const char *value, char *out, size_t out_size)
{
    size_t n = 0;
    /* worst case per input byte is 4 output bytes ('\'' for '), plus 2 quotes */
#define PUT(c) do { if (n + 1 >= out_size) return -1; out[n++] = (c); } while (0)
    PUT('\'');
    for (const char *p = value; *p; p++) {
        if (*p == '\'') {
            /* close the quote, an escaped quote, reopen */
            PUT('\''); PUT('\\'); PUT('\''); PUT('\'');
        } else {
            PUT(*p);
        }
    }
    PUT('\'');
#undef PUT
    out[n] = '\0';
    return (int)n;
}

int mt_filter_escape_graph(const char *options, char *out, size_t out_size)
{
    size_t n = 0;
    for (const char *p = options; *p; p++) {
        if (strchr("\\'[],;", *p)) {
            if (n + 1 >= out_size)
                return -1;
            out[n++] = '\\';
        }
        if (n + 1 >= out_size)
            return -1;
        out[n++] = *p;
    }
    if (out_size == 0)
        return -1;
    out[n] = '\0';
    return (int)n;
}

int mt_filter_append_option(char *out, size_t out_size, const char *key,
                            const char *value)
{
    size_t used = strlen(out);
    size_t key_len = strlen(key);
    size_t need = used + (used ? 1 : 0) + key_len + 1;
    if (need >= out_size)
        return -1;
    if (used)
        out[used++] = ':';
    memcpy(out + used, key, key_len);
    used += key_len;
    out[used++] = '=';
    out[used] = '\0';
    return mt_filter_quote_value(value, out + used, out_size - used) < 0 ? -1 : 0;
}
