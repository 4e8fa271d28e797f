/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Where the whole-stream tempo prior is centred. Legato music (strings,
 * organ, sustained pads) is felt slower than its note rate: its beat is
 * the chord or bow change, and the eighths or triplets inside it are a
 * texture. Its onset envelope is smooth: the spectral flux rises above
 * its running mean in a large share of frames (swells, vibrato, bowing),
 * where drums, plucked and struck sounds concentrate the flux in their
 * attack frames. So the prior's centre moves down with that share, by at
 * most MT_PRIOR_LEGATO_SHIFT octaves, and the level choice
 * (beat_tempo.h) weighs the slower level more for legato music only.
 * The streamed beats keep the configured centre.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_PRIOR_H
#define MONTAGE_ANALYSIS_BEAT_PRIOR_H

#include <stddef.h>
#include <stdint.h>

/*
 * The share of frames with a positive onset envelope (mt_prior_smoothness)
 * at which the centre starts to move and at which it has moved the full
 * MT_PRIOR_LEGATO_SHIFT. Measured on the tune part of music-dev, the dev
 * corpus and extra corpora 1-3 (73 pieces): drummed, plucked and piano
 * pieces 0.08-0.33, the noisy reverberant a10 0.35, the synthetic waltz
 * a06 0.39 (at its true 150 BPM), the legato pieces tracked at a faster
 * level 0.40-0.42 (h05 strings 72 BPM at 144, x12 strings 80 at 119, md12
 * organ 40 at 80). Ramps (from, full, shift) of (0.25-0.38, 0.40, 0.5),
 * (0.22, 0.42, 0.5), (0.35, 0.40, 0.6) and (0.30, 0.45, 0.6) gave the same
 * results: h05 and x12 at their tempo, a10 slightly better, no piece
 * worse; (0.35, 0.40, 0.4) left h05 at 144 and (0.35, 0.45, 0.5) both.
 * Starting at 0.20 also moved the slow rock md40 (0.28) to its true
 * 75 BPM but a tempo-jump piece (md13, 0.26) to its slower intro tempo;
 * at 0.15 two more pieces (md08, md29) went to half tempo.
 */
#define MT_PRIOR_SMOOTH_FROM 0.30
#define MT_PRIOR_SMOOTH_FULL 0.40
/*
 * Largest move of the centre, in octaves (120 -> 85 BPM by default). The
 * waltz a06 keeps its level down to a centre of about 69 BPM (a shift of
 * 0.8 at its 0.39); md12 (40 BPM) stays at 80 even at a full octave.
 */
#define MT_PRIOR_LEGATO_SHIFT 0.5

/* Share of env[0..n) above 0 (env >= 0, as the tracker's onset envelope)
 * among the frames i with voiced[i] != 0 (all frames when voiced is NULL;
 * beat_signal.h marks them): silent frames would lower it. 0 when no
 * frame counts. */
double mt_prior_smoothness(const float *env, const uint8_t *voiced, size_t n);

/* The prior centre for a stream of that smoothness: prior_bpm moved down
 * by MT_PRIOR_LEGATO_SHIFT octaves times the ramp position, linear in
 * the smoothness between MT_PRIOR_SMOOTH_FROM and MT_PRIOR_SMOOTH_FULL. */
double mt_prior_centre(double prior_bpm, double smoothness);

#endif /* MONTAGE_ANALYSIS_BEAT_PRIOR_H */
