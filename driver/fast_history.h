/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Whether a pass-2 window decoded without history may keep its answers.
 * A window starts cold at its pair's first key frame: the detector then
 * begins with none of the frames before it, which can change what it
 * reports in its first frames (a dissolve's span, a fade measured against
 * the contrast of recent frames). After `pre` frames (MT_FAST_PRE_FRAMES)
 * its answers are those of a decode with history, as the windows' margins
 * already assume. So a cold window stands when no transition it reports
 * reaches into its first `pre` frames; otherwise montage-fast-scene
 * decodes it again from its warm start (fast_plan.h). Pure logic:
 * unit-tested alone.
 */
#ifndef MONTAGE_DRIVER_FAST_HISTORY_H
#define MONTAGE_DRIVER_FAST_HISTORY_H

#include "cache/sidecar_model.h"
#include "driver/fast_plan.h"

/* 1 when w, decoded from w->start (frame numbers of sc relative to it),
 * needs no history: it starts where its warm start does, or no transition
 * of sc begins before frame `pre` of it. 0 when it must be decoded again
 * from w->warm_start. */
int mt_fast_cold_start_holds(const MtFastWindow *w, const MtSceneResult *sc, int pre);

#endif /* MONTAGE_DRIVER_FAST_HISTORY_H */
