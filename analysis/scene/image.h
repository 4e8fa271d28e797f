/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A pixel-format-agnostic view of one video frame, so the scene analysis can
 * read any common decoder output (8/10-bit planar YUV, NV12/P010, gray,
 * packed RGB) without FFmpeg converting it first. The filter fills it from
 * AVPixFmtDescriptor; tests fill it by hand.
 */
#ifndef MONTAGE_ANALYSIS_IMAGE_H
#define MONTAGE_ANALYSIS_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* Where one colour component lives, with the same meaning as FFmpeg's
 * AVComponentDescriptor: a sample of component c at (x, y) (in that
 * component's own, possibly subsampled, grid) is read from
 *   data[plane] + y * linesize[plane] + x * step + offset
 * as a byte (depth <= 8) or a little-endian uint16 (depth > 8),
 * shifted right by `shift`, keeping `depth` bits. */
typedef struct MtComponent {
    int plane;
    int step;   /* bytes between horizontally adjacent samples */
    int offset; /* bytes before the first sample */
    int shift;
    int depth;  /* significant bits: 8..16 */
} MtComponent;

typedef enum MtColorModel {
    MT_COLOR_YUV  = 0, /* comp[0..2] = Y, U, V */
    MT_COLOR_GRAY = 1, /* comp[0] = Y only */
    MT_COLOR_RGB  = 2, /* comp[0..2] = R, G, B */
} MtColorModel;

typedef struct MtImage {
    int width, height;          /* luma / full-resolution size */
    MtColorModel model;
    int log2_chroma_w;          /* YUV only: chroma subsampling */
    int log2_chroma_h;
    int full_range;             /* YUV/GRAY: 1 = JPEG range, 0 = limited */
    MtComponent comp[3];
    const uint8_t *data[4];
    ptrdiff_t linesize[4];
} MtImage;

#endif /* MONTAGE_ANALYSIS_IMAGE_H */
