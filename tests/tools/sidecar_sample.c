/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Writes a sample sidecar (tests/unit/sidecar_samples.h) with the C writer,
 * for the shell tests, the Python interop test and the fuzz seeds.
 *
 *   sidecar_sample scene|beat OUT [--features ROWSxCOLS] [--media FILE]
 *                  [--duration SECONDS] [--incomplete] [--nan]
 *
 * --nan stores NaN and +Inf in float fields (beat: bpm and confidence;
 * scene: the first transition's score and t), for the JSON null test.
 * --media records FILE's real identity (stat + digest) as the source;
 * --duration sets source.duration_s (written only when > 0).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/sidecar_write.h"
#include "cache/source_identity.h"
#include "tests/unit/sidecar_samples.h"

int main(int argc, char **argv)
{
    SampleScene scene;
    SampleBeat beat;
    MtSourceIdentityBuf id;
    MtSidecar *sc;
    size_t rows = 0, cols = 0;
    const char *media = NULL;
    double duration_s = 0;
    int incomplete = 0, nan_values = 0;
    char err[512];

    if (argc < 3 || (strcmp(argv[1], "scene") && strcmp(argv[1], "beat"))) {
        fprintf(stderr, "usage: sidecar_sample scene|beat OUT [--features RxC] [--media FILE] [--duration S] [--incomplete] [--nan]\n");
        return 2;
    }
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--features") && i + 1 < argc) {
            if (sscanf(argv[++i], "%zux%zu", &rows, &cols) != 2)
                return 2;
        } else if (!strcmp(argv[i], "--media") && i + 1 < argc) {
            media = argv[++i];
        } else if (!strcmp(argv[i], "--duration") && i + 1 < argc) {
            duration_s = atof(argv[++i]);
        } else if (!strcmp(argv[i], "--incomplete")) {
            incomplete = 1;
        } else if (!strcmp(argv[i], "--nan")) {
            nan_values = 1;
        } else {
            fprintf(stderr, "sidecar_sample: unknown argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!strcmp(argv[1], "scene")) {
        if (sample_scene_init(&scene, rows, cols) < 0)
            return 1;
        sc = &scene.sc;
    } else {
        sample_beat_init(&beat);
        sc = &beat.sc;
    }
    if (media) {
        if (mt_source_identify(media, 1, &id, err, sizeof(err)) < 0) {
            fprintf(stderr, "sidecar_sample: %s\n", err);
            return 1;
        }
        sc->source = id.id;
    }
    if (duration_s > 0)
        sc->source.duration_s = duration_s;
    static const char *const stop_warning[] = {"stopped before end of stream"};
    if (incomplete) {
        sc->status.complete = 0;
        sc->status.warnings = stop_warning;
        sc->status.n_warnings = 1;
    }
    if (nan_values && sc == &beat.sc) {
        beat.sc.beat.bpm = NAN;
        beat.sc.beat.confidence = INFINITY;
    } else if (nan_values) {
        scene.transitions[0].score = NAN;
        scene.transitions[0].t = INFINITY;
    }
    int ret = mt_sidecar_write_file(argv[2], sc, err, sizeof(err));
    if (sc == &scene.sc)
        sample_scene_free(&scene);
    if (ret < 0) {
        fprintf(stderr, "sidecar_sample: %s\n", err);
        return 1;
    }
    return 0;
}
