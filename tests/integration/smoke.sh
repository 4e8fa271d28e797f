#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Smoke test of one FFmpeg build with the filters ($MONTAGE_FFMPEG): both
# filters list their options, find a known cut and a known tempo, and write
# valid sidecars; the glue patch of that release is idempotent.
. "$(dirname "$0")/../lib.sh"
A="$PYTHON $ROOT/tests/integration/sidecar_assert.py"
tree=$(dirname "$FFMPEG")

for f in montagescene montagebeat; do
    if "$FFMPEG" -hide_banner -h filter=$f 2>&1 | grep -q "^   sidecar "; then ok "options_listed_$f"
    else fail "options_listed_$f" "ffmpeg -h filter=$f does not list the sidecar option"; fi
done

# A hard cut at frame 50 between two unrelated sources, 25 fps.
"$FFMPEG" -nostdin -v error -filter_complex \
    "testsrc2=s=320x240:r=25:d=2[a];mandelbrot=s=320x240:r=25,trim=end_frame=50[b];[a][b]concat,format=yuv420p,montagescene=sidecar=$T/scene.msgpack" \
    -f null - 2> "$T/scene.err" && $A cuts "$T/scene.msgpack" smoke_scene_cut 50:hard ||
    fail smoke_scene_cut "$(cat "$T/scene.err")"

# Clicks at 120 BPM.
click="aevalsrc='0.8*sin(2*PI*1000*t)*exp(-mod(t,0.5)*60)':s=44100:d=20"
"$FFMPEG" -nostdin -v error -f lavfi -i "$click" -af "montagebeat=sidecar=$T/beat.msgpack" -f null - 2> "$T/beat.err" &&
    $A beats "$T/beat.msgpack" smoke_beat_tempo 120 0 20 || fail smoke_beat_tempo "$(cat "$T/beat.err")"

# The build tree was patched once; the script must now see it as patched
# and change nothing when run again.
if [ -f "$tree/.montage-copy-of" ]; then
    before=$(cd "$tree" && cat configure libavfilter/allfilters.c libavfilter/Makefile doc/filters.texi | cksum)
    out=$("$ROOT/patches/apply-ffmpeg.sh" "$tree" 2>&1)
    after=$(cd "$tree" && cat configure libavfilter/allfilters.c libavfilter/Makefile doc/filters.texi | cksum)
    case $out in *"already has the glue"*) [ "$before" = "$after" ] && ok patch_idempotent || fail patch_idempotent "files changed" ;;
                 *) fail patch_idempotent "$out" ;; esac
    pristine=$(cat "$tree/.montage-copy-of")
    case $("$ROOT/patches/apply-ffmpeg.sh" --check "$pristine" 2>&1) in
        *", pristine") ok patch_applies_to_pristine ;;
        *) fail patch_applies_to_pristine "$("$ROOT/patches/apply-ffmpeg.sh" --check "$pristine" 2>&1)" ;;
    esac
fi
finish
