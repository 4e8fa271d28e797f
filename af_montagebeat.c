/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montagebeat: tempo, beats and downbeats of an audio stream, for cutting
 * video to music. A metadata-only filter: samples pass through unchanged,
 * each frame gets lavfi.montagebeat.* metadata, and at end of stream the
 * whole-stream analysis is written to a msgpack sidecar.
 *
 * The analysis lives in analysis/beat/beat_*.c (plain C, no FFmpeg); this file
 * only feeds it decoded samples and publishes its results.
 * Documentation: doc/montagebeat.texi.
 *
 * This file is part of Montage. It is built into FFmpeg by
 * patches/apply-ffmpeg.sh and is the same for every supported release.
 */
/* Before FFmpeg 7.0 a link's status_out (montage_compat.h, gate 5) is an
 * internal field, visible to filters that ask as buffersink does; later
 * releases ignore the macro. First, before anything includes avfilter.h. */
#define FF_INTERNAL_FIELDS 1
#include "framequeue.h"

#include "libavutil/channel_layout.h"
#include "libavutil/intreadwrite.h"
#include "libavutil/mem.h"
#include "libavutil/opt.h"
#include "libavutil/samplefmt.h"

#include "audio.h"
#include "avfilter.h"
#include "filters.h"

#include "analysis/beat/beat_options.h"
#include "analysis/config_check.h"
#include "montage_compat.h"
#include "montage_glue.h"

typedef struct MontageBeatContext {
    const AVClass *class;
    MtSidecarOptions out;      ///< sidecar path and source identity
    MtBeatConfig cfg;          ///< analysis options

    MtBeatTracker *tracker;
    int64_t first_pts;         ///< pts of the first sample, AV_NOPTS_VALUE until seen
    int64_t samples;           ///< samples seen
    /* Stream facts for the sidecar, recorded when the input is configured:
     * uninit may run after the framework has freed the links. */
    char layout[128];          ///< channel layout description
    int channels;
    enum AVSampleFormat sample_fmt;
    AVRational time_base;
    int output_closed;         ///< downstream stopped early (-t, atrim): the input's end is never seen
    int failed;                ///< the input was refused: no sidecar at all
    int sidecar_done;          ///< the sidecar was written (or failed) at EOF
} MontageBeatContext;

#define OFFSET(x) offsetof(MontageBeatContext, x)
#define FLAGS AV_OPT_FLAG_AUDIO_PARAM | AV_OPT_FLAG_FILTERING_PARAM

static const AVOption montagebeat_options[] = {
    MT_SIDECAR_OPTIONS(FLAGS),
    MT_BEAT_OPTIONS(MT_AVOPTION_ROW)
    { NULL }
};

AVFILTER_DEFINE_CLASS(montagebeat);

static av_cold int init(AVFilterContext *ctx)
{
    MontageBeatContext *s = ctx->priv;
    char why[MT_CONFIG_WHY_SIZE];
    int ret = mt_beat_config_check(&s->cfg, why, sizeof(why));

    if (ret < 0) {
        av_log(ctx, AV_LOG_ERROR, "%s\n", why);
        return ret; /* a negative errno, as AVERROR() makes it */
    }
    s->first_pts = AV_NOPTS_VALUE;
    return mt_glue_init_sidecar(ctx, &s->out);
}

static int config_input(AVFilterLink *inlink)
{
    AVFilterContext *ctx = inlink->dst;
    MontageBeatContext *s = ctx->priv;

    if (inlink->sample_rate < MT_BEAT_MIN_RATE || inlink->sample_rate > MT_BEAT_MAX_RATE) {
        av_log(ctx, AV_LOG_ERROR, "sample rate %d Hz is outside the supported %d..%d Hz\n",
               inlink->sample_rate, MT_BEAT_MIN_RATE, MT_BEAT_MAX_RATE);
        return AVERROR(EINVAL);
    }
    mt_beat_free(&s->tracker);
    s->tracker = mt_beat_new(&s->cfg, inlink->sample_rate);
    if (!s->tracker)
        return AVERROR(ENOMEM);
    if (av_channel_layout_describe(&inlink->ch_layout, s->layout, sizeof(s->layout)) < 0)
        snprintf(s->layout, sizeof(s->layout), "%d channels", inlink->ch_layout.nb_channels);
    s->channels   = inlink->ch_layout.nb_channels;
    s->sample_fmt = inlink->format;
    s->time_base  = inlink->time_base;
    return 0;
}

static int to_mt_format(enum AVSampleFormat fmt, MtSampleFormat *out)
{
    switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_U8:  *out = MT_SAMPLE_U8;  return 0;
    case AV_SAMPLE_FMT_S16: *out = MT_SAMPLE_S16; return 0;
    case AV_SAMPLE_FMT_S32: *out = MT_SAMPLE_S32; return 0;
    case AV_SAMPLE_FMT_S64: *out = MT_SAMPLE_S64; return 0;
    case AV_SAMPLE_FMT_FLT: *out = MT_SAMPLE_FLT; return 0;
    case AV_SAMPLE_FMT_DBL: *out = MT_SAMPLE_DBL; return 0;
    default: return AVERROR(EINVAL);
    }
}

/* The samples of a frame that belong to the audio: a decoder opened with
 * AV_CODEC_FLAG2_SKIP_MANUAL leaves its priming (encoder delay) and end
 * padding in the frame and says how many samples they are in
 * AV_FRAME_DATA_SKIP_SAMPLES, instead of dropping them. Analysed, they
 * would shift every beat by the codec's delay (MP3 and AAC 23-25 ms, Opus
 * 6.5 ms) and make lossy and lossless input disagree. */
static void audible_span(const AVFrame *frame, int *first, int *count)
{
    const AVFrameSideData *sd = av_frame_get_side_data(frame, AV_FRAME_DATA_SKIP_SAMPLES);
    int64_t start = 0, end = 0;

    if (sd && sd->size >= 8) {
        start = FFMIN(AV_RL32(sd->data), frame->nb_samples);
        end   = FFMIN(AV_RL32(sd->data + 4), frame->nb_samples - start);
    }
    *first = (int)start;
    *count = frame->nb_samples - (int)start - (int)end;
}

/* Feeds one frame to the tracker and tags it with what streaming knows. */
static int analyse_frame(AVFilterContext *ctx, AVFrame *frame)
{
    MontageBeatContext *s = ctx->priv;
    const int channels = frame->ch_layout.nb_channels;
    const int planar = av_sample_fmt_is_planar(frame->format);
    const int sample_bytes = av_get_bytes_per_sample(frame->format);
    const uint8_t *planes[MT_BEAT_MAX_CHANNELS];
    double t0 = 0, beat_t = -1;
    float onset, strength, beat_strength = 0;
    MtSampleFormat fmt;
    int first, count, ret;

    if (to_mt_format(frame->format, &fmt) < 0) {
        av_log(ctx, AV_LOG_ERROR, "unsupported sample format %s\n",
               av_get_sample_fmt_name(frame->format));
        return AVERROR(EINVAL);
    }
    if (channels < 1 || channels > MT_BEAT_MAX_CHANNELS) {
        av_log(ctx, AV_LOG_ERROR, "%d channels: at most %d are supported\n",
               channels, MT_BEAT_MAX_CHANNELS);
        return AVERROR(EINVAL);
    }
    audible_span(frame, &first, &count);
    if (count <= 0)
        return 0; /* all priming or padding: nothing of the audio yet */
    for (int c = 0; c < (planar ? channels : 1); c++)
        planes[c] = frame->extended_data[c] + (size_t)first * sample_bytes * (planar ? 1 : channels);

    /* the timeline starts at the first audible sample */
    if (s->first_pts == AV_NOPTS_VALUE && frame->pts != AV_NOPTS_VALUE)
        s->first_pts = frame->pts + av_rescale_q(first, (AVRational){ 1, frame->sample_rate },
                                                 s->time_base);
    if (s->first_pts != AV_NOPTS_VALUE)
        t0 = s->first_pts * av_q2d(s->time_base);

    ret = mt_beat_push_raw(s->tracker, planes, fmt, planar, channels, (size_t)count);
    if (ret < 0)
        return ret; /* -EINVAL or -ENOMEM */
    s->samples += count;

    /* Streamed beats are timed from the first sample; frames carry the
     * stream's own timeline, so both are shifted by the first pts. */
    onset = mt_beat_current_onset(s->tracker);
    ret = mt_glue_meta_double(&frame->metadata, "lavfi.montagebeat.onset", onset);
    while (ret >= 0 && mt_beat_pop_stream_beat(s->tracker, &beat_t, &strength))
        beat_strength = strength;
    if (ret >= 0 && beat_t >= 0) {
        ret = mt_glue_meta_double(&frame->metadata, "lavfi.montagebeat.beat_time", t0 + beat_t);
        if (ret >= 0)
            ret = mt_glue_meta_double(&frame->metadata, "lavfi.montagebeat.beat_strength", beat_strength);
        if (ret >= 0)
            ret = mt_glue_meta_double(&frame->metadata, "lavfi.montagebeat.bpm",
                                      mt_beat_stream_bpm(s->tracker));
        av_log(ctx, AV_LOG_DEBUG, "beat_time:%.6f beat_strength:%.3f\n", t0 + beat_t, beat_strength);
    }
    return ret;
}

/* Builds and writes the sidecar; `input_ended` says whether EOF was reached.
 * Reads only the context: also called from uninit, after the links are gone. */
static int write_sidecar(AVFilterContext *ctx, int input_ended)
{
    MontageBeatContext *s = ctx->priv;
    MtConfigEntry entries[MT_BEAT_CONFIG_ENTRIES];
    MtSidecar sc = { 0 };
    int ret;

    if (!s->out.sidecar || !s->tracker)
        return 0;
    if ((ret = mt_beat_finish(s->tracker)) < 0 || (ret = mt_beat_result(s->tracker, &sc.beat)) < 0)
        return ret;
    mt_glue_fill_common(&sc, &s->out, MT_KIND_BEAT, "montagebeat", MT_BEAT_ANALYSER_VERSION,
                        input_ended, sc.beat.stream.duration_s, s->samples);
    sc.config.entries = entries;
    sc.config.n = mt_beat_config_entries(&s->cfg, entries, MT_BEAT_CONFIG_ENTRIES);
    sc.beat.stream.channels       = s->channels;
    sc.beat.stream.channel_layout = s->layout;
    sc.beat.stream.sample_fmt     = av_get_sample_fmt_name(s->sample_fmt);
    return mt_glue_write_sidecar(ctx, &s->out, &sc);
}

static int activate(AVFilterContext *ctx)
{
    MontageBeatContext *s = ctx->priv;
    AVFilterLink *inlink = ctx->inputs[0];
    AVFilterLink *outlink = ctx->outputs[0];
    AVFrame *frame;
    int64_t pts;
    int ret, status;

    /* Downstream stopped (ffmpeg -t, atrim, a closed sink): the rest of the
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
            av_frame_free(&frame);
            s->failed = 1;
            return ret;
        }
        return ff_filter_frame(outlink, frame);
    }

    if (ff_inlink_acknowledge_status(inlink, &status, &pts)) {
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
    MontageBeatContext *s = ctx->priv;

    /* Freed before EOF (-t, an interrupted run, ffprobe -read_intervals, an
     * application closing the graph): the partial analysis is kept, marked
     * incomplete; a failure can only be logged. The links may be gone. */
    if (!s->sidecar_done && !s->failed && s->samples)
        write_sidecar(ctx, 0);
    mt_beat_free(&s->tracker);
}

static const AVFilterPad montagebeat_inputs[] = {
    {
        .name         = "default",
        .type         = AVMEDIA_TYPE_AUDIO,
        .config_props = config_input,
    },
};

static const AVFilterPad montagebeat_outputs[] = {
    {
        .name = "default",
        .type = AVMEDIA_TYPE_AUDIO,
    },
};

/* No format list: every sample format, rate and layout is accepted as is,
 * so FFmpeg never inserts a conversion; downmix and resampling happen in
 * the analysis. */
const MT_FILTER ff_af_montagebeat = {
    MT_PUBLIC(name)        = "montagebeat",
    MT_PUBLIC(description) = NULL_IF_CONFIG_SMALL("Detect tempo, beats and downbeats; write a msgpack sidecar."),
    MT_PUBLIC(priv_class)  = &montagebeat_class,
    MT_PUBLIC(flags)       = AVFILTER_FLAG_METADATA_ONLY,
    .priv_size             = sizeof(MontageBeatContext),
    .init                  = init,
    .uninit                = uninit,
    .activate              = activate,
    FILTER_INPUTS(montagebeat_inputs),
    FILTER_OUTPUTS(montagebeat_outputs),
};
