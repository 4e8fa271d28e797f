/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Octave check of a tracked beat sequence from the drum pattern's
 * metrical structure: in most drummed styles the low band (kick, bass)
 * and the mid/high band (snare, clap, rim, hi-hat pedal) alternate from
 * one beat to the next (kick on 1 and 3, backbeat on 2 and 4). That
 * anti-phase alternation exists at the beat level only: at double tempo
 * both bands fall on the same (even) positions, at half tempo the
 * positions compared (1 and 3) carry the same instruments. So the level
 * with the clearest alternation is the beat. Where no level alternates
 * (no drums, four-on-the-floor kicks, one-drop) the sequence is kept.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_OCTAVE_H
#define MONTAGE_ANALYSIS_BEAT_OCTAVE_H

#include <stddef.h>

/*
 * Alternation a level needs to be taken. It separates the drummed pieces
 * tracked at twice their tempo, whose every-other-beat alternation is
 * clear (halved correctly: h14 0.207, h13 0.244, y06 0.312, h08 0.350,
 * h04 0.373; doubled correctly: 0.502 (md24) and up), from a syncopated
 * funk pattern at its true tempo whose kept beats alternate weakly
 * (x07, 108 BPM: 0.124, halved to 54 by the 0.12 of versions 1-4).
 * Measured on the dev corpus, extra corpora 1-3 and the music-dev tune
 * part (73 pieces); 0.16 sits between 0.124 and 0.207 and moves no other
 * piece there.
 */
#define MT_OCTAVE_MIN_ALT 0.16
#define MT_OCTAVE_MARGIN  0.08 /* and its lead over the tracked level */
#define MT_OCTAVE_MIN_ONOFF 0.0 /* halving: kept beats stronger in the mid band */

typedef enum MtOctaveVerdict {
    MT_OCTAVE_KEEP = 0,
    MT_OCTAVE_DOUBLE,     /* the beat is twice as fast */
    MT_OCTAVE_HALVE_EVEN, /* half as fast: keep beats 0, 2, 4 ... */
    MT_OCTAVE_HALVE_ODD   /* half as fast: keep beats 1, 3, 5 ... */
} MtOctaveVerdict;

/*
 * Alternation of pos[0..np) (fractional frames, ascending): for the
 * better of the two parities, the smaller of the low band's relative
 * excess on even positions and the mid band's on odd ones, in [-1, 1]
 * (0 = none). low[n], mid[n]: band onset envelopes (>= 0).
 */
double mt_octave_alternation(const double *pos, size_t np, int parity,
                             const float *low, const float *mid, size_t n);

/* Verdict for beats[nb] (frames); alt_out (may be NULL) gets the three
 * alternations (tracked level, double, half) and the on/off contrast of
 * the beats kept when halving. scratch: room for 2 nb. */
MtOctaveVerdict mt_octave_check(const size_t *beats, size_t nb,
                                const float *low, const float *mid, size_t n,
                                double *scratch, double alt_out[4]);

#endif /* MONTAGE_ANALYSIS_BEAT_OCTAVE_H */
