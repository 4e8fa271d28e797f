#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Runs the scene core (build/tools/scene_cli) on every <id>.mp4 of a media
# directory and scores the cuts with the shared evaluation kit. A
# development tool: not part of the test suite.
#
#   tests/tools/eval_scenes.sh MEDIA_DIR OUT_DIR [scene_cli options...]
#
# MEDIA_DIR holds <id>.mp4 and <id>.json (ground truth, as made by
# shared/eval/make_corpus.py). OUT_DIR receives <id>.cuts.txt, <id>.log
# (scene_cli -v) and score.txt. Environment: SCENE_CLI (default
# build/tools/scene_cli), SCORER (default ../shared/eval/score_shots.py
# next to this repository), PYTHON (default /usr/bin/python3), JOBS
# (parallel clips, default the CPU count), GT_DIR (ground truth when it is
# not next to the media, e.g. ../shared/eval/natural-dev/gt; default
# MEDIA_DIR, else ../shared/eval/gt-dev/video).
set -eu

if [ $# -lt 2 ]; then
    echo "usage: $0 MEDIA_DIR OUT_DIR [scene_cli options...]" >&2
    exit 1
fi
media=$1 out=$2
shift 2
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=${SCENE_CLI:-$here/build/tools/scene_cli}
scorer=${SCORER:-$here/../shared/eval/score_shots.py}
python=${PYTHON:-/usr/bin/python3}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

[ -x "$cli" ] || { echo "$0: $cli not built (make $cli)" >&2; exit 1; }
[ -f "$scorer" ] || { echo "$0: scorer $scorer not found (set SCORER)" >&2; exit 1; }
ls "$media"/*.mp4 >/dev/null 2>&1 || { echo "$0: no .mp4 in $media" >&2; exit 1; }
mkdir -p "$out"

run_one() { # MP4 [options]
    mp4=$1
    shift
    id=$(basename "$mp4" .mp4)
    geo=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height,r_frame_rate \
          -of csv=p=0 "$mp4")
    w=$(echo "$geo" | cut -d, -f1)
    h=$(echo "$geo" | cut -d, -f2)
    fps=$(echo "$geo" | cut -d, -f3 | awk -F/ '{ printf "%.6f", $2 ? $1 / $2 : $1 }')
    ffmpeg -v error -nostdin -i "$mp4" -an -f rawvideo -pix_fmt yuv420p - |
        "$cli" -s "${w}x$h" --fps "$fps" --pix-fmt yuv420p -v "$@" > "$out/$id.log"
    sed '/^#/d' "$out/$id.log" > "$out/$id.cuts.txt"  # not grep: it fails when a clip has no boundary
}

pids=""
n=0
for mp4 in "$media"/*.mp4; do
    run_one "$mp4" "$@" &
    pids="$pids $!"
    n=$((n + 1))
    if [ $n -ge "$jobs" ]; then
        for p in $pids; do wait "$p"; done
        pids="" n=0
    fi
done
for p in $pids; do wait "$p"; done

gt=${GT_DIR:-$media}
ls "$gt"/*.json >/dev/null 2>&1 || gt=$here/../shared/eval/gt-dev/video
"$python" "$scorer" --gt-dir "$gt" --pred-dir "$out" -v --json "$out/score.json" | tee "$out/score.txt"
