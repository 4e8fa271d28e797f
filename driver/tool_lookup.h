/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Finding the project's ffmpeg and ffprobe: an explicit path, then the
 * environment variable, then the directory montage-analyze itself lives
 * in (an install puts them side by side), then $PATH.
 */
#ifndef MONTAGE_DRIVER_TOOL_LOOKUP_H
#define MONTAGE_DRIVER_TOOL_LOOKUP_H

#include <stddef.h>

/* Writes the chosen path to out. explicit_path and env_var may be NULL;
 * self_dir is the driver's directory (or NULL). Returns 0, or -1 when
 * nothing executable was found (out then holds the bare name). */
int mt_tool_find(const char *name, const char *explicit_path,
                 const char *env_var, const char *self_dir,
                 char *out, size_t out_size);

/* Directory of the running executable (/proc/self/exe, else argv0 when it
 * has a '/'), or -1. */
int mt_tool_self_dir(const char *argv0, char *out, size_t out_size);

#endif /* MONTAGE_DRIVER_TOOL_LOOKUP_H */
