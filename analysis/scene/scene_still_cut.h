/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * A cut between two still shots: a screencast's or a terminal's page
 * change, a slide show, a title card. The pictures can be alike (the same
 * frame and background around other text), so the step's excess stays
 * under the cut threshold, but the frames before it and after it hardly
 * change at all: judged against the clip's own change just before and just
 * after, the step stands out by far more than anything moving does.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_STILL_CUT_H
#define MONTAGE_ANALYSIS_SCENE_STILL_CUT_H

#include "analysis/scene/scene_internal.h"

/* The fraction of the cut threshold from which a candidate between still
 * shots may be a cut (SCN_STILL_FLOOR in scene_still_cut.c). */
float mt_scene_still_floor(void);

/* 1 when candidate c, whose weighted change is `change`, lies between
 * still shots: the change stands out SCN_STILL_STANDOUT times from the
 * second-largest step of the SCN_STILL_BEFORE frames before it (of those
 * in c's segment: 0 with fewer than 2 steps there) and from the largest
 * step of the SCN_STILL_AFTER frames after it, and neither c nor the frame
 * before it is flat. 0 when it does not, when one of the frames after it
 * is not of c's segment (the stream's or segment's last frames), or
 * without the flash test (the reach it reads ahead is the flash test's,
 * mt_scene_new). In keyframes-only mode the frames are key frames, so the
 * windows count key frames. */
int mt_scene_still_cut(const MtSceneDetector *d, int64_t c, float change);

#endif /* MONTAGE_ANALYSIS_SCENE_STILL_CUT_H */
