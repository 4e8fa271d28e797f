/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The share of a picture a cut candidate replaces: see scene_cut_extent.h. */
#include "analysis/scene/scene_cut_extent.h"

#include <math.h>

#include "analysis/scene/scene_metric.h"

/* Blocks along the picture's longer side (6 cells each on the default
 * 48-cell grid, the size the limits below were measured at, for landscape
 * and portrait alike); along the shorter side, as many as keep them about
 * square. */
#define BLOCKS_LONG 8
/* Fewest cells along a block's side: a correlation over a block of 1 or 2
 * cells is about +-1 whatever the content (at analysis_size 16 a cut
 * between two unrelated shots changed 0.70 of 2-cell blocks, 0.975 of the
 * 6-cell blocks at 48), so small grids get fewer, larger blocks. */
#define BLOCK_MIN_CELLS 3
/* A block changed when its luma correlation with the block before falls
 * below 1 - this. Lower bounds (0.1-0.2) count the encoding noise and the
 * motion of fire and damage frames too (game-tune t5 5717: 0.31 of the
 * blocks at 0.1, 0.02 at 0.3), higher ones (0.4-0.5) miss the blocks that
 * real cuts between shots of one set keep half alike (edited-tune et01
 * 573: 0.52 at 0.3, 0.23 at 0.5); 0.3 separated the two groups best. */
#define BLOCK_DECORRELATION 0.3
/* A cut replaces at least this share of the blocks. Measured on the hard
 * cuts scene analyser 9 reports on the tune sets (scene_cli -v, every
 * block counted at BLOCK_DECORRELATION): the 14 false cuts of game-tune
 * t1-t5 (weapon fire, damage, monsters close to the camera) 0.02, 0.19
 * and 0.21 (t5 5717, 572, 4686: weapon switched or raised under a muzzle
 * flash or the end of a damage tint), the other 11 0.45-0.92 (whole views
 * changed: the death palette, close melee); the real cuts of dev, extra_g,
 * extra_h, extra_j, natural-dev and edited-tune (100) >= 0.50 (natural-dev
 * nd03 880, then edited-tune et01 573 0.52, a cut between two Doom shots,
 * and nd01 535 and 829, 0.57, cuts within one set of a music video). */
#define SCENE_CUT_MIN_EXTENT 0.35f

/* 1 when the block x0..x1, y0..y1 of b changed structure from a's; *counted
 * is 1 when either has contrast there (MT_SCENE_MIN_REGION_VARIANCE) */
static int block_changed(const MtSceneGrid *g, const float *a, const float *b, int x0, int x1,
                         int y0, int y1, int *counted)
{
    double va, vb, cov;
    mt_scene_region_moments(g, a, b, x0, x1, y0, y1, &va, &vb, &cov);
    int ca = va >= MT_SCENE_MIN_REGION_VARIANCE, cb = vb >= MT_SCENE_MIN_REGION_VARIANCE;
    *counted = ca || cb;
    if (!ca || !cb)
        return ca != cb;
    return 1 - cov / sqrt(va * vb) > BLOCK_DECORRELATION;
}

float mt_scene_changed_share(const MtSceneGrid *g, const MtSceneFeat *a, const MtSceneFeat *b,
                             MtSceneFeat *scratch)
{
    int longer = g->gw > g->gh ? g->gw : g->gh, shorter = g->gw > g->gh ? g->gh : g->gw;
    int n_long = longer / BLOCK_MIN_CELLS < BLOCKS_LONG ? longer / BLOCK_MIN_CELLS : BLOCKS_LONG;
    if (n_long < 1)
        n_long = 1;
    int n_short = (int)lround((double)n_long * shorter / longer);
    if (n_short < 1)
        n_short = 1;
    int bx = g->gw > g->gh ? n_long : n_short, by = g->gw > g->gh ? n_short : n_long;
    mt_scene_align(g, a, b, g->radius, scratch);
    int counted = 0, changed = 0;
    for (int j = 0; j < by; j++)
        for (int i = 0; i < bx; i++) {
            int has_contrast;
            changed += block_changed(g, a->y, scratch->y, i * g->gw / bx, (i + 1) * g->gw / bx,
                                     j * g->gh / by, (j + 1) * g->gh / by, &has_contrast);
            counted += has_contrast;
        }
    return counted ? (float)changed / counted : 1;
}

int mt_scene_cut_is_partial(float share)
{
    return share < SCENE_CUT_MIN_EXTENT;
}
