#!/bin/sh
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

# the recorded duration alone (no ffprobe): what the driver records
$FF -i clip.mkv -frames:v 25 -vf "montagescene=sidecar=d.msgpack:source=clip.mkv:source_duration=10" -f null -
MONTAGE_FFPROBE=/nonexistent "$CLI" check --media clip.mkv d.msgpack > out 2>&1
[ $? -eq 1 ] && grep -q "analysed [0-9.]* s of the media's 10.000 s" out && ok recorded_duration_stale ||
    fail recorded_duration_stale "$(cat out)"
MONTAGE_FFPROBE=/nonexistent "$CLI" check --media clip.mkv s.msgpack > out 2>&1
[ $? -eq 0 ] && grep -q "duration not compared: cannot run /nonexistent" out && ok no_ffprobe_said ||
    fail no_ffprobe_said "$(cat out)"

if $FF -f lavfi -i testsrc2=d=1 -vf "montagescene=sidecar=x.msgpack:source=$T/gone.mkv" -f null - 2> err; then
    fail source_missing "ffmpeg succeeded"
elif grep -q "source: $T/gone.mkv: No such file or directory" err && [ ! -e x.msgpack ]; then ok source_missing
else fail source_missing "$(cat err)"; fi
finish
