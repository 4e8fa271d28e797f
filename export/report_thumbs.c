/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Thumbnails for the report: one ffmpeg run per clip decodes the video and
 * keeps the representative frames (select by frame index n, which counts
 * decoded frames as the filter did, key frames only when it saw only
 * those), scaled and as raw RGB on a pipe; each becomes a PNG in base64
 * for a data: URI.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export/ffmpeg_errors.h"
#include "export/report.h"

static char *base64(const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *s = malloc(4 * ((n + 2) / 3) + 1), *o = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        *o++ = tab[v >> 18 & 63];
        *o++ = tab[v >> 12 & 63];
        *o++ = i + 1 < n ? tab[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? tab[v & 63] : '=';
    }
    *o = 0;
    return s;
}

/* "select='eq(n\,12)+eq(n\,80)',scale=W:H,format=rgb24"; malloc'ed */
static char *filter_graph(const MtShotList *l, int w, int h)
{
    size_t cap = 64 + l->n * 32;
    char *g = malloc(cap);
    if (!g)
        return NULL;
    size_t used = (size_t)snprintf(g, cap, "select='");
    for (size_t i = 0; i < l->n; i++)
        used += (size_t)snprintf(g + used, cap - used, "%seq(n\\,%lld)", i ? "+" : "",
                                 (long long)l->shots[i].representative_frame);
    snprintf(g + used, cap - used, "',scale=%d:%d,format=rgb24", w, h);
    return g;
}

/* A sidecar of a key-frames-only analysis counted key frames only: the
 * decode must skip the same frames for the indexes to agree. */
static int keyframes_only(const MtSidecar *sc)
{
    for (size_t i = 0; i < sc->config.n; i++)
        if (!strcmp(sc->config.entries[i].key, "keyframes_only"))
            return sc->config.entries[i].type == MT_VALUE_BOOL && sc->config.entries[i].i;
    return 0;
}

static int read_full(int fd, unsigned char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 0;
        got += (size_t)r;
    }
    return 1;
}

int mt_report_thumbnails(const char *ffmpeg, const MtExportItem *it, MtThumbnails *out,
                         char *err, size_t errlen)
{
    const MtVideoStream *v = &it->sc->scene.stream;
    const MtShotList *l = &it->shots;
    int w = MT_THUMB_WIDTH, h;
    int fds[2];

    memset(out, 0, sizeof(*out));
    h = v->width > 0 && v->height > 0 ? (int)((double)w * v->height / v->width / 2 + 0.5) * 2 : w * 9 / 16;
    if (h < 2)
        h = 2;
    out->base64 = calloc(l->n ? l->n : 1, sizeof(*out->base64));
    char *graph = filter_graph(l, w, h);
    size_t frame_len = (size_t)w * h * 3;
    unsigned char *rgb = malloc(frame_len);
    /* ffmpeg's stderr goes to a file, not a pipe: read only at the end, it
     * cannot fill up and stall ffmpeg while the frames are read */
    FILE *errs = tmpfile();
    /* file: so that a name with a colon is never taken for a protocol, and
     * ffmpeg's "file:PATH: cause" reads as the cause alone below */
    char *input = malloc(strlen(it->media_path) + 6);
    if (input)
        sprintf(input, "file:%s", it->media_path);
    if (!out->base64 || !graph || !rgb || !errs || !input || pipe(fds) < 0) {
        if (errs)
            fclose(errs);
        free(input);
        snprintf(err, errlen, "thumbnails: %s", errno ? strerror(errno) : "out of memory");
        free(graph);
        free(rgb);
        mt_report_thumbnails_free(out);
        return -1;
    }
    out->n = l->n;
    out->width = w;
    out->height = h;

    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(fds[1], 1);
        dup2(fileno(errs), 2);
        if (devnull >= 0)
            dup2(devnull, 0);
        close(fds[0]);
        close(fds[1]);
        const char *skip = keyframes_only(it->sc) ? "nokey" : "default";
        execlp(ffmpeg, ffmpeg, "-nostdin", "-v", "error", "-skip_frame", skip, "-i", input,
               "-map", "0:v:0", "-vf", graph, "-fps_mode", "passthrough", "-f", "rawvideo", "-",
               (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    int status = 0, taken = 0;
    if (pid > 0) {
        for (size_t i = 0; i < l->n && read_full(fds[0], rgb, frame_len); i++) {
            unsigned char *png;
            size_t png_len;
            if (mt_png_encode(rgb, w, h, &png, &png_len) == 0) {
                out->base64[i] = base64(png, png_len);
                taken += out->base64[i] != NULL;
                free(png);
            }
        }
    }
    close(fds[0]); /* an ffmpeg still writing gets SIGPIPE */
    if (pid > 0)
        waitpid(pid, &status, 0);
    free(input);
    free(graph);
    free(rgb);
    if (pid < 0 || !taken) {
        char text[4096], cause[512];
        size_t n = 0;
        rewind(errs);
        if (pid > 0)
            n = fread(text, 1, sizeof(text) - 1, errs);
        text[n] = 0;
        mt_ffmpeg_error_summary(text, it->media_path, cause, sizeof(cause));
        snprintf(err, errlen, "thumbnails: %s could not decode %s (%s)", ffmpeg, it->media_path,
                 pid < 0 ? strerror(errno)
                 : WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "cannot run it"
                 : n ? cause : "no frame came out");
        fclose(errs);
        mt_report_thumbnails_free(out);
        return -1;
    }
    fclose(errs);
    return 0;
}

void mt_report_thumbnails_free(MtThumbnails *t)
{
    for (size_t i = 0; t->base64 && i < t->n; i++)
        free(t->base64[i]);
    free(t->base64);
    memset(t, 0, sizeof(*t));
}
