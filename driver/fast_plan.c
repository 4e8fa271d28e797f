/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Pass-2 windows of the fast mode; see fast_plan.h. */
#include "driver/fast_plan.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/array_grow.h"

int mt_fast_needs_full(const MtFastFrames *f)
{
    return f->n_key == 0 || f->n < (size_t)MT_FAST_MIN_GOP * f->n_key;
}

/* A pair of key frames may hide a boundary when its structure changed in a
 * way no shift of the whole picture explains, when it may belong to a
 * fade (a flat key frame, or contrast rising or falling), or when its
 * colours changed a lot (fast_plan.h). */
static int may_be_fade(const MtFastSample *prev, const MtFastSample *s)
{
    float lo = prev->contrast < s->contrast ? prev->contrast : s->contrast;
    float hi = prev->contrast < s->contrast ? s->contrast : prev->contrast;
    return hi > lo * MT_FAST_CONTRAST_RATIO + MT_FAST_CONTRAST_STEP || hi < MT_FAST_FLAT_CONTRAST;
}

int mt_fast_pair_flagged(const MtFastSample *prev, const MtFastSample *s)
{
    return (s->hist_diff > MT_FAST_HIST_THRESHOLD ? MT_FAST_FLAG_COLOUR : 0) |
           (s->struct_diff > MT_FAST_STRUCT_THRESHOLD && s->shift_change > MT_FAST_SHIFT_THRESHOLD
                ? MT_FAST_FLAG_STRUCTURE : 0) |
           (may_be_fade(prev, s) ? MT_FAST_FLAG_CONTRAST : 0);
}

/* a flagged pair that will most likely hold a transition */
static int likely_boundary(const MtFastSample *prev, const MtFastSample *s)
{
    return s->hist_diff > MT_FAST_HIST_THRESHOLD || s->shift_change > MT_FAST_LIKELY_BOUNDARY ||
           may_be_fade(prev, s);
}

/* adds the frames [a, b] (and their look-ahead), merging overlapping
 * windows; a new window starts cold, at the seek point at or before a,
 * unless `likely` (a transition is expected) and the pair is short
 * (MT_FAST_COLD_MIN_GOP) */
static int add_range(MtFastPlan *p, const MtFastFrames *f,
                     int64_t a, int64_t b, int pre, int post, int likely)
{
    int64_t n = (int64_t)f->n;
    int64_t start = mt_fast_seek_point(f, a);
    int64_t end = b + 1 + post < n ? b + 1 + post : n;
    int64_t warm_start = mt_fast_seek_point(f, start - pre > 0 ? start - pre : 0);
    int warm = likely && b - start < MT_FAST_COLD_MIN_GOP;
    /* a window that starts where the last one still runs continues it */
    if (p->n_win && (warm ? warm_start : start) <= p->win[p->n_win - 1].end) {
        MtFastWindow *w = &p->win[p->n_win - 1];
        if (end > w->end)
            w->end = end;
        w->core_end = w->end == n ? n : w->end - post;
        return 0;
    }
    if (mt_array_grow((void **)&p->win, &p->cap, p->n_win + 1, sizeof(*p->win)) < 0)
        return -1;
    MtFastWindow *w = &p->win[p->n_win++];
    w->start = start;
    w->end = end;
    w->core_start = start;
    w->core_end = end == n ? n : end - post;
    w->warm_start = warm_start;
    if (warm)
        mt_fast_window_warm(w, pre);
    return 0;
}

void mt_fast_window_warm(MtFastWindow *w, int pre)
{
    w->start = w->warm_start;
    w->core_start = w->start == 0 ? 0 : w->start + pre;
}

int mt_fast_plan(const MtFastFrames *f, const MtFastSample *s, size_t n_samples,
                 int pre, int post, MtFastPlan *out)
{
    memset(out, 0, sizeof(*out));
    int64_t n = (int64_t)f->n;
    /* before the first key frame and after the last one nothing was seen */
    if (!n_samples)
        return add_range(out, f, 0, n - 1, pre, post, 0);
    if (s[0].frame > 0 && add_range(out, f, 0, s[0].frame, pre, post, 0) < 0)
        goto fail;
    for (size_t i = 1; i < n_samples; i++)
        if (mt_fast_pair_flagged(&s[i - 1], &s[i]) &&
            add_range(out, f, s[i - 1].frame, s[i].frame, pre, post,
                      likely_boundary(&s[i - 1], &s[i])) < 0)
            goto fail;
    if (add_range(out, f, s[n_samples - 1].frame, n - 1, pre, post, 0) < 0)
        goto fail;
    for (size_t i = 0; i < out->n_win; i++)
        out->decoded += out->win[i].end - out->win[i].start;
    return 0;
fail:
    mt_fast_plan_free(out);
    return -1;
}

long mt_fast_plan_head(MtFastPlan *p, size_t i, int pre, int post)
{
    MtFastWindow w = p->win[i];
    int64_t end = w.start + pre + post < w.end ? w.start + pre + post : w.end;
    if (end == w.end || w.core_end <= w.start + pre) {
        p->decoded += w.end - w.warm_start;
        mt_fast_window_warm(&p->win[i], pre);
        return (long)i;
    }
    if (mt_array_grow((void **)&p->win, &p->cap, p->n_win + 1, sizeof(*p->win)) < 0)
        return -1;
    MtFastWindow *h = &p->win[p->n_win];
    *h = (MtFastWindow){ .start = w.start, .end = end, .core_start = w.start,
                         .core_end = w.start + pre, .warm_start = w.warm_start };
    mt_fast_window_warm(h, pre);
    p->win[i].core_start = w.start + pre;
    p->decoded += h->end - h->start;
    return (long)p->n_win++;
}

void mt_fast_plan_free(MtFastPlan *p)
{
    free(p->win);
    memset(p, 0, sizeof(*p));
}
