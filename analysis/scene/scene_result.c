/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Scene detector results: transitions, scenes and per-frame features. */
#include "analysis/scene/scene_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const feature_names[MT_SCENE_FEATURE_COLS] = {
    "luma", "contrast", "saturation", "score",
    "hist_diff", "struct_diff", "motion", "activity",
};

int mt_scene_insert_transition(MtSceneDetector *d, const MtTransition *tr,
                               const SceneSpan *located)
{
    if (mt_array_grow((void **)&d->trans, &d->cap_trans, d->n_trans + 1, sizeof(*d->trans)) < 0 ||
        mt_array_grow((void **)&d->located, &d->cap_located, d->n_trans + 1,
                      sizeof(*d->located)) < 0)
        return -ENOMEM;
    size_t i = d->n_trans;
    while (i > 0 && d->trans[i - 1].frame > tr->frame) {
        d->trans[i] = d->trans[i - 1];
        d->located[i] = d->located[i - 1];
        i--;
    }
    d->trans[i] = *tr;
    d->located[i] = *located;
    d->n_trans++;
    return 0;
}

int mt_scene_keep_features(MtSceneDetector *d, const SceneSlot *s)
{
    size_t cap = d->cap_feat_rows * MT_SCENE_FEATURE_COLS;
    size_t need = (d->n_feat_rows + 1) * MT_SCENE_FEATURE_COLS;
    if (mt_array_grow((void **)&d->features, &cap, need, sizeof(*d->features)) < 0)
        return -ENOMEM;
    d->cap_feat_rows = cap / MT_SCENE_FEATURE_COLS;
    float *row = d->features + d->n_feat_rows * MT_SCENE_FEATURE_COLS;
    row[0] = s->f.mean;
    row[1] = s->f.std;
    row[2] = s->f.chroma;
    row[3] = s->score;
    row[4] = s->has_prev ? s->step[0] : 0;
    row[5] = s->has_prev ? s->step[1] : 0;
    row[6] = s->has_prev ? s->motion : 0;
    row[7] = s->has_prev ? s->activity : 0;
    d->n_feat_rows++;
    return 0;
}

/* Closes the open scene at frame `end` (time t_end); `closer` is the index
 * of the transition that ends it, or n_trans for the end of the stream. */
static void close_scene(MtSceneDetector *d, int64_t end, double t_end, size_t closer)
{
    if (end <= d->acc.start)
        return;
    if (mt_array_grow((void **)&d->scenes, &d->cap_scenes, d->n_scenes + 1, sizeof(*d->scenes)) < 0) {
        d->oom = 1;
        return;
    }
    /* one row of MT_SCENE_HIST_BINS per scene */
    if (mt_array_grow((void **)&d->scene_hist, &d->cap_scene_hist, d->n_scenes + 1,
                      MT_SCENE_HIST_BINS * sizeof(*d->scene_hist)) < 0) {
        d->oom = 1;
        return;
    }
    float *hist = d->scene_hist + d->n_scenes * MT_SCENE_HIST_BINS;

    int pure = d->acc.n_pure > 0;
    double n = pure ? (double)d->acc.n_pure : (double)(end - d->acc.start);
    const double *h = pure ? d->acc.hist : d->acc.hist_all;
    double tot = 0;
    for (int b = 0; b < MT_SCENE_HIST_BINS; b++)
        tot += h[b];
    for (int b = 0; b < MT_SCENE_HIST_BINS; b++)
        hist[b] = tot > 0 ? (float)(h[b] / tot) : 0.f;

    /* representative: the middle of the part outside transitions */
    int64_t ps = d->acc.start, pe = end;
    size_t opener = d->acc.next_trans; /* the transition that opened it, if any */
    if (opener > 0 && d->trans[opener - 1].frame == d->acc.start &&
        d->trans[opener - 1].last_frame + 1 > ps)
        ps = d->trans[opener - 1].last_frame + 1;
    if (closer < d->n_trans && d->trans[closer].first_frame < pe)
        pe = d->trans[closer].first_frame;
    if (pe <= ps) {
        ps = d->acc.start;
        pe = end;
    }

    MtScene *sc = &d->scenes[d->n_scenes++];
    sc->start_frame = d->acc.start;
    sc->end_frame   = end;
    sc->t_start     = d->acc.t_start;
    sc->t_end       = t_end;
    sc->mean_hist   = NULL; /* set by mt_scene_close_scenes() */
    sc->mean_luma   = (float)((pure ? d->acc.luma : d->acc.luma_all) / n);
    sc->motion      = (float)((pure ? d->acc.act : d->acc.act_all) / n);
    sc->representative_frame = ps + (pe - ps - 1) / 2;

    memset(d->acc.hist, 0, sizeof(d->acc.hist));
    memset(d->acc.hist_all, 0, sizeof(d->acc.hist_all));
    d->acc.luma = d->acc.act = d->acc.luma_all = d->acc.act_all = 0;
    d->acc.n_pure = 0;
    d->acc.start = end;
    d->acc.t_start = t_end;
}

void mt_scene_account(MtSceneDetector *d, int64_t idx)
{
    const SceneSlot *s = scn_slot(d, idx);
    if (idx == 0)
        d->acc.t_start = s->t;
    while (d->acc.next_trans < d->n_trans && d->trans[d->acc.next_trans].frame <= idx) {
        const MtTransition *tr = &d->trans[d->acc.next_trans];
        close_scene(d, tr->frame, tr->t, d->acc.next_trans);
        d->acc.next_trans++;
    }
    size_t nt = d->acc.next_trans;
    int in_span = (nt > 0 && d->trans[nt - 1].last_frame >= idx) ||
                  (nt < d->n_trans && d->trans[nt].first_frame <= idx);
    for (int b = 0; b < MT_SCENE_HIST_BINS; b++)
        d->acc.hist_all[b] += s->f.hist[b];
    d->acc.luma_all += s->f.mean;
    d->acc.act_all  += s->has_prev ? s->activity : 0;
    if (!in_span && !s->flash) {
        for (int b = 0; b < MT_SCENE_HIST_BINS; b++)
            d->acc.hist[b] += s->f.hist[b];
        d->acc.luma += s->f.mean;
        d->acc.act  += s->has_prev ? s->activity : 0;
        d->acc.n_pure++;
    }
    if (idx > 0)
        d->acc.dt = s->t - d->acc.t_prev;
    d->acc.t_prev = s->t;
}

void mt_scene_close_scenes(MtSceneDetector *d, double last_duration_s)
{
    /* the last scene ends when its last frame does: after the length the
     * host knows, else (unknown: 0, negative, NaN) one interval of the last
     * two frames on, the best guess there is (none for a single frame) */
    double len = isfinite(last_duration_s) && last_duration_s > 0 ? last_duration_s
                 : d->acc.dt > 0 ? d->acc.dt : 0;
    if (d->n_in > 0)
        close_scene(d, d->n_in, d->acc.t_prev + len, d->n_trans);
    for (size_t i = 0; i < d->n_scenes; i++)
        d->scenes[i].mean_hist = d->scene_hist + i * MT_SCENE_HIST_BINS;
}

void mt_scene_result_free(MtSceneDetector *d)
{
    free(d->trans);
    free(d->located);
    free(d->scenes);
    free(d->scene_hist);
    free(d->features);
}

int mt_scene_result(const MtSceneDetector *d, MtSceneResult *out)
{
    if (!d || !out || !d->finished)
        return -EINVAL;
    memset(out, 0, sizeof(*out));
    out->transitions   = d->trans;
    out->n_transitions = d->n_trans;
    out->scenes        = d->scenes;
    out->n_scenes      = d->n_scenes;
    out->hist_bins     = MT_SCENE_HIST_BINS;
    if (d->cfg.keep_features) {
        out->frame_features.data = d->features;
        out->frame_features.rows = d->n_feat_rows;
        out->frame_features.cols = MT_SCENE_FEATURE_COLS;
        out->feature_names       = feature_names;
    }
    return 0;
}
