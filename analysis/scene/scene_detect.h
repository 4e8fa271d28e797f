/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montagescene core: shot boundary detection on a stream of frames.
 *
 * Per frame the detector reads a fixed subset of pixels: a grid of cells,
 * analysis_size cells along the longer side (48: 48x27 for 16:9), 4x2 luma
 * and 2x1 chroma samples per cell, into cell means and a 32-bin colour
 * histogram (scene_features.c). Frames are compared with motion
 * compensation: each of 4x3 regions of the grid is matched at its best
 * shift, so pans, tilts and moderate zooms do not look like new content
 * (scene_metric.c). Then (scene_detect.c, scene_gradual.c):
 *
 *  - Hard cut at frame n: the change from n-1 to n (colour histogram,
 *    luma and chroma residuals, contrast-normalised structure) exceeds,
 *    channel by channel, the larger of the changes just before and just
 *    after it; the excess is the per-frame score (0..1), a cut needs
 *    `threshold` (0.8 of it when the change is at least 2.1 times any
 *    other within 4 frames: two shots of the same set and light; 0.5 of
 *    it when the change is at least 16 times every step of the 4 frames
 *    after it and all but the largest step of the 24 frames before it
 *    (frames of its size segment; key frames in keyframes-only mode),
 *    with the flash test on and neither frame flat: two still pictures,
 *    a terminal's or a slide show's page change, scene_still_cut.h).
 *    Busy content (noise, fast motion) raises the neighbours too, so it
 *    does not cut.
 *    Repeated frames (animation drawn at a lower rate than the stream,
 *    each image held 2-4 frames) are stepped over when choosing those
 *    neighbours. A cut must also change the picture's structure
 *    (contrast-normalised luma) or its hue: a brightness step alone (a
 *    lamp or monitor switching on) is no cut, one flat colour field after
 *    another of a different hue is. A candidate is a flash (or any
 *    glitch of 1 to flash_len frames) when a frame within flash_len frames
 *    after it matches frame n-1 again. A candidate that changes the
 *    colours far more than the structure is a recolouring of the same
 *    picture (a game's damage tint, a muzzle flash, a strobe) when the
 *    colours are back within MT_SCENE_RECOLOUR_WINDOW frames. One that
 *    keeps each region's structure once the region's own brightness and
 *    contrast are taken out is a change of light (a strobing lamp, a
 *    muzzle flash lighting a moving view) when the frame before it comes
 *    back within that window closer than the shot's own change over as
 *    many frames.
 *  - Dissolves and wipes: at lags L of 8, 16, 32 and 64 frames, the pair
 *    (n-L, n) must differ by more than pairs of the same lag inside the
 *    shots on either side (evidence above 2 * gradual_threshold); the span
 *    is located from the progress between two anchor frames, the two shots
 *    must differ in structure (a colour change alone, such as a brightness
 *    ramp, cannot carry it), and the middle frame must be a blend of them
 *    (dissolve) or a cell-by-cell choice forming regions (wipe). A span
 *    whose steps repeat the image more than a third of the time is content
 *    animated below the stream rate, not an edit. Spans of up to about 64
 *    frames are found, and up to 96 over moving shots when the lag-64
 *    progress spans its whole window: located then on coarse thumbnails
 *    (scene_gradual_mix.h), a dissolve there also needs a deep contrast
 *    dip.
 *  - Fades: a run of flat frames (uniform: black, white or any colour,
 *    judged against the contrast of the recent frames) reached or left
 *    through a gradual fall or rise of contrast, or longer than flash_len
 *    frames (a dip to black: cut to black, black, cut in, is one fade).
 *  - A boundary closer than min_scene_len seconds to another is dropped.
 *
 * Cost: about 0.15-0.2 ms per frame whatever the resolution
 * (bench/scene_core_bench.c). Memory is fixed after the first frame and
 * after each size change (a ring of per-frame features, about 4 MB at the
 * default analysis size) plus a few bytes per scene, plus the per-frame
 * feature matrix when keep_features is set.
 *
 * Usage: mt_scene_new(), then per frame in presentation order
 * mt_scene_push() and drain mt_scene_pop(); at end of stream
 * mt_scene_finish() with the last frame's duration if known, drain
 * mt_scene_pop(), then mt_scene_result().
 * Not thread-safe per detector; separate detectors are independent.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_DETECT_H
#define MONTAGE_ANALYSIS_SCENE_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/config_entry.h"
#include "analysis/scene/image.h"
#include "analysis/scene/scene_result.h"

/* Option ranges and defaults, read through the option table of
 * scene_options.h (kernel checks, sidecar config, the filter's AVOptions). */

/* threshold: hard-cut score (0..1) a frame must reach to start a new shot.
 * Lower finds more cuts. */
#define MT_SCENE_THRESHOLD_DEFAULT          0.25
#define MT_SCENE_THRESHOLD_MIN              0.01
#define MT_SCENE_THRESHOLD_MAX              1.0
/* gradual_threshold: evidence (0..1) of the lagged test that makes a
 * dissolve or wipe candidate; candidates are then verified, so this mostly
 * trades work for recall. 0 turns gradual detection off (fades included). */
#define MT_SCENE_GRADUAL_THRESHOLD_DEFAULT  0.08
#define MT_SCENE_GRADUAL_THRESHOLD_MIN      0.0
#define MT_SCENE_GRADUAL_THRESHOLD_MAX      1.0
/* min_scene_len: seconds; a boundary closer than this to the previous one
 * is dropped (the earlier one is kept). */
#define MT_SCENE_MIN_SCENE_LEN_DEFAULT      0.4
#define MT_SCENE_MIN_SCENE_LEN_MIN          0.0
#define MT_SCENE_MIN_SCENE_LEN_MAX          3600.0
/* flash: 1 = a short burst of different frames that returns to the same
 * shot (flash, strobe, glitch) does not start a new shot. */
#define MT_SCENE_FLASH_DEFAULT              1
#define MT_SCENE_FLASH_MIN                  0
#define MT_SCENE_FLASH_MAX                  1
/* flash_len: the longest such burst, in frames. */
#define MT_SCENE_FLASH_LEN_DEFAULT          3
#define MT_SCENE_FLASH_LEN_MIN              1
#define MT_SCENE_FLASH_LEN_MAX              8
/* analysis_size: cells of the analysis grid along the longer image side
 * (the shorter side keeps the aspect ratio); cost grows with its square. */
#define MT_SCENE_ANALYSIS_SIZE_DEFAULT      48
#define MT_SCENE_ANALYSIS_SIZE_MIN          16
#define MT_SCENE_ANALYSIS_SIZE_MAX          128
/* keep_features: 1 = keep per-frame features for the sidecar
 * (MT_SCENE_FEATURE_COLS floats per frame). */
#define MT_SCENE_KEEP_FEATURES_DEFAULT      0
#define MT_SCENE_KEEP_FEATURES_MIN          0
#define MT_SCENE_KEEP_FEATURES_MAX          1

#define MT_SCENE_CONFIG_ENTRIES 7 /* options listed by mt_scene_config_entries */

typedef struct MtSceneConfig {
    double threshold;         /* hard-cut score threshold, 0..1 */
    double gradual_threshold; /* gradual evidence threshold, 0 = off */
    double min_scene_len;     /* seconds */
    int    flash;             /* bool: suppress flashes */
    int    flash_len;         /* frames */
    int    analysis_size;     /* cells along the longer side */
    int    keep_features;     /* bool */
} MtSceneConfig;

/* Per-frame feature columns kept when keep_features is set. */
#define MT_SCENE_FEATURE_COLS 8
/* "luma"       mean luma, 0..1
 * "contrast"   standard deviation of luma
 * "saturation" mean chroma magnitude of the cells
 * "score"      hard-cut score, 0..1
 * "hist_diff"  histogram distance to the previous frame, 0..1
 * "struct_diff" motion-compensated structure change, 0..1
 * "motion"     mean region shift to the previous frame, fraction of width
 * "activity"   mean absolute luma change of the cells, 0..1 */

typedef struct MtSceneDetector MtSceneDetector;

/* One finished frame, popped in frame order. */
typedef struct MtSceneFrameInfo {
    int64_t frame;     /* 0-based index in push order */
    int64_t pts;       /* as pushed */
    double  t;         /* seconds, as pushed */
    float   score;     /* hard-cut score 0..1 (a cut needs >= threshold) */
    float   luma;      /* mean luma 0..1 */
    float   motion;    /* activity: mean |luma change| of the cells, 0..1 */
    int     flash;     /* 1 on frames judged a flash (not a cut) */
    /* Event: a boundary reported on this frame (has_event 1), the same
     * MtTransition mt_scene_result lists; without one, has_event is 0 and
     * event's frames are -1 and its times NaN. A hard cut is reported on
     * the first frame of the new shot (event.frame == frame). A gradual
     * transition is reported when it is confirmed, on a later frame
     * (fades once their end is known, up to 96 frames after their rise
     * stops, sooner when another transition is found; dissolves and
     * wipes up to about two lags, 16 to 140 frames, after it):
     * event.frame is then the frame where the new shot takes over
     * (already popped) and event.first_frame..last_frame the span. A fade
     * whose end is still looked for when a cut is found is carried after
     * the cut's frame. Events wait in a queue (it grows) for a frame
     * without one; those still waiting at mt_scene_finish are in
     * mt_scene_result only. */
    int          has_event;
    MtTransition event;
} MtSceneFrameInfo;

void   mt_scene_config_default(MtSceneConfig *cfg);
/* 0, or -EINVAL with a one-line reason naming the option and its range
 * in why (may be NULL; MT_CONFIG_WHY_SIZE bytes are enough). See
 * analysis/config_check.h for the contract both kernels share. */
int    mt_scene_config_check(const MtSceneConfig *cfg, char *why, size_t why_size);
/* Lists every option, resolved, into out (up to max entries); returns the
 * number of options (MT_SCENE_CONFIG_ENTRIES) even when max is smaller.
 * Keys and string values are static. */
size_t mt_scene_config_entries(const MtSceneConfig *cfg, MtConfigEntry *out, size_t max);

/* NULL when cfg is invalid or on allocation failure. */
MtSceneDetector *mt_scene_new(const MtSceneConfig *cfg);
void mt_scene_free(MtSceneDetector **det);

/* Optional trace of the decisions (candidates and why they were kept or
 * dropped), one line per call without newline, for a filter's DEBUG log. */
typedef void (*MtSceneLogFn)(void *opaque, const char *line);
void mt_scene_set_log(MtSceneDetector *det, MtSceneLogFn fn, void *opaque);

/* Frames within which the colours of a recolouring (a tint, a flash), or
 * the frame before a change of light (a strobe), must come back for it not
 * to be a cut: the longest lookahead with flash suppression. */
#define MT_SCENE_RECOLOUR_WINDOW 48

/* The most frames the detector may need after frame n before frame n's
 * info is final: a host must be able to hold this many frames back
 * (MT_SCENE_RECOLOUR_WINDOW + 1 with flash suppression, else 1), and sizes
 * its queue of frames from it. It holds that many only while a candidate
 * that recolours the picture or changes its light waits for its colours or
 * its frame before to come back (or for the window to pass): then frame n
 * and every later frame wait. Otherwise frame n's info is final once
 * flash_len + 1 frames follow it (at least 4; 1 without flash
 * suppression), so a host that pops after every push holds only those.
 * Gradual transitions are reported on a later frame instead (see
 * MtSceneFrameInfo), so they need no extra delay. */
int mt_scene_lookahead(const MtSceneDetector *det);

/* How far the answers are final, for a host that may stop early (the fast
 * mode's windows): the lowest frame a transition not yet known may still
 * be reported on (MtTransition.frame), by frames still to come or by
 * mt_scene_finish. Every transition mt_scene_result will list on an
 * earlier frame is found already, and stays as it is; so stopping the
 * stream at any point from then on gives the same transitions before that
 * frame. Call between pushes; INT64_MAX after finish. The longest lag
 * keeps it about 2.5 lags (160 frames) behind the newest frame inside a
 * shot; after a boundary it moves past the boundary plus min_scene_len
 * once the longest lag's tests have passed the boundary
 * (scene_settled.c). */
int64_t mt_scene_unsettled_from(const MtSceneDetector *det);

/* Analyses one frame (any size; a size change restarts the comparisons
 * without reporting a boundary). t is the presentation time in seconds and
 * may be irregular. Returns 0, -EINVAL for an unreadable image or after
 * finish, or -ENOMEM. */
int mt_scene_push(MtSceneDetector *det, const MtImage *img, int64_t pts, double t);

/* 1 and fills out when the next frame's info is final, else 0. */
int mt_scene_pop(MtSceneDetector *det, MtSceneFrameInfo *out);

/* End of stream: every remaining frame becomes poppable and the last scene
 * is closed. Further pushes fail.
 *
 * last_duration_s is how long the last pushed frame lasts, in seconds, when
 * the host knows it: the frame's own duration when the container gives
 * one, else the period of the stream's frame rate. The last scene then ends
 * at that frame's time plus it. 0, a negative value or NaN says "unknown"
 * (key frames only: the time to the next key frame is no frame's length,
 * and a key frame's own duration is one frame's): the last scene then ends
 * one interval after the last frame, the interval between the last two
 * frames, and a one-frame stream, which has none, ends where it starts
 * (t_end == t_start). Only that t_end depends on it; frames, transitions
 * and everything else do not. */
void mt_scene_finish(MtSceneDetector *det, double last_duration_s);

/* After finish: transitions (in frame order; `frame` is a cut's first
 * frame, or where the new shot takes over in a gradual one: the middle of
 * a dissolve or wipe, the first frame after the flat run of a fade), and
 * scenes tiling [0, frames) at those frames. A scene's mean histogram
 * (hist_bins = 32: 16 luma, 8 U, 8 V bins, each part summing to 1/3), mean
 * luma and motion (mean absolute luma change of the cells from frame to
 * frame, 0..1) leave out transition and flash frames; its representative
 * frame is the middle of its part outside transitions. Per-frame features
 * are there when kept. Everything points into the detector and stays valid
 * until it is freed; out->stream is zeroed for the caller to fill. 0, or
 * -EINVAL before finish. */
int mt_scene_result(const MtSceneDetector *det, MtSceneResult *out);

#endif /* MONTAGE_ANALYSIS_SCENE_DETECT_H */
