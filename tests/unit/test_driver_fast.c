/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The fast mode's frame table (driver/fast_scan.c), key-frame change
 * (driver/fast_thumb.c), pass-2 windows (driver/fast_plan.c) and when
 * they need history (driver/fast_history.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/fast_history.h"
#include "driver/fast_plan.h"
#include "driver/fast_scan.h"
#include "driver/fast_thumb.h"
#include "unit.h"

/* packets in decode order (B-frames: pts out of order), a key every gop */
static char *packets(int n, int gop)
{
    char *s = malloc((size_t)n * 64 + 64);
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        int k = gop > 2 ? i % gop : 0;
        int pts = k == 1 && i + 1 < n ? (i + 1) * 512 : k == 2 ? (i - 1) * 512 : i * 512;
        len += (size_t)sprintf(s + len, "packet|pts=%d|duration=512|flags=%s\n", pts + 1024,
                               i % gop == 0 ? "K_" : "__");
    }
    sprintf(s + len, "format|start_time=0.080000\n");
    return s;
}

static void frame_table_sorts_pts(void)
{
    MtFastFrames f;
    char err[128];
    char *text = packets(100, 25);
    CHECK_INT(mt_fast_frames_parse(text, &f, err, sizeof(err)), 0);
    free(text);
    CHECK_INT(f.n, 100);
    CHECK_INT(f.n_key, 4);
    CHECK_INT(f.start_time_us, 80000);
    CHECK_INT(f.last_duration, 512);
    for (size_t i = 1; i < f.n; i++)
        CHECK(f.pts[i] > f.pts[i - 1]);
    CHECK_INT(mt_fast_frame_of_pts(&f, 1024 + 50 * 512), 50);
    CHECK_INT(mt_fast_frame_of_pts(&f, 1025), -1);
    CHECK_INT(mt_fast_seek_point(&f, 49), 25);
    CHECK_INT(mt_fast_seek_point(&f, 50), 50);
    CHECK(!mt_fast_needs_full(&f));
    mt_fast_frames_free(&f);
}

static void frame_table_refuses_bad_input(void)
{
    MtFastFrames f;
    char err[128];
    CHECK_INT(mt_fast_frames_parse("format|start_time=0\n", &f, err, sizeof(err)), -1);
    CHECK(strstr(err, "no video packets"));
    CHECK_INT(mt_fast_frames_parse("packet|pts=N/A|duration=1|flags=K_\n", &f, err, sizeof(err)), -1);
    CHECK(strstr(err, "no timestamp"));
    CHECK_INT(mt_fast_frames_parse("packet|pts=5|flags=K_\npacket|pts=5|flags=__\n", &f, err,
                                   sizeof(err)), -1);
    CHECK(strstr(err, "share the timestamp 5"));
}

static void intra_only_needs_full(void)
{
    MtFastFrames f;
    char err[128];
    char *text = packets(60, 1);
    CHECK_INT(mt_fast_frames_parse(text, &f, err, sizeof(err)), 0);
    free(text);
    CHECK(mt_fast_needs_full(&f));
    mt_fast_frames_free(&f);
    text = packets(60, MT_FAST_MIN_GOP);
    CHECK_INT(mt_fast_frames_parse(text, &f, err, sizeof(err)), 0);
    free(text);
    CHECK(!mt_fast_needs_full(&f));
    mt_fast_frames_free(&f);
}

static void printed_pts(void)
{
    int64_t *pts;
    const char *text = "frame:0    pts:1024    pts_time:0.04\nlavfi.montagescene.score=0.000000\n"
                       "frame:1    pts:13824   pts_time:0.54\nlavfi.montagescene.score=0.000000\n";
    CHECK_INT(mt_fast_printed_pts(text, &pts), 2);
    CHECK_INT(pts[0], 1024);
    CHECK_INT(pts[1], 13824);
    free(pts);
    CHECK_INT(mt_fast_printed_pts("frame:0 pts:NOPTS pts_time:NOPTS\n", &pts), -1);
}

static void check_window(const MtFastWindow *w, int64_t start, int64_t core_start, int64_t end)
{
    CHECK_INT(w->start, start);
    CHECK_INT(w->core_start, core_start);
    CHECK_INT(w->end, end);
}

/* 1000 frames, a key every 25; key frames 400 and 425 differ */
static void windows_around_changes(void)
{
    MtFastFrames f;
    char err[128];
    char *text = packets(1000, 25);
    CHECK_INT(mt_fast_frames_parse(text, &f, err, sizeof(err)), 0);
    free(text);
    MtFastSample s[40];
    for (int i = 0; i < 40; i++)
        s[i] = (MtFastSample){ .frame = 25 * i, .hist_diff = 0.01f, .struct_diff = 0.05f,
                               .contrast = 0.2f };
    /* a structure change no shift explains, but not much of one (motion
     * in one shot, most likely): frames 400..425 */
    s[17].struct_diff = 0.2f;
    s[17].shift_change = 0.1f;
    MtFastPlan p;
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    CHECK_INT(p.n_win, 2);
    /* from the pair's first key frame, to 425 + 1 + 72; with history from
     * the seek point at or before 400 - 64 */
    CHECK_INT(p.win[0].start, 400);
    CHECK_INT(p.win[0].end, 498);
    CHECK_INT(p.win[0].core_start, 400);
    CHECK_INT(p.win[0].core_end, 498 - 72);
    CHECK_INT(p.win[0].warm_start, 325);
    /* the frames after the last key frame, to the end of the stream */
    CHECK_INT(p.win[1].start, 975);
    CHECK_INT(p.win[1].end, 1000);
    CHECK_INT(p.win[1].core_end, 1000);
    CHECK_INT(p.win[1].warm_start, 900);
    CHECK_INT(p.decoded, 98 + 25);
    mt_fast_window_warm(&p.win[0], 64);
    check_window(&p.win[0], 325, 325 + 64, 498);
    mt_fast_plan_free(&p);

    /* a likely cut in 500..525, planned with history from 425: inside the
     * window above, which continues to 525 + 1 + 72 (not a second,
     * overlapping window) */
    s[21].hist_diff = 0.4f;
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    CHECK_INT(p.n_win, 2);
    check_window(&p.win[0], 400, 400, 598);
    CHECK_INT(p.win[0].core_end, 526);
    mt_fast_plan_free(&p);
    s[21].hist_diff = 0.01f;

    /* a new colour, most likely a cut, within 64 frames of the window's
     * start: planned with history straight away */
    s[17] = (MtFastSample){ .frame = 425, .hist_diff = 0.4f, .struct_diff = 0.05f, .contrast = 0.2f };
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    check_window(&p.win[0], 325, 325 + 64, 498);
    CHECK_INT(p.decoded, 173 + 25);
    mt_fast_plan_free(&p);

    /* a structure change that a shift explains (a pan) flags nothing */
    s[18].struct_diff = 0.5f; /* frames 425..450 */
    s[18].shift_change = 0.01f;
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    CHECK_INT(p.win[0].end, 498);
    mt_fast_plan_free(&p);

    /* one that no shift explains flags the pair; overlapping windows merge */
    s[18].shift_change = 0.5f;
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    CHECK_INT(p.n_win, 2);
    CHECK_INT(p.win[0].start, 325);
    CHECK_INT(p.win[0].end, 523);
    CHECK_INT(p.win[0].core_end, 523 - 72);
    mt_fast_plan_free(&p);

    /* contrast halved between key frames 700 and 725 (a fade's ramp) */
    for (int i = 29; i < 40; i++)
        s[i].contrast = 0.1f;
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    CHECK_INT(p.n_win, 3);
    CHECK_INT(p.win[1].start, 625); /* a fade's ramp: with history */
    CHECK_INT(p.win[1].end, 725 + 1 + 72);
    mt_fast_plan_free(&p);
    /* a flat key frame at 750 (the bottom of a dip): both its pairs */
    s[30].contrast = 0.01f;
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    CHECK_INT(p.win[1].end, 775 + 1 + 72);
    mt_fast_plan_free(&p);
    for (int i = 29; i < 40; i++)
        s[i].contrast = 0.2f;

    /* a change in the first GOP: the window starts at 0 and is trusted from 0 */
    s[1].hist_diff = 0.5f;
    CHECK_INT(mt_fast_plan(&f, s, 40, 64, 72, &p), 0);
    CHECK_INT(p.win[0].start, 0);
    CHECK_INT(p.win[0].core_start, 0);
    CHECK_INT(p.win[0].warm_start, 0);
    mt_fast_window_warm(&p.win[0], 64);
    CHECK_INT(p.win[0].core_start, 0);
    mt_fast_plan_free(&p);
    mt_fast_frames_free(&f);
}

/* a smooth random texture seen through a window at (ox, oy) of a larger
 * picture: a camera moving over the same content */
static void texture(uint8_t *out, unsigned seed, int ox, int oy)
{
    enum { W = 2 * MT_FAST_THUMB_W, H = 2 * MT_FAST_THUMB_H };
    static float big[H][W];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            seed = seed * 1103515245u + 12345u;
            big[y][x] = (float)((seed >> 16) & 255);
        }
    for (int y = 0; y < MT_FAST_THUMB_H; y++)
        for (int x = 0; x < MT_FAST_THUMB_W; x++) {
            float v = 0;
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 3; i++)
                    v += big[y + oy + j][x + ox + i];
            out[y * MT_FAST_THUMB_W + x] = (uint8_t)(v / 9);
        }
}

static void thumb_change_tolerates_motion(void)
{
    static uint8_t a[MT_FAST_THUMB_SIZE], b[MT_FAST_THUMB_SIZE], c[MT_FAST_THUMB_SIZE];
    texture(a, 1, 10, 6);
    CHECK_NEAR(mt_fast_thumb_change(a, a), 0, 1e-5);
    /* the same content 12 pixels across and 5 down: found again */
    texture(b, 1, 22, 11);
    CHECK_NEAR(mt_fast_thumb_change(a, b), 0, 1e-5);
    CHECK_NEAR(mt_fast_thumb_change(b, a), 0, 1e-5);
    /* other content: no shift explains it */
    texture(c, 2, 10, 6);
    CHECK(mt_fast_thumb_change(a, c) > 0.5f);
    /* flat against flat says nothing, flat against a picture is a change */
    memset(b, 16, sizeof(b));
    memset(c, 235, sizeof(c));
    CHECK_NEAR(mt_fast_thumb_change(b, c), 0, 1e-6);
    CHECK_NEAR(mt_fast_thumb_change(a, b), 1, 1e-6);
}

/* a cold window stands unless a transition begins in its first frames */
static void cold_windows_need_history_only_at_their_start(void)
{
    MtFastWindow w = { .start = 400, .end = 498, .core_start = 400, .core_end = 426,
                       .warm_start = 325 };
    MtTransition t[2] = { { .frame = 70, .first_frame = 64, .last_frame = 70 },
                          { .frame = 90, .first_frame = 80, .last_frame = 95 } };
    MtSceneResult r = { .transitions = t, .n_transitions = 2 };
    CHECK_INT(mt_fast_cold_start_holds(&w, &r, 64), 1);
    t[0].first_frame = 63; /* one frame into the first 64 */
    CHECK_INT(mt_fast_cold_start_holds(&w, &r, 64), 0);
    CHECK_INT(mt_fast_cold_start_holds(&w, &r, 24), 1);
    /* nothing to skip: the cold start is the warm one */
    w.warm_start = 400;
    CHECK_INT(mt_fast_cold_start_holds(&w, &r, 64), 1);
    r.n_transitions = 0;
    w.warm_start = 325;
    CHECK_INT(mt_fast_cold_start_holds(&w, &r, 64), 1);
}

/* mt_fast_thumb_change as first written: every sum added up pixel by
 * pixel in double, for each shift */
static float thumb_change_direct(const uint8_t *a, const uint8_t *b)
{
    const int W = MT_FAST_THUMB_W, H = MT_FAST_THUMB_H;
    double best = -1;
    int flat_a0 = 0, flat_b0 = 0;
    for (int dy = -H / 4; dy <= H / 4; dy++)
        for (int dx = -W / 4; dx <= W / 4; dx++) {
            int x0 = dx < 0 ? -dx : 0, x1 = dx > 0 ? W - dx : W;
            int y0 = dy < 0 ? -dy : 0, y1 = dy > 0 ? H - dy : H;
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++) {
                    double va = a[y * W + x], vb = b[(y + dy) * W + x + dx];
                    sa += va, sb += vb, saa += va * va, sbb += vb * vb, sab += va * vb;
                }
            double n = (double)(x1 - x0) * (y1 - y0);
            double var_a = saa / n - (sa / n) * (sa / n), var_b = sbb / n - (sb / n) * (sb / n);
            int fa = var_a < 4.0, fb = var_b < 4.0;
            if (!dx && !dy)
                flat_a0 = fa, flat_b0 = fb;
            double c = (sab / n - (sa / n) * (sb / n)) / sqrt(var_a * var_b);
            if (!fa && !fb && c > best)
                best = c;
        }
    if (flat_a0 || flat_b0)
        return flat_a0 && flat_b0 ? 0.f : 1.f;
    double change = 1 - best;
    return (float)(change < 0 ? 0 : change > 1 ? 1 : change);
}

/* the sums from integral images give the very same change, to the bit */
static void thumb_change_matches_direct_sums(void)
{
    static uint8_t t[6][MT_FAST_THUMB_SIZE];
    unsigned seed = 12345;
    for (int i = 0; i < MT_FAST_THUMB_SIZE; i++) {
        int x = i % MT_FAST_THUMB_W, y = i / MT_FAST_THUMB_W;
        seed = seed * 1103515245u + 12345u;
        t[0][i] = (uint8_t)(seed >> 16);                         /* noise */
        t[1][i] = (uint8_t)(4 * x + 2 * y);                      /* a ramp */
        t[2][i] = (uint8_t)(((x / 8 + y / 6) & 1) ? 235 : 16);  /* checks */
        t[3][i] = (uint8_t)(((x + 5) / 8 + (y + 3) / 6) & 1 ? 235 : 16); /* moved */
        t[4][i] = (uint8_t)(128 + (seed >> 30));                 /* nearly flat */
        t[5][i] = (uint8_t)(x < 32 ? 255 : y * 7);               /* half white */
    }
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            float got = mt_fast_thumb_change(t[i], t[j]), want = thumb_change_direct(t[i], t[j]);
            if (memcmp(&got, &want, sizeof(got)))
                fprintf(stderr, "thumbnails %d, %d: %.9g, direct %.9g\n", i, j, (double)got, (double)want);
            CHECK(!memcmp(&got, &want, sizeof(got)));
        }
}

/* which rule flags a pair (montage-fast-scene -v -v names them) */
static void pair_rules_named(void)
{
    MtFastSample a = { .frame = 0, .hist_diff = 0.01f, .struct_diff = 0.05f, .contrast = 0.2f };
    MtFastSample b = a;
    b.frame = 25;
    CHECK_INT(mt_fast_pair_flagged(&a, &b), 0);
    b.struct_diff = 0.2f; /* structure alone: a shift may explain it */
    CHECK_INT(mt_fast_pair_flagged(&a, &b), 0);
    b.shift_change = 0.1f;
    CHECK_INT(mt_fast_pair_flagged(&a, &b), MT_FAST_FLAG_STRUCTURE);
    b.hist_diff = 0.3f;
    CHECK_INT(mt_fast_pair_flagged(&a, &b), MT_FAST_FLAG_STRUCTURE | MT_FAST_FLAG_COLOUR);
    b = a;
    b.contrast = 0.4f; /* contrast doubled: a fade's ramp */
    CHECK_INT(mt_fast_pair_flagged(&a, &b), MT_FAST_FLAG_CONTRAST);
    a.contrast = b.contrast = 0.01f; /* both flat */
    CHECK_INT(mt_fast_pair_flagged(&a, &b), MT_FAST_FLAG_CONTRAST);
}

int main(void)
{
    RUN(frame_table_sorts_pts);
    RUN(frame_table_refuses_bad_input);
    RUN(intra_only_needs_full);
    RUN(printed_pts);
    RUN(thumb_change_tolerates_motion);
    RUN(thumb_change_matches_direct_sums);
    RUN(windows_around_changes);
    RUN(cold_windows_need_history_only_at_their_start);
    RUN(pair_rules_named);
    UNIT_EXIT();
}
