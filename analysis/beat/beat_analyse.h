/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * End-of-stream analysis of the beat tracker (beat_analyse.c), called by
 * mt_beat_finish (beat_tracker.c). Not for the glue.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_ANALYSE_H
#define MONTAGE_ANALYSIS_BEAT_ANALYSE_H

#include "analysis/beat/beat_tracker_priv.h"

/* Whole-stream tempo, tempo curve, beats, meter and downbeats over the
 * stored onset frames, into bt's result fields. 0, or -1 when an
 * allocation failed (the result then says "no tempo"). */
int mt_beat_analyse(MtBeatTracker *bt);

#endif /* MONTAGE_ANALYSIS_BEAT_ANALYSE_H */
