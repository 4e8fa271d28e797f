// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Where within its onset frames a beat's attack lies. The spectral flux
 * (beat_onset.h) sees one value per 23 ms frame, and which of two frames
 * an attack lands in depends on the sound: a click counts in the frame
 * that holds it, a sustained note often in the next one (the Hann window
 * gives the end of a frame little weight, so the next frame's rise is
 * the larger). No one offset from the frame's time to the attack holds
 * for both (generated clicks came out 9 ms early, decaying notes 0-5 ms,
 * under the former -10 ms correction). So each frame also keeps the
 * level of its signal's first difference (a pre-emphasis: attacks are
 * broadband, sustained bass and chords are not) in MT_SUBFRAME_N
 * blocks of 2.9 ms, and a beat's time is the block where that level
 * rises most, read from the signal rather than from a convention.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_SUBFRAME_H
#define MONTAGE_ANALYSIS_BEAT_SUBFRAME_H

#include <stddef.h>
#include <stdint.h>

#define MT_SUBFRAME_N   8  /* blocks per onset frame */
#define MT_SUBFRAME_LEN 32 /* samples per block: 2.9 ms at 11025 Hz */
/* A block's rise is over the loudest of the MT_SUBFRAME_BACK blocks
 * before it (11.6 ms). Over two, a noisy sustained sound (the bowed
 * strings of test_beat_prior.c, whose notes carry a noise part and a
 * tremolo) dipped in both now and then, so a wobble passed as a 6 dB
 * attack and moved two of their beats 17-20 ms later, past the scorer's
 * 70 ms (F 0.88); over four no wobble there passes. */
#define MT_SUBFRAME_BACK 4
/* Blocks more than this below the loudest block of the search read as
 * that floor: an attack is the rise to its own level, and what comes
 * before it far below does not start it. A codec's pre-echo (the
 * quantisation noise of the transform block that holds an attack,
 * spread before it) and the resampler's pre-ringing rise from digital
 * silence by 20-40 dB themselves: on the drums of test_beat_formats.sh
 * MP3 at 128 kb/s put it 26-39 dB, Vorbis q4 17-25 dB below the attack's
 * block, and MP3's beats came 1.5-4.2 ms before WAV's without the floor
 * (one block early on most, that test allows 2 ms). 20 dB keeps the
 * first block of a 5 ms rise (about 10 dB down) in the attack. */
#define MT_SUBFRAME_FLOOR_DB 20.0

/*
 * A rise of at least this many dB (6 dB is four times the energy) marks
 * an attack; below it the beat keeps its frame time. It separates
 * attacks from the wobble of a steady sound: the level of 32 samples of
 * differenced noise has a spread of about 1.3 dB, and no frame of 400 of
 * steady noise rises by 6 dB (test_beat_subframe.c), while the generated
 * clicks, drums and notes of that test all do. Not tuned; as found on
 * the music-dev tune part (MP3, the blocks within a frame of each true
 * beat): 60 % of beats rise by 6 dB or more (median 7 dB; soft and
 * legato attacks do not), the midpoints between beats 12 %; on the
 * generated corpus 2, 67 % and 51 % (hats on the eighths).
 */
#define MT_SUBFRAME_MIN_RISE_DB 6.0

/*
 * Levels of one onset frame x[0 .. MT_SUBFRAME_N * MT_SUBFRAME_LEN): the
 * mean square of x[i] - x[i - 1] over each block, in dB, coded
 * 2 * (dB + 120) and clamped to 0..255 (0.5 dB steps, -120 .. +7.5 dB).
 * prev is the sample before x[0] (0 at the stream's start).
 */
void mt_subframe_levels(const float *x, float prev, uint8_t *out);

/*
 * The attack nearest a beat placed on onset frame f, from the levels of
 * frames 0 .. n - 1 (MT_SUBFRAME_N codes each): the block of frames
 * f - 1 and f (the flux peaks in the frame that holds an attack or in the
 * one after it) whose level rises most over the MT_SUBFRAME_BACK blocks
 * before it.
 * Returns that block's centre in frames from the start of frame 0, or
 * -1 when no block there rises by MT_SUBFRAME_MIN_RISE_DB.
 */
double mt_subframe_onset(const uint8_t *levels, size_t n, size_t f);

#endif /* MONTAGE_ANALYSIS_BEAT_SUBFRAME_H */
