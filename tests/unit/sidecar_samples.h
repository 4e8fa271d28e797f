/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Deterministic sample sidecars (one scene, one beat) shared by the sidecar
 * unit tests, the sample tool, the fuzz seeds and the benches. Every value
 * is exactly representable, so tests compare with ==. Header-only: static
 * inline functions, included by each program that needs them.
 */
#ifndef MONTAGE_TESTS_SIDECAR_SAMPLES_H
#define MONTAGE_TESTS_SIDECAR_SAMPLES_H

#include <stdlib.h>
#include <string.h>

#include "cache/sidecar_model.h"

#define SAMPLE_HIST_BINS 8
#define SAMPLE_N_SCENES  3
#define SAMPLE_N_BEATS   6

typedef struct SampleScene {
    MtSidecar      sc;
    MtConfigEntry  config[4];
    const char    *warnings[1];
    MtTransition   transitions[SAMPLE_N_SCENES - 1];
    MtScene        scenes[SAMPLE_N_SCENES];
    float          hist[SAMPLE_N_SCENES][SAMPLE_HIST_BINS];
    float         *features; /* malloc'ed rows x cols, or NULL */
    const char    *feature_names[16];
} SampleScene;

typedef struct SampleBeat {
    MtSidecar        sc;
    MtConfigEntry    config[3];
    MtTempoCandidate candidates[2];
    float            curve_t[3], curve_bpm[3];
    double           beat_t[SAMPLE_N_BEATS];
    int64_t          beat_sample[SAMPLE_N_BEATS];
    float            beat_strength[SAMPLE_N_BEATS];
    uint8_t          beat_downbeat[SAMPLE_N_BEATS];
    float            onset[5], energy[4];
} SampleBeat;

static inline void sample_common(MtSidecar *sc, MtSidecarKind kind, const char *name,
                                 const char *media)
{
    sc->kind = kind;
    sc->generator.name = name;
    sc->generator.version = MONTAGE_VERSION;
    sc->generator.analyser_version = kind == MT_KIND_SCENE ? MT_SCENE_ANALYSER_VERSION
                                                           : MT_BEAT_ANALYSER_VERSION;
    sc->generator.ffmpeg_version = "5.1.test";
    sc->generator.libavfilter_version = "8.44.100";
    sc->source.path = media ? media : "clip.mp4";
    sc->source.size = 123456789;
    sc->source.mtime_ns = 1700000000123456789LL;
    sc->source.ctime_ns = 1700000001987654321LL;
    sc->source.inode = 424242;
    sc->source.digest = "xxh3-128:0123456789abcdef0123456789abcdef";
    sc->status.complete = 1;
}

/* A 100-frame 25 fps clip with cuts at frames 40 (hard) and 70..74 (fade);
 * feature_rows x feature_cols per-frame features (0 x 0 for none). */
static inline int sample_scene_init(SampleScene *s, size_t feature_rows, size_t feature_cols)
{
    static const char *const names[16] = {
        "score", "hist_dist", "luma", "motion", "f4", "f5", "f6", "f7",
        "f8", "f9", "f10", "f11", "f12", "f13", "f14", "f15" };
    memset(s, 0, sizeof(*s));
    sample_common(&s->sc, MT_KIND_SCENE, "montagescene", NULL);

    s->config[0] = (MtConfigEntry){ .key = "threshold", .type = MT_VALUE_DOUBLE, .d = 0.375 };
    s->config[1] = (MtConfigEntry){ .key = "hist_bins", .type = MT_VALUE_INT, .i = SAMPLE_HIST_BINS };
    s->config[2] = (MtConfigEntry){ .key = "detect_fades", .type = MT_VALUE_BOOL, .i = 1 };
    s->config[3] = (MtConfigEntry){ .key = "sidecar", .type = MT_VALUE_STRING, .s = "clip.scene.msgpack" };
    s->sc.config.entries = s->config;
    s->sc.config.n = 4;
    s->warnings[0] = "pts jump at frame 12";
    s->sc.status.warnings = s->warnings;
    s->sc.status.n_warnings = 1;
    s->sc.status.units_seen = 100;

    MtSceneResult *r = &s->sc.scene;
    r->stream = (MtVideoStream){ .width = 1920, .height = 1080, .pix_fmt = "yuv420p",
                                 .time_base_num = 1, .time_base_den = 12800,
                                 .frame_rate_num = 25, .frame_rate_den = 1,
                                 .frames = 100, .duration_s = 4.0 };
    s->transitions[0] = (MtTransition){ MT_TRANSITION_HARD, 40, 40 * 512, 1.6, 0.875f,
                                        40, 40, 1.6, 1.6 };
    s->transitions[1] = (MtTransition){ MT_TRANSITION_FADE, 72, 72 * 512, 2.88, 0.5f,
                                        70, 74, 2.8, 2.96 };
    r->transitions = s->transitions;
    r->n_transitions = 2;
    static const int64_t bounds[SAMPLE_N_SCENES + 1] = { 0, 40, 72, 100 };
    for (int i = 0; i < SAMPLE_N_SCENES; i++) {
        for (int b = 0; b < SAMPLE_HIST_BINS; b++)
            s->hist[i][b] = (float)(b == i ? 0.5 : 0.5 / (SAMPLE_HIST_BINS - 1));
        s->scenes[i] = (MtScene){ bounds[i], bounds[i + 1], bounds[i] * 0.04, bounds[i + 1] * 0.04,
                                  s->hist[i], 0.25f * (float)(i + 1), 0.125f * (float)i,
                                  (bounds[i] + bounds[i + 1]) / 2 };
    }
    r->scenes = s->scenes;
    r->n_scenes = SAMPLE_N_SCENES;
    r->hist_bins = SAMPLE_HIST_BINS;
    if (feature_rows && feature_cols) {
        s->features = malloc(feature_rows * feature_cols * sizeof(float));
        if (!s->features)
            return -1;
        for (size_t i = 0; i < feature_rows * feature_cols; i++)
            s->features[i] = (float)(i % 1000) * 0.001953125f; /* k / 512 */
        for (size_t c = 0; c < feature_cols && c < 16; c++)
            s->feature_names[c] = names[c];
        r->frame_features = (MtF32Matrix){ s->features, feature_rows, feature_cols };
        r->feature_names = feature_cols <= 16 ? s->feature_names : NULL;
    }
    return 0;
}

static inline void sample_scene_free(SampleScene *s)
{
    free(s->features);
    s->features = NULL;
}

/* 120 bpm, six beats 0.5 s apart from 0.25 s, downbeat every fourth. */
static inline void sample_beat_init(SampleBeat *s)
{
    memset(s, 0, sizeof(*s));
    sample_common(&s->sc, MT_KIND_BEAT, "montagebeat", NULL);
    s->config[0] = (MtConfigEntry){ .key = "min_bpm", .type = MT_VALUE_INT, .i = 60 };
    s->config[1] = (MtConfigEntry){ .key = "max_bpm", .type = MT_VALUE_DOUBLE, .d = 200.5 };
    s->config[2] = (MtConfigEntry){ .key = "downbeats", .type = MT_VALUE_BOOL, .i = 0 };
    s->sc.config.entries = s->config;
    s->sc.config.n = 3;
    s->sc.status.units_seen = 144000;

    MtBeatResult *b = &s->sc.beat;
    b->stream = (MtAudioStream){ .sample_rate = 48000, .channels = 2, .channel_layout = "stereo",
                                 .sample_fmt = "fltp", .analysis_rate = 22050, .hop = 512,
                                 .window = 2048, .samples = 144000, .duration_s = 3.0 };
    b->bpm = 120.0f;
    b->confidence = 0.75f;
    b->meter = 4;
    s->candidates[0] = (MtTempoCandidate){ 120.0f, 0.75f };
    s->candidates[1] = (MtTempoCandidate){ 60.0f, 0.25f };
    b->candidates = s->candidates;
    b->n_candidates = 2;
    for (int i = 0; i < 3; i++) {
        s->curve_t[i] = 1.0f * (float)i;
        s->curve_bpm[i] = 119.5f + 0.5f * (float)i;
    }
    b->curve_t = s->curve_t;
    b->curve_bpm = s->curve_bpm;
    b->n_curve = 3;
    for (int i = 0; i < SAMPLE_N_BEATS; i++) {
        s->beat_t[i] = 0.25 + 0.5 * i;
        s->beat_sample[i] = 12000 + 24000 * (int64_t)i;
        s->beat_strength[i] = 1.0f - 0.125f * (float)i;
        s->beat_downbeat[i] = i % 4 == 0;
    }
    b->beat_t = s->beat_t;
    b->beat_sample = s->beat_sample;
    b->beat_strength = s->beat_strength;
    b->beat_downbeat = s->beat_downbeat;
    b->n_beats = SAMPLE_N_BEATS;
    for (int i = 0; i < 5; i++)
        s->onset[i] = 0.0625f * (float)i;
    for (int i = 0; i < 4; i++)
        s->energy[i] = 0.5f / (float)(i + 1);
    b->onset_env = s->onset;
    b->n_onset = 5;
    b->onset_rate_hz = 22050.0 / 512.0;
    b->onset_t0 = 0.0125;
    b->energy = s->energy;
    b->n_energy = 4;
    b->energy_rate_hz = 10.0;
    b->energy_t0 = 0.05;
}

#endif /* MONTAGE_TESTS_SIDECAR_SAMPLES_H */
