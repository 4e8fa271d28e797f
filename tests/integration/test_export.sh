#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montage-sidecar export on real sidecars of generated media, re-read by
# the programs that consume each format: ffmpeg/ffprobe (chapters, WebVTT),
# melt (the MLT playlist, rendered shot by shot), and independent parsers
# in export_check.py (CSV, CMX 3600 EDL, OTIO and FCP XML structure,
# label files). Frame exactness is checked against the media's own frame
# times at constant (25, 29.97 drop-frame) and variable frame rates.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/export_media.sh"
CHECK="$PYTHON $ROOT/tests/integration/export_check.py"
export MELT ENC_PROBE
MELT=${MELT:-melt}
need_tools "$ENC" "$MELT"

# cfr.mp4, 25 fps: a dissolve (frames ~40-60), then a hard cut
"$ENC" -nostdin -v error -y -filter_complex \
    "$(shot testsrc2 60 25)[a];$(shot mandelbrot 60 25)[b];$(shot smptebars 50 25)[c];[a][b]xfade=transition=dissolve:duration=0.8:offset=1.6[ab];[ab][c]concat" \
    -c:v libx264 -preset ultrafast "$T/cfr.mp4"
# vfr.mkv: 25 fps, 50 fps from 2 s, 25 fps again from 3.02 s (between two 25 fps ticks)
"$ENC" -nostdin -v error -y -filter_complex \
    "$(shot testsrc2 50 25)[a];$(shot smptebars 51 50)[b];$(shot mandelbrot 50 25)[c];[a][b][c]concat=n=3" \
    -fps_mode vfr -c:v libx264 -preset ultrafast "$T/vfr.mkv"
# ntsc.mp4, 29.97 fps: a cut at 62 s, past the first dropped timecode numbers
"$ENC" -nostdin -v error -y -filter_complex \
    "testsrc2=s=160x120:r=30000/1001,trim=end_frame=1860,setpts=PTS-STARTPTS,format=yuv420p[a];smptebars=s=160x120:r=30000/1001,trim=end_frame=90,setpts=PTS-STARTPTS,format=yuv420p[b];[a][b]concat" \
    -c:v libx264 -preset ultrafast "$T/ntsc.mp4"
drum_song "$T/song.wav"

# the pts_time of every frame, one a line
frame_times() {
    "$FFPROBE" -v error -select_streams v:0 -show_entries frame=pts_time -of csv=p=0 "$1" | cut -d, -f1 | grep .
}
analyse() { # MEDIA FILTER KIND
    "$FFMPEG" -nostdin -v error -i "$T/$1" -$2 "montage${3}=sidecar=$T/$1.$3.montage.msgpack" -f null - 2>/dev/null
    "$S" dump --json "$T/$1.$3.montage.msgpack" > "$T/$1.$3.json"
}
for m in cfr.mp4 vfr.mkv ntsc.mp4; do
    analyse "$m" vf scene
    frame_times "$T/$m" > "$T/$m.frames"
done
analyse song.wav af beat

# the media is what the checks below assume
expect_eq vfr_media_is_vfr "$(wc -l < "$T/vfr.mkv.frames") $(sed -n 102p "$T/vfr.mkv.frames")" "151 3.020000"
"$S" show "$T/ntsc.mp4.scene.montage.msgpack" | grep -q 'frame 1860 ' && ok ntsc_cut_at_1860 || fail ntsc_cut_at_1860 "$("$S" show "$T/ntsc.mp4.scene.montage.msgpack" | grep -A3 ^transitions)"
"$S" show "$T/cfr.mp4.scene.montage.msgpack" | grep -q '^transitions: 2 (1 hard, 0 fade, 1 dissolve' && ok cfr_has_dissolve || fail cfr_has_dissolve "$("$S" show "$T/cfr.mp4.scene.montage.msgpack" | grep ^transitions)"

# export FORMAT MEDIA KIND -> $T/MEDIA.FORMAT, then the independent check
export_check() { # NAME FORMAT MEDIA KIND [FRAMES]
    if "$S" export --format "$2" -o "$T/$3.$2" "$T/$3.$4.montage.msgpack" 2> "$T/err"; then
        if out=$(MEDIA="$T/$3" WORK="$T" $CHECK "$2" "$T/$3.$2" "$T/$3.$4.json" ${5:+"$T/$3.frames"} 2>&1); then ok "$1"; else fail "$1" "$(echo "$out" | head -n 3 | tr '\n' ' ')"; fi
    else fail "$1" "$(cat "$T/err")"; fi
}
for m in cfr.mp4 vfr.mkv ntsc.mp4; do
    n=${m%%.*}
    export_check "csv_$n" csv "$m" scene frames
    export_check "edl_$n" edl "$m" scene frames
    export_check "otio_$n" otio "$m" scene frames
    export_check "xmeml_$n" xmeml "$m" scene frames
    export_check "fcpxml_$n" fcpxml "$m" scene frames
    export_check "audacity_$n" audacity "$m" scene
done
export_check mlt_cfr_melt_renders_each_shot mlt cfr.mp4 scene frames
export_check mlt_vfr_melt_renders_each_shot mlt vfr.mkv scene frames
grep -q '^FCM: DROP FRAME' "$T/ntsc.mp4.edl" && grep -q '00:01:02;02' "$T/ntsc.mp4.edl" && ok edl_ntsc_drop_frame_timecode || fail edl_ntsc_drop_frame_timecode "$(grep -m2 '^00[12] ' "$T/ntsc.mp4.edl")"
grep -q '^002  CFR      V     D    [0-9][0-9][0-9] ' "$T/cfr.mp4.edl" && ok edl_dissolve_event || fail edl_dissolve_event "$(grep '^002' "$T/cfr.mp4.edl")"
export_check csv_beats csv song.wav beat
export_check audacity_beats audacity song.wav beat
export_check beats_text beats song.wav beat

# the checks can fail: the VFR edit list with its last cut one frame early
# (00:00:03:01 -> 00:00:03:00, on the 50 fps shot's last frame) is refused
sed 's/00:00:03:01/00:00:03:00/g' "$T/vfr.mkv.edl" > "$T/early.edl"
if ! cmp -s "$T/early.edl" "$T/vfr.mkv.edl" && ! $CHECK edl "$T/early.edl" "$T/vfr.mkv.scene.json" "$T/vfr.mkv.frames" > /dev/null 2>&1; then
    ok edl_check_fails_one_frame_early; else fail edl_check_fails_one_frame_early "the edited EDL passed"; fi

# chapters: ffmpeg carries them into a remux, ffprobe lists them on the frames
for m in cfr.mp4 vfr.mkv ntsc.mp4; do
    n=${m%%.*}
    "$S" export --format ffmetadata -o "$T/$n.chapters.txt" "$T/$m.scene.montage.msgpack"
    if "$ENC" -nostdin -v error -y -i "$T/$m" -i "$T/$n.chapters.txt" -map 0 -map_chapters 1 -c copy "$T/$n.chaptered.mkv" 2> "$T/err" &&
       "$FFPROBE" -v error -show_chapters -of json "$T/$n.chaptered.mkv" > "$T/$n.chapters.json" &&
       frame_times "$T/$n.chaptered.mkv" > "$T/$n.chaptered.frames"; then
        if out=$($CHECK chapters "$T/$n.chapters.json" "$T/$m.scene.json" "$T/$n.chaptered.frames" 2>&1); then ok "ffmetadata_$n"; else fail "ffmetadata_$n" "$(echo "$out" | head -n 3 | tr '\n' ' ')"; fi
    else fail "ffmetadata_$n" "$(head -c 300 "$T/err")"; fi
    # the analysis build (when it is the ffmpeg tested) reads the chapters
    # file itself: its ffmetadata demuxer, the remux and ffprobe all its own
    if [ "$FFMPEG" = "$BUILD/bin/ffmpeg" ]; then
        if "$FFMPEG" -nostdin -v error -y -i "$T/$m" -i "$T/$n.chapters.txt" -map 0 -map_chapters 1 -c copy "$T/$n.own.mkv" 2> "$T/err" &&
           "$FFPROBE" -v error -show_chapters -of json "$T/$n.own.mkv" > "$T/$n.own.json" &&
           frame_times "$T/$n.own.mkv" > "$T/$n.own.frames"; then
            if out=$($CHECK chapters "$T/$n.own.json" "$T/$m.scene.json" "$T/$n.own.frames" 2>&1); then ok "ffmetadata_own_build_$n"
            else fail "ffmetadata_own_build_$n" "$(echo "$out" | head -n 3 | tr '\n' ' ')"; fi
        else fail "ffmetadata_own_build_$n" "$(head -c 300 "$T/err")"; fi
    fi
    "$S" export --format webvtt -o "$T/$n.vtt" "$T/$m.scene.montage.msgpack"
    if "$ENC_PROBE" -v error -show_packets -of json "$T/$n.vtt" > "$T/$n.vtt.json" 2> "$T/err"; then
        if out=$($CHECK webvtt "$T/$n.vtt.json" "$T/$m.scene.json" "$T/$m.frames" 2>&1); then ok "webvtt_$n"; else fail "webvtt_$n" "$(echo "$out" | head -n 3 | tr '\n' ' ')"; fi
    else fail "webvtt_$n" "$(head -c 300 "$T/err")"; fi
done

# otio: a scene and a beat sidecar make one timeline, a track each
if "$S" export --format otio -o "$T/both.otio" "$T/cfr.mp4.scene.montage.msgpack" "$T/song.wav.beat.montage.msgpack" 2> "$T/err"; then
    if out=$($CHECK otio "$T/both.otio" "$T/cfr.mp4.scene.json,$T/song.wav.beat.json" "$T/cfr.mp4.frames" 2>&1); then ok otio_scene_and_beat_tracks; else fail otio_scene_and_beat_tracks "$(echo "$out" | head -n 3 | tr '\n' ' ')"; fi
else fail otio_scene_and_beat_tracks "$(cat "$T/err")"; fi

# several sidecars, a one-file-each format: written next to each sidecar
mkdir "$T/lib" && cp "$T/cfr.mp4.scene.montage.msgpack" "$T/vfr.mkv.scene.montage.msgpack" "$T/lib/"
if out=$("$S" export --format edl "$T/lib/cfr.mp4.scene.montage.msgpack" "$T/lib/vfr.mkv.scene.montage.msgpack" 2>&1) &&
   [ "$out" = "$(printf '%s\n%s' "$T/lib/cfr.mp4.scene.montage.edl" "$T/lib/vfr.mkv.scene.montage.edl")" ] &&
   cmp -s "$T/lib/cfr.mp4.scene.montage.edl" "$T/cfr.mp4.edl"; then ok several_next_to_sidecars; else fail several_next_to_sidecars "$out"; fi

# montage-analyze --export: next to each sidecar, for ok and cached files;
# a bad file fails alone
mkdir "$T/batch" && cp "$T/cfr.mp4" "$T/song.wav" "$T/batch/" && echo garbage > "$T/batch/bad.mp4"
analyze() { MONTAGE_FFMPEG="$FFMPEG" MONTAGE_FFPROBE="$FFPROBE" "$BUILD/montage-analyze" --json -j 1 "$@"; }
analyze --export csv,edl,beats "$T/batch" > "$T/batch.json" 2> "$T/batch.err"
st=$?
"$S" export --format edl "$T/batch/cfr.mp4.scene.montage.msgpack" > "$T/batch.edl.want"
if [ $st -eq 1 ] && cmp -s "$T/batch/cfr.mp4.scene.montage.edl" "$T/batch.edl.want" && [ -s "$T/batch/cfr.mp4.scene.montage.csv" ] &&
   [ -s "$T/batch/song.wav.beat.montage.beats" ] && [ -s "$T/batch/song.wav.beat.montage.csv" ] &&
   [ ! -e "$T/batch/song.wav.beat.montage.edl" ] && [ ! -e "$T/batch/cfr.mp4.scene.montage.beats" ] &&
   [ "$(grep -c '"status":"ok"' "$T/batch.json")" -eq 2 ]; then ok analyze_export
else fail analyze_export "exit $st: $(ls "$T/batch" | tr '\n' ' ') $(cat "$T/batch.err")"; fi
rm "$T/batch/cfr.mp4.scene.montage.csv" "$T/batch/bad.mp4"
analyze --export csv "$T/batch" > "$T/batch.json" 2> "$T/batch.err"
st=$?
if [ $st -eq 0 ] && [ -s "$T/batch/cfr.mp4.scene.montage.csv" ] && [ "$(grep -c '"status":"cached"' "$T/batch.json")" -eq 2 ]; then ok analyze_export_cached
else fail analyze_export_cached "exit $st: $(cat "$T/batch.json" "$T/batch.err")"; fi
# the csv's file column names the media as the command line did (was:
# the absolute path), as montage-sidecar export does
(cd "$T" && analyze -q --export csv batch/cfr.mp4) > /dev/null 2> "$T/batch.err"
expect_eq analyze_export_csv_named "$? $(sed -n 2p "$T/batch/cfr.mp4.scene.montage.csv" | cut -d, -f1)" "0 batch/cfr.mp4"
analyze --export avid "$T/batch" > /dev/null 2> "$T/batch.err"
st=$?
expect_eq analyze_export_unknown "$st $(cat "$T/batch.err")" "2 montage-analyze: --export: unknown export format 'avid' (known: csv, edl, otio, xmeml, fcpxml, mlt, ffmetadata, webvtt, audacity, beats)"

# errors: one line, non-zero, nothing written
expect_err() { # NAME STATUS MESSAGE ARGS...
    name=$1 want=$2 msg=$3; shift 3
    "$S" export "$@" > "$T/out" 2> "$T/err"; got=$?
    if [ "$got" -eq "$want" ] && [ "$(wc -l < "$T/err")" -eq 1 ] && grep -qF -- "$msg" "$T/err"; then ok "$name"
    else fail "$name" "exit $got, stderr: $(cat "$T/err")"; fi
}
printf 'not a sidecar' > "$T/bad.msgpack"
expect_err error_unknown_format 4 "montage-sidecar: export: unknown format 'avid' (known: csv, edl" --format avid "$T/cfr.mp4.scene.montage.msgpack"
expect_err error_corrupt_sidecar 3 "montage-sidecar: $T/bad.msgpack: " --format csv -o "$T/never.csv" "$T/bad.msgpack"
[ ! -e "$T/never.csv" ] && ok error_writes_nothing || fail error_writes_nothing "never.csv exists"
expect_err error_missing_sidecar 2 "montage-sidecar: $T/none.msgpack: " --format csv "$T/none.msgpack"
expect_err error_kind 3 "edl exports scene sidecars only, this one is a beat sidecar" --format edl "$T/song.wav.beat.montage.msgpack"
expect_err error_o_with_several 4 "-o takes one SIDECAR" --format edl -o "$T/x.edl" "$T/cfr.mp4.scene.montage.msgpack" "$T/vfr.mkv.scene.montage.msgpack"
expect_err error_no_format 4 "usage: montage-sidecar export --format F" "$T/cfr.mp4.scene.montage.msgpack"
# csv of both kinds: a usage error (two tables cannot share a header), with
# the exact line, on stdout and in -o nothing
expect_err error_csv_mixed_kinds 4 "montage-sidecar: export: --format csv takes sidecars of one kind (their columns differ): $T/cfr.mp4.scene.montage.msgpack is a scene sidecar, $T/song.wav.beat.montage.msgpack a beat sidecar; export each kind apart" \
    --format csv "$T/cfr.mp4.scene.montage.msgpack" "$T/song.wav.beat.montage.msgpack"
[ ! -s "$T/out" ] && ok error_csv_mixed_no_output || fail error_csv_mixed_no_output "$(head -c 200 "$T/out")"
expect_err error_csv_mixed_kinds_o 4 "takes sidecars of one kind" \
    --format csv -o "$T/never.csv" "$T/cfr.mp4.scene.montage.msgpack" "$T/song.wav.beat.montage.msgpack"
[ ! -e "$T/never.csv" ] && ok error_csv_mixed_writes_nothing || fail error_csv_mixed_writes_nothing "never.csv exists"
finish
