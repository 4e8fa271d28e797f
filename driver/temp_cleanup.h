/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Removal of the temporary files a killed ffmpeg child leaves behind. The
 * sidecar writer (cache/atomic_file.h) names them
 * ".montage.<pid>.<n>.tmp" in the sidecar's directory, with the pid of the
 * writing process: exactly the child we killed, so only its files go.
 */
#ifndef MONTAGE_DRIVER_TEMP_CLEANUP_H
#define MONTAGE_DRIVER_TEMP_CLEANUP_H

#include <sys/types.h>

/* 1 when name is a temporary file written by process pid. */
int mt_temp_name_is_from_pid(const char *name, pid_t pid);

/* Removes those files in the directory of target_path. Returns how many. */
int mt_temp_cleanup_for_pid(const char *target_path, pid_t pid);

#endif /* MONTAGE_DRIVER_TEMP_CLEANUP_H */
