/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The RMS energy curve against its definition, float for float: each
 * piece of a block (a push's share of it) summed in four lanes, lane l
 * taking samples 4q + l in ascending order, the last m % 4 samples added
 * to lane 0, the lanes joined as (a0 + a1) + (a2 + a3), the pieces summed
 * as doubles. push_energy's SSE2 loop (16 samples a step) must give the
 * same floats as this plain loop; pieces of 16k + 4j + r samples reach
 * its vector part, its 4-sample steps and its tail in every mix. */
#include "tests/unit/unit.h"
#include "tests/unit/beat_test_signals.h"

#define SR 22050    /* an energy block of 1024 samples (ENERGY_BLOCK_S) */
#define BLOCK 1024

static float piece_sum(const float *y, size_t m)
{
    float a[4] = { 0.0f, 0.0f, 0.0f, 0.0f };
    size_t k = 0;
    for (; k + 4 <= m; k += 4)
        for (int l = 0; l < 4; l++)
            a[l] += y[k + l] * y[k + l];
    for (; k < m; k++)
        a[0] += y[k] * y[k];
    return (a[0] + a[1]) + (a[2] + a[3]);
}

static void energy_as_defined(void)
{
    enum { N = 6 * SR, MAX_BLOCKS = N / BLOCK };
    float *x = malloc(sizeof(float) * N);
    float *ref = malloc(sizeof(float) * MAX_BLOCKS);
    CHECK(x && ref);
    bt_seed = 5;
    for (int i = 0; i < N; i++) /* noise whose level changes every 700 samples */
        x[i] = (0.05f + 0.9f * (float)((i / 700) % 7) / 7.0f) * bt_noise();
    MtBeatConfig c;
    mt_beat_config_default(&c);
    c.keep_curves = 1;
    MtBeatTracker *bt = mt_beat_new(&c, SR);
    CHECK(bt != NULL);
    /* pushes of 16k + 4j + r samples, k in {0, 1, 2, 5}, j and r in 0..3,
     * round and round; the reference splits them at block ends as the
     * tracker does */
    size_t pos = 0, fill = 0, nb = 0, step = 0;
    double acc = 0.0;
    while (pos < N) {
        static const int ks[4] = { 0, 1, 2, 5 };
        const size_t s = (size_t)(16 * ks[step / 16 % 4] + 4 * (step / 4 % 4) + step % 4);
        step++;
        const size_t len = s < N - pos ? s : N - pos;
        CHECK_INT(mt_beat_push(bt, x + pos, len), 0);
        for (size_t i = 0; i < len;) {
            size_t m = BLOCK - fill < len - i ? BLOCK - fill : len - i;
            acc += (double)piece_sum(x + pos + i, m);
            fill += m;
            i += m;
            if (fill == BLOCK) {
                ref[nb++] = (float)sqrt(acc / BLOCK);
                acc = 0.0;
                fill = 0;
            }
        }
        pos += len;
    }
    CHECK_INT(mt_beat_finish(bt), 0);
    MtBeatResult r;
    CHECK_INT(mt_beat_result(bt, &r), 0);
    CHECK(nb == MAX_BLOCKS && r.n_energy >= nb);
    size_t differ = 0;
    for (size_t b = 0; b < nb; b++)
        differ += r.energy[b] != ref[b];
    if (differ)
        UNIT_FAIL("%zu of %zu energy values differ from the lane-ordered sums", differ, nb);
    mt_beat_free(&bt);
    free(x);
    free(ref);
}

int main(void)
{
    RUN(energy_as_defined);
    UNIT_EXIT();
}
