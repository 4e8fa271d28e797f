#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montage-sidecar split: every piece holds exactly its shot's frames when
# re-encoded (--exact; constant, NTSC and variable frame rates), and when
# stream-copied from media whose every frame is a key frame (--copy).
# The first frame of each piece must be its shot's first frame (luma),
# not the last of the shot before.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/export_media.sh"
need_tools "$ENC"

"$ENC" -nostdin -v error -y -filter_complex \
    "$(shot testsrc2 40 25)[a];$(shot mandelbrot 35 25)[b];$(shot smptebars 30 25)[c];[a][b][c]concat=n=3" \
    -c:v libx264 -preset ultrafast "$T/cfr.mp4"
"$ENC" -nostdin -v error -y -filter_complex \
    "$(shot testsrc2 40 25)[a];$(shot mandelbrot 35 25)[b];$(shot smptebars 30 25)[c];[a][b][c]concat=n=3" \
    -c:v libx264 -preset ultrafast -g 1 "$T/intra.mp4"
"$ENC" -nostdin -v error -y -filter_complex \
    "$(shot testsrc2 40 30000/1001)[a];$(shot mandelbrot 35 30000/1001)[b];[a][b]concat" \
    -c:v libx264 -preset ultrafast "$T/ntsc.mp4"
"$ENC" -nostdin -v error -y -filter_complex \
    "$(shot testsrc2 50 25)[a];$(shot smptebars 51 50)[b];$(shot mandelbrot 50 25)[c];[a][b][c]concat=n=3" \
    -fps_mode vfr -c:v libx264 -preset ultrafast "$T/vfr.mkv"

luma() { "$ENC_PROBE" -v error -f lavfi -i "movie=$1,signalstats" -show_entries frame_tags=lavfi.signalstats.YAVG -of csv=p=0; }

# split_check NAME MEDIA MODE: piece i has frames [start_i, end_i) of the shot list
split_check() {
    m=$2
    "$FFMPEG" -nostdin -v error -i "$T/$m" -vf "montagescene=sidecar=$T/$m.scene.montage.msgpack" -f null - 2>/dev/null
    mkdir -p "$T/$1"
    if ! "$S" split "$3" -d "$T/$1" --ffmpeg "$ENC" "$T/$m.scene.montage.msgpack" > "$T/$1.list" 2> "$T/err"; then
        fail "$1" "$(cat "$T/err")"; return; fi
    "$S" dump --json "$T/$m.scene.montage.msgpack" > "$T/$1.json"
    luma "$T/$m" > "$T/$1.src"
    for p in $(cat "$T/$1.list"); do luma "$p" | tr '\n' ' '; echo; done > "$T/$1.pieces"
    if out=$("$PYTHON" - "$T/$1.json" "$T/$1.src" "$T/$1.pieces" <<'PYEOF'
import json, sys
scenes = json.load(open(sys.argv[1]))["scene"]["scenes"]
src = [float(x) for x in open(sys.argv[2]).read().split()]
pieces = [[float(x) for x in l.split()] for l in open(sys.argv[3]).read().splitlines()]
bad = []
if len(pieces) != len(scenes):
    bad.append("%d pieces for %d shots" % (len(pieces), len(scenes)))
for i, (p, sc) in enumerate(zip(pieces, scenes)):
    a, b = sc["start_frame"], sc["end_frame"]
    if len(p) != b - a:
        bad.append("piece %d: %d frames, shot %d..%d has %d" % (i + 1, len(p), a, b, b - a))
    # re-encoding shifts luma a little; the cut between shots shifts it a lot
    if a > 0 and p and not abs(p[0] - src[a]) < abs(p[0] - src[a - 1]):
        bad.append("piece %d starts with frame %d's picture, not %d's" % (i + 1, a - 1, a))
print("; ".join(bad))
sys.exit(1 if bad else 0)
PYEOF
    ); then ok "$1"; else fail "$1" "$out"; fi
}
split_check split_exact_cfr cfr.mp4 --exact
split_check split_exact_ntsc ntsc.mp4 --exact
split_check split_exact_vfr vfr.mkv --exact
split_check split_copy_intra intra.mp4 --copy

# copy from long-GOP media: a piece per shot, each from a key frame, none empty
mkdir "$T/copy"
if "$S" split -d "$T/copy" --ffmpeg "$ENC" "$T/cfr.mp4.scene.montage.msgpack" > "$T/copy.list" 2> "$T/err" &&
   [ "$(wc -l < "$T/copy.list")" -eq 3 ] && [ "$(head -n 1 "$T/copy.list")" = "$T/copy/cfr-shot-001.mp4" ]; then
    ok split_copy_pieces; else fail split_copy_pieces "$(cat "$T/err" "$T/copy.list")"; fi
# a piece's name is listed on one line whatever the clip's name holds
# (a newline: \n, as montage-sidecar check writes names)
mkdir "$T/nl"
cp "$T/cfr.mp4" "$T/nl/a
b.mp4"
cp "$T/cfr.mp4.scene.montage.msgpack" "$T/nl/a
b.mp4.scene.montage.msgpack"
if "$S" split --ffmpeg "$ENC" "$T/nl/a
b.mp4.scene.montage.msgpack" > "$T/nl.list" 2> "$T/err"; then
    expect_eq split_list_escaped "$(wc -l < "$T/nl.list") $(head -n 1 "$T/nl.list")" "3 $T/nl/a\nb-shot-001.mp4"
else fail split_list_escaped "$(cat "$T/err")"; fi
# another clip of the same name (other/cfr.mp4) split into the same DIR:
# refused before ffmpeg runs, one line naming the first piece in the way;
# the first clip's pieces stay as they were (before, they were replaced)
mkdir "$T/other"
cp "$T/cfr.mp4" "$T/cfr.mp4.scene.montage.msgpack" "$T/other/"
sums_before=$(cd "$T/copy" && cksum *)
"$S" split -d "$T/copy" --ffmpeg "$ENC" "$T/other/cfr.mp4.scene.montage.msgpack" > "$T/other.list" 2> "$T/err"
expect_eq split_same_name_refused "$? $(cat "$T/err")" "5 montage-sidecar: $T/other/cfr.mp4.scene.montage.msgpack: \
split never overwrites: cfr-shot-001.mp4 is already in the output directory (an earlier split, of this clip or \
of another of that name); remove the old pieces or choose another -d"
# a long DIR (1000 bytes) does not cut the line's end off (was: err[1024])
long="$T/$(printf '%0250d' 1)/$(printf '%0250d' 2)/$(printf '%0250d' 3)/$(printf '%0250d' 4)"
mkdir -p "$long" && : > "$long/cfr-shot-002.mp4"
"$S" split -d "$long" --ffmpeg "$ENC" "$T/cfr.mp4.scene.montage.msgpack" > /dev/null 2> "$T/err"
expect_eq split_refused_long_dir "$? $(sed 's/.*msgpack: //' "$T/err")" "5 split never overwrites: \
cfr-shot-002.mp4 is already in the output directory (an earlier split, of this clip or of another of that \
name); remove the old pieces or choose another -d"
expect_eq split_same_name_first_kept "$(cd "$T/copy" && cksum * && ls -A | wc -l)$(cat "$T/other.list")" \
    "$sums_before
3"
# a piece name taken after the up-front check (another split of a clip of
# that name into the same DIR, at the same time: here a --ffmpeg wrapper
# makes it while "encoding"): refused, the other file intact, no temporary
# left (was: the finished piece renamed over it, exit 0)
mkdir "$T/race"
cat > "$T/race-ffmpeg" <<WRAP
#!/bin/sh
[ -e "$T/race/cfr-shot-001.mp4" ] || echo theirs > "$T/race/cfr-shot-001.mp4"
exec "$ENC" "\$@"
WRAP
chmod +x "$T/race-ffmpeg"
"$S" split -d "$T/race" --ffmpeg "$T/race-ffmpeg" "$T/cfr.mp4.scene.montage.msgpack" > "$T/race.list" 2> "$T/err"
expect_eq split_race_refused "$? $(wc -l < "$T/err") $(grep -c 'split never overwrites' "$T/err")" "5 1 1"
expect_eq split_race_other_kept "$(cat "$T/race/cfr-shot-001.mp4") $(ls -A "$T/race" | tr '\n' ' ')$(cat "$T/race.list")" \
    "theirs cfr-shot-001.mp4 "
# -d DIR is made when missing (one level), as `split -d shots/` expects
"$S" split -d "$T/made" --ffmpeg "$ENC" "$T/cfr.mp4.scene.montage.msgpack" > "$T/made.list" 2> "$T/err"
expect_eq split_makes_dir "$? $(wc -l < "$T/made.list")" "0 3"
"$S" split -d "$T/none/deeper" --ffmpeg "$ENC" "$T/cfr.mp4.scene.montage.msgpack" > /dev/null 2> "$T/err"
expect_eq split_dir_error "$? $(cat "$T/err")" \
    "5 montage-sidecar: $T/none/deeper: cannot create the output directory: No such file or directory"
# the first piece failing leaves no DIR this run made; a DIR that was
# there (empty) is kept
"$S" split --ffmpeg /nonexistent/ffmpeg -d "$T/unmade" "$T/cfr.mp4.scene.montage.msgpack" > /dev/null 2> "$T/err"
expect_eq split_failed_dir_removed "$? $(ls -d "$T/unmade" 2>/dev/null)" "5 "
mkdir "$T/before"
"$S" split --ffmpeg /nonexistent/ffmpeg -d "$T/before" "$T/cfr.mp4.scene.montage.msgpack" > /dev/null 2> "$T/err"
expect_eq split_failed_dir_kept "$? $(ls -d "$T/before" 2>/dev/null)" "5 $T/before"
"$S" split "$T/nothing.msgpack" > /dev/null 2> "$T/err"
expect_eq split_missing_sidecar "$? $(wc -l < "$T/err")" "2 1"
"$S" split --ffmpeg /nonexistent/ffmpeg -d "$T/badff" "$T/cfr.mp4.scene.montage.msgpack" > /dev/null 2> "$T/err"
st=$?
if [ $st -eq 5 ] && grep -q "cannot run /nonexistent/ffmpeg" "$T/err" && [ "$(wc -l < "$T/err")" -eq 1 ]; then ok split_bad_ffmpeg
else fail split_bad_ffmpeg "exit $st: $(cat "$T/err")"; fi
# media cut short after its analysis: ffmpeg's first line (the cause) is
# in the one-line error with its last, the shot and the ffmpeg are named,
# no piece and no temporary file is left
mkdir "$T/short"
head -c 3000 "$T/cfr.mp4" > "$T/short/cfr.mp4"
cp "$T/cfr.mp4.scene.montage.msgpack" "$T/short/cfr.mp4.scene.montage.msgpack"
"$S" split --exact --ffmpeg "$ENC" "$T/short/cfr.mp4.scene.montage.msgpack" > "$T/short.list" 2> "$T/err"
expect_eq split_exact_cause "$? $(cat "$T/err")" "5 montage-sidecar: $T/short/cfr.mp4.scene.montage.msgpack: shot 1 of 3: \
$ENC failed: moov atom not found: $T/short/cfr.mp4: Invalid data found when processing input"
expect_eq split_exact_cause_nothing_left "$(ls -A "$T/short" | tr '\n' ' ')$(cat "$T/short.list")" \
    "cfr.mp4 cfr.mp4.scene.montage.msgpack "
# stopped mid-piece (SIGTERM to montage-sidecar alone, as kill PID does):
# ffmpeg is stopped too, its temporary piece removed, and the process ends
# by that signal (143 in the shell); ffmpeg reads in real time (-re), so
# the first piece takes 1.6 s and the signal comes while it is written
cat > "$T/slow-ffmpeg" <<WRAP
#!/bin/sh
n=\$#
for a in "\$@"; do [ "\$a" = "-i" ] && set -- "\$@" -re; set -- "\$@" "\$a"; done
shift \$n
exec "$ENC" "\$@"
WRAP
chmod +x "$T/slow-ffmpeg"
# stop_split_mid_piece DIR FFMPEG: splits into DIR (made here) through
# FFMPEG and sends SIGTERM to montage-sidecar once a piece is being
# written; sets st (its exit status), i (polls before the piece showed),
# left (what DIR holds after) and running (an ffmpeg still writing there)
stop_split_mid_piece() {
    mkdir "$1"
    "$S" split --exact -d "$1" --ffmpeg "$2" "$T/cfr.mp4.scene.montage.msgpack" > /dev/null 2>&1 &
    pid=$!
    i=0
    # the temporary piece is made before ffmpeg starts: wait for ffmpeg
    # itself (its -re, added by slow-ffmpeg) writing it
    while [ $i -lt 100 ] && ! { ls -A "$1" | grep -q part &&
        ps -eo args= | grep -F -- "$1" | grep -v grep | grep -q -F -- "-re -i"; }; do
        sleep 0.1; i=$((i + 1))
    done
    kill -TERM $pid
    wait $pid
    st=$?
    sleep 0.5 # the orphan ffmpeg of a split that did not stop it would still be writing
    left=$(ls -A "$1" | tr '\n' ' ')
    running=$(ps -eo args= | grep -F -- "$1" | grep -v grep || true)
}
stop_split_mid_piece "$T/stopped" "$T/slow-ffmpeg"
if [ $i -lt 100 ] && [ $st -eq 143 ] && [ -z "$left" ] && [ -z "$running" ]; then ok split_signal_leaves_nothing
else fail split_signal_leaves_nothing "exit $st after ${i} polls, left: '$left', running: $running"; fi

# a --ffmpeg wrapper that does not exec (ffmpeg is its child; this one
# outlives a signal to log how ffmpeg ended): the signal reaches ffmpeg
# too (its process group), which stops mid-piece, nothing is left (was:
# the wrapper alone got it and ffmpeg wrote the whole piece, "exit 0")
cat > "$T/shell-ffmpeg" <<WRAP
#!/bin/sh
"$T/slow-ffmpeg" "\$@" &
child=\$!
# trapped only once ffmpeg runs (a signal before that ends this script,
# and ffmpeg with it, unlogged); a trapped signal ends wait early: wait
# again for ffmpeg's own status
trap 'echo "wrapper got TERM" >> "$T/shell-ffmpeg.log"' TERM
wait \$child
st=\$?
if [ \$st -gt 128 ]; then wait \$child; st2=\$?; [ \$st2 -ne 127 ] && st=\$st2; fi
echo "ffmpeg exit \$st" >> "$T/shell-ffmpeg.log"
exit \$st
WRAP
chmod +x "$T/shell-ffmpeg"
: > "$T/shell-ffmpeg.log"
stop_split_mid_piece "$T/stopped2" "$T/shell-ffmpeg"
ran=$(grep '^ffmpeg exit' "$T/shell-ffmpeg.log")
if [ $i -lt 100 ] && [ $st -eq 143 ] && [ -z "$left" ] && [ -z "$running" ] && [ -n "$ran" ] &&
    [ "$ran" != "ffmpeg exit 0" ]; then ok split_signal_wrapper_group
else fail split_signal_wrapper_group "exit $st after ${i} polls, left: '$left', running: $running, $ran"; fi

# SIGTERM landing after split checked its stop flag and before it waits on
# ffmpeg (raised at the fork by a preloaded shim): ffmpeg is stopped at
# once (the wrapper dies before it logs, or logs ffmpeg's failure), not
# left to finish the piece (was: "ffmpeg exit 0" in the wrapper's log)
if ${CC:-cc} -shared -fPIC -o "$T/signal_at_fork.so" "$ROOT/tests/integration/signal_at_fork.c" -ldl \
        2> "$T/cc.err"; then
    mkdir "$T/stopped3"
    : > "$T/shell-ffmpeg.log"
    LD_PRELOAD="$T/signal_at_fork.so" "$S" split --exact -d "$T/stopped3" --ffmpeg "$T/shell-ffmpeg" \
        "$T/cfr.mp4.scene.montage.msgpack" > /dev/null 2>&1
    st=$?
    ran=$(grep '^ffmpeg exit' "$T/shell-ffmpeg.log")
    left=$(ls -A "$T/stopped3" | tr '\n' ' ')
    if [ $st -eq 143 ] && [ "$ran" != "ffmpeg exit 0" ] && [ -z "$left" ]; then
        ok split_signal_before_wait
    else fail split_signal_before_wait "exit $st, wrapper: '$ran', left: '$left'"; fi
else
    fail split_signal_before_wait_build "$(head -n 3 "$T/cc.err" | tr '\n' ' ')"
fi
finish
