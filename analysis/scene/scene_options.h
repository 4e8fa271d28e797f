/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * montagescene's analysis options, declared once: the kernel's defaults,
 * checks and sidecar config entries (scene_config.c) and the filter's
 * AVOption rows (vf_montagescene.c) are expanded from this table, and
 * tests/integration/test_filter_docs.sh checks doc/montagescene.texi
 * against the filter's options.
 */
#ifndef MONTAGE_ANALYSIS_SCENE_OPTIONS_H
#define MONTAGE_ANALYSIS_SCENE_OPTIONS_H

#include "analysis/scene/scene_detect.h"

/* X(SCENE, NAME, field, KIND, help): the option is called like its
 * MtSceneConfig field; KIND is DOUBLE, INT or BOOL; default and range are
 * MT_SCENE_<NAME>_DEFAULT, _MIN and _MAX (scene_detect.h); help is the one-line
 * text of `ffmpeg -h filter=montagescene`. In the order of the struct and of the
 * sidecar's config section. Expanded with the MT_OPTION_* macros of
 * analysis/config_check.h and MT_AVOPTION_ROW of montage_glue.h. */
#define MT_SCENE_OPTIONS(X)                                       \
    X(SCENE, THRESHOLD, threshold, DOUBLE,                        \
      "hard-cut score a frame must reach to start a new shot")    \
    X(SCENE, GRADUAL_THRESHOLD, gradual_threshold, DOUBLE,        \
      "evidence a fade, dissolve or wipe must reach (0: off)")    \
    X(SCENE, MIN_SCENE_LEN, min_scene_len, DOUBLE,                \
      "shortest scene in seconds; closer boundaries are dropped") \
    X(SCENE, FLASH, flash, BOOL,                                  \
      "a short burst that returns to the same shot is not a cut") \
    X(SCENE, FLASH_LEN, flash_len, INT,                           \
      "longest such burst in frames")                             \
    X(SCENE, ANALYSIS_SIZE, analysis_size, INT,                   \
      "cells of the analysis grid along the longer side")         \
    X(SCENE, KEEP_FEATURES, keep_features, BOOL,                  \
      "store per-frame features in the sidecar")

#endif /* MONTAGE_ANALYSIS_SCENE_OPTIONS_H */
