#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Do MP3, OGG Vorbis, FLAC and WAV input give the same beats? Encodes each
# lossless source to the four formats (the system ffmpeg: libmp3lame,
# libvorbis), runs montagebeat in the project's ffmpeg on each, writes
# OUT/<fmt>/<id>.beats.txt (+ .downbeats.txt) and prints the pairwise
# agreement against WAV (tests/tools/beat_formats.py). A dev tool.
# usage: tests/tools/beat_formats.sh OUT_DIR [BUILD_DIR] SOURCE.flac...
# Per-format scores: GT_DIR=... score_beats.py --gt-dir GT --pred-dir OUT/<fmt>
set -eu
out=$1; build=$2; shift 2
enc=${ENCODER:-/usr/bin/ffmpeg}
mkdir -p "$out/media"
for src in "$@"; do
    id=$(basename "$src"); id=${id%.*}
    for fmt in wav flac mp3 ogg; do
        case $fmt in
            wav)  codec="-c:a pcm_s16le" ;;
            flac) codec="-c:a flac" ;;
            mp3)  codec="-c:a libmp3lame -b:a 192k" ;;
            ogg)  codec="-c:a libvorbis -q:a 5" ;;
        esac
        m="$out/media/$id.$fmt"
        # shellcheck disable=SC2086 # $codec is a word list
        [ -e "$m" ] || "$enc" -nostdin -v error -i "$src" -map 0:a:0 $codec -y "$m"
        mkdir -p "$out/$fmt"
        "$build/bin/ffmpeg" -nostdin -v error -i "$m" \
            -af "montagebeat=sidecar=$out/$fmt/$id.msgpack" -f null -
        "$build/montage-sidecar" export --format beats "$out/$fmt/$id.msgpack" |
            awk -v b="$out/$fmt/$id.beats.txt" -v d="$out/$fmt/$id.downbeats.txt" \
                'BEGIN { printf "" > b; printf "" > d }
                 /^[0-9]/ { print $1 > b; if ($2 == 1) print $1 > d }'
    done
done
/usr/bin/python3 "$(dirname "$0")/beat_formats.py" "$out"
