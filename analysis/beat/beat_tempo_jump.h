// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Where the tempo curve jumps, the frame the tempo jumps at.
 *
 * The curve (beat_tempo_curve.h) scores each block on a ~10 s window
 * centred on it, so a jump between two tempi lands where the windows'
 * balance tips, which may be half a window from the change itself
 * (music-dev md07, 135 -> 120 BPM: 2.7 s early, and the beat search,
 * given the slow period there, skipped a beat), and the frame periods
 * then ramp from one block centre to the next. Here every jump of the
 * block curve is placed at the frame s that best splits the onsets around
 * it between the two periods: the envelope's lag products
 * env[f] x env[f - P] are summed with the first tempo's period P before s
 * and the second's after it, and s maximises the sum (the change point
 * between two known periodicities), searched within half a curve window
 * of the blocks' boundary. Where the onsets there clearly keep a period
 * (MT_TEMPO_JUMP_MIN_CONTRAST), the period is then the first tempo's up
 * to s and the second's from s on: a jump, not a ramp.
 *
 * These periods only set the FIRST tracking pass: the follow passes
 * (beat_analyse.c, FOLLOW_PASSES) rebuild the period from the tracked
 * beats' own intervals. So the jump matters where that first pass went
 * wrong otherwise (test_beat_tempo.c tempo_jump_louder: the curve's
 * blocks switch 3.3 s early, F 0.706 near the jump without it). A smooth
 * ramp whose blocks step by more than 6 % is cut into steps too
 * (test_beat_tempo.c's clicks: accelerando one at 10.10 s, contrast
 * 0.75; ritardando_wide and ritardando_candidates_distinct four each,
 * 0.37-0.78), and there the follow passes mostly bring the beats back
 * (accelerando and ritardando_wide: the same beats with and without the
 * steps; music-tune mt10's written ritardando did gain, F 0.868 ->
 * 0.933). The streamed (per-frame) beats do not use this.
 * On real music the step lands 0.5-1 s after the written change (md07
 * 31.25 s for 30.22, md13 22.13 for 21.27, md10 22.99 for 22.50); on
 * click tracks at it (4.97 s for 5.0, 15.19 for 15.2).
 */
#ifndef MONTAGE_ANALYSIS_BEAT_TEMPO_JUMP_H
#define MONTAGE_ANALYSIS_BEAT_TEMPO_JUMP_H

#include <stddef.h>

/* Two neighbouring blocks of the curve whose tempi differ by more than
 * this ratio are a step to place. Below it the two periods are within
 * about a frame of each other (1.22-1.29 frames at 120 BPM, 11025/256
 * frames per second), the lag products' own slack, and cannot be told
 * apart. On the tune side the largest step of the generated ritardando
 * h13 (120 -> 92 BPM) is 1.041; the seven other pieces with a curve have
 * a step of 1.127 (md07's jump) or more, and mt10's written ritardando
 * goes in steps of 1.067-1.191, placed too. */
#define MT_TEMPO_JUMP_MIN_RATIO 1.06
/* A step is placed only where the onsets on one side of it clearly keep
 * that side's period: (own-period products - other-period products) /
 * their sum over half a window, on the better side, at least this. It
 * separates a curve wandering over a texture with no clear pulse
 * (music-tune mt02, a fugue tracked at double: its three steps 0.194,
 * 0.073, 0.121; mt10's first step 0.029) from the written changes (md07
 * 0.322, md13 0.665, md10 0.577, md08 0.839, mu07 0.765, mt10's other
 * steps 0.840-0.926). */
#define MT_TEMPO_JUMP_MIN_CONTRAST 0.25

/*
 * env[n]: onset envelope; block_bpm[nb]: the curve, block b centred at
 * frame (b + 0.5) * block_len; period[n]: the frame periods made from it
 * (frames per beat), rewritten around each jump; half_span: how far from
 * the blocks' boundary (frames) the jump may be placed. Returns the
 * number of jumps placed. The periods written are the first tracking
 * pass's only (see above).
 */
int mt_tempo_jumps_place(const float *env, size_t n, const double *block_bpm, size_t nb,
                         size_t block_len, double fps, size_t half_span, double *period);

#endif /* MONTAGE_ANALYSIS_BEAT_TEMPO_JUMP_H */
