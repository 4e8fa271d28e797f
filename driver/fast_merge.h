/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The fast mode's one sidecar from its pass-2 windows: transitions found
 * in each window's core, renumbered to the frame numbers of a full decode
 * (through the frame table: each window transition's pts names its frame),
 * timestamps as a full decode gives them (relative to the container's
 * start time), scenes tiled at the transitions exactly as the detector
 * does, and each scene's statistics (mean histogram, luma, motion) taken
 * from the decoded frames of it (see montage-sidecar(5): they are
 * estimates in this mode). Everything else (generator, source, config,
 * stream) is the windows' own; config "decode" is "fast".
 */
#ifndef MONTAGE_DRIVER_FAST_MERGE_H
#define MONTAGE_DRIVER_FAST_MERGE_H

#include <stddef.h>

#include "cache/sidecar_model.h"
#include "driver/fast_plan.h"
#include "driver/fast_scan.h"

/* win[i] is the sidecar of plan->win[i] (decoded from its start, pts
 * kept as in the file: -copyts); keys is pass 1's sidecar (scene
 * statistics of scenes no window saw), or NULL. Writes path. Returns 0,
 * or -1 with a cause in err (a window that does not line up with the
 * frame table: the caller falls back to a full decode). */
int mt_fast_merge(const MtFastFrames *f, const MtFastPlan *plan,
                  MtSidecar *const *win, const MtSidecar *keys,
                  const char *path, char *err, size_t err_size);

#endif /* MONTAGE_DRIVER_FAST_MERGE_H */
