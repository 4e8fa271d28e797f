/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Per-block onset autocorrelation; see beat_autocorr.h. */
#include "analysis/beat/beat_autocorr.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/array_grow.h"

struct MtBlockAc {
    int max_lag, block_len;
    float *hist;      /* ring of the last max_lag + 1 inputs, stored twice
                         (hist[i] == hist[i + ring]) so that every lag
                         reads one contiguous run, no wrap test */
    size_t n;         /* inputs so far */
    double *blocks;   /* per block: max_lag + 1 lag sums, then sum x, count */
    size_t n_blocks, cap_blocks; /* n_blocks includes the current block */
};

#define BLOCK_STRIDE(ac) ((size_t)(ac)->max_lag + 3)

MtBlockAc *mt_block_ac_new(int max_lag, int block_len)
{
    if (max_lag < 1 || block_len < 1)
        return NULL;
    MtBlockAc *ac = calloc(1, sizeof(*ac));
    if (!ac)
        return NULL;
    ac->max_lag = max_lag;
    ac->block_len = block_len;
    ac->hist = calloc(2 * ((size_t)max_lag + 1), sizeof(float));
    if (!ac->hist) {
        mt_block_ac_free(&ac);
        return NULL;
    }
    return ac;
}

void mt_block_ac_free(MtBlockAc **ac)
{
    if (!ac || !*ac)
        return;
    free((*ac)->hist);
    free((*ac)->blocks);
    free(*ac);
    *ac = NULL;
}

int mt_block_ac_push(MtBlockAc *ac, float x)
{
    const size_t stride = BLOCK_STRIDE(ac);
    if (ac->n % (size_t)ac->block_len == 0) { /* open a new block */
        if (mt_array_grow((void **)&ac->blocks, &ac->cap_blocks, ac->n_blocks + 1,
                          sizeof(double) * stride) < 0)
            return -1;
        memset(ac->blocks + stride * ac->n_blocks, 0, sizeof(double) * stride);
        ac->n_blocks++;
    }
    double *blk = ac->blocks + stride * (ac->n_blocks - 1);
    const size_t ring = (size_t)ac->max_lag + 1;
    const size_t pos = ac->n % ring;
    ac->hist[pos] = x;
    ac->hist[pos + ring] = x;
    /* lags that reach before the stream start multiply the ring's zeros;
     * hist[pos + ring - l] is the input l frames back */
    const int lags = ac->n < (size_t)ac->max_lag ? (int)ac->n : ac->max_lag;
    const float *h = ac->hist + pos + ring;
    for (int l = 0; l <= lags; l++)
        blk[l] += (double)(x * h[-l]);
    blk[ac->max_lag + 1] += x;
    blk[ac->max_lag + 2] += 1.0;
    ac->n++;
    return 0;
}

int mt_block_ac_max_lag(const MtBlockAc *ac) { return ac->max_lag; }
int mt_block_ac_block_len(const MtBlockAc *ac) { return ac->block_len; }
size_t mt_block_ac_blocks(const MtBlockAc *ac) { return ac->n_blocks; }

int mt_block_ac_window(const MtBlockAc *ac, size_t b0, size_t b1, float *out)
{
    const size_t stride = BLOCK_STRIDE(ac);
    const int L = ac->max_lag;
    if (b1 > ac->n_blocks)
        b1 = ac->n_blocks;
    double sum = 0.0, cnt = 0.0;
    for (int l = 0; l <= L; l++)
        out[l] = 0.0f;
    if (b0 >= b1)
        return -1;
    /* accumulate in double, then normalise */
    double acc[4096];
    double *r = L + 1 <= 4096 ? acc : calloc((size_t)L + 1, sizeof(double));
    if (!r)
        return -1;
    memset(r, 0, sizeof(double) * ((size_t)L + 1));
    for (size_t b = b0; b < b1; b++) {
        const double *blk = ac->blocks + stride * b;
        for (int l = 0; l <= L; l++)
            r[l] += blk[l];
        sum += blk[L + 1];
        cnt += blk[L + 2];
    }
    int ret = -1;
    if (cnt >= 2.0) {
        const double mu = sum / cnt;
        const double var = r[0] / cnt - mu * mu;
        if (var > 1e-12 * (mu * mu + 1e-12) && var > 1e-20) {
            for (int l = 0; l <= L; l++) {
                double v = (r[l] / cnt - mu * mu) / var;
                out[l] = (float)(v > 1.0 ? 1.0 : v < -1.0 ? -1.0 : v);
            }
            ret = 0;
        }
    }
    if (r != acc)
        free(r);
    return ret;
}
