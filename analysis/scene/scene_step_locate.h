// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Where inside a located span a dissolve or wipe really is, from the
 * frame-to-frame steps: a transition adds change to every step it covers
 * on top of the shots' own, and a step (motion-compensated, frame before
 * to frame) stays at the shots' own level through a pan, where the
 * progress between far anchors does not (a shot panning 35-64 px a frame
 * at 720p sits half way between anchors it has left behind). Plain
 * arithmetic on an array; scene_gradual.c measures the steps.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_STEP_LOCATE_H
#define MONTAGE_ANALYSIS_SCENE_STEP_LOCATE_H

/* valid steps each side needs for its median */
#define MT_SCENE_STEP_SIDE_MIN 2
/* the longest window taken (the gradual windows: 2.5 lags at most) */
#define MT_SCENE_STEP_MAX 256

/* c[i] is the step into frame i of a window of n frames (c[0] unused),
 * valid[i] zero where a step does not count (a flash on either side).
 * [f, l] is the span located in the window. The shots' own step (*own)
 * is the larger of the median steps before f and after the step into
 * l + 1; *inside is the mean of the steps into f..l + 1. Each frame's
 * progress is the excess of the steps into f..it over *own, as a share of
 * the whole excess: the span is where it passes lo and hi, the middle
 * where it passes half. Returns 0 with [*first, *last] inside [f, l] and
 * *mid inside that when the span was dragged (see STEP_OVER_OWN,
 * STEP_SHARE in the .c); -1 otherwise (a side too short, no excess, a
 * span left under 2 frames, n over
 * MT_SCENE_STEP_MAX), [*first, *last] and *mid untouched and *own,
 * *inside set when they were measured. */
int mt_scene_step_locate(const float *c, const unsigned char *valid, int n, int f, int l,
                         float lo, float hi, int *first, int *last, int *mid, float *own,
                         float *inside);

#endif
