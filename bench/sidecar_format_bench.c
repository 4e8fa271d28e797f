/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * msgpack vs JSON for the same sidecar: a scene sidecar with per-frame
 * features of a 10-minute 25 fps clip (15000 frames x 16 features).
 * Prints encode/decode times, their ratios and the sizes. Not a test.
 *
 *   msgpack write: mt_sidecar_encode (model -> bytes)
 *   msgpack read:  mt_sidecar_read_buffer (bytes -> validated model)
 *   JSON write:    msgpack tree -> jansson tree -> json_dumps (what
 *                  `montage-sidecar dump --json` does)
 *   JSON read:     json_loads + copying frame_features into floats (the
 *                  least a JSON reader must do to use the data)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cache/cli/cli_json.h"
#include "cache/msgpack_bounds.h"
#include "cache/sidecar_read.h"
#include "cache/sidecar_write.h"
#include "tests/unit/sidecar_samples.h"

#define ROWS 15000
#define COLS 16
#define REPS 7

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof(*t), cmp_double);
    return t[n / 2];
}

/* json_loads + the feature matrix into floats; returns values copied. */
static size_t json_read(const char *text, float *out)
{
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    size_t n = 0, r, c;
    json_t *row, *v;
    if (!root) {
        fprintf(stderr, "json_loads: %s\n", jerr.text);
        exit(1);
    }
    json_t *data = json_object_get(json_object_get(json_object_get(root, "scene"),
                                                   "frame_features"), "data");
    json_array_foreach(data, r, row) {
        json_array_foreach(row, c, v) out[n++] = (float)json_real_value(v);
    }
    json_decref(root);
    return n;
}

int main(void)
{
    SampleScene s;
    char *mp, *js = NULL, err[256];
    size_t mp_len = 0;
    double t_mw[REPS], t_mr[REPS], t_jw[REPS], t_jr[REPS];
    float *floats = malloc((size_t)ROWS * COLS * sizeof(float));
    msgpack_unpacked up;
    MtSidecarError e;

    if (!floats || sample_scene_init(&s, ROWS, COLS) < 0)
        return 1;
    for (int i = 0; i < REPS; i++) {
        double t0 = now();
        if (mt_sidecar_encode(&s.sc, &mp, &mp_len, err, sizeof(err)) < 0)
            return 1;
        t_mw[i] = now() - t0;
        if (i < REPS - 1)
            free(mp);
    }
    for (int i = 0; i < REPS; i++) {
        MtSidecar *r;
        double t0 = now();
        if (mt_sidecar_read_buffer(mp, mp_len, &r, &e) < 0) {
            fprintf(stderr, "read: %s\n", e.message);
            return 1;
        }
        t_mr[i] = now() - t0;
        mt_sidecar_free(r);
    }
    if (mt_msgpack_unpack_checked(mp, mp_len, &up, &e) < 0)
        return 1;
    for (int i = 0; i < REPS; i++) {
        free(js);
        double t0 = now();
        json_t *j = cli_msgpack_to_json(&up.data);
        js = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        t_jw[i] = now() - t0;
        json_decref(j);
    }
    msgpack_unpacked_destroy(&up);
    for (int i = 0; i < REPS; i++) {
        double t0 = now();
        size_t n = json_read(js, floats);
        t_jr[i] = now() - t0;
        if (n != (size_t)ROWS * COLS)
            return 1;
    }

    double mw = median(t_mw, REPS), mr = median(t_mr, REPS);
    double jw = median(t_jw, REPS), jr = median(t_jr, REPS);
    size_t js_len = strlen(js);
    printf("sidecar: scene, %d frames x %d features + 3 scenes, medians of %d runs\n",
           ROWS, COLS, REPS);
    printf("%-8s %12s %12s %12s\n", "", "msgpack", "JSON", "JSON/msgpack");
    printf("%-8s %10.2f ms %10.2f ms %11.1fx\n", "write", mw * 1e3, jw * 1e3, jw / mw);
    printf("%-8s %10.2f ms %10.2f ms %11.1fx\n", "read", mr * 1e3, jr * 1e3, jr / mr);
    printf("%-8s %10zu B  %10zu B  %11.2fx\n", "size", mp_len, js_len,
           (double)js_len / (double)mp_len);
    printf("load bar (JSON read >= 10x msgpack read): %s\n", jr / mr >= 10 ? "met" : "NOT met");
    free(mp);
    free(js);
    free(floats);
    sample_scene_free(&s);
    return 0;
}
