/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * mt_double_text: the shortest decimal text that reads back as the same
 * double (how `montage-sidecar show` and the cache's messages print config
 * values).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cache/double_text.h"
#include "tests/unit/unit.h"

#define CHECK_TEXT(d, want)                                                   \
    do { char t_[40]; mt_double_text((d), t_, sizeof(t_));                    \
         if (strcmp(t_, (want))) UNIT_FAIL("%s gives '%s', expected '%s'", #d, t_, (want)); } while (0)

static void test_typed_values_read_as_typed(void)
{
    CHECK_TEXT(0.08, "0.08");   /* %.17g: 0.080000000000000002 */
    CHECK_TEXT(0.1 + 0.2, "0.30000000000000004"); /* not 0.3: another double */
    CHECK_TEXT(2.28, "2.28");
    CHECK_TEXT(8.0, "8");
    CHECK_TEXT(40.0, "40");     /* not 4e+01 */
    CHECK_TEXT(240.0, "240");
    CHECK_TEXT(2500.5, "2500.5");
    CHECK_TEXT(1e16, "10000000000000000");
    CHECK_TEXT(1e17, "1e+17");
    CHECK_TEXT(0.00001, "1e-05");
    CHECK_TEXT(-1.5, "-1.5");
    CHECK_TEXT(0.0, "0");
    CHECK_TEXT(1e300, "1e+300");
    CHECK_TEXT(DBL_MIN, "2.2250738585072014e-308");
}

static void test_every_text_reads_back(void)
{
    /* a spread of values, each must come back bit for bit */
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 10000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        double d = ldexp((double)(x >> 11), (int)(x % 200) - 150);
        char t[40];
        mt_double_text(d, t, sizeof(t));
        if (strtod(t, NULL) != d)
            UNIT_FAIL("%.17g printed as '%s'", d, t);
    }
}

static void test_special_values_and_short_buffer(void)
{
    char t[4];
    CHECK_TEXT(INFINITY, "inf");
    CHECK_TEXT(-INFINITY, "-inf");
    CHECK_TEXT(NAN, "nan");
    mt_double_text(0.125, t, sizeof(t)); /* truncated, still terminated */
    CHECK(!strcmp(t, "0.1"));
}

int main(void)
{
    RUN(test_typed_values_read_as_typed);
    RUN(test_every_text_reads_back);
    RUN(test_special_values_and_short_buffer);
    UNIT_EXIT();
}
