/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Packed RGB clips painted frame by frame for the scene detector tests:
 * the painter type, the image that describes the pixels, a picture under a
 * game's damage tint, one under a strobing lamp and one dipping to black. */
#ifndef MONTAGE_TESTS_SCENE_RGB_H
#define MONTAGE_TESTS_SCENE_RGB_H

#include <math.h>
#include <stdint.h>

#include "analysis/scene/scene_detect.h"

/* Paints frame k of a w x h packed RGB clip into px. */
typedef void (*RgbPainter)(uint8_t *px, int w, int h, int k);

/* the image of w x h packed full-range RGB pixels at px */
static inline MtImage rgb_image(uint8_t *px, int w, int h)
{
    MtImage img = { .width = w, .height = h, .model = MT_COLOR_RGB, .full_range = 1,
                    .comp = { { 0, 3, 0, 0, 8 }, { 0, 3, 1, 0, 8 }, { 0, 3, 2, 0, 8 } },
                    .data = { px }, .linesize = { w * 3 } };
    return img;
}

/* the brightness (0.1-1) of the 8-pixel block holding pixel x, y of the
 * textured picture numbered seed */
static inline float block_brightness(int x, int y, unsigned seed)
{
    unsigned r = (unsigned)(x / 8) * 73856093u ^ (unsigned)(y / 8) * 19349663u ^ seed * 83492791u;
    return 0.1f + 0.9f * (float)((r >> 7) % 97) / 96.0f;
}

enum { TINT_AT = 40, TINT_FADE = 20, TINT_CUT_AT = 100 };

/* A textured picture (brightness from a block pattern, 8 pixels a block)
 * in a greyish brown, from frame TINT_AT blended toward pure red as a
 * game's damage palette does to the whole frame, fading back over
 * TINT_FADE frames; from TINT_CUT_AT another pattern in the same colours */
static inline void paint_tinted_picture(uint8_t *px, int w, int h, int k)
{
    static const float base[3] = { 170, 150, 125 };
    static const float red[3] = { 255, 0, 0 };
    unsigned seed = k < TINT_CUT_AT ? 1 : 2;
    float tint = k >= TINT_AT && k < TINT_AT + TINT_FADE ? 0.4f * (TINT_AT + TINT_FADE - k) / TINT_FADE : 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float lit = block_brightness(x, y, seed);
            for (int c = 0; c < 3; c++)
                px[3 * (y * w + x) + c] = (uint8_t)lrintf((1 - tint) * base[c] * lit + tint * red[c]);
        }
}

enum { LAMP_EVERY = 20, LAMP_LEN = 5, LAMP_CUT_AT = 93 };

/* A white lamp strobing over one part of a textured picture (8-pixel
 * blocks) sliding `speed` pixels a frame, as a game's strobing sector
 * light does: every LAMP_EVERY frames the left 45 % of the picture is lit
 * for LAMP_LEN frames (longer than the flash test's flash_len), its shadows
 * lifted more than its lights, no hue added, so the colour step does not
 * outweigh the structure step and the recolouring test cannot hold it.
 * With a cut (cut_at > 0), another pattern from cut_at on, 2 frames before
 * a strobe's onset. */
static inline void paint_lamp_strobe(uint8_t *px, int w, int h, int k, int speed, int cut_at)
{
    static const float base[3] = { 150, 140, 120 };
    unsigned seed = cut_at > 0 && k >= cut_at ? 2 : 1;
    int on = k % LAMP_EVERY >= LAMP_EVERY - LAMP_LEN;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float lit = block_brightness(x + speed * k, y, seed);
            int lamp = on && x < w * 45 / 100;
            for (int c = 0; c < 3; c++) {
                float v = base[c] * lit;
                if (lamp)
                    v = 0.3f * v + 0.7f * 255 * sqrtf(v / 255);
                px[3 * (y * w + x) + c] = (uint8_t)lrintf(v);
            }
        }
}

enum { DIP_AT = 60, DIP_LEN = 20 };

/* A textured picture (8-pixel blocks) sliding 2 pixels a frame, cut to
 * black at DIP_AT, black for DIP_LEN frames, then another pattern cut in:
 * one dip to black. */
static inline void paint_dip_to_black(uint8_t *px, int w, int h, int k)
{
    static const float base[3] = { 150, 140, 120 };
    unsigned seed = k < DIP_AT ? 1 : 2;
    int black = k >= DIP_AT && k < DIP_AT + DIP_LEN;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float lit = black ? 0 : block_brightness(x + 2 * k, y, seed);
            for (int c = 0; c < 3; c++)
                px[3 * (y * w + x) + c] = (uint8_t)lrintf(base[c] * lit);
        }
}

#endif
