/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Sample conversion and downmix: every sample format family, packed and
 * planar, mono to 5.1, non-finite and absurd values. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "analysis/audio/audio_convert.h"
#include "tests/unit/unit.h"

/* Three frames, channel c of frame i = value v(i, c) in full scale. */
static double v(int i, int c) { return (i - 1) * 0.5 + c * 0.125 - 0.25; }

/* Writes value d in format fmt at byte address p. */
static void put(uint8_t *p, MtSampleFormat fmt, double d)
{
    switch (fmt) {
    case MT_SAMPLE_U8:  { uint8_t x = (uint8_t)(128 + d * 128); memcpy(p, &x, 1); break; }
    case MT_SAMPLE_S16: { int16_t x = (int16_t)(d * 32768); memcpy(p, &x, 2); break; }
    case MT_SAMPLE_S32: { int32_t x = (int32_t)(d * 2147483648.0); memcpy(p, &x, 4); break; }
    case MT_SAMPLE_S64: { int64_t x = (int64_t)(d * 9223372036854775808.0); memcpy(p, &x, 8); break; }
    case MT_SAMPLE_FLT: { float x = (float)d; memcpy(p, &x, 4); break; }
    case MT_SAMPLE_DBL: { memcpy(p, &d, 8); break; }
    }
}

static void check_format(MtSampleFormat fmt, int planar, int channels)
{
    const size_t bps = mt_sample_format_bytes(fmt);
    uint8_t buf[6][3 * 8 * 6];
    const uint8_t *planes[6];
    memset(buf, 0, sizeof(buf));
    for (int i = 0; i < 3; i++)
        for (int c = 0; c < channels; c++) {
            if (planar)
                put(buf[c] + (size_t)i * bps, fmt, v(i, c));
            else
                put(buf[0] + ((size_t)i * (size_t)channels + (size_t)c) * bps, fmt, v(i, c));
        }
    for (int c = 0; c < 6; c++)
        planes[c] = buf[c];
    float out[3];
    CHECK_INT(mt_audio_downmix(planes, fmt, planar, channels, 3, out), 0);
    /* u8 has 1/128 steps, so its tolerance is one step */
    const double tol = fmt == MT_SAMPLE_U8 ? 1.0 / 128 : 1e-6;
    for (int i = 0; i < 3; i++) {
        double want = 0.0;
        for (int c = 0; c < channels; c++)
            want += v(i, c);
        CHECK_NEAR(out[i], want / channels, tol);
    }
}

#define FORMAT_CASE(name, fmt)                                                \
    static void name(void)                                                    \
    {                                                                         \
        for (int planar = 0; planar <= 1; planar++)                           \
            for (int ch = 1; ch <= 6; ch++) {                                 \
                check_format(fmt, planar, ch);                                \
                if (unit_case_failed) return;                                 \
            }                                                                 \
    }

FORMAT_CASE(format_u8, MT_SAMPLE_U8)
FORMAT_CASE(format_s16, MT_SAMPLE_S16)
FORMAT_CASE(format_s32, MT_SAMPLE_S32)
FORMAT_CASE(format_s64, MT_SAMPLE_S64)
FORMAT_CASE(format_flt, MT_SAMPLE_FLT)
FORMAT_CASE(format_dbl, MT_SAMPLE_DBL)

static void sample_sizes(void)
{
    CHECK_INT(mt_sample_format_bytes(MT_SAMPLE_U8), 1);
    CHECK_INT(mt_sample_format_bytes(MT_SAMPLE_S16), 2);
    CHECK_INT(mt_sample_format_bytes(MT_SAMPLE_S32), 4);
    CHECK_INT(mt_sample_format_bytes(MT_SAMPLE_S64), 8);
    CHECK_INT(mt_sample_format_bytes(MT_SAMPLE_FLT), 4);
    CHECK_INT(mt_sample_format_bytes(MT_SAMPLE_DBL), 8);
    CHECK_INT(mt_sample_format_bytes((MtSampleFormat)99), 0);
}

/* NaN and Inf read as 0; absurd values are clamped. */
static void non_finite_float(void)
{
    const float in[8] = { NAN, 0.5f, INFINITY, 0.25f, -INFINITY, -INFINITY, 1e30f, 0.0f };
    const uint8_t *planes[1] = { (const uint8_t *)in };
    float out[4];
    CHECK_INT(mt_audio_downmix(planes, MT_SAMPLE_FLT, 0, 2, 4, out), 0);
    CHECK_NEAR(out[0], 0.25, 1e-7);
    CHECK_NEAR(out[1], 0.125, 1e-7);
    CHECK_NEAR(out[2], 0.0, 1e-7);
    CHECK_NEAR(out[3], MT_AUDIO_CLAMP / 2, 1e-6);
}

/* Planar stereo floats (the MP3 and AAC decoders' output) run eight
 * frames a step, then the rest one by one.
 * Every output is (l + r) * 0.5f exactly, and a NaN or an absurd value
 * in either part sends the whole call to the channel-by-channel path,
 * where it reads as 0 or is clamped. */
static void planar_stereo_parts(void)
{
    /* Lengths around the 8-frame SSE2 step (two 4-lane vectors) and the
     * plain tail: no step, one, one plus a tail, several. */
    static const int lengths[] = { 1, 3, 7, 8, 9, 15, 16, 17, 35 };
    enum { MAX = 35 };
    float l[MAX], r[MAX], out[MAX];
    for (size_t t = 0; t < sizeof lengths / sizeof lengths[0]; t++) {
        const int n = lengths[t];
        uint32_t seed = 11;
        for (int i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            l[i] = (float)(seed >> 8) / 8388608.0f - 1.0f;
            seed = seed * 1664525u + 1013904223u;
            r[i] = (float)(seed >> 8) / 8388608.0f - 1.0f;
        }
        const uint8_t *planes[2] = { (const uint8_t *)l, (const uint8_t *)r };
        CHECK_INT(mt_audio_downmix(planes, MT_SAMPLE_FLT, 1, 2, (size_t)n, out), 0);
        int same = 1;
        for (int i = 0; i < n; i++)
            same &= out[i] == (l[i] + r[i]) * 0.5f;
        CHECK(same);
        /* The bad value at every index in turn: either vector of a step,
         * every lane, and the tail; a missed range test leaves NaN or
         * 5e29 at that index instead of the redone frame's value. */
        int caught = 1;
        for (int at = 0; at < n; at++) {
            const float keep = l[at];
            l[at] = NAN;
            caught &= mt_audio_downmix(planes, MT_SAMPLE_FLT, 1, 2, (size_t)n, out) == 0;
            caught &= out[at] == r[at] * 0.5f;
            l[at] = 1e30f;
            caught &= mt_audio_downmix(planes, MT_SAMPLE_FLT, 1, 2, (size_t)n, out) == 0;
            caught &= out[at] == (float)(MT_AUDIO_CLAMP + (double)r[at]) * 0.5f;
            l[at] = keep;
        }
        CHECK(caught);
    }
}

static void non_finite_double(void)
{
    const double in[4] = { NAN, -1e300, INFINITY, 0.5 };
    const uint8_t *planes[4] = { (const uint8_t *)in, (const uint8_t *)(in + 1),
                                 (const uint8_t *)(in + 2), (const uint8_t *)(in + 3) };
    float out[1];
    CHECK_INT(mt_audio_downmix(planes, MT_SAMPLE_DBL, 1, 4, 1, out), 0);
    CHECK_NEAR(out[0], (0.0 - MT_AUDIO_CLAMP + 0.0 + 0.5) / 4, 1e-6);
}

/* Extreme integers stay within full scale. */
static void integer_extremes(void)
{
    const int16_t s16[2] = { INT16_MIN, INT16_MAX };
    const int64_t s64[2] = { INT64_MIN, INT64_MAX };
    const uint8_t u8[2] = { 0, 255 };
    const uint8_t *p16[1] = { (const uint8_t *)s16 }, *p64[1] = { (const uint8_t *)s64 },
                  *p8[1] = { u8 };
    float out[2];
    CHECK_INT(mt_audio_downmix(p16, MT_SAMPLE_S16, 0, 1, 2, out), 0);
    CHECK_NEAR(out[0], -1.0, 1e-7);
    CHECK(out[1] < 1.0f && out[1] > 0.999f);
    CHECK_INT(mt_audio_downmix(p64, MT_SAMPLE_S64, 0, 1, 2, out), 0);
    CHECK_NEAR(out[0], -1.0, 1e-7);
    CHECK_NEAR(out[1], 1.0, 1e-7);
    CHECK_INT(mt_audio_downmix(p8, MT_SAMPLE_U8, 0, 1, 2, out), 0);
    CHECK_NEAR(out[0], -1.0, 1e-7);
    CHECK_NEAR(out[1], 127.0 / 128.0, 1e-7);
}

static void bad_arguments(void)
{
    const float in[2] = { 0 };
    const uint8_t *planes[2] = { (const uint8_t *)in, NULL };
    float out[2];
    CHECK_INT(mt_audio_downmix(NULL, MT_SAMPLE_FLT, 0, 1, 1, out), -EINVAL);
    CHECK_INT(mt_audio_downmix(planes, MT_SAMPLE_FLT, 0, 0, 1, out), -EINVAL);
    CHECK_INT(mt_audio_downmix(planes, MT_SAMPLE_FLT, 1, 2, 1, out), -EINVAL); /* NULL plane */
    CHECK_INT(mt_audio_downmix(planes, (MtSampleFormat)42, 0, 1, 1, out), -EINVAL);
    CHECK_INT(mt_audio_downmix(planes, MT_SAMPLE_FLT, 0, 1, 0, out), 0);
}

int main(void)
{
    RUN(format_u8);
    RUN(format_s16);
    RUN(format_s32);
    RUN(format_s64);
    RUN(format_flt);
    RUN(format_dbl);
    RUN(sample_sizes);
    RUN(non_finite_float);
    RUN(planar_stereo_parts);
    RUN(non_finite_double);
    RUN(integer_extremes);
    RUN(bad_arguments);
    UNIT_EXIT();
}
