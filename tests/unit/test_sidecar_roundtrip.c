/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Every field of a scene and a beat sidecar survives encode -> read, the
 * encoding is byte-identical for equal content, and packed arrays are
 * little-endian with the documented dtype.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cache/sidecar_read.h"
#include "cache/sidecar_write.h"
#include "tests/unit/sidecar_samples.h"
#include "tests/unit/unit.h"

static int str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int memmem_has(const char *hay, size_t n, const void *needle, size_t k)
{
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(hay + i, needle, k))
            return 1;
    return 0;
}

/* The common header sections. */
static int header_equal(const MtSidecar *a, const MtSidecar *b)
{
    if (a->kind != b->kind || !str_eq(a->generator.name, b->generator.name) ||
        !str_eq(a->generator.version, b->generator.version) ||
        a->generator.analyser_version != b->generator.analyser_version ||
        !str_eq(a->generator.ffmpeg_version, b->generator.ffmpeg_version) ||
        !str_eq(a->generator.libavfilter_version, b->generator.libavfilter_version))
        return 0;
    if (!str_eq(a->source.path, b->source.path) || a->source.size != b->source.size ||
        a->source.mtime_ns != b->source.mtime_ns || a->source.ctime_ns != b->source.ctime_ns ||
        a->source.inode != b->source.inode || !str_eq(a->source.digest, b->source.digest) ||
        a->source.duration_s != b->source.duration_s)
        return 0;
    if (a->config.n != b->config.n)
        return 0;
    for (size_t i = 0; i < a->config.n; i++) {
        const MtConfigEntry *x = &a->config.entries[i], *y = &b->config.entries[i];
        if (strcmp(x->key, y->key) || x->type != y->type)
            return 0;
        if ((x->type == MT_VALUE_INT || x->type == MT_VALUE_BOOL) && x->i != y->i)
            return 0;
        if (x->type == MT_VALUE_DOUBLE && x->d != y->d)
            return 0;
        if (x->type == MT_VALUE_STRING && !str_eq(x->s, y->s))
            return 0;
    }
    if (a->status.complete != b->status.complete || a->status.units_seen != b->status.units_seen ||
        a->status.n_warnings != b->status.n_warnings)
        return 0;
    for (size_t i = 0; i < a->status.n_warnings; i++)
        if (!str_eq(a->status.warnings[i], b->status.warnings[i]))
            return 0;
    return 1;
}

static void test_scene_every_field(void)
{
    SampleScene s;
    MtSidecar *r;
    MtSidecarError e;
    char *buf, err[256];
    size_t len;

    CHECK(sample_scene_init(&s, 7, 3) == 0);
    s.sc.source.duration_s = 12.5; /* optional key since schema 1.1 */
    CHECK_INT(mt_sidecar_encode(&s.sc, &buf, &len, err, sizeof(err)), 0);
    int ret = mt_sidecar_read_buffer(buf, len, &r, &e);
    free(buf);
    if (ret < 0)
        sample_scene_free(&s);
    CHECK_INT(ret, 0);
    CHECK_INT(r->schema_major, MT_SIDECAR_SCHEMA_MAJOR);
    CHECK_INT(r->schema_minor, MT_SIDECAR_SCHEMA_MINOR);
    CHECK(header_equal(&s.sc, r));

    const MtSceneResult *a = &s.sc.scene, *b = &r->scene;
    CHECK_INT(b->stream.width, 1920);
    CHECK_INT(b->stream.height, 1080);
    CHECK(str_eq(b->stream.pix_fmt, "yuv420p"));
    CHECK_INT(b->stream.time_base_num, 1);
    CHECK_INT(b->stream.time_base_den, 12800);
    CHECK_INT(b->stream.frame_rate_num, 25);
    CHECK_INT(b->stream.frame_rate_den, 1);
    CHECK_INT(b->stream.frames, 100);
    CHECK(b->stream.duration_s == 4.0);
    CHECK_INT(b->hist_bins, SAMPLE_HIST_BINS);
    CHECK_INT(b->n_transitions, 2);
    for (size_t i = 0; i < 2; i++) {
        const MtTransition *x = &a->transitions[i], *y = &b->transitions[i];
        CHECK_INT(y->type, x->type);
        CHECK_INT(y->frame, x->frame);
        CHECK_INT(y->pts, x->pts);
        CHECK(y->t == x->t);
        CHECK(y->score == x->score);
        CHECK_INT(y->first_frame, x->first_frame);
        CHECK_INT(y->last_frame, x->last_frame);
        CHECK(y->t_first == x->t_first && y->t_last == x->t_last);
    }
    CHECK_INT(b->transitions[1].type, MT_TRANSITION_FADE);
    CHECK_INT(b->transitions[1].pts, 72 * 512);
    CHECK_INT(b->n_scenes, SAMPLE_N_SCENES);
    for (size_t i = 0; i < SAMPLE_N_SCENES; i++) {
        const MtScene *x = &a->scenes[i], *y = &b->scenes[i];
        CHECK_INT(y->start_frame, x->start_frame);
        CHECK_INT(y->end_frame, x->end_frame);
        CHECK(y->t_start == x->t_start && y->t_end == x->t_end);
        CHECK(!memcmp(y->mean_hist, x->mean_hist, SAMPLE_HIST_BINS * sizeof(float)));
        CHECK(y->mean_luma == x->mean_luma && y->motion == x->motion);
        CHECK_INT(y->representative_frame, x->representative_frame);
    }
    CHECK(b->scenes[1].mean_hist[1] == 0.5f);
    CHECK_INT(b->frame_features.rows, 7);
    CHECK_INT(b->frame_features.cols, 3);
    CHECK(!memcmp(b->frame_features.data, a->frame_features.data, 21 * sizeof(float)));
    CHECK(b->feature_names && str_eq(b->feature_names[0], "score") &&
          str_eq(b->feature_names[2], "luma"));
    mt_sidecar_free(r);
    sample_scene_free(&s);
}

static void test_beat_every_field(void)
{
    SampleBeat s;
    MtSidecar *r;
    MtSidecarError e;
    char *buf, err[256];
    size_t len;

    sample_beat_init(&s);
    CHECK_INT(mt_sidecar_encode(&s.sc, &buf, &len, err, sizeof(err)), 0);
    int ret = mt_sidecar_read_buffer(buf, len, &r, &e);
    free(buf);
    CHECK_INT(ret, 0);
    CHECK(header_equal(&s.sc, r));
    const MtBeatResult *a = &s.sc.beat, *b = &r->beat;
    CHECK_INT(b->stream.sample_rate, 48000);
    CHECK_INT(b->stream.channels, 2);
    CHECK(str_eq(b->stream.channel_layout, "stereo") && str_eq(b->stream.sample_fmt, "fltp"));
    CHECK_INT(b->stream.analysis_rate, 22050);
    CHECK_INT(b->stream.hop, 512);
    CHECK_INT(b->stream.window, 2048);
    CHECK_INT(b->stream.samples, 144000);
    CHECK(b->stream.duration_s == 3.0);
    CHECK(b->bpm == 120.0f && b->confidence == 0.75f);
    CHECK_INT(b->meter, 4);
    CHECK_INT(b->n_candidates, 2);
    CHECK(b->candidates[1].bpm == 60.0f && b->candidates[1].weight == 0.25f);
    CHECK_INT(b->n_curve, 3);
    CHECK(!memcmp(b->curve_t, a->curve_t, 3 * sizeof(float)));
    CHECK(!memcmp(b->curve_bpm, a->curve_bpm, 3 * sizeof(float)));
    CHECK_INT(b->n_beats, SAMPLE_N_BEATS);
    CHECK(!memcmp(b->beat_t, a->beat_t, SAMPLE_N_BEATS * sizeof(double)));
    CHECK(!memcmp(b->beat_sample, a->beat_sample, SAMPLE_N_BEATS * sizeof(int64_t)));
    CHECK(!memcmp(b->beat_strength, a->beat_strength, SAMPLE_N_BEATS * sizeof(float)));
    CHECK(!memcmp(b->beat_downbeat, a->beat_downbeat, SAMPLE_N_BEATS));
    CHECK_INT(b->beat_downbeat[4], 1);
    CHECK_INT(b->n_onset, 5);
    CHECK(!memcmp(b->onset_env, a->onset_env, 5 * sizeof(float)));
    CHECK(b->onset_rate_hz == 22050.0 / 512.0);
    CHECK(b->onset_t0 == 0.0125);
    CHECK_INT(b->n_energy, 4);
    CHECK(!memcmp(b->energy, a->energy, 4 * sizeof(float)));
    CHECK(b->energy_rate_hz == 10.0);
    CHECK(b->energy_t0 == 0.05);
    mt_sidecar_free(r);
}

/* Unknown producer strings (NULL) and empty arrays survive as NULL / 0. */
static void test_nulls_and_empties(void)
{
    SampleBeat s;
    MtSidecar *r;
    char *buf, err[256];
    size_t len;

    sample_beat_init(&s);
    s.sc.generator.ffmpeg_version = NULL;
    s.sc.source.digest = NULL;
    s.sc.source.path = NULL;
    s.sc.beat.stream.channel_layout = NULL;
    s.sc.beat.n_curve = 0;
    s.sc.beat.n_beats = 0;
    s.sc.beat.n_candidates = 0;
    s.sc.config.n = 0;
    CHECK_INT(mt_sidecar_encode(&s.sc, &buf, &len, err, sizeof(err)), 0);
    int ret = mt_sidecar_read_buffer(buf, len, &r, NULL);
    free(buf);
    CHECK_INT(ret, 0);
    CHECK(!r->generator.ffmpeg_version && !r->source.digest && !r->source.path);
    CHECK(!r->beat.stream.channel_layout);
    CHECK_INT(r->beat.n_curve, 0);
    CHECK_INT(r->beat.n_beats, 0);
    CHECK_INT(r->config.n, 0);
    mt_sidecar_free(r);
}

/* Same content -> same bytes, and reading then re-encoding gives the very
 * same bytes again (nothing is lost or reordered). */
static void test_byte_identical(void)
{
    SampleScene s;
    MtSidecar *r;
    char *a, *b, *c, err[256];
    size_t la, lb, lc;

    CHECK(sample_scene_init(&s, 5, 16) == 0);
    CHECK_INT(mt_sidecar_encode(&s.sc, &a, &la, err, sizeof(err)), 0);
    CHECK_INT(mt_sidecar_encode(&s.sc, &b, &lb, err, sizeof(err)), 0);
    sample_scene_free(&s);
    CHECK(la == lb && !memcmp(a, b, la));
    CHECK_INT(mt_sidecar_read_buffer(a, la, &r, NULL), 0);
    CHECK_INT(mt_sidecar_encode(r, &c, &lc, err, sizeof(err)), 0);
    mt_sidecar_free(r);
    CHECK(la == lc && !memcmp(a, c, la));
    free(a);
    free(b);
    free(c);
}

/* beats.t is "<f8" little-endian: 0.25 is 00 00 00 00 00 00 d0 3f; a
 * missing beat_sample is derived from t at the stream rate. */
static void test_little_endian_and_derived_samples(void)
{
    static const unsigned char quarter_le[8] = { 0, 0, 0, 0, 0, 0, 0xd0, 0x3f };
    SampleBeat s;
    MtSidecar *r;
    char *buf, err[256];
    size_t len;

    sample_beat_init(&s);
    s.sc.beat.beat_sample = NULL;
    CHECK_INT(mt_sidecar_encode(&s.sc, &buf, &len, err, sizeof(err)), 0);
    CHECK(memmem_has(buf, len, quarter_le, 8));
    CHECK(memmem_has(buf, len, "\xa5" "dtype" "\xa3" "<f8", 10));
    CHECK(memmem_has(buf, len, "\xa5" "dtype" "\xa3" "|u1", 10));
    int ret = mt_sidecar_read_buffer(buf, len, &r, NULL);
    free(buf);
    CHECK_INT(ret, 0);
    for (int i = 0; i < SAMPLE_N_BEATS; i++)
        CHECK_INT(r->beat.beat_sample[i], 12000 + 24000 * i); /* 48000 * (0.25 + 0.5 i) */
    mt_sidecar_free(r);
}

static void test_writer_rejects_inconsistent_model(void)
{
    SampleScene s;
    char *buf, err[256] = "";
    size_t len;

    CHECK(sample_scene_init(&s, 0, 0) == 0);
    s.sc.scene.transitions = NULL; /* n_transitions is 2 */
    CHECK_INT(mt_sidecar_encode(&s.sc, &buf, &len, err, sizeof(err)), -EINVAL);
    CHECK(buf == NULL);
    CHECK(strstr(err, "scene.transitions") != NULL);
    s.sc.kind = 7;
    CHECK_INT(mt_sidecar_encode(&s.sc, &buf, &len, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "kind") != NULL);

    /* every array of the schema is checked, named by its dotted path */
    SampleBeat b;
    sample_beat_init(&b);
    b.sc.beat.curve_bpm = NULL; /* n_curve is 3 */
    CHECK_INT(mt_sidecar_encode(&b.sc, &buf, &len, err, sizeof(err)), -EINVAL);
    CHECK(!strcmp(err, "sidecar: beat.tempo.curve.bpm has 3 entries but no data"));
    b.sc.beat.curve_bpm = b.curve_bpm;
    b.sc.beat.beat_sample = NULL; /* allowed: derived from beats.t */
    CHECK_INT(mt_sidecar_encode(&b.sc, &buf, &len, err, sizeof(err)), 0);
    free(buf);
}

int main(void)
{
    RUN(test_scene_every_field);
    RUN(test_beat_every_field);
    RUN(test_nulls_and_empties);
    RUN(test_byte_identical);
    RUN(test_little_endian_and_derived_samples);
    RUN(test_writer_rejects_inconsistent_model);
    UNIT_EXIT();
}
