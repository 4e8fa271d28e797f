/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The only place where the Montage filters differ between FFmpeg releases
 * (5.1, 7.1, 8.x, 9.x). The filter sources are identical in every tree;
 * each gate below names the version where FFmpeg changed.
 */
#ifndef MONTAGE_COMPAT_H
#define MONTAGE_COMPAT_H

#include "libavutil/frame.h"
#include "libavutil/version.h"
#include "libavfilter/avfilter.h"
#include "libavfilter/filters.h"
#include "libavfilter/version.h"

/* Gate 1: from libavfilter 11 (FFmpeg 8.0) a filter is an FFFilter that
 * embeds the public AVFilter as member `p`. Use as
 * `const MT_FILTER ff_vf_x = { MT_PUBLIC(name) = "x", ... }`. */
#if LIBAVFILTER_VERSION_MAJOR >= 11
#define MT_FILTER FFFilter
#define MT_PUBLIC(field) .p.field
#else
#define MT_FILTER AVFilter
#define MT_PUBLIC(field) .field
#endif

/* Gate 2: from libavfilter 10.4 (FFmpeg 7.1) the link frame rate lives in
 * the internal FilterLink. 0/1 means variable frame rate. */
static inline AVRational mt_link_frame_rate(AVFilterLink *link)
{
#if LIBAVFILTER_VERSION_INT >= AV_VERSION_INT(10, 4, 100)
    return ff_filter_link(link)->frame_rate;
#else
    return link->frame_rate;
#endif
}

/* Gate 3: a frame's duration in the time base of the link it arrives on,
 * or 0 when not known. AVFrame.duration exists from libavutil 57.30.100,
 * and filters that change the time base (settb, fps) rescale it. Before,
 * the same value was pkt_duration, which stays in the time base of the
 * source it was decoded in: no 5.1 filter rescales it (with settb=1/1000
 * or fps=50 before montagescene, 25 fps frames read as 1 s and 1.7 s long).
 * So there it is used only when the chain up to the source is one line of
 * filters and the source's time base is the link's. */
static inline int64_t mt_frame_duration(const AVFilterLink *link, const AVFrame *frame)
{
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(57, 30, 100)
    (void)link;
    return frame->duration;
#else
    const AVFilterContext *f = link->src;
    while (f && f->nb_inputs == 1 && f->inputs[0])
        f = f->inputs[0]->src;
    if (!f || f->nb_inputs != 0 || f->nb_outputs < 1 || !f->outputs[0] ||
        av_cmp_q(f->outputs[0]->time_base, link->time_base))
        return 0;
    return frame->pkt_duration;
#endif
}

/* Gate 4: the key-frame flag moved into AVFrame.flags (key_frame is gone in
 * libavutil 60). */
static inline int mt_frame_is_key(const AVFrame *frame)
{
#ifdef AV_FRAME_FLAG_KEY
    return !!(frame->flags & AV_FRAME_FLAG_KEY);
#else
    return frame->key_frame;
#endif
}

/* Gate 5: has the chain downstream stopped taking frames (ffmpeg -t
 * inserts a trim after the user's filters, sometimes behind a format
 * filter)? Filters with an activate callback say so on their input's
 * status_in at once. Before libavfilter 10 (FFmpeg 7.0), trim and atrim set
 * only their input's status_out, which travels back one filter per graph
 * step, so the chain is walked down as long as it is a single line (at
 * most 8 links); that field is internal from 10 on, where only status_in
 * is read. */
static inline int mt_outlink_closed(AVFilterLink *outlink)
{
    int status = ff_outlink_get_status(outlink);
#if LIBAVFILTER_VERSION_MAJOR < 10
    AVFilterLink *link = outlink;
    for (int hop = 0; !status && link && hop < 8; hop++) {
        status = link->status_out ? link->status_out : link->status_in;
        link = link->dst && link->dst->nb_outputs == 1 ? link->dst->outputs[0] : NULL;
    }
#endif
    return status;
}

#endif /* MONTAGE_COMPAT_H */
