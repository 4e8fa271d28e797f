#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Driver bench (issue 6 bars), printed side by side:
#  1. parallel speed-up: 10 generated clips analysed with -j 1 and -j 2
#     (--force, so both do the full work); bar: ratio >= 1.8 on 2 cores.
#  2. warm run: 1,000 files whose sidecars are valid; bar: <= 0.3 s wall,
#     no process spawned per file, no content hashing.
# Environment: MONTAGE_ANALYZE, MONTAGE_FFMPEG, MONTAGE_FFPROBE (as the
# tests: tests/driver/lib.sh), CLIP_SECONDS (default 10), CLIP_SIZE
# (default 1280x720), WARM_FILES (default 1000).
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/tests/driver/lib.sh"

CLIP_SECONDS=${CLIP_SECONDS:-10}
CLIP_SIZE=${CLIP_SIZE:-1280x720}
WARM_FILES=${WARM_FILES:-1000}
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | awk '{ printf "%.3f", $1 }'; }

echo "# driver: $MONTAGE_ANALYZE"
echo "# ffmpeg: $MONTAGE_FFMPEG ($(nproc) online CPUs)"

# 1. parallel speed-up
C=$WORK/clips
mkdir -p "$C"
for i in 0 1 2 3 4 5 6 7 8 9; do
    "$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "testsrc2=d=$CLIP_SECONDS:s=$CLIP_SIZE:r=25" \
        -f lavfi -i "sine=f=$((200 + 50 * i)):d=$CLIP_SECONDS" -c:v libx264 -preset veryfast \
        -pix_fmt yuv420p -c:a aac -shortest "$C/clip$i.mp4"
done
"$MONTAGE_ANALYZE" -j 1 "$C" > /dev/null 2>&1 # warm the page cache
load_before=$(cut -d' ' -f1 /proc/loadavg)
# CPU seconds (user+sys of the driver and its children) next to wall time:
# on a shared machine the wall ratio only means something when it is idle
cpu_of() { awk '{ printf "%.1f", $1 + $2 }' "$1"; }
t0=$(now)
/usr/bin/time -f '%U %S' -o "$WORK/j1.cpu" "$MONTAGE_ANALYZE" -j 1 --force "$C" > "$WORK/j1.jsonl" 2> /dev/null
t1=$(now)
/usr/bin/time -f '%U %S' -o "$WORK/j2.cpu" "$MONTAGE_ANALYZE" -j 2 --force "$C" > "$WORK/j2.jsonl" 2> /dev/null
t2=$(now)
load_after=$(cut -d' ' -f1 /proc/loadavg)
j1=$(elapsed "$t0" "$t1"); j2=$(elapsed "$t1" "$t2")
ok1=$(grep -c '"status":"ok"' "$WORK/j1.jsonl"); ok2=$(grep -c '"status":"ok"' "$WORK/j2.jsonl")
ratio=$(echo "$j1 / $j2" | bc -l | awk '{ printf "%.2f", $1 }')

# 2. warm run over WARM_FILES cached files: one short clip analysed, then
# hard links (same inode, size, mtime, ctime: valid for the same sidecars)
# with copies of its sidecars, made after all links exist (a new link
# changes the inode's ctime)
W=$WORK/warm
mkdir -p "$W"
"$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "testsrc2=d=1:s=320x240:r=25" \
    -f lavfi -i "sine=d=1" -c:v libx264 -preset ultrafast -c:a aac -shortest "$W/f0000.mp4"
i=1
while [ $i -lt "$WARM_FILES" ]; do ln "$W/f0000.mp4" "$W/f$(printf %04d $i).mp4"; i=$((i + 1)); done
"$MONTAGE_ANALYZE" "$W/f0000.mp4" > /dev/null 2>&1
i=1
while [ $i -lt "$WARM_FILES" ]; do
    n=$(printf %04d $i)
    cp "$W/f0000.mp4.scene.montage.msgpack" "$W/f$n.mp4.scene.montage.msgpack"
    cp "$W/f0000.mp4.beat.montage.msgpack" "$W/f$n.mp4.beat.montage.msgpack"
    i=$((i + 1))
done
"$MONTAGE_ANALYZE" "$W" > /dev/null 2>&1 # page cache
best=
for run in 1 2 3; do
    t0=$(now); "$MONTAGE_ANALYZE" "$W" > "$WORK/warm.jsonl" 2> /dev/null; t1=$(now)
    w=$(elapsed "$t0" "$t1")
    if [ -z "$best" ] || [ "$(echo "$w < $best" | bc)" -eq 1 ]; then best=$w; fi
done
cached=$(grep -c '"status":"cached"' "$WORK/warm.jsonl")
spawns=n/a
if command -v strace > /dev/null 2>&1; then
    strace -f -e trace=execve,clone,clone3,fork,vfork -o "$WORK/trace" "$MONTAGE_ANALYZE" "$W" > /dev/null 2>&1
    spawns=$(( $(grep -c -E 'execve|clone|fork' "$WORK/trace") - 1 )) # minus the driver's own exec
fi
sidecar_bytes=$(stat -c %s "$W/f0000.mp4.scene.montage.msgpack" "$W/f0000.mp4.beat.montage.msgpack" | paste -sd+ | bc)

printf '%-34s %12s %12s %10s\n' "measure" "value" "bar" "verdict"
printf '%-34s %12s %12s %10s\n' "10 clips (${CLIP_SECONDS}s ${CLIP_SIZE}) -j 1 wall s" "$j1" "" "($ok1 ok)"
printf '%-34s %12s %12s %10s\n' "10 clips -j 2 wall s" "$j2" "" "($ok2 ok)"
printf '%-34s %12s %12s %10s\n' "  CPU s -j 1 / -j 2" "$(cpu_of "$WORK/j1.cpu") / $(cpu_of "$WORK/j2.cpu")" "" ""
printf '%-34s %12s %12s %10s\n' "  load average before / after" "$load_before / $load_after" "" ""
printf '%-34s %12s %12s %10s\n' "speed-up -j2 vs -j1" "${ratio}x" ">= 1.8x" \
    "$( [ "$(echo "$ratio >= 1.8" | bc)" -eq 1 ] && echo PASS || echo MISS)"
printf '%-34s %12s %12s %10s\n' "warm run $WARM_FILES cached files wall s" "$best" "<= 0.3" \
    "$( [ "$(echo "$best <= 0.3" | bc)" -eq 1 ] && echo PASS || echo MISS)"
printf '%-34s %12s %12s %10s\n' "  records cached" "$cached" "$WARM_FILES" ""
printf '%-34s %12s %12s %10s\n' "  processes spawned by warm run" "$spawns" "0" ""
printf '%-34s %12s %12s %10s\n' "  sidecar bytes per file" "$sidecar_bytes" "" ""
