/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The sidecar schema tables (sidecar_schema.h). A row's order is the order
 * the writer writes and the reader checks the keys; adding a key is one row
 * here (with its struct field in sidecar_model.h), a minor bump when old
 * readers can do without it, and `sh tests/cache/test_schema_doc.sh
 * --update` for the man page.
 */
#include <stddef.h>

#include "sidecar_model.h"
#include "sidecar_schema.h"

const char *const mt_packed_dtype[4] = { "<f4", "<f8", "<i8", "|u1" };
const size_t      mt_packed_size[4]  = { 4, 8, 8, 1 };

#define N_KEYS(a) (sizeof(a) / sizeof((a)[0]))

/* One row per key: S is the struct of the enclosing map, F its field, K
 * the key, D its meaning; FL flags where a row needs them. */
#define SCALAR_FL(T, FL, S, F, K, D) { .key = K, .type = T, .flags = FL, .offset = offsetof(S, F), .doc = D }
#define SCALAR(T, S, F, K, D) SCALAR_FL(T, 0, S, F, K, D)
#define INT(S, F, K, D)  SCALAR(MT_SCHEMA_INT, S, F, K, D)
#define I64(S, F, K, D)  SCALAR(MT_SCHEMA_I64, S, F, K, D)
#define F32(S, F, K, D)  SCALAR(MT_SCHEMA_F32, S, F, K, D)
#define F64(S, F, K, D)  SCALAR(MT_SCHEMA_F64, S, F, K, D)
#define BOOL(S, F, K, D) SCALAR(MT_SCHEMA_BOOL, S, F, K, D)
#define STR(S, F, K, D)  SCALAR(MT_SCHEMA_STR, S, F, K, D)
#define RATIONAL(S, NUM, DEN, K, D) { .key = K, .type = MT_SCHEMA_RATIONAL, \
    .offset = offsetof(S, NUM), .offset2 = offsetof(S, DEN), .doc = D }
#define MAP(S, F, K, M, D) { .key = K, .type = MT_SCHEMA_MAP, .offset = offsetof(S, F), \
    .map = &M, .doc = D }
/* a map whose keys are fields of the enclosing struct itself */
#define INLINE_MAP(K, M, D) { .key = K, .type = MT_SCHEMA_MAP, .offset = 0, .map = &M, .doc = D }
#define MAPS(S, F, N, K, M, D) { .key = K, .type = MT_SCHEMA_MAPS, .offset = offsetof(S, F), \
    .offset2 = offsetof(S, N), .map = &M, .doc = D }
/* packed array with pointer F and size_t count N */
#define PACKED_FL(FL, S, F, N, DT, K, D) { .key = K, .type = MT_SCHEMA_PACKED, .flags = FL, \
    .offset = offsetof(S, F), .offset2 = offsetof(S, N), .dtype = DT, .doc = D }
#define PACKED(S, F, N, DT, K, D) PACKED_FL(0, S, F, N, DT, K, D)
#define MAP_OF(NAME, KEYS, ELEM) { NAME, KEYS, N_KEYS(KEYS), ELEM }

/* ---- top level, generator, source, status ---- */

static const MtSchemaKey generator_keys[] = {
    STR(MtGenerator, name, "name", "montagescene or montagebeat"),
    STR(MtGenerator, version, "version", "Montage version"),
    INT(MtGenerator, analyser_version, "analyser_version",
        "bumped whenever results of the analysis change"),
    SCALAR_FL(MT_SCHEMA_STR, MT_SCHEMA_OPTIONAL, MtGenerator, ffmpeg_version, "ffmpeg_version",
              "FFmpeg's version string"),
    SCALAR_FL(MT_SCHEMA_STR, MT_SCHEMA_OPTIONAL, MtGenerator, libavfilter_version,
              "libavfilter_version", "\\(dqMAJOR.MINOR.MICRO\\(dq"),
};
static const MtSchemaMap generator_map = MAP_OF("generator", generator_keys, 0);

static const MtSchemaKey source_keys[] = {
    STR(MtSourceIdentity, path, "path",
        "as given to the filter; the realpath for cache-directory entries"),
    I64(MtSourceIdentity, size, "size", "bytes"),
    I64(MtSourceIdentity, mtime_ns, "mtime_ns", "st_mtim, nanoseconds since the epoch"),
    I64(MtSourceIdentity, ctime_ns, "ctime_ns", "st_ctim, nanoseconds since the epoch"),
    I64(MtSourceIdentity, inode, "inode", "st_ino"),
    STR(MtSourceIdentity, digest, "digest",
        "\\(dqxxh3-128:\\(dq and 32 lower-case hex digits: XXH3 128-bit of the whole file, "
        "canonical big-endian form as printed by xxhsum \\-H2"),
    /* added in 1.1 and written only when the media was probed */
    { .key = "duration_s", .type = MT_SCHEMA_F64, .since_minor = 1,
      .flags = MT_SCHEMA_OPTIONAL | MT_SCHEMA_OMIT_UNSET,
      .offset = offsetof(MtSourceIdentity, duration_s),
      .doc = "the media's probed duration of the analysed stream; absent when unknown" },
};
static const MtSchemaMap source_map = MAP_OF("source", source_keys, 0);

static const MtSchemaKey status_keys[] = {
    BOOL(MtStatus, complete, "complete",
         "true exactly when the analysis saw the whole stream (below)"),
    I64(MtStatus, units_seen, "units_seen", "frames (scene) or samples (beat) decoded"),
    { .key = "warnings", .type = MT_SCHEMA_STRS, .flags = MT_SCHEMA_OPTIONAL,
      .offset = offsetof(MtStatus, warnings), .offset2 = offsetof(MtStatus, n_warnings),
      .doc = "what went wrong without stopping the analysis" },
};
static const MtSchemaMap status_map = MAP_OF("status", status_keys, 0);

/* ---- montagescene ---- */

static const MtSchemaKey video_stream_keys[] = {
    INT(MtVideoStream, width, "width", "pixels"),
    INT(MtVideoStream, height, "height", "pixels"),
    STR(MtVideoStream, pix_fmt, "pix_fmt", "FFmpeg's pixel format name"),
    RATIONAL(MtVideoStream, time_base_num, time_base_den, "time_base", "unit of pts"),
    RATIONAL(MtVideoStream, frame_rate_num, frame_rate_den, "frame_rate", "0/1 when variable"),
    I64(MtVideoStream, frames, "frames", "frames analysed"),
    F64(MtVideoStream, duration_s, "duration_s", "seconds analysed"),
};
static const MtSchemaMap video_stream_map = MAP_OF("scene.stream", video_stream_keys, 0);

static const MtSchemaKey transition_keys[] = {
    { .key = "type", .type = MT_SCHEMA_STR, .custom = MT_SCHEMA_CUSTOM_TRANSITION_TYPE,
      .offset = offsetof(MtTransition, type), .doc_type = "str",
      .doc = "hard, fade, dissolve or wipe" },
    I64(MtTransition, frame, "frame",
        "0-based: where the new shot takes over; for a hard cut its first frame, for a "
        "dissolve or wipe the middle of the span (the first frame where the new shot makes "
        "up at least half of the picture), for a fade the first frame after the black or "
        "uniform frames; last_frame + 1 is the first frame of the new shot alone; see "
        "montagescene in doc/montagescene.texi"),
    I64(MtTransition, pts, "pts", "that frame's pts in time_base"),
    F64(MtTransition, t, "t", "that frame's time, s"),
    F32(MtTransition, score, "score", "evidence, 0..1"),
    I64(MtTransition, first_frame, "first_frame",
        "first frame of a gradual transition's span; equals frame for a hard cut"),
    I64(MtTransition, last_frame, "last_frame",
        "last frame of the span; equals frame for a hard cut"),
    F64(MtTransition, t_first, "t_first", "time of first_frame, s"),
    F64(MtTransition, t_last, "t_last", "time of last_frame, s"),
};
static const MtSchemaMap transition_map =
    MAP_OF("scene.transitions[]", transition_keys, sizeof(MtTransition));

static const MtSchemaKey scene_entry_keys[] = {
    I64(MtScene, start_frame, "start_frame", "first frame (half-open [start, end))"),
    I64(MtScene, end_frame, "end_frame", "frame after the last one"),
    F64(MtScene, t_start, "t_start", "time of start_frame, s"),
    F64(MtScene, t_end, "t_end", "time of end_frame, s; the last scene's: when its last frame ends"),
    { .key = "mean_hist", .type = MT_SCHEMA_PACKED, .dtype = MT_PACKED_F32,
      .custom = MT_SCHEMA_CUSTOM_MEAN_HIST, .offset = offsetof(MtScene, mean_hist),
      .doc = "[hist_bins] mean colour histogram, sums to 1" },
    F32(MtScene, mean_luma, "mean_luma", "0..1"),
    F32(MtScene, motion, "motion", "mean frame-to-frame motion energy"),
    I64(MtScene, representative_frame, "representative_frame",
        "the middle of the part outside transitions"),
};
static const MtSchemaMap scene_entry_map =
    MAP_OF("scene.scenes[]", scene_entry_keys, sizeof(MtScene));

static const MtSchemaKey features_keys[] = {
    /* written by the frame_features code with the packed keys */
    { .key = "names", .type = MT_SCHEMA_STRS, .flags = MT_SCHEMA_OPTIONAL | MT_SCHEMA_NIL_OK,
      .doc_type = "[str?]", .doc = "one per column, when the writer knows them" },
};
static const MtSchemaMap features_map = MAP_OF("scene.frame_features", features_keys, 0);

static const MtSchemaKey scene_keys[] = {
    MAP(MtSceneResult, stream, "stream", video_stream_map, "the video stream"),
    { .key = "hist_bins", .type = MT_SCHEMA_INT, .flags = MT_SCHEMA_RANGE,
      .min = 0, .max = MT_SIDECAR_MAX_HIST_BINS,
      .offset = offsetof(MtSceneResult, hist_bins), .doc = "bins of every mean_hist (0..65536)" },
    MAPS(MtSceneResult, transitions, n_transitions, "transitions", transition_map,
         "one per shot change, in time order"),
    MAPS(MtSceneResult, scenes, n_scenes, "scenes", scene_entry_map,
         "one per shot, in time order"),
    { .key = "frame_features", .type = MT_SCHEMA_PACKED, .dtype = MT_PACKED_F32,
      .flags = MT_SCHEMA_OPTIONAL | MT_SCHEMA_NIL_OK, .custom = MT_SCHEMA_CUSTOM_FRAME_FEATURES,
      .map = &features_map, .doc = "per-frame values, shape [frames, n]" },
};
static const MtSchemaMap scene_map = MAP_OF("scene", scene_keys, 0);

/* ---- montagebeat (tempo, beats and curves are fields of MtBeatResult) ---- */

static const MtSchemaKey audio_stream_keys[] = {
    INT(MtAudioStream, sample_rate, "sample_rate", "Hz"),
    INT(MtAudioStream, channels, "channels", "channel count"),
    STR(MtAudioStream, channel_layout, "channel_layout", "FFmpeg's layout description"),
    STR(MtAudioStream, sample_fmt, "sample_fmt", "FFmpeg's sample format name"),
    INT(MtAudioStream, analysis_rate, "analysis_rate", "Hz after internal resampling"),
    INT(MtAudioStream, hop, "hop", "analysis samples per onset frame"),
    INT(MtAudioStream, window, "window", "FFT size"),
    I64(MtAudioStream, samples, "samples", "samples analysed"),
    F64(MtAudioStream, duration_s, "duration_s", "seconds analysed"),
};
static const MtSchemaMap audio_stream_map = MAP_OF("beat.stream", audio_stream_keys, 0);

static const MtSchemaKey candidate_keys[] = {
    F32(MtTempoCandidate, bpm, "bpm", "beats per minute"),
    F32(MtTempoCandidate, weight, "weight", "0..1"),
};
static const MtSchemaMap candidate_map =
    MAP_OF("beat.tempo.candidates[]", candidate_keys, sizeof(MtTempoCandidate));

static const MtSchemaKey curve_keys[] = {
    PACKED(MtBeatResult, curve_t, n_curve, MT_PACKED_F32, "t",
           "where the tempo is measured, s (float32 seconds only: not given twice)"),
    PACKED_FL(MT_SCHEMA_SAME_COUNT, MtBeatResult, curve_bpm, n_curve, MT_PACKED_F32, "bpm",
              "the tempo there, as many values as t"),
};
static const MtSchemaMap curve_map = MAP_OF("beat.tempo.curve", curve_keys, 0);

static const MtSchemaKey tempo_keys[] = {
    F32(MtBeatResult, bpm, "bpm", "0: none found"),
    F32(MtBeatResult, confidence, "confidence", "0..1"),
    INT(MtBeatResult, meter, "meter", "beats per bar, 3 to 6; 0 with fewer than 12 beats"),
    MAPS(MtBeatResult, candidates, n_candidates, "candidates", candidate_map, "the reported tempo first, then by weight"),
    { .key = "curve", .type = MT_SCHEMA_MAP, .flags = MT_SCHEMA_OPTIONAL | MT_SCHEMA_NIL_OK,
      .map = &curve_map, .doc = "tempo over time; t and bpm may be empty" },
};
static const MtSchemaMap tempo_map = MAP_OF("beat.tempo", tempo_keys, 0);

#define SAME_COUNT_PACKED(F, DT, K, D) PACKED_FL(MT_SCHEMA_SAME_COUNT, MtBeatResult, F, n_beats, DT, K, D)

static const MtSchemaKey beats_keys[] = {
    PACKED(MtBeatResult, beat_t, n_beats, MT_PACKED_F64, "t", "beat times, s"),
    { .key = "sample", .type = MT_SCHEMA_PACKED, .dtype = MT_PACKED_I64,
      .flags = MT_SCHEMA_OPTIONAL | MT_SCHEMA_SAME_COUNT, .custom = MT_SCHEMA_CUSTOM_BEAT_SAMPLE,
      .offset = offsetof(MtBeatResult, beat_sample), .offset2 = offsetof(MtBeatResult, n_beats),
      .doc = "the same beats as sample indices at stream.sample_rate" },
    SAME_COUNT_PACKED(beat_strength, MT_PACKED_F32, "strength", "0..1"),
    SAME_COUNT_PACKED(beat_downbeat, MT_PACKED_U8, "downbeat", "1 on the first beat of a bar"),
};
static const MtSchemaMap beats_map = MAP_OF("beat.beats", beats_keys, 0);

static const MtSchemaKey onset_keys[] = {
    F64(MtBeatResult, onset_rate_hz, "rate_hz", "values per second"),
    F64(MtBeatResult, onset_t0, "t0", "time of the first value, s"),
    /* the reader takes stream.hop; this copy serves readers of the curve alone */
    { .key = "hop", .type = MT_SCHEMA_INT, .flags = MT_SCHEMA_NOT_READ,
      .offset = offsetof(MtBeatResult, stream.hop), .doc = "a copy of stream.hop for readers of this map alone" },
    PACKED(MtBeatResult, onset_env, n_onset, MT_PACKED_F32, "values",
           "onset strength; value i is at t0 + i / rate_hz s"),
};
static const MtSchemaMap onset_map = MAP_OF("beat.onset_env", onset_keys, 0);

static const MtSchemaKey energy_keys[] = {
    F64(MtBeatResult, energy_rate_hz, "rate_hz", "values per second"),
    F64(MtBeatResult, energy_t0, "t0", "time of the first value, s"),
    PACKED(MtBeatResult, energy, n_energy, MT_PACKED_F32, "values",
           "RMS, linear full scale; value i covers t0 + i / rate_hz s onwards"),
};
static const MtSchemaMap energy_map = MAP_OF("beat.energy", energy_keys, 0);

static const MtSchemaKey beat_keys[] = {
    MAP(MtBeatResult, stream, "stream", audio_stream_map, "the audio stream"),
    INLINE_MAP("tempo", tempo_map, "tempo, its candidates and its curve"),
    INLINE_MAP("beats", beats_map, "struct of arrays, one value per beat in each"),
    INLINE_MAP("onset_env", onset_map, "onset strength curve"),
    INLINE_MAP("energy", energy_map, "loudness curve"),
};
static const MtSchemaMap beat_map = MAP_OF("beat", beat_keys, 0);

/* ---- the whole sidecar ---- */

static const MtSchemaKey sidecar_keys[] = {
    { .key = "schema", .type = MT_SCHEMA_STR, .custom = MT_SCHEMA_CUSTOM_SCHEMA,
      .doc_type = "str", .doc = "always \\(dq" MT_SIDECAR_SCHEMA "\\(dq" },
    { .key = "schema_version", .type = MT_SCHEMA_RATIONAL, .custom = MT_SCHEMA_CUSTOM_VERSION,
      .doc_type = "[int, int]", .doc = "[major, minor], see VERSIONING" },
    { .key = "kind", .type = MT_SCHEMA_STR, .custom = MT_SCHEMA_CUSTOM_KIND,
      .offset = offsetof(MtSidecar, kind), .doc_type = "str", .doc = "\\(dqscene\\(dq or \\(dqbeat\\(dq" },
    MAP(MtSidecar, generator, "generator", generator_map, "what wrote the file"),
    MAP(MtSidecar, source, "source", source_map, "identity of the analysed media"),
    { .key = "config", .type = MT_SCHEMA_MAP, .custom = MT_SCHEMA_CUSTOM_CONFIG,
      .offset = offsetof(MtSidecar, config), .doc = "every option as resolved, defaults included" },
    MAP(MtSidecar, status, "status", status_map, "whether the analysis finished"),
    { .key = "scene", .type = MT_SCHEMA_MAP, .flags = MT_SCHEMA_SCENE_ONLY,
      .offset = offsetof(MtSidecar, scene), .map = &scene_map, .doc = "shots and transitions" },
    { .key = "beat", .type = MT_SCHEMA_MAP, .flags = MT_SCHEMA_BEAT_ONLY,
      .offset = offsetof(MtSidecar, beat), .map = &beat_map, .doc = "tempo and beats" },
};
const MtSchemaMap mt_schema_sidecar = MAP_OF("", sidecar_keys, 0);

const MtSchemaMap *const mt_schema_maps[] = {
    &mt_schema_sidecar, &generator_map, &source_map, &status_map,
    &scene_map, &video_stream_map, &transition_map, &scene_entry_map, &features_map,
    &beat_map, &audio_stream_map, &tempo_map, &candidate_map, &curve_map, &beats_map,
    &onset_map, &energy_map,
    NULL,
};

const char *mt_schema_type_doc(const MtSchemaKey *k)
{
    static const char *const packed_doc[4] = { "packed<f4>", "packed<f8>", "packed<i8>", "packed<u1>" };
    if (k->doc_type)
        return k->doc_type;
    switch (k->type) {
    case MT_SCHEMA_INT:
    case MT_SCHEMA_I64:      return "int";
    case MT_SCHEMA_F32:      return "float32";
    case MT_SCHEMA_F64:      return "float64";
    case MT_SCHEMA_BOOL:     return "bool";
    case MT_SCHEMA_STR:      return "str?";
    case MT_SCHEMA_RATIONAL: return "[num, den]";
    case MT_SCHEMA_MAP:      return "map";
    case MT_SCHEMA_MAPS:     return "[map]";
    case MT_SCHEMA_STRS:     return "[str]";
    case MT_SCHEMA_PACKED:   return packed_doc[k->dtype];
    }
    return "?";
}
