/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The option contract of the kernels; see config_check.h. */
#include "analysis/config_check.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

int mt_config_reject(char *why, size_t why_size, const char *fmt, ...)
{
    if (why && why_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_size, fmt, ap);
        va_end(ap);
    }
    return -EINVAL;
}

int mt_config_check_double(const char *name, double v, double lo, double hi,
                           char *why, size_t why_size)
{
    if (v >= lo && v <= hi) /* false for NaN */
        return 0;
    return mt_config_reject(why, why_size, "%s must be between %g and %g (got %g)", name, lo, hi, v);
}

int mt_config_check_int(const char *name, int v, int lo, int hi, char *why, size_t why_size)
{
    if (v >= lo && v <= hi)
        return 0;
    return mt_config_reject(why, why_size, "%s must be between %d and %d (got %d)", name, lo, hi, v);
}
