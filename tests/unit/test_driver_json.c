/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* JSON Lines records (driver/json_record.c): exact output, escaping,
 * invalid UTF-8, and truncation that keeps records short, valid and UTF-8. */
#include <string.h>

#include "driver/json_record.h"
#include "unit.h"

/* Minimal validity check of what the record writer can produce: balanced
 * quotes with legal escapes, no raw control characters, valid UTF-8. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; ) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || i + len > n || (c >= 0x80 && c < 0xc2))
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

static int valid_strings(const char *s)
{
    int in = 0;
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 && *s != '\n')
            return 0;
        if (!in && *s == '"') { in = 1; continue; }
        if (in && *s == '"') { in = 0; continue; }
        if (in && *s == '\\') {
            s++;
            if (!strchr("\"\\/bfnrtu", *s))
                return 0;
        }
    }
    return !in;
}

static void record_ok_exact(void)
{
    char buf[MT_JSON_RECORD_MAX];
    MtJsonRecord r = { .path = "a/b.mp4", .status = MT_JOB_OK,
                       .sidecars = { "a/b.mp4.scene.montage.msgpack", "x" }, .n_sidecars = 2,
                       .seconds = 1.23456, .error = NULL };
    int n = mt_json_record_build(&r, buf, sizeof(buf));
    const char *want = "{\"path\":\"a/b.mp4\",\"status\":\"ok\",\"sidecars\":"
                       "[\"a/b.mp4.scene.montage.msgpack\",\"x\"],\"seconds\":1.235,\"error\":null}\n";
    CHECK(!strcmp(buf, want));
    CHECK_INT(n, strlen(want));
}

static void record_failed_escapes(void)
{
    char buf[MT_JSON_RECORD_MAX];
    MtJsonRecord r = { .path = "q\"b\\s\x01\n.mp4", .status = MT_JOB_FAILED,
                       .seconds = 0, .error = "bad\tthing" };
    mt_json_record_build(&r, buf, sizeof(buf));
    CHECK(!strcmp(buf, "{\"path\":\"q\\\"b\\\\s\\u0001\\n.mp4\",\"status\":\"failed\","
                       "\"sidecars\":[],\"seconds\":0.000,\"error\":\"bad\\tthing\"}\n"));
}

static void invalid_utf8_replaced(void)
{
    char out[64];
    /* lone continuation, overlong '/', a surrogate, then valid e-acute */
    mt_json_put_string(out, sizeof(out), "\x80|\xc0\xaf|\xed\xa0\x80|\xc3\xa9", 60, MT_TRUNCATE_END);
    CHECK(!strcmp(out, "\"\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xc3\xa9\""));
    CHECK(valid_utf8((const unsigned char *)out, strlen(out)));
}

static void truncation_end_keeps_head(void)
{
    char out[64];
    int n = mt_json_put_string(out, sizeof(out), "0123456789abcdefghijklmnop", 20, MT_TRUNCATE_END);
    /* 2 quotes + 15 chars + 3-byte ellipsis */
    CHECK(!strcmp(out, "\"0123456789abcde\xe2\x80\xa6\""));
    CHECK_INT(n, 20);
}

static void truncation_never_splits_characters(void)
{
    char s[400], out[64];
    size_t n = 0;
    while (n + 3 < sizeof(s)) { /* U+6620, 3 bytes each */
        s[n++] = '\xe6'; s[n++] = '\x98'; s[n++] = '\xa0';
    }
    s[n] = '\0';
    for (size_t budget = 16; budget < 40; budget++) {
        int len = mt_json_put_string(out, sizeof(out), s, budget, MT_TRUNCATE_MIDDLE);
        CHECK(len > 0 && (size_t)len <= budget);
        CHECK(valid_utf8((const unsigned char *)out, (size_t)len));
        len = mt_json_put_string(out, sizeof(out), s, budget, MT_TRUNCATE_END);
        CHECK(len > 0 && (size_t)len <= budget);
        CHECK(valid_utf8((const unsigned char *)out, (size_t)len));
    }
}

static void truncation_middle_keeps_file_name(void)
{
    char path[3000], buf[MT_JSON_RECORD_MAX];
    memset(path, 'd', sizeof(path));
    memcpy(path, "/start/", 7);
    strcpy(path + sizeof(path) - 12, "/clip-X.mp4");
    MtJsonRecord r = { .path = path, .status = MT_JOB_OK, .seconds = 1 };
    mt_json_record_build(&r, buf, sizeof(buf));
    CHECK(!strncmp(buf, "{\"path\":\"/start/ddd", 19));
    CHECK(strstr(buf, "\xe2\x80\xa6"));
    CHECK(strstr(buf, "dd/clip-X.mp4\",\"status\""));
}

static void worst_case_record_fits(void)
{
    /* every string as long as a path can be, all of it needing \u escapes */
    char ugly[4097], buf[MT_JSON_RECORD_MAX + 8];
    memset(ugly, 0x01, sizeof(ugly) - 1);
    ugly[sizeof(ugly) - 1] = '\0';
    MtJsonRecord r = { .path = ugly, .status = MT_JOB_FAILED,
                       .sidecars = { ugly, ugly }, .n_sidecars = 2,
                       .seconds = 123456.789, .error = ugly };
    int n = mt_json_record_build(&r, buf, sizeof(buf));
    CHECK(n > 0 && n < MT_JSON_RECORD_MAX);
    CHECK_INT(strlen(buf), n);
    CHECK(buf[n - 1] == '\n' && !strchr(buf, '\n')[1]);
    CHECK(valid_strings(buf));
    CHECK(valid_utf8((const unsigned char *)buf, (size_t)n));
    /* a \u0001 escape is never cut in half */
    CHECK(strstr(buf, "\\u0001\xe2\x80\xa6\\u0001"));
}

static void nan_seconds_stays_json(void)
{
    char buf[MT_JSON_RECORD_MAX];
    MtJsonRecord r = { .path = "p", .status = MT_JOB_CACHED, .seconds = 0.0 / 0.0 };
    mt_json_record_build(&r, buf, sizeof(buf));
    CHECK(strstr(buf, "\"status\":\"cached\""));
    CHECK(strstr(buf, "\"seconds\":0.000,"));
}

int main(void)
{
    RUN(record_ok_exact);
    RUN(record_failed_escapes);
    RUN(invalid_utf8_replaced);
    RUN(truncation_end_keeps_head);
    RUN(truncation_never_splits_characters);
    RUN(truncation_middle_keeps_file_name);
    RUN(worst_case_record_fits);
    RUN(nan_seconds_stays_json);
    UNIT_EXIT();
}
