/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* UTF-8 validation and repair (see utf8.h). */
#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* The sequence length the lead byte c announces, 0 for no lead byte
 * (0x80..0xc1 are continuations or overlong 2-byte leads, 0xf5.. past
 * U+10FFFF). */
static size_t lead_length(unsigned c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 0;
}

/* mt_utf8_length reading at most avail bytes */
static size_t valid_length(const unsigned char *s, size_t avail)
{
    size_t len = lead_length(s[0]);
    uint32_t cp;
    if (len <= 1 || len > avail)
        return len <= avail ? len : 0;
    cp = s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) /* also stops at a terminating 0 */
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return len;
}

size_t mt_utf8_length(const unsigned char *s)
{
    /* a terminated string: the check of each continuation byte stops at
     * the 0, so no byte past it is read */
    return valid_length(s, 4);
}

size_t mt_utf8_repair_step(const unsigned char *s, size_t avail,
                           const char **text, size_t *text_len)
{
    size_t len = valid_length(s, avail);
    if (len) {
        *text = (const char *)s;
        *text_len = len;
        return len;
    }
    *text = MT_UTF8_REPLACEMENT;
    *text_len = 3;
    return 1;
}

size_t mt_utf8_repair(char *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const char *text;
        size_t len;
        i += mt_utf8_repair_step(u + i, n - i, &text, &len);
        memcpy(out + o, text, len);
        o += len;
    }
    return o;
}
