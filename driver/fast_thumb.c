/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Shift-tolerant key-frame change; see fast_thumb.h. */
#include "driver/fast_thumb.h"

#include <math.h>
#include <string.h>

#define MAX_DX (MT_FAST_THUMB_W / 4)
#define MAX_DY (MT_FAST_THUMB_H / 4)
/* Below this variance (grey levels squared, a standard deviation of 2 of
 * 255) a thumbnail has no structure to correlate: black, white or one
 * colour, as in a fade. */
#define FLAT_VARIANCE 4.0

/* Sums of a thumbnail's values and squared values over any rectangle, in
 * constant time: s[y][x] holds the sums over [0, x) x [0, y). Every sum of
 * correlation() is an integer far below 2^53, so these integer sums give
 * the very doubles that adding up pixel by pixel in double gave (2304
 * pixels of at most 255^2: 1.5e8 at most, within 32 bits). The search
 * over 627 shifts per pair then costs one integer multiply-add per pixel
 * instead of five in double: for the 232 key frames of bench/fast_vs_full.sh's
 * clip at keyint 25, montage-fast-scene's own instructions went from 4.8e9
 * to 5.3e8 (callgrind, --plan-only), pass 0+1 from 0.89 to 0.69 s of CPU. */
typedef struct Integral {
    uint32_t s[MT_FAST_THUMB_H + 1][MT_FAST_THUMB_W + 1];
    uint32_t ss[MT_FAST_THUMB_H + 1][MT_FAST_THUMB_W + 1];
} Integral;

static void integral(const uint8_t *t, Integral *in)
{
    for (int x = 0; x <= MT_FAST_THUMB_W; x++)
        in->s[0][x] = in->ss[0][x] = 0;
    for (int y = 0; y < MT_FAST_THUMB_H; y++) {
        uint32_t row = 0, row2 = 0;
        in->s[y + 1][0] = in->ss[y + 1][0] = 0;
        for (int x = 0; x < MT_FAST_THUMB_W; x++) {
            uint32_t v = t[y * MT_FAST_THUMB_W + x];
            row += v;
            row2 += v * v;
            in->s[y + 1][x + 1] = in->s[y][x + 1] + row;
            in->ss[y + 1][x + 1] = in->ss[y][x + 1] + row2;
        }
    }
}

#define PADDED_W (MT_FAST_THUMB_W + 2 * MAX_DX)

/* sum over [x0, x1) x [y0, y1) (unsigned wrap-around cancels exactly) */
static double rect(const uint32_t m[][MT_FAST_THUMB_W + 1], int x0, int y0, int x1, int y1)
{
    return (double)(uint32_t)(m[y1][x1] - m[y0][x1] - m[y1][x0] + m[y0][x0]);
}

/* correlation of a(x, y) with b(x + dx, y + dy) over their overlap; sets
 * *flat_a / *flat_b when a side of the overlap has no structure */
static double correlation(const uint8_t *a, const uint8_t b_padded[][PADDED_W],
                          const Integral *ia, const Integral *ib, int dx, int dy,
                          int *flat_a, int *flat_b)
{
    int x0 = dx < 0 ? -dx : 0, x1 = dx > 0 ? MT_FAST_THUMB_W - dx : MT_FAST_THUMB_W;
    int y0 = dy < 0 ? -dy : 0, y1 = dy > 0 ? MT_FAST_THUMB_H - dy : MT_FAST_THUMB_H;
    /* b's rows padded with zeros: whole rows of a multiply to the same
     * sum as the overlap, in a loop of fixed length that vectorises */
    uint32_t cross = 0;
    for (int y = y0; y < y1; y++) {
        const uint8_t *ra = a + y * MT_FAST_THUMB_W, *rb = b_padded[y + dy] + MAX_DX + dx;
        for (int x = 0; x < MT_FAST_THUMB_W; x++)
            cross += (uint32_t)ra[x] * rb[x];
    }
    double sa = rect(ia->s, x0, y0, x1, y1), saa = rect(ia->ss, x0, y0, x1, y1);
    double sb = rect(ib->s, x0 + dx, y0 + dy, x1 + dx, y1 + dy);
    double sbb = rect(ib->ss, x0 + dx, y0 + dy, x1 + dx, y1 + dy), sab = cross;
    double n = (double)(x1 - x0) * (y1 - y0);
    double var_a = saa / n - (sa / n) * (sa / n), var_b = sbb / n - (sb / n) * (sb / n);
    *flat_a = var_a < FLAT_VARIANCE;
    *flat_b = var_b < FLAT_VARIANCE;
    if (*flat_a || *flat_b)
        return 0;
    return (sab / n - (sa / n) * (sb / n)) / sqrt(var_a * var_b);
}

float mt_fast_thumb_change(const uint8_t *a, const uint8_t *b)
{
    int flat_a, flat_b;
    Integral ia, ib;
    uint8_t b_padded[MT_FAST_THUMB_H][PADDED_W];
    integral(a, &ia);
    integral(b, &ib);
    memset(b_padded, 0, sizeof(b_padded));
    for (int y = 0; y < MT_FAST_THUMB_H; y++)
        memcpy(b_padded[y] + MAX_DX, b + y * MT_FAST_THUMB_W, MT_FAST_THUMB_W);
    correlation(a, b_padded, &ia, &ib, 0, 0, &flat_a, &flat_b);
    if (flat_a || flat_b)
        return flat_a && flat_b ? 0.f : 1.f;
    double best = -1;
    for (int dy = -MAX_DY; dy <= MAX_DY; dy++)
        for (int dx = -MAX_DX; dx <= MAX_DX; dx++) {
            double c = correlation(a, b_padded, &ia, &ib, dx, dy, &flat_a, &flat_b);
            if (!flat_a && !flat_b && c > best)
                best = c;
        }
    double change = 1 - best;
    return (float)(change < 0 ? 0 : change > 1 ? 1 : change);
}
