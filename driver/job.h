/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The work on one media file, as a small state machine the batch loop
 * drives:
 *   start: stat, cache check (cached -> done), entry lock (busy -> retry
 *          later), source identity, spawn ffprobe          -> PROBING
 *   probe exited: which streams; spawn ffmpeg               -> ANALYSING
 *   ffmpeg exited: sidecars valid?                          -> DONE
 * Anything wrong ends in DONE with status failed and a one-line cause.
 * Only start() does file I/O in the driver process; the decoding is in
 * the children.
 */
#ifndef MONTAGE_DRIVER_JOB_H
#define MONTAGE_DRIVER_JOB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "driver/sidecar_cache.h"
#include "driver/child_process.h"
#include "driver/entry_lock.h"
#include "driver/json_record.h"
#include "driver/probe.h"

struct MtJob;

typedef struct MtJobContext {
    const char *ffmpeg;
    const char *ffprobe;
    const char *cache_dir;     /* NULL: sidecars next to the media */
    int         force;
    int         keyframes;
    int         fast;          /* --fast: run fast_scene instead of ffmpeg */
    const char *fast_scene;    /* montage-fast-scene */
    int         decoder_threads;
    double      timeout_s;     /* 0: none */
    /* Called for each file that ends ok or cached (--export); a negative
     * return fails the file with the cause it wrote into job->error. */
    int       (*on_done)(struct MtJob *job, void *opaque);
    void       *on_done_opaque;
} MtJobContext;

typedef enum MtJobPhase {
    MT_PHASE_NEW = 0,
    MT_PHASE_LOCK_BUSY, /* another driver analyses this file: retry later */
    MT_PHASE_PROBING,
    MT_PHASE_ANALYSING,
    MT_PHASE_DONE,
} MtJobPhase;

#define MT_JOB_KINDS 2 /* index 0: scene, 1: beat */

typedef struct MtJob {
    char       *path;      /* as listed; shown in records and logs */
    char       *real_path; /* absolute: given to the cache and the filters */
    MtJobPhase  phase;
    MtJobStatus status;
    char        error[1024];
    int         ffmpeg_unusable; /* failed because the ffmpeg lacks a Montage
                                    filter: every other file would fail
                                    alike, so the batch stops (error says so) */
    struct stat st;
    char       *sidecar[MT_JOB_KINDS];
    int         want[MT_JOB_KINDS]; /* stream present, analysed this run */
    int         have[MT_JOB_KINDS]; /* sidecar reported in the record */
    MtEntryLock lock;
    MtSidecarCacheIdentity identity;
    MtProbeResult probe;
    MtChild     child;
    char       *out_buf;   /* ffprobe stdout */
    size_t      out_len;
    char        err_buf[4096]; /* tail of the child's stderr */
    size_t      err_len;
    char        prog_buf[1024]; /* unparsed -progress output */
    size_t      prog_len;
    int64_t     out_time_us;
    double      started;   /* monotonic seconds */
    double      deadline;  /* 0: none */
    MtDecodeMode mode;     /* how the video is decoded (ctx->keyframes, ctx->fast) */
    double      seconds;   /* wall time when done */
    int64_t     started_wall_ns;
} MtJob;

MtJob *mt_job_new(const char *path);
void   mt_job_free(MtJob *job);

/* Everything up to spawning ffprobe. Returns the new phase: DONE (cached
 * or failed), LOCK_BUSY or PROBING. */
MtJobPhase mt_job_start(MtJob *job, const MtJobContext *ctx, double now);

/* Reads whatever the child wrote (call when poll says so, and at exit). */
void mt_job_read_pipes(MtJob *job);

/* The child exited with wait status wstatus. Returns the new phase
 * (ANALYSING after the probe, DONE after ffmpeg). */
MtJobPhase mt_job_child_exited(MtJob *job, const MtJobContext *ctx,
                               int wstatus, double now);

/* Kills and reaps the child, removes its temporary files and what it
 * wrote, releases the lock. With a cause, the job ends failed with it;
 * with NULL (interrupted batch) it just ends. */
void mt_job_abort(MtJob *job, const char *cause, double now);

/* Media seconds done so far (for the batch progress). */
double mt_job_media_done(const MtJob *job);

/* The job's JSON record (pointers into job). */
void mt_job_record(const MtJob *job, MtJsonRecord *rec);

#endif /* MONTAGE_DRIVER_JOB_H */
