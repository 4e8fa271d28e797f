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
 * largest step of the SCN_STILL_REACH frames before it and from the
 * largest of as many after it. 0 when it does not, when those frames are
 * not all of c's segment, or without the flash test (the reach it reads
 * ahead is the flash test's, mt_scene_new). */
int mt_scene_still_cut(const MtSceneDetector *d, int64_t c, float change);

#endif /* MONTAGE_ANALYSIS_SCENE_STILL_CUT_H */
