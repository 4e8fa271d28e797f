#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Runs beat_cli on every piece of a media dir and scores it.
# usage: tests/tools/eval_beats.sh MEDIA_DIR OUT_DIR [BUILD_DIR] [-- beat_cli options]
# Scoring needs the evaluation kit (score_beats.py, mir_eval): a dev tool,
# not part of the test suite. GT_DIR and SCORE override their locations.
# A second corpus with the styles the dev set lacks (reggae, dnb, bossa,
# funk, strings, 6/8, slow/fast variants, a deceleration, a tempo drop):
#   python3 make_corpus.py --config tests/tools/beat_extra_corpus.json \
#       --out /tmp/extra --only audio     (from the evaluation kit)
#   tests/tools/eval_beats.sh /tmp/extra/audio /tmp/extra-pred build-beat
# beat_extra_corpus_2.json and _3.json are two more of the same kind (other
# seeds, tempi and keys, more reggae and bossa), rendered the same way;
# _4.json (slow and fast tempi) is validation for the tempo-level choice,
# never tuned on (see beat_music_dev_split.txt). _5.json (5/4, 6/4, 2-beat
# and 12/8 pieces) is tune material for the meter, _6.json (the same mix)
# its validation.
set -eu
media=$1; out=$2; build=${3:-build}
shift 2; [ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
score=${SCORE:-/work/shared/eval/score_beats.py}
gt=${GT_DIR:-$media}
mkdir -p "$out"
for f in "$media"/*.mp3 "$media"/*.ogg "$media"/*.flac "$media"/*.wav; do
    [ -e "$f" ] || continue
    id=$(basename "$f"); id=${id%.*}
    rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of csv=p=0 "$f")
    ch=$(ffprobe -v error -select_streams a:0 -show_entries stream=channels -of csv=p=0 "$f")
    ffmpeg -v error -i "$f" -f f32le - |
        "$build/tools/beat_cli" --rate "$rate" --channels "$ch" --format f32 \
            --id "$id" --out "$out" "$@"
done
/usr/bin/python3 "$score" --gt-dir "$gt" --pred-dir "$out"
