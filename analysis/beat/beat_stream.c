/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Causal beat predictor; see beat_stream.h. */
#include "analysis/beat/beat_stream.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "analysis/beat/beat_peak.h"

#define PHASE_DECAY 0.85 /* weight of each older period in the phase comb */

struct MtBeatStream {
    MtTempoParams p;
    const MtTempoGrid *g;
    int max_lag;
    float *acv, *scratch;
    double period;     /* frames per beat, 0 = unknown */
    double next_beat;  /* predicted frame of the next beat, < 0 = none */
    double last_emitted; /* frame of the last released beat, < 0 = none */
    float confidence;
    double est_bpm;    /* latest tempo estimate, 0 = none */
    unsigned updates;  /* phase updates so far */
    MtBeatStreamEvent q[MT_STREAM_QUEUE];
    int q_head, q_len;
};

MtBeatStream *mt_beat_stream_new(const MtTempoParams *p, const MtTempoGrid *g, int max_lag)
{
    MtBeatStream *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->p = *p;
    s->g = g;
    s->max_lag = max_lag;
    s->next_beat = -1.0;
    s->last_emitted = -1.0;
    s->acv = malloc(sizeof(float) * ((size_t)max_lag + 1));
    s->scratch = malloc(sizeof(float) * (size_t)g->n);
    if (!s->acv || !s->scratch)
        mt_beat_stream_free(&s);
    return s;
}

void mt_beat_stream_free(MtBeatStream **s)
{
    if (!s || !*s)
        return;
    free((*s)->acv);
    free((*s)->scratch);
    free(*s);
    *s = NULL;
}

/* Frame of the most recent beat: comb over the last few periods. */
static double recent_beat(const float *env, size_t n, double period)
{
    double best = -1.0, arg = 0.0;
    for (double ph = 0.0; ph < period; ph += 1.0) {
        double acc = 0.0, w = 1.0;
        for (int k = 0; k < 8; k++, w *= PHASE_DECAY) {
            double x = (double)(n - 1) - ph - k * period;
            if (x < 0)
                break;
            /* +-1 frame: onsets are one or two frames wide and jitter */
            /* x >= 0: the signed conversion is the same index, cheaper */
            float v = mt_env_max3(env, 0, n, (size_t)(int64_t)(x + 0.5));
            acc += w * v;
        }
        if (acc > best) {
            best = acc;
            arg = ph;
        }
    }
    return (double)(n - 1) - arg;
}

static void push_event(MtBeatStream *s, double frame, float strength)
{
    if (s->q_len == MT_STREAM_QUEUE) { /* drop the oldest: the glue is not popping */
        s->q_head = (s->q_head + 1) % MT_STREAM_QUEUE;
        s->q_len--;
    }
    MtBeatStreamEvent *e = &s->q[(s->q_head + s->q_len) % MT_STREAM_QUEUE];
    e->frame = frame;
    e->strength = strength;
    s->q_len++;
}

static void reestimate(MtBeatStream *s, const float *env, size_t n, const MtBlockAc *ac)
{
    const size_t nb = mt_block_ac_blocks(ac);
    const size_t win_blocks = (size_t)ceil(MT_STREAM_WINDOW_S * s->p.fps / mt_block_ac_block_len(ac));
    const size_t b0 = nb > win_blocks ? nb - win_blocks : 0;
    const size_t win = (size_t)(MT_STREAM_WINDOW_S * s->p.fps);
    const size_t e0 = n > win ? n - win : 0;
    if (s->updates++ % MT_STREAM_TEMPO_EVERY == 0) {
        MtTempoEstimate est;
        if (mt_block_ac_window(ac, b0, nb, s->acv) < 0) {
            s->confidence = 0.0f;
            s->est_bpm = 0.0;
            return;
        }
        mt_tempo_estimate(&s->p, s->g, s->acv, s->max_lag, env + e0, n - e0, s->scratch, &est);
        s->confidence = est.confidence;
        s->est_bpm = est.bpm;
    }
    if (!(s->est_bpm > 0) || s->confidence < MT_STREAM_MIN_CONFIDENCE)
        return;
    double per = 60.0 * s->p.fps / s->est_bpm;
    /* small changes are smoothed; a clear change is taken at once */
    if (s->period > 0 && fabs(log(per / s->period)) < 0.08)
        per = 0.7 * s->period + 0.3 * per;
    s->period = per;
    double last = recent_beat(env, n, per);
    double next = last + per;
    if (s->next_beat >= 0 && fabs(next - s->next_beat) < 0.25 * per)
        next = 0.5 * (next + s->next_beat); /* nudge, do not jump */
    /* a beat already released must not be released twice */
    if (s->last_emitted >= 0 && next < s->last_emitted + 0.5 * per)
        next += per;
    s->next_beat = next;
}

void mt_beat_stream_update(MtBeatStream *s, const float *env, size_t n, const MtBlockAc *ac)
{
    if (n == 0)
        return;
    if (n % MT_STREAM_UPDATE_FRAMES == 0 && (double)n >= MT_STREAM_WARMUP_S * s->p.fps)
        reestimate(s, env, n, ac);
    if (!(s->period > 0) || s->next_beat < 0 || s->confidence < MT_STREAM_MIN_CONFIDENCE)
        return;
    const double now = (double)(n - 1);
    while (s->next_beat <= now) {
        size_t i = (size_t)(s->next_beat + 0.5);
        float v = i < n ? env[i] : 0.0f;
        float strength = v / (1.0f + v); /* env is in units of its RMS */
        push_event(s, s->next_beat, strength);
        s->last_emitted = s->next_beat;
        s->next_beat += s->period;
    }
}

int mt_beat_stream_pop(MtBeatStream *s, MtBeatStreamEvent *ev)
{
    if (s->q_len == 0)
        return 0;
    *ev = s->q[s->q_head];
    s->q_head = (s->q_head + 1) % MT_STREAM_QUEUE;
    s->q_len--;
    return 1;
}

double mt_beat_stream_bpm_of(const MtBeatStream *s)
{
    return s->period > 0 ? 60.0 * s->p.fps / s->period : 0.0;
}
