/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Shift-tolerant key-frame change; see fast_thumb.h. */
#include "driver/fast_thumb.h"

#include <math.h>

#define MAX_DX (MT_FAST_THUMB_W / 4)
#define MAX_DY (MT_FAST_THUMB_H / 4)
/* Below this variance (grey levels squared, a standard deviation of 2 of
 * 255) a thumbnail has no structure to correlate: black, white or one
 * colour, as in a fade. */
#define FLAT_VARIANCE 4.0

/* correlation of a(x, y) with b(x + dx, y + dy) over their overlap; sets
 * *flat_a / *flat_b when a side of the overlap has no structure */
static double correlation(const uint8_t *a, const uint8_t *b, int dx, int dy,
                          int *flat_a, int *flat_b)
{
    int x0 = dx < 0 ? -dx : 0, x1 = dx > 0 ? MT_FAST_THUMB_W - dx : MT_FAST_THUMB_W;
    int y0 = dy < 0 ? -dy : 0, y1 = dy > 0 ? MT_FAST_THUMB_H - dy : MT_FAST_THUMB_H;
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (int y = y0; y < y1; y++) {
        const uint8_t *ra = a + y * MT_FAST_THUMB_W, *rb = b + (y + dy) * MT_FAST_THUMB_W + dx;
        for (int x = x0; x < x1; x++) {
            double va = ra[x], vb = rb[x];
            sa += va;
            sb += vb;
            saa += va * va;
            sbb += vb * vb;
            sab += va * vb;
        }
    }
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
    correlation(a, b, 0, 0, &flat_a, &flat_b);
    if (flat_a || flat_b)
        return flat_a && flat_b ? 0.f : 1.f;
    double best = -1;
    for (int dy = -MAX_DY; dy <= MAX_DY; dy++)
        for (int dx = -MAX_DX; dx <= MAX_DX; dx++) {
            double c = correlation(a, b, dx, dy, &flat_a, &flat_b);
            if (!flat_a && !flat_b && c > best)
                best = c;
        }
    double change = 1 - best;
    return (float)(change < 0 ? 0 : change > 1 ? 1 : change);
}
