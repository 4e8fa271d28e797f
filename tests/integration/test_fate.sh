#!/bin/sh
# Metadata reference tests in FFmpeg's FATE style: the frame metadata of
# generated media, as ffprobe prints it, compared with tests/ref/<name>.
# After an intended change of the analysis (and a bump of its analyser
# version), regenerate with: sh tests/integration/test_fate.sh --update
. "$(dirname "$0")/../lib.sh"
update=0
[ "${1:-}" = "--update" ] && update=1

# A cut at frame 40 and a 20-frame dissolve from frame 80, 25 fps.
scene_src="testsrc2=s=320x240:r=25:d=1.6[a];mandelbrot=s=320x240:r=25,trim=end_frame=60[b];smptebars=s=320x240:r=25:d=3.2[c];[a][b]concat[ab];[ab]trim=end_frame=100,setpts=PTS-STARTPTS,settb=1/25[x];[c]trim=end_frame=80,setpts=PTS-STARTPTS,settb=1/25[y];[x][y]xfade=transition=dissolve:duration=0.8:offset=3.2,format=yuv420p,montagescene"
# Clicks at 120 BPM, 8 s.
beat_src="aevalsrc='0.8*sin(2*PI*1000*t)*exp(-mod(t,0.5)*60)':s=44100:d=8,montagebeat"

probe() { # NAME GRAPH ENTRIES
    "$FFPROBE" -v error -f lavfi -i "$2" -show_entries "$3" -of compact=p=0 > "$T/$1" 2> "$T/$1.err" ||
        { fail "fate_$1" "$(cat "$T/$1.err")"; return; }
    if [ $update -eq 1 ]; then cp "$T/$1" "$ROOT/tests/ref/$1"; ok "fate_$1 (updated)"; return; fi
    if cmp -s "$T/$1" "$ROOT/tests/ref/$1"; then ok "fate_$1"
    else fail "fate_$1" "differs from tests/ref/$1: $(diff "$ROOT/tests/ref/$1" "$T/$1" | head -n 4 | tr '\n' ' ')"; fi
}
probe montagescene-cut-dissolve "$scene_src" "frame=pts:frame_tags"
probe montagebeat-clicks "$beat_src" "frame=pts:frame_tags"
finish
