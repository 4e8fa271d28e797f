#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Several drivers at once on one shared cache directory: every file is
# analysed exactly once, every driver reports every file (ok once,
# cached elsewhere), no lock files or broken entries remain. And
# --shard K/N: N drivers split the list without overlap or gaps.
. "$(dirname "$0")/lib.sh"

M=$WORK/media
mkdir -p "$M"
N_FILES=6
for i in 1 2 3 4 5 6; do gen_av "$M/clip$i.mp4" 2; done

# logs each analysed input, then reads it in real time (2 s per file) so
# the drivers really overlap
make_logging_ffmpeg
make_slow_ffmpeg "$WORK/logging-ffmpeg"

for d in 1 2 3; do
    "$MONTAGE_ANALYZE" -j 1 --cache-dir "$WORK/cache" --ffmpeg "$WORK/slow-ffmpeg" "$M" \
        > "$WORK/d$d.jsonl" 2> "$WORK/d$d.err" &
    eval "pid$d=\$!"
done
rcs=
for d in 1 2 3; do eval "wait \$pid$d"; rcs="$rcs$?"; done
[ "$rcs" = "000" ] && ok concurrent_all_succeed || fail concurrent_all_succeed "exit statuses $rcs"

dups=$(sort "$WORK/calls.log" | uniq -d)
n_calls=$(wc -l < "$WORK/calls.log")
[ -z "$dups" ] && [ "$n_calls" -eq $N_FILES ] && ok concurrent_each_file_once ||
    fail concurrent_each_file_once "$n_calls calls, repeated: $dups"

n_ok=$(cat "$WORK"/d?.jsonl | grep -c '"status":"ok"')
n_cached=$(cat "$WORK"/d?.jsonl | grep -c '"status":"cached"')
[ "$n_ok" -eq $N_FILES ] && [ "$n_cached" -eq $((2 * N_FILES)) ] && ok concurrent_records ||
    fail concurrent_records "$n_ok ok, $n_cached cached"

# one entry per file and kind, nothing else but the tag and montage's
# marker (by-path/.montage-cache)
n_entries=$(find "$WORK/cache" -type f -name '*.msgpack' | wc -l)
others=$(find "$WORK/cache" -type f ! -name '*.msgpack' ! -name CACHEDIR.TAG ! -name .montage-cache)
[ "$n_entries" -eq $((2 * N_FILES)) ] && [ -z "$others" ] && ok concurrent_cache_clean ||
    fail concurrent_cache_clean "$n_entries entries, others: $others"

"$MONTAGE_ANALYZE" --cache-dir "$WORK/cache" --ffmpeg "$WORK/slow-ffmpeg" "$M" > "$WORK/after.jsonl" 2>&1
[ "$(grep -c '"status":"cached"' "$WORK/after.jsonl")" -eq $N_FILES ] && ok concurrent_entries_valid ||
    fail concurrent_entries_valid "$(cat "$WORK/after.jsonl")"

# --shard: three "hosts" each take their part
: > "$WORK/calls.log"
for k in 1 2 3; do
    "$MONTAGE_ANALYZE" --shard $k/3 --force --cache-dir "$WORK/cache2" --ffmpeg "$WORK/slow-ffmpeg" "$M" \
        > "$WORK/s$k.jsonl" 2> /dev/null &
    eval "pid$k=\$!"
done
for k in 1 2 3; do eval "wait \$pid$k"; done
all=$(cat "$WORK"/s?.jsonl | sed 's/.*"path":"\([^"]*\)".*/\1/' | sort)
expected=$(ls "$M"/clip*.mp4 | sort)
[ "$all" = "$expected" ] && [ "$(wc -l < "$WORK/calls.log")" -eq $N_FILES ] && ok shard_partition ||
    fail shard_partition "got: $all"
# the split is deterministic: the same shard twice gives the same files
"$MONTAGE_ANALYZE" --shard 2/3 --cache-dir "$WORK/cache2" "$M" > "$WORK/s2again.jsonl" 2> /dev/null
[ "$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$WORK/s2.jsonl" | sort)" = \
  "$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$WORK/s2again.jsonl" | sort)" ] && ok shard_deterministic ||
    fail shard_deterministic "differs"
# the man page's GNU parallel recipe, on the local host
if command -v parallel > /dev/null 2>&1; then
    : > "$WORK/calls.log"
    parallel -j 3 "$MONTAGE_ANALYZE" --ffmpeg "$WORK/slow-ffmpeg" --shard {}/3 \
        --cache-dir "$WORK/cache3" "$M" ::: 1 2 3 > "$WORK/par.jsonl" 2> /dev/null
    rc=$?
    [ $rc -eq 0 ] && [ "$(grep -c '"status":"ok"' "$WORK/par.jsonl")" -eq $N_FILES ] &&
        [ -z "$(sort "$WORK/calls.log" | uniq -d)" ] && [ "$(wc -l < "$WORK/calls.log")" -eq $N_FILES ] &&
        ok gnu_parallel_recipe || fail gnu_parallel_recipe "rc=$rc $(cat "$WORK/par.jsonl")"
else
    skip gnu_parallel_recipe "GNU parallel is not installed (./bootstrap installs it)"
fi
finish
