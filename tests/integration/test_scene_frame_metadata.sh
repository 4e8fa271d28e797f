#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montagescene's frame_metadata option: 0 passes every frame on at once,
# untagged, and writes the same sidecar, byte for byte, as the default,
# which holds frames back while a recolouring waits and tags each one.
. "$(dirname "$0")/../lib.sh"
A="$PYTHON $ROOT/tests/integration/sidecar_assert.py"
SIDECAR_CLI=${MONTAGE_SIDECAR:-$BUILD/montage-sidecar}

# 25 fps, 320x240: half-red tint over frames 40..59 of one shot (a
# recolouring that waits for its colours, back at frame 60: no cut), then
# a hard cut at frame 100.
tinted="testsrc2=s=320x240:r=25:d=4,format=yuv420p[a];color=red@0.5:s=320x240:r=25:d=4,format=yuva420p[r];[a][r]overlay=enable='between(n,40,59)',format=yuv420p[t];mandelbrot=s=320x240:r=25,trim=end_frame=40,setpts=PTS-STARTPTS,format=yuv420p[m];[t][m]concat"

# run NAME FRAME_METADATA [OUTPUT OPTIONS]: the sidecar $T/NAME.msgpack and
# the printed frame metadata $T/NAME.meta
run() {
    name=$1 fm=$2
    shift 2
    "$FFMPEG" -nostdin -v error -filter_complex \
        "$tinted,montagescene=sidecar=$T/$name.msgpack:frame_metadata=$fm,metadata=print:file=$T/$name.meta" \
        "$@" -f null - 2> "$T/$name.err"
}
scores() { grep -c 'lavfi.montagescene.score=' "$1"; }

if run held 1 && run passed 0; then
    $A cuts "$T/held.msgpack" frame_metadata_1_cut_not_tint "100:hard"
    if cmp -s "$T/held.msgpack" "$T/passed.msgpack" &&
        [ "$("$SIDECAR_CLI" dump --json "$T/held.msgpack")" = "$("$SIDECAR_CLI" dump --json "$T/passed.msgpack")" ]; then
        ok frame_metadata_0_same_sidecar_bytes
    else fail frame_metadata_0_same_sidecar_bytes "$("$SIDECAR_CLI" show "$T/passed.msgpack" | grep -E 'status|transitions')"; fi
    expect_eq frame_metadata_1_every_frame_tagged "$(scores "$T/held.meta")" 140
    expect_eq frame_metadata_1_cut_tagged \
        "$(awk -F'[: ]+' '/^frame:/ { f = $2 } /lavfi.montagescene.cut=hard/ { printf "%s ", f }' "$T/held.meta")" "100 "
    expect_eq frame_metadata_0_no_frame_tagged "$(grep -c 'lavfi.montagescene' "$T/passed.meta")" 0
else fail frame_metadata_full_runs "$(cat "$T/held.err" "$T/passed.err" | head -c 300)"; fi

# Stopped after 50 output frames, inside the wait: holding, the filter had
# to take in frames up to the colours' return (60) to send frame 49 on;
# passing frames on, it saw about the 50 that went out. Both sidecars are
# incomplete and count the frames the filter received.
frames() { "$SIDECAR_CLI" dump --json "$1" | sed -n 's/.*"units_seen":\([0-9]*\).*/\1/p'; }
complete() { "$SIDECAR_CLI" dump --json "$1" | sed -n 's/.*"complete":\([a-z]*\).*/\1/p'; }
if run stop_held 1 -frames:v 50 && run stop_passed 0 -frames:v 50; then
    n=$(frames "$T/stop_held.msgpack")
    [ "$(complete "$T/stop_held.msgpack")" = false ] && [ "${n:-0}" -ge 60 ] &&
        ok frame_metadata_1_holds_during_wait || fail frame_metadata_1_holds_during_wait "$n frames, complete $(complete "$T/stop_held.msgpack")"
    n=$(frames "$T/stop_passed.msgpack")
    [ "$(complete "$T/stop_passed.msgpack")" = false ] && [ "${n:-0}" -ge 50 ] && [ "$n" -lt 55 ] &&
        ok frame_metadata_0_stop_counts_frames_received ||
        fail frame_metadata_0_stop_counts_frames_received "$n frames, complete $(complete "$T/stop_passed.msgpack")"
else fail frame_metadata_early_stop "$(cat "$T/stop_held.err" "$T/stop_passed.err" | head -c 300)"; fi

# A value that is no boolean is refused by FFmpeg's option parser: the
# option named, "Invalid argument", no sidecar.
if "$FFMPEG" -nostdin -v error -f lavfi -i testsrc2=d=1 \
        -vf "montagescene=sidecar=$T/bad.msgpack:frame_metadata=2" -f null - 2> "$T/bad.err"; then
    fail frame_metadata_2_rejected "ffmpeg succeeded"
elif grep -q "Error setting option frame_metadata to value 2" "$T/bad.err" &&
     grep -q "Invalid argument" "$T/bad.err" && [ ! -e "$T/bad.msgpack" ]; then
    ok frame_metadata_2_rejected
else fail frame_metadata_2_rejected "$(cat "$T/bad.err")"; fi
finish
