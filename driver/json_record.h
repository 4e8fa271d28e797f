/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * One JSON Lines record per analysed file:
 *   {"path":"...","status":"ok|cached|failed","sidecars":["..."],
 *    "seconds":1.234,"error":null|"..."}\n
 * Always valid UTF-8 JSON and shorter than MT_JSON_RECORD_MAX bytes, so it
 * can be written with a single write(2) (atomic on a pipe up to PIPE_BUF)
 * and several drivers can share one output. Long strings are cut with
 * "..." (U+2026): paths in the middle (the file name stays visible), errors
 * at the end. Bytes that are not UTF-8 (file names are bytes) become U+FFFD.
 */
#ifndef MONTAGE_DRIVER_JSON_RECORD_H
#define MONTAGE_DRIVER_JSON_RECORD_H

#include <stddef.h>

#define MT_JSON_RECORD_MAX    4096 /* including the newline */
#define MT_JSON_PATH_BUDGET   1000 /* bytes of escaped text per path */
#define MT_JSON_ERROR_BUDGET   800
#define MT_JSON_MAX_SIDECARS     2

typedef enum MtJobStatus {
    MT_JOB_OK = 0,
    MT_JOB_CACHED,
    MT_JOB_FAILED,
} MtJobStatus;

typedef struct MtJsonRecord {
    const char *path;
    MtJobStatus status;
    const char *sidecars[MT_JSON_MAX_SIDECARS];
    size_t      n_sidecars;
    double      seconds;
    const char *error; /* NULL: "error":null */
} MtJsonRecord;

typedef enum MtTruncate {
    MT_TRUNCATE_END,    /* keep the start */
    MT_TRUNCATE_MIDDLE, /* keep the start and the end */
} MtTruncate;

/* Writes s as a JSON string literal (quotes included) of at most budget
 * bytes (budget >= 16) into out. Returns the length, or -1 if out_size is
 * smaller than budget + 1. */
int mt_json_put_string(char *out, size_t out_size, const char *s,
                       size_t budget, MtTruncate how);

/* Builds the record with its trailing newline into out (out_size >=
 * MT_JSON_RECORD_MAX). Returns its length (< MT_JSON_RECORD_MAX). */
int mt_json_record_build(const MtJsonRecord *rec, char *out, size_t out_size);

const char *mt_job_status_name(MtJobStatus status);

#endif /* MONTAGE_DRIVER_JSON_RECORD_H */
