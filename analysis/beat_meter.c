/* Meter, downbeats and the off-beat check from beat-synchronous cues; see
 * beat_meter.h. */
#include "analysis/beat_meter.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W_HARMONIC 1.0
#define W_LOW      0.6
#define W_ONSET    0.2

static float peak_near(const float *x, size_t n, size_t t)
{
    float m = 0.0f;
    for (size_t i = t >= 2 ? t - 2 : 0; i <= t + 2 && i < n; i++)
        if (x[i] > m) m = x[i];
    return m;
}

/* z-score in place; constant input becomes zeros */
static void zscore(double *v, size_t n)
{
    double mu = 0.0, var = 0.0;
    for (size_t i = 0; i < n; i++) mu += v[i];
    mu /= (double)n;
    for (size_t i = 0; i < n; i++) var += (v[i] - mu) * (v[i] - mu);
    double sd = sqrt(var / (double)n);
    for (size_t i = 0; i < n; i++)
        v[i] = sd > 1e-9 ? (v[i] - mu) / sd : 0.0;
}

/* cosine distance between the chroma sums of beat spans [a, a+m) and [a-m, a) */
static double harmonic_change(const double *bc, size_t n_beats, size_t a, int m)
{
    if (a < (size_t)m || a + (size_t)m > n_beats)
        return 0.0;
    double x[12] = {0}, y[12] = {0};
    for (int k = 0; k < m; k++)
        for (int c = 0; c < 12; c++) {
            x[c] += bc[(a + (size_t)k) * 12 + (size_t)c];
            y[c] += bc[(a - 1 - (size_t)k) * 12 + (size_t)c];
        }
    double xy = 0, xx = 0, yy = 0;
    for (int c = 0; c < 12; c++) {
        xy += x[c] * y[c]; xx += x[c] * x[c]; yy += y[c] * y[c];
    }
    if (xx <= 0 || yy <= 0)
        return 0.0;
    return 1.0 - xy / sqrt(xx * yy);
}

int mt_meter_detect(const size_t *beats, size_t n_beats,
                    const float *low, const float *onset, const uint8_t *chroma,
                    size_t n, double min_contrast, MtMeterResult *out)
{
    memset(out, 0, sizeof(*out));
    if (n_beats < MT_METER_MIN_BEATS)
        return 0;
    double *bc = calloc(n_beats * 12, sizeof(double));  /* beat chroma */
    double *acc = malloc(sizeof(double) * n_beats);      /* accents */
    double *on = malloc(sizeof(double) * n_beats);
    double *feat = malloc(sizeof(double) * n_beats);
    int ret = -1;
    if (!bc || !acc || !on || !feat)
        goto done;
    for (size_t i = 0; i < n_beats; i++) {
        size_t a = beats[i], b = i + 1 < n_beats ? beats[i + 1] : a + 1;
        if (b > n) b = n;
        /* the second half of each beat only: slow attacks (pads,
         * strings) have settled there, so a chord change shows in the
         * beat it starts on rather than the next */
        for (size_t t = a + (b - a) / 2; t < b; t++)
            for (int c = 0; c < 12; c++)
                bc[i * 12 + (size_t)c] += chroma[t * 12 + (size_t)c];
        acc[i] = peak_near(low, n, a);
        on[i] = peak_near(onset, n, a);
    }
    zscore(acc, n_beats);
    zscore(on, n_beats);
    float best = -1e30f;
    for (int m = 3; m <= 4; m++) {
        for (size_t i = 0; i < n_beats; i++)
            feat[i] = harmonic_change(bc, n_beats, i, m);
        zscore(feat, n_beats);
        for (size_t i = 0; i < n_beats; i++)
            feat[i] = W_HARMONIC * feat[i] + W_LOW * acc[i] + W_ONSET * on[i];
        for (int ph = 0; ph < m; ph++) {
            double s_on = 0, s_off = 0;
            size_t c_on = 0, c_off = 0;
            for (size_t i = 0; i < n_beats; i++) {
                if ((i % (size_t)m) == (size_t)ph) { s_on += feat[i]; c_on++; }
                else { s_off += feat[i]; c_off++; }
            }
            float contrast = (float)(s_on / (double)c_on - s_off / (double)c_off);
            if (contrast > best) {
                best = contrast;
                out->meter = m;
                out->phase = ph;
            }
        }
    }
    out->contrast = best;
    if (!(best >= min_contrast)) {
        out->meter = 0;
        out->phase = 0;
    }
    ret = 0;
done:
    free(bc);
    free(acc);
    free(on);
    free(feat);
    return ret;
}

double mt_meter_offbeat_contrast(const size_t *beats, size_t n_beats, const uint8_t *chroma,
                                 size_t n)
{
    if (n_beats < MT_METER_MIN_BEATS)
        return 0.0;
    /* half-beat slots: even = the beats, odd = the midpoints between them */
    const size_t ns = 2 * n_beats - 1;
    double *sc = calloc(ns * 12, sizeof(double));
    double *h = malloc(sizeof(double) * ns), *z = malloc(sizeof(double) * ns);
    /* best bar phase on the beats [0] and on the midpoints [1]: mean
     * z-scored change and mean raw change (cosine distance) */
    double best_z[2] = { -1e30, -1e30 }, best_raw[2] = { 0.0, 0.0 };
    if (!sc || !h || !z)
        goto done;
    for (size_t j = 0; j < ns; j++) {
        size_t i = j / 2;
        size_t a = j % 2 ? (beats[i] + beats[i + 1]) / 2 : beats[i];
        size_t b = j % 2 ? beats[i + 1] : i + 1 < n_beats ? (beats[i] + beats[i + 1]) / 2 : a + 1;
        if (b > n) b = n;
        for (size_t t = a; t < b; t++)
            for (int c = 0; c < 12; c++)
                sc[j * 12 + (size_t)c] += chroma[t * 12 + (size_t)c];
    }
    for (int m = 3; m <= 4; m++) {
        const size_t bar = 2 * (size_t)m, lo = bar, hi = ns >= bar ? ns - bar : 0;
        if (hi <= lo + 2 * bar)
            continue;
        for (size_t j = lo; j <= hi; j++)
            h[j - lo] = z[j - lo] = harmonic_change(sc, ns, j, (int)bar);
        zscore(z, hi - lo + 1);
        for (size_t ph = 0; ph < bar; ph++) {
            double sz = 0.0, sr = 0.0;
            size_t cnt = 0;
            for (size_t j = lo + (ph + bar - lo % bar) % bar; j <= hi; j += bar) {
                sz += z[j - lo];
                sr += h[j - lo];
                cnt++;
            }
            if (cnt && sz / (double)cnt > best_z[ph % 2]) {
                best_z[ph % 2] = sz / (double)cnt;
                best_raw[ph % 2] = sr / (double)cnt;
            }
        }
    }
done:
    free(sc);
    free(h);
    free(z);
    if (!(best_z[0] > -1e29 && best_z[1] > -1e29))
        return 0.0;
    /* a z-score lifts noise to the scale of chord changes: the midpoints'
     * lead must also be a real change of harmony */
    if (best_raw[1] - best_raw[0] < MT_METER_OFFBEAT_MIN_CHANGE)
        return 0.0;
    return best_z[1] - best_z[0];
}

size_t mt_meter_shift_half(size_t *beats, size_t nb, size_t n)
{
    if (nb < 2)
        return nb;
    size_t first_half = (beats[1] - beats[0]) / 2;
    size_t last_half = (beats[nb - 1] - beats[nb - 2]) / 2;
    size_t last = beats[nb - 1], m = 0;
    int lead = beats[0] >= first_half; /* room for a beat before the first */
    size_t before = beats[0] - (lead ? first_half : 0);
    for (size_t i = 0; i + 1 < nb; i++) /* in place: beats[i + 1] still unread */
        beats[m++] = (beats[i] + beats[i + 1] + 1) / 2;
    if (last + last_half < n)
        beats[m++] = last + last_half;
    if (lead) { /* the sequence gains a beat at the front */
        for (size_t i = m; i > 0; i--)
            beats[i] = beats[i - 1];
        beats[0] = before;
        m++;
    }
    return m;
}
