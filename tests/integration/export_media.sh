# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# What the export tests share (source it after tests/lib.sh): Debian's
# ffmpeg encodes the media (the project's analysis build has neither
# libx264 nor the mp4 muxer) and muxes chapters, as the analysis build
# does too; its ffprobe reads WebVTT and measures luma.
S="$BUILD/montage-sidecar"
ENC=${MEDIA_FFMPEG:-/usr/bin/ffmpeg}
ENC_PROBE=$(dirname "$ENC")/ffprobe

# need_tools TOOL...: every tool is installed, else one failure and the end
need_tools() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || { fail tools "$tool is not installed (./bootstrap installs it)"; finish; }
    done
}

# shot SOURCE FRAMES RATE: a lavfi chain of FRAMES frames of SOURCE
shot() {
    echo "$1=s=320x240:r=$3,trim=end_frame=$2,setpts=PTS-STARTPTS,format=yuv420p"
}

# drum_song FILE: 10 s, a kick every beat (0.5 s) and a hi-hat between: 120 BPM
drum_song() {
    "$ENC" -nostdin -v error -y -f lavfi -i \
        "aevalsrc='0.8*sin(2*PI*60*t)*exp(-mod(t,0.5)*30)+0.2*(random(0)-0.5)*exp(-mod(t+0.25,0.5)*60)':s=44100:d=10" \
        "$1"
}
