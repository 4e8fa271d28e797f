#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# SIGINT mid-batch: exit 130, every child gone, no temporary, lock or
# partial sidecar files. SIGTERM: 143, SIGHUP: 129 (unless ignored, as
# under nohup: then the batch goes on). --timeout: the file fails with
# "timed out after Ns" and the batch goes on. An interrupted --fast
# batch leaves no directory of montage-fast-scene in TMPDIR.
. "$(dirname "$0")/lib.sh"

M=$WORK/media
mkdir -p "$M"
for i in 1 2 3 4; do gen_av "$M/clip$i.mp4" 20; done
gen_audio "$M/short.wav" 1

# An ffmpeg that reads its input in real time (-re, so 20 s per clip) and
# first leaves a sidecar temporary file with its own pid, as a filter
# killed while writing would (exec keeps the pid).
make_slow_ffmpeg "$MONTAGE_FFMPEG" 'case "$*" in *clip*) : > "'"$M"'/.montage.$$.0.tmp" ;; esac'

wait_for_temps() { # $1 = how many
    i=0
    while [ "$(find "$M" -name '.montage.*.tmp' | wc -l)" -lt "$1" ] && [ $i -lt 100 ]; do
        sleep 0.1; i=$((i + 1))
    done
}

check_clean() { # $1 = test name, $2 = exit status, $3 = expected
    left=$(find "$M" -name '.montage.*' -o -name '*.montage.lock' -o -name '*.msgpack')
    procs=$(procs_mentioning "$M/clip")
    if [ "$2" -ne "$3" ]; then fail "$1" "exit $2, expected $3"
    elif [ -n "$procs" ]; then fail "$1" "children left: $procs"
    elif [ -n "$left" ]; then fail "$1" "files left: $left"
    else ok "$1"; fi
    # what a failed check left must not fail the checks after it
    find "$M" \( -name '.montage.*' -o -name '*.montage.lock' -o -name '*.msgpack' \) -exec rm -f {} +
}

"$MONTAGE_ANALYZE" -j 2 --ffmpeg "$WORK/slow-ffmpeg" "$M"/clip*.mp4 > "$WORK/int.jsonl" 2> "$WORK/int.err" &
pid=$!
wait_for_temps 2
kill -INT $pid
wait $pid
check_clean sigint_mid_batch $? 130
grep -q "interrupted" "$WORK/int.err" && ok sigint_message || fail sigint_message "$(cat "$WORK/int.err")"

stop_mid_batch() { # $1 = signal, $2 = test name, $3 = expected exit status
    # the signal's default action restored: a suite started under nohup
    # would hand the driver an ignored SIGHUP, which it rightly keeps
    env --default-signal="$1" "$MONTAGE_ANALYZE" -j 2 --ffmpeg "$WORK/slow-ffmpeg" "$M"/clip*.mp4 > /dev/null 2>&1 &
    pid=$!
    wait_for_temps 2
    kill -"$1" $pid
    wait $pid
    check_clean "$2" $? "$3"
}
stop_mid_batch TERM sigterm_mid_batch 143

# SIGHUP (the terminal or ssh session closing) stops the batch the same
# way: without it the driver died at once and its children went on as
# orphans, writing sidecars and leaving lock files.
stop_mid_batch HUP sighup_mid_batch 129

# Under nohup (SIGHUP ignored when the driver starts) a hang-up does not
# stop the batch: it ends with 0 and its sidecars (before, 129 and none).
gen_av "$M/hup.mp4" 4
sh -c 'trap "" HUP; exec "$@"' sh "$MONTAGE_ANALYZE" --ffmpeg "$WORK/slow-ffmpeg" "$M/hup.mp4" \
    > "$WORK/hup.jsonl" 2> "$WORK/hup.err" &
pid=$!
i=0
while [ -z "$(procs_mentioning "-re -i file:$M/hup.mp4")" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
kill -HUP $pid
wait $pid
rc=$?
if [ $rc -eq 0 ] && grep -q '"path":"'"$M"'/hup.mp4","status":"ok"' "$WORK/hup.jsonl" &&
    [ -f "$M/hup.mp4.scene.montage.msgpack" ] && [ -f "$M/hup.mp4.beat.montage.msgpack" ]; then
    ok nohup_sighup_batch_goes_on
else fail nohup_sighup_batch_goes_on "exit $rc: $(cat "$WORK/hup.jsonl" "$WORK/hup.err")"; fi
rm -f "$M"/hup.mp4*

# --fast: montage-fast-scene keeps its passes' files in a directory of
# its own under TMPDIR; a stopped batch kills it with SIGKILL, so the
# driver removes that directory (before, every interrupted --fast file
# left a montage-fast.XXXXXX behind).
gen_video "$M/vid1.mp4" 20
gen_video "$M/vid2.mp4" 20
mkdir "$WORK/tmp"
TMPDIR="$WORK/tmp" "$MONTAGE_ANALYZE" -j 2 --fast --ffmpeg "$WORK/slow-ffmpeg" "$M"/vid*.mp4 > /dev/null 2>&1 &
pid=$!
i=0
while [ "$(find "$WORK/tmp" -name 'montage-fast.*' | wc -l)" -lt 2 ] && [ $i -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
done
sleep 0.5 # into pass 1, whose key frames land in that directory
kill -INT $pid
wait $pid
rc=$?
left=$(find "$WORK/tmp" -mindepth 1)
if [ -n "$left" ]; then fail fast_sigint_no_temp_dir "left: $left"
else check_clean fast_sigint_no_temp_dir $rc 130; fi
rm -f "$M"/vid*.mp4

start=$(date +%s)
"$MONTAGE_ANALYZE" -j 2 --timeout 2 --ffmpeg "$WORK/slow-ffmpeg" "$M/clip1.mp4" "$M/short.wav" \
    > "$WORK/to.jsonl" 2> "$WORK/to.err"
rc=$?
took=$(( $(date +%s) - start ))
rm -f "$M/short.wav".*.msgpack
grep -q '"path":"'"$M"'/clip1.mp4","status":"failed","sidecars":\[\],"seconds":[0-9.]*,"error":"timed out after 2s"}' "$WORK/to.jsonl" &&
    grep -q '"path":"'"$M"'/short.wav","status":"ok"' "$WORK/to.jsonl" && [ "$took" -le 6 ] &&
    grep -q "clip1.mp4: timed out after 2s" "$WORK/to.err" &&
    ok timeout_fails_file || fail timeout_fails_file "took ${took}s: $(cat "$WORK/to.jsonl")"
check_clean timeout_leaves_nothing $rc 1
finish
