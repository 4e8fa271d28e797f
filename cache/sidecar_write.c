/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar encoder. Keys are written in one fixed order (the order of this
 * file), nothing depends on the clock or on memory addresses, so equal
 * content gives byte-identical files. Packed arrays are maps
 * {dtype, shape, data} with data a little-endian msgpack `bin`.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <msgpack.h>

#include "atomic_file.h"
#include "packed_le.h"
#include "sidecar_names.h"
#include "sidecar_write.h"

typedef struct Encoder {
    msgpack_packer pk;
    int            failed; /* a pack call failed: out of memory */
} Encoder;

/* Every pack helper records failure instead of returning it, so the
 * encoding functions read as a flat list of keys; the result is checked
 * once at the end. */
static void chk(Encoder *e, int rc)
{
    if (rc)
        e->failed = 1;
}

static void put_str(Encoder *e, const char *s)
{
    size_t n;
    if (!s) {
        chk(e, msgpack_pack_nil(&e->pk));
        return;
    }
    n = strlen(s);
    chk(e, msgpack_pack_str(&e->pk, n));
    chk(e, msgpack_pack_str_body(&e->pk, s, n));
}

static void put_key(Encoder *e, const char *key) { put_str(e, key); }
static void put_map(Encoder *e, size_t n) { chk(e, msgpack_pack_map(&e->pk, n)); }
static void put_array(Encoder *e, size_t n) { chk(e, msgpack_pack_array(&e->pk, n)); }
static void put_i64(Encoder *e, int64_t v) { chk(e, msgpack_pack_int64(&e->pk, v)); }
static void put_f32(Encoder *e, float v) { chk(e, msgpack_pack_float(&e->pk, v)); }
static void put_f64(Encoder *e, double v) { chk(e, msgpack_pack_double(&e->pk, v)); }
static void put_bool(Encoder *e, int v)
{
    chk(e, v ? msgpack_pack_true(&e->pk) : msgpack_pack_false(&e->pk));
}

static void kv_i64(Encoder *e, const char *k, int64_t v) { put_key(e, k); put_i64(e, v); }
static void kv_f32(Encoder *e, const char *k, float v) { put_key(e, k); put_f32(e, v); }
static void kv_f64(Encoder *e, const char *k, double v) { put_key(e, k); put_f64(e, v); }
static void kv_str(Encoder *e, const char *k, const char *v) { put_key(e, k); put_str(e, v); }

static void kv_rational(Encoder *e, const char *k, int num, int den)
{
    put_key(e, k);
    put_array(e, 2);
    put_i64(e, num);
    put_i64(e, den);
}

/* dtype of the packed element types */
typedef enum PackedType { P_F32, P_F64, P_I64, P_U8 } PackedType;

static const char *const packed_dtype[] = { "<f4", "<f8", "<i8", "|u1" };
static const size_t packed_size[] = { 4, 8, 8, 1 };

/* Element i of `src` as little-endian bytes; for P_I64 with src == NULL
 * (beat samples not given) the value is derived from `derive` * scale. */
static void packed_elem(PackedType t, const void *src, size_t i, uint8_t *dst,
                        const double *derive, double scale)
{
    switch (t) {
    case P_F32: mt_put_f32le(dst, ((const float *)src)[i]); break;
    case P_F64: mt_put_f64le(dst, ((const double *)src)[i]); break;
    case P_I64:
        if (src)
            mt_put_le64(dst, (uint64_t)((const int64_t *)src)[i]);
        else
            mt_put_le64(dst, (uint64_t)(int64_t)llround(derive[i] * scale));
        break;
    case P_U8: dst[0] = ((const uint8_t *)src)[i]; break;
    }
}

/* The body of a packed map: dtype, shape, [names], data. Written through a
 * small buffer so big-endian hosts convert without a second full copy. */
static void put_packed_body(Encoder *e, PackedType t, const void *src,
                            size_t rows, size_t cols, int ndim,
                            const char *const *names,
                            const double *derive, double scale)
{
    size_t n = rows * cols, es = packed_size[t];
    uint8_t chunk[4096];

    put_map(e, names ? 4 : 3);
    kv_str(e, "dtype", packed_dtype[t]);
    put_key(e, "shape");
    put_array(e, (size_t)ndim);
    put_i64(e, (int64_t)rows);
    if (ndim == 2)
        put_i64(e, (int64_t)cols);
    if (names) {
        put_key(e, "names");
        put_array(e, cols);
        for (size_t c = 0; c < cols; c++)
            put_str(e, names[c]);
    }
    put_key(e, "data");
    chk(e, msgpack_pack_bin(&e->pk, n * es));
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        for (; i < n && k + es <= sizeof(chunk); i++, k += es)
            packed_elem(t, src, i, chunk + k, derive, scale);
        chk(e, msgpack_pack_bin_body(&e->pk, chunk, k));
    }
}

static void kv_packed(Encoder *e, const char *k, PackedType t, const void *src, size_t n)
{
    put_key(e, k);
    put_packed_body(e, t, src, n, 1, 1, NULL, NULL, 0);
}

/* ---- consistency checks: a count with a NULL array would crash the
 * encoder, so report it as the producer's bug instead ---- */

static int bad(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -EINVAL;
}

#define NEED(ptr, n, what) \
    do { if ((n) != 0 && !(ptr)) return bad(err, errlen, "sidecar: %s has %zu entries but no data", what, (size_t)(n)); } while (0)

static int check_model(const MtSidecar *sc, char *err, size_t errlen)
{
    if (!mt_sidecar_kind_name(sc->kind))
        return bad(err, errlen, "sidecar: invalid kind %d", (int)sc->kind);
    NEED(sc->config.entries, sc->config.n, "config");
    for (size_t i = 0; i < sc->config.n; i++) {
        const MtConfigEntry *c = &sc->config.entries[i];
        if (!c->key)
            return bad(err, errlen, "sidecar: config entry %zu has no key", i);
        if (c->type < MT_VALUE_INT || c->type > MT_VALUE_BOOL)
            return bad(err, errlen, "sidecar: config '%s' has invalid type %d", c->key, (int)c->type);
    }
    NEED(sc->status.warnings, sc->status.n_warnings, "status.warnings");
    if (sc->kind == MT_KIND_SCENE) {
        const MtSceneResult *s = &sc->scene;
        const MtF32Matrix *f = &s->frame_features;
        NEED(s->transitions, s->n_transitions, "scene.transitions");
        NEED(s->scenes, s->n_scenes, "scene.scenes");
        if (s->hist_bins < 0)
            return bad(err, errlen, "sidecar: scene.hist_bins is negative");
        for (size_t i = 0; i < s->n_scenes; i++) {
            if (s->hist_bins && !s->scenes[i].mean_hist)
                return bad(err, errlen, "sidecar: scene.scenes[%zu] has no mean_hist", i);
        }
        for (size_t i = 0; i < s->n_transitions; i++)
            if (!mt_transition_type_name(s->transitions[i].type))
                return bad(err, errlen, "sidecar: scene.transitions[%zu] has invalid type %d",
                           i, (int)s->transitions[i].type);
        if (f->cols && f->rows > SIZE_MAX / 8 / f->cols)
            return bad(err, errlen, "sidecar: frame_features %zux%zu is too large", f->rows, f->cols);
        NEED(f->data, f->rows * f->cols, "scene.frame_features");
    } else {
        const MtBeatResult *b = &sc->beat;
        NEED(b->candidates, b->n_candidates, "beat.tempo.candidates");
        NEED(b->curve_t, b->n_curve, "beat.tempo.curve.t");
        NEED(b->curve_bpm, b->n_curve, "beat.tempo.curve.bpm");
        NEED(b->beat_t, b->n_beats, "beat.beats.t");
        NEED(b->beat_strength, b->n_beats, "beat.beats.strength");
        NEED(b->beat_downbeat, b->n_beats, "beat.beats.downbeat");
        NEED(b->onset_env, b->n_onset, "beat.onset_env");
        NEED(b->energy, b->n_energy, "beat.energy");
    }
    return 0;
}

/* ---- sections ---- */

static void put_generator(Encoder *e, const MtGenerator *g)
{
    put_map(e, 5);
    kv_str(e, "name", g->name);
    kv_str(e, "version", g->version);
    kv_i64(e, "analyser_version", g->analyser_version);
    kv_str(e, "ffmpeg_version", g->ffmpeg_version);
    kv_str(e, "libavfilter_version", g->libavfilter_version);
}

static void put_source(Encoder *e, const MtSourceIdentity *s)
{
    put_map(e, s->duration_s > 0 ? 7 : 6);
    kv_str(e, "path", s->path);
    kv_i64(e, "size", s->size);
    kv_i64(e, "mtime_ns", s->mtime_ns);
    kv_i64(e, "ctime_ns", s->ctime_ns);
    kv_i64(e, "inode", s->inode);
    kv_str(e, "digest", s->digest);
    if (s->duration_s > 0)
        kv_f64(e, "duration_s", s->duration_s);
}

static void put_config(Encoder *e, const MtConfig *c)
{
    put_map(e, c->n);
    for (size_t i = 0; i < c->n; i++) {
        const MtConfigEntry *en = &c->entries[i];
        put_key(e, en->key);
        switch (en->type) {
        case MT_VALUE_INT:    put_i64(e, en->i); break;
        case MT_VALUE_DOUBLE: put_f64(e, en->d); break;
        case MT_VALUE_STRING: put_str(e, en->s); break;
        case MT_VALUE_BOOL:   put_bool(e, en->i != 0); break;
        }
    }
}

static void put_status(Encoder *e, const MtStatus *s)
{
    put_map(e, 3);
    put_key(e, "complete");
    put_bool(e, s->complete);
    kv_i64(e, "units_seen", s->units_seen);
    put_key(e, "warnings");
    put_array(e, s->n_warnings);
    for (size_t i = 0; i < s->n_warnings; i++)
        put_str(e, s->warnings[i]);
}

static void put_transition(Encoder *e, const MtTransition *t)
{
    put_map(e, 9);
    kv_str(e, "type", mt_transition_type_name(t->type));
    kv_i64(e, "frame", t->frame);
    kv_i64(e, "pts", t->pts);
    kv_f64(e, "t", t->t);
    kv_f32(e, "score", t->score);
    kv_i64(e, "first_frame", t->first_frame);
    kv_i64(e, "last_frame", t->last_frame);
    kv_f64(e, "t_first", t->t_first);
    kv_f64(e, "t_last", t->t_last);
}

static void put_scene_entry(Encoder *e, const MtScene *s, int hist_bins)
{
    put_map(e, 8);
    kv_i64(e, "start_frame", s->start_frame);
    kv_i64(e, "end_frame", s->end_frame);
    kv_f64(e, "t_start", s->t_start);
    kv_f64(e, "t_end", s->t_end);
    kv_packed(e, "mean_hist", P_F32, s->mean_hist, (size_t)hist_bins);
    kv_f32(e, "mean_luma", s->mean_luma);
    kv_f32(e, "motion", s->motion);
    kv_i64(e, "representative_frame", s->representative_frame);
}

static void put_scene(Encoder *e, const MtSceneResult *r)
{
    const MtVideoStream *st = &r->stream;
    const MtF32Matrix *f = &r->frame_features;

    put_map(e, 5);
    put_key(e, "stream");
    put_map(e, 7);
    kv_i64(e, "width", st->width);
    kv_i64(e, "height", st->height);
    kv_str(e, "pix_fmt", st->pix_fmt);
    kv_rational(e, "time_base", st->time_base_num, st->time_base_den);
    kv_rational(e, "frame_rate", st->frame_rate_num, st->frame_rate_den);
    kv_i64(e, "frames", st->frames);
    kv_f64(e, "duration_s", st->duration_s);

    kv_i64(e, "hist_bins", r->hist_bins);

    put_key(e, "transitions");
    put_array(e, r->n_transitions);
    for (size_t i = 0; i < r->n_transitions; i++)
        put_transition(e, &r->transitions[i]);

    put_key(e, "scenes");
    put_array(e, r->n_scenes);
    for (size_t i = 0; i < r->n_scenes; i++)
        put_scene_entry(e, &r->scenes[i], r->hist_bins);

    put_key(e, "frame_features");
    if (!f->cols) {
        chk(e, msgpack_pack_nil(&e->pk));
    } else {
        /* without feature_names the "names" key is left out */
        put_packed_body(e, P_F32, f->data, f->rows, f->cols, 2,
                        r->feature_names, NULL, 0);
    }
}

static void put_beat(Encoder *e, const MtBeatResult *b)
{
    const MtAudioStream *st = &b->stream;

    put_map(e, 5);
    put_key(e, "stream");
    put_map(e, 9);
    kv_i64(e, "sample_rate", st->sample_rate);
    kv_i64(e, "channels", st->channels);
    kv_str(e, "channel_layout", st->channel_layout);
    kv_str(e, "sample_fmt", st->sample_fmt);
    kv_i64(e, "analysis_rate", st->analysis_rate);
    kv_i64(e, "hop", st->hop);
    kv_i64(e, "window", st->window);
    kv_i64(e, "samples", st->samples);
    kv_f64(e, "duration_s", st->duration_s);

    put_key(e, "tempo");
    put_map(e, 5);
    kv_f32(e, "bpm", b->bpm);
    kv_f32(e, "confidence", b->confidence);
    kv_i64(e, "meter", b->meter);
    put_key(e, "candidates");
    put_array(e, b->n_candidates);
    for (size_t i = 0; i < b->n_candidates; i++) {
        put_map(e, 2);
        kv_f32(e, "bpm", b->candidates[i].bpm);
        kv_f32(e, "weight", b->candidates[i].weight);
    }
    put_key(e, "curve");
    put_map(e, 2);
    kv_packed(e, "t", P_F32, b->curve_t, b->n_curve);
    kv_packed(e, "bpm", P_F32, b->curve_bpm, b->n_curve);

    put_key(e, "beats");
    put_map(e, 4);
    kv_packed(e, "t", P_F64, b->beat_t, b->n_beats);
    put_key(e, "sample");
    put_packed_body(e, P_I64, b->beat_sample, b->n_beats, 1, 1, NULL,
                    b->beat_t, (double)st->sample_rate);
    kv_packed(e, "strength", P_F32, b->beat_strength, b->n_beats);
    kv_packed(e, "downbeat", P_U8, b->beat_downbeat, b->n_beats);

    /* curves: a packed map with the sampling rate added */
    put_key(e, "onset_env");
    put_map(e, 4);
    kv_f64(e, "rate_hz", b->onset_rate_hz);
    kv_f64(e, "t0", b->onset_t0);
    kv_i64(e, "hop", st->hop);
    kv_packed(e, "values", P_F32, b->onset_env, b->n_onset);

    put_key(e, "energy");
    put_map(e, 3);
    kv_f64(e, "rate_hz", b->energy_rate_hz);
    kv_f64(e, "t0", b->energy_t0);
    kv_packed(e, "values", P_F32, b->energy, b->n_energy);
}

int mt_sidecar_encode(const MtSidecar *sc, char **data, size_t *size,
                      char *err, size_t errlen)
{
    msgpack_sbuffer sbuf;
    Encoder e;
    int ret;

    *data = NULL;
    *size = 0;
    if ((ret = check_model(sc, err, errlen)) < 0)
        return ret;

    msgpack_sbuffer_init(&sbuf);
    msgpack_packer_init(&e.pk, &sbuf, msgpack_sbuffer_write);
    e.failed = 0;

    put_map(&e, 8);
    kv_str(&e, "schema", MT_SIDECAR_SCHEMA);
    put_key(&e, "schema_version");
    put_array(&e, 2);
    put_i64(&e, MT_SIDECAR_SCHEMA_MAJOR);
    put_i64(&e, MT_SIDECAR_SCHEMA_MINOR);
    kv_str(&e, "kind", mt_sidecar_kind_name(sc->kind));
    put_key(&e, "generator");
    put_generator(&e, &sc->generator);
    put_key(&e, "source");
    put_source(&e, &sc->source);
    put_key(&e, "config");
    put_config(&e, &sc->config);
    put_key(&e, "status");
    put_status(&e, &sc->status);
    if (sc->kind == MT_KIND_SCENE) {
        put_key(&e, "scene");
        put_scene(&e, &sc->scene);
    } else {
        put_key(&e, "beat");
        put_beat(&e, &sc->beat);
    }

    if (e.failed) {
        msgpack_sbuffer_destroy(&sbuf);
        if (err && errlen)
            snprintf(err, errlen, "sidecar: out of memory while encoding");
        return -ENOMEM;
    }
    *size = sbuf.size;
    *data = msgpack_sbuffer_release(&sbuf);
    return 0;
}

int mt_sidecar_write_file(const char *path, const MtSidecar *sc,
                          char *err, size_t errlen)
{
    char *data;
    size_t size;
    int ret = mt_sidecar_encode(sc, &data, &size, err, errlen);
    if (ret < 0)
        return ret;
    ret = mt_atomic_write_file(path, data, size, NULL, err, errlen);
    free(data);
    return ret;
}
