/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Meter (3 to 6 beats per bar) and downbeat phase from beat-synchronous
 * cues, always decided once there are MT_METER_MIN_BEATS beats (an
 * editor needs a bar grid; a wrong guess costs no more than none):
 *  - bar length from bar-level repetition: the beats' chroma and accents
 *    repeat at multiples of the bar (3, 6, 9 beats in 3/4; 4, 8 in 4/4),
 *    with the clarity of the best bar phase of each length;
 *  - bar phase from the harmonic change (chroma of the M beats after a
 *    beat against the M beats before it: chords tend to change on the
 *    one), with the low-frequency accent (kick, bass on 1 and 3) and, in
 *    4/4, the accent above it on 2 and 4 (snare, claps: the backbeat) as
 *    weaker cues; where the harmony does not change at the bar length
 *    (one chord throughout, a bass note on the one only) the accents
 *    decide alone; in 4/4 the phase half a bar from the best one (beat
 *    3 against 1) is taken instead where two-bar phrases begin on it
 *    (beat_phrase.h: the harmony's self-similarity novelty);
 *  - five or six beats per bar where a bar phase of that length stands
 *    out well above those of the other lengths (MT_METER_FIVE_*,
 *    MT_METER_SIX_*).
 * Two beats per bar (2/4, 6/8 counted in dotted quarters) is not told
 * apart from 4: the same cues repeat every two beats in most 4/4 music,
 * so such pieces get 4 with every other bar line marked. Measured on the
 * tune material: the best 2-beat phase score over the best 4-beat one is
 * 0.94 to 1.11 for the three 2-beat marches (h06, x14, corpus 5's q08)
 * and 0.94 or more for 21 of 66 4/4 pieces (md31 fast pop 2.9, h11 latin
 * 2.8).
 */
#ifndef MONTAGE_ANALYSIS_BEAT_METER_H
#define MONTAGE_ANALYSIS_BEAT_METER_H

#include <stddef.h>
#include <stdint.h>

#define MT_METER_MIN_BEATS 12 /* fewer beats than this: meter unknown */

typedef struct MtMeterResult {
    int meter;       /* 3 to 6; 0 with fewer than MT_METER_MIN_BEATS beats */
    int phase;       /* index of the first downbeat among the beats */
    float contrast;  /* z-score contrast of the winning phase (its clarity) */
} MtMeterResult;

/*
 * Bar length: 3 when the repetition lead (mean similarity of the beats
 * 3, 6 and 9 beats apart minus 4 and 8 apart) plus half the lead of the
 * best 3/4 bar-phase score over the best 4/4 one exceeds this. Measured
 * on the dev corpus, the extra corpora 1-3 and the music-dev tune part
 * (71 pieces): 4/4 pieces reach at most +0.04 (md39), the five 3/4
 * waltzes +0.22 (h12, piano) to +0.79; 2-beat marches -0.59 and less.
 */
#define MT_METER_TRIPLE_MIN 0.12

/*
 * Five beats per bar (5/4) when the best 5-beat bar-phase score (the
 * z-scored harmonic change and accents, as for 3 and 4) is at least
 * MT_METER_FIVE_MIN and at least MT_METER_FIVE_LEAD times the best score
 * of 3, 4 and 6 beats. Measured on the tune material (dev corpus, extra
 * corpora 1-3, music-dev tune part: no 5/4 piece) and beat_extra_corpus_5
 * (four rendered 5/4 pieces): the 5/4 pieces score 0.80 to 2.48 with
 * leads 1.43 to 5.7; the 3/4 and 4/4 pieces whose score reaches 0.6 lead
 * by at most 1.16 (extra_3 y07 swing, 0.73), and those that lead by more
 * score at most 0.59 (md23, md10, tracked at the wrong level or through
 * a meter change).
 */
#define MT_METER_FIVE_MIN  0.7
#define MT_METER_FIVE_LEAD 1.3

/*
 * Six beats per bar (6/4) when the best 6-beat bar-phase score is at
 * least MT_METER_SIX_LEAD times the best of 3, 4 and 5 beats and exceeds
 * the scores 2, 3 and 4 beats after its phase by MT_METER_SIX_SHARP (in
 * 4/4 music the positions 2 and 4 beats on, in 3/4 the one 3 beats on,
 * are bar lines or half-bar lines too and score high). The lead alone
 * does not separate: 4/4 pieces reach 2.85 (md40), a waltz 1.21 (a06).
 * Measured on the same material as 5/4 with corpus 5's four 6/4 pieces:
 * those lead by 1.34 to 2.69 and are sharp by 1.25 to 2.16; of the 3/4
 * and 4/4 pieces and corpus 5's 2-beat and 12/8 ones, those sharp by 1.0
 * or more lead by at most 1.21 (a06 waltz), and those leading by 1.25 or
 * more are sharp by at most 0.76 (md15). Thin on the lead's side.
 */
#define MT_METER_SIX_LEAD  1.28
#define MT_METER_SIX_SHARP 1.0

/*
 * beats[n_beats]: frame indices; low[n], mid[n] (the bands above the
 * low one), onset[n]: envelopes; chroma: 12 bytes per frame. Returns 0,
 * -1 on allocation failure (out then says meter 0).
 */
int mt_meter_detect(const size_t *beats, size_t n_beats, const float *low, const float *mid,
                    const float *onset, const uint8_t *chroma, size_t n, MtMeterResult *out);

/*
 * Off-beat check. Beat tracking follows the strongest periodic onsets,
 * which in off-beat styles (bossa's guitar and rim, reggae's skank) are
 * the "ands" between the beats: right tempo, wrong phase. Chords change
 * at bar lines, which are beats, so on a grid of half beats the bar-level
 * harmonic change (chroma of the bar after a slot against the bar before,
 * as for the meter) peaks on the beats. mt_meter_offbeat_contrast returns
 * how much higher (in z-scores) the best bar phase on the midpoints is
 * than the best on the beats, for 3 and 4 beats per bar; above
 * MT_METER_OFFBEAT_MIN the beats move to the midpoints. The z-score would
 * lift mere noise (drums without pitch) to the scale of chord changes, so
 * the lead must also be a real change of harmony: a mean cosine distance
 * at least MT_METER_OFFBEAT_MIN_CHANGE above the beats' (else 0).
 * Measured on the project's extra corpora: off-beat-tracked bossa and
 * reggae pieces score z 0.56 to 1.11 with raw leads of 0.013 to 0.039;
 * correctly tracked pieces score z at most 0.39; pitchless drum patterns
 * reach z 1.08 with raw leads below 0.
 */
#define MT_METER_OFFBEAT_MIN 0.5
#define MT_METER_OFFBEAT_MIN_CHANGE 0.01 /* cosine distance */

/* 0 for fewer than MT_METER_MIN_BEATS beats or on allocation failure. */
double mt_meter_offbeat_contrast(const size_t *beats, size_t n_beats, const uint8_t *chroma,
                                 size_t n);

/* Replaces beats[nb] (ascending frames < n) by the midpoints between them,
 * plus half a beat before the first and after the last where the signal
 * has room; beats needs room for nb + 1. Returns the new count. */
size_t mt_meter_shift_half(size_t *beats, size_t nb, size_t n);

#endif /* MONTAGE_ANALYSIS_BEAT_METER_H */
