/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * UTF-8 validation for the writers of text that must be UTF-8 (the
 * driver's JSON records, the XML and OTIO exports) from file names, which
 * may hold any bytes.
 */
#ifndef MONTAGE_CACHE_UTF8_H
#define MONTAGE_CACHE_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when s does not
 * start one (a stray continuation byte, an overlong form, a surrogate,
 * past U+10FFFF, cut short by the terminating 0). */
size_t mt_utf8_length(const unsigned char *s);

#endif /* MONTAGE_CACHE_UTF8_H */
