/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * `montage-sidecar show FILE`: a human summary, read through the validating
 * reader so what is shown is what programs get.
 */
#include <stdio.h>
#include <string.h>

#include "cache/cli/cli.h"
#include "cache/double_text.h"
#include "cache/sidecar_names.h"
#include "cache/sidecar_read.h"

#define MAX_LISTED 20 /* transitions / scenes listed one per line */

static const char *or_dash(const char *s) { return s ? s : "-"; }

static void show_config(const MtConfig *c)
{
    printf("config:      ");
    for (size_t i = 0; i < c->n; i++) {
        const MtConfigEntry *e = &c->entries[i];
        printf("%s%s=", i ? " " : "", e->key);
        switch (e->type) {
        case MT_VALUE_INT:    printf("%lld", (long long)e->i); break;
        case MT_VALUE_DOUBLE: {
            char num[40];
            printf("%s", mt_double_text(e->d, num, sizeof(num)));
            break;
        }
        case MT_VALUE_BOOL:   printf("%s", e->i ? "true" : "false"); break;
        case MT_VALUE_STRING: printf("'%s'", or_dash(e->s)); break;
        }
    }
    printf("%s\n", c->n ? "" : "(none)");
}

static void show_scene(const MtSceneResult *r)
{
    const MtVideoStream *s = &r->stream;
    size_t by_type[4] = { 0 };

    printf("stream:      %dx%d %s, frame rate %d/%d, time base %d/%d, %lld frames, %.3f s\n",
           s->width, s->height, or_dash(s->pix_fmt), s->frame_rate_num, s->frame_rate_den,
           s->time_base_num, s->time_base_den, (long long)s->frames, s->duration_s);
    for (size_t i = 0; i < r->n_transitions; i++)
        if ((unsigned)r->transitions[i].type < 4)
            by_type[r->transitions[i].type]++;
    printf("transitions: %zu (%zu hard, %zu fade, %zu dissolve, %zu wipe)\n", r->n_transitions,
           by_type[0], by_type[1], by_type[2], by_type[3]);
    for (size_t i = 0; i < r->n_transitions && i < MAX_LISTED; i++) {
        const MtTransition *t = &r->transitions[i];
        printf("  %-8s frame %-7lld t %10.6f s  score %.3f  span %lld..%lld\n",
               mt_transition_type_name(t->type), (long long)t->frame, t->t, (double)t->score,
               (long long)t->first_frame, (long long)t->last_frame);
    }
    if (r->n_transitions > MAX_LISTED)
        printf("  ... %zu more\n", r->n_transitions - MAX_LISTED);
    printf("scenes:      %zu, %d histogram bins\n", r->n_scenes, r->hist_bins);
    for (size_t i = 0; i < r->n_scenes && i < MAX_LISTED; i++) {
        const MtScene *c = &r->scenes[i];
        printf("  frames %lld..%lld  %.6f..%.6f s  luma %.3f  motion %.3f\n",
               (long long)c->start_frame, (long long)c->end_frame, c->t_start, c->t_end,
               (double)c->mean_luma, (double)c->motion);
    }
    if (r->n_scenes > MAX_LISTED)
        printf("  ... %zu more\n", r->n_scenes - MAX_LISTED);
    if (r->frame_features.cols) {
        printf("features:    %zu frames x %zu", r->frame_features.rows, r->frame_features.cols);
        for (size_t c = 0; r->feature_names && c < r->frame_features.cols; c++)
            printf("%s%s", c ? ", " : " (", or_dash(r->feature_names[c]));
        printf("%s\n", r->feature_names ? ")" : "");
    }
}

static void show_beat(const MtBeatResult *b)
{
    const MtAudioStream *s = &b->stream;
    size_t downbeats = 0;

    printf("stream:      %d Hz, %d channel%s (%s), %s; analysis %d Hz, hop %d, window %d; "
           "%lld samples, %.3f s\n",
           s->sample_rate, s->channels, s->channels == 1 ? "" : "s", or_dash(s->channel_layout),
           or_dash(s->sample_fmt),
           s->analysis_rate, s->hop, s->window, (long long)s->samples, s->duration_s);
    printf("tempo:       %.2f bpm, confidence %.2f, meter %d\n", (double)b->bpm,
           (double)b->confidence, b->meter);
    for (size_t i = 0; i < b->n_candidates; i++)
        printf("  candidate %.2f bpm, weight %.2f\n", (double)b->candidates[i].bpm,
               (double)b->candidates[i].weight);
    if (b->n_curve)
        printf("  curve: %zu points, %.2f..%.2f s\n", b->n_curve, (double)b->curve_t[0],
               (double)b->curve_t[b->n_curve - 1]);
    for (size_t i = 0; i < b->n_beats; i++)
        downbeats += b->beat_downbeat[i] != 0;
    printf("beats:       %zu (%zu downbeats)", b->n_beats, downbeats);
    if (b->n_beats)
        printf(", %.6f..%.6f s", b->beat_t[0], b->beat_t[b->n_beats - 1]);
    printf("\n");
    printf("onset_env:   %zu values at %.6g Hz from %.6g s\n", b->n_onset, b->onset_rate_hz, b->onset_t0);
    printf("energy:      %zu values at %.6g Hz from %.6g s\n", b->n_energy, b->energy_rate_hz, b->energy_t0);
}

int cli_show(int argc, char **argv)
{
    MtSidecarError err;
    MtSidecar *sc;

    /* "--" ends the options, so a name may start with '-' */
    if (argc == 2 && !strcmp(argv[0], "--")) {
        argc--;
        argv++;
    } else if (argc == 1 && argv[0][0] == '-') {
        argc = 0;
    }
    if (argc != 1) {
        cli_error(NULL, "usage: montage-sidecar show FILE");
        return CLI_EXIT_USAGE;
    }
    if (mt_sidecar_read_file(argv[0], &sc, &err) < 0) {
        cli_error(argv[0], "%s", err.message);
        return cli_read_status(&err);
    }
    const MtGenerator *g = &sc->generator;
    const MtSourceIdentity *src = &sc->source;
    printf("file:        %s\n", argv[0]);
    printf("schema:      %s %d.%d, kind %s\n", MT_SIDECAR_SCHEMA, sc->schema_major,
           sc->schema_minor, mt_sidecar_kind_name(sc->kind));
    printf("generator:   %s %s, analyser %d, FFmpeg %s, libavfilter %s\n", or_dash(g->name),
           or_dash(g->version), g->analyser_version, or_dash(g->ffmpeg_version),
           or_dash(g->libavfilter_version));
    printf("source:      %s, %lld bytes, inode %lld, mtime_ns %lld, ctime_ns %lld\n",
           or_dash(src->path), (long long)src->size, (long long)src->inode,
           (long long)src->mtime_ns, (long long)src->ctime_ns);
    printf("digest:      %s\n", or_dash(src->digest));
    printf("status:      %s, %lld %s decoded, %zu warning%s\n",
           sc->status.complete ? "complete" : "INCOMPLETE", (long long)sc->status.units_seen,
           sc->kind == MT_KIND_SCENE ? "frames" : "samples", sc->status.n_warnings,
           sc->status.n_warnings == 1 ? "" : "s");
    for (size_t i = 0; i < sc->status.n_warnings; i++)
        printf("  warning: %s\n", or_dash(sc->status.warnings[i]));
    show_config(&sc->config);
    if (sc->kind == MT_KIND_SCENE)
        show_scene(&sc->scene);
    else
        show_beat(&sc->beat);
    mt_sidecar_free(sc);
    return cli_finish_stdout(CLI_EXIT_OK);
}
