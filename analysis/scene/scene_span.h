/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The span of a gradual transition from its progress curve: the
 * least-squares fit of a ramp (a level, a straight line to another level,
 * that level). Plain arithmetic on an array; scene_gradual.c measures the
 * progress.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_SPAN_H
#define MONTAGE_ANALYSIS_SCENE_SPAN_H

/* the most frames a fit takes */
#define MT_SCENE_RAMP_MAX 256

/* p[0..n) is the progress of n consecutive frames, valid[i] zero where a
 * frame does not count (a flash). Finds the ramp [*first, *last] that
 * contains [inner_first, inner_last] and fits p best: lo before it, hi
 * after it, lo (1 - r) + hi r on it with r = (i - first + 1) /
 * (last - first + 2), the weights of a linear blend (so lo and hi are the
 * two shots' levels, not 0 and 1, when the shots move). *last may run up
 * to extend frames past the array (a ramp not finished in it). Returns 0,
 * or -1 when nothing fits (no frame, flat input, n over MT_SCENE_RAMP_MAX): the outputs are then
 * the inner span. */
int mt_scene_ramp_fit(const double *p, const unsigned char *valid, int n, int inner_first,
                      int inner_last, int extend, int *first, int *last);

/* The same fit limited to the stretch around [inner_first, inner_last]
 * where the smoothed progress keeps moving one way (falling to the left,
 * rising to the right, until it turns back by more than noise): over
 * moving shots the progress between far anchors drifts on after a
 * transition and the plain fit follows the drift; the drift turns back
 * where one shot's own motion does. *last runs past the array only when
 * the rise lasts to its end. */
int mt_scene_ramp_fit_monotone(const double *p, const unsigned char *valid, int n,
                               int inner_first, int inner_last, int extend, int *first,
                               int *last);

#endif
