/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * SMPTE timecode at a rational frame rate, for the edit-list exports.
 * Non-drop-frame counts nominal frames (round(rate)) per second; drop-frame
 * (29.97 and 59.94 only) skips 2 or 4 frame numbers at the start of every
 * minute except each tenth, so the timecode keeps up with the clock.
 */
#ifndef MONTAGE_EXPORT_TIMECODE_H
#define MONTAGE_EXPORT_TIMECODE_H

#include <stdint.h>

typedef struct MtTimecodeRate {
    int nominal; /* frame numbers per timecode second: 24, 25, 30, 60, ... */
    int drop;    /* frame numbers dropped per minute: 0, 2 (29.97) or 4 (59.94) */
} MtTimecodeRate;

/* The timecode rate of a frame rate num/den (> 0): drop-frame for
 * 30000/1001 and 60000/1001, non-drop-frame otherwise. */
MtTimecodeRate mt_timecode_rate(int num, int den);

/* "HH:MM:SS:FF" (";" before the frames for drop-frame) of frame index
 * `frame` (>= 0) counted from 00:00:00:00; out holds at least 24 bytes.
 * Hours are not wrapped at 24. */
void mt_timecode_format(int64_t frame, MtTimecodeRate r, char *out, int outlen);

/* The frame index of a timecode in either separator style, or -1 when
 * the text is not a timecode valid at this rate (a dropped number too). */
int64_t mt_timecode_parse(const char *text, MtTimecodeRate r);

#endif /* MONTAGE_EXPORT_TIMECODE_H */
