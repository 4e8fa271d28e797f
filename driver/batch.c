/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The poll loop over the running jobs; see batch.h. */
#include "driver/batch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "driver/signals.h"

#define LOCK_RETRY_S 0.5 /* how soon to look again at a file another driver holds */

typedef struct Waiting {
    MtJob *job;
    double retry_at;
} Waiting;

typedef struct Batch {
    const MtFileList   *list;
    const MtJobContext *ctx;
    MtOutput           *out;
    MtBatchResult      *result;
    size_t   next;        /* next file of the list to start */
    MtJob  **running;     /* jobs slots, NULL when free */
    int      slots;
    int      n_running;
    Waiting *waiting;     /* files busy in another driver */
    size_t   n_waiting;
    double   started;
    double   media_done_s; /* of finished jobs */
    double   media_known_s; /* probed durations so far */
    size_t   n_probed;
    size_t   files_done;
    char     stop_cause[1024]; /* an ffmpeg-wide failure: the batch stops */
} Batch;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report(Batch *b, MtJob *job)
{
    MtJsonRecord rec;
    if (job->ffmpeg_unusable) {
        /* not this file's fault: no record, and one message for the batch
         * (files failing alike at the same moment add nothing) */
        if (!b->stop_cause[0])
            snprintf(b->stop_cause, sizeof(b->stop_cause), "%s", job->error);
        return;
    }
    if (job->status != MT_JOB_FAILED && b->ctx->on_done &&
        b->ctx->on_done(job, b->ctx->on_done_opaque) < 0)
        job->status = MT_JOB_FAILED;
    mt_job_record(job, &rec);
    switch (job->status) {
    case MT_JOB_OK:
        b->result->ok++;
        mt_output_log(b->out, 2, "%s: analysed in %.1f s", job->path, job->seconds);
        break;
    case MT_JOB_CACHED:
        b->result->cached++;
        mt_output_log(b->out, 2, "%s: cached", job->path);
        break;
    case MT_JOB_FAILED:
        b->result->failed++;
        mt_output_log(b->out, 0, "%s: %s", job->path, job->error);
        break;
    }
    mt_output_record(b->out, &rec);
    b->files_done++;
    b->media_done_s += job->probe.duration_s;
}

static void progress(Batch *b, double now, int force)
{
    MtBatchProgress p = {
        .files_total = b->list->n,
        .files_done  = b->files_done,
        .elapsed_s   = now - b->started,
        .media_done_s = b->media_done_s,
    };
    if (!b->out->bar)
        return;
    for (int i = 0; i < b->slots; i++)
        if (b->running[i])
            p.media_done_s += mt_job_media_done(b->running[i]);
    /* files not probed yet count as the mean of those probed */
    double mean = b->n_probed ? b->media_known_s / (double)b->n_probed : 0;
    p.media_total_s = b->media_known_s + mean * (double)(b->list->n - b->n_probed);
    mt_output_progress(b->out, &p, now, force);
}

static void settle(Batch *b, MtJob *job, int slot)
{
    report(b, job);
    mt_job_free(job);
    if (slot >= 0) {
        b->running[slot] = NULL;
        b->n_running--;
    }
}

/* Starts job (new or back from waiting) in a free slot, or settles it. */
static void launch(Batch *b, MtJob *job, double now)
{
    MtJobPhase phase = mt_job_start(job, b->ctx, now);
    if (phase == MT_PHASE_DONE) {
        settle(b, job, -1);
    } else if (phase == MT_PHASE_LOCK_BUSY) {
        mt_output_log(b->out, 2, "%s: being analysed by another driver, will look again", job->path);
        b->waiting[b->n_waiting].job = job;
        b->waiting[b->n_waiting].retry_at = now + LOCK_RETRY_S;
        b->n_waiting++;
    } else {
        mt_output_log(b->out, 2, "%s: started", job->path);
        for (int i = 0; i < b->slots; i++) {
            if (!b->running[i]) {
                b->running[i] = job;
                b->n_running++;
                return;
            }
        }
    }
}

static void fill_slots(Batch *b, double now)
{
    while (b->n_running < b->slots) {
        MtJob *job = NULL;
        for (size_t i = 0; i < b->n_waiting; i++) {
            if (b->waiting[i].retry_at <= now) {
                job = b->waiting[i].job;
                b->waiting[i] = b->waiting[--b->n_waiting];
                break;
            }
        }
        if (!job) {
            if (b->next >= b->list->n)
                return;
            job = mt_job_new(b->list->entries[b->next++].path);
            if (!job) {
                mt_output_log(b->out, 0, "out of memory");
                b->result->failed++;
                b->files_done++;
                continue;
            }
        }
        launch(b, job, now);
        if (mt_signals_drain())
            return;
    }
}

static void reap(Batch *b, double now)
{
    for (int i = 0; i < b->slots; i++) {
        MtJob *job = b->running[i];
        int wstatus;
        if (!job)
            continue;
        pid_t r = waitpid(job->child.pid, &wstatus, WNOHANG);
        if (r == job->child.pid) {
            int was_probing = job->phase == MT_PHASE_PROBING;
            MtJobPhase phase = mt_job_child_exited(job, b->ctx, wstatus, now);
            if (was_probing && job->probe.duration_s > 0) {
                b->media_known_s += job->probe.duration_s;
                b->n_probed++;
            }
            if (phase == MT_PHASE_DONE)
                settle(b, job, i);
        } else if (job->deadline > 0 && now >= job->deadline) {
            char cause[64];
            snprintf(cause, sizeof(cause), "timed out after %gs", b->ctx->timeout_s);
            mt_job_abort(job, cause, now);
            settle(b, job, i);
        }
    }
}

static int wait_for_events(Batch *b, int signal_fd, double now)
{
    struct pollfd *fds = calloc((size_t)b->slots * 3 + 1, sizeof(*fds));
    MtJob **owners = calloc((size_t)b->slots * 3 + 1, sizeof(*owners));
    int n = 0;
    double timeout = 1.0;
    if (!fds || !owners) {
        free(fds);
        free(owners);
        return -1;
    }
    fds[n].fd = signal_fd;
    fds[n++].events = POLLIN;
    for (int i = 0; i < b->slots; i++) {
        MtJob *job = b->running[i];
        if (!job)
            continue;
        int pipe_fds[3] = { job->child.stdout_fd, job->child.stderr_fd, job->child.progress_fd };
        for (int k = 0; k < 3; k++) {
            if (pipe_fds[k] < 0)
                continue;
            owners[n] = job;
            fds[n].fd = pipe_fds[k];
            fds[n++].events = POLLIN;
        }
        if (job->deadline > 0 && job->deadline - now < timeout)
            timeout = job->deadline - now;
    }
    for (size_t i = 0; i < b->n_waiting; i++)
        if (b->waiting[i].retry_at - now < timeout)
            timeout = b->waiting[i].retry_at - now;
    if (b->out->bar && timeout > 0.25)
        timeout = 0.25;
    if (timeout < 0)
        timeout = 0;
    /* SIGCHLD wakes us through the signal pipe; the timeout is a safety net */
    int r = poll(fds, (nfds_t)n, (int)(timeout * 1000) + 1);
    if (r > 0)
        for (int i = 1; i < n; i++)
            if (fds[i].revents)
                mt_job_read_pipes(owners[i]);
    free(fds);
    free(owners);
    return 0;
}

static void stop_all(Batch *b, double now)
{
    for (int i = 0; i < b->slots; i++) {
        if (b->running[i]) {
            mt_job_abort(b->running[i], NULL, now);
            mt_job_free(b->running[i]);
            b->running[i] = NULL;
        }
    }
    b->n_running = 0;
    for (size_t i = 0; i < b->n_waiting; i++)
        mt_job_free(b->waiting[i].job);
    b->n_waiting = 0;
}

void mt_batch_run(const MtFileList *list, const MtJobContext *ctx, int jobs,
                  int signal_fd, MtOutput *out, MtBatchResult *result)
{
    Batch b = { .list = list, .ctx = ctx, .out = out, .result = result, .slots = jobs };
    memset(result, 0, sizeof(*result));
    b.running = calloc((size_t)jobs, sizeof(*b.running));
    b.waiting = calloc(list->n + 1, sizeof(*b.waiting));
    if (!b.running || !b.waiting) {
        mt_output_log(out, 0, "out of memory");
        result->failed = list->n;
        free(b.running);
        free(b.waiting);
        return;
    }
    b.started = now_s();
    progress(&b, b.started, 1);
    for (;;) {
        double now = now_s();
        if ((result->stop_signal = mt_signals_drain()))
            break;
        fill_slots(&b, now);
        if ((result->stop_signal = mt_signals_drain()))
            break;
        if (!b.n_running && !b.n_waiting && b.next >= list->n)
            break;
        progress(&b, now, 0);
        if (wait_for_events(&b, signal_fd, now) < 0) {
            result->stop_signal = SIGTERM; /* cannot poll: stop cleanly */
            break;
        }
        reap(&b, now_s());
        if (b.stop_cause[0])
            break;
    }
    if (b.stop_cause[0]) {
        mt_output_clear_bar(out);
        stop_all(&b, now_s());
        result->ffmpeg_unusable = 1;
        mt_output_log(out, 0, "%s: stopped, %zu file(s) not analysed", b.stop_cause,
                      list->n - b.files_done);
    } else if (result->stop_signal) {
        mt_output_clear_bar(out);
        stop_all(&b, now_s());
        mt_output_log(out, 1, "interrupted: stopped all analyses, %zu file(s) not done",
                      list->n - b.files_done);
    } else {
        progress(&b, now_s(), 1);
        mt_output_clear_bar(out);
    }
    free(b.running);
    free(b.waiting);
}

int mt_batch_exit_status(const MtBatchResult *result)
{
    if (result->stop_signal)
        return 128 + result->stop_signal;
    if (result->ffmpeg_unusable)
        return 2;
    return result->failed ? 1 : 0;
}
