#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# A batch of good and bad files: exact JSON records, exit 1, the good
# files' sidecars complete and valid (a second run finds them cached
# without running ffmpeg), the batch goes on past every bad file.
. "$(dirname "$0")/lib.sh"

M=$WORK/media
mkdir -p "$M/sub" "$M/looks-like.mp4"
gen_av "$M/both.mp4" 2
gen_video "$M/sub/video only.mp4" 2
gen_audio "$M/audio-only.wav" 2
# every character the filtergraph escaping must survive, and non-ASCII
AWK="$M/it's [x],y;z=1 \\ caf$(printf '\303\251').mkv"
gen_av "$AWK" 1
head -c 4000 "$M/both.mp4" > "$M/truncated.mp4"
# not media at all, named like a video (deterministic bytes)
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "garbage-%d ", i }' > "$M/garbage.mp4"
# damaged inside the stream (a third of it zeroed): decoders conceal the
# errors and ffmpeg finishes, so the analysis covers what decodes: ok
cp "$M/both.mp4" "$M/damaged.mp4"
size=$(wc -c < "$M/damaged.mp4")
dd if=/dev/zero of="$M/damaged.mp4" bs=1 seek=$((size / 3)) count=$((size / 3)) conv=notrunc 2> /dev/null
: > "$M/empty.mp4"
echo "not media" > "$M/notes.txt"
"$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i testsrc2=s=64x64 -frames:v 1 "$M/still.png"
ln -s "$M/gone.mp4" "$M/dangling.mp4"

make_logging_ffmpeg
(cd "$WORK" && "$MONTAGE_ANALYZE" -j 2 --ffmpeg "$WORK/logging-ffmpeg" media) \
    > "$WORK/run1.jsonl" 2> "$WORK/run1.err"
rc=$?
[ $rc -eq 1 ] && ok mixed_exit_1 || fail mixed_exit_1 "exit $rc"

AWKREL=${AWK#$WORK/}
cat > "$WORK/expected.jsonl" <<JSON
{"path":"media/audio-only.wav","status":"ok","sidecars":["$M/audio-only.wav.beat.montage.msgpack"],"seconds":0,"error":null}
{"path":"media/both.mp4","status":"ok","sidecars":["$M/both.mp4.scene.montage.msgpack","$M/both.mp4.beat.montage.msgpack"],"seconds":0,"error":null}
{"path":"media/dangling.mp4","status":"failed","sidecars":[],"seconds":0,"error":"No such file or directory"}
{"path":"media/empty.mp4","status":"failed","sidecars":[],"seconds":0,"error":"empty file"}
{"path":"media/notes.txt","status":"failed","sidecars":[],"seconds":0,"error":"not readable as media (ffprobe exit status 1): Invalid data found when processing input"}
{"path":"media/damaged.mp4","status":"ok","sidecars":["$M/damaged.mp4.scene.montage.msgpack","$M/damaged.mp4.beat.montage.msgpack"],"seconds":0,"error":null}
{"path":"media/garbage.mp4","status":"failed","sidecars":[],"seconds":0,"error":"not readable as media (ffprobe exit status 1): moov atom not found: Invalid data found when processing input"}
{"path":"media/still.png","status":"failed","sidecars":[],"seconds":0,"error":"still image: no motion video or audio to analyse"}
{"path":"media/sub/video only.mp4","status":"ok","sidecars":["$M/sub/video only.mp4.scene.montage.msgpack"],"seconds":0,"error":null}
{"path":"media/truncated.mp4","status":"failed","sidecars":[],"seconds":0,"error":"not readable as media (ffprobe exit status 1): moov atom not found: Invalid data found when processing input"}
JSON
# the awkward name in JSON: its backslash doubled
printf '{"path":"%s","status":"ok","sidecars":["%s.scene.montage.msgpack","%s.beat.montage.msgpack"],"seconds":0,"error":null}\n' \
    "$(printf '%s' "$AWKREL" | sed 's/\\/\\\\/g')" "$(printf '%s' "$AWK" | sed 's/\\/\\\\/g')" \
    "$(printf '%s' "$AWK" | sed 's/\\/\\\\/g')" >> "$WORK/expected.jsonl"
normalise < "$WORK/expected.jsonl" > "$WORK/expected.sorted"
normalise < "$WORK/run1.jsonl" > "$WORK/run1.sorted"
if diff "$WORK/expected.sorted" "$WORK/run1.sorted" > "$WORK/diff"; then
    ok mixed_exact_records
else
    fail mixed_exact_records "$(cat "$WORK/diff")"
fi

# each record is one line under 4096 bytes; every bad file has a one-line
# error on stderr naming it
awk 'length($0) >= 4096 { exit 1 }' "$WORK/run1.jsonl" && ok records_short || fail records_short "long line"
missing=
for f in dangling.mp4 empty.mp4 garbage.mp4 notes.txt still.png truncated.mp4; do
    grep -q "^montage-analyze: media/$f: " "$WORK/run1.err" || missing="$missing $f"
done
[ -z "$missing" ] && ok mixed_errors_on_stderr || fail mixed_errors_on_stderr "no line for$missing"

# a directory named like a video, given in a list, is a failed file
printf '%s\n' "$M/looks-like.mp4" | "$MONTAGE_ANALYZE" > "$WORK/dir.jsonl" 2> /dev/null
rc=$?
grep -q '"status":"failed".*"error":"is a directory, not a media file"' "$WORK/dir.jsonl" && [ $rc -eq 1 ] &&
    ok directory_named_like_video || fail directory_named_like_video "rc=$rc $(cat "$WORK/dir.jsonl")"

# unreadable: chmod 000 means nothing to root, so root runs this case as
# the unprivileged user nobody (setpriv, util-linux), from a directory
# anyone can enter, with its own copy of the program.
if [ "$(id -u)" -ne 0 ]; then
    cp "$M/both.mp4" "$M/locked.mp4" && chmod 000 "$M/locked.mp4"
    "$MONTAGE_ANALYZE" "$M/locked.mp4" > "$WORK/locked.jsonl" 2> /dev/null
    grep -q '"error":"cannot open: Permission denied"' "$WORK/locked.jsonl" &&
        ok unreadable_file || fail unreadable_file "$(cat "$WORK/locked.jsonl")"
    rm -f "$M/locked.mp4"
elif ! command -v setpriv > /dev/null 2>&1; then
    skip unreadable_file "running as root without setpriv (util-linux) to become another user"
else
    U=$(mktemp -d "${TMPDIR:-/tmp}/montage-unreadable.XXXXXX")
    chmod 755 "$U"
    cp "$MONTAGE_ANALYZE" "$U/montage-analyze" && cp "$M/both.mp4" "$U/locked.mp4" && chmod 000 "$U/locked.mp4"
    (cd "$U" && setpriv --reuid=65534 --regid=65534 --clear-groups ./montage-analyze locked.mp4) \
        > "$WORK/locked.jsonl" 2> /dev/null
    grep -q '"error":"cannot open: Permission denied"' "$WORK/locked.jsonl" && [ ! -e "$U/locked.mp4.scene.montage.msgpack" ] &&
        ok unreadable_file || fail unreadable_file "$(cat "$WORK/locked.jsonl")"
    rm -rf "$U"
fi

# a folder we may not write, with a lock file another user left there
# (root's, after a crash): the one-line "cannot write next to the media"
# before ffmpeg runs, as without the lock file (was: locked read-only,
# then ffmpeg's own error on the sidecar), as nobody when running as root
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null 2>&1; then
    U=$(mktemp -d "${TMPDIR:-/tmp}/montage-unwritable.XXXXXX")
    chmod 755 "$U"
    cp "$MONTAGE_ANALYZE" "$U/montage-analyze" && cp "$M/both.mp4" "$U/clip.mp4" && : > "$U/clip.mp4.montage.lock"
    (cd "$U" && setpriv --reuid=65534 --regid=65534 --clear-groups ./montage-analyze -q clip.mp4) \
        > /dev/null 2> "$WORK/unwritable.err"
    rc=$?
    rm -rf "$U"
    got="$rc $(cat "$WORK/unwritable.err")"
    want="1 montage-analyze: clip.mp4: cannot write next to the media: Permission denied (use --cache-dir)"
    [ "$got" = "$want" ] && ok unwritable_folder_lock_left ||
        fail unwritable_folder_lock_left "got '$got', expected '$want'"
else
    skip unwritable_folder_lock_left "needs root and setpriv (util-linux) to leave a lock file of another user"
fi

# a directory the walk cannot read is logged, and the batch ends with
# exit 1 (its files were never analysed), as nobody when running as root
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$WORK/lockdir/lib/locked" && chmod 000 "$WORK/lockdir/lib/locked"
    (cd "$WORK/lockdir" && "$MONTAGE_ANALYZE" lib) > /dev/null 2> "$WORK/lockdir.err"
    rc=$?
    chmod 755 "$WORK/lockdir/lib/locked"
elif ! command -v setpriv > /dev/null 2>&1; then
    skip unreadable_directory "running as root without setpriv (util-linux) to become another user"
    rc=skip
else
    U=$(mktemp -d "${TMPDIR:-/tmp}/montage-unreadable.XXXXXX")
    chmod 755 "$U"
    cp "$MONTAGE_ANALYZE" "$U/montage-analyze" && mkdir -p "$U/lib/locked" && chmod 700 "$U/lib/locked"
    (cd "$U" && setpriv --reuid=65534 --regid=65534 --clear-groups ./montage-analyze lib) \
        > /dev/null 2> "$WORK/lockdir.err"
    rc=$?
    rm -rf "$U"
fi
got="$rc $(cat "$WORK/lockdir.err" 2> /dev/null)"
want="1 montage-analyze: lib/locked: cannot read directory: Permission denied"
[ "$rc" = skip ] || { [ "$got" = "$want" ] && ok unreadable_directory ||
    fail unreadable_directory "got '$got', expected '$want'"; }

# the good sidecars are valid: a second run reads them (mt_cache_check:
# schema, kind, complete, analyser version, source identity) and finds
# everything cached without starting ffmpeg for them
calls_before=$(wc -l < "$WORK/calls.log")
[ "$calls_before" -eq 5 ] && ok one_ffmpeg_per_good_file || fail one_ffmpeg_per_good_file "$calls_before calls"
(cd "$WORK" && "$MONTAGE_ANALYZE" -j 2 --ffmpeg "$WORK/logging-ffmpeg" media) > "$WORK/run2.jsonl" 2> /dev/null
n_cached=$(grep -c '"status":"cached"' "$WORK/run2.jsonl")
[ "$n_cached" -eq 5 ] && [ "$(wc -l < "$WORK/calls.log")" -eq "$calls_before" ] &&
    ok good_sidecars_valid || fail good_sidecars_valid "$n_cached cached"

# and independently, with the sidecar CLI when it is built
if [ -n "$MONTAGE_SIDECAR" ]; then
    bad=
    for m in "$M/both.mp4" "$M/damaged.mp4" "$M/sub/video only.mp4" "$M/audio-only.wav" "$AWK"; do
        for s in "$m".*.montage.msgpack; do
            "$MONTAGE_SIDECAR" check -q --media "$m" "$s" > /dev/null 2>&1 || bad="$bad $s"
        done
    done
    n=$(ls "$M"/*.montage.msgpack "$M"/sub/*.montage.msgpack | wc -l)
    [ -z "$bad" ] && [ "$n" -eq 8 ] && ok sidecars_check_valid || fail sidecars_check_valid "$n sidecars, invalid:$bad"
fi

# no leftovers: temporary files or locks
left=$(find "$M" -name '.montage.*' -o -name '*.montage.lock')
[ -z "$left" ] && ok no_leftovers || fail no_leftovers "$left"
finish
