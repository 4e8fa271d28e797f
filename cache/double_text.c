/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
#include "cache/double_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

char *mt_double_text(double d, char *out, size_t outlen)
{
    if (!outlen)
        return out;
    /* 17 significant digits always round-trip a binary64; fewer are tried
     * first. nan and inf never compare equal / need no digits. */
    int digits = isfinite(d) ? 1 : 17;
    for (; digits < 17; digits++) {
        char buf[40];
        snprintf(buf, sizeof(buf), "%.*g", digits, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    /* %g turns to an exponent when the digits do not reach the units (40
     * at one digit is 4e+01): give whole numbers below 1e17 their digits */
    if (isfinite(d) && d != 0) {
        int units = (int)floor(log10(fabs(d))) + 1;
        if (units > digits && units <= 17)
            digits = units;
    }
    snprintf(out, outlen, "%.*g", digits, d);
    return out;
}
