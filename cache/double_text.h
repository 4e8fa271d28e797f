/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A double as the shortest decimal text that reads back as the same
 * double: what a person typed (0.08) rather than its binary expansion
 * (0.080000000000000002). For messages and summaries; the JSON dump keeps
 * its own formatting.
 */
#ifndef MONTAGE_CACHE_DOUBLE_TEXT_H
#define MONTAGE_CACHE_DOUBLE_TEXT_H

#include <stddef.h>

/* Writes d into out (at most outlen bytes, always terminated) with the
 * fewest significant digits (1..17) for which strtod gives d back; nan,
 * inf and -inf as printf spells them. Returns out. */
char *mt_double_text(double d, char *out, size_t outlen);

#endif
