/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Per-frame features for the scene (shot boundary) detector: a small grid of
 * cell means ("thumbnail") for luma and chroma and a compact colour
 * histogram, read from any MtImage by sampling a fixed subset of pixels.
 *
 * Samples are normalised to 0..1 from the component depth; limited-range
 * YUV is expanded to full range; packed or planar RGB is converted to
 * BT.601 YUV; gray images have neutral chroma. Chroma is stored centred on
 * zero (-0.5..0.5).
 */
#ifndef MONTAGE_ANALYSIS_SCENE_FEATURES_H
#define MONTAGE_ANALYSIS_SCENE_FEATURES_H

#include <stdint.h>

#include "analysis/scene/image.h"

#define MT_SCENE_HIST_Y    16 /* luma bins */
#define MT_SCENE_HIST_C     8 /* bins per chroma component */
#define MT_SCENE_HIST_BINS (MT_SCENE_HIST_Y + 2 * MT_SCENE_HIST_C)
/* Luma samples per cell across and down (chroma: half of each). Two rows
 * keep the dev and extra corpora's results and margins of four, at half
 * the sampling cost. */
#define MT_SCENE_CELL_SAMPLES_X 4
#define MT_SCENE_CELL_SAMPLES_Y 2

/* The sampling grid for one image size. */
typedef struct MtSceneGrid {
    int width, height; /* image size it was made for */
    int gw, gh;        /* cells */
    int sw, sh;        /* luma samples per cell, each direction */
    int csw, csh;      /* chroma samples per cell, each direction */
    int rx, ry;        /* motion regions across and down */
    int radius;        /* motion search range in cells */
    int *lx, *ly;      /* luma sample coordinates (gw*sw, gh*sh) */
    int *cx, *cy;      /* chroma sample coordinates in luma units */
    int *xoff;         /* scratch: byte offsets of one row of samples */
} MtSceneGrid;

/* The features of one frame. The arrays point into one allocation owned by
 * whoever made the MtSceneFeat (the detector keeps a ring of them). */
typedef struct MtSceneFeat {
    float *y, *u, *v; /* cell means, gw*gh each */
    float *yn;        /* y with mean removed, divided by max(std, floor) */
    /* Y, U, V parts each sum to 1/3; a sample is shared between the two
     * nearest bin centres, so a slow brightness change moves weight
     * smoothly instead of in jumps */
    float hist[MT_SCENE_HIST_BINS];
    float mean;       /* mean luma of the samples, 0..1 */
    float std;        /* standard deviation of the luma samples */
    float cell_std;   /* standard deviation of the luma cell means */
    float chroma;     /* mean chroma magnitude of the cells (saturation) */
} MtSceneFeat;

/* Lookup tables for one image format. YUV and gray samples are counted
 * by raw value (at most 10 bits: deeper samples are counted by their top
 * 10 bits) and the histogram and statistics are made from the counts. */
#define MT_SCENE_RAW_BITS 10
typedef struct MtSceneLut {
    int      key[8];   /* format fields the tables were made for */
    float   *val[3];   /* per component: raw sample -> normalised value */
    int      size[3];  /* 1 << depth entries */
    int      cshift[3]; /* raw >> cshift indexes the counts */
    float   *cval[3];  /* per count index: value, histogram bin and the */
    uint8_t *cbin[3];  /* weight it gives the next bin (soft binning) */
    float   *cwgt[3];
} MtSceneLut;

/* Sets up the grid for an image of w x h with `cells` cells along the
 * longer side. Returns 0 or a negative errno value. */
int  mt_scene_grid_init(MtSceneGrid *g, int w, int h, int cells);
void mt_scene_grid_free(MtSceneGrid *g);

/* Checks that the image is one the sampler can read. 0 or -EINVAL. */
int  mt_scene_image_check(const MtImage *img);

/* (Re)builds the lookup tables when the image format differs from the one
 * they were made for. 0 or -ENOMEM. */
int  mt_scene_lut_update(MtSceneLut *lut, const MtImage *img);
void mt_scene_lut_free(MtSceneLut *lut);

/* Fills f (whose arrays hold g->gw * g->gh values) from img, which must
 * have the grid's size and pass mt_scene_image_check(). */
void mt_scene_features(const MtSceneGrid *g, const MtSceneLut *lut,
                       const MtImage *img, MtSceneFeat *f);

#endif /* MONTAGE_ANALYSIS_SCENE_FEATURES_H */
