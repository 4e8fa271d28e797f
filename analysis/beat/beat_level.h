/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Metrical-level check of a tracked beat sequence from the harmonic
 * rhythm. Chords change on beats, hardly ever on the off-beat eighths
 * between them. When the tracker has locked onto the eighth-note level of
 * a slow piece (a chorale or organ piece whose accompaniment moves in
 * eighths, taken at twice its tempo because the tempo prior favours
 * ~120 BPM), the harmony changes across every other tracked beat only,
 * and those beats also carry the stronger onsets: the beat is half as
 * fast, on that parity. Music whose melody or bass moves on every beat
 * changes chroma on both parities and is kept.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_LEVEL_H
#define MONTAGE_ANALYSIS_BEAT_LEVEL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parity contrast of the harmonic change above which the tracked level is
 * halved (with the onset condition of mt_level_halve). Measured on the
 * music-dev tune part and the dev corpus (33 pieces): the one piece
 * tracked at twice its tempo with chords per beat (md12, organ at 40 BPM
 * tracked at 80) scores 0.74; pieces tracked at their true level whose
 * changing parity also has the stronger onsets score at most 0.33 (md16,
 * a slow shuffle). Dev pieces whose synthetic chords ring once a bar
 * reach 0.88 (a07) but change on the weaker-onset parity, which the onset
 * condition refuses. The slow rock md40, also tracked at double tempo,
 * has no such harmonic rhythm: this check does not find it.
 */
#define MT_LEVEL_HALVE_MIN 0.5

/*
 * Harmonic-change contrast between the two parities of beats[nb]
 * (ascending frames < n): the change at beat i is the cosine distance
 * between the chroma (12 bytes per frame) summed over the beat before it
 * and over the beat after it; the contrast is (a - b) / (a + b) for the
 * mean changes a, b of the parity with more change (*parity, 0 = beats
 * 0, 2, 4 ...) and the other. 0 for fewer than 16 beats or no chroma.
 */
double mt_level_parity_change(const size_t *beats, size_t nb, const uint8_t *chroma,
                              size_t n, int *parity);

/*
 * The halving verdict: the parity contrast above MT_LEVEL_HALVE_MIN and
 * the beats of the changing parity at least as strong in onset[n] (max
 * within +-1 frame) as the others. Returns 1 (halve, keep the beats of
 * *parity) or 0.
 */
int mt_level_halve(const size_t *beats, size_t nb, const uint8_t *chroma,
                   const float *onset, size_t n, int *parity);

#endif /* MONTAGE_ANALYSIS_BEAT_LEVEL_H */
