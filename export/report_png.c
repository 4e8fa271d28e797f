/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* A minimal PNG writer (8-bit RGB, no filter) over zlib, for thumbnails. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "export/report.h"

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return p + 4;
}

/* length, type, data, CRC over type and data */
static unsigned char *chunk(unsigned char *p, const char *type, const unsigned char *data, uint32_t len)
{
    p = put32(p, len);
    memcpy(p, type, 4);
    if (len)
        memcpy(p + 4, data, len);
    uLong crc = crc32(crc32(0L, Z_NULL, 0), p, len + 4);
    return put32(p + 4 + len, (uint32_t)crc);
}

int mt_png_encode(const unsigned char *rgb, int width, int height, unsigned char **png, size_t *len)
{
    size_t row = (size_t)width * 3, raw_len = (row + 1) * (size_t)height;
    unsigned char *raw = malloc(raw_len);
    uLongf zlen = compressBound((uLong)raw_len);
    unsigned char *z = malloc(zlen), *out = NULL;
    int ret = -1;

    if (!raw || !z)
        goto done;
    for (int y = 0; y < height; y++) {
        raw[y * (row + 1)] = 0; /* filter type None */
        memcpy(raw + y * (row + 1) + 1, rgb + y * row, row);
    }
    if (compress2(z, &zlen, raw, (uLong)raw_len, Z_BEST_COMPRESSION) != Z_OK)
        goto done;
    out = malloc(8 + 25 + 12 + zlen + 12);
    if (!out)
        goto done;
    unsigned char ihdr[13], *p = out;
    put32(ihdr, (uint32_t)width);
    put32(ihdr + 4, (uint32_t)height);
    memcpy(ihdr + 8, "\x08\x02\x00\x00\x00", 5); /* 8 bit, RGB, deflate, no filter set, no interlace */
    memcpy(p, "\x89PNG\r\n\x1a\n", 8);
    p = chunk(p + 8, "IHDR", ihdr, 13);
    p = chunk(p, "IDAT", z, (uint32_t)zlen);
    p = chunk(p, "IEND", NULL, 0);
    *png = out;
    *len = (size_t)(p - out);
    out = NULL;
    ret = 0;
done:
    free(out);
    free(raw);
    free(z);
    return ret;
}
