/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The reported tempo and its candidates (beat_report.c): the tempo the
 * listed beats keep is reported, checked against the tempo the search was
 * given (beat analyser 8 checked it against the estimate, so a piece whose
 * curve settled at 56.7 beside an estimate of 85.1 reported 85.1 with its
 * beats 56.7 apart: music-val mv14); the estimate's top stays listed. */
#include "tests/unit/unit.h"

#include "analysis/beat/beat_report.h"

#define NB 40

static void steady_beats(double *t, size_t n, double bpm, double jitter_s)
{
    for (size_t i = 0; i < n; i++)
        t[i] = 0.5 + 60.0 / bpm * (double)i + (i % 2 ? jitter_s : -jitter_s);
}

static void reports_the_beats_searched_tempo(void)
{
    double t[NB];
    steady_beats(t, NB, 56.67, 0.004);
    /* a steady curve settled at 56.7 beside an estimate of 85.1 (mv14):
     * the beats were searched at 56.7 and keep it (analyser 8: 85.1) */
    const double settled[] = { 56.5, 56.7, 85.0, 56.9, 56.6 };
    CHECK_NEAR(mt_beat_reported_bpm(t, NB, 0, 0, 85.1, settled, 5, 40, 0), 56.67, 0.05);
    /* the curve at the estimate and beats 1.5x away: stretches lost */
    const double at_estimate[] = { 85.1, 85.1, 85.1 };
    CHECK_NEAR(mt_beat_reported_bpm(t, NB, 0, 0, 85.1, at_estimate, 3, 40, 0), 85.1, 1e-9);
    /* followed: the beats' median interval whatever the search started
     * from (jittered beats alternate 8 ms long and short: the median is
     * one of the two) */
    double even[NB];
    steady_beats(even, NB, 56.67, 0.0);
    CHECK_NEAR(mt_beat_reported_bpm(even, NB, 1, 1, 85.1, at_estimate, 3, 40, 0), 56.67, 1e-6);
    /* changing but not followed: checked against the estimate, not the
     * curve's median */
    CHECK_NEAR(mt_beat_reported_bpm(even, NB, 1, 0, 85.1, settled, 5, 40, 0), 85.1, 1e-9);
    /* the range holds: 56.67 fitted, range 58..62 */
    CHECK_NEAR(mt_beat_reported_bpm(t, NB, 0, 0, 57.5, settled, 5, 58, 62), 58.0, 1e-9);
    /* too few beats to fit: the tempo searched at, the curve's */
    CHECK_NEAR(mt_beat_reported_bpm(t, 3, 0, 0, 85.1, settled, 5, 40, 0), 56.7, 1e-9);
    /* no curve: the estimate */
    CHECK_NEAR(mt_beat_reported_bpm(t, 3, 0, 0, 57.5, NULL, 0, 40, 0), 57.5, 1e-9);
}

static void candidates_lead_with_the_report(void)
{
    const MtTempoCandidate est[] = { { 85.1f, 0.28f }, { 56.7f, 0.27f }, { 170.2f, 0.24f },
                                     { 113.4f, 0.18f }, { 68.0f, 0.07f } };
    MtTempoCandidate out[MT_TEMPO_MAX_CANDIDATES];
    size_t m = mt_beat_rank_candidates(56.67, est, 5, out);
    CHECK_INT((int)m, 5);
    CHECK_NEAR(out[0].bpm, 56.67, 1e-3);
    CHECK_NEAR(out[0].weight, 0.27, 1e-6); /* its own weight, not the top's */
    CHECK_NEAR(out[1].bpm, 85.1, 1e-3);    /* the estimate's top stays listed */
    CHECK_NEAR(out[2].bpm, 170.2, 1e-3);
    CHECK_NEAR(out[4].bpm, 68.0, 1e-3);

    /* a report that repeats no candidate: top weight, the five estimated
     * behind it cut to the list's length */
    m = mt_beat_rank_candidates(100.0, est, 5, out);
    CHECK_INT((int)m, MT_TEMPO_MAX_CANDIDATES);
    CHECK_NEAR(out[0].weight, 0.28, 1e-6);
    CHECK_NEAR(out[1].bpm, 85.1, 1e-3);
    CHECK_NEAR(out[4].bpm, 113.4, 1e-3);

    /* the report within 4 % of the top: one entry, no repeat */
    m = mt_beat_rank_candidates(86.0, est, 5, out);
    CHECK_INT((int)m, 5);
    CHECK_NEAR(out[1].bpm, 56.7, 1e-3);

    /* no estimate: the report alone at weight 1; no report: nothing */
    m = mt_beat_rank_candidates(72.0, est, 0, out);
    CHECK_INT((int)m, 1);
    CHECK_NEAR(out[0].weight, 1.0, 1e-6);
    CHECK_INT((int)mt_beat_rank_candidates(0.0, est, 5, out), 0);
}

int main(void)
{
    RUN(reports_the_beats_searched_tempo);
    RUN(candidates_lead_with_the_report);
    UNIT_EXIT();
}
