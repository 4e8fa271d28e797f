/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagescene core: how a found transition is recorded (the shot starts
 * known so far, conflicts with known transitions, the results and the
 * per-frame event queue) and the decision trace. Called by the hard-cut
 * (scene_detect.c) and gradual (scene_gradual.c) tests alike. */
#include "analysis/scene/scene_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mt_scene_trace(const MtSceneDetector *d, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    if (!d->log)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    d->log(d->log_opaque, line);
}

int64_t mt_scene_last_bound(const MtSceneDetector *d, int64_t x)
{
    for (int i = d->n_bounds - 1; i >= 0; i--)
        if (d->bounds[i] <= x)
            return d->bounds[i];
    return 0;
}

int64_t mt_scene_next_bound(const MtSceneDetector *d, int64_t x)
{
    int64_t nb = INT64_MAX;
    for (int i = d->n_bounds - 1; i >= 0 && d->bounds[i] > x; i--)
        nb = d->bounds[i];
    return nb;
}

int mt_scene_add_bound(MtSceneDetector *d, int64_t frame)
{
    /* drop bounds that fell out of the ring (keep the newest of them) */
    int drop = 0;
    while (drop + 1 < d->n_bounds && d->bounds[drop + 1] < d->n_in - d->ring_size)
        drop++;
    if (drop) {
        memmove(d->bounds, d->bounds + drop, (d->n_bounds - drop) * sizeof(*d->bounds));
        d->n_bounds -= drop;
    }
    if (mt_array_grow((void **)&d->bounds, &d->cap_bounds, (size_t)d->n_bounds + 1,
                      sizeof(*d->bounds)) < 0)
        return -ENOMEM;
    int i = d->n_bounds;
    while (i > 0 && d->bounds[i - 1] > frame) {
        d->bounds[i] = d->bounds[i - 1];
        i--;
    }
    if (i > 0 && d->bounds[i - 1] == frame) { /* already known */
        memmove(d->bounds + i, d->bounds + i + 1, (d->n_bounds - i) * sizeof(*d->bounds));
        return 0;
    }
    d->bounds[i] = frame;
    d->n_bounds++;
    return 0;
}

int mt_scene_conflicts(const MtSceneDetector *d, int64_t first, int64_t last, int margin)
{
    double t_first = scn_slot(d, first)->t, t_last = scn_slot(d, last)->t;
    /* transitions are sorted by frame: look at the overlapping ones and at
     * the nearest one on each side (minimum scene length, in seconds) */
    for (size_t i = d->n_trans; i-- > 0;) {
        const SceneSpan *o = &d->located[i];
        if (o->last + margin >= first && o->first - margin <= last)
            return 1;
        if (o->first > last) {
            if (o->t_first - t_last < d->cfg.min_scene_len &&
                (i == 0 || d->located[i - 1].first <= last))
                return 1;
            continue;
        }
        if (o->last < first)
            return t_first - o->t_last < d->cfg.min_scene_len;
    }
    return 0;
}

static void fill_times(const MtSceneDetector *d, MtTransition *tr)
{
    tr->pts     = scn_slot(d, tr->frame)->pts;
    tr->t       = scn_slot(d, tr->frame)->t;
    tr->t_first = scn_slot(d, tr->first_frame)->t;
    tr->t_last  = scn_slot(d, tr->last_frame)->t;
}

static int pending_push(MtSceneDetector *d, const MtTransition *tr)
{
    if (mt_array_grow((void **)&d->pending, &d->cap_pending, d->n_pending + 1,
                      sizeof(*d->pending)) < 0) {
        d->oom = 1;
        return -ENOMEM;
    }
    d->pending[d->n_pending++] = *tr;
    return 0;
}

int mt_scene_emit(MtSceneDetector *d, const MtTransition *tr)
{
    return mt_scene_emit_located(d, tr, tr->first_frame, tr->last_frame);
}

int mt_scene_emit_located(MtSceneDetector *d, const MtTransition *in, int64_t first, int64_t last)
{
    MtTransition tr = *in;
    int ret = mt_scene_record(d, &tr, first, last);
    return ret < 0 ? ret : mt_scene_report(d, &tr);
}

int mt_scene_record(MtSceneDetector *d, MtTransition *io, int64_t first, int64_t last)
{
    MtTransition tr = *io;
    /* a fade's end is found after its rise (scene_fade_end.h), which a
     * dissolve located later may reach back into: the spans stay apart */
    size_t i = d->n_trans;
    while (i > 0 && d->trans[i - 1].frame > tr.frame)
        i--;
    if (i > 0 && d->trans[i - 1].last_frame >= tr.first_frame &&
        d->trans[i - 1].last_frame < tr.frame)
        tr.first_frame = d->trans[i - 1].last_frame + 1;
    fill_times(d, &tr);
    SceneSpan located = { first, last, scn_slot(d, first)->t, scn_slot(d, last)->t };
    int ret = mt_scene_insert_transition(d, &tr, &located);
    if (ret >= 0)
        ret = mt_scene_add_bound(d, tr.type == MT_TRANSITION_HARD ? tr.frame : last + 1);
    if (ret < 0)
        d->oom = 1;
    *io = tr;
    return ret;
}

int mt_scene_report(MtSceneDetector *d, const MtTransition *in)
{
    /* its times were set when it was recorded: its first frame may have
     * left the ring since */
    MtTransition tr = *in;
    int ret;
    /* a cut on its own frame (the frame being finalised now, or the last
     * one at the end of a segment, see drain), another transition on the
     * frame being finalised now (n_done) or queued */
    SceneSlot *s = scn_slot(d, tr.type == MT_TRANSITION_HARD ? tr.frame : d->n_done);
    if (tr.type == MT_TRANSITION_HARD || s->ev_type < 0) {
        if (s->ev_type >= 0 && (ret = pending_push(d, &s->ev)) < 0)
            return ret; /* a cut takes the frame */
        s->ev_type = tr.type;
        s->ev = tr;
    } else if ((ret = pending_push(d, &tr)) < 0) {
        return ret;
    }
    return 0;
}
