/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Where a fade's rise into the new shot ends. The fade detector follows the
 * contrast while it rises by a fixed factor per frame; a slow fade-in (an
 * editor's fade through black or white: the last fifth of it rises
 * linearly, a few per cent of the level per frame or less) falls under that
 * factor long before the new shot reaches its own level. Here the contrast
 * from the bottom of the fade on is fitted with a level, a straight rise and
 * the new shot's level with its own drift after it; the fade ends where the
 * picture reaches that level within the shot's own variation (what is left
 * of the fit after the rise). Plain arithmetic on an array;
 * scene_gradual.c follows the frames.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_FADE_END_H
#define MONTAGE_ANALYSIS_SCENE_FADE_END_H

/* the most frames a fit takes (as scene_span.h's ramp fit) */
#define MT_SCENE_FADE_END_MAX 256

/* c[0..n) is the contrast of n consecutive frames from the bottom of a fade
 * on, valid[i] zero where a frame does not count (a flash); the rise starts
 * at or before index rise_first and the fade detector ended it at index
 * end (rise_first - 1 when it saw no rise: a cut in from the black).
 * Returns the index the fade ends at: end, or the last later frame still
 * below the new shot's fitted level by more than a margin (twice the
 * shot's own variation plus a floor, scene_fade_end.c), when the
 * least-squares line through the frames from end + 1 to it rises by more
 * than that margin (one frame past end needs no rise). */
int mt_scene_fade_end(const float *c, const unsigned char *valid, int n, int rise_first, int end);

#endif
