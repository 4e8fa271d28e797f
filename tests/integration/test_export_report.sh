#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montage-sidecar report --html: rendered by headless Chromium; the
# screenshot must show the three shots' thumbnails (a red, a green and a
# blue shot) and the song's plot (orange onset curve, magenta downbeats).
# The same page without thumbnails must not pass the thumbnail check.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/export_media.sh"
CHROMIUM=${CHROMIUM:-chromium}
need_tools "$ENC" "$CHROMIUM"

# red, green and blue shots, each with a small moving test pattern in a
# corner (the scene analyser finds no cut between flat fields)
box() { # FIELD SECONDS
    echo "color=c=$1:s=320x240:r=25:d=2[f$1];testsrc2=s=96x72:r=25:d=6,trim=$2:$(($2 + 2)),setpts=PTS-STARTPTS[p$1];[f$1][p$1]overlay=0:0:shortest=1,format=yuv420p"
}
"$ENC" -nostdin -v error -y -filter_complex \
    "$(box red 0)[a];$(box lime 2)[b];$(box blue 4)[c];[a][b][c]concat=n=3" \
    -c:v libx264 -preset ultrafast "$T/colours.mp4"
drum_song "$T/song.wav"
"$FFMPEG" -nostdin -v error -i "$T/colours.mp4" -vf "montagescene=sidecar=$T/colours.mp4.scene.montage.msgpack" -f null - 2>/dev/null
"$FFMPEG" -nostdin -v error -i "$T/song.wav" -af "montagebeat=sidecar=$T/song.wav.beat.montage.msgpack" -f null -
V="$T/colours.mp4.scene.montage.msgpack"
A="$T/song.wav.beat.montage.msgpack"

# screenshot HTML PNG; then pixel counts of the colours the page must show
screenshot() {
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$T/chromium" \
        --window-size=1100,900 --screenshot="$2" "file://$1" > "$T/chromium.log" 2>&1
}
colours() { # PNG -> "red green blue orange magenta" pixel counts
    "$ENC" -nostdin -v error -i "$1" -f rawvideo -pix_fmt rgb24 - | "$PYTHON" -c '
import sys
d = sys.stdin.buffer.read()
n = {"red": 0, "green": 0, "blue": 0, "orange": 0, "magenta": 0}
for i in range(0, len(d) - 2, 3):
    r, g, b = d[i], d[i + 1], d[i + 2]
    if r > 200 and g < 70 and b < 70: n["red"] += 1
    elif g > 200 and r < 70 and b < 70: n["green"] += 1
    elif b > 200 and r < 70 and g < 70: n["blue"] += 1
    elif r > 230 and 100 < g < 160 and b < 60: n["orange"] += 1
    elif r > 180 and b > 180 and g < 60: n["magenta"] += 1
print(" ".join("%s=%d" % kv for kv in n.items()))'
}
# a 192x144 thumbnail has 27648 pixels, 25160 outside the pattern; curves
# and beat lines a few hundred
THUMB_MIN=20000
PLOT_MIN=150
shows() { # COUNTS NAME MIN
    v=$(echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"); [ "${v:-0}" -ge "$3" ]
}

if "$S" report --html "$T/report.html" --ffmpeg "$FFMPEG" "$V" "$A" 2> "$T/err"; then ok report_written
else fail report_written "$(cat "$T/err")"; fi
# self-contained: no URL but the SVG namespace, every picture a data: URI
if grep -o -E '(src|href)="[^"]*"|url\(' "$T/report.html" | grep -v '^src="data:image/png;base64,' | grep -q .; then
    fail report_self_contained "$(grep -o -E '(src|href)="[^"]{0,40}' "$T/report.html" | grep -v data: | head -n 2)"
else ok report_self_contained; fi
expect_eq report_three_thumbnails "$(grep -o 'src="data:image/png;base64,' "$T/report.html" | wc -l)" 3
expect_eq report_strip_two_cuts "$(grep -o '<rect class="tr-hard"' "$T/report.html" | wc -l)" 2

if screenshot "$T/report.html" "$T/report.png" && [ -s "$T/report.png" ]; then
    counts=$(colours "$T/report.png")
    if shows "$counts" red $THUMB_MIN && shows "$counts" green $THUMB_MIN && shows "$counts" blue $THUMB_MIN; then
        ok chromium_shows_thumbnails; else fail chromium_shows_thumbnails "$counts"; fi
    if shows "$counts" orange $PLOT_MIN && shows "$counts" magenta $PLOT_MIN; then
        ok chromium_shows_plot; else fail chromium_shows_plot "$counts"; fi
else fail chromium_screenshot "$(tail -n 3 "$T/chromium.log")"; fi

# the check can fail: the same page without pictures
"$S" report --html "$T/bare.html" --no-thumbnails "$V" 2> "$T/err"
if screenshot "$T/bare.html" "$T/bare.png" && counts=$(colours "$T/bare.png") && ! shows "$counts" red $THUMB_MIN; then
    ok thumbnail_check_fails_without_thumbnails; else fail thumbnail_check_fails_without_thumbnails "$counts"; fi

# errors: one line, non-zero, no page
mv "$T/colours.mp4" "$T/gone.mp4"
"$S" report --html "$T/none.html" --ffmpeg "$FFMPEG" "$V" > /dev/null 2> "$T/err"
st=$?
# the cause is ffmpeg's own (was "no frame came out" for any failure)
if [ $st -ne 0 ] && [ "$(wc -l < "$T/err")" -eq 1 ] && grep -qF "thumbnails: $FFMPEG could not decode $T/colours.mp4 (No such file or directory)" "$T/err" && [ ! -e "$T/none.html" ]; then
    ok report_missing_media_error; else fail report_missing_media_error "exit $st: $(cat "$T/err")"; fi
"$S" report "$V" > /dev/null 2> "$T/err"
expect_eq report_usage "$? $(cat "$T/err")" "4 montage-sidecar: usage: montage-sidecar report --html OUT.html [--ffmpeg PATH] [--no-thumbnails] SIDECAR..."
finish
