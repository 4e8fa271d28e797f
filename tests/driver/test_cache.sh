#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Cached files are skipped without starting any process; a changed file
# is analysed again; --force analyses anyway; --cache-dir keeps the media
# directory untouched; a stream that disappears takes its sidecar along.
. "$(dirname "$0")/lib.sh"

M=$WORK/media
mkdir -p "$M"
gen_av "$M/a.mp4" 1
gen_av "$M/b.mp4" 1
gen_audio "$M/c.wav" 1
make_logging_ffmpeg
run() { "$MONTAGE_ANALYZE" -j 2 --ffmpeg "$WORK/logging-ffmpeg" "$@" 2> "$WORK/err"; }
calls() { wc -l < "$WORK/calls.log" | tr -d ' '; }

run "$M" > "$WORK/r1.jsonl"
[ $? -eq 0 ] && [ "$(grep -c '"status":"ok"' "$WORK/r1.jsonl")" -eq 3 ] && [ "$(calls)" -eq 3 ] &&
    ok first_run_analyses_all || fail first_run_analyses_all "$(cat "$WORK/r1.jsonl" "$WORK/err")"

run "$M" > "$WORK/r2.jsonl"
[ $? -eq 0 ] && [ "$(grep -c '"status":"cached"' "$WORK/r2.jsonl")" -eq 3 ] && [ "$(calls)" -eq 3 ] &&
    ok second_run_all_cached || fail second_run_all_cached "$(cat "$WORK/r2.jsonl")"

# the warm path starts no process at all (no ffprobe either)
if command -v strace > /dev/null 2>&1; then
    strace -f -e trace=execve -o "$WORK/trace" "$MONTAGE_ANALYZE" "$M" > /dev/null 2>&1
    n=$(grep -c 'execve(' "$WORK/trace")
    [ "$n" -le 1 ] && ok warm_run_spawns_nothing || fail warm_run_spawns_nothing "$n process calls"
else
    skip warm_run_spawns_nothing "strace is not installed (./bootstrap installs it)"
fi

# the same content written again (new mtime, ctime): re-hashed, still valid
cp -p "$M/a.mp4" "$WORK/a.copy" && cat "$WORK/a.copy" > "$M/a.mp4"
run "$M" > "$WORK/r3.jsonl"
grep -q '"path":"'"$M"'/a.mp4","status":"cached"' "$WORK/r3.jsonl" && [ "$(calls)" -eq 3 ] &&
    ok rewritten_same_content_cached || fail rewritten_same_content_cached "$(cat "$WORK/r3.jsonl")"

# new content: analysed again, the others stay cached
gen_av "$M/b.mp4" 2
run "$M" > "$WORK/r4.jsonl"
grep -q '"path":"'"$M"'/b.mp4","status":"ok"' "$WORK/r4.jsonl" && [ "$(calls)" -eq 4 ] &&
    [ "$(grep -c '"status":"cached"' "$WORK/r4.jsonl")" -eq 2 ] &&
    ok changed_file_reanalysed || fail changed_file_reanalysed "$(cat "$WORK/r4.jsonl")"

# a damaged sidecar is analysed again
printf 'junk' > "$M/c.wav.beat.montage.msgpack"
run "$M/c.wav" > "$WORK/r5.jsonl"
grep -q '"status":"ok"' "$WORK/r5.jsonl" && [ "$(calls)" -eq 5 ] &&
    ok corrupt_sidecar_reanalysed || fail corrupt_sidecar_reanalysed "$(cat "$WORK/r5.jsonl")"

run --force "$M" > "$WORK/r6.jsonl"
[ "$(grep -c '"status":"ok"' "$WORK/r6.jsonl")" -eq 3 ] && [ "$(calls)" -eq 8 ] &&
    ok force_reanalyses || fail force_reanalyses "$(cat "$WORK/r6.jsonl")"

# the file loses its audio: the stale beat sidecar goes, next run is cached
gen_video "$M/a.mp4" 1
run "$M/a.mp4" > "$WORK/r7.jsonl"
run "$M/a.mp4" > "$WORK/r8.jsonl"
[ ! -e "$M/a.mp4.beat.montage.msgpack" ] && grep -q '"status":"ok","sidecars":\["[^"]*scene[^"]*"\]' "$WORK/r7.jsonl" &&
    grep -q '"status":"cached"' "$WORK/r8.jsonl" &&
    ok lost_stream_sidecar_removed || fail lost_stream_sidecar_removed "$(cat "$WORK/r7.jsonl" "$WORK/r8.jsonl")"

# --cache-dir: sidecars in the cache, nothing new next to the media
mkdir "$WORK/ro"
gen_av "$WORK/ro/d.mp4" 1
before=$(ls -a "$WORK/ro")
run --cache-dir "$WORK/cache" "$WORK/ro" > "$WORK/r9.jsonl"
run --cache-dir "$WORK/cache" "$WORK/ro" > "$WORK/r10.jsonl"
[ "$(ls -a "$WORK/ro")" = "$before" ] && grep -q "\"$WORK/cache/by-path/" "$WORK/r9.jsonl" &&
    [ -f "$WORK/cache/CACHEDIR.TAG" ] && grep -q '"status":"cached"' "$WORK/r10.jsonl" &&
    ok cache_dir_leaves_media_alone || fail cache_dir_leaves_media_alone "$(cat "$WORK/r9.jsonl"; ls -a "$WORK/ro")"
# a cache made before by-path/.montage-cache (its tag there) that this
# user may only read is used as before: its entry is served (was: exit 2,
# the marker could not be written); as nobody when running as root
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null 2>&1; then
    U=$(mktemp -d "${TMPDIR:-/tmp}/montage-rocache.XXXXXX")
    chmod 755 "$U"
    cp "$MONTAGE_ANALYZE" "$U/montage-analyze" && gen_av "$U/e.mp4" 1 && chmod 644 "$U/e.mp4"
    run --cache-dir "$U/cache" "$U/e.mp4" > /dev/null
    rm -f "$U/cache/by-path/.montage-cache"
    chmod -R go+rX "$U/cache"
    (cd "$U" && setpriv --reuid=65534 --regid=65534 --clear-groups ./montage-analyze --cache-dir cache e.mp4) \
        > "$WORK/ro-cache.jsonl" 2> "$WORK/ro-cache.err"
    rc=$?
    rm -rf "$U"
    [ $rc -eq 0 ] && grep -q '"status":"cached"' "$WORK/ro-cache.jsonl" && ok read_only_cache_used ||
        fail read_only_cache_used "rc=$rc $(cat "$WORK/ro-cache.jsonl" "$WORK/ro-cache.err")"
else
    skip read_only_cache_used "needs root and setpriv (util-linux) to read a cache of another user"
fi
# a --keyframes analysis is an entry of its own: it is not served to a full
# run, and a full one is not served to --keyframes
run --keyframes "$M/b.mp4" > "$WORK/k1.jsonl"
run --keyframes "$M/b.mp4" > "$WORK/k2.jsonl"
run "$M/b.mp4" > "$WORK/k3.jsonl"
grep -q '"status":"ok"' "$WORK/k1.jsonl" && grep -q '"status":"cached"' "$WORK/k2.jsonl" &&
    grep -q '"status":"ok"' "$WORK/k3.jsonl" &&
    ok keyframes_mode_has_its_own_entry || fail keyframes_mode_has_its_own_entry "$(cat "$WORK/k1.jsonl" "$WORK/k2.jsonl" "$WORK/k3.jsonl")"

finish
