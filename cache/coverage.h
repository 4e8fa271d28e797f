/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Does an analysis cover its media? Shared by the cache check
 * (cache_lookup.c), the driver and the filters, which mark a sidecar
 * incomplete themselves when they know the media's duration
 * (source_duration=): one tolerance everywhere.
 */
#ifndef MONTAGE_CACHE_COVERAGE_H
#define MONTAGE_CACHE_COVERAGE_H

/* A run that stopped early (ffmpeg -frames, SIGINT: ffmpeg 5.1 flushes its
 * decoders, so the filter sees what looks like the end of its input) covers
 * less than the media. The slack separates that from the honest spread
 * between a container's duration and the decoded samples or frames (codec
 * delay, a last frame's duration, estimated durations of headerless MP3):
 * on the test and dev corpora that spread stayed under 0.1 s and 0.5 %. */
#define MT_COVERAGE_SLACK_S        1.0
#define MT_COVERAGE_SLACK_FRACTION 0.01

/* 1 when analysed_s seconds cover a stream of media_s seconds (always 1
 * when media_s is unknown, <= 0). */
static inline int mt_coverage_ok(double analysed_s, double media_s)
{
    double slack = media_s * MT_COVERAGE_SLACK_FRACTION;
    if (slack < MT_COVERAGE_SLACK_S)
        slack = MT_COVERAGE_SLACK_S;
    return !(media_s > 0) || analysed_s >= media_s - slack;
}

#endif /* MONTAGE_CACHE_COVERAGE_H */
