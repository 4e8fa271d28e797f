/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Weapon fire in first-person game footage: a part of the picture replaced
 * (a weapon raised, a monster close to the camera) while a muzzle flash
 * lights the whole frame is no cut; a real cut after it still is
 * (scene_cut_extent.h). */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#define FPS 35.0
static int W = 192, H = 144; /* 96 x 72 with MONTAGE_TEST_QUICK */

static const SynShot ROOM = { 31, 0.002f, 0.0f, 0.02f, 0 };
static const SynShot WEAPON = { 47, 0.0f, 0.0f, 0.02f, 0 };
static const SynShot NEXT = { 58, -0.003f, 0.001f, 0.02f, 0 };

static SynClip clip;

/* ROOM for 100 frames, WEAPON over x0..x1, y0..y1 (fractions of the
 * picture) from frame 40 on, then a cut to NEXT at 100, 60 frames of it */
static void room_with_patch(float x0, float x1, float y0, float y1)
{
    clip.n = 0;
    syn_add(&clip, &ROOM, 0, 100);
    for (int k = 40; k < 100; k++) {
        clip.f[k].patch = &WEAPON;
        clip.f[k].patch_x0 = x0;
        clip.f[k].patch_x1 = x1;
        clip.f[k].patch_y0 = y0;
        clip.f[k].patch_y1 = y1;
    }
    syn_add(&clip, &NEXT, 0, 60);
}

/* ROOM for 100 frames; from frame 40 on a weapon fills the bottom centre
 * (the middle half of the width, the lower 40 % of the height: a fifth of
 * the picture, 12 of the 48 blocks) and a muzzle flash lights the frame by
 * 60 % for 6 frames; a cut to NEXT at 100, 60 frames of it */
static void test_weapon_raised_in_a_flash_is_no_cut(void)
{
    SynResult r;
    room_with_patch(0.25f, 0.75f, 0.6f, 1.0f);
    for (int k = 40; k < 46; k++)
        clip.f[k].gain = 1.6f;
    CHECK(syn_run(&clip, SYN_YUV420P, W, H, NULL, FPS, &r) == 0);
    /* scene analyser 9 also reported a hard cut at 40 */
    CHECK_INT(r.n_trans, 1);
    CHECK_INT(r.trans[0].type, MT_TRANSITION_HARD);
    CHECK_INT(r.trans[0].frame, 100);
}

/* The share of blocks means the same on a small analysis grid: the left
 * 35 % of the picture replaced by another shot at frame 40 (no flash) is a
 * cut at the default size and at analysis_size 16 (dropped there while
 * blocks could be 2 cells wide: 0.30-0.35 replaced gave no cut at 16 and a
 * cut at 48), and so is the cut to NEXT at 100. */
static void test_share_alike_on_a_small_grid(void)
{
    static const int sizes[] = { MT_SCENE_ANALYSIS_SIZE_MIN, 48 };
    room_with_patch(0.0f, 0.35f, 0.0f, 1.0f);
    for (int i = 0; i < 2; i++) {
        SynResult r;
        MtSceneConfig cfg;
        mt_scene_config_default(&cfg);
        cfg.analysis_size = sizes[i];
        CHECK(syn_run(&clip, SYN_YUV420P, W, H, &cfg, FPS, &r) == 0);
        CHECK_INT(r.n_trans, 2);
        CHECK_INT(r.trans[0].frame, 40);
        CHECK_INT(r.trans[1].frame, 100);
    }
}

int main(void)
{
    if (syn_quick()) {
        W = 96;
        H = 72;
    }
    RUN(test_weapon_raised_in_a_flash_is_no_cut);
    RUN(test_share_alike_on_a_small_grid);
    UNIT_EXIT();
}
