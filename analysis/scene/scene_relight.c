/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Structure under another light: see scene_relight.h. */
#include "analysis/scene/scene_relight.h"

#include <math.h>
#include <stdlib.h>

#include "analysis/scene/scene_metric.h"

/* the most regions a grid has (scene_features.c: rx <= 4, ry <= 3) */
#define MAX_REGIONS 16

static int cmp_float(const void *pa, const void *pb)
{
    float a = *(const float *)pa, b = *(const float *)pb;
    return a < b ? -1 : a > b;
}

/* 1 - the correlation of a's and b's luma over cells x0..x1, y0..y1; -1
 * when either has no contrast there */
static float region_decorrelation(const MtSceneGrid *g, const float *a, const float *b, int x0,
                                  int x1, int y0, int y1)
{
    double va, vb, cov;
    mt_scene_region_moments(g, a, b, x0, x1, y0, y1, &va, &vb, &cov);
    if (va < MT_SCENE_MIN_REGION_VARIANCE || vb < MT_SCENE_MIN_REGION_VARIANCE)
        return -1;
    return (float)(1 - cov / sqrt(va * vb));
}

float mt_scene_relit_structure(const MtSceneGrid *g, const MtSceneFeat *a, const MtSceneFeat *b,
                               MtSceneFeat *scratch)
{
    float v[MAX_REGIONS];
    int n = 0;
    mt_scene_align(g, a, b, g->radius, scratch);
    for (int j = 0; j < g->ry; j++)
        for (int i = 0; i < g->rx && n < MAX_REGIONS; i++) {
            float r = region_decorrelation(g, a->y, scratch->y, i * g->gw / g->rx,
                                           (i + 1) * g->gw / g->rx, j * g->gh / g->ry,
                                           (j + 1) * g->gh / g->ry);
            if (r >= 0)
                v[n++] = r;
        }
    if (!n)
        return 0;
    qsort(v, n, sizeof(*v), cmp_float);
    return v[n / 2];
}
