/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Viterbi local tempo curve; see beat_tempo_curve.h. */
#include "analysis/beat/beat_tempo_curve.h"

#include <math.h>
#include <stdlib.h>

#define CURVE_CHANGE_COST 6.0  /* per unit of |ln(bpm ratio)| */
#define CURVE_FLOOR       0.02f /* evidence floor, so log() stays finite */

int mt_tempo_curve(const MtTempoParams *p, const MtTempoGrid *g,
                   const MtBlockAc *ac, double global_bpm, double *block_bpm)
{
    const size_t nb = mt_block_ac_blocks(ac);
    for (size_t b = 0; b < nb; b++)
        block_bpm[b] = global_bpm;
    if (nb == 0 || !(global_bpm > 0))
        return 0;

    /* states: the far band; the near band inside it (in_lo..in_hi) sets
     * each block's scale and is free, the rest costs MT_TEMPO_CURVE_FAR_COST
     * a block */
    int lo = 0, hi = g->n - 1;
    while (lo < g->n - 1 && g->bpm[lo] < global_bpm / MT_TEMPO_CURVE_FAR_BAND) lo++;
    while (hi > 0 && g->bpm[hi] > global_bpm * MT_TEMPO_CURVE_FAR_BAND) hi--;
    int in_lo = lo, in_hi = hi;
    while (in_lo < hi && g->bpm[in_lo] < global_bpm / MT_TEMPO_CURVE_BAND) in_lo++;
    while (in_hi > lo && g->bpm[in_hi] > global_bpm * MT_TEMPO_CURVE_BAND) in_hi--;
    if (hi < lo || in_hi < in_lo)
        return 0;
    const int ns = hi - lo + 1;
    const int max_lag = mt_block_ac_max_lag(ac);
    const double blocks_per_win = MT_TEMPO_CURVE_WINDOW_S * p->fps / mt_block_ac_block_len(ac);
    const size_t half = (size_t)(blocks_per_win / 2.0 + 0.5) > 0 ? (size_t)(blocks_per_win / 2.0 + 0.5) : 1;

    float *acv = malloc(sizeof(float) * ((size_t)max_lag + 1));
    float *sal = malloc(sizeof(float) * (size_t)g->n);
    double *score = malloc(sizeof(double) * (size_t)ns);
    double *next = malloc(sizeof(double) * (size_t)ns);
    int *back = malloc(sizeof(int) * nb * (size_t)ns);
    double *fwd = malloc(sizeof(double) * 2 * (size_t)ns), *bwd = fwd ? fwd + ns : NULL;
    int *fwd_arg = malloc(sizeof(int) * 2 * (size_t)ns), *bwd_arg = fwd_arg ? fwd_arg + ns : NULL;
    int ret = -1;
    if (!acv || !sal || !score || !next || !back || !fwd || !fwd_arg)
        goto done;

    const double step_cost = CURVE_CHANGE_COST * log(MT_TEMPO_GRID_STEP);
    for (size_t b = 0; b < nb; b++) {
        size_t b0 = b >= half ? b - half : 0, b1 = b + half + 1;
        if (mt_block_ac_window(ac, b0, b1, acv) < 0)
            for (int i = 0; i < g->n; i++) sal[i] = 0.0f;
        else
            mt_tempo_salience(g, acv, max_lag, sal);
        /* normalise per block so loud and quiet passages weigh the same;
         * the scale is the near band's best, so a far tempo scores above 0
         * only where it beats every near one */
        float m = 0.0f;
        for (int i = in_lo; i <= in_hi; i++)
            if (sal[i] > m) m = sal[i];
        for (int s = 0; s < ns; s++) {
            float e = m > 0 ? sal[lo + s] / m : 0.0f;
            double obs = log(e > CURVE_FLOOR ? e : CURVE_FLOOR);
            if (lo + s < in_lo || lo + s > in_hi)
                obs -= MT_TEMPO_CURVE_FAR_COST;
            if (b == 0) {
                score[s] = obs;
                back[s] = s;
                continue;
            }
            next[s] = obs; /* plus the best predecessor, added below */
        }
        if (b == 0)
            continue;
        /* L1 transition cost: the best predecessor of every state in O(ns)
         * by a forward and a backward sweep (a distance transform) */
        for (int s = 0; s < ns; s++) {
            double best = score[s];
            int arg = s;
            if (s > 0 && fwd[s - 1] - step_cost > best) {
                best = fwd[s - 1] - step_cost;
                arg = fwd_arg[s - 1];
            }
            fwd[s] = best;
            fwd_arg[s] = arg;
        }
        for (int s = ns - 1; s >= 0; s--) {
            double best = fwd[s];
            int arg = fwd_arg[s];
            if (s + 1 < ns && bwd[s + 1] - step_cost > best) {
                best = bwd[s + 1] - step_cost;
                arg = bwd_arg[s + 1];
            }
            bwd[s] = best;
            bwd_arg[s] = arg;
            next[s] += best;
            back[b * (size_t)ns + (size_t)s] = arg;
        }
        double *t = score; score = next; next = t;
    }
    int s = 0;
    for (int q = 1; q < ns; q++)
        if (score[q] > score[s]) s = q;
    for (size_t b = nb; b-- > 0;) {
        block_bpm[b] = g->bpm[lo + s];
        if (b > 0)
            s = back[b * (size_t)ns + (size_t)s];
    }
    ret = 0;
done:
    free(acv);
    free(sal);
    free(score);
    free(next);
    free(back);
    free(fwd);
    free(fwd_arg);
    return ret;
}
