#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# What the filters add to the decode in instructions and simulated cache
# misses (valgrind --tool=cachegrind: exact counts, unlike timings on a
# busy machine): per frame, the plain decode against the decode with the
# filters, totals and the functions whose counts changed most.
#
#   bench/filters_cachegrind.sh MEDIA SECONDS [FILTER ARGS...]
#   bench/filters_cachegrind.sh build/bench/clipav1280x720.mp4 10 -vf montagescene -af montagebeat
#   bench/filters_cachegrind.sh build/bench/clipav1280x720.mp4 10 \
#       -vf montagescene=frame_metadata=0 -af montagebeat      # as montage-analyze runs it
#
# Without FILTER ARGS: -vf montagescene (frames tagged, held while a cut
# candidate waits: the decoder's frame pool grows by the held frames). Single-threaded (-threads 1
# -filter_threads 1) so every instruction is counted once. The simulated
# caches: a 32 KB D1 and a last level of $LL bytes (default 2 MB, one
# core's L2: the frames of 720p and more do not stay in it; give the L3's
# size to see what reaches memory). MONTAGE_FFMPEG picks the binary; an
# ffmpeg_g next to it (symbols) is used when there is one.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 MEDIA SECONDS [FILTER ARGS...]" >&2; exit 1; }
media=$1 secs=$2
shift 2
[ $# -gt 0 ] || set -- -vf montagescene
FFMPEG=${MONTAGE_FFMPEG:-build/ffmpeg/ffmpeg_g}
[ -x "$FFMPEG" ] || FFMPEG=build/bin/ffmpeg
command -v valgrind >/dev/null || { echo "bench: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
out=build/bench/cachegrind
mkdir -p "$out"
frames=$("$FFMPEG" -nostdin -v error -t "$secs" -i "$media" -map 0:v:0 -f null - \
    -progress pipe:1 2>/dev/null | sed -n 's/^frame=//p' | tail -n 1)
[ "${frames:-0}" -gt 0 ] || { echo "bench: $media: no video frames in the first $secs s" >&2; exit 1; }

run() { # NAME ARGS...: one cachegrind run
    name=$1
    shift
    valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL="${LL:-2097152},16,64" \
        --cachegrind-out-file="$out/$name.cg" "$FFMPEG" -nostdin -v error -threads 1 \
        -filter_threads 1 -t "$secs" -i "$media" "$@" -f null - 2> "$out/$name.log"
}
run decode
run filters "$@"

# per function: Ir, D1 read and write misses, last-level read and write misses
sums() {
    awk '/^fn=/ { fn = substr($0, 4) }
         /^[0-9]/ { ir[fn] += $2; d1r[fn] += $6; llr[fn] += $7; d1w[fn] += $9; llw[fn] += $10 }
         END { for (f in ir) print f, ir[f], d1r[f], d1w[f], llr[f], llw[f] }' "$1"
}
sums "$out/decode.cg" > "$out/decode.txt"
sums "$out/filters.cg" > "$out/filters.txt"
echo "$(basename "$media"), first $secs s ($frames frames), filters: $*; per frame:"
awk -v n="$frames" '
    NR == FNR { for (i = 2; i <= 6; i++) { a[$1, i] = $i; ta[i] += $i }; fns[$1] = 1; next }
    { for (i = 2; i <= 6; i++) { b[$1, i] = $i; tb[i] += $i }; fns[$1] = 1 }
    END {
        split("Ir D1mr D1mw LLmr LLmw", name, " ")
        printf "%-34s %12s %12s %10s %8s\n", "", "decode", "+filters", "extra", "ratio"
        for (i = 2; i <= 6; i++)
            printf "%-34s %12.0f %12.0f %+10.0f %8.4f\n", name[i - 1], ta[i] / n, tb[i] / n,
                   (tb[i] - ta[i]) / n, ta[i] ? tb[i] / ta[i] : 0
        printf "\n%-34s %10s %8s %8s %8s %8s\n", "largest changes", "Ir", "D1mr", "D1mw", "LLmr", "LLmw"
        for (f in fns) {
            d = b[f, 2] - a[f, 2]
            printf "%-34s %10.0f %8.0f %8.0f %8.0f %8.0f\n", substr(f, 1, 34), d / n,
                   (b[f, 3] - a[f, 3]) / n, (b[f, 4] - a[f, 4]) / n, (b[f, 5] - a[f, 5]) / n,
                   (b[f, 6] - a[f, 6]) / n | "sort -k2,2 -g -r | head -n 12"
        }
    }' "$out/decode.txt" "$out/filters.txt"
