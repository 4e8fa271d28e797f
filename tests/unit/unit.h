/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A minimal unit-test harness. Each test binary prints one line per test
 * case, "ok NAME" or "FAIL NAME: file:line: what", and exits non-zero when
 * any case failed; tests/run counts the lines across all binaries.
 */
#ifndef MONTAGE_TESTS_UNIT_H
#define MONTAGE_TESTS_UNIT_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int unit_failed_cases;
static int unit_case_failed;

#define UNIT_FAIL(...)                                                        \
    do {                                                                      \
        printf("FAIL %s: %s:%d: ", unit_current, __FILE__, __LINE__);        \
        printf(__VA_ARGS__);                                                  \
        printf("\n");                                                         \
        unit_case_failed = 1;                                                 \
        return;                                                               \
    } while (0)

/* Stops the current case at the first false assertion. */
#define CHECK(cond)                                                           \
    do { if (!(cond)) UNIT_FAIL("%s", #cond); } while (0)
#define CHECK_INT(a, b)                                                       \
    do { long long a_ = (long long)(a), b_ = (long long)(b);                 \
         if (a_ != b_) UNIT_FAIL("%s == %lld, expected %lld", #a, a_, b_); } while (0)
#define CHECK_NEAR(a, b, tol)                                                 \
    do { double a_ = (double)(a), b_ = (double)(b);                          \
         if (!(fabs(a_ - b_) <= (tol)))                                       \
             UNIT_FAIL("%s == %.9g, expected %.9g +- %g", #a, a_, b_, (double)(tol)); } while (0)

static const char *unit_current = "";

#define RUN(fn)                                                               \
    do {                                                                      \
        unit_current = #fn;                                                   \
        unit_case_failed = 0;                                                 \
        fn();                                                                 \
        if (unit_case_failed) unit_failed_cases++;                            \
        else printf("ok %s\n", #fn);                                          \
        fflush(stdout);                                                       \
    } while (0)

#define UNIT_EXIT() return unit_failed_cases ? 1 : 0

#endif /* MONTAGE_TESTS_UNIT_H */
