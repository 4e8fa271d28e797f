/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montagescene: shot boundaries of a video stream (hard cuts, fades,
 * dissolves, wipes), for cutting video to music. A metadata-only filter:
 * frames pass through unchanged, each frame gets lavfi.montagescene.*
 * metadata, and at end of stream the transitions and scenes are written to a
 * msgpack sidecar.
 *
 * The detector needs a few frames of look-ahead (to tell a flash from a
 * cut; up to mt_scene_lookahead() frames while a recolouring waits for its
 * colours to come back), so frames are held back until their info is
 * final and leave in order with their final metadata; the queue of held
 * frames is sized for the most. With frame_metadata=0 (runs that read
 * only the sidecar) frames pass on at once, untagged: the held frames
 * would only grow the decoder's frame pool. The analysis lives in
 * analysis/scene/scene_*.c (plain C, no FFmpeg). Documentation:
 * doc/montagescene.texi.
 *
 * This file is part of Montage. It is built into FFmpeg by
 * patches/apply-ffmpeg.sh and is the same for every supported release.
 */
/* Before FFmpeg 7.0 a link's status_out (montage_compat.h, gate 5) is an
 * internal field, visible to filters that ask as buffersink does; later
 * releases ignore the macro. First, before anything includes avfilter.h. */
#define FF_INTERNAL_FIELDS 1
#include "framequeue.h"

#include <inttypes.h>
#include <math.h>

#include "libavutil/mem.h"
#include "libavutil/opt.h"
#include "libavutil/pixdesc.h"

#include "avfilter.h"
#include "filters.h"
#include "video.h"

#include "analysis/scene/scene_options.h"
#include "analysis/config_check.h"
#include "cache/sidecar_names.h"
#include "montage_compat.h"
#include "montage_glue.h"

typedef struct MontageSceneContext {
    const AVClass *class;
    MtSidecarOptions out;      ///< sidecar path and source identity
    MtSceneConfig cfg;         ///< analysis options
    int keyframes_only;        ///< the input holds key frames only (recorded for caches)
    int fast;                  ///< part of a fast analysis (recorded for caches)
    int frame_metadata;        ///< tag frames with their final info, holding them back as needed

    MtSceneDetector *detector;
    AVFrame **held;            ///< frames waiting for their final metadata
    int held_cap, held_first, held_count;
    int64_t frames;            ///< frames seen
    int64_t first_pts, last_pts, last_duration;
    /* Stream facts for the sidecar, recorded when the input is configured:
     * uninit may run after the framework has freed the links. */
    int width, height;
    enum AVPixelFormat pix_fmt;
    AVRational time_base, frame_rate;
    int output_closed;         ///< downstream stopped early (-t, trim): the input's end is never seen
    int sidecar_done;          ///< the sidecar was written (or failed) at EOF
    int failed;                ///< the input was refused: no sidecar at all
} MontageSceneContext;

/* See analyse_frame(): backward jumps larger than this are refused. The
 * test's concatenation jumps back 3 s; reordering jitter is a few frame
 * durations (under 0.2 s at 24 fps). None of the natural-dev footage and
 * dev-corpus videos trips it (checked 2026-12-06). */
#define MT_SCENE_PTS_BACKWARDS_SLACK_S 0.5

#define OFFSET(x) offsetof(MontageSceneContext, x)
#define FLAGS AV_OPT_FLAG_VIDEO_PARAM | AV_OPT_FLAG_FILTERING_PARAM

static const AVOption montagescene_options[] = {
    MT_SIDECAR_OPTIONS(FLAGS),
    MT_SCENE_OPTIONS(MT_AVOPTION_ROW)
    MT_AVOPTION(MT_OPT_KEYFRAMES_ONLY,
                "the input was decoded key frames only (-skip_frame nokey); recorded in the sidecar",
                OFFSET(keyframes_only), BOOL, 0, 0, 1, FLAGS),
    MT_AVOPTION(MT_OPT_FAST, "run by montage-fast-scene (a window or its fallback); recorded as decode=fast",
                OFFSET(fast), BOOL, 0, 0, 1, FLAGS),
    /* not recorded in the sidecar: it changes what the frames carry, never the analysis */
    MT_AVOPTION(MT_OPT_FRAME_METADATA,
                "tag each frame with lavfi.montagescene.* metadata, holding frames back until it is final; "
                "0 passes frames on at once (sidecar-only runs)",
                OFFSET(frame_metadata), BOOL, 1, 0, 1, FLAGS),
    { NULL }
};

AVFILTER_DEFINE_CLASS(montagescene);

/* Everything the component model of analysis/scene/image.h can read without a
 * conversion: 8 to 16-bit little-endian YUV (planar, semi-planar, packed),
 * gray, and packed or planar RGB. */
static const enum AVPixelFormat pix_fmts[] = {
    AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUVJ422P,
    AV_PIX_FMT_YUV444P, AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUV440P, AV_PIX_FMT_YUVJ440P,
    AV_PIX_FMT_YUV411P, AV_PIX_FMT_YUV410P,
    AV_PIX_FMT_YUVA420P, AV_PIX_FMT_YUVA422P, AV_PIX_FMT_YUVA444P,
    AV_PIX_FMT_YUV420P10LE, AV_PIX_FMT_YUV422P10LE, AV_PIX_FMT_YUV444P10LE,
    AV_PIX_FMT_YUV420P12LE, AV_PIX_FMT_YUV422P12LE, AV_PIX_FMT_YUV444P12LE,
    AV_PIX_FMT_YUV420P16LE, AV_PIX_FMT_YUV422P16LE, AV_PIX_FMT_YUV444P16LE,
    AV_PIX_FMT_NV12, AV_PIX_FMT_NV21, AV_PIX_FMT_NV16, AV_PIX_FMT_NV24, AV_PIX_FMT_NV42,
    AV_PIX_FMT_P010LE, AV_PIX_FMT_P016LE,
    AV_PIX_FMT_YUYV422, AV_PIX_FMT_UYVY422,
    AV_PIX_FMT_GRAY8, AV_PIX_FMT_GRAY10LE, AV_PIX_FMT_GRAY12LE, AV_PIX_FMT_GRAY16LE, AV_PIX_FMT_YA8,
    AV_PIX_FMT_RGB24, AV_PIX_FMT_BGR24, AV_PIX_FMT_RGBA, AV_PIX_FMT_BGRA, AV_PIX_FMT_ARGB,
    AV_PIX_FMT_ABGR, AV_PIX_FMT_RGB0, AV_PIX_FMT_BGR0, AV_PIX_FMT_0RGB, AV_PIX_FMT_0BGR,
    AV_PIX_FMT_RGB48LE, AV_PIX_FMT_GBRP, AV_PIX_FMT_GBRAP, AV_PIX_FMT_GBRP10LE, AV_PIX_FMT_GBRP12LE,
    AV_PIX_FMT_NONE
};

static av_cold int init(AVFilterContext *ctx)
{
    MontageSceneContext *s = ctx->priv;
    char why[MT_CONFIG_WHY_SIZE];
    int ret = mt_scene_config_check(&s->cfg, why, sizeof(why));

    if (ret < 0) {
        av_log(ctx, AV_LOG_ERROR, "%s\n", why);
        return ret; /* a negative errno, as AVERROR() makes it */
    }
    ret = mt_glue_init_sidecar(ctx, &s->out);
    if (ret < 0)
        return ret;
    s->detector = mt_scene_new(&s->cfg);
    if (!s->detector)
        return AVERROR(ENOMEM);
    s->held_cap = s->frame_metadata ? mt_scene_lookahead(s->detector) + 1 : 1;
    s->held = av_calloc(s->held_cap, sizeof(*s->held));
    if (!s->held)
        return AVERROR(ENOMEM);
    s->first_pts = s->last_pts = AV_NOPTS_VALUE;
    return 0;
}

static int config_input(AVFilterLink *inlink)
{
    MontageSceneContext *s = inlink->dst->priv;

    s->width      = inlink->w;
    s->height     = inlink->h;
    s->pix_fmt    = inlink->format;
    s->time_base  = inlink->time_base;
    s->frame_rate = mt_link_frame_rate(inlink);
    return 0;
}

/* Describes a frame for the analysis; the format comes from the frame
 * itself so that a mid-stream change (-reinit_filter 0) is read right. */
static int describe_frame(const AVFrame *f, MtImage *img)
{
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(f->format);
    int yuvj = f->format == AV_PIX_FMT_YUVJ420P || f->format == AV_PIX_FMT_YUVJ422P ||
               f->format == AV_PIX_FMT_YUVJ444P || f->format == AV_PIX_FMT_YUVJ440P;
    int ncomp;

    if (!d || (d->flags & (AV_PIX_FMT_FLAG_BE | AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_PAL |
                           AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_FLOAT)))
        return AVERROR(EINVAL);
    memset(img, 0, sizeof(*img));
    img->width  = f->width;
    img->height = f->height;
    if (d->flags & AV_PIX_FMT_FLAG_RGB) {
        img->model = MT_COLOR_RGB;
        img->full_range = 1;
    } else if (d->nb_components < 3) {
        img->model = MT_COLOR_GRAY; /* gray is full range unless it says otherwise */
        img->full_range = f->color_range != AVCOL_RANGE_MPEG;
    } else {
        img->model = MT_COLOR_YUV;
        img->full_range = yuvj || f->color_range == AVCOL_RANGE_JPEG;
    }
    img->log2_chroma_w = d->log2_chroma_w;
    img->log2_chroma_h = d->log2_chroma_h;
    ncomp = img->model == MT_COLOR_GRAY ? 1 : 3;
    for (int c = 0; c < ncomp; c++) {
        img->comp[c].plane  = d->comp[c].plane;
        img->comp[c].step   = d->comp[c].step;
        img->comp[c].offset = d->comp[c].offset;
        img->comp[c].shift  = d->comp[c].shift;
        img->comp[c].depth  = d->comp[c].depth;
    }
    for (int p = 0; p < 4; p++) {
        img->data[p]     = f->data[p];
        img->linesize[p] = f->linesize[p];
    }
    return 0;
}

static double pts_seconds(const MontageSceneContext *s, int64_t pts)
{
    return pts == AV_NOPTS_VALUE ? NAN : pts * av_q2d(s->time_base);
}

/* Logs the boundary a frame's final info reports, if any. */
static void log_boundary(AVFilterContext *ctx, const MtSceneFrameInfo *info)
{
    const char *type = info->has_event ? mt_transition_type_name(info->event.type) : NULL;

    if (!type)
        return;
    if (info->event.type == MT_TRANSITION_HARD)
        av_log(ctx, AV_LOG_INFO, "cut:%s frame:%" PRId64 " time:%.6f score:%.3f\n",
               type, info->frame, info->t, info->event.score);
    else
        av_log(ctx, AV_LOG_INFO, "transition:%s frame:%" PRId64 " first:%" PRId64 " last:%" PRId64
               " time:%.6f score:%.3f\n", type, info->event.frame, info->event.first_frame,
               info->event.last_frame, info->event.t, info->event.score);
}

/* Sets a frame's lavfi.montagescene.* keys from its final info. */
static int tag_frame(AVDictionary **m, const MtSceneFrameInfo *info)
{
    const char *type = info->has_event ? mt_transition_type_name(info->event.type) : NULL;
    int ret = mt_glue_meta_double(m, "lavfi.montagescene.score", info->score);

    if (ret >= 0 && info->flash)
        ret = av_dict_set(m, "lavfi.montagescene.flash", "1", 0);
    if (ret >= 0 && type && info->event.type == MT_TRANSITION_HARD) {
        /* a hard cut: this frame is the first of the new shot */
        ret = av_dict_set(m, "lavfi.montagescene.cut", type, 0);
        if (ret >= 0)
            ret = mt_glue_meta_double(m, "lavfi.montagescene.cut_score", info->event.score);
    } else if (ret >= 0 && type) {
        /* a gradual transition, confirmed on this (later) frame */
        ret = av_dict_set(m, "lavfi.montagescene.transition", type, 0);
        if (ret >= 0)
            ret = mt_glue_meta_int(m, "lavfi.montagescene.transition_frame", info->event.frame);
        if (ret >= 0)
            ret = mt_glue_meta_int(m, "lavfi.montagescene.transition_first", info->event.first_frame);
        if (ret >= 0)
            ret = mt_glue_meta_int(m, "lavfi.montagescene.transition_last", info->event.last_frame);
        if (ret >= 0)
            ret = mt_glue_meta_double(m, "lavfi.montagescene.transition_time", info->event.t);
        if (ret >= 0)
            ret = mt_glue_meta_double(m, "lavfi.montagescene.cut_score", info->event.score);
    }
    return ret;
}

/* Tags the oldest held frame with its final info and sends it on. */
static int release_frame(AVFilterContext *ctx, const MtSceneFrameInfo *info)
{
    MontageSceneContext *s = ctx->priv;
    AVFrame *frame = s->held[s->held_first];
    int ret;

    s->held[s->held_first] = NULL;
    s->held_first = (s->held_first + 1) % s->held_cap;
    s->held_count--;

    ret = tag_frame(&frame->metadata, info);
    if (ret < 0) {
        av_frame_free(&frame);
        return ret;
    }
    return ff_filter_frame(ctx->outputs[0], frame);
}

/* Takes every final info from the detector (whose queue would otherwise
 * grow) and sends on the held frames they belong to. Returns the number of
 * frames sent. */
static int release_ready(AVFilterContext *ctx)
{
    MontageSceneContext *s = ctx->priv;
    MtSceneFrameInfo info;
    int ret, released = 0;

    while ((!s->frame_metadata || s->held_count) && mt_scene_pop(s->detector, &info) == 1) {
        log_boundary(ctx, &info);
        if (!s->frame_metadata)
            continue;
        ret = release_frame(ctx, &info);
        if (ret < 0)
            return ret;
        released++;
    }
    return released;
}

static int analyse_frame(AVFilterContext *ctx, AVFrame *frame)
{
    MontageSceneContext *s = ctx->priv;
    MtImage img;
    double t;
    int ret;

    if (describe_frame(frame, &img) < 0) {
        av_log(ctx, AV_LOG_ERROR, "unsupported pixel format %s\n", av_get_pix_fmt_name(frame->format));
        av_frame_free(&frame);
        return AVERROR(EINVAL);
    }
    /* Shot times are the stream's own: a timeline that restarts (files
     * concatenated and read with -copyts) would give shots that end before
     * they start. ffmpeg repairs such jumps itself unless told to copy
     * timestamps. The slack separates such restarts (the length of a file)
     * from a frame or two of jitter in badly muxed files, which is kept. */
    if (frame->pts != AV_NOPTS_VALUE && s->last_pts != AV_NOPTS_VALUE &&
        pts_seconds(s, s->last_pts) - pts_seconds(s, frame->pts) > MT_SCENE_PTS_BACKWARDS_SLACK_S) {
        av_log(ctx, AV_LOG_ERROR, "timestamps jump backwards at frame %" PRId64 " (%.3f s after %.3f s); "
               "let ffmpeg repair them (no -copyts) or remux the file\n",
               s->frames, pts_seconds(s, frame->pts), pts_seconds(s, s->last_pts));
        av_frame_free(&frame);
        return AVERROR_INVALIDDATA;
    }
    if (s->first_pts == AV_NOPTS_VALUE)
        s->first_pts = frame->pts;
    if (frame->pts != AV_NOPTS_VALUE && (s->last_pts == AV_NOPTS_VALUE || frame->pts > s->last_pts))
        s->last_pts = frame->pts;
    s->last_duration = mt_frame_duration(ctx->inputs[0], frame);
    /* Without timestamps, time follows the frame count at the link rate. */
    t = pts_seconds(s, frame->pts);
    if (isnan(t))
        t = s->frame_rate.num > 0 ? s->frames * av_q2d(av_inv_q(s->frame_rate)) : 0;
    ret = mt_scene_push(s->detector, &img, frame->pts, t);
    if (ret < 0) {
        av_frame_free(&frame);
        return AVERROR(-ret);
    }
    s->frames++;
    if (!s->frame_metadata) {
        release_ready(ctx); /* only drains and logs: cannot fail */
        ret = ff_filter_frame(ctx->outputs[0], frame);
        return ret < 0 ? ret : 1;
    }
    s->held[(s->held_first + s->held_count) % s->held_cap] = frame;
    s->held_count++;
    return release_ready(ctx);
}

/* How long the last frame lasts, in seconds, for mt_scene_finish(), which
 * ends the last scene there: the frame's own duration, else the period of
 * the link's frame rate (in seconds, not rounded to the time base's ticks,
 * which would move the end on a coarse time base); else 0, unknown. With
 * key frames only it is unknown: a key frame's duration is one frame's while
 * it stands for its whole GOP, and the detector's interval between the last
 * two key frames is the better guess. Reads only the context. */
static double last_frame_seconds(const MontageSceneContext *s)
{
    if (s->keyframes_only)
        return 0;
    if (s->last_duration > 0)
        return s->last_duration * av_q2d(s->time_base);
    if (s->frame_rate.num > 0 && s->frame_rate.den > 0)
        return av_q2d(av_inv_q(s->frame_rate));
    return 0;
}

/* Reads only the context: also called from uninit, after the links are gone. */
static int write_sidecar(AVFilterContext *ctx, int input_ended)
{
    MontageSceneContext *s = ctx->priv;
    MtConfigEntry entries[MT_SCENE_CONFIG_ENTRIES + 2];
    AVRational fr = s->frame_rate;
    MtSidecar sc = { 0 };

    if (!s->out.sidecar)
        return 0;
    if (mt_scene_result(s->detector, &sc.scene) < 0)
        return AVERROR(ENOMEM);
    sc.config.entries = entries;
    sc.config.n = mt_scene_config_entries(&s->cfg, entries, MT_SCENE_CONFIG_ENTRIES);
    entries[sc.config.n++] = (MtConfigEntry){ .key = MT_OPT_KEYFRAMES_ONLY, .type = MT_VALUE_BOOL,
                                              .i = s->keyframes_only };
    /* which decode made it: a cache serves a sidecar only to the same mode */
    entries[sc.config.n++] = (MtConfigEntry){ .key = "decode", .type = MT_VALUE_STRING,
                                              .s = s->keyframes_only ? "keyframes" :
                                                   s->fast ? "fast" : "full" };
    sc.scene.stream.width          = s->width;
    sc.scene.stream.height         = s->height;
    sc.scene.stream.pix_fmt        = av_get_pix_fmt_name(s->pix_fmt);
    sc.scene.stream.time_base_num  = s->time_base.num;
    sc.scene.stream.time_base_den  = s->time_base.den;
    sc.scene.stream.frame_rate_num = fr.num;
    sc.scene.stream.frame_rate_den = fr.den ? fr.den : 1;
    sc.scene.stream.frames         = s->frames;
    if (s->first_pts != AV_NOPTS_VALUE && s->last_pts != AV_NOPTS_VALUE)
        sc.scene.stream.duration_s = (s->last_pts - s->first_pts + FFMAX(s->last_duration, 0)) *
                                     av_q2d(s->time_base);
    mt_glue_fill_common(&sc, &s->out, MT_KIND_SCENE, "montagescene", MT_SCENE_ANALYSER_VERSION,
                        input_ended, sc.scene.stream.duration_s, s->frames);
    return mt_glue_write_sidecar(ctx, &s->out, &sc);
}

static int activate(AVFilterContext *ctx)
{
    MontageSceneContext *s = ctx->priv;
    AVFilterLink *inlink = ctx->inputs[0];
    AVFilterLink *outlink = ctx->outputs[0];
    AVFrame *frame;
    int64_t pts;
    int ret, status;

    /* Downstream stopped (ffmpeg -t, trim, a closed sink): the rest of the
     * input is never seen, so the sidecar written at uninit is incomplete. */
    if ((status = mt_outlink_closed(outlink))) {
        s->output_closed = 1;
        ff_inlink_set_status(inlink, status);
        return 0;
    }

    ret = ff_inlink_consume_frame(inlink, &frame);
    if (ret < 0)
        return ret;
    if (ret > 0) {
        ret = analyse_frame(ctx, frame);
        if (ret < 0) {
            s->failed = 1;
            return ret;
        }
        /* Progress made: come back for queued frames or to ask for more. */
        if (ret > 0 || ff_inlink_queued_frames(inlink))
            ff_filter_set_ready(ctx, 100);
        if (ret > 0)
            return 0;
    }

    if (ff_inlink_acknowledge_status(inlink, &status, &pts)) {
        mt_scene_finish(s->detector, last_frame_seconds(s));
        ret = release_ready(ctx);
        if (ret < 0)
            return ret;
        if (!s->sidecar_done) {
            s->sidecar_done = 1;
            ret = write_sidecar(ctx, status == AVERROR_EOF && !s->output_closed &&
                                !mt_outlink_closed(outlink));
            if (ret < 0)
                return ret;
        }
        ff_outlink_set_status(outlink, status, pts);
        return 0;
    }

    FF_FILTER_FORWARD_WANTED(outlink, inlink);
    return FFERROR_NOT_READY;
}

static av_cold void uninit(AVFilterContext *ctx)
{
    MontageSceneContext *s = ctx->priv;

    /* Freed before EOF (-t, an interrupted run, ffprobe -read_intervals, an
     * application closing the graph): the partial analysis is kept, marked
     * incomplete; a failure can only be logged. The links may be gone. */
    if (s->detector && !s->sidecar_done && !s->failed && s->frames) {
        mt_scene_finish(s->detector, last_frame_seconds(s));
        write_sidecar(ctx, 0);
    }
    for (int i = 0; s->held && i < s->held_cap; i++)
        av_frame_free(&s->held[i]);
    av_freep(&s->held);
    mt_scene_free(&s->detector);
}

static const AVFilterPad montagescene_inputs[] = {
    {
        .name         = "default",
        .type         = AVMEDIA_TYPE_VIDEO,
        .config_props = config_input,
    },
};

static const AVFilterPad montagescene_outputs[] = {
    {
        .name = "default",
        .type = AVMEDIA_TYPE_VIDEO,
    },
};

const MT_FILTER ff_vf_montagescene = {
    MT_PUBLIC(name)        = "montagescene",
    MT_PUBLIC(description) = NULL_IF_CONFIG_SMALL("Detect shot cuts, fades and dissolves; write a msgpack sidecar."),
    MT_PUBLIC(priv_class)  = &montagescene_class,
    MT_PUBLIC(flags)       = AVFILTER_FLAG_METADATA_ONLY,
    .priv_size             = sizeof(MontageSceneContext),
    .init                  = init,
    .uninit                = uninit,
    .activate              = activate,
    FILTER_INPUTS(montagescene_inputs),
    FILTER_OUTPUTS(montagescene_outputs),
    FILTER_PIXFMTS_ARRAY(pix_fmts),
};
