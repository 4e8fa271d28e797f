/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sample conversion for montagebeat: raw decoder output (any of FFmpeg's
 * sample formats, packed or planar, any channel count) to mono float.
 * The glue maps AVSampleFormat to MtSampleFormat + planar flag; nothing
 * here depends on FFmpeg.
 */
#ifndef MONTAGE_ANALYSIS_AUDIO_CONVERT_H
#define MONTAGE_ANALYSIS_AUDIO_CONVERT_H

#include <stddef.h>
#include <stdint.h>

typedef enum MtSampleFormat {
    MT_SAMPLE_U8  = 0, /* unsigned 8-bit, 128 = silence */
    MT_SAMPLE_S16 = 1,
    MT_SAMPLE_S32 = 2,
    MT_SAMPLE_S64 = 3,
    MT_SAMPLE_FLT = 4, /* float, full scale +-1 */
    MT_SAMPLE_DBL = 5,
} MtSampleFormat;

/* Float samples beyond +-MT_AUDIO_CLAMP (absurd for audio) are clamped. */
#define MT_AUDIO_CLAMP 8.0f

/* Bytes per sample of one channel; 0 for an unknown format. */
size_t mt_sample_format_bytes(MtSampleFormat fmt);

/*
 * Downmix n frames of `channels` channels to mono (the mean of the
 * channels), full scale +-1. Packed input: planes[0] holds interleaved
 * samples. Planar input: planes[c] holds channel c. NaN/Inf become 0 and
 * values are clamped to +-MT_AUDIO_CLAMP, so the output is always finite.
 * Returns 0, or -EINVAL on bad arguments (out is then left unspecified).
 */
int mt_audio_downmix(const uint8_t *const *planes, MtSampleFormat fmt,
                     int planar, int channels, size_t n, float *out);

#endif /* MONTAGE_ANALYSIS_AUDIO_CONVERT_H */
