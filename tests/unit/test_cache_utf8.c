/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * mt_utf8_repair (cache/utf8.h): the one repair of byte strings into UTF-8
 * that montage-analyze's JSON records, montage-sidecar's JSON and the
 * OTIO/XML exports write: valid sequences kept, U+FFFD for each byte that
 * starts none.
 */
#include <string.h>

#include "cache/utf8.h"
#include "tests/unit/unit.h"

#define R MT_UTF8_REPLACEMENT

/* repairs the first n bytes of in and compares with want (wn bytes) */
#define CHECK_REPAIR(in, n, want, wn)                                         \
    do { char o_[64]; size_t l_ = mt_utf8_repair(o_, (in), (n));              \
         if (l_ != (size_t)(wn) || memcmp(o_, (want), (wn)))                   \
             UNIT_FAIL("repair of %s: %zu bytes, expected %zu", #in, l_, (size_t)(wn)); } while (0)
#define CHECK_SAME(s) CHECK_REPAIR(s, sizeof(s) - 1, s, sizeof(s) - 1)
#define CHECK_TO(s, want) CHECK_REPAIR(s, sizeof(s) - 1, want, sizeof(want) - 1)

static void test_valid_sequences_kept(void)
{
    CHECK_SAME("plain name.mp4");
    CHECK_SAME("\xc2\x80|\xc3\xa9|\xdf\xbf");                 /* 2 bytes: U+0080, e acute, U+07FF */
    CHECK_SAME("\xe0\xa0\x80|\xe2\x82\xac|\xed\x9f\xbf|\xee\x80\x80"); /* U+0800, euro, U+D7FF, U+E000 */
    CHECK_SAME("\xef\xbf\xbd|\xef\xbf\xbf");                 /* U+FFFD itself, U+FFFF */
    CHECK_SAME("\xf0\x90\x80\x80|\xf0\x9f\x98\x80|\xf4\x8f\xbf\xbf"); /* U+10000, emoji, U+10FFFF */
    CHECK_REPAIR("a\0b", 3, "a\0b", 3);                       /* a NUL is a valid character */
    CHECK_REPAIR("", 0, "", 0);
}

static void test_overlongs_one_replacement_per_byte(void)
{
    CHECK_TO("\xc0\xaf", R R);                   /* '/' in 2 bytes */
    CHECK_TO("\xc1\xbf", R R);
    CHECK_TO("\xe0\x80\xaf", R R R);             /* '/' in 3 bytes */
    CHECK_TO("\xe0\x9f\xbf", R R R);             /* U+07FF in 3 bytes */
    CHECK_TO("\xf0\x80\x80\xaf", R R R R);       /* '/' in 4 bytes */
    CHECK_TO("\xf0\x8f\xbf\xbf", R R R R);       /* U+FFFF in 4 bytes */
}

static void test_surrogates_and_past_10ffff(void)
{
    CHECK_TO("\xed\xa0\x80", R R R);             /* U+D800 */
    CHECK_TO("x\xed\xbf\xbfy", "x" R R R "y");   /* U+DFFF */
    CHECK_TO("\xf4\x90\x80\x80", R R R R);       /* U+110000 */
    CHECK_TO("\xf5\x80\x80\x80", R R R R);       /* no lead byte any more */
    CHECK_TO("\xff\xfe", R R);
}

static void test_truncated_and_stray_bytes(void)
{
    CHECK_TO("\xe2\x82x", R R "x");              /* euro cut after 2 bytes */
    CHECK_TO("\xf0\x9f\x98", R R R);             /* emoji cut at the end */
    CHECK_TO("\xc3", R);
    CHECK_TO("\x80", R);                         /* stray continuation bytes */
    CHECK_TO("a\xbf\x80" "b", "a" R R "b");
    CHECK_TO("\xc3\xa9\xa9", "\xc3\xa9" R);      /* one continuation too many */
    /* a sequence running past n is cut there: the bytes after n are never
     * read, even when they would complete it */
    CHECK_REPAIR("\xe2\x82\xac", 2, R R, 6);
    CHECK_REPAIR("\xc3\xa9", 1, R, 3);
}

static void test_step_and_length(void)
{
    const unsigned char *s = (const unsigned char *)"\xe2\x82\xac\x80";
    const char *text;
    size_t len;
    CHECK_INT(mt_utf8_repair_step(s, 4, &text, &len), 3);
    CHECK(text == (const char *)s);
    CHECK_INT(len, 3);
    CHECK_INT(mt_utf8_repair_step(s + 3, 1, &text, &len), 1);
    CHECK(!memcmp(text, R, 3));
    CHECK_INT(len, 3);
    CHECK_INT(mt_utf8_repair_step(s, 2, &text, &len), 1); /* cut short */
    CHECK_INT(mt_utf8_length((const unsigned char *)"\xf0\x9f\x98\x80"), 4);
    CHECK_INT(mt_utf8_length((const unsigned char *)"\xf0\x9f\x98"), 0); /* stops at the 0 */
    CHECK_INT(mt_utf8_length((const unsigned char *)"\xed\xa0\x80"), 0);
    CHECK_INT(mt_utf8_length((const unsigned char *)"A"), 1);
}

/* every byte string repairs to UTF-8 that repairs to itself */
static void test_repair_is_idempotent(void)
{
    unsigned char in[3];
    char once[9], twice[27];
    for (unsigned v = 0; v < (1u << 24); v += 251) {
        in[0] = (unsigned char)(v >> 16);
        in[1] = (unsigned char)(v >> 8);
        in[2] = (unsigned char)v;
        size_t n = mt_utf8_repair(once, (const char *)in, 3);
        size_t m = mt_utf8_repair(twice, once, n);
        if (m != n || memcmp(once, twice, n))
            UNIT_FAIL("%02x %02x %02x not repaired to valid UTF-8", in[0], in[1], in[2]);
    }
}

int main(void)
{
    RUN(test_valid_sequences_kept);
    RUN(test_overlongs_one_replacement_per_byte);
    RUN(test_surrogates_and_past_10ffff);
    RUN(test_truncated_and_stray_bytes);
    RUN(test_step_and_length);
    RUN(test_repair_is_idempotent);
    UNIT_EXIT();
}
