/* Tempo salience, prior and octave decision; see beat_tempo.h. */
#include "analysis/beat_tempo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define COMB_MULTIPLES   4
#define OFFBEAT_WINDOW_S 8.0
#define MIN_SALIENCE     0.04f /* below this there is no periodicity */

MtTempoGrid *mt_tempo_grid_new(const MtTempoParams *p)
{
    if (!(p->fps > 0) || !(p->min_bpm > 0) || !(p->max_bpm > p->min_bpm) ||
        !(p->prior_width > 0) || !(p->prior_bpm > 0))
        return NULL;
    MtTempoGrid *g = calloc(1, sizeof(*g));
    if (!g)
        return NULL;
    g->n = (int)floor(log(p->max_bpm / p->min_bpm) / log(MT_TEMPO_GRID_STEP)) + 1;
    g->bpm = malloc(sizeof(double) * (size_t)g->n);
    g->period = malloc(sizeof(double) * (size_t)g->n);
    g->prior = malloc(sizeof(float) * (size_t)g->n);
    if (!g->bpm || !g->period || !g->prior) {
        mt_tempo_grid_free(&g);
        return NULL;
    }
    for (int i = 0; i < g->n; i++) {
        double bpm = p->min_bpm * pow(MT_TEMPO_GRID_STEP, i);
        double oct = log2(bpm / p->prior_bpm) / p->prior_width;
        g->bpm[i] = bpm;
        g->period[i] = 60.0 * p->fps / bpm;
        g->prior[i] = (float)exp(-0.5 * oct * oct);
    }
    return g;
}

void mt_tempo_grid_free(MtTempoGrid **g)
{
    if (!g || !*g)
        return;
    free((*g)->bpm);
    free((*g)->period);
    free((*g)->prior);
    free(*g);
    *g = NULL;
}

int mt_tempo_max_lag(const MtTempoParams *p)
{
    /* two periods of the slowest tempo, at least 4 s for the comb */
    double lag = 2.0 * 60.0 * p->fps / p->min_bpm;
    if (lag < 4.0 * p->fps)
        lag = 4.0 * p->fps;
    return (int)ceil(lag) + 2;
}

static float ac_at(const float *ac, int max_lag, double lag)
{
    int i = (int)floor(lag);
    if (i < 0 || i + 1 > max_lag)
        return 0.0f;
    double f = lag - i;
    /* the best of the two neighbours: a peak between frames is not halved */
    float a = ac[i], b = ac[i + 1];
    float v = (float)(a + (b - a) * f);
    float m = a > b ? a : b;
    v = 0.5f * (v + m);
    return v > 0.0f ? v : 0.0f;
}

void mt_tempo_salience(const MtTempoGrid *g, const float *ac, int max_lag, float *sal)
{
    for (int i = 0; i < g->n; i++) {
        const double per = g->period[i];
        double acc = 0.0, wsum = 0.0;
        for (int k = 1; k <= COMB_MULTIPLES; k++) {
            if (k * per > max_lag - 1)
                break;
            double w = 1.0 / k;
            acc += w * ac_at(ac, max_lag, k * per);
            wsum += w;
        }
        sal[i] = wsum > 0 ? (float)(acc / wsum) : 0.0f;
    }
}

/* Mean of the envelope maxima (+-1 frame) at a + off + k*period in [a, b). */
static double fold_mean(const float *env, size_t a, size_t b, double off, double period)
{
    double acc = 0.0;
    int cnt = 0;
    for (double x = (double)a + off; x < (double)b; x += period) {
        size_t i = (size_t)(x + 0.5);
        if (i >= b)
            break;
        float m = env[i];
        if (i > a && env[i - 1] > m) m = env[i - 1];
        if (i + 1 < b && env[i + 1] > m) m = env[i + 1];
        acc += m;
        cnt++;
    }
    return cnt ? acc / cnt : 0.0;
}

double mt_tempo_subdivision_ratio(const float *env, size_t n, double period,
                                  int k, double fps)
{
    if (k < 2 || k > 4 || !(period >= 2.0 * k) || n < (size_t)(3 * period))
        return -1.0;
    size_t win = (size_t)(OFFBEAT_WINDOW_S * fps);
    if (win < (size_t)(4 * period))
        win = (size_t)(4 * period);
    if (win > n)
        win = n;
    const size_t hop = win / 2 > 0 ? win / 2 : 1;
    const double sub = period / k;
    double num = 0.0, den = 0.0;
    for (size_t a = 0; a + win <= n; a += hop) {
        const size_t b = a + win;
        double best = -1.0, on = 0.0, off = 0.0;
        /* align the fast level (every sub-period), then call the
         * strongest of the k positions the beat */
        for (double ph = 0.0; ph < sub; ph += 1.0) {
            double x[4], sum = 0.0, top = 0.0;
            for (int j = 0; j < k; j++) {
                x[j] = fold_mean(env, a, b, ph + j * sub, period);
                sum += x[j];
                if (x[j] > top) top = x[j];
            }
            if (sum > best) {
                best = sum;
                on = top;
                off = (sum - top) / (k - 1);
            }
        }
        num += off; /* weight each window by its beat strength */
        den += on;
        if (a + win == n)
            break;
    }
    if (!(den > 1e-9))
        return -1.0;
    return num / den;
}

/* Metrical evidence for moving from a level to k times faster: the
 * sub-beat positions' strength relative to the beat, against
 * MtTempoParams.octave_ratio (1 at the threshold, squared so that clear
 * evidence outweighs the prior). Unknown evidence is neutral. */
static double level_evidence(const MtTempoParams *p, const float *env, size_t n,
                             double period, int k)
{
    double r = env ? mt_tempo_subdivision_ratio(env, n, period, k, p->fps) : -1.0;
    if (r < 0)
        return 1.0;
    double e = r / p->octave_ratio;
    return e * e;
}

/* Index of the grid tempo nearest bpm. */
static int grid_index(const MtTempoGrid *g, double bpm)
{
    int i = (int)floor(log(bpm / g->bpm[0]) / log(MT_TEMPO_GRID_STEP) + 0.5);
    return i < 0 ? 0 : i >= g->n ? g->n - 1 : i;
}

/* Strongest salience within +-3 % of bpm (harmonics are not exact). */
static int refine_peak(const MtTempoGrid *g, const float *sal, double bpm)
{
    int c = grid_index(g, bpm), span = (int)ceil(log(1.03) / log(MT_TEMPO_GRID_STEP));
    int best = c;
    for (int i = c - span; i <= c + span; i++)
        if (i >= 0 && i < g->n && sal[i] > sal[best])
            best = i;
    return best;
}

/* Parabolic interpolation of the peak at grid index i, in BPM. */
static double interp_bpm(const MtTempoGrid *g, const float *sal, int i)
{
    if (i <= 0 || i >= g->n - 1)
        return g->bpm[i];
    double a = sal[i - 1], b = sal[i], c = sal[i + 1];
    double den = a - 2 * b + c;
    double d = den < 0 ? 0.5 * (a - c) / den : 0.0;
    if (d > 0.5) d = 0.5;
    if (d < -0.5) d = -0.5;
    return g->bpm[0] * pow(MT_TEMPO_GRID_STEP, i + d);
}

void mt_tempo_estimate(const MtTempoParams *p, const MtTempoGrid *g,
                       const float *ac, int max_lag,
                       const float *env, size_t n_env,
                       float *scratch, MtTempoEstimate *out)
{
    memset(out, 0, sizeof(*out));
    float *sal = scratch;
    mt_tempo_salience(g, ac, max_lag, sal);

    /* ranked peaks of salience x prior */
    int peaks[MT_TEMPO_MAX_CANDIDATES];
    float pw[MT_TEMPO_MAX_CANDIDATES];
    int np = 0;
    for (int i = 0; i < g->n; i++) {
        float w = sal[i] * g->prior[i];
        if ((i > 0 && sal[i - 1] * g->prior[i - 1] >= w) ||
            (i + 1 < g->n && sal[i + 1] * g->prior[i + 1] > w) || !(w > 0))
            continue;
        int pos = np;
        while (pos > 0 && pw[pos - 1] < w)
            pos--;
        if (pos >= MT_TEMPO_MAX_CANDIDATES)
            continue;
        int last = np < MT_TEMPO_MAX_CANDIDATES ? np : MT_TEMPO_MAX_CANDIDATES - 1;
        for (int k = last; k > pos; k--) {
            peaks[k] = peaks[k - 1];
            pw[k] = pw[k - 1];
        }
        peaks[pos] = i;
        pw[pos] = w;
        if (np < MT_TEMPO_MAX_CANDIDATES)
            np++;
    }
    if (np == 0 || sal[peaks[0]] < MIN_SALIENCE)
        return; /* no tempo */

    /* octave decision inside the family of the best peak: from its
     * slowest member up, each doubling is worth prior x evidence that
     * the half-beat positions are about as strong as the beats */
    double t0 = g->bpm[peaks[0]];
    while (t0 / 2.0 >= p->min_bpm)
        t0 /= 2.0;
    int member = refine_peak(g, sal, t0), chosen = member;
    double acc = 1.0, best = g->prior[member];
    while (g->bpm[member] * 2.0 <= p->max_bpm * 1.02) {
        int faster = refine_peak(g, sal, g->bpm[member] * 2.0);
        if (g->bpm[faster] > p->max_bpm * 1.02)
            break;
        acc *= level_evidence(p, env, n_env, g->period[member], 2);
        if (getenv("MT_BEAT_DEBUG")) fprintf(stderr, "  member %.1f prior %.2f r2 %.2f -> %.1f prior %.2f acc %.2f\n", g->bpm[member], g->prior[member], mt_tempo_subdivision_ratio(env, n_env, g->period[member], 2, p->fps), g->bpm[faster], g->prior[faster], acc);
        member = faster;
        if (g->prior[member] * acc > best) {
            best = g->prior[member] * acc;
            chosen = member;
        }
    }
    /* a ternary level (3/4 bars, 6/8 beats) above the chosen one */
    if (g->bpm[chosen] * 3.0 <= p->max_bpm * 1.02) {
        int faster = refine_peak(g, sal, g->bpm[chosen] * 3.0);
        double e = level_evidence(p, env, n_env, g->period[chosen], 3);
        if (g->bpm[faster] <= p->max_bpm * 1.02 && g->prior[faster] * e > g->prior[chosen])
            chosen = faster;
    }
    out->bpm = interp_bpm(g, sal, chosen);

    /* confidence: chosen salience against the typical level */
    float sorted_med = 0.0f;
    {
        int below = 0;
        for (int i = 0; i < g->n; i++)
            below += sal[i] < sal[chosen] * 0.5f;
        sorted_med = (float)below / (float)g->n; /* share of clearly weaker tempi */
    }
    float c = sal[chosen] * 2.0f;
    if (c > 1.0f) c = 1.0f;
    out->confidence = c * sorted_med;
    if (!isfinite(out->confidence) || out->confidence < 0)
        out->confidence = 0;

    /* candidates: the chosen tempo first, then the other peaks */
    float total = 0.0f;
    for (int k = 0; k < np; k++)
        total += pw[k];
    out->cand[0].bpm = (float)out->bpm;
    out->cand[0].weight = pw[0] / total;
    out->n_cand = 1;
    for (int k = 0; k < np && out->n_cand < MT_TEMPO_MAX_CANDIDATES; k++) {
        double b = g->bpm[peaks[k]];
        if (fabs(log(b / out->bpm)) < log(1.04))
            continue;
        float w = pw[k] / total;
        if (w > out->cand[0].weight) w = out->cand[0].weight;
        out->cand[out->n_cand].bpm = (float)interp_bpm(g, sal, peaks[k]);
        out->cand[out->n_cand].weight = w;
        out->n_cand++;
    }
    /* keep them sorted by weight after the chosen one */
    for (int a = 1; a < out->n_cand; a++)
        for (int b = a + 1; b < out->n_cand; b++)
            if (out->cand[b].weight > out->cand[a].weight) {
                MtTempoCandidate t = out->cand[a];
                out->cand[a] = out->cand[b];
                out->cand[b] = t;
            }
}
