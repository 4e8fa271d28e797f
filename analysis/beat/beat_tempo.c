/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Tempo salience, prior and octave decision; see beat_tempo.h. */
#include "analysis/beat/beat_tempo.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/beat/beat_peak.h"

#define COMB_MULTIPLES   4
#define OFFBEAT_WINDOW_S 8.0
#define MIN_SALIENCE     0.04f /* below this there is no periodicity */
#define TATUM_RATIO      0.1  /* sub-beats weaker than this: the level is not subdivided */
#define TATUM_PENALTY    0.6
#define DOUBLING_CLAMP   2.0
#define SUPPORT_POWER    0.5f /* compression of env for the support ratios */
/* Metrical levels (T * 2^k) are followed this far past the searched
 * range, so a tempo at its very edge keeps its family: it separates a
 * level just outside min_bpm..max_bpm (a peak the grid cannot quite
 * reach) from the next octave. Since the first version; margins not
 * recorded (#15 only named it). */
#define RANGE_MARGIN     1.02
/* Tempi within this ratio are one salience peak: harmonics of a beat are
 * not exact multiples, so the peak is looked for within it, and a second
 * candidate that close is the same one. Since the first version; margins
 * not recorded (#15 only named it). */
#define SAME_PEAK_RATIO  1.03

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
        g->bpm[i] = bpm;
        g->period[i] = 60.0 * p->fps / bpm;
    }
    mt_tempo_grid_centre_prior(g, p, p->prior_bpm);
    return g;
}

void mt_tempo_grid_centre_prior(MtTempoGrid *g, const MtTempoParams *p, double centre_bpm)
{
    for (int i = 0; i < g->n; i++) {
        double oct = log2(g->bpm[i] / centre_bpm) / p->prior_width;
        g->prior[i] = (float)exp(-0.5 * oct * oct);
    }
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

/* ac interpolated at lag, 0 < lag <= max_lag - 1 (the salience's comb
 * stops before max_lag - 1 and grid periods are > 0): truncation is
 * floor() there, without a libm call or a range test */
static float ac_at(const float *ac, double lag)
{
    int i = (int)lag; /* i + 1 <= max_lag */
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
            acc += w * ac_at(ac, k * per);
            wsum += w;
        }
        sal[i] = wsum > 0 ? (float)(acc / wsum) : 0.0f;
    }
}

/* Mean of the envelope maxima (+-1 frame) at a + off + k*period in [a, b),
 * period >= 4 (its one caller, subdivision_ratio, returns early for
 * periods under 2k >= 4 frames; the m3 shortcut below needs period > 0.5).
 * m3 (may be NULL): the maxima of env over +-1 frame, precomputed by the
 * caller for many folds of one envelope, as doubles (the sum's type: no
 * conversion in the loop, the same values); used away from the window
 * edges, where it holds the same three values. */
static double fold_mean(const float *env, const double *m3, size_t a, size_t b, double off,
                        double period)
{
    assert(period >= 4.0);
    double acc = 0.0;
    int cnt = 0;
    double x = (double)a + off;
    /* x >= 0 (a, off >= 0): the signed conversions below give the same
     * index as one to size_t, in one instruction instead of a test and a
     * branch; the folds are the tempo decision's main cost */
    if (m3) {
        /* positions before the last frame (x + 0.5 < b - 1, i + 1 < b)
         * read m3 without the window tests; the position at the last
         * frame, if any, is left to the loop below, as before. Only the
         * first position can be the window's first frame (i == a, whose
         * maximum leaves out the frame before the window): every later
         * one is a period (>= 4 frames, more than the 0.5 this needs)
         * past it */
        const double last = (double)(b - 1);
        double y = x + 0.5;
        if (y < last) {
            const size_t i = (size_t)(int64_t)y;
            acc += i > a ? m3[i] : mt_env_max3(env, a, b, i);
            cnt++;
            for (x += period; (y = x + 0.5) < last; x += period) {
                acc += m3[(size_t)(int64_t)y];
                cnt++;
            }
        }
    }
    for (; x < (double)b; x += period) {
        size_t i = (size_t)(int64_t)(x + 0.5);
        if (i >= b)
            break;
        acc += mt_env_max3(env, a, b, i);
        cnt++;
    }
    return cnt ? acc / cnt : 0.0;
}

/* m3[i] = max(env[i - 1], env[i], env[i + 1]) for 0 < i < n - 1. */
static void neighbour_max(const float *env, size_t n, double *m3)
{
    for (size_t i = 1; i + 1 < n; i++)
        m3[i] = mt_env_max3(env, 0, n, i);
    if (n > 0) {
        m3[0] = env[0];
        m3[n - 1] = env[n - 1];
    }
}

static double subdivision_ratio(const float *env, const double *m3, size_t n, double period,
                                int k, double fps);

double mt_tempo_subdivision_ratio(const float *env, size_t n, double period,
                                  int k, double fps)
{
    return subdivision_ratio(env, NULL, n, period, k, fps);
}

static double subdivision_ratio(const float *env, const double *m3, size_t n, double period,
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
                x[j] = fold_mean(env, m3, a, b, ph + j * sub, period);
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

/* Index of the grid tempo nearest bpm. */
static int grid_index(const MtTempoGrid *g, double bpm)
{
    int i = (int)floor(log(bpm / g->bpm[0]) / log(MT_TEMPO_GRID_STEP) + 0.5);
    return i < 0 ? 0 : i >= g->n ? g->n - 1 : i;
}

/* Strongest salience within SAME_PEAK_RATIO (+-3 %) of bpm. */
static int refine_peak(const MtTempoGrid *g, const float *sal, double bpm)
{
    int c = grid_index(g, bpm), span = (int)ceil(log(SAME_PEAK_RATIO) / log(MT_TEMPO_GRID_STEP));
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

#define MAX_LEVELS 12

/* Evidence that every beat of `bpm` is present: the sub-beat ratio of
 * the level below (bpm / 2) against octave_ratio, clamped to
 * [1/DOUBLING_CLAMP, DOUBLING_CLAMP]; 1 (neutral) when unknown. */
static double doubling_support(const MtTempoParams *p, const float *env, const double *m3,
                               size_t n, double bpm)
{
    double r = subdivision_ratio(env, m3, n, 120.0 * p->fps / bpm, 2, p->fps);
    if (r < 0)
        return 1.0;
    double e = r / p->octave_ratio;
    return e < 1.0 / DOUBLING_CLAMP ? 1.0 / DOUBLING_CLAMP : e > DOUBLING_CLAMP ? DOUBLING_CLAMP : e;
}

static int add_candidate(int *cand, int nc, const MtTempoParams *p, const MtTempoGrid *g,
                         const float *sal, double bpm)
{
    if (nc >= MAX_LEVELS || bpm < p->min_bpm / RANGE_MARGIN || bpm > p->max_bpm * RANGE_MARGIN)
        return nc;
    int k = refine_peak(g, sal, bpm);
    for (int i = 0; i < nc; i++)
        if (fabs(log(g->bpm[cand[i]] / g->bpm[k])) < log(SAME_PEAK_RATIO))
            return nc;
    cand[nc] = k;
    return nc + 1;
}

/* Salience x prior summed over the binary family of grid tempo i. */
static double family_weight(const MtTempoParams *p, const MtTempoGrid *g, const float *sal, int i)
{
    double root = g->bpm[i], w = 0.0;
    while (root / 2.0 >= p->min_bpm / RANGE_MARGIN)
        root /= 2.0;
    for (double b = root; b <= p->max_bpm * RANGE_MARGIN; b *= 2.0) {
        int k = refine_peak(g, sal, b);
        w += sal[k] * g->prior[k];
    }
    return w;
}

/* Adds the binary family (T * 2^k within range) of bpm. */
static int add_family(int *cand, int nc, const MtTempoParams *p, const MtTempoGrid *g,
                      const float *sal, double bpm)
{
    while (bpm / 2.0 >= p->min_bpm / RANGE_MARGIN)
        bpm /= 2.0;
    for (; bpm <= p->max_bpm * RANGE_MARGIN; bpm *= 2.0)
        nc = add_candidate(cand, nc, p, g, sal, bpm);
    return nc;
}

/*
 * The octave decision. Candidates: the binary family (T * 2^k) of the
 * salience peak whose family weighs most (so a peak at 2/3 or 3/2 of the
 * beat, common with dense off-beats, does not lead), plus the triple of
 * any member whose thirds are marked (a 3/4 bar level found first).
 * Thirds of members are not tried: with dense off-beats they mostly
 * produce the 2/3-of-the-beat error. Each scores
 *   prior x support x tatum,
 * support being the product of doubling_support() down the candidate's
 * binary chain (a level is worth its prior, more when the level below it
 * is evenly subdivided into it, less when every other beat of it would
 * be weak), and tatum = TATUM_PENALTY for a level with no subdivision of
 * its own (the fastest regular pulse is more often felt as subdivision
 * than as beat). Support ratios are measured on env^SUPPORT_POWER so
 * that a loud bar accent does not hide the other beats.
 */
static int choose_level(const MtTempoParams *p, const MtTempoGrid *g, const float *sal,
                        const int *peaks, int np, const float *env, size_t n_env)
{
    if (!env || n_env == 0)
        return peaks[0];
    /* cenv: the compressed envelope; m3e, m3c: neighbour maxima of env
     * and cenv, shared by the many folds below */
    double *m3e = malloc((2 * sizeof(double) + sizeof(float)) * n_env);
    if (!m3e)
        return peaks[0];
    double *m3c = m3e + n_env;
    float *cenv = (float *)(void *)(m3c + n_env);
    for (size_t i = 0; i < n_env; i++)
        cenv[i] = env[i] > 0 ? powf(env[i], SUPPORT_POWER) : 0.0f;
    neighbour_max(env, n_env, m3e);
    neighbour_max(cenv, n_env, m3c);
    int lead = peaks[0];
    double lead_w = family_weight(p, g, sal, lead);
    for (int k = 1; k < np; k++) {
        double w = family_weight(p, g, sal, peaks[k]);
        if (w > lead_w) { lead_w = w; lead = peaks[k]; }
    }
    int cand[MAX_LEVELS], nc = 0;
    nc = add_family(cand, nc, p, g, sal, g->bpm[lead]);
    const int nbin = nc;
    double third[MAX_LEVELS]; /* evidence for a ternary candidate from its parent */
    double r3_env[MAX_LEVELS]; /* ternary ratio on env of the binary members */
    for (int i = 0; i < MAX_LEVELS; i++)
        third[i] = 1.0;
    for (int i = 0; i < nbin; i++) {
        double r3 = subdivision_ratio(env, m3e, n_env, g->period[cand[i]], 3, p->fps);
        r3_env[i] = r3;
        if (r3 > TATUM_RATIO) {
            r3 = subdivision_ratio(cenv, m3c, n_env, g->period[cand[i]], 3, p->fps);
            int m = add_candidate(cand, nc, p, g, sal, g->bpm[cand[i]] * 3.0);
            if (m > nc) {
                double e = r3 / p->octave_ratio;
                third[nc] = e < 1.0 / DOUBLING_CLAMP ? 1.0 / DOUBLING_CLAMP
                          : e > DOUBLING_CLAMP ? DOUBLING_CLAMP : e;
            }
            nc = m;
        }
    }
    int best = peaks[0];
    double best_s = -1.0;
    for (int i = 0; i < nc; i++) {
        const double bpm = g->bpm[cand[i]];
        double support = third[i];
        for (double b = bpm; b / 2.0 >= p->min_bpm / RANGE_MARGIN; b /= 2.0)
            support *= doubling_support(p, cenv, m3c, n_env, b);
        double r2 = subdivision_ratio(env, m3e, n_env, g->period[cand[i]], 2, p->fps);
        double r3 = i < nbin ? r3_env[i]
                  : subdivision_ratio(env, m3e, n_env, g->period[cand[i]], 3, p->fps);
        double sub = r2 > r3 ? r2 : r3;
        double tatum = sub >= 0 && sub < TATUM_RATIO ? TATUM_PENALTY : 1.0;
        const double score = g->prior[cand[i]] * support * tatum;
        if (score > best_s) { best_s = score; best = cand[i]; }
    }
    free(m3e);
    return best;
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

    int chosen = choose_level(p, g, sal, peaks, np, env, n_env);
    out->bpm = interp_bpm(g, sal, chosen);

    /* confidence: the chosen salience (periodicity strength) times the
     * share of grid tempi clearly weaker than it (peak distinctness) */
    int weaker = 0;
    for (int i = 0; i < g->n; i++)
        weaker += sal[i] < sal[chosen] * 0.5f;
    float c = sal[chosen] * 2.0f;
    if (c > 1.0f) c = 1.0f;
    out->confidence = c * (float)weaker / (float)g->n;
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
