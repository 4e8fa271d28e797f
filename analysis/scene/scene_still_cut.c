/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* A cut between still shots: a small change that stands out from still
 * frames on both sides (scene_still_cut.h). */
#include "analysis/scene/scene_still_cut.h"

#include <math.h>

/* A candidate between still shots (its change SCN_STILL_STANDOUT times the
 * largest step of the SCN_STILL_BEFORE frames before it and of the
 * SCN_STILL_AFTER after it, neither frame flat) is a cut from
 * SCN_STILL_FLOOR of the cut threshold on. Measured on scene analyser
 * 12's 1755 candidates of excess 0.1-0.5 that its relaxed rule left, on
 * the tune sets (dev, extra_g/h/j, natural-dev, game-tune, edited-tune):
 * the one cut among them, edited-tune et07 586 (cytadela's terminal, page
 * to page, excess 0.296), stands out 50.9 times; no other more than 7.3
 * (et03 333, Doom; that from 4 frames before, which can only be more; the
 * other 11 that stood out 10 times or more from 4 frames, a low-rate
 * source's new images, steps out of black, Doom, measured again at 24
 * frames: 3.1 at most). Generated (eval/edited-tune/still_clips.sh): two pages of
 * natural-dev's terminal cut together 38.0 and 38.0 (excess 0.218 and
 * 0.261; the changed-share test then drops both, 0.30 and 0.33 of the
 * blocks); a brightness step or pulse, a one-frame flash or box, a
 * blinking cursor, a 1 px a frame scroll, a flash or blinking light over a
 * still Doom frame stay under the floor or the ratio, or the flash,
 * recolouring and brightness tests drop them. 16 lies between 7.3 and 38,
 * near their geometric mean (16.7). The floor, 0.4 of the threshold: under
 * the generated pages' 0.44 and et07 586's 0.59, over the Doom candidates
 * that stand out from still frames (game-tune t4 2576 and 2584: 0.21 and
 * 0.23, 42-46 times from 4 frames, 1.0-1.1 from 24). Not separated: a
 * terminal still for a second that scrolls by one line of small text
 * (excess 0.39, 350 times) is a cut, as scene analyser 12 already cut
 * such a scroll of larger text (excess over 0.4). */
#define SCN_STILL_FLOOR    0.4f
#define SCN_STILL_STANDOUT 16.0f
/* Not thresholds: the frames whose steps make the shot's own change, before
 * and after the candidate. After it, the flash test's decision reach
 * (SCN_STANDOUT_REACH, which mt_scene_new keeps ahead), so the rule adds
 * no latency. Before it, about a second: a picture that changes every few
 * frames and holds in between (a low-rate source: extra_g g05 and extra_j
 * j03's tree.avi, a new image every 5-13 frames; a terminal scrolling a
 * line every 12 frames) stands out 60-250 times from 4 still frames on
 * each side, and 0.1-1.6 times once its previous change is in reach. */
#define SCN_STILL_BEFORE 24
#define SCN_STILL_AFTER  4
/* Not a threshold: a step of an exactly repeated frame is 0; the ratio is
 * taken over at least this. */
#define SCN_STILL_EPS 1e-4f

float mt_scene_still_floor(void)
{
    return SCN_STILL_FLOOR;
}

/* the largest weighted step of the n frames from c + dir on, in direction
 * dir; -1 when one of them is not of c's segment or has no frame before */
static float side_change(const MtSceneDetector *d, int64_t c, int dir, int n)
{
    float m = 0;
    for (int i = 1; i <= n; i++) {
        int64_t j = c + dir * i;
        if (!mt_scene_same_seg(d, c, j) || !scn_slot(d, j)->has_prev || j >= d->n_in)
            return -1;
        m = fmaxf(m, mt_scene_step_change(d, j));
    }
    return m;
}

int mt_scene_still_cut(const MtSceneDetector *d, int64_t c, float change)
{
    /* a step into or out of a flat frame (black) belongs to a fade or a
     * dip, which the fade tests judge; its ratio against black says
     * nothing */
    if (!d->cfg.flash || scn_slot(d, c)->flat || scn_slot(d, c - 1)->flat)
        return 0;
    float before = side_change(d, c, -1, SCN_STILL_BEFORE), after = side_change(d, c, +1, SCN_STILL_AFTER);
    if (before < 0 || after < 0)
        return 0;
    float ratio = change / fmaxf(fmaxf(before, after), SCN_STILL_EPS);
    mt_scene_trace(d, "candidate %lld between still shots: change %.4f, before %.4f, after %.4f, "
                   "stands out %.2f", (long long)c, change, before, after, ratio);
    return ratio >= SCN_STILL_STANDOUT;
}
