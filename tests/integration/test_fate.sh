#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Reference tests in FFmpeg's FATE style: the frame metadata of generated
# media, as ffprobe prints it, and the sidecar written at its end (as JSON,
# without the generator and source sections), compared with
# tests/ref/<name> and tests/ref/<name>.sidecar.json. After an intended
# change of the analysis: bump its analyser version, then
#   sh tests/integration/test_fate.sh --update && sh tests/tools/analyser_digest.sh --update
. "$(dirname "$0")/../lib.sh"
update=0
[ "${1:-}" = "--update" ] && update=1

# A cut at frame 40 and a 20-frame dissolve from frame 80, 25 fps.
scene_src="testsrc2=s=320x240:r=25:d=1.6[a];mandelbrot=s=320x240:r=25,trim=end_frame=60[b];smptebars=s=320x240:r=25:d=3.2[c];[a][b]concat[ab];[ab]trim=end_frame=100,setpts=PTS-STARTPTS,settb=1/25[x];[c]trim=end_frame=80,setpts=PTS-STARTPTS,settb=1/25[y];[x][y]xfade=transition=dissolve:duration=0.8:offset=3.2,format=yuv420p,montagescene"
# A brightness step at frame 25 (a lamp switching on: no cut), then a dip to
# black (frames 50..57: one fade, the new shot from 58), 25 fps.
scene_dip_src="testsrc2=s=320x240:r=25:d=2,lutyuv=y=val*0.6:enable='lt(t,1)'[a];color=c=black:s=320x240:r=25:d=0.32[b];smptebars=s=320x240:r=25:d=2[c];[a][b][c]concat=n=3,settb=1/25,format=yuv420p,montagescene"
# Clicks at 120 BPM, 8 s.
beat_src="aevalsrc='0.8*sin(2*PI*1000*t)*exp(-mod(t,0.5)*60)':s=44100:d=8,montagebeat"

compare() { # NAME FILE
    if [ $update -eq 1 ]; then cp "$T/$2" "$ROOT/tests/ref/$2"; ok "fate_$1 (updated)"; return; fi
    if cmp -s "$T/$2" "$ROOT/tests/ref/$2"; then ok "fate_$1"
    else fail "fate_$1" "differs from tests/ref/$2: $(diff "$ROOT/tests/ref/$2" "$T/$2" | head -n 4 | tr '\n' ' ')"; fi
}
probe() { # NAME GRAPH ENTRIES
    "$FFPROBE" -v error -f lavfi -i "$2=sidecar=$T/$1.msgpack" -show_entries "$3" -of compact=p=0 \
        > "$T/$1" 2> "$T/$1.err" || { fail "fate_$1" "$(cat "$T/$1.err")"; return; }
    compare "$1" "$1"
    "$BUILD/montage-sidecar" dump --json "$T/$1.msgpack" > "$T/$1.json" &&
    $PYTHON -c "
import json, sys
d = json.load(open(sys.argv[1]))
for k in ('generator', 'source'):
    d.pop(k, None)
json.dump(d, open(sys.argv[2], 'w'), indent=1, sort_keys=True)
" "$T/$1.json" "$T/$1.sidecar.json" || { fail "fate_$1_sidecar" "cannot dump $T/$1.msgpack"; return; }
    compare "$1_sidecar" "$1.sidecar.json"
}
probe montagescene-cut-dissolve "$scene_src" "frame=pts:frame_tags"
probe montagescene-step-dip "$scene_dip_src" "frame=pts:frame_tags"
probe montagebeat-clicks "$beat_src" "frame=pts:frame_tags"
# Results cannot change without a bump of the analyser's version.
[ $update -eq 1 ] || sh "$ROOT/tests/tools/analyser_digest.sh" || failures=$((failures + 1))
finish
