/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The fast mode's merged sidecar (driver/fast_merge.c): where its last
 * scene ends, which must be what the filter of a full decode writes
 * (vf_montagescene.c last_frame_seconds, mt_scene_finish). */
#include <stdio.h>
#include <string.h>

#include "cache/sidecar_read.h"
#include "driver/fast_merge.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/sidecar_samples.h"
#include "tests/unit/unit.h"

static char dir[256];

/* The sample window (100 frames, time base 1/12800, cuts at 40 and 72)
 * merged over a frame table whose last frame comes two frames after the one
 * before (pts 98 * 512 + 1024: at 4.0 s, 0.08 s on) and lasts `duration`
 * ticks (0: the packet gave none); the window's frame rate is rate_num/1.
 * *t_end is the merged sidecar's last scene end (-1 on failure). */
static void merge_last_end(int duration, int rate_num, double *t_end)
{
    char text[100 * 64 + 64], err[256], path[512];
    size_t len = 0;
    MtFastFrames f;
    SampleScene s;
    MtSidecar *out = NULL;
    MtSidecarError rerr;

    *t_end = -1;
    for (int i = 0; i < 100; i++)
        len += (size_t)snprintf(text + len, sizeof(text) - len, "packet|pts=%d|duration=%d|flags=%s\n",
                                i < 99 ? i * 512 : 98 * 512 + 1024, i < 99 ? 512 : duration,
                                i % 50 ? "__" : "K_");
    snprintf(text + len, sizeof(text) - len, "format|start_time=0.000000\n");
    CHECK_INT(mt_fast_frames_parse(text, &f, err, sizeof(err)), 0);
    CHECK_INT(sample_scene_init(&s, 0, 0), 0);
    s.sc.scene.stream.frame_rate_num = rate_num;
    /* the sample's config lacks both keys the merge sets (decode,
     * keep_features): it must make room for two (ASan: it made one) */
    MtFastWindow w = { 0, 100, 0, 100, 0 };
    MtFastPlan plan = { &w, 1, 1, 100 };
    MtSidecar *win[1] = { &s.sc };
    snprintf(path, sizeof(path), "%s/merged.msgpack", dir);
    int ret = mt_fast_merge(&f, &plan, win, NULL, path, err, sizeof(err));
    mt_fast_frames_free(&f);
    sample_scene_free(&s);
    CHECK_INT(ret, 0);
    CHECK_INT(mt_sidecar_read_file(path, &out, &rerr), 0);
    CHECK_INT(out->scene.n_scenes, 3);
    CHECK_INT(out->scene.scenes[2].end_frame, 100);
    *t_end = out->scene.scenes[2].t_end;
    mt_sidecar_free(out);
}

/* The last frame's own duration (0.02 s), else the rate's period (0.04 s),
 * else the interval before it (0.08 s), as the full decode's filter and
 * mt_scene_finish choose; the merge took the interval always (4.08). */
static void last_scene_ends_with_its_frame(void)
{
    double t;
    merge_last_end(256, 25, &t);
    CHECK_NEAR(t, 4.02, 1e-12);
    merge_last_end(0, 25, &t);
    CHECK_NEAR(t, 4.04, 1e-12);
    merge_last_end(0, 0, &t);
    CHECK_NEAR(t, 4.08, 1e-12);
}

int main(void)
{
    tmpdir_make(dir, sizeof(dir), "fastmerge");
    RUN(last_scene_ends_with_its_frame);
    tmpdir_remove(dir);
    UNIT_EXIT();
}
