/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Meter, downbeats and the off-beat check from beat-synchronous cues; see
 * beat_meter.h. */
#include "analysis/beat/beat_meter.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/beat/beat_peak.h"
#include "analysis/beat/beat_phrase.h"

/* Weights of the accents next to the z-scored harmonic change in the
 * 4/4 bar-phase score: the low band (kick, bass) on the half-bar pair (1
 * and 3, W_ACCENT) and on the one alone (W_ACCENT_ONE), and the bands
 * above it (snare, claps) on the other pair, the backbeat 2 and 4
 * (W_BACKBEAT). Chosen together on the tune material (dev corpus, extra
 * corpora 1-3, music-dev tune part: 50 4/4 pieces whose beats and bar
 * phase can be scored): the phase is found in 39 with the weights of
 * analyser 4 (0.25, 0.05, no backbeat), in 43 with 0.5, 0.15 and 0.75.
 * Mean downbeat F per set, analyser 4 -> these: dev 0.740 -> 0.840,
 * music-dev tune 0.615 -> 0.654, extra 0.736 -> 0.808, extra_2 0.634 ->
 * 0.686, extra_3 0.744 unchanged. The margins are narrow: over the grid
 * W_ACCENT 0.25-0.5, W_ACCENT_ONE 0.05-0.3, W_BACKBEAT 0.5-1.25 (and
 * TWO_BAR_WEIGHT 0.5-1) the tune part's mean ranges 0.52-0.68, but the
 * sum over the five sets is above analyser 4's at every backbeat weight
 * tried (3.55-3.76 against 3.47); no backbeat: at most 3.47. */
#define W_ACCENT     0.5
#define W_ACCENT_ONE 0.15
#define W_BACKBEAT   0.75
#define TWO_BAR_WEIGHT 0.5 /* see best_phase */
/* The harmonic change votes on the bar phase only where the harmony
 * changes at that bar length: its best phase must lead the other beats
 * by this much raw (mean cosine distance), else the z-score would lift
 * the chroma's noise to the scale of the accents. A piece whose one is
 * marked by a bass note alone (test_beat_downbeat.c: the bar's chroma
 * repeats every bar) leads by 0.0008 at 4 beats per bar and lost its
 * phase to that noise (the one on beat 3); the correctly tracked pieces
 * of the tune material (dev corpus, extra corpora 1-3 and 5, music-dev
 * tune part) lead by 0.0063 (md13, md31) or more at 4 beats. At 3, 5 and
 * 6 beats per bar 4/4 pieces lead by as little as 0.0003 and lose the
 * noise there too; beats, meters and downbeats of all those pieces are
 * the same with the term left out below 0.002 or 0.003. */
#define HARMONY_MIN_LEAD 0.002
/* Weight of the accents next to the unit-norm chroma in the beat vectors
 * whose repetition gives the bar length. Chroma alone does not separate
 * 3/4 from 4/4 (music-dev tune part and extra corpora 2, 3: repetition
 * lead of 4/4 pieces up to +0.17, of waltzes from +0.07); with the
 * accents at 0.3 the 4/4 pieces reach +0.10 and the waltzes +0.24 or
 * more (0.6 and 1.0 separate too, on a scale that grows with the weight). */
#define REP_ACCENT 0.3
/* Weight of the phase scores' lead (best 3/4 phase against best 4/4
 * phase) next to the repetition lead in the 3-or-4 decision: alone, the
 * repetition lead leaves a slow piano waltz (extra corpus h12, +0.06)
 * below a fast 4/4 swing (dev a03, +0.14); with the phase lead at 0.5
 * they are +0.25 and -0.07 (see MT_METER_TRIPLE_MIN). */
#define W_PHASE_LEAD 0.5
/* Weight of the two-bar phrase novelty (beat_phrase.h, z-scored, contrast
 * at the phase) against the bar-phase score when a 4/4 bar's phase is
 * chosen between the best phase and the one half a bar from it (beat 1
 * or 3: the chords and the kick often mark both alike). Measured on the
 * 4/4 pieces of the tune material tracked at the right level (dev corpus,
 * extra corpora 1-3: 35; music-dev tune part and music-tune: 20 real):
 * the generated pieces keep their phase at every weight tried (0.5-3);
 * of the real ones, the three on beat 3 (md29, mt07, mt10) move to the
 * one above 0.26, 0.32 and 0.99, and the first piece that would leave a
 * right phase does so at 3.57 (mt06, then md39 at 7.4). 2 sits between
 * 0.99 and 3.57. Phase chosen among all four with the novelty added
 * instead: loses md39 at every weight (to a neighbouring beat). At 2,
 * whole pieces lose a right phase where no one phase holds (md09's
 * fermata, md10's meter change) or the beats are eighths (mt03 at double
 * tempo): the count above is of pieces tracked at their level. */
#define W_PHRASE 2.0
/* the phrase novelty's span: two bars on each side (one bar found the
 * phase in 14 of the 20 real pieces, against 15 without it; four bars in
 * 16 at best, two in 18) */
#define PHRASE_BARS 2
/* The phrase novelty votes only where it leads at the other phase by this
 * much raw (mean cosine similarity), as the harmonic change does
 * (HARMONY_MIN_LEAD): a piece whose chroma repeats every bar
 * (test_beat_downbeat.c's bass cue) leads by 0.0004 at beat 3 and lost
 * its phase to the z-scored noise; the real pieces of the tune material
 * that move lead by 0.0038 (md09, a wrong move: see W_PHRASE) to 0.0164
 * (md29). */
#define PHRASE_MIN_LEAD 0.002

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

/* Mean of f over the beats at bar position p of an m-beat bar, minus the
 * mean over the other beats. */
static double position_contrast(const double *f, size_t n_beats, int m, int p)
{
    double s_on = 0, s_off = 0;
    size_t c_on = 0, c_off = 0;
    for (size_t i = 0; i < n_beats; i++) {
        if ((i % (size_t)m) == (size_t)p) { s_on += f[i]; c_on++; }
        else { s_off += f[i]; c_off++; }
    }
    return c_on && c_off ? s_on / (double)c_on - s_off / (double)c_off : 0.0;
}

/* Mean cosine similarity of the beat vectors v[i] and v[i + lag] (dim each). */
static double repetition(const double *v, size_t n_beats, int dim, size_t lag)
{
    double acc = 0.0;
    size_t cnt = 0;
    for (size_t i = 0; i + lag < n_beats; i++) {
        const double *x = v + i * (size_t)dim, *y = v + (i + lag) * (size_t)dim;
        double xy = 0, xx = 0, yy = 0;
        for (int c = 0; c < dim; c++) {
            xy += x[c] * y[c]; xx += x[c] * x[c]; yy += y[c] * y[c];
        }
        acc += xx > 0 && yy > 0 ? xy / sqrt(xx * yy) : 0.0;
        cnt++;
    }
    return cnt ? acc / (double)cnt : 0.0;
}

/* Bar-level repetition: how much more the beats repeat at 3, 6 and 9
 * beats than at 4 and 8 (> 0 leans to 3/4). Beat vectors: the beat's
 * chroma (unit norm) with the z-scored low and full-band accents at
 * REP_ACCENT, minus their mean over the piece. */
static double repetition_lead(const double *fc, const double *acc_z, const double *on_z,
                              size_t n_beats, double *v)
{
    enum { DIM = 14 };
    double mean[DIM] = { 0 };
    for (size_t i = 0; i < n_beats; i++) {
        double *x = v + i * DIM, nn = 0.0;
        for (int c = 0; c < 12; c++) nn += fc[i * 12 + (size_t)c] * fc[i * 12 + (size_t)c];
        nn = nn > 0 ? sqrt(nn) : 1.0;
        for (int c = 0; c < 12; c++) x[c] = fc[i * 12 + (size_t)c] / nn;
        x[12] = REP_ACCENT * acc_z[i];
        x[13] = REP_ACCENT * on_z[i];
        for (int c = 0; c < DIM; c++) mean[c] += x[c] / (double)n_beats;
    }
    for (size_t i = 0; i < n_beats; i++)
        for (int c = 0; c < DIM; c++) v[i * DIM + (size_t)c] -= mean[c];
    const double s3 = (repetition(v, n_beats, DIM, 3) + repetition(v, n_beats, DIM, 6) +
                       repetition(v, n_beats, DIM, 9)) / 3.0;
    const double s4 = (repetition(v, n_beats, DIM, 4) + repetition(v, n_beats, DIM, 8)) / 2.0;
    return s3 - s4;
}

/* Bar-phase scores of m beats per bar into score[m]; returns the best,
 * *phase gets its phase. feat, feat2: scratch of n_beats each. */
static double best_phase(const double *fc, const double *acc, const double *hi, size_t n_beats,
                         int m, double *feat, double *feat2, double *score, int *phase)
{
    /* harmonic change over one bar and over two: where chords change on
     * 1 and 3 alike, the two-bar spans (phrases, progressions of two
     * bars) still change on the one. Phases found on the music-dev tune
     * part: one-bar spans alone 13 of 19; two-bar spans added at
     * TWO_BAR_WEIGHT 0.5 14, at 1.0 15 (extra corpus 2: 6, 7, 8 of 10),
     * but at 1.0 the drum patterns of the unit tests, whose chords ring
     * on the one only, lose their phase; four-bar spans added nothing. */
    for (size_t i = 0; i < n_beats; i++) {
        feat[i] = harmonic_change(fc, n_beats, i, m);
        feat2[i] = harmonic_change(fc, n_beats, i, 2 * m);
    }
    double raw_lead = -1e30;
    for (int ph = 0; ph < m; ph++)
        raw_lead = fmax(raw_lead, position_contrast(feat, n_beats, m, ph));
    const int harmony_votes = raw_lead >= HARMONY_MIN_LEAD;
    zscore(feat, n_beats);
    zscore(feat2, n_beats);
    for (size_t i = 0; i < n_beats; i++)
        feat[i] = harmony_votes ? feat[i] + TWO_BAR_WEIGHT * feat2[i] : 0.0;
    double best = -1e30;
    *phase = 0;
    for (int ph = 0; ph < m; ph++) {
        /* the kick and bass land on 1 and 3 of a 4/4 bar about equally
         * often (music-dev tune part): in 4/4 they mainly say which
         * half-bar pair holds the one, and the harmonic change picks
         * within it */
        const double plain = position_contrast(acc, n_beats, m, ph);
        double accent = plain, backbeat = 0.0;
        if (m == 4) {
            accent = 0.5 * (plain + position_contrast(acc, n_beats, m, (ph + 2) % 4));
            backbeat = 0.5 * (position_contrast(hi, n_beats, m, (ph + 1) % 4) +
                              position_contrast(hi, n_beats, m, (ph + 3) % 4));
        }
        score[ph] = position_contrast(feat, n_beats, m, ph) + W_ACCENT * accent +
                    W_ACCENT_ONE * plain + W_BACKBEAT * backbeat;
        if (score[ph] > best) {
            best = score[ph];
            *phase = ph;
        }
    }
    return best;
}

/* The 4/4 phase: best_phase's choice or the phase half a bar from it,
 * whichever leads with the phrase novelty added (see W_PHRASE). feat,
 * feat2: scratch of n_beats each. */
static int half_bar_phase(const double *fc, size_t n_beats, const double *score, int phase,
                          double *feat, double *feat2)
{
    mt_phrase_novelty(fc, n_beats, (size_t)(PHRASE_BARS * 4), feat, feat2);
    const int other = (phase + 2) % 4;
    if (position_contrast(feat2, n_beats, 4, other) - position_contrast(feat2, n_beats, 4, phase) <
        PHRASE_MIN_LEAD)
        return phase;
    zscore(feat2, n_beats);
    const double keep = score[phase] + W_PHRASE * position_contrast(feat2, n_beats, 4, phase);
    const double move = score[other] + W_PHRASE * position_contrast(feat2, n_beats, 4, other);
    return move > keep ? other : phase;
}

int mt_meter_detect(const size_t *beats, size_t n_beats, const float *low, const float *mid,
                    const float *onset, const uint8_t *chroma, size_t n, MtMeterResult *out)
{
    memset(out, 0, sizeof(*out));
    if (n_beats < MT_METER_MIN_BEATS)
        return 0;
    double *fc = calloc(n_beats * 12, sizeof(double));  /* chroma of each beat */
    double *acc = malloc(sizeof(double) * n_beats);      /* low-band accents */
    double *on = malloc(sizeof(double) * n_beats);
    double *hi = malloc(sizeof(double) * n_beats);       /* accents above the low band */
    double *feat = malloc(sizeof(double) * n_beats);
    double *feat2 = malloc(sizeof(double) * n_beats);
    double *v = malloc(sizeof(double) * n_beats * 14);
    int ret = -1;
    if (!fc || !acc || !on || !hi || !feat || !feat2 || !v)
        goto done;
    for (size_t i = 0; i < n_beats; i++) {
        size_t a = beats[i], b = i + 1 < n_beats ? beats[i + 1] : a + 1;
        if (b > n) b = n;
        /* the whole beat: the second half only (tried, so that slow
         * attacks have settled) moves the change of a chord struck once
         * and let decay into the next beat, and found the phase less
         * often on the music-dev tune part (13 of 19 against 14) */
        for (size_t t = a; t < b; t++)
            for (int c = 0; c < 12; c++)
                fc[i * 12 + (size_t)c] += chroma[t * 12 + (size_t)c];
        acc[i] = mt_env_peak_near(low, n, a);
        on[i] = mt_env_peak_near(onset, n, a);
        hi[i] = mt_env_peak_near(mid, n, a);
    }
    zscore(acc, n_beats);
    zscore(on, n_beats);
    zscore(hi, n_beats);
    /* bar-phase scores and best phase for 3 to 6 beats per bar */
    double score[7][6], c[7];
    int ph[7];
    for (int m = 3; m <= 6; m++)
        c[m] = best_phase(fc, acc, hi, n_beats, m, feat, feat2, score[m], &ph[m]);
    const double lead = repetition_lead(fc, acc, on, n_beats, v) + W_PHASE_LEAD * (c[3] - c[4]);
    int meter = lead > MT_METER_TRIPLE_MIN ? 3 : 4;
    /* five beats: a bar phase that stands out on its own (weakly
     * structured 4/4 pieces can lead with a low score) and well above
     * the best of 3, 4 and 6 */
    if (c[5] >= MT_METER_FIVE_MIN && c[5] >= MT_METER_FIVE_LEAD * fmax(fmax(c[3], c[4]), c[6]))
        meter = 5;
    /* six beats: well above 3, 4 and 5, and sharp: well above the
     * positions 2, 3 and 4 beats after the one (bar or half-bar lines
     * when the music is in 3/4 or 4/4) */
    const int p6 = ph[6];
    const double six_inner = fmax(fmax(score[6][(p6 + 2) % 6], score[6][(p6 + 3) % 6]),
                                  score[6][(p6 + 4) % 6]);
    if (c[6] >= MT_METER_SIX_LEAD * fmax(fmax(c[3], c[4]), c[5]) &&
        c[6] - six_inner >= MT_METER_SIX_SHARP)
        meter = 6;
    out->meter = meter;
    out->phase = meter == 4 ? half_bar_phase(fc, n_beats, score[4], ph[4], feat, feat2)
                            : ph[meter];
    out->contrast = (float)score[meter][out->phase];
    ret = 0;
done:
    free(fc);
    free(acc);
    free(on);
    free(hi);
    free(feat);
    free(feat2);
    free(v);
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
