/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Internals of the scene detector shared by scene_detect.c (lifecycle,
 * frame ring, hard cuts and flashes), scene_gradual.c (dissolves, wipes,
 * fades) with scene_gradual_light.c (its light test), scene_events.c
 * (recording a transition) and scene_result.c
 * (transitions, scenes, per-frame features).
 * Not part of the API.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_INTERNAL_H
#define MONTAGE_ANALYSIS_SCENE_INTERNAL_H

#include <stdint.h>

#include "analysis/array_grow.h"
#include "analysis/scene/scene_detect.h"
#include "analysis/scene/scene_features.h"
#include "analysis/scene/scene_metric.h"

/* Lags of the gradual-transition test, in frames; the longest detectable
 * dissolve or wipe is a little under the largest. */
#define SCN_NSCALES 4
#define SCN_MAX_LAG 64
extern const int mt_scene_lags[SCN_NSCALES];

/* Channels of a frame-to-frame change (MtScenePair hist, structure,
 * luma, color) and their weights in the hard-cut evidence: the
 * contrast-normalised structure saturates on busy content (noise, fast
 * motion), so the cut relies mostly on the others. */
#define SCN_NCHAN 4
extern const float mt_scene_cut_weights[SCN_NCHAN];

/* A frame is flat (black, white or any uniform colour: the bottom of a
 * fade) when its luma standard deviation is below this and below
 * 1/SCN_FLAT_DROP of the highest contrast of the last SCN_FLAT_WINDOW
 * frames, so dark or low-contrast shots are not flat. */
#define SCN_FLAT_STD    0.05f
#define SCN_FLAT_DROP   12.0f
#define SCN_FLAT_WINDOW (2 * SCN_MAX_LAG)
/* A frame-to-frame contrast change counts as part of a fade ramp above
 * this factor (plus a small absolute step). */
#define SCN_FADE_RISE 1.02f
#define SCN_FADE_EPS  0.0005f

/* Low-frame-rate animation inside a faster stream (rendered cutscenes
 * animated at 6-12 fps in 25 fps, each image held 2-4 frames) alternates
 * image changes with repeated frames. Judged against its repeated
 * neighbours, every image change would look like a cut; judged against the
 * nearest real change, it is one more step of the same motion. A step is a
 * repeat when its activity is below SCN_REPEAT_ACT (repeats of the
 * cytadela cutscenes in natural-dev: <= 0.0011; the steady hand-held phone
 * video there: 5th percentile 0.0016, median 0.005) and below
 * 1/SCN_REPEAT_RATIO of the step judged (image changes there: 0.02-0.30).
 * At most SCN_REPEAT_SKIP repeats are stepped over (a 4-frame hold), so a
 * flash a few real frames from a cut is not reached. Tried and rejected:
 * 0.005, which also catches the re-rendered held images of nd09's motion
 * graphics (0.0008-0.0040), but equally the near-still frames around a
 * real cut (validation clip nv08 96 and 98: 0.0039, 0.0024), whose cut at
 * 97 it lost; that clip has been read for this constant. */
#define SCN_REPEAT_ACT   0.002f
#define SCN_REPEAT_RATIO 10.0f
#define SCN_REPEAT_SKIP  3

/* a span of frames and the times of its ends */
typedef struct SceneSpan {
    int64_t first, last;
    double  t_first, t_last;
} SceneSpan;

typedef struct SceneSlot {
    int64_t pts;
    double  t;
    int     seg;        /* size segment the frame belongs to */
    MtSceneFeat f;
    /* change from the previous frame (valid when has_prev) */
    int     has_prev;
    float   step[SCN_NCHAN]; /* histogram, structure, luma, colour change */
    float   activity;   /* mean |dY| of the cells at zero shift */
    float   motion;     /* mean region shift, fraction of the grid width */
    float   score;      /* hard-cut score */
    int     flat;       /* uniform compared with the recent frames */
    int     flash;      /* judged part of a flash */
    int     ret;        /* first frame after a flash */
    /* per lag: change over the lag (sub(idx-L) -> sub(idx)) */
    int     g_ok[SCN_NSCALES];
    float   g_h[SCN_NSCALES], g_s[SCN_NSCALES];
    /* event reported on this frame, ev_type -1 when none */
    int     ev_type;
    MtTransition ev;
} SceneSlot;

struct MtSceneDetector {
    MtSceneConfig cfg;
    int     la;           /* the most frames held after a frame (mt_scene_lookahead) */
    int     la_decide;    /* frames after frame k that its decision needs, unless a
                           * recolouring waits for its colours (recolour_wait) */
    int     draining;     /* no more frames of this segment: decide with what is there */
    float   cut_thr;      /* threshold in excess units (0..2) */
    float   grad_thr;
    int     ring_size;
    SceneSlot *ring;
    float  *ring_mem;
    MtSceneFeat scratch[2]; /* aligned frames for the gradual checks */
    MtSceneGrid grid;
    MtSceneLut  lut;
    int     seg;          /* current size segment */
    int64_t seg_start;    /* first frame of the current segment */
    int64_t n_in;         /* frames pushed */
    int64_t n_done;       /* frames whose info is final */
    int     finished;
    int     oom;          /* a growth failed: results are incomplete */

    /* shot starts known so far (cut frames, ends of gradual transitions,
     * segment starts), sorted, only recent ones kept */
    int64_t *bounds;
    int      n_bounds;
    size_t   cap_bounds;

    /* gradual test state per lag */
    struct { int on; int64_t p0, p1; float peak; } plat[SCN_NSCALES];
    /* fade state: 0 idle, 1 in a flat run, 2 after it (contrast rising) */
    int     fade_state;
    int64_t fade_f0, fade_f1;
    int     fade_rin;
    int     fade_hold;    /* repeated frames since the last rising step */
    float   fade_min_std;
    /* the last fade recorded, its end still followed (scene_fade_end.h):
     * on while it is; its report waits for that end. bottom: the first
     * frame the fit takes; seen: the newest frame analysed */
    struct { int on; MtTransition tr; int64_t bottom, seen; } fade_end;

    /* the frame whose colours or light are back after the last
     * recolouring or change of light that was no cut (scene_detect.c,
     * recolour_returns, relight_returns) */
    int64_t recolour_end;
    /* a cut candidate that recolours the picture or changes its light,
     * its decision waiting for the colours or the frame before it to come
     * back, or for MT_SCENE_RECOLOUR_WINDOW frames to pass; frames from it
     * on are held. frame -1: none waits. relit: the light test applies;
     * relight_scanned: the frames after it compared so far. */
    struct {
        int64_t frame;
        float colour, structure, structure_ref, colour_jump;
        int relit, relight_scanned;
    } recolour_wait;

    /* changes examined at a lag longer than they took and found to be no
     * transition: no other lag may report them. Spans that left the ring
     * can match no later query and are pruned; the rest grow as needed. */
    struct ScnSpan { int64_t first, last; } *examined;
    size_t   n_examined, cap_examined;

    /* gradual events waiting for a frame without an event (grows) */
    MtTransition *pending;
    size_t   n_pending, cap_pending;

    /* output queue of final frame infos */
    MtSceneFrameInfo *outq;
    size_t   outq_head, outq_len, outq_cap;

    /* results */
    MtTransition *trans;
    size_t   n_trans, cap_trans;
    /* per transition, the span it was located at: what later detections
     * and boundaries go by (a dissolve's reported span is fitted wider) */
    SceneSpan *located;
    size_t   cap_located;
    MtScene *scenes;
    float   *scene_hist;         /* MT_SCENE_HIST_BINS per scene */
    size_t   cap_scene_hist;     /* rows allocated */
    size_t   n_scenes, cap_scenes;
    struct {
        int64_t start;             /* first frame of the open scene */
        double  t_start;
        double  hist[MT_SCENE_HIST_BINS];
        double  luma, act;
        double  hist_all[MT_SCENE_HIST_BINS];
        double  luma_all, act_all;
        int64_t n_pure;
        double  t_prev;            /* time of the last accounted frame */
        double  dt;                /* and the step before it */
        size_t  next_trans;        /* first transition not yet passed */
    } acc;
    float   *features;
    size_t   n_feat_rows, cap_feat_rows;

    MtSceneLogFn log;
    void    *log_opaque;
};

/* ring access: frame idx must be within the last ring_size frames */
static inline SceneSlot *scn_slot(const MtSceneDetector *d, int64_t idx)
{
    return &d->ring[idx % d->ring_size];
}
/* 1 when frame idx is still in the ring */
static inline int scn_have(const MtSceneDetector *d, int64_t idx)
{
    return idx >= 0 && idx < d->n_in && idx > d->n_in - 1 - d->ring_size;
}

/* 1 when frames a and b are both in the ring and of one size segment */
static inline int mt_scene_same_seg(const MtSceneDetector *d, int64_t a, int64_t b)
{
    return scn_have(d, a) && scn_have(d, b) && scn_slot(d, a)->seg == scn_slot(d, b)->seg;
}
/* the full motion-compensated comparison of ring frames a and b */
static inline void mt_scene_cmp(const MtSceneDetector *d, int64_t a, int64_t b, MtScenePair *p)
{
    mt_scene_compare(&d->grid, &scn_slot(d, a)->f, &scn_slot(d, b)->f, d->grid.radius,
                     MT_SCENE_PAIR_FULL, p);
}
/* last non-flash frame <= x */
static inline int64_t mt_scene_unflash(const MtSceneDetector *d, int64_t x)
{
    while (x > d->seg_start && scn_have(d, x - 1) && scn_slot(d, x)->flash)
        x--;
    return x;
}

/* 1 when the step into frame k repeats the image (SCN_REPEAT_ACT,
 * SCN_REPEAT_RATIO) next to a change of activity act; flat frames (black)
 * belong to fades and dips, not to animation */
static inline int mt_scene_is_repeat(const MtSceneDetector *d, int64_t k, float act)
{
    const SceneSlot *s = scn_slot(d, k);
    return s->has_prev && !s->flat && s->activity < SCN_REPEAT_ACT &&
           s->activity * SCN_REPEAT_RATIO < act;
}

/* Calls go one way: scene_detect.c (lifecycle, ring, hard cuts) calls
 * scene_gradual.c, which calls scene_gradual_light.c; all call
 * scene_events.c, which calls scene_result.c. */

/* scene_events.c */
int64_t mt_scene_last_bound(const MtSceneDetector *d, int64_t x);
int64_t mt_scene_next_bound(const MtSceneDetector *d, int64_t x);
int     mt_scene_add_bound(MtSceneDetector *d, int64_t frame);
/* 1 when a new transition [first, last] is too close to (or overlaps) a
 * known one, allowing `margin` frames between spans */
int     mt_scene_conflicts(const MtSceneDetector *d, int64_t first, int64_t last, int margin);
/* records a transition (and its shot start) and reports it on the frame
 * being finalised now or a later one */
int     mt_scene_emit(MtSceneDetector *d, const MtTransition *tr);
/* the same for a transition located at [first, last], reported as tr */
int     mt_scene_emit_located(MtSceneDetector *d, const MtTransition *tr, int64_t first,
                              int64_t last);
/* the two halves of that: records the transition (results, shot start,
 * what later detections go by; *tr as recorded: times set, its first
 * frame after the reported span before it), then reports *tr as
 * recorded in the frame metadata; a fade is reported once its end is known
 * (scene_fade_end.h) */
int     mt_scene_record(MtSceneDetector *d, MtTransition *tr, int64_t first, int64_t last);
int     mt_scene_report(MtSceneDetector *d, const MtTransition *tr);

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void    mt_scene_trace(const MtSceneDetector *d, const char *fmt, ...);
/* the weighted change (mt_scene_cut_weights) into frame k, 0 without a
 * frame before (scene_detect.c) */
float   mt_scene_step_change(const MtSceneDetector *d, int64_t k);

/* scene_gradual.c (mt_scene_lags is defined there too) */
void    mt_scene_gradual_reset(MtSceneDetector *d);
/* runs the gradual and fade analysis for frame k, whose flash status is
 * final (frames after k may not be) */
void    mt_scene_gradual_step(MtSceneDetector *d, int64_t k);
/* end of stream: flush pending tests */
void    mt_scene_gradual_finish(MtSceneDetector *d);
/* a transition starting at frame first is about to be recorded: the fade
 * whose end is still followed (scene_fade_end.h, recorded already) gets its
 * end before that frame and is reported first, so its event comes before
 * that one's */
void    mt_scene_fade_end_before(MtSceneDetector *d, int64_t first);

/* scene_gradual.c: the examined spans (exposed for the unit tests) */
int     mt_scene_was_examined(const MtSceneDetector *d, int64_t first, int64_t last);
int     mt_scene_set_examined(MtSceneDetector *d, int64_t first, int64_t last); /* 0 or -ENOMEM */

/* scene_result.c */
int     mt_scene_insert_transition(MtSceneDetector *d, const MtTransition *tr,
                                   const SceneSpan *located);
/* accounts frame idx (leaving the ring) into the scene statistics */
void    mt_scene_account(MtSceneDetector *d, int64_t idx);
void    mt_scene_close_scenes(MtSceneDetector *d, double last_duration_s);
int     mt_scene_keep_features(MtSceneDetector *d, const SceneSlot *s);
void    mt_scene_result_free(MtSceneDetector *d);

#endif /* MONTAGE_ANALYSIS_SCENE_INTERNAL_H */
