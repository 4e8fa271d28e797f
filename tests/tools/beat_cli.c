/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * beat_cli: runs the montagebeat core on raw interleaved samples from
 * stdin, e.g.
 *   ffmpeg -v error -i X.mp3 -f f32le - | beat_cli --rate 44100 --channels 2 \
 *       --format f32 --id X --out DIR
 * writes DIR/X.beats.txt, DIR/X.bpm.txt, DIR/X.downbeats.txt and
 * DIR/X.stream.txt (streamed beats); without --out it prints a summary
 * and the beats. Options: --min-bpm --max-bpm --prior-bpm --prior-width
 * --tightness --no-downbeats. With BEAT_CLI_CURVES set in the environment
 * (and --out) it also writes DIR/X.onset.txt (the onset envelope, one
 * frame a line) and DIR/X.curve.txt (the tempo curve, "t bpm" a block,
 * empty when no curve is kept). A dev tool, not part of the test suite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/beat/beat_tracker.h"
#include "analysis/config_check.h"

static FILE *open_out(const char *dir, const char *id, const char *ext)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s.%s", dir, id, ext);
    FILE *f = fopen(path, "w");
    if (!f)
        perror(path);
    return f;
}

int main(int argc, char **argv)
{
    int rate = 44100, channels = 2, s16 = 0;
    const char *out = NULL, *id = "stdin";
    MtBeatConfig cfg;
    mt_beat_config_default(&cfg);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--no-downbeats")) { cfg.downbeats = 0; continue; }
        if (!v) { fprintf(stderr, "missing value for %s\n", a); return 2; }
        i++;
        if (!strcmp(a, "--rate")) rate = atoi(v);
        else if (!strcmp(a, "--channels")) channels = atoi(v);
        else if (!strcmp(a, "--format")) s16 = !strcmp(v, "s16");
        else if (!strcmp(a, "--out")) out = v;
        else if (!strcmp(a, "--id")) id = v;
        else if (!strcmp(a, "--min-bpm")) cfg.min_bpm = atof(v);
        else if (!strcmp(a, "--max-bpm")) cfg.max_bpm = atof(v);
        else if (!strcmp(a, "--prior-bpm")) cfg.prior_bpm = atof(v);
        else if (!strcmp(a, "--prior-width")) cfg.prior_width = atof(v);
        else if (!strcmp(a, "--tightness")) cfg.tightness = atof(v);
        else { fprintf(stderr, "unknown option %s\n", a); return 2; }
    }
    if (channels < 1 || channels > 64) {
        fprintf(stderr, "bad channel count\n");
        return 2;
    }
    char why[MT_CONFIG_WHY_SIZE];
    if (mt_beat_config_check(&cfg, why, sizeof(why)) < 0) {
        fprintf(stderr, "%s\n", why);
        return 2;
    }
    MtBeatTracker *bt = mt_beat_new(&cfg, rate);
    if (!bt) {
        fprintf(stderr, "cannot create tracker (rate %d)\n", rate);
        return 1;
    }
    FILE *fs = out ? open_out(out, id, "stream.txt") : NULL;
    const size_t bps = s16 ? 2 : 4, frames = 4096;
    unsigned char *buf = malloc(bps * (size_t)channels * frames);
    size_t got;
    while (buf && (got = fread(buf, bps * (size_t)channels, frames, stdin)) > 0) {
        const uint8_t *planes[1] = { buf };
        if (mt_beat_push_raw(bt, planes, s16 ? MT_SAMPLE_S16 : MT_SAMPLE_FLT, 0,
                             channels, got) < 0) {
            fprintf(stderr, "push failed\n");
            return 1;
        }
        double t;
        float s;
        while (mt_beat_pop_stream_beat(bt, &t, &s))
            if (fs)
                fprintf(fs, "%.4f %.3f\n", t, s);
    }
    free(buf);
    if (fs)
        fclose(fs);
    if (mt_beat_finish(bt) < 0) {
        fprintf(stderr, "finish failed\n");
        return 1;
    }
    MtBeatResult r;
    mt_beat_result(bt, &r);
    if (out) {
        FILE *fb = open_out(out, id, "beats.txt"), *fp = open_out(out, id, "bpm.txt"),
             *fd = open_out(out, id, "downbeats.txt");
        if (!fb || !fp || !fd)
            return 1;
        for (size_t i = 0; i < r.n_beats; i++) {
            fprintf(fb, "%.4f\n", r.beat_t[i]);
            if (r.beat_downbeat[i])
                fprintf(fd, "%.4f\n", r.beat_t[i]);
        }
        fprintf(fp, "%.3f\n", r.bpm);
        fclose(fb);
        fclose(fp);
        fclose(fd);
        if (getenv("BEAT_CLI_CURVES")) { /* onset envelope and tempo curve, for debugging */
            FILE *fo = open_out(out, id, "onset.txt");
            for (size_t i = 0; fo && i < r.n_onset; i++)
                fprintf(fo, "%.5f\n", r.onset_env[i]);
            if (fo)
                fclose(fo);
            /* t (s), bpm; written empty when no curve is kept, so no
             * earlier run's curve is left behind */
            FILE *fc = open_out(out, id, "curve.txt");
            for (size_t i = 0; fc && i < r.n_curve; i++)
                fprintf(fc, "%.3f %.2f\n", r.curve_t[i], r.curve_bpm[i]);
            if (fc)
                fclose(fc);
        }
    }
    printf("%s bpm %.2f conf %.2f meter %d beats %zu curve %zu cand", id, r.bpm,
           r.confidence, r.meter, r.n_beats, r.n_curve);
    for (size_t i = 0; i < r.n_candidates; i++)
        printf(" %.1f/%.2f", r.candidates[i].bpm, r.candidates[i].weight);
    printf("\n");
    if (!out)
        for (size_t i = 0; i < r.n_beats; i++)
            printf("%.4f%s\n", r.beat_t[i], r.beat_downbeat[i] ? " D" : "");
    mt_beat_free(&bt);
    return 0;
}
