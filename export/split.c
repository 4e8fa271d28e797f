/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* One file per shot with ffmpeg (see split.h). */
#define _DEFAULT_SOURCE /* syscall, for renameat2 where libc lacks it */
#include "export/split.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export/ffmpeg_errors.h"

/* Cut points sit this far before a frame's recorded time, so the frame
 * printed to 6 decimals is never taken for one after the cut; far less
 * than any frame interval (10 kHz). */
#define CUT_LEAD_S 0.0001

/* Bytes of ffmpeg's stderr kept: its head (the root cause comes first)
 * and its tail (the consequence last); a decode that reports damage on
 * every frame prints far more, and its middle says nothing new. */
#define STDERR_KEEP 8192

/* The first SIGINT, SIGTERM or SIGHUP that arrived while splitting: the
 * running ffmpeg is stopped, its piece removed, then the signal is
 * raised again with the caller's handling (the process ends as it would
 * have, with no temporary piece left behind). */
static volatile sig_atomic_t stop_signal;
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_STOP_SIGNALS (sizeof(stop_signals) / sizeof(stop_signals[0]))

static void on_stop(int sig)
{
    if (!stop_signal)
        stop_signal = sig;
}

/* Catches the stop signals the process does not ignore (a batch started
 * with nohup keeps ignoring SIGHUP), and blocks them: they are let in
 * only while waiting on ffmpeg (pselect in run), so one that lands
 * between the check of stop_signal and the wait is not lost until the
 * piece is done, it ends that wait at once. *wait_mask gets the mask to
 * wait under, *old_mask the caller's. */
static void catch_stop_signals(struct sigaction old[N_STOP_SIGNALS], sigset_t *old_mask,
                               sigset_t *wait_mask)
{
    struct sigaction sa;
    sigset_t block;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigemptyset(&block);
    stop_signal = 0;
    for (size_t i = 0; i < N_STOP_SIGNALS; i++) {
        sigaction(stop_signals[i], NULL, &old[i]);
        if (old[i].sa_handler != SIG_IGN)
            sigaction(stop_signals[i], &sa, NULL);
        sigaddset(&block, stop_signals[i]);
    }
    sigprocmask(SIG_BLOCK, &block, old_mask);
    *wait_mask = *old_mask;
    for (size_t i = 0; i < N_STOP_SIGNALS; i++)
        sigdelset(wait_mask, stop_signals[i]);
}

static void release_stop_signals(const struct sigaction old[N_STOP_SIGNALS],
                                 const sigset_t *old_mask)
{
    sigprocmask(SIG_SETMASK, old_mask, NULL);
    for (size_t i = 0; i < N_STOP_SIGNALS; i++)
        sigaction(stop_signals[i], &old[i], NULL);
    if (stop_signal)
        raise(stop_signal);
}

/* Runs argv with stdin and stdout on /dev/null, in a process group of
 * its own (a --ffmpeg wrapper that does not exec is stopped with the
 * ffmpeg it started); on failure err gets "ARGV0 failed: " and the
 * one-line summary of what it wrote on stderr (export/ffmpeg_errors.h:
 * the first line and the last). Called with the stop signals blocked:
 * they are let in (wait_mask) only in pselect, and the first is passed
 * on to the whole group. */
static int run(char *const argv[], const sigset_t *child_mask, const sigset_t *wait_mask,
               char *err, size_t errlen)
{
    int fds[2];
    if (pipe(fds) < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        /* a stop signal sent before exec must end the child, not be
         * recorded in its copy of stop_signal: default handling first
         * (an ignored one stays ignored), then the caller's mask */
        for (size_t i = 0; i < N_STOP_SIGNALS; i++) {
            struct sigaction cur;
            sigaction(stop_signals[i], NULL, &cur);
            if (cur.sa_handler == on_stop)
                signal(stop_signals[i], SIG_DFL);
        }
        sigprocmask(SIG_SETMASK, child_mask, NULL);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 1);
        }
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (pid > 0)
        setpgid(pid, pid); /* also here: a kill of the group may come first */
    close(fds[1]);
    char buf[STDERR_KEEP + 1];
    size_t used = 0;
    int forwarded = 0;
    for (;;) {
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(fds[0], &rd);
        int n = pselect(fds[0] + 1, &rd, NULL, NULL, NULL, wait_mask);
        /* a signal sent to this process alone (kill PID), or to the
         * terminal's group (ffmpeg is not in it): the group stops too */
        if (stop_signal && !forwarded && pid > 0) {
            kill(-pid, stop_signal);
            forwarded = 1;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        ssize_t r = read(fds[0], buf + used, STDERR_KEEP - used);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        used += (size_t)r;
        if (used == STDERR_KEEP) { /* keep the first half, drop the oldest of the rest */
            memmove(buf + STDERR_KEEP / 2, buf + STDERR_KEEP * 3 / 4, STDERR_KEEP / 4);
            used = STDERR_KEEP * 3 / 4;
        }
    }
    close(fds[0]);
    int status = 0;
    pid_t w;
    while (pid > 0 && (w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    if (pid < 0 || w < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    buf[used] = 0;
    char cause[512];
    mt_ffmpeg_error_summary(buf, NULL, cause, sizeof(cause));
    snprintf(err, errlen, "%s failed: %s", argv[0], cause);
    return -1;
}

/* The cause first and the piece by its file name alone: the output
 * directory is the -d given (or the media's), and a long one cut the end
 * of the line off. */
static void refuse_existing(const char *path, char *err, size_t errlen)
{
    snprintf(err, errlen, "split never overwrites: %s is already in the output directory (an "
             "earlier split, of this clip or of another of that name); remove the old pieces or "
             "choose another -d", mt_export_basename(path));
}

/* Makes the temporary piece for ffmpeg to write (-y) before it runs:
 * O_EXCL, so the name is ours alone (another split of a clip of that
 * name, a link planted there: those take another name), with the pid in
 * it so concurrent splits do not even meet. The name holds no stem: any
 * piece name the file system takes (a stem up to NAME_MAX less
 * "-shot-NNN.EXT") must have a temporary it takes too; the extension
 * stays last, as ffmpeg picks the format from it. The fd is closed
 * (ffmpeg opens the name itself); the mode is 0666 less the umask, as
 * ffmpeg would create it. 0, or -errno. */
static int make_temporary(char *tmp, size_t tmplen, const char *dir, const char *ext)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        if (snprintf(tmp, tmplen, "%s/.montage-split.%ld-%d.part.%s", dir, (long)getpid(), attempt,
                     ext) >= (int)tmplen)
            return -ENAMETOOLONG;
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            close(fd);
            return 0;
        }
        if (errno != EEXIST) /* EEXIST: one left by a crashed split of this pid */
            return -errno;
    }
    return -EEXIST;
}

/* Publishes the finished temporary under its piece's name, never over a
 * file there: the up-front check cannot see one made while ffmpeg ran
 * (another split of that name into DIR). link fails with EEXIST instead
 * of replacing; a file system without hard links (FAT) gets
 * renameat2's RENAME_NOREPLACE (Linux), which refuses the same way.
 * 0 (tmp gone), or -errno (tmp left to the caller). */
static int publish_piece(const char *tmp, const char *path)
{
    if (link(tmp, path) == 0) {
        unlink(tmp);
        return 0;
    }
    int err = errno;
    if (err != EPERM && err != EOPNOTSUPP && err != ENOSYS)
        return -err;
#ifdef SYS_renameat2
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1 /* linux/fs.h */
#endif
    if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -errno;
#endif
    return -err; /* neither can refuse to replace: not done */
}

static int split_all(const char *ffmpeg, const MtExportItem *it, MtSplitMode mode, const char *dir,
                     const sigset_t *child_mask, const sigset_t *wait_mask, char *err, size_t errlen)
{
    const MtShotList *l = &it->shots;
    const char *base = mt_export_basename(it->media_path);
    const char *dot = strrchr(base, '.');
    int stem_len = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
    const char *ext = dot && dot != base ? dot + 1 : "mkv";

    /* never over an earlier split's pieces: two clips of one name (a/clip.mp4,
     * b/clip.mp4) split into one DIR had the second's replace the first's.
     * Every name is checked before ffmpeg runs, so a refusal writes
     * nothing. */
    for (size_t i = 0; i < l->n; i++) {
        char path[4096];
        struct stat st;
        if (snprintf(path, sizeof(path), "%s/%.*s-shot-%03zu.%s", dir, stem_len, base, i + 1, ext) >=
            (int)sizeof(path)) {
            snprintf(err, errlen, "output path too long");
            return -1;
        }
        if (lstat(path, &st) == 0) {
            refuse_existing(path, err, errlen);
            return -1;
        }
    }
    for (size_t i = 0; i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        char start[32], length[32], path[4096], tmp[4096];
        /* a stream copy starts at the key frame at or before the seek point,
         * so it seeks just after the frame's time; a re-encode keeps frames
         * from the seek point on, so it seeks just before */
        double lead = mode == MT_SPLIT_COPY ? -CUT_LEAD_S : CUT_LEAD_S;
        double a = l->t0 + s->t_start - lead, b = l->t0 + s->t_end - CUT_LEAD_S;
        snprintf(start, sizeof(start), "%.6f", a > 0 ? a : 0);
        snprintf(length, sizeof(length), "%.6f", b - (a > 0 ? a : 0));
        if (snprintf(path, sizeof(path), "%s/%.*s-shot-%03zu.%s", dir, stem_len, base, i + 1, ext) >=
            (int)sizeof(path)) {
            snprintf(err, errlen, "output path too long");
            return -1;
        }
        int made = make_temporary(tmp, sizeof(tmp), dir, ext);
        if (made < 0) {
            snprintf(err, errlen, "cannot create a temporary piece in the output directory %s: %s",
                     dir, strerror(-made));
            return -1;
        }
        /* input seeking: with -c copy from the key frame at or before the
         * start; re-encoding decodes from there and drops what is before */
        char *copy_argv[] = { (char *)ffmpeg, "-nostdin", "-v", "error", "-y", "-ss", start, "-i",
                              it->media_path, "-t", length, "-map", "0", "-c", "copy",
                              "-avoid_negative_ts", "make_zero", tmp, NULL };
        char *exact_argv[] = { (char *)ffmpeg, "-nostdin", "-v", "error", "-y", "-ss", start, "-i",
                               it->media_path, "-t", length, "-map", "0:v:0", "-map", "0:a?",
                               "-fps_mode", "passthrough", tmp, NULL };
        char why[PATH_MAX + 768]; /* "FFMPEG failed: " and a 512-byte cause */
        /* the stop signals are blocked here: none can land between this
         * check and run's wait without ending that wait */
        int ret = stop_signal ? -1 : run(mode == MT_SPLIT_COPY ? copy_argv : exact_argv,
                                         child_mask, wait_mask, why, sizeof(why));
        if (stop_signal) {
            unlink(tmp);
            snprintf(err, errlen, "interrupted by signal %d", (int)stop_signal);
            return -1;
        }
        if (ret < 0) {
            snprintf(err, errlen, "shot %zu of %zu: %s", i + 1, l->n, why);
            unlink(tmp);
            return -1;
        }
        /* a piece appears under its name only when ffmpeg finished it */
        int published = publish_piece(tmp, path);
        if (published < 0) {
            if (published == -EEXIST)
                refuse_existing(path, err, errlen);
            else
                snprintf(err, errlen, "%s: %s", path, strerror(-published));
            unlink(tmp);
            return -1;
        }
        mt_export_line_field(stdout, path); /* one name a line, whatever it holds */
        putchar('\n');
    }
    return 0;
}

int mt_split_clip(const char *ffmpeg, const MtExportItem *it, MtSplitMode mode, const char *dir,
                  char *err, size_t errlen)
{
    struct sigaction old[N_STOP_SIGNALS];
    sigset_t old_mask, wait_mask;
    catch_stop_signals(old, &old_mask, &wait_mask);
    int ret = split_all(ffmpeg, it, mode, dir, &old_mask, &wait_mask, err, errlen);
    fflush(stdout); /* the names of the pieces done, before a signal ends the process */
    release_stop_signals(old, &old_mask);
    return ret;
}
