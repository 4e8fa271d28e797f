#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Sidecars made with ffmpeg by hand: source= records the analysed file so
# that `montage-sidecar check --media` can say valid; without it the state
# is nosource; a run that covers only part of the media is never valid for
# it, whether the filter saw a downstream stop (-t: incomplete) or an end
# of input made early by ffmpeg (-frames: the duration tells).
. "$(dirname "$0")/../lib.sh"
CLI=$BUILD/montage-sidecar
export MONTAGE_FFPROBE="$FFPROBE"
FF="$FFMPEG -nostdin -v error -y"
cd "$T" || exit 2
$FF -f lavfi -i "testsrc2=s=160x120:r=25:d=10" -f lavfi -i "sine=d=10" -c:v ffv1 -c:a flac clip.mkv ||
    { fail source_media "cannot make clip.mkv"; finish; }

# check_is NAME EXIT STATE REASON-PATTERN SIDECAR
check_is() {
    "$CLI" check --media clip.mkv "$5" > out 2>&1
    rc=$?
    state=$(cut -f1 out)
    if [ $rc -eq "$2" ] && [ "$state" = "$3" ] && grep -q "$4" out; then ok "$1"
    else fail "$1" "exit $rc: $(cat out)"; fi
}

$FF -i clip.mkv -vf "montagescene=sidecar=s.msgpack:source=clip.mkv" -af "montagebeat=sidecar=b.msgpack:source=clip.mkv" -f null -
check_is source_scene_valid 0 valid "source size, mtime, ctime and inode match" s.msgpack
check_is source_beat_valid 0 valid "source size, mtime, ctime and inode match" b.msgpack

$FF -i clip.mkv -vf "montagescene=sidecar=n.msgpack" -f null -
check_is no_source_state 6 nosource "the sidecar has no recorded source" n.msgpack

$FF -i clip.mkv -t 1 -vf "montagescene=sidecar=t.msgpack:source=clip.mkv" -f null -
check_is limited_t_stale 1 stale "analysis did not reach the end of the stream" t.msgpack

$FF -i clip.mkv -frames:v 25 -vf "montagescene=sidecar=f.msgpack:source=clip.mkv" -f null -
check_is limited_frames_stale 1 stale "analysed [0-9.]* s of the media's 10.000 s" f.msgpack
$FF -i clip.mkv -t 1 -af "montagebeat=sidecar=ft.msgpack:source=clip.mkv" -f null -
check_is limited_beat_stale 1 stale "analysis did not reach the end of the stream" ft.msgpack

# status FILE: "complete" or "incomplete: <warning>"
status() {
    $PYTHON -c "
import sys; sys.path.insert(0, '$ROOT/tests/integration')
import sidecar_assert as s
st = s.load(sys.argv[1])['status']
print('complete' if st['complete'] else 'incomplete: ' + st['warnings'][0])" "$1" 2>&1
}
expect_incomplete() {
    case $(status "$2") in incomplete:*) ok "$1" ;; *) fail "$1" "$(status "$2")" ;; esac
}
short="incomplete: the analysed span falls short of source_duration: the run was limited (-frames) or interrupted before the input ended"

# With the media's duration known (source_duration=, as the driver passes
# it) the filter marks a limited or interrupted run incomplete itself:
# ffmpeg 5.1 ends the filter's input on -frames and SIGINT as at the real end.
$FF -i clip.mkv -frames:v 30 -vf "montagescene=sidecar=d.msgpack:source=clip.mkv:source_duration=10" -f null -
expect_eq frames_scene_incomplete "$(status d.msgpack)" "$short"
# (the audio path may also see the downstream stop: either warning is right)
$FF -i clip.mkv -vn -frames:a 20 -af "montagebeat=sidecar=da.msgpack:source=clip.mkv:source_duration=10" -f null -
expect_incomplete frames_beat_incomplete da.msgpack
MONTAGE_FFPROBE=/nonexistent "$CLI" check --media clip.mkv d.msgpack > out 2>&1
[ $? -eq 1 ] && grep -q "analysed [0-9.]* s of the media's 10.000 s" out && ok recorded_duration_stale ||
    fail recorded_duration_stale "$(cat out)"
# the whole media with its duration: complete
$FF -i clip.mkv -vf "montagescene=sidecar=w.msgpack:source_duration=10" \
    -af "montagebeat=sidecar=wa.msgpack:source_duration=10" -f null -
expect_eq full_scene_complete "$(status w.msgpack)" complete
expect_eq full_beat_complete "$(status wa.msgpack)" complete
# SIGINT while reading at the input's own rate (-re): about 2 s of 10 were
# analysed, so the sidecar is incomplete (or absent, when the signal came
# before ffmpeg set its handler). Not timed: any moment before the end gives
# the same outcome.
for f in montagescene montagebeat; do
    opt=-vf; [ $f = montagebeat ] && opt=-af
    rm -f i.msgpack
    timeout -s INT 2 $FF -re -i clip.mkv $opt "$f=sidecar=i.msgpack:source_duration=10" -f null - 2> /dev/null
    if [ ! -e i.msgpack ]; then ok "sigint_${f}_no_sidecar"
    else expect_incomplete "sigint_${f}_incomplete" i.msgpack; fi
done
MONTAGE_FFPROBE=/nonexistent "$CLI" check --media clip.mkv s.msgpack > out 2>&1
[ $? -eq 0 ] && grep -q "duration not compared: cannot run /nonexistent" out && ok no_ffprobe_said ||
    fail no_ffprobe_said "$(cat out)"

if $FF -f lavfi -i testsrc2=d=1 -vf "montagescene=sidecar=x.msgpack:source=$T/gone.mkv" -f null - 2> err; then
    fail source_missing "ffmpeg succeeded"
elif grep -q "source: $T/gone.mkv: No such file or directory" err && [ ! -e x.msgpack ]; then ok source_missing
else fail source_missing "$(cat err)"; fi
finish
