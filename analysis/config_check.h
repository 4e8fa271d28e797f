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
 * in 0..1), for the option tables (scene_options.h, beat_options.h). */
#define MT_CONFIG_CHECK_DOUBLE mt_config_check_double
#define MT_CONFIG_CHECK_INT    mt_config_check_int
#define MT_CONFIG_CHECK_BOOL   mt_config_check_int

/* Writes a formatted reason to why (may be NULL) and returns -EINVAL. */
int mt_config_reject(char *why, size_t why_size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif /* MONTAGE_ANALYSIS_CONFIG_CHECK_H */
