#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Generates the demo media from lavfi sources: make_media.sh demo DIR
#   cuts.EXT   three shots with hard cuts (testsrc2, smptebars, mandelbrot)
#              and a tone: video + audio
#   bars.EXT   one shot, video only
#   song.wav   10 s of a 120 BPM click-and-bass pattern: audio only
# Uses $MONTAGE_FFMPEG (the project's build) when it can encode a video
# container, else $MEDIA_FFMPEG or /usr/bin/ffmpeg. EXT is mp4 (H.264 or
# MPEG-4 part 2), mkv (FFV1, the project's analysis build) or nut (raw
# video), whatever the encoding ffmpeg has.
set -e
[ "$1" = demo ] && [ -n "$2" ] || { echo "usage: $0 demo DIR" >&2; exit 2; }
DIR=$2
mkdir -p "$DIR"

can() { "$1" -hide_banner -"$2" 2>/dev/null | grep -q " $3 "; }
pick() {
    for ff in "$MONTAGE_FFMPEG" "$MEDIA_FFMPEG" /usr/bin/ffmpeg; do
        [ -n "$ff" ] && [ -x "$ff" ] || continue
        can "$ff" filters concat || continue
        if can "$ff" muxers mp4 && can "$ff" encoders libx264; then
            echo "$ff mp4 libx264"; return; fi
        if can "$ff" muxers mp4 && can "$ff" encoders mpeg4; then
            echo "$ff mp4 mpeg4"; return; fi
        if can "$ff" muxers matroska && can "$ff" encoders ffv1; then
            echo "$ff mkv ffv1"; return; fi
        if can "$ff" muxers nut && can "$ff" encoders rawvideo; then
            echo "$ff nut rawvideo"; return; fi
    done
    echo "no ffmpeg here can write a video file" >&2; exit 1
}
set -- $(pick)
FF=$1 EXT=$2 VCODEC=$3
ACODEC=pcm_s16le
[ "$EXT" = mp4 ] && ACODEC=aac
echo "make_media: $FF -> $DIR (*.$EXT, $VCODEC)"
S=320x240
"$FF" -nostdin -v error -y \
    -f lavfi -i "testsrc2=d=3:s=$S:r=25" -f lavfi -i "smptebars=d=3:s=$S:r=25" \
    -f lavfi -i "mandelbrot=s=$S:r=25,trim=duration=3" -f lavfi -i "sine=f=330:d=9" \
    -filter_complex "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]" \
    -map "[v]" -map 3:a -c:v "$VCODEC" -c:a "$ACODEC" "$DIR/cuts.$EXT"
"$FF" -nostdin -v error -y -f lavfi -i "testsrc=d=4:s=$S:r=25" -vf format=yuv420p \
    -c:v "$VCODEC" "$DIR/bars.$EXT"
# a kick every beat (0.5 s) and a hi-hat between: 120 BPM
"$FF" -nostdin -v error -y -f lavfi -i \
    "aevalsrc='0.8*sin(2*PI*60*t)*exp(-mod(t,0.5)*30)+0.2*(random(0)-0.5)*exp(-mod(t+0.25,0.5)*60)':s=44100:d=10" \
    "$DIR/song.wav"
