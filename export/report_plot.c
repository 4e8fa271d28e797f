/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * The song plot of the report: onset strength (orange) and RMS energy
 * (teal) over time, each scaled to its own maximum, with a thin grey line
 * per beat and a magenta line per downbeat. Curves longer than the plot is
 * wide keep each column's maximum, so no peak is lost.
 */
#include <stdio.h>

#include "export/report.h"

#define PLOT_W 960
#define PLOT_H 200

static void curve(FILE *out, const float *v, size_t n, double t0, double rate, double duration,
                  const char *colour)
{
    if (!n || rate <= 0 || duration <= 0)
        return;
    float peak = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] > peak)
            peak = v[i];
    if (peak <= 0)
        return;
    fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"", colour);
    int col = -1;
    float col_max = 0;
    for (size_t i = 0; i <= n; i++) {
        int x = i < n ? (int)((t0 + (double)i / rate) / duration * PLOT_W) : -2;
        if (x != col && col >= 0 && col <= PLOT_W)
            fprintf(out, "%d,%.1f ", col, PLOT_H - 4 - (double)(col_max / peak) * (PLOT_H - 8));
        if (x != col) {
            col = x;
            col_max = 0;
        }
        if (i < n && v[i] > col_max)
            col_max = v[i];
    }
    fputs("\"/>\n", out);
}

void mt_report_beat_plot(FILE *out, const MtBeatResult *b)
{
    double duration = b->stream.duration_s > 0 ? b->stream.duration_s
                      : b->stream.sample_rate > 0 ? (double)b->stream.samples / b->stream.sample_rate
                                                  : 0;
    fprintf(out, "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\">\n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
            PLOT_W, PLOT_H, PLOT_W, PLOT_H, PLOT_W, PLOT_H);
    for (size_t i = 0; duration > 0 && i < b->n_beats; i++) {
        double x = b->beat_t[i] / duration * PLOT_W;
        if (b->beat_downbeat[i])
            fprintf(out, "<line class=\"downbeat\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" "
                         "stroke=\"#d000d0\" stroke-width=\"3\"/>\n", x, x, PLOT_H);
        else
            fprintf(out, "<line class=\"beat\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" "
                         "stroke=\"#a0a0a0\" stroke-width=\"1\"/>\n", x, x, PLOT_H);
    }
    curve(out, b->energy, b->n_energy, b->energy_t0, b->energy_rate_hz, duration, "#008080");
    curve(out, b->onset_env, b->n_onset, b->onset_t0, b->onset_rate_hz, duration, "#ff8000");
    fputs("</svg>\n", out);
}
