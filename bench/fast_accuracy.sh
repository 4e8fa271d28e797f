#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Does montage-fast-scene (montage-analyze --fast) give the full decode's
# transitions? Each clip is re-encoded with Debian's /usr/bin/ffmpeg as
#   k25    libx264 -preset veryfast -crf 21 -g 25
#   k250   libx264 -preset veryfast -crf 21 -g 250 (scene-cut key frames)
#   hevc   libx265 -preset ultrafast -crf 24, keyint 250 (when available)
# (cached in build/bench/fast-acc, with the full decode's sidecar), analysed by the full decode and by the
# fast mode with every window decoded (--max-cover 1: a fallback would hide
# a miss), and the transitions compared. Prints a row per encode: the
# transitions of the full decode, "same" or the difference, and the share
# of the frames the fast mode decoded in pass 2. pairs.txt gets every key
# frame pair's scores and whether the full decode put a transition
# between them (1) or not (0), to read the pass-1 thresholds' margins.
#
#   bench/fast_accuracy.sh CLIP...
#   VARIANTS="k25 k250" FAST_ARGS="--pre 24" RESULTS=build/bench/pre24 bench/fast_accuracy.sh CLIP...
# FAST_ARGS: more montage-fast-scene options; RESULTS: where sidecars, logs
# and pairs.txt go (the encodes stay in build/bench/fast-acc).
set -eu
cd "$(dirname "$0")/.."
. bench/fast_common.sh
variants=${VARIANTS:-k25 k250 hevc}
enc=/usr/bin/ffmpeg
media=$B/bench/fast-acc
out=${RESULTS:-$media}
mkdir -p "$media" "$out"
[ -x "$enc" ] || { echo "bench: needs Debian's ffmpeg to encode the inputs (apt-get install ffmpeg)" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: $0 CLIP..." >&2; exit 1; }

encode() { # SRC VARIANT DEST
    case $2 in
    k25) "$enc" -nostdin -v error -i "$1" -an -c:v libx264 -preset veryfast -crf 21 -g 25 "$3" ;;
    k250) "$enc" -nostdin -v error -i "$1" -an -c:v libx264 -preset veryfast -crf 21 -g 250 "$3" ;;
    hevc) "$enc" -hide_banner -encoders 2>/dev/null | grep -q libx265 &&
        "$enc" -nostdin -v error -i "$1" -an -c:v libx265 -preset ultrafast -crf 24 \
            -x265-params keyint=250:log-level=error "$3" ;;
    esac
}

: > "$out/pairs.txt"
printf '%-28s %-5s %5s %8s %s\n' clip enc trans decoded result
for clip in "$@"; do
    id=$(basename "$clip" .mp4)
    for v in $variants; do
        m=$media/$id.$v.mp4
        [ -s "$m" ] || encode "$clip" "$v" "$m" || { rm -f "$m"; continue; }
        # the full decode's sidecar is kept next to the encode until ffmpeg changes
        full=$media/$id.$v.full.msgpack fast=$out/$id.$v.fast.msgpack
        [ "$full" -nt "$FFMPEG" ] ||
            "$FFMPEG" -nostdin -v error -threads 1 -i "$m" -map 0:v:0 -vf "montagescene=sidecar=$full" -f null -
        # shellcheck disable=SC2086
        "$FAST" -v -v --max-cover 1 ${FAST_ARGS:-} --ffmpeg "$FFMPEG" --ffprobe "$FFPROBE" \
            --scene-filter "montagescene=sidecar=$fast" --sidecar "$fast" "$m" 2> "$out/$id.$v.log"
        transitions "$full" > "$out/$id.$v.full.txt"
        transitions "$fast" > "$out/$id.$v.fast.txt"
        if cmp -s "$out/$id.$v.full.txt" "$out/$id.$v.fast.txt"; then result=same
        else result="DIFFERENT: $(diff "$out/$id.$v.full.txt" "$out/$id.$v.fast.txt" | grep '^[<>]' | tr '\n' ' ')"; fi
        decoded=$(sed -n 's/.* and \([0-9]*\) of \([0-9]*\) frames in .*/\1 \2/p' "$out/$id.$v.log" |
            awk '{ printf "%.3f", $1 / $2 }')
        printf '%-28s %-5s %5s %8s %s\n' "$id" "$v" "$(wc -l < "$out/$id.$v.full.txt")" "$decoded" "$result"
        # key frame pairs: label 1 when a full-decode transition touches (prev, cur]
        sed -n 's/.*key frame \([0-9]*\): hist \([0-9.]*\) struct \([0-9.]*\) shift \([0-9.]*\)/\1 \2 \3 \4/p' \
            "$out/$id.$v.log" | awk -v id="$id" -v v="$v" -v tf="$out/$id.$v.full.txt" '
            BEGIN { while ((getline l < tf) > 0) { split(l, a, " "); n++; first[n] = a[3]; last[n] = a[4] } }
            NR > 1 { lab = 0
                     for (i = 1; i <= n; i++) if (last[i] > prev && first[i] <= $1) lab = 1
                     print id, v, prev, $1, $2, $3, $4, lab }
            { prev = $1 }' >> "$out/pairs.txt"
    done
done
