#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Accuracy and speed cost of --keyframes (-skip_frame nokey) on the dev
# corpus: shot boundaries found with full decoding vs key frames only,
# scored by the evaluation kit (score_shots.py, +-2 frames for cuts).
#
#   bench/driver_keyframes_eval.sh [montagescene|scdet]
#
# montagescene (default): montage-analyze with and without --keyframes
#   into a scratch cache; times of the transitions read from the scene
#   sidecars with montage-sidecar dump --json.
# scdet: FFmpeg's own scene-change filter (threshold 10) as a stand-in
#   while no build with montagescene is at hand; same decode options.
# Environment: as tests/driver/lib.sh, plus EVAL_MEDIA (default
# /work/eval-media/video), EVAL_KIT (default /work/shared/eval),
# PYTHON (default /usr/bin/python3).
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/tests/driver/lib.sh"
DETECTOR=${1:-montagescene}
EVAL_MEDIA=${EVAL_MEDIA:-/work/eval-media/video}
EVAL_KIT=${EVAL_KIT:-/work/shared/eval}
PYTHON=${PYTHON:-/usr/bin/python3}
now() { date +%s.%N; }

# transition times (first frame of the new shot / of the transition) of a
# scene sidecar, one per line
sidecar_times() {
    "$MONTAGE_SIDECAR" dump --json "$1" | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
def find(o):
    if isinstance(o, dict):
        for k in ("transitions", "cuts"):
            if isinstance(o.get(k), list):
                return o[k]
        for v in o.values():
            r = find(v)
            if r is not None:
                return r
    return None
for t in find(d) or []:
    print("%.6f" % t.get("t_first", t.get("t")))'
}

run_mode() { # $1 = full|keyframes; predictions into $WORK/$1, prints seconds
    mkdir -p "$WORK/$1"
    t0=$(now)
    if [ "$DETECTOR" = montagescene ]; then
        flag=; [ "$1" = keyframes ] && flag=--keyframes
        "$MONTAGE_ANALYZE" -j 1 --force $flag --json --cache-dir "$WORK/cache-$1" \
            "$EVAL_MEDIA"/*.mp4 > "$WORK/$1.jsonl" 2> "$WORK/$1.err"
        t1=$(now)
        for v in "$EVAL_MEDIA"/*.mp4; do
            id=$(basename "$v" .mp4)
            s=$(grep -F "\"path\":\"$v\"" "$WORK/$1.jsonl" | sed 's/.*"sidecars":\["\([^"]*scene[^"]*\)".*/\1/')
            sidecar_times "$s" > "$WORK/$1/$id.cuts.txt"
        done
    else
        skip=; [ "$1" = keyframes ] && skip="-skip_frame nokey"
        for v in "$EVAL_MEDIA"/*.mp4; do
            id=$(basename "$v" .mp4)
            "$MEDIA_FFMPEG" -nostdin -v error -threads 1 $skip -i "$v" -map 0:v:0 \
                -vf "scdet=t=10,metadata=mode=print:file=$WORK/$1/$id.meta" -f null -
            sed -n 's/.*lavfi.scd.time=//p' "$WORK/$1/$id.meta" > "$WORK/$1/$id.cuts.txt"
        done
        t1=$(now)
    fi
    echo "$t1 - $t0" | bc -l | awk '{ printf "%.2f", $1 }'
}

echo "# detector: $DETECTOR; corpus: $EVAL_MEDIA"
full_s=$(run_mode full)
key_s=$(run_mode keyframes)
for m in full keyframes; do
    "$PYTHON" "$EVAL_KIT/score_shots.py" --gt-dir "$EVAL_KIT/gt-dev/video" --pred-dir "$WORK/$m" \
        --json "$WORK/$m.json" > "$WORK/$m.txt" 2>&1
done
"$PYTHON" - "$WORK/full.json" "$WORK/keyframes.json" "$full_s" "$key_s" <<'PY'
import json, sys
full, key = (json.load(open(p))["total"] for p in sys.argv[1:3])
print("%-24s %10s %10s" % ("measure", "full", "keyframes"))
for part, label in (("all", "overall"), ("cut", "cuts"), ("grad", "gradual")):
    for i, m in enumerate(("P", "R", "F1")):
        print("%-24s %10.3f %10.3f" % (label + " " + m, full[part][i], key[part][i]))
print("%-24s %10d %10d" % ("false positives", full["FP"], key["FP"]))
print("%-24s %10d %10d" % ("FP on hard negatives", full["FP_neg"], key["FP_neg"]))
print("%-24s %10s %10s" % ("wall seconds (-j 1)", sys.argv[3], sys.argv[4]))
PY
echo "# raw scorer output: full"; cat "$WORK/full.txt"
echo "# raw scorer output: keyframes"; cat "$WORK/keyframes.txt"
