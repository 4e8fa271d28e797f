/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Tempo steps: where the beat period changes abruptly, the tracker
 * bridges the change with a beat too many or too few as often as not,
 * so the bar grid before the step says nothing about the bar grid after
 * it. The downbeats take their bar phase per stretch between steps
 * (beat_analyse.c); a gradual accelerando or ritardando is no step.
 *
 * A step at beat k: the median of the MT_TEMPO_STEP_SPAN beat periods
 * from beat k on differs from the median of the MT_TEMPO_STEP_SPAN
 * before it by more than MT_TEMPO_STEP_MIN (absolute natural log of
 * their ratio). Measured at analyser 7's beats on the tune material (dev
 * corpus, extra corpora 1-3 and 5, music-dev tune part, music-tune,
 * music-tune2: 135 pieces, largest value per piece): steady pieces and
 * gradual changes reach 0.084 (mu41), 0.077 (md09's fermata), 0.058 and
 * 0.055 (a07 accelerando, h13 decelerando); the tempo jumps 0.141 (md07)
 * to 0.350 (h14), md10's meter change 0.200, mt10's ritardando with a
 * bar of two 0.154. 0.11 lies between (a 12 % step).
 *
 * The strongest step is taken first, then the strongest in each part,
 * while each part keeps MT_TEMPO_STEP_MIN_BEATS beats: the bar phase of
 * few beats is noise. Downbeat F of the pieces with a step above 0.11
 * (analyser 7 -> each stretch its own phase), the same at 16, 20, 24
 * and 32: a08 0.400 -> 0.971, md13 0.242 -> 0.788, md10 0.000 -> 0.313;
 * md07, md08, mt02, mt10 unchanged (the step too near an end, or the
 * stretches keep the phase; mu07 has no downbeat GT); h14's step lies
 * 14 beats from its start (0.696, unchanged). At 12, md07's last 14 beats
 * take a wrong phase (0.812 -> 0.774).
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TEMPO_STEP_H
#define MONTAGE_ANALYSIS_BEAT_TEMPO_STEP_H

#include <stddef.h>

#define MT_TEMPO_STEP_MIN 0.11
/* two 4/4 bars: the median of 8 periods ignores the two half periods of
 * a beat gained (or the double period of one lost) */
#define MT_TEMPO_STEP_SPAN 8
#define MT_TEMPO_STEP_MIN_BEATS 24

/*
 * beat_t[n_beats]: ascending beat times. Writes the beats where a tempo
 * step begins into cuts (ascending; at most n_beats / MT_TEMPO_STEP_MIN_BEATS
 * of them, cuts needs that room) and returns their count.
 */
size_t mt_tempo_steps(const double *beat_t, size_t n_beats, size_t *cuts);

#endif /* MONTAGE_ANALYSIS_BEAT_TEMPO_STEP_H */
