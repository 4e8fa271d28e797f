/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Records, logs and the bar; see output.h. */
#include "driver/output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cache/atomic_file.h"
#include "export/export.h"

void mt_output_clear_bar(MtOutput *out)
{
    if (out->bar_shown) {
        (void)mt_write_all(2, "\r\033[K", 4);
        out->bar_shown = 0;
    }
}

static void draw_bar(MtOutput *out)
{
    char line[300];
    int n = snprintf(line, sizeof(line), "\r%s\033[K", out->bar_line);
    if (n > 0)
        (void)mt_write_all(2, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
    out->bar_shown = 1;
}

void mt_output_record(MtOutput *out, const MtJsonRecord *rec)
{
    char buf[MT_JSON_RECORD_MAX];
    if (!out->json || out->stdout_broken)
        return;
    int len = mt_json_record_build(rec, buf, sizeof(buf));
    if (len <= 0)
        return;
    /* one write: records of parallel drivers sharing a pipe never mix */
    ssize_t w;
    do {
        w = write(1, buf, (size_t)len);
    } while (w < 0 && errno == EINTR);
    if (w == len)
        return;
    /* A full disk, a reader gone (EPIPE: SIGPIPE is ignored): said once;
     * the batch goes on, its sidecars are the product, and the exit status
     * says records were lost. A short write leaves half a line: the rest
     * is not written, so no later record is glued to it. */
    out->stdout_broken = 1;
    mt_output_log(out, 0, "writing standard output: %s (records of this and later files are "
                  "lost; their sidecars are written)", w < 0 ? strerror(errno) : "short write");
}

/* "montage-analyze: MESSAGE\n" into line (2048 bytes), the message escaped
 * as montage-sidecar's check and gc print names (most lines hold one, or
 * an error quoting one): a file name with a newline must not make two
 * lines. Returns the length. */
static size_t format_line(char line[2048], const char *fmt, va_list ap)
{
    char msg[2048];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t n = (size_t)snprintf(line, 2048, "montage-analyze: ");
    n += mt_export_line_field_text(line + n, 2048 - n - 1, msg);
    line[n++] = '\n';
    line[n] = 0;
    return n;
}

void mt_output_message(FILE *f, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    format_line(line, fmt, ap);
    va_end(ap);
    fputs(line, f);
}

void mt_output_log(MtOutput *out, int level, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    if ((level == 1 && out->quiet) || (level >= 2 && out->verbose < level - 1))
        return;
    va_start(ap, fmt);
    size_t n = format_line(line, fmt, ap);
    va_end(ap);
    int had_bar = out->bar_shown;
    mt_output_clear_bar(out);
    (void)mt_write_all(2, line, n);
    if (had_bar)
        draw_bar(out);
}

void mt_output_progress(MtOutput *out, const MtBatchProgress *p, double now, int force)
{
    struct winsize ws;
    int width = 80;
    if (!out->bar || (!force && now - out->last_draw < 0.2))
        return;
    if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
        width = ws.ws_col - 1;
    if (width > (int)sizeof(out->bar_line) - 1)
        width = (int)sizeof(out->bar_line) - 1;
    mt_progress_render(p, width, out->bar_line, sizeof(out->bar_line));
    out->last_draw = now;
    draw_bar(out);
}
