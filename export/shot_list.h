/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The shots of a scene sidecar placed on an editor's timeline: where each
 * shot starts and ends as source frames, as stream timestamps and seconds,
 * and as frame positions at the edit rate that every frame-based export
 * (EDL, OTIO, MLT, FCP XML, CSV timecodes) writes.
 *
 * Constant frame rate (every shot and transition time within half a frame
 * of frame_index / rate): the edit rate is the stream's rate and a
 * position is the source frame index, exactly. Otherwise (variable frame
 * rate, or a stream whose timestamps skip) the edit rate is the stream's
 * rate or, when it has none, the standard rate nearest its average, and a
 * position is the first edit-rate tick at or after the frame's recorded
 * time: an editor that conforms the clip to that rate (showing the latest
 * frame whose time has come) shows the reported frame there.
 */
#ifndef MONTAGE_EXPORT_SHOT_LIST_H
#define MONTAGE_EXPORT_SHOT_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "cache/sidecar_model.h"

#define MT_SHOT_EDGE (-1) /* in_type/out_type at the clip's own start or end */

typedef struct MtShot {
    int64_t start_frame, end_frame; /* source frames [start, end), as reported */
    int64_t pts_start, pts_end;     /* stream time base, from the first frame's pts */
    double  t_start, t_end;         /* seconds from the clip's first frame */
    int64_t edit_in, edit_out;      /* [in, out) at the edit rate, 0 = first frame */
    int     in_type, out_type;      /* MtTransitionType or MT_SHOT_EDGE */
    int64_t in_edit_first;          /* opening transition's span at the edit rate: */
    int64_t in_edit_end;            /* [first, end); both edit_in for a hard cut */
    double  in_t_first, in_t_last;  /* its first and last frames, seconds; t_start for a cut */
    float   mean_luma, motion;
    int64_t representative_frame;
} MtShot;

typedef struct MtShotList {
    MtShot *shots;
    size_t  n;
    int     rate_num, rate_den;   /* edit rate */
    int     frame_exact;          /* 1: positions are source frame indexes */
    int     tb_num, tb_den;       /* stream time base */
    double  t0;                   /* recorded time of the first frame, seconds */
    int64_t edit_total;           /* clip length at the edit rate */
} MtShotList;

/* Builds the list from a scene sidecar. Returns 0, or -1 with a one-line
 * cause in err (no shots, no usable frame rate or time base, no memory). */
int mt_shot_list_build(const MtSidecar *sc, MtShotList *out, char *err, size_t errlen);

void mt_shot_list_free(MtShotList *l);

/* Edit-rate position <-> seconds from the first frame. */
double mt_shot_list_seconds(const MtShotList *l, int64_t position);

#endif /* MONTAGE_EXPORT_SHOT_LIST_H */
