#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Bad and unusual media, small and generated here: each bad file gets one
# line naming the file and the cause, the batch exits 1, and nothing is
# left behind; unusual but good files are analysed.
#   zero-byte, truncated (the container promises 10 s, 3 s remain),
#   16384x16384 video, 384 kHz audio               -> failed
#   wrong extension (a WAV named .mp4), 8 kHz, 7.1,
#   PTS jumping backwards (two MPEG-TS files concatenated; ffmpeg repairs
#   the timeline)                                   -> analysed
# and through the filters: audio to montagescene, video to montagebeat,
# a backward timeline kept with -copyts -> ffmpeg fails, no sidecar; a FIFO
# named as the sidecar -> that file fails, nothing hangs.
. "$(dirname "$0")/lib.sh"
case $MONTAGE_FFMPEG in *driver_fake_ffmpeg) fail bad_media "needs an ffmpeg with the filters, not the fake"; finish ;; esac
PYTHON=${PYTHON:-/usr/bin/python3}
M=$WORK/media
mkdir -p "$M"
FF="$MONTAGE_FFMPEG -nostdin -v error -y"

: > "$M/zero.mp4"
$FF -f lavfi -i "testsrc2=s=160x120:r=25:d=10" -f lavfi -i sine=d=10 -c:v ffv1 -c:a flac "$WORK/full.mkv"
head -c $(( $(wc -c < "$WORK/full.mkv") / 3 )) "$WORK/full.mkv" > "$M/truncated.mkv"
printf 'YUV4MPEG2 W16384 H16384 F25:1 Ip A1:1 C420jpeg\nFRAME\n' > "$M/huge.y4m"
head -c 65536 /dev/zero >> "$M/huge.y4m"
$FF -f lavfi -i "sine=d=3:sample_rate=384000" "$M/rate384k.wav"
$FF -f lavfi -i "sine=d=3:sample_rate=8000" "$M/rate8k.wav"
$FF -f lavfi -i "sine=d=3" -f wav "$M/wav-named.mp4"
$FF -f lavfi -i "sine=d=3" -af "aformat=channel_layouts=7.1" "$M/surround71.wav"
"$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "testsrc2=s=160x120:r=25:d=3" -c:v mpeg2video "$WORK/part.ts"
cat "$WORK/part.ts" "$WORK/part.ts" > "$M/backwards.ts"

(cd "$WORK" && "$MONTAGE_ANALYZE" -j 1 media) > "$WORK/run.jsonl" 2> "$WORK/run.err"
rc=$?
[ $rc -eq 1 ] && ok bad_media_exit_1 || fail bad_media_exit_1 "exit $rc"

# record FILE: "status<TAB>error" of its JSON record
record() {
    $PYTHON -c "
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r['path'] == 'media/' + sys.argv[2]:
        print('%s\t%s' % (r['status'], r['error'] or ''))" "$WORK/run.jsonl" "$1"
}
# expect_failed NAME FILE ERROR-PATTERN: failed with that cause, one stderr line, no sidecar
expect_failed() {
    r=$(record "$2")
    case $r in
    "failed	"*) if printf '%s' "${r#failed	}" | grep -Eq "$3"; then ok "$1"; else fail "$1" "error: ${r#failed	}"; fi ;;
    *) fail "$1" "record: $r" ;;
    esac
    n=$(grep -c "^montage-analyze: media/$2: " "$WORK/run.err")
    [ "$n" -eq 1 ] && ok "$1_one_line" || fail "$1_one_line" "$n lines on stderr"
    left=$(ls "$M" | grep -F "$2." || true)
    [ -z "$left" ] && ok "$1_nothing_left" || fail "$1_nothing_left" "$left"
}
# expect_ok NAME FILE KIND: analysed, that sidecar valid for the media
expect_ok() {
    r=$(record "$2")
    [ "$r" = "ok	" ] && ok "$1" || fail "$1" "record: $r"
    if MONTAGE_FFPROBE=$MONTAGE_FFPROBE "$MONTAGE_SIDECAR" check --media "$M/$2" "$M/$2.$3.montage.msgpack" > "$WORK/check" 2>&1
    then ok "$1_sidecar_valid"; else fail "$1_sidecar_valid" "$(cat "$WORK/check")"; fi
}
expect_failed zero_byte zero.mp4 '^empty file$'
expect_failed truncated truncated.mkv "^ffmpeg succeeded but the scene sidecar is stale: analysed [0-9.]+ s of the media's 10.000 s$"
expect_failed huge_video huge.y4m 'Picture size 16384x16384 is invalid'
expect_failed rate_384k rate384k.wav 'sample rate 384000 Hz is outside the supported 8000..192000 Hz'
expect_ok rate_8k rate8k.wav beat
expect_ok wrong_extension wav-named.mp4 beat
expect_ok surround_7_1 surround71.wav beat
expect_ok pts_backwards backwards.ts scene
frames=$("$MONTAGE_SIDECAR" dump --json "$M/backwards.ts.scene.montage.msgpack" |
    $PYTHON -c "import json,sys; print(json.load(sys.stdin)['scene']['stream']['frames'])")
[ "$frames" = 150 ] && ok pts_backwards_all_frames || fail pts_backwards_all_frames "$frames frames, expected 150"

# Straight through the filters.
# filter_fails NAME PATTERN FFMPEG-ARGS...: exit != 0, the pattern in its errors, no sidecar
filter_fails() {
    name=$1 pattern=$2; shift 2
    rm -f "$WORK/f.msgpack"
    if "$MONTAGE_FFMPEG" -nostdin -v error "$@" -f null - 2> "$WORK/f.err"; then fail "$name" "ffmpeg succeeded"
    elif ! grep -q "$pattern" "$WORK/f.err"; then fail "$name" "$(head -n 3 "$WORK/f.err" | tr '\n' ' ')"
    elif [ -e "$WORK/f.msgpack" ]; then fail "$name" "a sidecar was left"
    else ok "$name"; fi
}
filter_fails audio_to_montagescene "Media type mismatch" -f lavfi -i "sine=d=1,montagescene=sidecar=$WORK/f.msgpack"
filter_fails video_to_montagebeat "Media type mismatch" -f lavfi -i "testsrc2=d=1,montagebeat=sidecar=$WORK/f.msgpack"
filter_fails filter_pts_backwards "timestamps jump backwards at frame 75" \
    -copyts -i "$M/backwards.ts" -vf "montagescene=sidecar=$WORK/f.msgpack"
filter_fails filter_rate_384k "sample rate 384000 Hz is outside" -i "$M/rate384k.wav" -af "montagebeat=sidecar=$WORK/f.msgpack"

# A FIFO where a clip's sidecar goes: the cache check once blocked opening
# it for a writer that never came (and the driver ignored SIGTERM there);
# now the file fails alone with the writer's cause. The KILL timeout only
# bounds the hang it was.
mkdir "$WORK/fifo"
$FF -f lavfi -i "testsrc2=s=160x120:r=25:d=1" -c:v ffv1 "$WORK/fifo/clip.mkv"
mkfifo "$WORK/fifo/clip.mkv.scene.montage.msgpack"
timeout -s KILL 60 "$MONTAGE_ANALYZE" -j 1 "$WORK/fifo" > "$WORK/fifo.jsonl" 2> "$WORK/fifo.err"
rc=$?
if [ $rc -eq 1 ] && grep -q '"status":"failed".*no process reads this pipe' "$WORK/fifo.jsonl"; then ok fifo_sidecar_fails_alone
else fail fifo_sidecar_fails_alone "exit $rc: $(cat "$WORK/fifo.jsonl" "$WORK/fifo.err" | head -c 300)"; fi

# A dangling link planted as a clip's lock file: the lock was opened
# through it with O_CREAT, creating its target (anywhere, as root). Now that
# clip fails alone with one line, its neighbour is analysed, nothing is
# created at the target.
mkdir "$WORK/lockln"
$FF -f lavfi -i "testsrc2=s=160x120:r=25:d=1" -c:v ffv1 "$WORK/lockln/a.mkv"
cp "$WORK/lockln/a.mkv" "$WORK/lockln/b.mkv"
ln -s "$WORK/lock-target" "$WORK/lockln/a.mkv.montage.lock"
timeout -s KILL 60 "$MONTAGE_ANALYZE" -j 1 "$WORK/lockln" > "$WORK/lockln.jsonl" 2> "$WORK/lockln.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$WORK/lock-target" ] && [ "$(grep -c . "$WORK/lockln.jsonl")" -eq 2 ] &&
   grep -q '/a.mkv","status":"failed".*a symbolic link is there (not followed)' "$WORK/lockln.jsonl" &&
   grep -q '/b.mkv","status":"ok"' "$WORK/lockln.jsonl" && [ -L "$WORK/lockln/a.mkv.montage.lock" ]
then ok lock_link_fails_alone
else fail lock_link_fails_alone "exit $rc: $(cat "$WORK/lockln.jsonl" "$WORK/lockln.err" | head -c 400)"; fi

# A bad file whose name holds a newline: its stderr line escapes the name
# as montage-sidecar check prints names (\n, \\), so it stays one line
# (the raw name made two).
mkdir "$WORK/nl"
nl='
'
: > "$WORK/nl/bad${nl}name\\x.mp4"
(cd "$WORK" && timeout -s KILL 60 "$MONTAGE_ANALYZE" -j 1 nl) > "$WORK/nl.jsonl" 2> "$WORK/nl.err"
rc=$?
got="$rc $(wc -l < "$WORK/nl.err") $(cat "$WORK/nl.err")"
want='1 1 montage-analyze: nl/bad\nname\\x.mp4: empty file'
[ "$got" = "$want" ] && ok newline_name_one_line || fail newline_name_one_line "got '$got', expected '$want'"
finish
