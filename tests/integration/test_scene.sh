#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montagescene in the project's ffmpeg, on generated video with transitions
# at known frames (25 fps, 320x240 unless said otherwise).
. "$(dirname "$0")/../lib.sh"
A="$PYTHON $ROOT/tests/integration/sidecar_assert.py"

# Shots from unrelated lavfi sources, each FRAMES long.
shot() { # SOURCE FRAMES [SIZE]
    echo "$1=s=${3:-320x240}:r=25,trim=end_frame=$2,setpts=PTS-STARTPTS,fps=25,format=yuv420p"
}
# A textured still moving at DX pixels per frame (a fast pan).
pan() { # FRAMES DX
    echo "mandelbrot=s=1600x240:r=25,trim=end_frame=1,loop=loop=-1:size=1,trim=end_frame=$1,crop=w=320:h=240:x='mod(n*$2,1280)':y=0,setpts=N/25/TB,format=yuv420p"
}

# scene NAME GRAPH SPEC [FILTER_OPTIONS]: the graph's output goes through
# montagescene; the sidecar must hold exactly SPEC (see sidecar_assert.py).
scene() {
    if "$FFMPEG" -nostdin -v error -filter_complex "$2,montagescene=sidecar=$T/$1.msgpack${4:+:$4}" -f null - 2> "$T/$1.err"; then
        $A cuts "$T/$1.msgpack" "$1" "$3"
    else fail "$1" "$(head -c 300 "$T/$1.err")"; fi
}

cuts="$(shot testsrc2 40)[a];$(shot mandelbrot 35)[b];$(shot smptebars 30)[c];$(shot testsrc 45)[d];[a][b][c][d]concat=n=4"
scene hard_cuts_frame_exact "$cuts" "40:hard,75:hard,105:hard"

fade="$(shot testsrc2 50),fade=t=out:st=1.4:d=0.6[a];color=black:s=320x240:r=25:d=0.4,format=yuv420p[k];$(shot mandelbrot 50),fade=t=in:d=0.6[b];[a][k][b]concat=n=3"
scene fade_through_black "$fade" "35-75:fade"

white="$(shot testsrc2 50),fade=t=out:st=1.4:d=0.6:c=white[a];$(shot mandelbrot 50),fade=t=in:d=0.6:c=white[b];[a][b]concat"
scene fade_through_white "$white" "35-65:fade"

dissolve="$(shot testsrc2 60)[a];$(shot mandelbrot 60)[b];[a][b]xfade=transition=dissolve:duration=0.8:offset=1.6"
scene dissolve_20_frames "$dissolve" "40-60:dissolve"

wipe="$(shot testsrc2 60)[a];$(shot mandelbrot 60)[b];[a][b]xfade=transition=wiperight:duration=0.8:offset=1.6"
scene wipe_20_frames "$wipe" "40-60:wipe"

# Hard negatives: nothing may be detected.
flash="$(shot testsrc2 80)[a];color=white:s=320x240:r=25:d=3.2[w];[a][w]overlay=enable='eq(n,40)'"
scene flash_one_frame_no_cut "$flash" "-"
flash2="$(shot testsrc2 80)[a];color=white:s=320x240:r=25:d=3.2[w];[a][w]overlay=enable='between(n,40,41)'"
scene flash_two_frames_no_cut "$flash2" "-"
scene fast_pan_no_cut "$(pan 100 12)" "-"
scene brightness_ramp_no_cut "$(shot testsrc2 100),hue=b='-8+t*4'" "-"
scene static_shot_no_cut "$(shot smptebars 75)" "-"
scene noisy_static_no_cut "color=gray:s=320x240:r=25:d=4,noise=alls=40:allf=t,format=yuv420p" "-"

# A grainy long take slowly scrolling flat bars whose period is a whole
# number of analysis cells (80 px = 6 cells at 640 wide), x264 with a key
# frame every second (#10): every bar edge crosses a sample point on frame
# 88 at once, a spike over the quiet take that analyser 6 first took for a
# cut between shots of the same set. Encoded by Debian's ffmpeg (libx264).
ENC=${MEDIA_FFMPEG:-/usr/bin/ffmpeg}
if "$ENC" -nostdin -v error -f lavfi -i \
        "pal100bars=s=640x360:r=25:d=4,scroll=h=-0.0005,noise=alls=6:allf=t,format=yuv420p" \
        -c:v libx264 -preset veryfast -crf 21 -g 25 "$T/scroll.mp4" 2> "$T/scroll.err"; then
    if "$FFMPEG" -nostdin -v error -i "$T/scroll.mp4" -vf "montagescene=sidecar=$T/scroll.msgpack" \
            -f null - 2> "$T/scroll_scene.err"; then
        $A cuts "$T/scroll.msgpack" grainy_slow_scroll_encoded_no_cut "-"
        $A field "$T/scroll.msgpack" grainy_slow_scroll_all_frames scene.stream.frames 100
    else fail grainy_slow_scroll_encoded_no_cut "$(head -c 300 "$T/scroll_scene.err")"; fi
else fail grainy_slow_scroll_encoded_no_cut "cannot encode with $ENC: $(head -c 300 "$T/scroll.err")"; fi

# min_scene_len: two cuts 5 frames apart; the second is dropped at 10 frames.
close="$(shot testsrc2 40)[a];$(shot mandelbrot 5)[b];$(shot smptebars 40)[c];[a][b][c]concat=n=3"
scene min_scene_len_respected "$close" "40:hard" "min_scene_len=10"

# Every pixel format family, read as is: same cuts, and the filter's input
# is the requested format (no conversion inserted).
for fmt in yuv420p yuvj420p yuv422p yuv444p yuv420p10le yuv422p10le nv12 nv21 p010le yuyv422 \
           gray gray10le rgb24 bgr24 rgba bgra gbrp rgb48le; do
    scene "pixel_format_$fmt" "$cuts,format=$fmt" "40:hard,75:hard,105:hard"
    $A field "$T/pixel_format_$fmt.msgpack" "pixel_format_${fmt}_unconverted" scene.stream.pix_fmt "\"$fmt\""
done
a=$("$FFMPEG" -nostdin -v error -filter_complex "$cuts" -f md5 - 2>&1)
b=$("$FFMPEG" -nostdin -v error -filter_complex "$cuts,montagescene" -f md5 - 2>&1)
expect_eq frames_pass_through_unchanged "$b" "$a"

# Frame metadata: a score on every frame, the cut marker on the first frame
# of each new shot.
"$FFMPEG" -nostdin -v error -filter_complex "$cuts,montagescene,metadata=print:file=$T/meta.txt" -f null - 2>/dev/null
n_score=$(grep -c 'lavfi.montagescene.score=' "$T/meta.txt")
expect_eq metadata_score_every_frame "$n_score" 150
cut_frames=$(awk -F'[: ]+' '/^frame:/ { f = $2 } /lavfi.montagescene.cut=hard/ { printf "%s ", f }' "$T/meta.txt")
expect_eq metadata_cut_markers "$cut_frames" "40 75 105 "
# The same through ffprobe reading a file with the movie source, as README
# shows it: the per-frame tags reach a library user.
"$FFMPEG" -nostdin -v error -filter_complex "$cuts" -c:v ffv1 "$T/cuts.nut"
"$FFPROBE" -v error -f lavfi -i "movie=$T/cuts.nut,montagescene" -show_entries frame=pts_time:frame_tags \
    -of compact > "$T/probe.txt" 2> "$T/probe.err"
probe_cuts=$(awk -F'|' '/lavfi.montagescene.cut=hard/ { sub("pts_time=", "", $2); printf "%s ", $2 }' "$T/probe.txt")
if [ "$probe_cuts" = "1.600000 3.000000 4.200000 " ]; then ok ffprobe_movie_cut_tags
else fail ffprobe_movie_cut_tags "got '$probe_cuts': $(head -c 300 "$T/probe.err")"; fi

# Stream facts, exact: variable frame rate keeps exact pts.
vfr="$(shot testsrc2 40)[a];$(shot mandelbrot 40)[b];[a][b]concat,setpts='(N+0.25*mod(N,3))/25/TB'"
scene vfr_cut "$vfr" "40:hard"
$A field "$T/vfr_cut.msgpack" vfr_cut_time scene.transitions.0.t 1.61  # (40 + 0.25) / 25
$A field "$T/vfr_cut.msgpack" stream_frames scene.stream.frames 80
$A field "$T/vfr_cut.msgpack" stream_size scene.stream.width 320
$A field "$T/vfr_cut.msgpack" status_complete status.complete true
# montage-sidecar show prints config doubles as typed (0.08, not
# 0.080000000000000002).
show_config=$("${MONTAGE_SIDECAR:-$BUILD/montage-sidecar}" show "$T/vfr_cut.msgpack" | grep '^config:')
case "$show_config" in
*" threshold=0.25 gradual_threshold=0.08 min_scene_len=0.4 "*) ok show_config_shortest_doubles ;;
*) fail show_config_shortest_doubles "$show_config" ;;
esac

# Odd inputs never crash and give valid sidecars.
scene zero_frames "testsrc2=s=320x240:r=25,trim=end_frame=0" "-"
scene one_frame "testsrc2=s=320x240:r=25,trim=end_frame=1" "-"
# The last scene ends when its last frame does (scene analyser 13; 12 ended
# it one interval of the two frames before, so a single frame ended where it
# started, at 0): one frame of a 25 fps source lasts 0.04 s (its period), and
# the last frame of a variable-rate file lasts what the file says, 0.04 s
# after a gap of 0.2 s (0.84 + 0.04; analyser 12: 1.04).
$A field "$T/one_frame.msgpack" one_frame_scene_ends scene.scenes.0.t_end 0.04
if "$FFMPEG" -nostdin -v error -f lavfi -i "color=red:s=64x48:r=25:d=0.04" -frames:v 1 \
        -vf "montagescene=sidecar=$T/one_color.msgpack" -f null - 2> "$T/one_color.err"; then
    $A field "$T/one_color.msgpack" one_frame_input_scene_ends scene.scenes.0.t_end 0.04
else fail one_frame_input_scene_ends "$(head -c 300 "$T/one_color.err")"; fi
if "$FFMPEG" -nostdin -v error -f lavfi -i "testsrc2=s=64x48:r=25:d=0.4,setpts='N*2/25/TB+gte(N,9)*3/25/TB'" \
        -c:v ffv1 -fps_mode passthrough "$T/vfr_end.nut" 2> "$T/vfr_end.err" &&
   "$FFMPEG" -nostdin -v error -i "$T/vfr_end.nut" -vf "montagescene=sidecar=$T/vfr_end.msgpack" \
        -f null - 2>> "$T/vfr_end.err"; then
    $A field "$T/vfr_end.msgpack" vfr_last_scene_ends_with_frame scene.scenes.0.t_end 0.88
    $A field "$T/vfr_end.msgpack" vfr_last_scene_frames scene.scenes.0.end_frame 10
else fail vfr_last_scene_ends_with_frame "$(head -c 300 "$T/vfr_end.err")"; fi
# A filter that changes the time base before montagescene (settb, fps):
# the last frame still lasts 1/25 s. FFmpeg 5.1's filters do not rescale
# a frame's duration (pkt_duration), which the first version read in the
# new time base: t_end 3.008 with settb, 41.94 with fps=50.
if "$FFMPEG" -nostdin -v error -f lavfi -i "testsrc2=s=64x48:r=25:d=1" -c:v ffv1 "$T/c25.nut" 2> "$T/c25.err"; then
    for chain in settb=1/1000 fps=50; do
        name=$(echo "$chain" | tr -c 'a-z0-9\n' _)
        if "$FFMPEG" -nostdin -v error -i "$T/c25.nut" -vf "$chain,montagescene=sidecar=$T/tb_$name.msgpack" \
                -f null - 2>> "$T/c25.err"; then
            $A field "$T/tb_$name.msgpack" "last_scene_ends_after_$name" scene.scenes.0.t_end 1.0
        else fail "last_scene_ends_after_$name" "$(head -c 300 "$T/c25.err")"; fi
    done
else fail last_scene_ends_after_settb "$(head -c 300 "$T/c25.err")"; fi
# Key frames only (-skip_frame nokey, keyframes_only=1: the fast mode's
# first pass): a key frame's duration is one frame's, not the 2 s to the
# next key frame, so the last scene still ends one key interval after the
# last key frame (2 + 2 s; 2.04 would be the frame's own length).
if "$ENC" -nostdin -v error -f lavfi -i "testsrc2=s=320x240:r=25:d=4,format=yuv420p" \
        -c:v libx264 -preset ultrafast -g 50 -x264-params scenecut=0 "$T/gop.mp4" 2> "$T/gop.err" &&
   "$FFMPEG" -nostdin -v error -skip_frame nokey -i "$T/gop.mp4" \
        -vf "montagescene=sidecar=$T/gop_keys.msgpack:keyframes_only=1" -f null - 2>> "$T/gop.err"; then
    $A field "$T/gop_keys.msgpack" keyframes_only_frames scene.stream.frames 2
    $A field "$T/gop_keys.msgpack" keyframes_only_scene_ends_a_key_interval_on scene.scenes.0.t_end 4.0
else fail keyframes_only_scene_ends_a_key_interval_on "$(head -c 300 "$T/gop.err")"; fi
for size in 1x1 4097x3 3x4097; do
    if "$FFMPEG" -nostdin -v error -filter_complex "color=red:s=64x64:r=25:d=1[a];color=blue:s=64x64:r=25:d=1[b];[a][b]concat,scale=$(echo $size | tr x :),format=yuv420p,montagescene=sidecar=$T/s$size.msgpack" -f null - 2> "$T/s.err"; then
        $A field "$T/s$size.msgpack" "size_${size}_all_frames" scene.stream.frames 50
    else fail "size_${size}_all_frames" "$(cat "$T/s.err")"; fi
done
# A resolution change mid-stream (concat demuxer, filters not reinitialised):
# the comparison restarts, no boundary is invented, every frame is counted.
"$FFMPEG" -nostdin -v error -f lavfi -i "$(shot testsrc2 30 320x240)" -c:v ffv1 "$T/r1.nut" &&
"$FFMPEG" -nostdin -v error -f lavfi -i "$(shot testsrc2 30 640x360)" -c:v ffv1 "$T/r2.nut" &&
printf "file '%s'\nfile '%s'\n" "$T/r1.nut" "$T/r2.nut" > "$T/list.txt"
if "$FFMPEG" -nostdin -v error -reinit_filter 0 -f concat -safe 0 -i "$T/list.txt" \
        -vf "montagescene=sidecar=$T/res.msgpack" -f null - 2> "$T/res.err"; then
    $A field "$T/res.msgpack" resolution_change_all_frames scene.stream.frames 60
    $A field "$T/res.msgpack" resolution_change_complete status.complete true
else fail resolution_change_all_frames "$(cat "$T/res.err")"; fi
# Without -reinit_filter 0 an ffmpeg may rebuild the graph at the change
# (some releases do): a new instance then sees only the rest, and its
# sidecar must not claim completeness. Either way, "complete" means every
# frame was analysed.
if "$FFMPEG" -nostdin -v warning -f concat -safe 0 -i "$T/list.txt" \
        -vf "montagescene=sidecar=$T/res2.msgpack" -f null - 2> "$T/res2.err"; then
    $PYTHON -c "
import sys; sys.path.insert(0, '$ROOT/tests/integration')
import sidecar_assert as s
sc = s.load('$T/res2.msgpack')
complete, frames = sc['status']['complete'], sc['scene']['stream']['frames']
ok = frames == 60 if complete else 'reinit_filter' in ' '.join(sc['status']['warnings'])
s.report('complete_means_every_frame', [] if ok else ['complete=%s with %d of 60 frames, warnings %s' % (complete, frames, sc['status']['warnings'])])
"
else fail complete_means_every_frame "$(cat "$T/res2.err")"; fi

# Bad sidecar paths: one clear line, non-zero exit, nothing left behind.
if "$FFMPEG" -nostdin -v error -f lavfi -i testsrc2=d=1 -vf "montagescene=sidecar=$T/nodir/x.msgpack" -f null - 2> "$T/bad.err"; then
    fail unwritable_sidecar "ffmpeg succeeded"
elif grep -q "cannot write sidecar '$T/nodir/x.msgpack': No such file or directory" "$T/bad.err" && [ ! -e "$T/nodir" ]; then
    ok unwritable_sidecar
else fail unwritable_sidecar "$(cat "$T/bad.err")"; fi
mkdir "$T/isdir.msgpack"
if "$FFMPEG" -nostdin -v error -f lavfi -i testsrc2=d=1 -vf "montagescene=sidecar=$T/isdir.msgpack" -f null - 2> "$T/bad.err"; then
    fail sidecar_is_directory "ffmpeg succeeded"
elif grep -q "Is a directory" "$T/bad.err" && [ -z "$(ls -A "$T/isdir.msgpack")" ]; then ok sidecar_is_directory
else fail sidecar_is_directory "$(cat "$T/bad.err")"; fi
if "$FFMPEG" -nostdin -v error -f lavfi -i testsrc2=d=1 -vf "montagescene=source_size=12x" -f null - 2> "$T/bad.err"; then
    fail bad_identity_rejected "ffmpeg succeeded"
elif grep -q "source_size: '12x' is not a non-negative integer" "$T/bad.err"; then ok bad_identity_rejected
else fail bad_identity_rejected "$(cat "$T/bad.err")"; fi
finish
