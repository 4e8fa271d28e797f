#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montage-fast-scene (montage-analyze --fast) against the full decode of
#   ffmpeg -threads 1 -i X -map 0:v:0 -vf montagescene=sidecar=S -f null -
# run alternately (full, fast, full, fast ...) so machine noise hits both
# alike; prints the median wall and CPU (user+sys of the whole process tree,
# /usr/bin/time) of each, their ratios, and whether both sidecars hold the
# same transitions. On a loaded machine trust the CPU column over wall.
#
#   bench/fast_vs_full.sh [RUNS] [MEDIA...]
#   BEFORE=/tmp/montage-fast-scene.old bench/fast_vs_full.sh [RUNS] [MEDIA...]
# BEFORE: another montage-fast-scene (an older build), run in the same
# alternation (full, before, fast, ...); adds its median CPU and CPU ratio
# to the full decode, and whether its transitions are the full decode's.
#
# Without MEDIA it encodes, with Debian's /usr/bin/ffmpeg, a 3.5-minute
# 640x360 25 fps "library" clip of long shots (12 to 40 s: test patterns
# that move, scroll or drift slowly, with grain; hard cuts, a dissolve and a
# fade through black) as
#   long.k250.mp4   libx264 keyint 250, scene-cut key frames (x264's default)
#   long.k25.mp4    libx264 keyint 25
#   long.hevc.mp4   libx265 keyint 250 (when Debian's ffmpeg has libx265)
#   long.intra.mp4  libx264 keyint 1 (intra-only: the fast mode falls back)
# into build/bench.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
[ $# -gt 0 ] && shift
. bench/fast_common.sh
out=$B/bench
mkdir -p "$out"

if [ $# -eq 0 ]; then
    enc=/usr/bin/ffmpeg
    [ -x "$enc" ] || { echo "bench: needs Debian's ffmpeg to encode the inputs (apt-get install ffmpeg)" >&2; exit 1; }
    src=$out/long.src.mp4
    S=640x360
    grain="noise=alls=6:allf=t,format=yuv420p"
    # shots (s): 30 25 40 20, a 1 s dissolve, 35, a 1.6 s fade through black,
    # 30 12 28: test patterns that move, scroll or drift slowly, as long takes
    # do; an intermediate near-lossless file, then the encodings
    [ -f "$src" ] || "$enc" -nostdin -v error -y \
        -f lavfi -i "testsrc2=s=$S:r=25:d=30" \
        -f lavfi -i "gradients=s=$S:r=25:speed=0.002:d=25" \
        -f lavfi -i "smptehdbars=s=$S:r=25:d=40,scroll=h=0.0005" \
        -f lavfi -i "testsrc=s=$S:r=25:d=20" \
        -f lavfi -i "rgbtestsrc=s=$S:r=25:d=35,scroll=v=0.0005" \
        -f lavfi -i "testsrc2=s=$S:r=25:d=30,hue=h=120,hflip" \
        -f lavfi -i "gradients=s=$S:r=25:speed=0.004:c0=red:c1=blue:d=12" \
        -f lavfi -i "pal100bars=s=$S:r=25:d=28,scroll=h=-0.0005" \
        -filter_complex "
            [0]$grain[a];[1]$grain[b];[2]$grain[c];[3]$grain[d];[4]$grain[e];
            [5]$grain[f];[6]$grain[g];[7]$grain[h];
            [d][e]xfade=transition=fade:duration=1:offset=19[de];
            [de][f]xfade=transition=fadeblack:duration=1.6:offset=52[def];
            [a][b][c][def][g][h]concat=n=6:v=1:a=0[v]" \
        -map "[v]" -c:v libx264 -preset ultrafast -qp 8 "$src"
    for k in k250 k25 hevc intra; do
        f=$out/long.$k.mp4
        [ -f "$f" ] && continue
        case $k in
        k250) "$enc" -nostdin -v error -i "$src" -c:v libx264 -preset veryfast -crf 21 -g 250 "$f" ;;
        k25) "$enc" -nostdin -v error -i "$src" -c:v libx264 -preset veryfast -crf 21 -g 25 "$f" ;;
        hevc) "$enc" -hide_banner -encoders 2>/dev/null | grep -q libx265 &&
            "$enc" -nostdin -v error -i "$src" -c:v libx265 -preset ultrafast -crf 24 \
                -x265-params keyint=250:log-level=error "$f" ;;
        intra) "$enc" -nostdin -v error -i "$src" -c:v libx264 -preset ultrafast -crf 21 -g 1 "$f" ;;
        esac
    done
    set --
    for k in k250 k25 hevc intra; do [ -f "$out/long.$k.mp4" ] && set -- "$@" "$out/long.$k.mp4"; done
fi

# time_one CMD...: prints "wall cpu" seconds of one run (children included).
time_one() {
    /usr/bin/time -f '%e %U %S' -o "$out/time.txt" "$@" >/dev/null 2>&1
    awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$out/time.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

fast_one() { # BINARY SIDECAR
    time_one "$1" --ffmpeg "$FFMPEG" --ffprobe "$FFPROBE" --threads 1 \
        --scene-filter "montagescene=sidecar=$2" --sidecar "$2" "$media"
}

printf '%-16s %8s %8s %8s %8s %7s %7s %s' media wall_full wall_fast cpu_full cpu_fast wall_x cpu_x transitions
[ -n "${BEFORE:-}" ] && printf ' | %10s %8s %s' cpu_before cpu_x before
echo
for media in "$@"; do
    sf=$out/full.msgpack ss=$out/fast.msgpack so=$out/before.msgpack
    : > "$out/a.txt"; : > "$out/b.txt"; : > "$out/c.txt"
    i=0
    while [ "$i" -lt "$runs" ]; do
        time_one "$FFMPEG" -nostdin -v error -threads 1 -i "$media" -map 0:v:0 \
            -vf "montagescene=sidecar=$sf" -f null - >> "$out/a.txt"
        [ -n "${BEFORE:-}" ] && fast_one "$BEFORE" "$so" >> "$out/c.txt"
        fast_one "$FAST" "$ss" >> "$out/b.txt"
        i=$((i + 1))
    done
    wa=$(cut -d' ' -f1 "$out/a.txt" | median); wb=$(cut -d' ' -f1 "$out/b.txt" | median)
    ca=$(cut -d' ' -f2 "$out/a.txt" | median); cb=$(cut -d' ' -f2 "$out/b.txt" | median)
    if [ "$(transitions "$sf")" = "$(transitions "$ss")" ]; then same="same ($(transitions "$sf" | wc -l))"
    else same=DIFFERENT; fi
    printf '%-16s %8s %8s %8s %8s %7.2f %7.2f %s' "$(basename "$media")" "$wa" "$wb" "$ca" "$cb" \
        "$(echo "$wa $wb" | awk '{ print $1 / $2 }')" "$(echo "$ca $cb" | awk '{ print $1 / $2 }')" "$same"
    if [ -n "${BEFORE:-}" ]; then
        cc=$(cut -d' ' -f2 "$out/c.txt" | median)
        before=DIFFERENT
        [ "$(transitions "$sf")" = "$(transitions "$so")" ] && before=same
        printf ' | %10s %8.2f %s' "$cc" "$(echo "$ca $cc" | awk '{ print $1 / $2 }')" "$before"
    fi
    echo
done
