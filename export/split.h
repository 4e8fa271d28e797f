/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar split`: a clip cut into one file per shot with ffmpeg.
 *   copy:  stream copy, fast and lossless; a piece can only start on a key
 *          frame, so it starts at the key frame at or before the shot (a
 *          few frames of the shot before may lead in) unless every frame
 *          is a key frame.
 *   exact: decoded and re-encoded with the output container's default
 *          codecs; every piece holds exactly the shot's frames.
 * Pieces are named STEM-shot-NNN.EXT in the output directory, STEM and EXT
 * from the media's file name.
 */
#ifndef MONTAGE_EXPORT_SPLIT_H
#define MONTAGE_EXPORT_SPLIT_H

#include <stddef.h>

#include "export/export.h"

typedef enum MtSplitMode { MT_SPLIT_COPY = 0, MT_SPLIT_EXACT = 1 } MtSplitMode;

/* Cuts it->media_path into dir. Each written piece's name is printed on
 * stdout. 0, or -1 with a one-line cause in err (pieces written before
 * the failure stay: each is complete, ffmpeg writes it whole or the file
 * is removed). SIGINT, SIGTERM and SIGHUP are caught meanwhile: ffmpeg is
 * stopped, its piece removed, and the signal raised again once the
 * caller's handling is back (by default the process ends by it). */
int mt_split_clip(const char *ffmpeg, const MtExportItem *it, MtSplitMode mode, const char *dir,
                  char *err, size_t errlen);

#endif /* MONTAGE_EXPORT_SPLIT_H */
