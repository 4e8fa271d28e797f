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
static int flagged(const MtFastSample *prev, const MtFastSample *s)
{
    float lo = prev->contrast < s->contrast ? prev->contrast : s->contrast;
    float hi = prev->contrast < s->contrast ? s->contrast : prev->contrast;
    return s->hist_diff > MT_FAST_HIST_THRESHOLD ||
           (s->struct_diff > MT_FAST_STRUCT_THRESHOLD && s->shift_change > MT_FAST_SHIFT_THRESHOLD) ||
           hi > lo * MT_FAST_CONTRAST_RATIO + MT_FAST_CONTRAST_STEP || hi < MT_FAST_FLAT_CONTRAST;
}

/* adds the frames [a, b] (and their margins), merging overlapping windows */
static int add_range(MtFastPlan *p, size_t *cap, const MtFastFrames *f,
                     int64_t a, int64_t b, int pre, int post)
{
    int64_t n = (int64_t)f->n;
    int64_t start = mt_fast_seek_point(f, a - pre > 0 ? a - pre : 0);
    int64_t end = b + 1 + post < n ? b + 1 + post : n;
    if (p->n_win && start <= p->win[p->n_win - 1].end) {
        MtFastWindow *w = &p->win[p->n_win - 1];
        if (end > w->end)
            w->end = end;
        w->core_end = w->end == n ? n : w->end - post;
        return 0;
    }
    if (mt_array_grow((void **)&p->win, cap, p->n_win + 1, sizeof(*p->win)) < 0)
        return -1;
    MtFastWindow *w = &p->win[p->n_win++];
    w->start = start;
    w->end = end;
    w->core_start = start == 0 ? 0 : start + pre;
    w->core_end = end == n ? n : end - post;
    return 0;
}

int mt_fast_plan(const MtFastFrames *f, const MtFastSample *s, size_t n_samples,
                 int pre, int post, MtFastPlan *out)
{
    size_t cap = 0;
    memset(out, 0, sizeof(*out));
    int64_t n = (int64_t)f->n;
    /* before the first key frame and after the last one nothing was seen */
    if (!n_samples)
        return add_range(out, &cap, f, 0, n - 1, pre, post);
    if (s[0].frame > 0 && add_range(out, &cap, f, 0, s[0].frame, pre, post) < 0)
        goto fail;
    for (size_t i = 1; i < n_samples; i++)
        if (flagged(&s[i - 1], &s[i]) && add_range(out, &cap, f, s[i - 1].frame, s[i].frame, pre, post) < 0)
            goto fail;
    if (add_range(out, &cap, f, s[n_samples - 1].frame, n - 1, pre, post) < 0)
        goto fail;
    for (size_t i = 0; i < out->n_win; i++)
        out->decoded += out->win[i].end - out->win[i].start;
    return 0;
fail:
    mt_fast_plan_free(out);
    return -1;
}

void mt_fast_plan_free(MtFastPlan *p)
{
    free(p->win);
    memset(p, 0, sizeof(*p));
}
