/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * UTF-8 validation and repair for the writers of text that must be UTF-8
 * (the driver's JSON records, montage-sidecar's JSON, the XML and OTIO
 * exports) from file names and msgpack strings, which may hold any bytes.
 * Here (cache/, the library every module links) so that driver/ and
 * export/ share it without depending on each other.
 */
#ifndef MONTAGE_CACHE_UTF8_H
#define MONTAGE_CACHE_UTF8_H

#include <stddef.h>

#define MT_UTF8_REPLACEMENT "\xef\xbf\xbd" /* U+FFFD, 3 bytes */

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when s does not
 * start one (a stray continuation byte, an overlong form, a surrogate,
 * past U+10FFFF, cut short by the terminating 0). */
size_t mt_utf8_length(const unsigned char *s);

/* One step of the repair: the character at s, of which avail >= 1 bytes
 * may be read (a sequence running past them is cut short). Returns the
 * input bytes it takes and sets *text, *text_len to what stands for them:
 * a valid sequence itself, else U+FFFD for this one byte (each byte of a
 * broken sequence then gets its own U+FFFD, the rule of every writer
 * here since the first). */
size_t mt_utf8_repair_step(const unsigned char *s, size_t avail,
                           const char **text, size_t *text_len);

/* Writes s[0..n) repaired into out, which has room for 3 * n bytes (no
 * terminator is added; NUL bytes are valid and kept). Returns the bytes
 * written. */
size_t mt_utf8_repair(char *out, const char *s, size_t n);

#endif /* MONTAGE_CACHE_UTF8_H */
