/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Shots on the edit timeline (see shot_list.h). */
#include "export/shot_list.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A recorded time may differ from frame_index / rate by float rounding
 * and by timestamps rounded to a coarse time base (1/1000 in Matroska:
 * up to 0.5 ms); half a frame separates that from a real skip. */
#define CFR_TOLERANCE_FRAMES 0.5
/* Positions from times: a time this close below a tick (in ticks) is on
 * the tick (float rounding of pts * time base, not a later frame). */
#define TICK_EPSILON 1e-6

typedef struct Timing {
    int    num, den;  /* edit rate */
    double t0;
    int    exact;
} Timing;

static int64_t position_of(const Timing *tm, int64_t frame, double t)
{
    if (tm->exact)
        return frame;
    double ticks = (t - tm->t0) * tm->num / tm->den;
    int64_t p = (int64_t)ceil(ticks - TICK_EPSILON);
    return p < 0 ? 0 : p;
}

/* The standard rate nearest to an average (frames / seconds), within 1 %,
 * else the average rounded to whole frames. Used only when the sidecar has
 * no frame rate: 1 % takes in the average of a standard-rate clip whose
 * last frame's duration is unknown (one frame in 100), and keeps apart
 * 24 and 25 (4 %) or 23.976 and 24 (0.1 %, which only the recorded rate
 * can tell: the nearer one wins). */
static void nominal_rate(double avg, int *num, int *den)
{
    static const int rates[][2] = { { 24000, 1001 }, { 24, 1 }, { 25, 1 }, { 30000, 1001 },
                                    { 30, 1 }, { 48, 1 }, { 50, 1 }, { 60000, 1001 }, { 60, 1 } };
    double best = 0.01;
    *num = avg >= 1 ? (int)lround(avg) : 25;
    *den = 1;
    for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
        double r = (double)rates[i][0] / rates[i][1], d = fabs(avg - r) / r;
        if (d < best) {
            best = d;
            *num = rates[i][0];
            *den = rates[i][1];
        }
    }
}

static int is_constant_rate(const MtSceneResult *r, double t0)
{
    const MtVideoStream *s = &r->stream;
    if (s->frame_rate_num <= 0 || s->frame_rate_den <= 0)
        return 0;
    double frame_s = (double)s->frame_rate_den / s->frame_rate_num;
    double tol = CFR_TOLERANCE_FRAMES * frame_s;
    for (size_t i = 0; i < r->n_scenes; i++)
        if (fabs(r->scenes[i].t_start - t0 - (double)r->scenes[i].start_frame * frame_s) > tol)
            return 0;
    for (size_t i = 0; i < r->n_transitions; i++) {
        const MtTransition *t = &r->transitions[i];
        if (fabs(t->t_first - t0 - (double)t->first_frame * frame_s) > tol ||
            fabs(t->t_last - t0 - (double)t->last_frame * frame_s) > tol)
            return 0;
    }
    return 1;
}

static const MtTransition *transition_at(const MtSceneResult *r, int64_t frame)
{
    for (size_t i = 0; i < r->n_transitions; i++)
        if (r->transitions[i].frame == frame)
            return &r->transitions[i];
    return NULL;
}

static int64_t to_pts(double seconds, int tb_num, int tb_den)
{
    return llround(seconds * tb_den / tb_num);
}

int mt_shot_list_build(const MtSidecar *sc, MtShotList *out, char *err, size_t errlen)
{
    const MtSceneResult *r = &sc->scene;
    const MtVideoStream *s = &r->stream;
    Timing tm;

    *out = (MtShotList){ 0 };
    if (sc->kind != MT_KIND_SCENE) {
        snprintf(err, errlen, "not a scene sidecar");
        return -1;
    }
    if (r->n_scenes == 0) {
        snprintf(err, errlen, "the sidecar has no shots (no frame was analysed)");
        return -1;
    }
    if (s->time_base_num <= 0 || s->time_base_den <= 0) {
        snprintf(err, errlen, "the sidecar has no time base");
        return -1;
    }
    tm.t0 = r->scenes[0].t_start;
    tm.exact = is_constant_rate(r, tm.t0);
    if (s->frame_rate_num > 0 && s->frame_rate_den > 0) {
        tm.num = s->frame_rate_num;
        tm.den = s->frame_rate_den;
    } else {
        double dur = r->scenes[r->n_scenes - 1].t_end - tm.t0;
        nominal_rate(dur > 0 ? (double)s->frames / dur : 0, &tm.num, &tm.den);
    }

    out->shots = calloc(r->n_scenes, sizeof(*out->shots));
    if (!out->shots) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    out->n = r->n_scenes;
    out->rate_num = tm.num;
    out->rate_den = tm.den;
    out->frame_exact = tm.exact;
    out->tb_num = s->time_base_num;
    out->tb_den = s->time_base_den;
    out->t0 = tm.t0;

    for (size_t i = 0; i < r->n_scenes; i++) {
        const MtScene *c = &r->scenes[i];
        const MtTransition *in = i ? transition_at(r, c->start_frame) : NULL;
        const MtTransition *next = i + 1 < r->n_scenes ? transition_at(r, c->end_frame) : NULL;
        MtShot *sh = &out->shots[i];
        sh->start_frame = c->start_frame;
        sh->end_frame   = c->end_frame;
        sh->t_start     = c->t_start - tm.t0;
        sh->t_end       = c->t_end - tm.t0;
        sh->pts_start   = to_pts(sh->t_start, s->time_base_num, s->time_base_den);
        sh->pts_end     = to_pts(sh->t_end, s->time_base_num, s->time_base_den);
        sh->edit_in     = position_of(&tm, c->start_frame, c->t_start);
        sh->edit_out    = position_of(&tm, c->end_frame, c->t_end);
        sh->in_type     = i == 0 ? MT_SHOT_EDGE : in ? (int)in->type : MT_TRANSITION_HARD;
        sh->out_type    = i + 1 == r->n_scenes ? MT_SHOT_EDGE : next ? (int)next->type : MT_TRANSITION_HARD;
        sh->in_edit_first = sh->in_edit_end = sh->edit_in;
        sh->in_t_first = sh->in_t_last = sh->t_start;
        if (in) {
            sh->in_t_first = in->t_first - tm.t0;
            sh->in_t_last  = in->t_last - tm.t0;
        }
        if (in && in->type != MT_TRANSITION_HARD && in->last_frame >= in->first_frame) {
            sh->in_edit_first = position_of(&tm, in->first_frame, in->t_first);
            sh->in_edit_end   = position_of(&tm, in->last_frame, in->t_last) + 1;
        }
        sh->mean_luma = c->mean_luma;
        sh->motion    = c->motion;
        sh->representative_frame = c->representative_frame;
    }
    out->edit_total = out->shots[out->n - 1].edit_out;
    return 0;
}

void mt_shot_list_free(MtShotList *l)
{
    free(l->shots);
    *l = (MtShotList){ 0 };
}

double mt_shot_list_seconds(const MtShotList *l, int64_t position)
{
    return (double)position * l->rate_den / l->rate_num;
}
