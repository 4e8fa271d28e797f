#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Dev tool (not a test): runs the project's ffmpeg with the filters on the
# evaluation corpus of ../shared/eval and scores the sidecars with its
# scorers. Media: shared/eval/make_corpus.py --out MEDIA.
#   tests/tools/eval_filters.sh MEDIA_DIR OUT_DIR [video|audio]
set -eu
media=$1 out=$2 what=${3:-all}
root=$(cd "$(dirname "$0")/../.." && pwd)
eval_dir=${EVAL_DIR:-$root/../shared/eval}
ffmpeg=${MONTAGE_FFMPEG:-$root/build/bin/ffmpeg}
py=/usr/bin/python3
mkdir -p "$out/video" "$out/audio"

to_txt() { # SIDECAR OUT.txt video|audio
    $py - "$1" "$2" "$3" <<'PY'
import struct, sys, msgpack
sc = msgpack.unpackb(open(sys.argv[1], "rb").read(), raw=False)
with open(sys.argv[2], "w") as f:
    if sys.argv[3] == "video":
        for c in sc["scene"]["transitions"]:
            f.write("%.6f\n" % c["t"])
    else:
        d = sc["beat"]["beats"]["t"]["data"]
        for t in struct.unpack("<%dd" % (len(d) // 8), d):
            f.write("%.6f\n" % t)
        if sc["beat"]["tempo"]["bpm"] > 0:
            open(sys.argv[2].replace(".beats.txt", ".bpm.txt"), "w").write("%.3f\n" % sc["beat"]["tempo"]["bpm"])
PY
}

if [ "$what" != audio ]; then
    for v in "$media"/video/*.mp4; do
        id=$(basename "$v" .mp4)
        "$ffmpeg" -nostdin -v error -i "$v" -vf "montagescene=sidecar=$out/video/$id.msgpack" -f null -
        to_txt "$out/video/$id.msgpack" "$out/video/$id.cuts.txt" video
    done
    $py "$eval_dir/score_shots.py" --gt-dir "$eval_dir/gt-dev/video" --pred-dir "$out/video" -v
fi
if [ "$what" != video ]; then
    for a in "$media"/audio/*.mp3 "$media"/audio/*.ogg "$media"/audio/*.flac "$media"/audio/*.wav; do
        [ -f "$a" ] || continue
        id=$(basename "${a%.*}")
        "$ffmpeg" -nostdin -v error -i "$a" -af "montagebeat=sidecar=$out/audio/$id.msgpack" -f null -
        to_txt "$out/audio/$id.msgpack" "$out/audio/$id.beats.txt" audio
    done
    $py "$eval_dir/score_beats.py" --gt-dir "$eval_dir/gt-dev/audio" --pred-dir "$out/audio"
fi
