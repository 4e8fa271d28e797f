#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Cost of the filters against the decode they ride on: wall and CPU time of
#   ffmpeg -i X -vf montagescene -f null -     vs   ffmpeg -i X -f null -
#   ffmpeg -i X -af montagebeat -f null -      vs   ffmpeg -i X -f null -
# and, for media with both a video and an audio stream, both filters in the
# one run against the plain decode of both streams:
#   ffmpeg -i X -vf montagescene -af montagebeat -f null -   vs   ffmpeg -i X -f null -
# plus each filter alone on that media and a control row (-vf null -af anull:
# the graph ffmpeg builds anyway, so it shows the noise), which say where an
# excess over the decode comes from;
# run alternately (A B A B ...) so machine noise hits both alike; prints the
# median of each, the ratio of the medians, and the median and range of the
# CPU ratios of the pairs (on a busy machine the pairs' ratios are the
# steadier figure: both runs of a pair see about the same load).
#
#   bench/filters_vs_decode.sh [RUNS] [MEDIA...]
#
# Without MEDIA it encodes 1080p and 720p H.264 clips and an MP3 (20 s each)
# and a 60 s 720p H.264 clip with a stereo AAC track (the MP3's drum
# pattern), the 1080p clip with the MP3 muxed in, and a grainy 20 s 720p
# clip with the AAC track (film grain makes the decode dearer per frame
# while the analysis costs the same), into build/bench with Debian's
# /usr/bin/ffmpeg (apt-get install ffmpeg): the analysis build of FFmpeg
# decodes them but has no H.264, AAC or MP3 encoder.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-7}
[ $# -gt 0 ] && shift
FFMPEG=${MONTAGE_FFMPEG:-build/bin/ffmpeg}
FFPROBE=${MONTAGE_FFPROBE:-build/bin/ffprobe}
out=build/bench
mkdir -p "$out"

if [ $# -eq 0 ]; then
    enc=/usr/bin/ffmpeg
    [ -x "$enc" ] || { echo "bench: needs Debian's ffmpeg to encode the inputs (apt-get install ffmpeg)" >&2; exit 1; }
    for size in 1920x1080 1280x720; do
        f=$out/clip$size.mp4
        [ -f "$f" ] || "$enc" -nostdin -v error -f lavfi -i "testsrc2=s=$size:r=30:d=20" \
            -f lavfi -i "mandelbrot=s=$size:r=30,trim=end_frame=1" -filter_complex "[0][1]overlay=enable='gt(mod(t,4),2)'" \
            -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p "$f"
    done
    drums="aevalsrc='0.6*sin(2*PI*55*t)*exp(-mod(t,0.5)*20)+0.2*(random(0)-0.5)*exp(-mod(t,0.25)*60)|0.6*sin(2*PI*55*t)*exp(-mod(t,0.5)*20)':s=44100"
    f=$out/song.mp3
    [ -f "$f" ] || "$enc" -nostdin -v error -f lavfi -i "$drums:d=180" -c:a libmp3lame -b:a 192k "$f"
    f=$out/clipav1280x720.mp4
    [ -f "$f" ] || "$enc" -nostdin -v error -f lavfi -i "testsrc2=s=1280x720:r=30:d=60" \
            -f lavfi -i "mandelbrot=s=1280x720:r=30,trim=end_frame=1" -f lavfi -i "$drums:d=60" \
            -filter_complex "[0][1]overlay=enable='gt(mod(t,4),2)'[v]" -map "[v]" -map 2:a \
            -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p -c:a aac -b:a 160k "$f"
    f=$out/clipav1920x1080.mp4 # the 1080p clip with the MP3's first 20 s, stream copies
    [ -f "$f" ] || "$enc" -nostdin -v error -i "$out/clip1920x1080.mp4" -i "$out/song.mp3" \
            -map 0:v -map 1:a -c copy -shortest "$f"
    f=$out/clipavgrain1280x720.mp4
    [ -f "$f" ] || "$enc" -nostdin -v error -f lavfi -i "testsrc2=s=1280x720:r=30:d=20,noise=alls=6:allf=t" \
            -f lavfi -i "$drums:d=20" -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p \
            -c:a aac -b:a 160k "$f"
    set -- "$out/clip1920x1080.mp4" "$out/clip1280x720.mp4" "$out/song.mp3" \
        "$out/clipav1280x720.mp4" "$out/clipav1920x1080.mp4" "$out/clipavgrain1280x720.mp4"
fi

# time_one CMD...: prints "wall cpu" seconds of one run.
time_one() {
    /usr/bin/time -f '%e %U %S' -o "$out/time.txt" "$@" >/dev/null 2>&1
    awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$out/time.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# compare MEDIA LABEL FILTER...: one row, FILTER vs the plain decode.
compare() {
    media=$1 label=$2
    shift 2
    : > "$out/a.txt"; : > "$out/b.txt"
    time_one "$FFMPEG" -nostdin -i "$media" -f null - > /dev/null # warm-up
    i=0
    while [ $i -lt "$runs" ]; do
        time_one "$FFMPEG" -nostdin -i "$media" -f null - >> "$out/a.txt"
        time_one "$FFMPEG" -nostdin -i "$media" "$@" -f null - >> "$out/b.txt"
        i=$((i + 1))
    done
    wa=$(cut -d' ' -f1 "$out/a.txt" | median); wb=$(cut -d' ' -f1 "$out/b.txt" | median)
    ca=$(cut -d' ' -f2 "$out/a.txt" | median); cb=$(cut -d' ' -f2 "$out/b.txt" | median)
    pairs=$(paste -d' ' "$out/a.txt" "$out/b.txt" | awk '{ printf "%.4f\n", $4 / $2 }' | sort -n)
    printf '%-28s %-13s %9s %9s %9s %9s %7.3f %7.3f %7.3f %s-%s\n' "$(basename "$media")" "$label" \
        "$wa" "$wb" "$ca" "$cb" "$(echo "$wb $wa" | awk '{ print $1 / $2 }')" \
        "$(echo "$cb $ca" | awk '{ print $1 / $2 }')" "$(echo "$pairs" | median)" \
        "$(echo "$pairs" | head -n 1)" "$(echo "$pairs" | tail -n 1)"
}

printf '%-28s %-13s %9s %9s %9s %9s %7s %7s %7s %s\n' media filter wall_dec wall_filt cpu_dec cpu_filt \
    wall_x cpu_x pair_x pair_range
for media in "$@"; do
    kinds=$("$FFPROBE" -v error -show_entries stream=codec_type -of csv=p=0 "$media" | sort -u | tr -d '\n')
    case $kinds in
    audiovideo)
        compare "$media" "null,anull" -vf null -af anull
        compare "$media" montagescene -vf montagescene
        compare "$media" montagebeat -af montagebeat
        compare "$media" both -vf montagescene -af montagebeat ;;
    video) compare "$media" montagescene -vf montagescene ;;
    *) compare "$media" montagebeat -af montagebeat ;;
    esac
done
