/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Which frames montage-fast-scene decodes in pass 2. Pass 1 decoded the
 * key frames only; each pair of consecutive ones is scored by the scene
 * filter's own frame-to-frame features (histogram, motion-compensated
 * structure change, contrast) and by the change of their thumbnails at
 * their best shift (fast_thumb.h). A pair that differs may hide a shot
 * boundary between them: its frames are decoded frame-exactly, in a window
 * that starts at the pair's first key frame (or, with the detector's
 * history, at a seek point far enough before it: MT_FAST_PRE_FRAMES) and
 * ends far enough after it for its look-ahead and the confirmation delay
 * of gradual transitions. Only transitions found in a window's core (the
 * window minus those margins, except at the ends of the stream) are kept.
 * Pure logic: unit-tested alone.
 */
#ifndef MONTAGE_DRIVER_FAST_PLAN_H
#define MONTAGE_DRIVER_FAST_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "driver/fast_scan.h"

/* A pair of key frames may hide a boundary when its structure changed in a
 * way no shift of the whole picture explains: every transition the
 * detector reports changes structure (cuts and dissolves by its own tests;
 * fades pass through flat frames, which against a structured key frame
 * score 1 below). Both measures must see it:
 * - the filter's motion-compensated structure change (0..1) above 0.15 and
 * - fast_thumb.h's change at the best shift (0..1) above 0.025.
 * On the dev corpora (6 synthetic and 9 natural clips, each at x264 keyint
 * 25 and 250 and x265: bench/fast_accuracy.sh, pairs.txt) every pair of
 * key frames around a transition's frame scored at least 0.17 and 0.036.
 * Test patterns scrolling 6 thumbnail pixels between key frames score
 * 0.000-0.016 on the second (sub-pixel shifts of sharp edges); real camera
 * motion (parallax, people moving) 0.05-0.4, so those pairs are still
 * decoded. */
#define MT_FAST_STRUCT_THRESHOLD 0.15f
#define MT_FAST_SHIFT_THRESHOLD  0.025f
/* A colour change alone (no transition by the detector's rules) flags a
 * pair only above this histogram distance (0..1), as a safety net: slow
 * colour drift inside one shot reached 0.12 on the dev corpora (and 0.10
 * in bench/fast_vs_full.sh's gradients), flashes and colour effects of the
 * natural clips 0.25-0.47. */
#define MT_FAST_HIST_THRESHOLD   0.2f
/* Fades: the detector ends or starts one at a flat frame (luma standard
 * deviation below 0.05 and a twelfth of the recent frames'), reached
 * through a ramp of contrast changing by over 2 % a frame (SCN_FADE_RISE:
 * 1.64 over 25 frames). A pair is flagged when the key frames' contrasts
 * differ by more than MT_FAST_CONTRAST_RATIO (plus MT_FAST_CONTRAST_STEP,
 * so that noise around black does not count), or both are below
 * MT_FAST_FLAT_CONTRAST (inside a run of black or one colour: the window
 * must reach back to where it began). Pairs inside one shot without a
 * structure change reached a ratio of 1.26 on the dev corpora (brightness
 * ramps of the synthetic negatives); runs of black measured 0.000, the
 * dimmest shot that is not flat (bench/fast_vs_full.sh's gradients)
 * 0.029. Without this, a dip to black longer than the margins was entered
 * in its middle (bench/fast_accuracy.sh: nd06 at keyint 25 with 24-frame
 * margins lost a fade). */
#define MT_FAST_CONTRAST_RATIO   1.5f
#define MT_FAST_CONTRAST_STEP    0.005f
#define MT_FAST_FLAT_CONTRAST    0.015f

/* Frames decoded before and after a flagged pair, beyond the seek point.
 * The detector's answers depend on its history (gradual tests look back
 * up to 2.5 lags, the flat-frame test 128 frames) and on its look-ahead
 * (dissolves are confirmed up to about 140 frames later, a fade's end is
 * looked for up to 96 frames after its rise); a transition
 * long enough to need the longest lags also changes the key frame pairs
 * it spans, which widens the window by itself. Measured on the 12 dev
 * clips re-encoded at keyint 25 and 250 (every window forced, no
 * fallback): 24/24, 64/72 and 168/140 all gave transitions identical to
 * the full decode; 64/72 keeps a margin over the smallest (and with scene
 * analyser 11 the 87 encodes of bench/fast_accuracy.sh). A measured
 * margin, not a bound: the detector itself calls a frame inside a shot
 * settled only 164 frames later (mt_scene_unsettled_from,
 * bench/fast_settle_lag.sh), and ending windows there would decode more.
 * The history is decoded only when it can matter: a window first starts
 * at its pair's first key frame (cold), and is decoded again from its
 * warm start (the seek point MT_FAST_PRE_FRAMES before) when the cold
 * decode found a transition reaching into its first MT_FAST_PRE_FRAMES
 * frames (fast_history.h). */
#define MT_FAST_PRE_FRAMES  64
#define MT_FAST_POST_FRAMES 72

/* Which windows start warm straight away. A cold window with a transition
 * in its first MT_FAST_PRE_FRAMES frames decodes the history and those
 * frames again (MT_FAST_PRE_FRAMES + MT_FAST_POST_FRAMES more,
 * fast_history.h). A pair that most likely holds a transition (thumbnail
 * change above MT_FAST_LIKELY_BOUNDARY, or the colour or contrast rules)
 * and is shorter than MT_FAST_COLD_MIN_GOP always has it there, so its
 * window is planned warm. Longer pairs start cold: x264's and x265's
 * scene-cut key frames put many transitions at the pair's end. Measured
 * with bench/fast_vs_full.sh's clip at keyint 250: 3452 frames decoded
 * with this limit at 64, 3701 at 192. A cost choice only: either way the
 * answers are those of a decode with history. Same-shot pairs of
 * bench/fast_accuracy.sh's x264 keyint 25 encodes scored up to 0.4 on the
 * thumbnail change (0.03-0.14 on bench/fast_vs_full.sh's drifting
 * patterns), pairs around a cut mostly 0.5-1. */
#define MT_FAST_COLD_MIN_GOP MT_FAST_PRE_FRAMES
#define MT_FAST_LIKELY_BOUNDARY 0.3f

/* Fall back to one full decode when key frames come this often or more
 * (intra-only and very short GOPs: pass 1 would decode most of the frames
 * for nothing). */
#define MT_FAST_MIN_GOP 12
/* ... or when the windows would cover more than this share of the frames
 * (a full decode in one piece is then cheaper than many windows). */
#define MT_FAST_MAX_COVER 0.75

typedef struct MtFastSample {
    int64_t frame;  /* frame number of a key frame pass 1 decoded */
    float   hist_diff, struct_diff; /* to the key frame before it */
    float   shift_change; /* the same, tolerant of motion (fast_thumb.h) */
    float   contrast;     /* standard deviation of luma, 0..1 (feature 1) */
} MtFastSample;

typedef struct MtFastWindow {
    int64_t start, end;           /* frames decoded, [start, end) */
    int64_t core_start, core_end; /* transitions kept from here */
    int64_t warm_start; /* the seek point `pre` frames before start (the
                         * start itself when there is no history to skip) */
} MtFastWindow;

typedef struct MtFastPlan {
    MtFastWindow *win;
    size_t n_win, cap;
    int64_t decoded; /* frames in the windows */
} MtFastPlan;

/* 1 when the GOP structure makes the fast mode pointless. */
int mt_fast_needs_full(const MtFastFrames *f);

/* Which of the rules above flag the pair of key frames prev, s (0: none;
 * else its frames are decoded): */
enum {
    MT_FAST_FLAG_COLOUR = 1,    /* histogram distance */
    MT_FAST_FLAG_STRUCTURE = 2, /* structure change no shift explains */
    MT_FAST_FLAG_CONTRAST = 4,  /* a fade's contrast ramp, or flat frames */
};
int mt_fast_pair_flagged(const MtFastSample *prev, const MtFastSample *s);

/* Windows for the flagged pairs, plus the frames before the first and
 * after the last key frame. Returns 0 or -1 (out of memory). */
int  mt_fast_plan(const MtFastFrames *f, const MtFastSample *s, size_t n_samples,
                  int pre, int post, MtFastPlan *out);
void mt_fast_plan_free(MtFastPlan *p);

/* Makes w start at its warm start, its core `pre` frames later (from 0 at
 * the start of the stream): the window as decoded with history. */
void mt_fast_window_warm(MtFastWindow *w, int pre);

/* For window i, decoded cold, whose first `pre` frames need history:
 * appends a window from its warm start that covers those frames (its core
 * ends where window i's now begins, `pre` frames after its start, and it
 * looks `post` frames beyond), so that only the history and the first
 * frames are decoded again. When that window would reach window i's end,
 * window i is made warm instead (nothing is appended). Returns the index
 * of the window to decode (the new one, or i), or -1 (out of memory). */
long mt_fast_plan_head(MtFastPlan *p, size_t i, int pre, int post);

#endif /* MONTAGE_DRIVER_FAST_PLAN_H */
