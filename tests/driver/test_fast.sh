#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# --fast (montage-fast-scene) gives the full decode's transitions: cuts
# inside a GOP and on a key frame, a dissolve straddling a key frame, at
# keyint 50 and 250, long takes that pan (decoded in windows, not in
# full), a dip to black longer than the windows' margins, windows started
# without history and again with it; intra-only input, or a window that
# does not hold exactly its frames, falls back to a full decode; a cut between
# still shots 10 frames after a window's key frame. A fast sidecar says
# so (config decode=fast) and is never served to a full request.
. "$(dirname "$0")/lib.sh"

FAST=$(dirname "$MONTAGE_ANALYZE")/montage-fast-scene
SIDECAR_CLI=$MONTAGE_SIDECAR
if [ ! -x "$FAST" ] || [ -z "$SIDECAR_CLI" ] || ! "$MONTAGE_FFMPEG" -hide_banner -h filter=montagescene 2>/dev/null | grep -q ' fast '; then
    echo "skip fast_mode: needs montage-fast-scene, montage-sidecar and the project's ffmpeg"
    exit 0
fi
if ! "$MEDIA_FFMPEG" -hide_banner -encoders 2>/dev/null | grep -q libx264; then
    echo "skip fast_mode: $MEDIA_FFMPEG has no libx264"
    exit 0
fi

M=$WORK/media
mkdir -p "$M"
S=320x240
# cut_dissolve_cut OUT SOURCE1 SOURCE2 SOURCE3 SOURCE4 OFFSET: SOURCE1 | cut |
# SOURCE2 | 1.2 s dissolve from OFFSET seconds | SOURCE3 | cut | SOURCE4
cut_dissolve_cut() {
    "$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "$2" -f lavfi -i "$3" -f lavfi -i "$4" -f lavfi -i "$5" \
        -filter_complex "[0][1]concat=n=2:v=1:a=0,settb=1/25,format=yuv420p[a];[2]settb=1/25,format=yuv420p[c];
                         [a][c]xfade=transition=fade:duration=1.2:offset=$6[ac];
                         [3]format=yuv420p[d];[ac][d]concat=n=2:v=1:a=0[v]" \
        -map "[v]" -c:v ffv1 "$1" ||
        { fail fast_media "could not generate the media"; finish; }
}
# 120 s at 25 fps: testsrc2 | cut at 1007 | smptebars scrolling | 1.2 s dissolve
# over frames 1985..2014 (key frame 2000 at keyint 50) | testsrc | cut at
# 2500 (a key frame at keyint 50) | rgbtestsrc scrolling
cut_dissolve_cut "$WORK/src.nut" "testsrc2=s=$S:r=25:d=40.28" "smptebars=s=$S:r=25:d=40.32,scroll=h=0.005" \
    "testsrc=s=$S:r=25:d=20.6" "rgbtestsrc=s=$S:r=25:d=20,scroll=h=0.01" 79.4
# 60 s of two long takes that pan: smptebars scrolling left (2 % of the
# width per 10 frames), a cut at 760 (inside a GOP at keyint 50),
# smptehdbars mirrored, scrolling right. Consecutive key frames differ by
# where things are.
"$MEDIA_FFMPEG" -nostdin -v error -y \
    -f lavfi -i "smptebars=s=$S:r=25:d=30.4,scroll=h=0.002" \
    -f lavfi -i "smptehdbars=s=$S:r=25:d=29.6,hflip,scroll=h=-0.002" \
    -filter_complex "[0]settb=1/25,format=yuv420p[a];[1]settb=1/25,format=yuv420p[b];
                     [a][b]concat=n=2:v=1:a=0[v]" \
    -map "[v]" -c:v ffv1 "$WORK/pan.nut" ||
    { fail fast_media "could not generate the media"; finish; }
# 50 s: smptehdbars fading out over 475..499, 10 s of black, rgbtestsrc
# fading in: a dip to black longer than the windows' margins, whose key
# frame pairs inside the black change nothing
"$MEDIA_FFMPEG" -nostdin -v error -y \
    -f lavfi -i "smptehdbars=s=$S:r=25:d=20" -f lavfi -i "color=black:s=$S:r=25:d=10" \
    -f lavfi -i "rgbtestsrc=s=$S:r=25:d=20" \
    -filter_complex "[0]settb=1/25,format=yuv420p,fade=t=out:st=19:d=1[a];[1]settb=1/25,format=yuv420p[b];
                     [2]settb=1/25,format=yuv420p,fade=t=in:st=0:d=1[c];[a][b][c]concat=n=3:v=1:a=0[v]" \
    -map "[v]" -c:v ffv1 "$WORK/dip.nut" ||
    { fail fast_media "could not generate the media"; finish; }
# 80 s of still patterns at keyint 200 (key frames 0, 200, ... 1800):
# smptebars | cut at 220 (20 frames after key frame 200) | pal75bars |
# 1.2 s dissolve over frames 690..719 (90 after key frame 600) |
# rgbtestsrc | cut at 1500 (100 after key frame 1400) | smptehdbars.
# Windows start cold at their pair's first key frame: the one from 200
# needs its history (the cut lies in its first 64 frames), the others not.
cut_dissolve_cut "$WORK/cold.nut" "smptebars=s=$S:r=25:d=8.8" "pal75bars=s=$S:r=25:d=20" \
    "rgbtestsrc=s=$S:r=25:d=32.4" "smptehdbars=s=$S:r=25:d=20" 27.6
# 8 s of two still pictures (mandelbrot's frames 0 and 25), lossless,
# key frames at 0 and 100: a cut at 110, 10 frames after a key frame.
# At threshold 0.4 its excess is 0.6 of the threshold: a cut between
# still shots only (analysis/scene/scene_still_cut.h), which a window
# started cold at key frame 100 judges on the 9 frames it has before it.
"$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "mandelbrot=s=$S:r=25" \
    -filter_complex "[0]split[x][y];[x]trim=start_frame=25:end_frame=26,setpts=PTS-STARTPTS,loop=loop=89:size=1[b];
                     [y]trim=end_frame=1,loop=loop=109:size=1[a];[a][b]concat=n=2:v=1:a=0,format=yuv420p[v]" \
    -map "[v]" -r 25 -c:v libx264 -qp 0 -x264-params keyint=100:min-keyint=100:scenecut=0 "$M/still.mp4" ||
    { fail fast_media "could not generate the media"; finish; }
enc() { "$MEDIA_FFMPEG" -nostdin -v error -y -i "$WORK/src.nut" -c:v libx264 -preset ultrafast "$@"; }
enc -g 50 -x264-params scenecut=0 "$M/gop50.mp4"      # cuts inside and on GOPs
enc -g 250 "$M/scenecut.mp4"                          # long GOPs (ultrafast: no scene-cut key frames)
enc -g 1 -t 12 "$M/intra.mp4"                         # intra-only
"$MEDIA_FFMPEG" -nostdin -v error -y -i "$WORK/pan.nut" -c:v libx264 -preset ultrafast \
    -g 50 -x264-params scenecut=0 "$M/pan.mp4"
"$MEDIA_FFMPEG" -nostdin -v error -y -i "$WORK/dip.nut" -c:v libx264 -preset ultrafast \
    -g 50 -x264-params scenecut=0 "$M/dip.mp4"
"$MEDIA_FFMPEG" -nostdin -v error -y -i "$WORK/cold.nut" -c:v libx264 -preset ultrafast \
    -g 200 -x264-params scenecut=0 "$M/cold.mp4"

transitions() {
    "$SIDECAR_CLI" dump --json "$1" | tr '{' '\n' | grep '"first_frame"' |
        sed 's/.*"type":"\([a-z]*\)".*"frame":\([0-9]*\).*"first_frame":\([0-9]*\).*"last_frame":\([0-9]*\).*/\1 \2 \3 \4/'
}
config() { "$SIDECAR_CLI" dump --json "$1" | tr ',{}' '\n\n\n' | grep "\"$2\"" | head -1; }
# each scene's frames and times, the last one's end included (where its
# last frame ends: the merge must say what the full decode's filter does)
scenes() {
    "$SIDECAR_CLI" dump --json "$1" | tr '{' '\n' | grep '"start_frame"' |
        sed 's/.*"start_frame":\([0-9]*\),"end_frame":\([0-9]*\),"t_start":\([^,]*\),"t_end":\([^,]*\),.*/\1 \2 \3 \4/'
}

for clip in gop50 scenecut intra pan dip cold; do
    full=$WORK/$clip.full.msgpack fast=$WORK/$clip.fast.msgpack
    "$MONTAGE_FFMPEG" -nostdin -v error -i "$M/$clip.mp4" -map 0:v:0 \
        -vf "montagescene=sidecar=$full" -f null - 2> "$WORK/err"
    "$FAST" -v --ffmpeg "$MONTAGE_FFMPEG" --ffprobe "$MONTAGE_FFPROBE" \
        --scene-filter "montagescene=sidecar=$fast" --sidecar "$fast" "$M/$clip.mp4" 2> "$WORK/$clip.log"
    a=$(transitions "$full") b=$(transitions "$fast")
    [ -n "$a" ] || [ "$clip" = intra ] || { fail "fast_$clip" "the full analysis found nothing: $(cat "$WORK/err")"; continue; }
    [ "$a" = "$b" ] && ok "fast_same_transitions_$clip" ||
        fail "fast_same_transitions_$clip" "full: $a / fast: $b / $(cat "$WORK/$clip.log")"
    a=$(scenes "$full") b=$(scenes "$fast")
    [ -n "$a" ] && [ "$a" = "$b" ] && ok "fast_same_scene_times_$clip" ||
        fail "fast_same_scene_times_$clip" "full: $a / fast: $b"
done

# the clips' own boundaries are found (not only agreed on)
t=$(transitions "$WORK/gop50.fast.msgpack")
echo "$t" | grep -q '^hard 1007 ' && echo "$t" | grep -q '^hard 2500 ' &&
    echo "$t" | grep -Eq '^dissolve (199[0-9]|200[0-9]) ' &&
    ok fast_finds_cuts_and_dissolve || fail fast_finds_cuts_and_dissolve "$t"

# windows, not a full decode, on GOP material; a full decode on intra-only
grep -q 'windows, ' "$WORK/gop50.log" && ! grep -q 'full decode' "$WORK/gop50.log" &&
    ok fast_decodes_windows || fail fast_decodes_windows "$(cat "$WORK/gop50.log")"
# motion between key frames alone is no reason to decode: the pan clip's
# windows are the cut's and the end's (the structure change flagged every
# pair before and fell back to a full decode)
decoded=$(sed -n 's/.* and \([0-9]*\) of 1500 frames in .*/\1/p' "$WORK/pan.log")
[ -n "$decoded" ] && [ "$decoded" -lt 750 ] &&
    transitions "$WORK/pan.fast.msgpack" | grep -q "^hard 760 " &&
    ok fast_motion_not_decoded || fail fast_motion_not_decoded "$(cat "$WORK/pan.log")"
# the dip is found (a fade), by the fast mode too: pairs of black key
# frames are decoded, so its window reaches back to where the black began
transitions "$WORK/dip.fast.msgpack" | grep -q '^fade ' &&
    ok fast_finds_long_dip || fail fast_finds_long_dip "$(cat "$WORK/dip.log")"
# history only where it matters: the window from key frame 200 is started
# again from the stream's start for its first 64 frames (the cut at 220),
# no other window is
t=$(transitions "$WORK/cold.fast.msgpack")
echo "$t" | grep -q '^hard 220 ' && echo "$t" | grep -Eq '^dissolve (69[0-9]|70[0-9]|71[0-9]) ' &&
    echo "$t" | grep -q '^hard 1500 ' &&
    grep -q 'window 200\.\.[0-9]*: its first 64 frames again from 0$' "$WORK/cold.log" &&
    [ "$(grep -c 'frames again from' "$WORK/cold.log")" -eq 1 ] &&
    grep -q '(1 started again with history)' "$WORK/cold.log" &&
    ok fast_history_only_where_needed || fail fast_history_only_where_needed "$t / $(cat "$WORK/cold.log")"
# a still cut 10 frames after the key frame a window starts at: found by
# the full decode and by --fast (the cold window reports it, so it is
# decoded again with history)
"$MONTAGE_FFMPEG" -nostdin -v error -i "$M/still.mp4" -map 0:v:0 \
    -vf "montagescene=sidecar=$WORK/still.full.msgpack:threshold=0.4" -f null - 2> "$WORK/err"
"$FAST" -v --ffmpeg "$MONTAGE_FFMPEG" --ffprobe "$MONTAGE_FFPROBE" \
    --scene-filter "montagescene=sidecar=$WORK/still.fast.msgpack:threshold=0.4" \
    --sidecar "$WORK/still.fast.msgpack" "$M/still.mp4" 2> "$WORK/still.log"
a=$(transitions "$WORK/still.full.msgpack") b=$(transitions "$WORK/still.fast.msgpack")
[ "$a" = "hard 110 110 110" ] && [ "$b" = "$a" ] &&
    grep -q 'window 100\.\.[0-9]*: its first 64 frames again from 0$' "$WORK/still.log" &&
    ok fast_still_cut_after_key_frame ||
    fail fast_still_cut_after_key_frame "full: $a / fast: $b / $(cat "$WORK/err" "$WORK/still.log")"
grep -q 'full decode: .* key frames in' "$WORK/intra.log" &&
    ok fast_intra_falls_back || fail fast_intra_falls_back "$(cat "$WORK/intra.log")"

# a window that does not hold exactly its frames (here: an ffmpeg that
# reads every window 2 s short) is not merged: one full decode instead
cat > "$WORK/short-ffmpeg" <<EOF
#!/bin/sh
n=\$#
prev=
for a in "\$@"; do
    [ "\$prev" = -t ] && set -- "\$@" "\$(echo "\$a" | awk '{ print \$1 - 2 }')" || set -- "\$@" "\$a"
    prev=\$a
done
shift "\$n"
exec "$MONTAGE_FFMPEG" "\$@"
EOF
chmod +x "$WORK/short-ffmpeg"
"$FAST" -v --ffmpeg "$WORK/short-ffmpeg" --ffprobe "$MONTAGE_FFPROBE" \
    --scene-filter "montagescene=sidecar=$WORK/short.msgpack" --sidecar "$WORK/short.msgpack" \
    "$M/gop50.mp4" 2> "$WORK/short.log"
grep -q '^montage-fast-scene: window [0-9]*\.\.[0-9]* decoded [0-9]* frames$' "$WORK/short.log" &&
    grep -q 'full decode: a window failed' "$WORK/short.log" &&
    [ "$(transitions "$WORK/short.msgpack")" = "$(transitions "$WORK/gop50.full.msgpack")" ] &&
    ok fast_window_frames_checked || fail fast_window_frames_checked "$(cat "$WORK/short.log")"

# only the key frame pass reads the per-frame metadata (metadata=print);
# the windows and the full decode read the sidecar, so their frames pass
# untagged (frame_metadata=0, quoted or not, nothing held back)
cat > "$WORK/logging-ffmpeg" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >> "$WORK/ffmpeg-commands"
exec "$MONTAGE_FFMPEG" "\$@"
EOF
chmod +x "$WORK/logging-ffmpeg"
: > "$WORK/ffmpeg-commands"
for clip in gop50 intra; do
    "$FAST" --ffmpeg "$WORK/logging-ffmpeg" --ffprobe "$MONTAGE_FFPROBE" \
        --scene-filter "montagescene=sidecar=$WORK/logged.msgpack" --sidecar "$WORK/logged.msgpack" \
        "$M/$clip.mp4" 2>> "$WORK/logged.log"
done
keys=$(grep -c -- '-skip_frame nokey' "$WORK/ffmpeg-commands")
others=$(grep -vc -- '-skip_frame nokey' "$WORK/ffmpeg-commands")
untagged=$(grep -v -- '-skip_frame nokey' "$WORK/ffmpeg-commands" | grep -Ec "frame_metadata=(\\\\')?0")
[ "$keys" -eq 1 ] && ! grep -- '-skip_frame nokey' "$WORK/ffmpeg-commands" | grep -q frame_metadata &&
    [ "$others" -ge 2 ] && [ "$untagged" -eq "$others" ] &&
    ok fast_sidecar_only_runs_untagged ||
    fail fast_sidecar_only_runs_untagged "$keys key passes, $untagged of $others others untagged: $(cat "$WORK/ffmpeg-commands" "$WORK/logged.log")"

[ "$(config "$WORK/gop50.fast.msgpack" decode)" = '"decode":"fast"' ] &&
    [ "$(config "$WORK/intra.fast.msgpack" decode)" = '"decode":"fast"' ] &&
    [ "$(config "$WORK/gop50.full.msgpack" decode)" = '"decode":"full"' ] &&
    ok fast_recorded_in_config || fail fast_recorded_in_config "$(config "$WORK/gop50.fast.msgpack" decode)"

# through the driver: a fast entry serves --fast only
C=$WORK/cache
run() { "$MONTAGE_ANALYZE" -j 1 --json --cache-dir "$C" "$@" "$M/gop50.mp4" 2> "$WORK/err"; }
run --fast > "$WORK/r1.jsonl"; run --fast > "$WORK/r2.jsonl"; run > "$WORK/r3.jsonl"
grep -q '"status":"ok"' "$WORK/r1.jsonl" && grep -q '"status":"cached"' "$WORK/r2.jsonl" &&
    grep -q '"status":"ok"' "$WORK/r3.jsonl" &&
    ok fast_entry_not_served_to_full || fail fast_entry_not_served_to_full \
        "$(cat "$WORK/r1.jsonl" "$WORK/r2.jsonl" "$WORK/r3.jsonl" "$WORK/err")"

"$MONTAGE_ANALYZE" --fast --keyframes "$M/gop50.mp4" > /dev/null 2> "$WORK/err"
[ $? -eq 2 ] && grep -q -- '--fast and --keyframes exclude each other' "$WORK/err" &&
    ok fast_excludes_keyframes || fail fast_excludes_keyframes "$(cat "$WORK/err")"

# an --ffmpeg that cannot run is named on one line, escaped as montage-analyze
# names files (a newline: \n; it was written as it is, two lines)
"$FAST" --ffmpeg "$WORK/no
ffmpeg" --ffprobe "$MONTAGE_FFPROBE" --beat-filter anull "$M/gop50.mp4" > /dev/null 2> "$WORK/err"
got="$? $(head -n 1 "$WORK/err") $(wc -l < "$WORK/err")"
want="1 montage-fast-scene: cannot run $WORK/no\\nffmpeg: No such file or directory 2"
[ "$got" = "$want" ] && ok fast_bad_ffmpeg_one_line || fail fast_bad_ffmpeg_one_line "got '$got', expected '$want'"
finish
