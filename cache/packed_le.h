/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Little-endian conversion of the packed numeric arrays stored as msgpack
 * `bin` (dtype "<f4", "<f8", "<i8", "|u1"). Byte-wise shifts, so the same
 * code is right on any host; compilers turn them into plain loads/stores on
 * little-endian machines. Header-only (static inline) so the writer, which
 * FFmpeg compiles, needs no extra object.
 */
#ifndef MONTAGE_CACHE_PACKED_LE_H
#define MONTAGE_CACHE_PACKED_LE_H

#include <stdint.h>
#include <string.h>

static inline void mt_put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static inline void mt_put_le64(uint8_t *p, uint64_t v)
{
    mt_put_le32(p, (uint32_t)v);
    mt_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t mt_get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
           (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t mt_get_le64(const uint8_t *p)
{
    return (uint64_t)mt_get_le32(p) | (uint64_t)mt_get_le32(p + 4) << 32;
}

static inline void mt_put_f32le(uint8_t *p, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    mt_put_le32(p, v);
}

static inline float mt_get_f32le(const uint8_t *p)
{
    uint32_t v = mt_get_le32(p);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

static inline void mt_put_f64le(uint8_t *p, double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    mt_put_le64(p, v);
}

static inline double mt_get_f64le(const uint8_t *p)
{
    uint64_t v = mt_get_le64(p);
    double d;
    memcpy(&d, &v, 8);
    return d;
}

#endif /* MONTAGE_CACHE_PACKED_LE_H */
