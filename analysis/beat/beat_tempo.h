/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Tempo estimation over the onset envelope, shared by the whole-stream
 * analysis and the streaming predictor.
 *
 * 1. Salience: for every tempo of a log-spaced grid, a comb over the
 *    normalised autocorrelation at 1..4 times the beat period (a true
 *    period also repeats at its multiples; a sub-beat does not).
 * 2. Perceptual prior: log-normal around prior_bpm (width in octaves).
 * 3. Octave decision (the classic half/double error), explicit: the
 *    candidates are the metrical family T * 2^k of the peak whose family
 *    weighs most, plus triples (3 T) where thirds are marked (a 3/4 bar
 *    found before its beat). Each scores prior x metrical evidence:
 *    - support: for every halving below the candidate, how evenly that
 *      slower level is subdivided into the candidate's beats (the
 *      half-period positions' strength relative to the beats, see
 *      mt_tempo_subdivision_ratio, on sqrt(env) so a bar accent does not
 *      hide the other beats), clamped to [1/2, 2];
 *    - tatum penalty: a level with no subdivision of its own (the fastest
 *      regular pulse, e.g. arpeggiated eighths) is more often felt as
 *      subdivision than as beat.
 *    Peaks at 2/3 or 3/2 of the beat (common with dense off-beats) only
 *    lead when their own family outweighs the beat's.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TEMPO_H
#define MONTAGE_ANALYSIS_BEAT_TEMPO_H

#include <stddef.h>

#include "analysis/beat/beat_result.h"

#define MT_TEMPO_MAX_CANDIDATES 5
#define MT_TEMPO_GRID_STEP      1.005 /* ratio between grid tempi (0.5 %) */

typedef struct MtTempoParams {
    double fps;          /* onset frames per second */
    double min_bpm, max_bpm;
    double prior_bpm;    /* centre of the perceptual prior */
    double prior_width;  /* its standard deviation in octaves */
    double octave_ratio; /* sub/beat strength ratio at which the evidence is neutral */
} MtTempoParams;

typedef struct MtTempoGrid {
    int n;
    double *bpm;    /* ascending */
    double *period; /* frames per beat */
    float  *prior;  /* 0..1 */
} MtTempoGrid;

typedef struct MtTempoEstimate {
    double bpm;        /* 0 = no tempo */
    float confidence;  /* 0..1 */
    MtTempoCandidate cand[MT_TEMPO_MAX_CANDIDATES];
    int n_cand;
} MtTempoEstimate;

/* NULL on bad parameters or allocation failure. */
MtTempoGrid *mt_tempo_grid_new(const MtTempoParams *p);
void mt_tempo_grid_free(MtTempoGrid **g);

/* Re-centres the grid's prior on centre_bpm (width p->prior_width);
 * mt_tempo_grid_new centres it on p->prior_bpm. */
void mt_tempo_grid_centre_prior(MtTempoGrid *g, const MtTempoParams *p, double centre_bpm);

/* Lags the salience needs: mt_tempo_salience reads ac[0..max_lag]. */
int mt_tempo_max_lag(const MtTempoParams *p);

/* Comb salience of every grid tempo from a normalised autocorrelation
 * ac[0..max_lag] (ac[0] = 1); sal[g->n], values in [0, 1]. */
void mt_tempo_salience(const MtTempoGrid *g, const float *ac, int max_lag, float *sal);

/*
 * Strength of the sub-beat positions (period/k apart) relative to the
 * beat positions when env[0..n) is folded at `period` frames, evaluated
 * on windows of about 8 s (so a slowly drifting tempo still folds) and
 * averaged. k = 2 (binary) or 3 (ternary). Near 1: the sub-beats are as
 * strong as the beat; near 0: clearly weaker. -1 when env holds too
 * little signal to tell.
 */
double mt_tempo_subdivision_ratio(const float *env, size_t n, double period,
                                  int k, double fps);

/*
 * Tempo, confidence and ranked candidates from an autocorrelation and the
 * envelope it came from (env is used for the octave decision). Always
 * fills out; bpm 0 / confidence 0 when there is no periodicity.
 * scratch: at least g->n floats.
 */
void mt_tempo_estimate(const MtTempoParams *p, const MtTempoGrid *g,
                       const float *ac, int max_lag,
                       const float *env, size_t n_env,
                       float *scratch, MtTempoEstimate *out);

#endif /* MONTAGE_ANALYSIS_BEAT_TEMPO_H */
