/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Frame table and pass-1 key frames; see fast_scan.h. */
#include "driver/fast_scan.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/array_grow.h"

typedef struct Packet {
    int64_t pts, duration;
    int     key;
} Packet;

static int cmp_packet(const void *a, const void *b)
{
    int64_t x = ((const Packet *)a)->pts, y = ((const Packet *)b)->pts;
    return x < y ? -1 : x > y;
}

/* value of "|key=" in a compact line, or NULL */
static const char *field(const char *line, const char *end, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = line; p && p < end; p = memchr(p, '|', (size_t)(end - p))) {
        p++;
        if ((size_t)(end - p) > kl && !memcmp(p, key, kl) && p[kl] == '=')
            return p + kl + 1;
    }
    return NULL;
}

int mt_fast_frames_parse(const char *text, MtFastFrames *out, char *err, size_t err_size)
{
    Packet *pk = NULL;
    size_t n = 0, cap = 0;
    memset(out, 0, sizeof(*out));
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (!strncmp(line, "packet|", 7)) {
            const char *pts = field(line, end, "pts"), *dur = field(line, end, "duration");
            const char *flags = field(line, end, "flags");
            char *stop;
            if (!pts || ((*pts < '0' || *pts > '9') && *pts != '-')) {
                snprintf(err, err_size, "a video packet has no timestamp");
                free(pk);
                return -1;
            }
            if (mt_array_grow((void **)&pk, &cap, n + 1, sizeof(*pk)) < 0) {
                free(pk);
                snprintf(err, err_size, "out of memory");
                return -1;
            }
            pk[n].pts = strtoll(pts, &stop, 10);
            pk[n].duration = dur ? strtoll(dur, &stop, 10) : 0;
            pk[n].key = flags && *flags == 'K';
            n++;
        } else if (!strncmp(line, "format|", 7)) {
            const char *st = field(line, end, "start_time");
            if (st && ((*st >= '0' && *st <= '9') || *st == '-'))
                out->start_time_us = (int64_t)(strtod(st, NULL) * 1e6 + (*st == '-' ? -0.5 : 0.5));
        }
        line = *end ? end + 1 : NULL;
    }
    if (!n) {
        snprintf(err, err_size, "no video packets");
        return -1;
    }
    qsort(pk, n, sizeof(*pk), cmp_packet);
    out->pts = malloc(n * sizeof(*out->pts));
    out->key = malloc(n);
    if (!out->pts || !out->key) {
        free(pk);
        mt_fast_frames_free(out);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (i && pk[i].pts == pk[i - 1].pts) {
            snprintf(err, err_size, "two video packets share the timestamp %" PRId64, pk[i].pts);
            free(pk);
            mt_fast_frames_free(out);
            return -1;
        }
        out->pts[i] = pk[i].pts;
        out->key[i] = (uint8_t)pk[i].key;
        out->n_key += pk[i].key;
    }
    out->n = n;
    out->last_duration = pk[n - 1].duration > 0 ? pk[n - 1].duration : 0;
    free(pk);
    return 0;
}

void mt_fast_frames_free(MtFastFrames *f)
{
    free(f->pts);
    free(f->key);
    memset(f, 0, sizeof(*f));
}

int64_t mt_fast_frame_of_pts(const MtFastFrames *f, int64_t pts)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->pts[mid] < pts)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->n && f->pts[lo] == pts ? (int64_t)lo : -1;
}

int64_t mt_fast_seek_point(const MtFastFrames *f, int64_t i)
{
    if (i >= (int64_t)f->n)
        i = (int64_t)f->n - 1;
    while (i > 0 && !f->key[i])
        i--;
    return i < 0 ? 0 : i;
}

long mt_fast_printed_pts(const char *text, int64_t **pts)
{
    long n = 0;
    size_t cap = 0;
    int64_t *v = NULL;
    for (const char *line = text; line && *line;) {
        const char *p;
        if (!strncmp(line, "frame:", 6) && (p = strstr(line, " pts:"))) {
            if (mt_array_grow((void **)&v, &cap, (size_t)n + 1, sizeof(*v)) < 0) {
                free(v);
                return -1;
            }
            char *stop;
            v[n] = strtoll(p + 5, &stop, 10);
            if (stop == p + 5) { /* "NOPTS": no frame number can be given */
                free(v);
                return -1;
            }
            n++;
        }
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : NULL;
    }
    *pts = v;
    return n;
}
