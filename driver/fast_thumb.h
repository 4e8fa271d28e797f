/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A motion-tolerant change between two key frames, for the fast mode's
 * pass 1. Key frames seconds apart in one long take differ by where things
 * are (a pan, a scroll, a drift), which the filter's structure change
 * (matched within a few cells, as suits consecutive frames) reads as new
 * content. Here each key frame is a small grey thumbnail (pass 1 writes
 * them with scale + format=gray + rawvideo) and two thumbnails are compared
 * at their best relative shift, up to a quarter of each side: a moved
 * picture correlates again once shifted, a new shot does not. Pure logic:
 * unit-tested alone.
 */
#ifndef MONTAGE_DRIVER_FAST_THUMB_H
#define MONTAGE_DRIVER_FAST_THUMB_H

#include <stdint.h>

/* Thumbnail size, whatever the video's aspect (both frames are squeezed
 * alike). 64x36 keeps the layout of shapes and averages grain away. */
#define MT_FAST_THUMB_W 64
#define MT_FAST_THUMB_H 36
#define MT_FAST_THUMB_SIZE (MT_FAST_THUMB_W * MT_FAST_THUMB_H)

/* 1 minus the largest normalised cross-correlation of a and b over shifts
 * of up to a quarter of each side (0: the same picture, moved; about 1:
 * unrelated pictures), clipped to 0..1. A flat thumbnail (no structure)
 * against another flat one gives 0, against a structured one 1: the
 * histogram distance decides those. */
float mt_fast_thumb_change(const uint8_t *a, const uint8_t *b);

#endif /* MONTAGE_DRIVER_FAST_THUMB_H */
