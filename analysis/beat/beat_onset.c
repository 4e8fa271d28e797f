/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Spectral-flux onset features with KISS FFT; see beat_onset.h. */
#include "analysis/beat/beat_onset.h"

#include <kiss_fftr.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ONSET_PI       3.14159265358979323846
#define ONSET_LOG_GAIN 100.0f /* log(1 + g*mag): compresses loud, drops floor */
#define ONSET_MIN_HZ   30.0
#define ONSET_MAX_HZ   10500.0
#define ONSET_BANDS_PER_OCTAVE 4.0
#define ONSET_WEIGHT_POWER 0.5 /* band weight = (f / 30 Hz)^power */
#define CHROMA_MIN_HZ  250.0  /* below this a bin spans several semitones */
#define CHROMA_MAX_HZ  3000.0

struct MtOnset {
    int rate, window, nbins;
    kiss_fftr_cfg cfg;
    float *hann;            /* window, scaled so a full-scale sine reads 1 */
    float *in;              /* windowed frame */
    kiss_fft_cpx *spec;
    float *power;           /* |X[k]|^2 of the current frame */
    float *mag;             /* |X[k]| over the band bins */
    int nbands, nlow;       /* bands [0, nlow) are the low band */
    int band_lo[MT_ONSET_MAX_BANDS + 1]; /* band b = bins [band_lo[b], band_lo[b+1]) */
    float band_w[MT_ONSET_MAX_BANDS];    /* flux weight of each band */
    float hist[MT_ONSET_DIFF_LAG][MT_ONSET_MAX_BANDS]; /* past log bands */
    int hist_pos, hist_fill;
    signed char *bin_chroma; /* pitch class per bin, -1 = unused */
    int chroma_lo, chroma_hi; /* the bins with a pitch class: [lo, hi) */
};

static void build_bands(MtOnset *o)
{
    const double bin_hz = (double)o->rate / o->window;
    int lo = (int)floor(ONSET_MIN_HZ / bin_hz);
    if (lo < 1)
        lo = 1;
    int top = (int)ceil(ONSET_MAX_HZ / bin_hz);
    if (top > o->nbins - 1)
        top = o->nbins - 1;
    const double step = pow(2.0, 1.0 / ONSET_BANDS_PER_OCTAVE);
    o->nbands = 0;
    o->nlow = 0;
    double f = lo * bin_hz;
    while (lo < top && o->nbands < MT_ONSET_MAX_BANDS) {
        f *= step;
        int hi = (int)floor(f / bin_hz + 0.5);
        if (hi <= lo)
            hi = lo + 1; /* at least one bin per band */
        if (hi > top || o->nbands == MT_ONSET_MAX_BANDS - 1)
            hi = top;
        o->band_lo[o->nbands] = lo;
        if (hi * bin_hz <= MT_ONSET_LOW_HZ + bin_hz / 2)
            o->nlow = o->nbands + 1;
        /* sqrt(frequency) weighting, a mild "high frequency content":
         * percussive attacks are broadband and dominate the top octaves,
         * while bass and chord notes, often syncopated, live lower */
        o->band_w[o->nbands] = (float)pow(lo * bin_hz / ONSET_MIN_HZ, ONSET_WEIGHT_POWER);
        o->nbands++;
        lo = hi;
        f = lo * bin_hz;
    }
    o->band_lo[o->nbands] = lo;
    if (o->nlow == 0)
        o->nlow = 1;
}

MtOnset *mt_onset_new(int sample_rate, int window)
{
    if (sample_rate <= 0 || window < 16 || window % 2)
        return NULL;
    MtOnset *o = calloc(1, sizeof(*o));
    if (!o)
        return NULL;
    o->rate = sample_rate;
    o->window = window;
    o->nbins = window / 2 + 1;
    o->cfg = kiss_fftr_alloc(window, 0, NULL, NULL);
    o->hann = malloc(sizeof(float) * (size_t)window);
    o->in = malloc(sizeof(float) * (size_t)window);
    o->spec = malloc(sizeof(kiss_fft_cpx) * (size_t)o->nbins);
    o->bin_chroma = malloc((size_t)o->nbins);
    o->power = malloc(sizeof(float) * (size_t)o->nbins);
    o->mag = malloc(sizeof(float) * (size_t)o->nbins);
    if (!o->cfg || !o->hann || !o->in || !o->spec || !o->bin_chroma || !o->power || !o->mag) {
        mt_onset_free(&o);
        return NULL;
    }
    double sum = 0.0;
    for (int i = 0; i < window; i++) {
        double w = 0.5 - 0.5 * cos(2.0 * ONSET_PI * (i + 0.5) / window);
        o->hann[i] = (float)w;
        sum += w;
    }
    for (int i = 0; i < window; i++)
        o->hann[i] = (float)(o->hann[i] * 2.0 / sum);
    build_bands(o);
    const double bin_hz = (double)sample_rate / window;
    o->chroma_lo = o->nbins;
    o->chroma_hi = 0;
    for (int k = 0; k < o->nbins; k++) {
        double f = k * bin_hz;
        o->bin_chroma[k] = -1;
        if (f >= CHROMA_MIN_HZ && f <= CHROMA_MAX_HZ) {
            double midi = 69.0 + 12.0 * log2(f / 440.0);
            int pc = (int)floor(midi + 0.5) % 12;
            o->bin_chroma[k] = (signed char)(pc < 0 ? pc + 12 : pc);
            if (k < o->chroma_lo)
                o->chroma_lo = k;
            o->chroma_hi = k + 1; /* the pitched bins are one run */
        }
    }
    return o;
}

void mt_onset_free(MtOnset **o)
{
    if (!o || !*o)
        return;
    kiss_fftr_free((*o)->cfg);
    free((*o)->hann);
    free((*o)->in);
    free((*o)->spec);
    free((*o)->bin_chroma);
    free((*o)->power);
    free((*o)->mag);
    free(*o);
    *o = NULL;
}

/* Flat counted loops over float arrays (they vectorise): the window, the
 * power spectrum, the magnitudes of the band bins, then band sums. */
static void spectrum(MtOnset *o, const float *restrict frame)
{
    float *restrict in = o->in;
    const float *restrict hann = o->hann;
    for (int i = 0; i < o->window; i++)
        in[i] = frame[i] * hann[i];
    kiss_fftr(o->cfg, in, o->spec);
    const kiss_fft_cpx *restrict spec = o->spec;
    float *restrict power = o->power;
    for (int k = 0; k < o->nbins; k++)
        power[k] = spec[k].r * spec[k].r + spec[k].i * spec[k].i;
    float *restrict mag = o->mag;
    for (int k = o->band_lo[0]; k < o->band_lo[o->nbands]; k++)
        mag[k] = sqrtf(power[k]);
}

void mt_onset_do(MtOnset *o, const float *frame, MtOnsetFrame *out)
{
    spectrum(o, frame);

    float bands[MT_ONSET_MAX_BANDS];
    float chroma[12] = {0};
    for (int b = 0; b < o->nbands; b++) {
        float acc = 0.0f;
        for (int k = o->band_lo[b]; k < o->band_lo[b + 1]; k++)
            acc += o->mag[k];
        bands[b] = logf(1.0f + ONSET_LOG_GAIN * acc / (float)(o->band_lo[b + 1] - o->band_lo[b]));
    }
    for (int k = o->chroma_lo; k < o->chroma_hi; k++)
        chroma[(int)o->bin_chroma[k]] += o->power[k];

    /* flux against the band-max-filtered frame DIFF_LAG hops back */
    float flux = 0.0f, low = 0.0f, mid = 0.0f;
    if (o->hist_fill >= MT_ONSET_DIFF_LAG) {
        const float *old = o->hist[o->hist_pos];
        for (int b = 0; b < o->nbands; b++) {
            float ref = old[b];
            if (b > 0 && old[b - 1] > ref) ref = old[b - 1];
            if (b + 1 < o->nbands && old[b + 1] > ref) ref = old[b + 1];
            float d = bands[b] - ref;
            if (d > 0.0f) {
                flux += d * o->band_w[b];
                if (b < o->nlow)
                    low += d;
                else
                    mid += d;
            }
        }
    }
    memcpy(o->hist[o->hist_pos], bands, sizeof(float) * (size_t)o->nbands);
    o->hist_pos = (o->hist_pos + 1) % MT_ONSET_DIFF_LAG;
    if (o->hist_fill < MT_ONSET_DIFF_LAG)
        o->hist_fill++;

    out->flux = isfinite(flux) ? flux : 0.0f;
    out->low_flux = isfinite(low) ? low : 0.0f;
    out->mid_flux = isfinite(mid) ? mid : 0.0f;
    float cmax = 0.0f;
    for (int c = 0; c < 12; c++)
        if (chroma[c] > cmax) cmax = chroma[c];
    for (int c = 0; c < 12; c++) {
        float v = cmax > 1e-12f && isfinite(cmax) ? 255.0f * chroma[c] / cmax : 0.0f;
        out->chroma[c] = (uint8_t)(v + 0.5f);
    }
}
