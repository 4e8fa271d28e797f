/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* SMPTE timecode (export/timecode.c) and shot placement on the edit
 * timeline (export/shot_list.c): drop-frame and non-drop-frame values from
 * SMPTE 12M's rules, rational rates, constant and variable frame rates. */
#include <string.h>

#include "export/shot_list.h"
#include "export/timecode.h"
#include "unit.h"

static const char *tc(int64_t frame, int num, int den)
{
    static char buf[32];
    mt_timecode_format(frame, mt_timecode_rate(num, den), buf, sizeof(buf));
    return buf;
}

#define CHECK_TC(frame, num, den, want)                                           \
    do { const char *got_ = tc(frame, num, den);                                  \
         if (strcmp(got_, want)) UNIT_FAIL("frame %lld at %d/%d: %s, expected %s", \
                                           (long long)(frame), num, den, got_, want); } while (0)

static void rates_drop_only_for_ntsc_30_and_60(void)
{
    MtTimecodeRate r = mt_timecode_rate(30000, 1001);
    CHECK_INT(r.nominal, 30);
    CHECK_INT(r.drop, 2);
    r = mt_timecode_rate(60000, 1001);
    CHECK_INT(r.nominal, 60);
    CHECK_INT(r.drop, 4);
    r = mt_timecode_rate(24000, 1001);
    CHECK_INT(r.nominal, 24);
    CHECK_INT(r.drop, 0);
    r = mt_timecode_rate(25, 1);
    CHECK_INT(r.nominal, 25);
    CHECK_INT(r.drop, 0);
    r = mt_timecode_rate(50, 2); /* not reduced */
    CHECK_INT(r.nominal, 25);
    r = mt_timecode_rate(0, 1);
    CHECK_INT(r.nominal, 0);
}

static void non_drop_frame_values(void)
{
    CHECK_TC(0, 25, 1, "00:00:00:00");
    CHECK_TC(24, 25, 1, "00:00:00:24");
    CHECK_TC(25, 25, 1, "00:00:01:00");
    CHECK_TC(25 * 3600 + 25 * 61 + 3, 25, 1, "01:01:01:03");
    CHECK_TC(24 * 60, 24000, 1001, "00:01:00:00"); /* 23.976 counts 24 per second */
    CHECK_TC(1800, 30, 1, "00:01:00:00");
}

static void drop_frame_values(void)
{
    CHECK_TC(1799, 30000, 1001, "00:00:59;29");
    CHECK_TC(1800, 30000, 1001, "00:01:00;02"); /* ;00 and ;01 are skipped */
    CHECK_TC(3597, 30000, 1001, "00:01:59;29");
    CHECK_TC(3598, 30000, 1001, "00:02:00;02");
    CHECK_TC(17981, 30000, 1001, "00:09:59;29");
    CHECK_TC(17982, 30000, 1001, "00:10:00;00"); /* the tenth minute keeps ;00 */
    CHECK_TC(107892, 30000, 1001, "01:00:00;00"); /* one hour of 29.97 */
    CHECK_TC(3599, 60000, 1001, "00:00:59;59");
    CHECK_TC(3600, 60000, 1001, "00:01:00;04");
    CHECK_TC(215784, 60000, 1001, "01:00:00;00");
}

static void parse_round_trips_and_rejects(void)
{
    static const int rates[][2] = { { 25, 1 }, { 30000, 1001 }, { 60000, 1001 }, { 24000, 1001 } };
    for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
        MtTimecodeRate r = mt_timecode_rate(rates[i][0], rates[i][1]);
        for (int64_t f = 0; f < 2 * 3600 * 61; f += 7) {
            char buf[32];
            mt_timecode_format(f, r, buf, sizeof(buf));
            if (mt_timecode_parse(buf, r) != f)
                UNIT_FAIL("%s at %d/%d parses to %lld, not %lld", buf, rates[i][0], rates[i][1],
                          (long long)mt_timecode_parse(buf, r), (long long)f);
        }
    }
    MtTimecodeRate df = mt_timecode_rate(30000, 1001), ndf = mt_timecode_rate(25, 1);
    CHECK_INT(mt_timecode_parse("00:01:00;00", df), -1); /* dropped number */
    CHECK_INT(mt_timecode_parse("00:01:00;01", df), -1);
    CHECK_INT(mt_timecode_parse("00:10:00;00", df), 17982);
    CHECK_INT(mt_timecode_parse("00:00:00:25", ndf), -1);
    CHECK_INT(mt_timecode_parse("00:60:00:00", ndf), -1);
    CHECK_INT(mt_timecode_parse("00:00:01:00x", ndf), -1);
    CHECK_INT(mt_timecode_parse("1:2", ndf), -1);
}

/* A scene sidecar with shots starting at the given frames and times. */
static void make_sidecar(MtSidecar *sc, MtScene *scenes, size_t n, const int64_t *start,
                         const double *t, int64_t frames, double t_end, int rate_num, int rate_den)
{
    memset(sc, 0, sizeof(*sc));
    sc->kind = MT_KIND_SCENE;
    sc->status.complete = 1;
    sc->scene.stream.time_base_num = 1;
    sc->scene.stream.time_base_den = 1000;
    sc->scene.stream.frame_rate_num = rate_num;
    sc->scene.stream.frame_rate_den = rate_den;
    sc->scene.stream.frames = frames;
    for (size_t i = 0; i < n; i++) {
        scenes[i] = (MtScene){ .start_frame = start[i], .t_start = t[i],
                               .end_frame = i + 1 < n ? start[i + 1] : frames,
                               .t_end = i + 1 < n ? t[i + 1] : t_end };
    }
    sc->scene.scenes = scenes;
    sc->scene.n_scenes = n;
}

static void constant_rate_positions_are_frame_indexes(void)
{
    MtSidecar sc;
    MtScene scenes[3];
    MtShotList l;
    char err[256];
    const int64_t start[] = { 0, 90, 200 };
    const double t[] = { 10.0, 10.0 + 90 * 1001 / 30000.0, 10.0 + 200 * 1001 / 30000.0 };
    make_sidecar(&sc, scenes, 3, start, t, 300, 10.0 + 300 * 1001 / 30000.0, 30000, 1001);
    CHECK_INT(mt_shot_list_build(&sc, &l, err, sizeof(err)), 0);
    CHECK_INT(l.frame_exact, 1);
    CHECK_INT(l.shots[1].edit_in, 90);
    CHECK_INT(l.shots[2].edit_in, 200);
    CHECK_INT(l.edit_total, 300);
    CHECK_NEAR(l.shots[1].t_start, 90 * 1001 / 30000.0, 1e-9); /* from the first frame */
    CHECK_INT(l.shots[1].pts_start, 3003);
    CHECK_INT(l.shots[0].in_type, MT_SHOT_EDGE);
    CHECK_INT(l.shots[1].in_type, MT_TRANSITION_HARD);
    mt_shot_list_free(&l);
}

static void variable_rate_positions_are_the_next_tick(void)
{
    MtSidecar sc;
    MtScene scenes[3];
    MtShotList l;
    char err[256];
    /* 25 fps, then 50 fps from 2 s, then 25 fps again from 3.02 s */
    const int64_t start[] = { 0, 50, 101 };
    const double t[] = { 0.0, 2.0, 3.02 };
    make_sidecar(&sc, scenes, 3, start, t, 151, 5.02, 25, 1);
    CHECK_INT(mt_shot_list_build(&sc, &l, err, sizeof(err)), 0);
    CHECK_INT(l.frame_exact, 0);
    CHECK_INT(l.rate_num, 25);
    CHECK_INT(l.shots[1].edit_in, 50);  /* 2.0 s is on a tick */
    CHECK_INT(l.shots[2].edit_in, 76);  /* 3.02 s: the tick after, 3.04 s */
    CHECK_INT(l.edit_total, 126);       /* 5.02 s -> 5.04 s */
    mt_shot_list_free(&l);

    /* no frame rate recorded: the standard rate nearest the average */
    make_sidecar(&sc, scenes, 3, start, t, 151, 5.02, 0, 1);
    sc.scene.stream.frames = 150;
    CHECK_INT(mt_shot_list_build(&sc, &l, err, sizeof(err)), 0);
    CHECK_INT(l.rate_num, 30000); /* 150 frames / 5.02 s = 29.88 fps */
    CHECK_INT(l.rate_den, 1001);
    mt_shot_list_free(&l);
}

static void no_shots_is_an_error(void)
{
    MtSidecar sc;
    MtShotList l;
    char err[256];
    memset(&sc, 0, sizeof(sc));
    sc.kind = MT_KIND_SCENE;
    CHECK_INT(mt_shot_list_build(&sc, &l, err, sizeof(err)), -1);
    CHECK(strstr(err, "no shots") != NULL);
}

int main(void)
{
    RUN(rates_drop_only_for_ntsc_30_and_60);
    RUN(non_drop_frame_values);
    RUN(drop_frame_values);
    RUN(parse_round_trips_and_rejects);
    RUN(constant_rate_positions_are_frame_indexes);
    RUN(variable_rate_positions_are_the_next_tick);
    RUN(no_shots_is_an_error);
    UNIT_EXIT();
}
