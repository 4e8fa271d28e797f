#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# The same song as MP3, Ogg Vorbis, FLAC, WAV and AAC (.m4a) gives the
# same beats, on the song's grid: a codec's priming (MP3: 1105 samples,
# 25 ms; AAC: 1024) must not move them. Each file is analysed twice: as
# FFmpeg's decoders deliver it (priming dropped) and with -flags2
# +skip_manual (priming left in the frames, named in their skip-samples
# side data, which montagebeat honours). Debian's ffmpeg encodes: the
# project's analysis build has no MP3, Vorbis or AAC encoder (./bootstrap
# installs Debian's ffmpeg).
. "$(dirname "$0")/../lib.sh"
# shellcheck source=tests/integration/drums.sh
. "$ROOT/tests/integration/drums.sh"
A="$PYTHON $ROOT/tests/integration/sidecar_assert.py"
ENC=${MEDIA_FFMPEG:-/usr/bin/ffmpeg}

BPM=126 # a beat of 20.2 analysis hops: the grid falls between onset frames
DURATION=24
for encoder in libmp3lame libvorbis flac aac; do
    "$ENC" -hide_banner -encoders 2>/dev/null | grep -q " $encoder " ||
        { fail encoders "$ENC has no $encoder encoder (./bootstrap installs Debian's ffmpeg)"; finish; }
done
if ! "$ENC" -nostdin -v error -f lavfi -i "$(drums $BPM 4 $DURATION 44100 stereo)" \
        -c:a pcm_s16le "$T/song.wav" 2> "$T/song.err"; then
    fail song "$(cat "$T/song.err")"; finish
fi
if ! { "$ENC" -nostdin -v error -i "$T/song.wav" -c:a flac "$T/song.flac" &&
        "$ENC" -nostdin -v error -i "$T/song.wav" -c:a libmp3lame -b:a 128k "$T/song.mp3" &&
        "$ENC" -nostdin -v error -i "$T/song.wav" -c:a libvorbis -q:a 4 "$T/song.ogg" &&
        "$ENC" -nostdin -v error -i "$T/song.wav" -c:a aac -b:a 128k "$T/song.m4a"; }; then
    fail encode "$ENC could not encode the song"; finish
fi

for fmt in wav flac mp3 ogg m4a; do
    for decode in default skip_manual; do
        name=${fmt}_$decode
        set --
        [ $decode = skip_manual ] && set -- -flags2 +skip_manual
        if ! "$FFMPEG" -nostdin -v error "$@" -i "$T/song.$fmt" \
                -af "montagebeat=sidecar=$T/$name.msgpack" -f null - 2> "$T/$name.err"; then
            fail "formats_$name" "$(cat "$T/$name.err")"; continue
        fi
        # Beats on the grid: at their attacks' 2.9 ms blocks (beat_subframe.h)
        # they are within 1 ms of it (median) and 2 ms (all), in every
        # format; 2 / 4 ms leave room for that and fail a codec delay or
        # beats at frame times (beat analyser 8: 6.6 ms early, 10.1 ms).
        $A grid "$T/$name.msgpack" "formats_on_grid_$name" $BPM 0 $DURATION 2 4
        [ "$name" = wav_default ] ||
            $A agree "$T/$name.msgpack" "formats_agree_$name" "$T/wav_default.msgpack" 2
    done
done
finish
