#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# build/bin holds every program next to the project's ffmpeg and ffprobe, so
# the driver started from there uses them with nothing set: no
# MONTAGE_FFMPEG, no --ffmpeg, a $PATH whose ffmpeg (if any) lacks the
# filters. Before, build/bin had only ffmpeg and ffprobe, and
# build/montage-analyze took $PATH's ffmpeg ("No such filter: 'montagescene'").
. "$(dirname "$0")/lib.sh"

BIN=$TOP/build/bin
if [ ! -x "$BIN/ffmpeg" ]; then
    skip bin_driver_uses_project_ffmpeg "no project ffmpeg in $BIN"
    finish
fi
for p in montage-analyze montage-fast-scene montage-sidecar; do
    [ -x "$BIN/$p" ] && ok "bin_has_$p" || fail "bin_has_$p" "$BIN/$p missing"
done

# 3 s of one pattern, then a cut to another: a cut at frame 75
"$MEDIA_FFMPEG" -nostdin -v error -y -filter_complex \
    "testsrc2=s=160x120:r=25:d=3,format=yuv420p[a];mandelbrot=s=160x120:r=25,trim=end_frame=50,setpts=PTS-STARTPTS,format=yuv420p[b];[a][b]concat" \
    -c:v mpeg2video -q:v 2 "$WORK/cut.ts"
env -u MONTAGE_FFMPEG -u MONTAGE_FFPROBE PATH=/usr/bin:/bin \
    "$BIN/montage-analyze" "$WORK/cut.ts" > "$WORK/out" 2> "$WORK/err"
rc=$?
if [ $rc -eq 0 ] && "$BIN/montage-sidecar" show "$WORK/cut.ts.scene.montage.msgpack" > "$WORK/show" 2>&1 &&
    grep -q '^  hard     frame 75 ' "$WORK/show"; then
    ok bin_driver_uses_project_ffmpeg
else
    fail bin_driver_uses_project_ffmpeg "exit $rc: $(head -c 300 "$WORK/err")"
fi
finish
