/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* JSON Lines record building with safe truncation; see json_record.h. */
#include "driver/json_record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/utf8.h"

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, 3 bytes */

/* One input character: where it is, how many input bytes, how it is
 * written in JSON. */
typedef struct Piece {
    size_t in_len;   /* input bytes consumed */
    char   text[8];  /* escaped output */
    size_t out_len;
} Piece;

static void next_piece(const unsigned char *s, Piece *p)
{
    unsigned c = s[0];
    const char *text;
    size_t len;
    /* s is terminated: the check of the continuation bytes stops at its
     * 0, so 4 is a safe bound */
    p->in_len = mt_utf8_repair_step(s, 4, &text, &len);
    if (text != (const char *)s) { /* U+FFFD for a stray byte */
        memcpy(p->text, text, len);
        p->out_len = len;
    } else if (c == '"' || c == '\\') {
        p->in_len = 1;
        p->text[0] = '\\';
        p->text[1] = (char)c;
        p->out_len = 2;
    } else if (c < 0x20 || c == 0x7f) {
        p->in_len = 1;
        switch (c) {
        case '\n': memcpy(p->text, "\\n", 2); p->out_len = 2; break;
        case '\t': memcpy(p->text, "\\t", 2); p->out_len = 2; break;
        case '\r': memcpy(p->text, "\\r", 2); p->out_len = 2; break;
        default:
            snprintf(p->text, sizeof(p->text), "\\u%04x", c);
            p->out_len = 6;
        }
    } else {
        p->in_len = len;
        memcpy(p->text, s, len);
        p->out_len = len;
    }
}

static size_t escaped_length(const unsigned char *s)
{
    size_t n = 0;
    Piece p;
    while (*s) {
        next_piece(s, &p);
        n += p.out_len;
        s += p.in_len;
    }
    return n;
}

/* Copies pieces from s while they fit in limit output bytes; returns bytes
 * written, *consumed gets input bytes used. */
static size_t copy_head(const unsigned char *s, size_t limit, char *out,
                        size_t *consumed)
{
    size_t n = 0, in = 0;
    Piece p;
    while (s[in]) {
        next_piece(s + in, &p);
        if (n + p.out_len > limit)
            break;
        memcpy(out + n, p.text, p.out_len);
        n += p.out_len;
        in += p.in_len;
    }
    *consumed = in;
    return n;
}

int mt_json_put_string(char *out, size_t out_size, const char *s,
                       size_t budget, MtTruncate how)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0, consumed;
    if (budget < 16 || out_size < budget + 1)
        return -1;
    out[n++] = '"';
    size_t room = budget - 2; /* the two quotes */
    if (escaped_length(u) <= room) {
        n += copy_head(u, room, out + n, &consumed);
    } else if (how == MT_TRUNCATE_END) {
        n += copy_head(u, room - 3, out + n, &consumed);
        memcpy(out + n, ELLIPSIS, 3);
        n += 3;
    } else {
        /* head gets a quarter, the tail (usually the file name) the rest;
         * the tail starts at the first piece boundary whose remaining
         * escaped text fits */
        size_t head_room = (room - 3) / 4;
        n += copy_head(u, head_room, out + n, &consumed);
        memcpy(out + n, ELLIPSIS, 3);
        n += 3;
        size_t tail_room = room - 3 - (n - 1 - 3);
        const unsigned char *t = u + consumed;
        size_t remaining = escaped_length(t);
        Piece p;
        while (*t && remaining > tail_room) {
            next_piece(t, &p);
            remaining -= p.out_len;
            t += p.in_len;
        }
        n += copy_head(t, tail_room, out + n, &consumed);
    }
    out[n++] = '"';
    out[n] = '\0';
    return (int)n;
}

const char *mt_job_status_name(MtJobStatus status)
{
    switch (status) {
    case MT_JOB_OK:     return "ok";
    case MT_JOB_CACHED: return "cached";
    case MT_JOB_FAILED: return "failed";
    }
    return "failed";
}

int mt_json_record_build(const MtJsonRecord *rec, char *out, size_t out_size)
{
    /* fixed text is < 100 bytes; 3 paths + error budgets keep the whole
     * record under MT_JSON_RECORD_MAX */
    char field[MT_JSON_PATH_BUDGET + 1];
    size_t n = 0;
    int len;
    if (out_size < MT_JSON_RECORD_MAX)
        return -1;
#define APPEND(str) do { size_t l_ = strlen(str); memcpy(out + n, (str), l_); n += l_; } while (0)
    APPEND("{\"path\":");
    len = mt_json_put_string(field, sizeof(field), rec->path ? rec->path : "",
                             MT_JSON_PATH_BUDGET, MT_TRUNCATE_MIDDLE);
    APPEND(field);
    APPEND(",\"status\":\"");
    APPEND(mt_job_status_name(rec->status));
    APPEND("\",\"sidecars\":[");
    for (size_t i = 0; i < rec->n_sidecars && i < MT_JSON_MAX_SIDECARS; i++) {
        if (i)
            APPEND(",");
        mt_json_put_string(field, sizeof(field), rec->sidecars[i],
                           MT_JSON_PATH_BUDGET, MT_TRUNCATE_MIDDLE);
        APPEND(field);
    }
    APPEND("],\"seconds\":");
    double secs = rec->seconds;
    if (!(secs >= 0) || secs > 1e9) /* NaN or absurd: keep valid JSON */
        secs = 0;
    len = snprintf(field, sizeof(field), "%.3f", secs);
    APPEND(field);
    APPEND(",\"error\":");
    if (rec->error) {
        mt_json_put_string(field, sizeof(field), rec->error,
                           MT_JSON_ERROR_BUDGET, MT_TRUNCATE_END);
        APPEND(field);
    } else {
        APPEND("null");
    }
    APPEND("}\n");
#undef APPEND
    (void)len;
    out[n] = '\0';
    return (int)n;
}
