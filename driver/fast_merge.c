/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* One sidecar from the fast mode's windows; see fast_merge.h. */
#include "driver/fast_merge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/scene/scene_features.h" /* MT_SCENE_HIST_BINS */
#include "cache/sidecar_write.h"

typedef struct Timeline {
    const MtFastFrames *f;
    int64_t pts_offset; /* file pts -> pts of a full decode */
    double  tb;
} Timeline;

static int64_t full_pts(const Timeline *tl, int64_t frame)
{
    return tl->f->pts[frame] + tl->pts_offset;
}

static double frame_time(const Timeline *tl, int64_t frame)
{
    return (double)full_pts(tl, frame) * tl->tb;
}

/* ffmpeg shifts every timestamp by minus the container's start time
 * (microseconds, rounded to the stream's time base) */
static int64_t start_offset(int64_t start_us, int tb_num, int tb_den)
{
    long double v = -(long double)start_us * tb_den / ((long double)tb_num * 1000000);
    return (int64_t)llroundl(v);
}

/* Transitions of window w inside its core, renumbered; appended to out. */
static int take_transitions(const Timeline *tl, const MtFastWindow *w, const MtSidecar *sc,
                            MtTransition *out, size_t *n, char *err, size_t err_size)
{
    const MtSceneResult *r = &sc->scene;
    for (size_t i = 0; i < r->n_transitions; i++) {
        const MtTransition *t = &r->transitions[i];
        int64_t g = mt_fast_frame_of_pts(tl->f, t->pts);
        if (g < 0 || g - t->frame != w->start) {
            snprintf(err, err_size, "window at frame %lld does not line up with the frame table",
                     (long long)w->start);
            return -1;
        }
        if (g < w->core_start || g >= w->core_end)
            continue;
        MtTransition m = *t;
        m.frame = g;
        m.first_frame = t->first_frame + w->start;
        m.last_frame = t->last_frame + w->start;
        if (m.first_frame < 0 || m.last_frame >= (int64_t)tl->f->n) {
            snprintf(err, err_size, "a transition span leaves the stream");
            return -1;
        }
        m.pts = full_pts(tl, g);
        m.t = frame_time(tl, g);
        m.t_first = frame_time(tl, m.first_frame);
        m.t_last = frame_time(tl, m.last_frame);
        out[(*n)++] = m;
    }
    return 0;
}

/* Frame-weighted statistics of the parts of scene [s, e) that the
 * window scenes cover (offset: the window's first frame). */
static void add_stats(const MtSceneResult *r, int64_t offset, int64_t s, int64_t e,
                      double *hist, double *luma, double *motion, double *weight)
{
    for (size_t i = 0; i < r->n_scenes; i++) {
        const MtScene *ws = &r->scenes[i];
        int64_t a = ws->start_frame + offset, b = ws->end_frame + offset;
        int64_t lo = a > s ? a : s, hi = b < e ? b : e;
        if (hi <= lo || !ws->mean_hist)
            continue;
        double k = (double)(hi - lo);
        for (int j = 0; j < r->hist_bins && j < MT_SCENE_HIST_BINS; j++)
            hist[j] += k * ws->mean_hist[j];
        *luma += k * ws->mean_luma;
        *motion += k * ws->motion;
        *weight += k;
    }
}

/* How long the last frame lasts, in seconds: where the last scene ends
 * after that frame's time. The same value, computed the same way, as the
 * filter gives mt_scene_finish() in a full decode (vf_montagescene.c
 * last_frame_seconds: its packet's duration, else the frame rate's period),
 * else the detector's guess for an unknown length, the interval between the
 * last two frames (0 for one frame). */
static double last_frame_seconds(const Timeline *tl, const MtVideoStream *vs)
{
    int64_t n = (int64_t)tl->f->n;
    if (tl->f->last_duration > 0)
        return (double)tl->f->last_duration * tl->tb;
    if (vs->frame_rate_num > 0 && vs->frame_rate_den > 0)
        return (double)vs->frame_rate_den / vs->frame_rate_num;
    double dt = n > 1 ? frame_time(tl, n - 1) - frame_time(tl, n - 2) : 0;
    return dt > 0 ? dt : 0;
}

static int cmp_transition(const void *a, const void *b)
{
    int64_t x = ((const MtTransition *)a)->frame, y = ((const MtTransition *)b)->frame;
    return x < y ? -1 : x > y;
}

int mt_fast_merge(const MtFastFrames *f, const MtFastPlan *plan,
                  MtSidecar *const *win, const MtSidecar *keys,
                  const char *path, char *err, size_t err_size)
{
    if (!plan->n_win) {
        snprintf(err, err_size, "no window was decoded");
        return -1;
    }
    const MtSidecar *first = win[0];
    const MtVideoStream *vs = &first->scene.stream;
    if (vs->time_base_num <= 0 || vs->time_base_den <= 0) {
        snprintf(err, err_size, "window without a time base");
        return -1;
    }
    Timeline tl = { f, start_offset(f->start_time_us, vs->time_base_num, vs->time_base_den),
                    (double)vs->time_base_num / vs->time_base_den };
    size_t cap = 0, n_trans = 0;
    for (size_t w = 0; w < plan->n_win; w++)
        cap += win[w]->scene.n_transitions;
    MtTransition *trans = calloc(cap + 1, sizeof(*trans));
    MtScene *scenes = calloc(cap + 1, sizeof(*scenes));
    float *hists = calloc((cap + 1) * MT_SCENE_HIST_BINS, sizeof(*hists));
    int ret = -1;
    if (!trans || !scenes || !hists) {
        snprintf(err, err_size, "out of memory");
        goto end;
    }
    for (size_t w = 0; w < plan->n_win; w++)
        if (take_transitions(&tl, &plan->win[w], win[w], trans, &n_trans, err, err_size) < 0)
            goto end;
    qsort(trans, n_trans, sizeof(*trans), cmp_transition);

    /* scenes tile [0, n) at the transitions, as the detector's
     * close_scene() does; the representative frame is the middle of the
     * part outside the transitions that open and close the scene */
    int64_t n = (int64_t)f->n;
    double last_len = last_frame_seconds(&tl, vs);
    size_t n_scenes = 0;
    for (size_t i = 0; i <= n_trans; i++) {
        int64_t s = i ? trans[i - 1].frame : 0;
        int64_t e = i < n_trans ? trans[i].frame : n;
        if (e <= s)
            continue;
        MtScene *sc = &scenes[n_scenes];
        sc->start_frame = s;
        sc->end_frame = e;
        sc->t_start = frame_time(&tl, s);
        sc->t_end = e < n ? frame_time(&tl, e) : frame_time(&tl, n - 1) + last_len;
        int64_t ps = s, pe = e;
        if (i && trans[i - 1].last_frame + 1 > ps)
            ps = trans[i - 1].last_frame + 1;
        if (i < n_trans && trans[i].first_frame < pe)
            pe = trans[i].first_frame;
        if (pe <= ps) {
            ps = s;
            pe = e;
        }
        sc->representative_frame = ps + (pe - ps - 1) / 2;

        double hist[MT_SCENE_HIST_BINS] = { 0 }, luma = 0, motion = 0, weight = 0;
        for (size_t w = 0; w < plan->n_win; w++)
            add_stats(&win[w]->scene, plan->win[w].start, s, e, hist, &luma, &motion, &weight);
        if (weight == 0 && keys && keys->scene.n_scenes) {
            /* no window saw it: the key frames' average */
            const MtScene *k = &keys->scene.scenes[0];
            for (int j = 0; j < keys->scene.hist_bins && j < MT_SCENE_HIST_BINS && k->mean_hist; j++)
                hist[j] = k->mean_hist[j];
            luma = k->mean_luma;
            motion = k->motion;
            weight = 1;
        }
        float *h = hists + n_scenes * MT_SCENE_HIST_BINS;
        for (int j = 0; j < MT_SCENE_HIST_BINS; j++)
            h[j] = weight > 0 ? (float)(hist[j] / weight) : 0.f;
        sc->mean_hist = h;
        sc->mean_luma = weight > 0 ? (float)(luma / weight) : 0.f;
        sc->motion = weight > 0 ? (float)(motion / weight) : 0.f;
        n_scenes++;
    }

    MtSidecar out = *first; /* generator, source, config, kind */
    MtConfigEntry *entries = calloc(first->config.n + 2, sizeof(*entries)); /* + decode, keep_features */
    if (!entries) {
        snprintf(err, err_size, "out of memory");
        goto end;
    }
    size_t ne = 0;
    for (size_t i = 0; i < first->config.n; i++)
        if (strcmp(first->config.entries[i].key, "decode") &&
            strcmp(first->config.entries[i].key, "keep_features"))
            entries[ne++] = first->config.entries[i];
    entries[ne++] = (MtConfigEntry){ .key = "keep_features", .type = MT_VALUE_BOOL, .i = 0 };
    entries[ne++] = (MtConfigEntry){ .key = "decode", .type = MT_VALUE_STRING, .s = "fast" };
    out.config.entries = entries;
    out.config.n = ne;
    out.status.complete = 1;
    out.status.units_seen = n;
    out.status.warnings = NULL;
    out.status.n_warnings = 0;
    memset(&out.scene, 0, sizeof(out.scene));
    out.scene.stream = *vs;
    out.scene.stream.frames = n;
    out.scene.stream.duration_s = (double)(f->pts[n - 1] - f->pts[0] + f->last_duration) * tl.tb;
    out.scene.transitions = trans;
    out.scene.n_transitions = n_trans;
    out.scene.scenes = scenes;
    out.scene.n_scenes = n_scenes;
    out.scene.hist_bins = MT_SCENE_HIST_BINS;
    ret = mt_sidecar_write_file(path, &out, err, err_size) < 0 ? -1 : 0;
    free(entries);
end:
    free(trans);
    free(scenes);
    free(hists);
    return ret;
}
