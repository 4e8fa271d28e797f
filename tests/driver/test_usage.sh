#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Usage errors exit 2 with a message; --help and --version exit 0.
. "$(dirname "$0")/lib.sh"

expect_usage() {
    name=$1; shift
    "$MONTAGE_ANALYZE" "$@" < /dev/null > "$WORK/out" 2> "$WORK/err"
    rc=$?
    if [ $rc -ne 2 ]; then fail "$name" "exit $rc, expected 2"
    elif ! grep -q "montage-analyze: " "$WORK/err"; then fail "$name" "no message on stderr"
    elif [ -s "$WORK/out" ]; then fail "$name" "wrote to stdout"
    else ok "$name"; fi
}
expect_usage usage_unknown_option --frobnicate x
expect_usage usage_jobs_zero -j 0 x
expect_usage usage_jobs_text --jobs=many x
expect_usage usage_missing_value x --timeout
expect_usage usage_bad_timeout --timeout=-3 x
expect_usage usage_bad_shard --shard 4/3 x
expect_usage usage_empty_path ""
expect_usage usage_missing_ffmpeg --ffmpeg /nonexistent/ffmpeg x
# a directory given for either tool: the line names it (was an empty name
# for --ffmpeg: the message read ffprobe's buffer, never filled)
for tool in ffmpeg ffprobe; do
    "$MONTAGE_ANALYZE" --$tool "$WORK" x > /dev/null 2> "$WORK/err"
    got="$? $(cat "$WORK/err")"
    want="2 montage-analyze: cannot find an executable $WORK; use --ffmpeg/--ffprobe or MONTAGE_FFMPEG/MONTAGE_FFPROBE"
    [ "$got" = "$want" ] && ok usage_${tool}_is_directory || fail usage_${tool}_is_directory "$got"
done
mkdir "$WORK/ro" && touch "$WORK/ro-file"
expect_usage usage_cache_dir_is_file --cache-dir "$WORK/ro-file/sub" x

"$MONTAGE_ANALYZE" --help > "$WORK/out" 2>&1 && grep -q "^Usage: montage-analyze" "$WORK/out" &&
    grep -q -- "--cache-dir" "$WORK/out" && ok help || fail help "exit or text"
"$MONTAGE_ANALYZE" --version | grep -q "^montage-analyze [0-9]" && ok version || fail version "text"

# no work at all is success, not an error
"$MONTAGE_ANALYZE" "$WORK/ro" < /dev/null > "$WORK/out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ ! -s "$WORK/out" ] && ok empty_directory_exit_0 || fail empty_directory_exit_0 "exit $rc"
finish
