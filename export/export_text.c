/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Small text helpers the export writers share (see export.h). */
#define _DEFAULT_SOURCE /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/utf8.h"
#include "export/export.h"

const char *mt_export_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The escape that stands for byte c in a line field (buf holds it when it
 * is built), or NULL when c stands as itself. */
static const char *line_escape(unsigned char c, char buf[8])
{
    switch (c) {
    case '\\': return "\\\\";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\r': return "\\r";
    }
    if (c < 0x20 || c == 0x7f) {
        snprintf(buf, 8, "\\u%04x", c);
        return buf;
    }
    return NULL;
}

void mt_export_line_field(FILE *out, const char *s)
{
    char buf[8];
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *e = line_escape(*p, buf);
        if (e)
            fputs(e, out);
        else
            fputc(*p, out);
    }
}

void mt_export_line_vprintf(FILE *out, const char *fmt, va_list ap)
{
    char small[1024], *line = small;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    if (n < 0) /* small is undefined then: say what is known */
        snprintf(small, sizeof(small), "(a message that could not be formatted: %s)",
                 strerror(errno));
    else if (n >= (int)sizeof(small) && (line = malloc((size_t)n + 1)) != NULL)
        vsnprintf(line, (size_t)n + 1, fmt, again);
    else if (!line)
        line = small; /* out of memory: the cut message is still one line */
    va_end(again);
    mt_export_line_field(out, line);
    if (line != small)
        free(line);
}

size_t mt_export_line_field_text(char *out, size_t size, const char *s)
{
    char buf[8], one[2] = { 0, 0 };
    size_t n = 0;
    if (!size)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *e = line_escape(*p, buf);
        if (!e) {
            one[0] = (char)*p;
            e = one;
        }
        size_t len = strlen(e);
        if (n + len >= size) /* whole escapes only: a cut one would read as another byte */
            break;
        memcpy(out + n, e, len);
        n += len;
    }
    out[n] = 0;
    return n;
}

#define REPLACEMENT MT_UTF8_REPLACEMENT

void mt_export_xml_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = mt_utf8_length(p);
        switch (n ? *p : 0) {
        case 0:    fputs(REPLACEMENT, out); p++; continue;
        case '&':  fputs("&amp;", out); break;
        case '<':  fputs("&lt;", out); break;
        case '>':  fputs("&gt;", out); break;
        case '"':  fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        case '\t': fputs("&#9;", out); break;
        case '\n': fputs("&#10;", out); break;
        case '\r': fputs("&#13;", out); break;
        default:
            if (*p < 0x20 || *p == 0x7F) /* XML 1.0 has no other control characters */
                fputs(REPLACEMENT, out);
            else if (n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE)
                fputs(REPLACEMENT, out); /* U+FFFE, U+FFFF: not XML 1.0 Chars either */
            else
                fwrite(p, 1, n, out);
        }
        p += n;
    }
}

char *mt_export_utf8_dup(const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(3 * n + 1);
    if (!copy)
        return NULL;
    copy[mt_utf8_repair(copy, s, n)] = 0;
    return copy;
}

char *mt_export_file_url(const char *path)
{
    char abs[PATH_MAX];
    const char *p = path;
    if (path[0] != '/') {
        /* the media may be gone: then join with the working directory */
        if (realpath(path, abs)) {
            p = abs;
        } else if (getcwd(abs, sizeof(abs)) && strlen(abs) + 1 + strlen(path) < sizeof(abs)) {
            strcat(abs, "/");
            strcat(abs, path);
            p = abs;
        }
    }
    size_t n = strlen(p);
    char *url = malloc(7 + 3 * n + 1), *o;
    if (!url)
        return NULL;
    o = url + sprintf(url, "file://");
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        /* RFC 3986 unreserved characters and the path separator stay */
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("-._~/", c))
            *o++ = (char)c;
        else
            o += sprintf(o, "%%%02X", c);
    }
    *o = 0;
    return url;
}

int mt_export_beat_in_bar(const MtBeatResult *b, size_t i)
{
    size_t first = b->n_beats;
    for (size_t k = 0; k < b->n_beats; k++)
        if (b->beat_downbeat[k]) {
            first = k;
            break;
        }
    if (first == b->n_beats)
        return 0;
    if (i < first) /* a pickup before the first bar: count back from it */
        return b->meter > 0 ? (int)((size_t)b->meter - (first - i) % (size_t)b->meter) % b->meter + 1 : 0;
    size_t k = i;
    while (!b->beat_downbeat[k])
        k--;
    return (int)(i - k) + 1;
}
