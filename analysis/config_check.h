/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The option contract shared by the analysis kernels (montagescene,
 * montagebeat): mt_*_config_check validates every option before a kernel
 * is created and returns 0, or -EINVAL with a one-line reason in `why`
 * that names the option and the rule it breaks. Nothing is clamped: a
 * value outside its range is refused, NaN included. Other kernel calls
 * return 0 or a negative errno (-EINVAL for bad arguments, -ENOMEM).
 */
#ifndef MONTAGE_ANALYSIS_CONFIG_CHECK_H
#define MONTAGE_ANALYSIS_CONFIG_CHECK_H

#include <stddef.h>

/* Room for any reason these checks write. */
#define MT_CONFIG_WHY_SIZE 160

/* 0 when lo <= v <= hi, else -EINVAL and "NAME must be between LO and HI
 * (got V)" in why (why may be NULL). */
int mt_config_check_double(const char *name, double v, double lo, double hi,
                           char *why, size_t why_size);
int mt_config_check_int(const char *name, int v, int lo, int hi,
                        char *why, size_t why_size);

/* The check of an option of KIND (DOUBLE, INT or BOOL; a bool is an int
 * in 0..1). */
#define MT_CONFIG_CHECK_DOUBLE mt_config_check_double
#define MT_CONFIG_CHECK_INT    mt_config_check_int
#define MT_CONFIG_CHECK_BOOL   mt_config_check_int

/* Expansions of a kernel's option table, X(PREFIX, NAME, field, KIND,
 * help) rows (analysis/scene/scene_options.h, analysis/beat/beat_options.h),
 * over a config pointer named cfg: count, defaults, checks (in a function
 * with int ret, why and why_size: returns the first refusal) and sidecar
 * config entries (analysis/config_entry.h). */
#define MT_OPTION_COUNT(P, NAME, field, KIND, help) +1
#define MT_OPTION_SET_DEFAULT(P, NAME, field, KIND, help) cfg->field = MT_##P##_##NAME##_DEFAULT;
#define MT_OPTION_CHECK(P, NAME, field, KIND, help)                                       \
    if ((ret = MT_CONFIG_CHECK_##KIND(#field, cfg->field, MT_##P##_##NAME##_MIN,          \
                                      MT_##P##_##NAME##_MAX, why, why_size)) < 0)         \
        return ret;
#define MT_OPTION_ENTRY(P, NAME, field, KIND, help) MT_CONFIG_ENTRY_##KIND(#field, cfg->field),

/* Writes a formatted reason to why (may be NULL) and returns -EINVAL. */
int mt_config_reject(char *why, size_t why_size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif /* MONTAGE_ANALYSIS_CONFIG_CHECK_H */
