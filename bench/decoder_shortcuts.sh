#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Decoder shortcuts against the exact decode, for the scene analysis:
# per shortcut, the largest change of any frame's hard-cut score, whether
# the transitions stay the same, and the CPU time (user+sys, median of RUNS
# alternating runs) relative to the exact decode.
#
#   bench/decoder_shortcuts.sh [RUNS] MEDIA...
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
shift
B=$(pwd)/build
FFMPEG=${MONTAGE_FFMPEG:-$B/bin/ffmpeg}
SIDECAR=${MONTAGE_SIDECAR:-$B/montage-sidecar}
out=$B/bench/shortcuts
mkdir -p "$out"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
transitions() {
    "$SIDECAR" dump --json "$1" | tr '{' '\n' | grep '"first_frame"' |
        sed 's/.*"type":"\([a-z]*\)".*"frame":\([0-9]*\).*"first_frame":\([0-9]*\).*"last_frame":\([0-9]*\).*/\1 \2 \3 \4/'
}
analyse() { # NAME MEDIA OPTIONS...: sidecar, scores and "cpu" into $out/NAME.*
    name=$1 media=$2
    shift 2
    # shellcheck disable=SC2086
    /usr/bin/time -f '%U %S' -o "$out/$name.time" "$FFMPEG" -nostdin -v error -threads 1 "$@" \
        -i "$media" -map 0:v:0 -vf "montagescene=sidecar=$out/$name.msgpack,metadata=mode=print:key=lavfi.montagescene.score:file=$out/$name.scores" \
        -f null -
    awk '{ printf "%.3f\n", $1 + $2 }' "$out/$name.time" >> "$out/$name.cpu"
}
printf '%-26s %-28s %10s %12s %8s\n' media shortcut max_dscore transitions cpu_x
for media in "$@"; do
    set -- "exact:" "skip_loop_filter:-skip_loop_filter all" "flags2_fast:-flags2 fast" \
           "skip_idct_noref:-skip_idct noref" "lowres1:-lowres 1"
    for s in "$@"; do rm -f "$out/${s%%:*}.cpu" "$out/${s%%:*}.failed"; done
    i=0
    while [ "$i" -lt "$runs" ]; do
        for s in "$@"; do
            # shellcheck disable=SC2086
            analyse "${s%%:*}" "$media" ${s#*:} 2> /dev/null || echo "n/a" > "$out/${s%%:*}.failed"
        done
        i=$((i + 1))
    done
    base=$(median < "$out/exact.cpu")
    for s in "$@"; do
        n=${s%%:*}
        if [ -f "$out/$n.failed" ]; then
            printf '%-26s %-28s %10s %12s %8s\n' "$(basename "$media")" "${s#*:}" - "unsupported" -; continue
        fi
        d=$(paste "$out/exact.scores" "$out/$n.scores" | grep score | tr '=' ' ' |
            awk '{ x = $2 - $4; if (x < 0) x = -x; if (x > m) m = x } END { printf "%.4f", m }')
        same=same; [ "$(transitions "$out/exact.msgpack")" = "$(transitions "$out/$n.msgpack")" ] || same=DIFFERENT
        printf '%-26s %-28s %10s %12s %8.3f\n' "$(basename "$media")" "${s#*:}" "$d" "$same" \
            "$(echo "$(median < "$out/$n.cpu") $base" | awk '{ print $1 / $2 }')"
    done
done
