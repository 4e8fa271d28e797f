/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Distances between the features of two frames (scene_features.h): a
 * histogram distance, and motion-compensated residuals of the cell grid,
 * where each region of the grid is matched at its best integer shift so
 * that pans, tilts and moderate zooms do not look like content changes.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_METRIC_H
#define MONTAGE_ANALYSIS_SCENE_METRIC_H

#include "analysis/scene/scene_features.h"

typedef struct MtScenePair {
    float hist;      /* 0..1: half the L1 distance of the histograms */
    float structure; /* 0..1: residual of the contrast-normalised luma */
    float luma;      /* mean |dY| of the cells at the matched shifts, 0..1 */
    float color;     /* mean |dU| + |dV| of the cells at the matched shifts */
    float activity;  /* mean |dY| of the cells without motion compensation */
    float motion;    /* mean shift length of the regions, fraction of the
                        grid width */
} MtScenePair;

/* Histogram distance only (cheap). */
float mt_scene_hist_dist(const MtSceneFeat *a, const MtSceneFeat *b);

/* What mt_scene_compare computes. Every mode searches each region's shift
 * on every other cell in each direction (a quarter of the cost); FULL and
 * SHAPE then measure the structure residual on all cells at that shift. */
typedef enum MtScenePairMode {
    MT_SCENE_PAIR_SHAPE,  /* hist and structure only (the other fields 0) */
    MT_SCENE_PAIR_FULL,   /* every field */
    MT_SCENE_PAIR_SPARSE, /* hist and structure, the residual too on every
                             other cell, and a coarser start for wide
                             searches: for the per-frame multi-lag scan */
} MtScenePairMode;

/* Comparison of a and b (same grid); radius is the shift search range in
 * cells (0 = no motion compensation), usually g->radius. */
void mt_scene_compare(const MtSceneGrid *g, const MtSceneFeat *a,
                      const MtSceneFeat *b, int radius, MtScenePairMode mode,
                      MtScenePair *out);

/* Frame x moved region by region onto frame m (best shifts within radius):
 * out's y, u, v and yn arrays (gw*gh each) get x's cells at their matched
 * places, cells nothing lands on keep x's own values. */
void mt_scene_align(const MtSceneGrid *g, const MtSceneFeat *m, const MtSceneFeat *x,
                    int radius, MtSceneFeat *out);

/* Change of b's cells that no movement of under a cell from a explains:
 * each cell's distance (Y, U and V summed) outside the range of a's cells
 * in its 3x3 neighbourhood, and the other way round, the larger mean of
 * the two. An edge that slides less than a cell mixes the colours of
 * neighbouring cells and stays inside that range (the sampled grid still
 * jumps when it crosses a sample point); a new picture leaves it. */
float mt_scene_novel_change(const MtSceneGrid *g, const MtSceneFeat *a, const MtSceneFeat *b);

/* A region whose luma variance is below this (a standard deviation of 1 %
 * of the luma range) has no structure to correlate: letterbox and
 * pillarbox bars, black or flat walls. */
#define MT_SCENE_MIN_REGION_VARIANCE 1e-4

/* The luma variances of a and b (cell arrays of grid g) over cells x0..x1,
 * y0..y1 and their covariance. */
void mt_scene_region_moments(const MtSceneGrid *g, const float *a, const float *b, int x0, int x1,
                             int y0, int y1, double *va, double *vb, double *cov);

#endif /* MONTAGE_ANALYSIS_SCENE_METRIC_H */
