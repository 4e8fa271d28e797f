/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montagebeat's analysis options, declared once: the kernel's defaults,
 * checks and sidecar config entries (beat_config.c) and the filter's
 * AVOption rows (af_montagebeat.c) are expanded from this table, and
 * tests/integration/test_filter_docs.sh checks doc/montagebeat.texi
 * against the filter's options.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_OPTIONS_H
#define MONTAGE_ANALYSIS_BEAT_OPTIONS_H

#include "analysis/beat/beat_tracker.h"

/* X(BEAT, NAME, field, KIND, help): the option is called like its
 * MtBeatConfig field; KIND is DOUBLE, INT or BOOL; default and range are
 * MT_BEAT_<NAME>_DEFAULT, _MIN and _MAX (beat_tracker.h); help is the one-line
 * text of `ffmpeg -h filter=montagebeat`. In the order of the struct and of the
 * sidecar's config section. Expanded with the MT_OPTION_* macros of
 * analysis/config_check.h and MT_AVOPTION_ROW of montage_glue.h. */
#define MT_BEAT_OPTIONS(X)                                          \
    X(BEAT, MIN_BPM, min_bpm, DOUBLE,                               \
      "slowest tempo reported (max_bpm must be >= 1.05 x min_bpm)") \
    X(BEAT, MAX_BPM, max_bpm, DOUBLE,                               \
      "fastest tempo reported (at least 1.05 x min_bpm)")           \
    X(BEAT, PRIOR_BPM, prior_bpm, DOUBLE,                           \
      "most likely tempo before listening")                         \
    X(BEAT, PRIOR_WIDTH, prior_width, DOUBLE,                       \
      "width of the tempo prior in octaves")                        \
    X(BEAT, TIGHTNESS, tightness, DOUBLE,                           \
      "how strictly beats follow the tempo")                        \
    X(BEAT, DOWNBEATS, downbeats, BOOL,                             \
      "estimate the meter and mark downbeats")                      \
    X(BEAT, KEEP_CURVES, keep_curves, BOOL,                         \
      "store the onset envelope and energy curve in the sidecar")

#endif /* MONTAGE_ANALYSIS_BEAT_OPTIONS_H */
