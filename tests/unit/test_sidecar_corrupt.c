/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Each class of damage gives its own error code and a message that names
 * the problem; nothing crashes or allocates from a lying header.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cache/sidecar_read.h"
#include "cache/sidecar_write.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/sidecar_samples.h"
#include "tests/unit/unit.h"

static char  *scene_buf, *beat_buf;
static size_t scene_len, beat_len;

static void encode_samples(void)
{
    SampleScene s;
    SampleBeat b;
    char err[256];
    if (sample_scene_init(&s, 0, 0) < 0 ||
        mt_sidecar_encode(&s.sc, &scene_buf, &scene_len, err, sizeof(err)) < 0)
        exit(2);
    sample_beat_init(&b);
    if (mt_sidecar_encode(&b.sc, &beat_buf, &beat_len, err, sizeof(err)) < 0)
        exit(2);
}

/* A copy of buf with the nth (0-based) `from` replaced by `to` (same
 * length), or NULL when there is no such occurrence. */
static char *patched_nth(const char *buf, size_t len, const char *from, const char *to,
                         size_t k, int nth)
{
    char *c = malloc(len);
    memcpy(c, buf, len);
    for (size_t i = 0; i + k <= len; i++) {
        if (!memcmp(c + i, from, k) && nth-- == 0) {
            memcpy(c + i, to, k);
            return c;
        }
    }
    free(c);
    return NULL;
}

static char *patched(const char *buf, size_t len, const char *from, const char *to, size_t k)
{
    return patched_nth(buf, len, from, to, k, 0);
}

/* Reads buf; returns the error code (0 when it parsed) and frees. */
static int read_code(const char *buf, size_t len, MtSidecarError *e)
{
    MtSidecar *sc;
    int ret = mt_sidecar_read_buffer(buf, len, &sc, e);
    mt_sidecar_free(sc);
    return ret < 0 ? (int)e->code : 0;
}

static void test_every_prefix_is_truncated(void)
{
    MtSidecarError e;
    for (size_t n = 0; n < scene_len; n++) {
        int code = read_code(scene_buf, n, &e);
        if (code != MT_SIDECAR_ERR_TRUNCATED)
            UNIT_FAIL("prefix of %zu bytes gave code %d (%s)", n, code, e.message);
        if (e.offset != (int64_t)n)
            UNIT_FAIL("prefix of %zu bytes: offset %lld", n, (long long)e.offset);
    }
    CHECK_INT(read_code(scene_buf, 700, &e), MT_SIDECAR_ERR_TRUNCATED);
    CHECK(strstr(e.message, "truncated at byte 700") != NULL);
}

static void test_wrong_magic(void)
{
    MtSidecarError e;
    char *c = patched(scene_buf, scene_len, "montage.sidecar", "montage.sidecaR", 15);
    CHECK(c);
    int code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_MAGIC);
    CHECK(strstr(e.message, "'schema'") != NULL);
    /* a valid msgpack value that is not a map */
    CHECK_INT(read_code("\x93\x01\x02\x03", 4, &e), MT_SIDECAR_ERR_MAGIC);
    CHECK(strstr(e.message, "top level is array") != NULL);
    /* not msgpack map data at all: a text or media file read as a sidecar */
    CHECK_INT(read_code("hello", 5, &e), MT_SIDECAR_ERR_MAGIC);
    CHECK(strstr(e.message, "not a montage sidecar") != NULL);
    /* a map without "schema" */
    CHECK_INT(read_code("\x81\xa1x\x01", 4, &e), MT_SIDECAR_ERR_MAGIC);
}

static void test_unknown_major_refused_newer_minor_read(void)
{
    MtSidecarError e;
    char *c = patched(scene_buf, scene_len, "\xaeschema_version\x92\x01\x01",
                      "\xaeschema_version\x92\x02\x00", 18);
    CHECK(c);
    int code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_VERSION);
    CHECK(strstr(e.message, "2.0") != NULL);

    c = patched(scene_buf, scene_len, "\xaeschema_version\x92\x01\x01",
                "\xaeschema_version\x92\x01\x07", 18);
    CHECK(c);
    MtSidecar *sc;
    int ret = mt_sidecar_read_buffer(c, scene_len, &sc, &e);
    free(c);
    CHECK_INT(ret, 0);
    CHECK_INT(sc->schema_minor, 7);
    mt_sidecar_free(sc);
}

static void test_wrong_types(void)
{
    MtSidecarError e;
    /* beats.t data: bin8 of 48 bytes -> str8 of 48 bytes */
    char *c = patched(beat_buf, beat_len, "\xa4" "data" "\xc4\x30", "\xa4" "data" "\xd9\x30", 7);
    CHECK(c);
    int code = read_code(c, beat_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_TYPE);
    CHECK(!strcmp(e.message, "key 'beat.beats.t.data' has type string, expected bin"));

    /* hist_bins 8 -> nil (the first "hist_bins" is the config option) */
    c = patched_nth(scene_buf, scene_len, "\xa9hist_bins\x08", "\xa9hist_bins\xc0", 11, 1);
    CHECK(c);
    code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_TYPE);
    CHECK(!strcmp(e.message, "key 'scene.hist_bins' has type nil, expected int"));

    /* status.complete true -> 1 */
    c = patched(scene_buf, scene_len, "\xa8" "complete" "\xc3", "\xa8" "complete" "\x01", 10);
    CHECK(c);
    code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_TYPE);
    CHECK(!strcmp(e.message, "key 'status.complete' has type int, expected bool"));
}

static void test_missing_key(void)
{
    MtSidecarError e;
    char *c = patched(scene_buf, scene_len, "\xa6" "frames", "\xa6" "framez", 7);
    CHECK(c);
    int code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_MISSING);
    CHECK(!strcmp(e.message, "key 'scene.stream.frames' is missing"));
}

static void test_absurd_sizes(void)
{
    MtSidecarError e;
    /* a 5-byte header announcing 4 billion entries: refused without
     * allocating (ASan/valgrind runs would show a 100 GB attempt) */
    CHECK_INT(read_code("\x81\xa6schema\xdd\xff\xff\xff\xff", 13, &e), MT_SIDECAR_ERR_TRUNCATED);
    CHECK(strstr(e.message, "array of 4294967295 entries") != NULL);
    CHECK_INT(read_code("\xdf\xff\xff\xff\xff", 5, &e), MT_SIDECAR_ERR_TRUNCATED);
    CHECK_INT(read_code("\xc6\xff\xff\xff\xff", 5, &e), MT_SIDECAR_ERR_TRUNCATED);

    /* shape 8 -> 127 with 32 bytes of data */
    char *c = patched(scene_buf, scene_len, "\xa5shape\x91\x08", "\xa5shape\x91\x7f", 8);
    CHECK(c);
    int code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_SIZE);
    CHECK(!strcmp(e.message, "key 'scene.scenes[0].mean_hist' shape 127 does not match 32 bytes of <f4 data"));

    /* hist_bins 8 -> 9 while every histogram has 8 values */
    c = patched_nth(scene_buf, scene_len, "\xa9hist_bins\x08", "\xa9hist_bins\x09", 11, 1);
    CHECK(c);
    code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_SIZE);
    CHECK(!strcmp(e.message, "key 'scene.scenes[0].mean_hist' has 8 values, expected 9"));

    /* too large before anything is read */
    CHECK_INT(read_code(scene_buf, MT_SIDECAR_MAX_BYTES + 1, &e), MT_SIDECAR_ERR_TOO_LARGE);
}

static void test_trailing_data(void)
{
    MtSidecarError e;
    char *c = malloc(beat_len + 2);
    memcpy(c, beat_buf, beat_len);
    c[beat_len] = 0;
    c[beat_len + 1] = 0;
    int code = read_code(c, beat_len + 2, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_TRAILING);
    CHECK_INT(e.offset, (long long)beat_len);
}

static void test_malformed(void)
{
    MtSidecarError e;
    char deep[200];
    CHECK_INT(read_code("\xc1", 1, &e), MT_SIDECAR_ERR_MALFORMED);
    CHECK(strstr(e.message, "0xc1 at byte 0") != NULL);
    memset(deep, 0x91, sizeof(deep)); /* [[[[...]]]] */
    deep[sizeof(deep) - 1] = (char)0xc0;
    CHECK_INT(read_code(deep, sizeof(deep), &e), MT_SIDECAR_ERR_MALFORMED);
    CHECK(strstr(e.message, "nesting deeper") != NULL);
}

static void test_bad_values(void)
{
    MtSidecarError e;
    char *c = patched(scene_buf, scene_len, "\xa4kind\xa5scene", "\xa4kind\xa5scenX", 11);
    CHECK(c);
    int code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_VALUE);
    c = patched(scene_buf, scene_len, "\xa4type\xa4hard", "\xa4type\xa4hurt", 10);
    CHECK(c);
    code = read_code(c, scene_len, &e);
    free(c);
    CHECK_INT(code, MT_SIDECAR_ERR_VALUE);
    CHECK(strstr(e.message, "scene.transitions[0].type") != NULL);
}

/* A newer writer may add keys anywhere: the reader ignores them. */
static void test_unknown_keys_ignored(void)
{
    MtSidecarError e;
    size_t extra = 9;
    char *c = malloc(beat_len + extra);
    memcpy(c, beat_buf, beat_len);
    CHECK((unsigned char)c[0] == 0x88); /* fixmap of 8 */
    c[0] = (char)0x89;
    memcpy(c + beat_len, "\xa3zzz\x93\x01\x02\x03\xc0", extra);
    /* 9 bytes: key "zzz" + [1,2,3] is 8; the last nil would be trailing */
    int code = read_code(c, beat_len + extra - 1, &e);
    free(c);
    CHECK_INT(code, 0);
}

static void test_missing_file(void)
{
    MtSidecarError e;
    MtSidecar *sc;
    CHECK(mt_sidecar_read_file("/nonexistent/montage/x.msgpack", &sc, &e) < 0);
    CHECK(sc == NULL);
    CHECK_INT(e.code, MT_SIDECAR_ERR_IO);
    CHECK_INT(e.sys_errno, ENOENT);
}

int main(void)
{
    encode_samples();
    RUN(test_every_prefix_is_truncated);
    RUN(test_wrong_magic);
    RUN(test_unknown_major_refused_newer_minor_read);
    RUN(test_wrong_types);
    RUN(test_missing_key);
    RUN(test_absurd_sizes);
    RUN(test_trailing_data);
    RUN(test_malformed);
    RUN(test_bad_values);
    RUN(test_unknown_keys_ignored);
    RUN(test_missing_file);
    free(scene_buf);
    free(beat_buf);
    UNIT_EXIT();
}
