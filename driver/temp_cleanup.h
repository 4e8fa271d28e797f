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

#include <stddef.h>
#include <sys/types.h>

/* montage-fast-scene keeps its passes' files in a directory
 * "$TMPDIR/montage-fast.<pid>.XXXXXX" (/tmp without TMPDIR), named with its
 * own pid for the same reason: a driver that kills it (SIGKILL to its
 * process group: no chance to clean up) removes exactly that directory. */
#define MT_FAST_TMP_PREFIX "montage-fast."

/* The mkdtemp template for process pid; 0, or -1 when it does not fit. */
int mt_fast_tmp_template(char *out, size_t size, pid_t pid);

/* Removes the directories of process pid from TMPDIR with the files in
 * them (not recursive: montage-fast-scene writes no subdirectory).
 * Returns how many directories went. */
int mt_fast_tmp_cleanup_for_pid(pid_t pid);

/* 1 when name is a temporary file written by process pid. */
int mt_temp_name_is_from_pid(const char *name, pid_t pid);

/* Removes those files in the directory of target_path. Returns how many. */
int mt_temp_cleanup_for_pid(const char *target_path, pid_t pid);

#endif /* MONTAGE_DRIVER_TEMP_CLEANUP_H */
