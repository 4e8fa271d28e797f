/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* A cut between still shots: a small change that stands out from still
 * frames on both sides (scene_still_cut.h). */
#include "analysis/scene/scene_still_cut.h"

#include <math.h>

/* A candidate between still shots (its change SCN_STILL_STANDOUT times the
 * second-largest step of the SCN_STILL_BEFORE frames before it and the
 * largest of the SCN_STILL_AFTER after it, neither frame flat) is a cut
 * from SCN_STILL_FLOOR of the cut threshold on. Measured on the tune sets
 * (dev, extra_g/h/j, natural-dev, game-tune, edited-tune; `scene_cli -vv`,
 * the 2427 candidates of 0.2-1 of the threshold the relaxed rule left,
 * neither frame flat): the one cut among them, edited-tune et07 586
 * (cytadela's terminal, page to page, 0.59 of the threshold) stands out
 * 50.9 times; one other more than 6.0: extra_j j03 308 (tree.avi, a
 * low-rate source whose previous change, 13 frames before, is the only
 * one in the window; 60.8 times, 0.44 of the threshold; the changed-share
 * test drops it too, 0.18 of the blocks). 16 lies between 6.0 and 50.9,
 * as it did between the largest step's 7.3 and 38 (generated pages of
 * natural-dev's terminal, eval/edited-tune/still_clips.sh). The floor,
 * 0.5 of the threshold, separates j03 308's 0.44 from et07 586's 0.59
 * (re-chosen from 0.4 when the second-largest step let j03 308 through;
 * Doom steps from a still view, game-tune t4 2576 and 2584, lie at 0.21
 * and 0.23). Generated clips (still_clips.sh, with the largest step): a
 * brightness step or pulse, a one-frame flash or box, a blinking cursor,
 * a 1 px a frame scroll, a flash or blinking light over a still Doom frame
 * stay under the floor or the ratio, or the flash, recolouring and
 * brightness tests drop them; two pages of the terminal cut together
 * (0.44 and 0.52) are dropped by the changed-share test either way. Not
 * separated: a terminal still for a second that scrolls by one line of
 * small text (0.78 of the threshold, 350 times) is a cut, as scene
 * analyser 12 already cut such a scroll of larger text.
 * eval/edited-tune/README.md, "Cuts between still shots". */
#define SCN_STILL_FLOOR    0.5f
#define SCN_STILL_STANDOUT 16.0f
/* Not thresholds: the frames whose steps make the shot's own change, before
 * and after the candidate. After it, the flash test's decision reach
 * (SCN_STANDOUT_REACH, which mt_scene_new keeps ahead), so the rule adds
 * no latency. Before it, about a second: a picture that changes every few
 * frames and holds in between (a low-rate source: extra_g g05 and extra_j
 * j03's tree.avi, a new image every 5-13 frames; a terminal scrolling a
 * line every 12 frames) stands out 80-156 times (72-265 generated) from 4
 * still frames before, and 0.1-1.6 times once its previous change is in
 * reach. */
#define SCN_STILL_BEFORE 24
#define SCN_STILL_AFTER  4
/* Not a threshold: a step of an exactly repeated frame is 0; the ratio is
 * taken over at least this. */
#define SCN_STILL_EPS 1e-4f

float mt_scene_still_floor(void)
{
    return SCN_STILL_FLOOR;
}

/* The shot's own change before c: the second-largest weighted step of the
 * SCN_STILL_BEFORE frames before it, of those that are there (in c's
 * segment, with a frame before them). The largest is left out because a
 * key frame's refresh is one step (an I-frame's jump in quality is the
 * largest step in a still window: et07 re-encoded with a key frame 15
 * frames before its cut stood out 15.4 times, 58.1 without it), while a
 * low-rate source, the case the window guards against, mostly changes
 * several times in it (once in extra_j j03 308: SCN_STILL_FLOOR).
 * Missing steps count as 0: with fewer than 2 there (a stream's or a
 * segment's first frames) it is 0 and the rule judges on the frames after
 * alone. That keeps it monotone in the history: over fewer frames it can
 * only be smaller (the second-largest of a subset is at most that of the
 * whole), so a window of montage-fast-scene started cold at a key frame
 * reports every cut the full decode does, which makes it decode again with
 * history (driver/fast_history.h) and decide as the full decode. (The
 * flat test is monotone too: a frame is flat against the contrast of the
 * frames before it, so over fewer of them it can only be less often.) */
static float before_change(const MtSceneDetector *d, int64_t c)
{
    float m1 = 0, m2 = 0;
    for (int64_t j = c - 1; j >= c - SCN_STILL_BEFORE; j--) {
        /* frames of the segment are contiguous: none before this one either */
        if (!mt_scene_same_seg(d, c, j) || !scn_slot(d, j)->has_prev)
            break;
        float e = mt_scene_step_change(d, j);
        if (e > m1) {
            m2 = m1;
            m1 = e;
        } else if (e > m2) {
            m2 = e;
        }
    }
    return m2;
}

/* the largest weighted step of the SCN_STILL_AFTER frames after c; -1 when
 * one of them is not there (in c's segment, pushed) */
static float after_change(const MtSceneDetector *d, int64_t c)
{
    float m = 0;
    for (int64_t j = c + 1; j <= c + SCN_STILL_AFTER; j++) {
        if (!mt_scene_same_seg(d, c, j))
            return -1;
        m = fmaxf(m, mt_scene_step_change(d, j));
    }
    return m;
}

int mt_scene_still_cut(const MtSceneDetector *d, int64_t c, float change)
{
    /* a step into or out of a flat frame (black) belongs to a fade or a
     * dip, which the fade tests judge; its ratio against black says
     * nothing. Without the flash test the frames after c are not kept
     * (la_decide), only while an earlier decision waits: off, so the
     * rule never depends on such a wait. */
    if (!d->cfg.flash || scn_slot(d, c)->flat || scn_slot(d, c - 1)->flat)
        return 0;
    float before = before_change(d, c), after = after_change(d, c);
    if (after < 0)
        return 0;
    float ratio = change / fmaxf(fmaxf(before, after), SCN_STILL_EPS);
    mt_scene_trace(d, "candidate %lld between still shots: change %.4f, before %.4f, after %.4f, "
                   "stands out %.2f", (long long)c, change, before, after, ratio);
    return ratio >= SCN_STILL_STANDOUT;
}
