/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* One-line causes from FFmpeg's stderr; see ffmpeg_errors.h. */
#include "export/ffmpeg_errors.h"

#include <stdio.h>
#include <string.h>

/* Past a "[demuxer @ 0x...] " context at p, if the line has one. */
static const char *skip_context(const char *p, const char *line_end)
{
    if (*p == '[') {
        const char *close = memchr(p, ']', (size_t)(line_end - p));
        if (close && close + 1 < line_end && close[1] == ' ' &&
            memchr(p, '@', (size_t)(close - p)))
            return close + 2;
    }
    return p;
}

/* Copies one stderr line without "[demuxer @ 0x...] " context and
 * "file:PATH: " prefixes (the record names the file already). */
static size_t clean_line(const char *p, const char *line_end, const char *path,
                         char *out, size_t out_size)
{
    size_t n = 0, path_len = path ? strlen(path) : 0;
    p = skip_context(p, line_end);
    while (p < line_end && n + 1 < out_size) {
        if (path_len && (size_t)(line_end - p) >= 5 + path_len + 2 &&
            !strncmp(p, "file:", 5) && !strncmp(p + 5, path, path_len) &&
            !strncmp(p + 5 + path_len, ": ", 2)) {
            p += 5 + path_len + 2;
            continue;
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
    return n;
}

void mt_ffmpeg_error_summary(const char *stderr_text, const char *path,
                       char *out, size_t out_size)
{
    /* FFmpeg prints the root cause first ("moov atom not found", "No
     * such filter: ...") and a generic consequence last ("Invalid data
     * found ...", "Conversion failed!"): keep both */
    const char *first = stderr_text, *first_end, *last_end, *last;
    while (*first && strchr("\n\r ", *first))
        first++;
    if (!*first) {
        snprintf(out, out_size, "no error message");
        return;
    }
    first_end = first + strcspn(first, "\r\n");
    last_end = stderr_text + strlen(stderr_text);
    while (last_end > first && strchr("\n\r ", last_end[-1]))
        last_end--;
    last = last_end;
    while (last > first && last[-1] != '\n')
        last--;
    char a[512], b[512];
    clean_line(first, first_end, path, a, sizeof(a));
    clean_line(last, last_end, path, b, sizeof(b));
    if (last == first || !strcmp(a, b))
        snprintf(out, out_size, "%s", a);
    else
        snprintf(out, out_size, "%s: %s", a, b);
}

int mt_ffmpeg_lacks_montage_filter(const char *stderr_text, char *name, size_t name_size)
{
    /* how FFmpeg 5.1 (Debian's /usr/bin/ffmpeg, seen) words a filter the
     * graph names and the build lacks: a line of its own, at most after a
     * "[AVFilterGraph @ 0x...] " context. Only a whole line counts: other
     * lines carry paths ("file:PATH: ...", "montage-fast-scene: PATH: ..."),
     * and a file may be named "No such filter: 'montagebeat'.mkv" */
    static const char key[] = "No such filter: '";
    static const char *const names[] = { "montagescene", "montagebeat" };
    const size_t key_len = sizeof(key) - 1;
    const char *p = stderr_text;
    while (*p) {
        const char *end = p + strcspn(p, "\r\n"), *q = skip_context(p, end);
        if ((size_t)(end - q) > key_len && !memcmp(q, key, key_len)) {
            q += key_len;
            for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
                size_t n = strlen(names[i]);
                if ((size_t)(end - q) == n + 1 && !memcmp(q, names[i], n) && q[n] == '\'') {
                    snprintf(name, name_size, "%s", names[i]);
                    return 1;
                }
            }
        }
        p = end + strspn(end, "\r\n");
    }
    return 0;
}
