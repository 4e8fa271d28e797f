/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagescene core: how far its answers are final (mt_scene_unsettled_from,
 * scene_detect.h). Reads the detector's state only; every bound below
 * follows from how a transition can still be recorded:
 *  - a cut is decided on frame n_done or later (a waiting candidate is
 *    frame n_done) and reported on that frame;
 *  - a fade is recorded on the first frame after its flat run, which
 *    starts at fade_f0 (a fade under way) or at n_done or later; its end
 *    is followed for up to FADE_END_REACH frames more (fade_end.on), and
 *    its last frame may move until then;
 *  - a dissolve or wipe of lag L comes from a plateau of tests at pair ends
 *    p0..p1 (a plateau under way, or a new one from the next pair end
 *    tested, n_done - L, on): its anchor a = p1 - L, its localisation
 *    window starts L/2 before it, or at the last boundary before the
 *    plateau (the tests and the window stop there), then steps back over
 *    flash frames; its frame is inside that window;
 *  - and any transition that starts at or after the start of the last
 *    recorded one must clear that one by min_scene_len
 *    (mt_scene_conflicts).
 * The drain at mt_scene_finish runs the same tests on the same frames, so
 * the bounds hold for it too. */
#include "analysis/scene/scene_internal.h"

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

/* The lowest frame a transition starting at `reach` or later may have, by
 * the minimum scene length to the last recorded transition. */
static int64_t clear_of_last(const MtSceneDetector *d, int64_t reach)
{
    if (!d->n_trans)
        return reach;
    const SceneSpan *o = &d->located[d->n_trans - 1];
    if (reach < o->first)
        return reach;
    int64_t f = max64(reach, o->last + 1);
    /* frames not pushed yet have no time: any of them may be far enough */
    while (f < d->n_in && scn_have(d, f) && scn_slot(d, f)->t - o->t_last < d->cfg.min_scene_len)
        f++;
    return scn_have(d, f) || f >= d->n_in ? f : reach;
}

/* The lowest frame a dissolve or wipe of lag index i may still be
 * reported on. */
static int64_t gradual_reach(const MtSceneDetector *d, int i)
{
    int L = mt_scene_lags[i];
    /* the earliest plateau start and its lowest anchor */
    int64_t p0 = d->plat[i].on ? d->plat[i].p0 : max64(d->n_done - L, d->seg_start);
    int64_t a = (d->plat[i].on ? d->plat[i].p1 : p0) - L;
    int64_t a2 = max64(a - L / 2, mt_scene_last_bound(d, p0));
    /* flash flags are final before n_done: step back over them as the
     * localisation does (mt_scene_unflash), and from n_done - 1 at most */
    a2 = mt_scene_unflash(d, max64(min64(a2, d->n_done - 1), d->seg_start));
    return clear_of_last(d, a2);
}

int64_t mt_scene_unsettled_from(const MtSceneDetector *d)
{
    if (d->finished)
        return INT64_MAX;
    if (!d->n_in)
        return 0;
    int64_t s = clear_of_last(d, d->n_done);
    if (d->grad_thr <= 0)
        return s;
    if (d->fade_state)
        s = min64(s, d->fade_f0 + 1);
    if (d->fade_end.on) /* its last frame may still move */
        s = min64(s, d->fade_end.tr.frame);
    for (int i = 0; i < SCN_NSCALES; i++)
        s = min64(s, gradual_reach(d, i));
    return s;
}
