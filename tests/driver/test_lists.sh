#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# File lists on stdin: one per line, NUL-separated with -0 (names with
# newlines), "-" among other PATHs, records in the same format.
. "$(dirname "$0")/lib.sh"

M=$WORK/media
mkdir -p "$M"
gen_audio "$M/one.wav" 1
gen_audio "$M/two words.wav" 1
NL="$M/new
line.wav"
gen_audio "$NL" 1
gen_audio "$M/arg.wav" 1

printf '%s\n%s\n\n' "$M/one.wav" "$M/two words.wav" | "$MONTAGE_ANALYZE" > "$WORK/nl.jsonl" 2> /dev/null
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '"status":"ok"' "$WORK/nl.jsonl")" -eq 2 ] &&
    grep -q "\"path\":\"$M/two words.wav\"" "$WORK/nl.jsonl" && ok stdin_lines ||
    fail stdin_lines "rc=$rc $(cat "$WORK/nl.jsonl")"

find "$M" -name '*.wav' -print0 | "$MONTAGE_ANALYZE" -0 > "$WORK/nul.jsonl" 2> /dev/null
rc=$?
[ $rc -eq 0 ] && [ "$(wc -l < "$WORK/nul.jsonl")" -eq 4 ] &&
    grep -q "\"path\":\"$M/new\\\\nline.wav\",\"status\":\"ok\"" "$WORK/nul.jsonl" && [ -f "$NL.beat.montage.msgpack" ] &&
    ok stdin_nul_with_newline_name || fail stdin_nul_with_newline_name "rc=$rc $(cat "$WORK/nul.jsonl")"

printf '%s\n' "$M/one.wav" | "$MONTAGE_ANALYZE" "$M/arg.wav" - > "$WORK/mix.jsonl" 2> /dev/null
[ "$(grep -c '"status":"cached"' "$WORK/mix.jsonl")" -eq 2 ] && ok dash_and_arguments ||
    fail dash_and_arguments "$(cat "$WORK/mix.jsonl")"

# a missing file in a list fails alone
printf '%s\n%s\n' "$M/nope.wav" "$M/one.wav" | "$MONTAGE_ANALYZE" > "$WORK/miss.jsonl" 2> /dev/null
rc=$?
[ $rc -eq 1 ] && grep -q '"path":"'"$M"'/nope.wav","status":"failed","sidecars":\[\],"seconds":[0-9.]*,"error":"No such file or directory"}' "$WORK/miss.jsonl" &&
    grep -q '"status":"cached"' "$WORK/miss.jsonl" && ok missing_listed_file || fail missing_listed_file "$(cat "$WORK/miss.jsonl")"

# JSON Lines with xargs -P: exit statuses stay below 255
printf '%s\0' "$M/one.wav" "$M/nope.wav" | xargs -0 -n 1 -P 2 "$MONTAGE_ANALYZE" > /dev/null 2>&1
rc=$?
[ $rc -eq 123 ] && ok xargs_sees_failure_not_255 || fail xargs_sees_failure_not_255 "xargs exit $rc"
finish
