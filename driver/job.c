/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* One file's analysis as a state machine; see job.h. */
#define _DEFAULT_SOURCE /* realpath */
#include "driver/job.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "driver/ffmpeg_args.h"
#include "driver/filter_check.h"
#include "driver/progress.h"
#include "driver/temp_cleanup.h"
#include "export/ffmpeg_errors.h"

#define PROBE_OUT_MAX 65536

static const MtSidecarKind kinds[MT_JOB_KINDS] = { MT_KIND_SCENE, MT_KIND_BEAT };

MtJob *mt_job_new(const char *path)
{
    MtJob *job = calloc(1, sizeof(*job));
    if (!job || !(job->path = strdup(path))) {
        free(job);
        return NULL;
    }
    job->lock.fd = -1;
    job->child.stdout_fd = job->child.stderr_fd = job->child.progress_fd = -1;
    return job;
}

void mt_job_free(MtJob *job)
{
    if (!job)
        return;
    mt_child_close_pipes(&job->child);
    mt_entry_lock_release(&job->lock);
    for (int k = 0; k < MT_JOB_KINDS; k++)
        free(job->sidecar[k]);
    free(job->out_buf);
    free(job->real_path);
    free(job->path);
    free(job);
}

static MtJobPhase finish(MtJob *job, MtJobStatus status, double now)
{
    job->status = status;
    job->phase = MT_PHASE_DONE;
    job->seconds = now - job->started;
    mt_entry_lock_release(&job->lock);
    return MT_PHASE_DONE;
}

static MtJobPhase fail(MtJob *job, double now, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static MtJobPhase fail(MtJob *job, double now, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(job->error, sizeof(job->error), fmt, ap);
    va_end(ap);
    return finish(job, MT_JOB_FAILED, now);
}

static int64_t wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Cached: at least one kind valid and none stale or corrupt. A kind that
 * is missing next to a valid one is a stream the file does not have (the
 * driver removes sidecars of failed runs, and stale ones of streams that
 * are gone, so a lone missing kind cannot be a half-done analysis). */
static int is_cached(MtJob *job)
{
    int valid = 0;
    for (int k = 0; k < MT_JOB_KINDS; k++) {
        MtSidecarCacheState s = mt_sidecar_cache_check(job->sidecar[k], job->real_path, kinds[k],
                                                       job->mode, 0, NULL, 0);
        job->have[k] = s == MT_SIDECAR_CACHE_VALID;
        if (s == MT_SIDECAR_CACHE_STALE || s == MT_SIDECAR_CACHE_CORRUPT)
            return 0;
        valid += job->have[k];
    }
    return valid > 0;
}

static int spawn(MtJob *job, MtArgList *args, int pipes, const MtChildPreExec *pre_exec)
{
    if (args->failed) {
        mt_arg_list_free(args);
        return -ENOMEM;
    }
    job->err_len = 0;
    job->err_buf[0] = '\0';
    int ret = mt_child_spawn(&job->child, args->argv, pipes, pre_exec);
    mt_arg_list_free(args);
    return ret;
}

MtJobPhase mt_job_start(MtJob *job, const MtJobContext *ctx, double now)
{
    char path_buf[PATH_MAX + 64];
    char lock_path[PATH_MAX + 64];
    char err[256];

    job->started = now;
    job->started_wall_ns = wall_ns();
    job->deadline = ctx->timeout_s > 0 ? now + ctx->timeout_s : 0;
    job->mode = ctx->fast ? MT_DECODE_FAST : ctx->keyframes ? MT_DECODE_KEYFRAMES : MT_DECODE_FULL;
    job->phase = MT_PHASE_NEW;

    if (stat(job->path, &job->st) < 0)
        return fail(job, now, "%s", strerror(errno));
    if (S_ISDIR(job->st.st_mode))
        return fail(job, now, "is a directory, not a media file");
    if (!S_ISREG(job->st.st_mode))
        return fail(job, now, "not a regular file");
    if (job->st.st_size == 0)
        return fail(job, now, "empty file");
    if (!job->real_path && !(job->real_path = realpath(job->path, NULL)))
        return fail(job, now, "%s", strerror(errno));

    for (int k = 0; k < MT_JOB_KINDS; k++) {
        if (job->sidecar[k])
            continue;
        if (mt_sidecar_cache_path(job->real_path, kinds[k], ctx->cache_dir,
                                  path_buf, sizeof(path_buf)) < 0 ||
            !(job->sidecar[k] = strdup(path_buf)))
            return fail(job, now, "sidecar path too long");
    }
    /* the warm path: stat identity only, no process, no hashing */
    if (!ctx->force && is_cached(job))
        return finish(job, MT_JOB_CACHED, now);
    memset(job->have, 0, sizeof(job->have));

    int fd = open(job->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(job, now, "cannot open: %s", strerror(errno));
    close(fd);

    if (mt_entry_lock_path(job->sidecar[0], lock_path, sizeof(lock_path)) < 0)
        return fail(job, now, "sidecar path too long");
    int lock = mt_entry_lock_try(&job->lock, lock_path);
    if (lock == MT_LOCK_BUSY) {
        job->phase = MT_PHASE_LOCK_BUSY;
        return job->phase;
    }
    if (lock < 0) {
        if (lock == -EACCES || lock == -EROFS || lock == -EPERM)
            return fail(job, now, ctx->cache_dir ? "cannot write in the cache directory: %s"
                                                 : "cannot write next to the media: %s (use --cache-dir)",
                        strerror(-lock));
        return fail(job, now, "cannot create lock file %s: %s", lock_path,
                    lock == -ELOOP  ? "a symbolic link is there (not followed)"
                    : lock == -EINVAL ? "no regular file is there"
                                      : strerror(-lock));
    }
    /* another driver may have finished it while we waited for the lock */
    if (!ctx->force && is_cached(job))
        return finish(job, MT_JOB_CACHED, now);
    memset(job->have, 0, sizeof(job->have));

    /* stat part now; the content digest is computed by the probe child
     * (mt_probe_hash_before_exec), so a large file never stalls the loop */
    if (mt_sidecar_cache_identity(job->real_path, 0, &job->identity, err, sizeof(err)) < 0)
        return fail(job, now, "%s", err);

    MtArgList args;
    mt_arg_list_init(&args);
    mt_probe_build_args(&args, ctx->ffprobe, job->real_path);
    if (!job->out_buf && !(job->out_buf = malloc(PROBE_OUT_MAX)))
        return fail(job, now, "out of memory");
    job->out_len = 0;
    job->out_buf[0] = '\0';
    MtChildPreExec hash = { mt_probe_hash_before_exec, job->real_path };
    int ret = spawn(job, &args, MT_CHILD_PIPE_STDOUT, &hash);
    if (ret < 0)
        return fail(job, now, "cannot start ffprobe: %s", strerror(-ret));
    job->phase = MT_PHASE_PROBING;
    return job->phase;
}

static void parse_progress(MtJob *job)
{
    /* only whole lines; keep a partial last line for the next read */
    char *last_nl = strrchr(job->prog_buf, '\n');
    if (!last_nl)
        return;
    last_nl[0] = '\0';
    int64_t us;
    if (mt_progress_parse_out_time(job->prog_buf, &us))
        job->out_time_us = us;
    size_t rest = job->prog_len - (size_t)(last_nl + 1 - job->prog_buf);
    memmove(job->prog_buf, last_nl + 1, rest + 1);
    job->prog_len = rest;
}

void mt_job_read_pipes(MtJob *job)
{
    MtChild *c = &job->child;
    if (c->stdout_fd >= 0)
        mt_child_drain(&c->stdout_fd, job->out_buf, PROBE_OUT_MAX, &job->out_len);
    if (c->stderr_fd >= 0)
        mt_child_drain(&c->stderr_fd, job->err_buf, sizeof(job->err_buf), &job->err_len);
    if (c->progress_fd >= 0) {
        mt_child_drain(&c->progress_fd, job->prog_buf, sizeof(job->prog_buf), &job->prog_len);
        parse_progress(job);
    }
}

static void describe_exit(int wstatus, char *out, size_t out_size)
{
    if (WIFEXITED(wstatus))
        snprintf(out, out_size, "exit status %d", WEXITSTATUS(wstatus));
    else if (WIFSIGNALED(wstatus))
        snprintf(out, out_size, "killed by signal %d", WTERMSIG(wstatus));
    else
        snprintf(out, out_size, "wait status %d", wstatus);
}

/* Removes sidecars the job's child may have written (a failed run must
 * not leave a half set that would look cached). */
static void remove_written_sidecars(MtJob *job)
{
    for (int k = 0; k < MT_JOB_KINDS; k++) {
        struct stat st;
        if (!job->want[k] || stat(job->sidecar[k], &st) < 0)
            continue;
        int64_t m = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        if (m >= job->started_wall_ns - 1000000000)
            unlink(job->sidecar[k]);
    }
}

static void remove_child_temps(MtJob *job, pid_t pid)
{
    for (int k = 0; k < MT_JOB_KINDS; k++)
        if (job->want[k])
            mt_temp_cleanup_for_pid(job->sidecar[k], pid);
    if (job->mode == MT_DECODE_FAST)
        mt_fast_tmp_cleanup_for_pid(pid);
}

static MtJobPhase probe_done(MtJob *job, const MtJobContext *ctx, int wstatus, double now)
{
    char line[512], how[64];
    if (mt_probe_take_digest(job->out_buf, job->identity.digest,
                             sizeof(job->identity.digest), line, sizeof(line)) < 0)
        return fail(job, now, "%s", line);
    job->identity.id.digest = job->identity.digest;
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        mt_ffmpeg_error_summary(job->err_buf, job->real_path, line, sizeof(line));
        describe_exit(wstatus, how, sizeof(how));
        return fail(job, now, "not readable as media (ffprobe %s): %s", how, line);
    }
    mt_probe_parse(job->out_buf, &job->probe);
    const char *why = mt_probe_rejection(&job->probe);
    if (why)
        return fail(job, now, "%s", why);
    job->want[0] = job->probe.has_video;
    job->want[1] = job->probe.has_audio;

    MtAnalysisCommand cmd = {
        .ffmpeg          = ctx->ffmpeg,
        .input_path      = job->real_path,
        .scene_sidecar   = job->want[0] ? job->sidecar[0] : NULL,
        .beat_sidecar    = job->want[1] ? job->sidecar[1] : NULL,
        .source          = &job->identity.id,
        /* key frames only end at the last key frame, short of the stream:
         * their coverage is not compared */
        .scene_duration_s = ctx->keyframes ? 0 : job->probe.video_duration_s,
        .beat_duration_s  = job->probe.audio_duration_s,
        .decoder_threads = ctx->decoder_threads,
        .keyframes_only  = ctx->keyframes,
        .progress_fd     = MT_CHILD_PROGRESS_FD,
    };
    MtArgList args;
    mt_arg_list_init(&args);
    if (ctx->fast && job->want[0])
        mt_ffmpeg_build_fast_args(&cmd, ctx->fast_scene, ctx->ffprobe, &args);
    else
        mt_ffmpeg_build_args(&cmd, &args);
    job->prog_len = 0;
    job->prog_buf[0] = '\0';
    int ret = spawn(job, &args, MT_CHILD_PIPE_PROGRESS, NULL);
    if (ret < 0)
        return fail(job, now, "cannot start ffmpeg: %s", strerror(-ret));
    job->phase = MT_PHASE_ANALYSING;
    return job->phase;
}

static MtJobPhase analysis_done(MtJob *job, const MtJobContext *ctx, int wstatus, double now)
{
    char line[512], how[64];
    pid_t pid = job->child.pid;
    job->child.pid = 0;
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        remove_child_temps(job, pid);
        remove_written_sidecars(job);
        char filter[64];
        /* a stderr line is only a hint (a wrapper may print it, or a
         * path contain it): stop the batch only when the ffmpeg, asked,
         * confirms it lacks the filter */
        if (mt_ffmpeg_lacks_montage_filter(job->err_buf, filter, sizeof(filter)) &&
            mt_ffmpeg_has_filter(ctx->ffmpeg, filter) == 0) {
            job->ffmpeg_unusable = 1;
            return fail(job, now, "%s has no %s filter (it is not an ffmpeg built with the "
                        "Montage filters; choose one with --ffmpeg or MONTAGE_FFMPEG)",
                        ctx->ffmpeg, filter);
        }
        mt_ffmpeg_error_summary(job->err_buf, job->real_path, line, sizeof(line));
        describe_exit(wstatus, how, sizeof(how));
        return fail(job, now, "ffmpeg %s: %s", how, line);
    }
    for (int k = 0; k < MT_JOB_KINDS; k++) {
        char why[256];
        /* against the probe just made; -1: it found no duration */
        double probed = k ? job->probe.audio_duration_s
                          : job->mode == MT_DECODE_KEYFRAMES ? -1 : job->probe.video_duration_s;
        MtSidecarCacheState s = mt_sidecar_cache_check(job->sidecar[k], job->real_path, kinds[k],
                                                       job->mode, probed > 0 ? probed : -1,
                                                       why, sizeof(why));
        if (job->want[k] && s != MT_SIDECAR_CACHE_VALID) {
            remove_written_sidecars(job);
            return fail(job, now, "ffmpeg succeeded but the %s sidecar is %s: %s",
                        k ? "beat" : "scene", mt_sidecar_cache_state_name(s), why);
        }
        /* a stream that is gone (the file was replaced): its old sidecar
         * would make every later run think the file is stale */
        if (!job->want[k] && s != MT_SIDECAR_CACHE_MISSING)
            unlink(job->sidecar[k]);
        job->have[k] = job->want[k];
    }
    return finish(job, MT_JOB_OK, now);
}

MtJobPhase mt_job_child_exited(MtJob *job, const MtJobContext *ctx,
                               int wstatus, double now)
{
    mt_job_read_pipes(job);
    mt_child_close_pipes(&job->child);
    if (job->phase == MT_PHASE_PROBING) {
        job->child.pid = 0;
        return probe_done(job, ctx, wstatus, now);
    }
    return analysis_done(job, ctx, wstatus, now);
}

void mt_job_abort(MtJob *job, const char *cause, double now)
{
    pid_t pid = job->child.pid;
    if (pid > 0) {
        int wstatus;
        mt_child_kill(&job->child);
        while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
            ;
        job->child.pid = 0;
        mt_child_close_pipes(&job->child);
        if (job->phase == MT_PHASE_ANALYSING) {
            remove_child_temps(job, pid);
            remove_written_sidecars(job);
        }
    }
    if (cause)
        fail(job, now, "%s", cause);
    else
        finish(job, MT_JOB_FAILED, now);
}

double mt_job_media_done(const MtJob *job)
{
    double d = job->probe.duration_s;
    if (job->phase == MT_PHASE_DONE)
        return d;
    if (job->phase != MT_PHASE_ANALYSING)
        return 0;
    double t = (double)job->out_time_us / 1e6;
    return d > 0 && t > d ? d : t;
}

void mt_job_record(const MtJob *job, MtJsonRecord *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->path = job->path;
    rec->status = job->status;
    rec->seconds = job->seconds;
    rec->error = job->status == MT_JOB_FAILED ? job->error : NULL;
    for (int k = 0; k < MT_JOB_KINDS; k++)
        if (job->status != MT_JOB_FAILED && job->have[k] && job->sidecar[k])
            rec->sidecars[rec->n_sidecars++] = job->sidecar[k];
}
