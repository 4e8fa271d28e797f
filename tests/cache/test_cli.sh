#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Shell tests of montage-sidecar: output, exit codes (0 valid, 1 stale,
# 2 missing, 3 corrupt, 4 usage), one-line errors on stderr, gc.
# CLI and SAMPLE name the montage-sidecar and sidecar_sample binaries.
set -u
. "$(dirname "$0")/../lib.sh"
CLI=${CLI:-$BUILD/montage-sidecar}
SAMPLE=${SAMPLE:-$BUILD/tools/sidecar_sample}

# montage_cache DIR: a cache as montage-analyze --cache-dir lays it out
# (mt_cache_dir_prepare): DIR/by-path/ and DIR/CACHEDIR.TAG, montage's
montage_cache() {
    mkdir -p "$1/by-path"
    printf 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by montage.\n' \
        >"$1/CACHEDIR.TAG"
}

# expect NAME WANTED_STATUS command...
expect() {
    name=$1 want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else fail "$name" "exit $got, expected $want ($(cat "$T/err"))"; fi
}

printf 'media bytes' >"$T/clip.mp4"
"$SAMPLE" scene "$T/clip.mp4.scene.montage.msgpack" --media "$T/clip.mp4" --features 4x3
"$SAMPLE" beat "$T/clip.mp4.beat.montage.msgpack" --media "$T/clip.mp4"
S="$T/clip.mp4.scene.montage.msgpack"
B="$T/clip.mp4.beat.montage.msgpack"

expect help 0 "$CLI" --help
grep -q '^usage: montage-sidecar' "$T/out" && ok help_text || fail help_text "no usage line"
# an option without its value: one line, the argument and the usage
for args in "export --format" "report --html" "split -d"; do
    # shellcheck disable=SC2086 # a subcommand and its option
    expect "usage_one_line_${args%% *}" 4 "$CLI" $args
    [ "$(wc -l < "$T/err")" -eq 1 ] && grep -q "^montage-sidecar: ${args%% *}: unexpected argument '${args#* }'; usage: montage-sidecar ${args%% *} " "$T/err" \
        && ok "usage_one_line_${args%% *}_text" || fail "usage_one_line_${args%% *}_text" "$(cat "$T/err")"
done
expect no_args 4 "$CLI"
expect bad_command 4 "$CLI" frobnicate

expect show_scene 0 "$CLI" show "$S"
grep -q '^transitions: 2 (1 hard, 1 fade' "$T/out" && ok show_transitions || fail show_transitions "$(cat "$T/out")"
grep -q '^features:    4 frames x 3 (score, hist_dist, luma)' "$T/out" && ok show_features || fail show_features "$(grep features "$T/out")"
[ ! -s "$T/err" ] && ok show_quiet_stderr || fail show_quiet_stderr "$(cat "$T/err")"
expect show_beat 0 "$CLI" show "$B"
grep -q '^beats:       6 (2 downbeats)' "$T/out" && ok show_beats || fail show_beats "$(cat "$T/out")"
# the status line counts warnings in words that agree with the number
mkdir "$T/stopped"
"$SAMPLE" beat "$T/stopped/song.beat.montage.msgpack" --incomplete
expect show_incomplete 0 "$CLI" show "$T/stopped/song.beat.montage.msgpack"
grep -q '^status:      INCOMPLETE, .* decoded, 1 warning$' "$T/out" && grep -q '^  warning: stopped before end of stream$' "$T/out" &&
    ok show_one_warning || fail show_one_warning "$(grep -A1 '^status' "$T/out")"
"$CLI" show "$B" | grep -q '^status:      complete, .* decoded, 0 warnings$' && ok show_no_warnings ||
    fail show_no_warnings "$("$CLI" show "$B" | grep '^status')"

# dump --json: valid JSON, packed arrays expanded, exact values
expect dump 0 "$CLI" dump --json "$B"
"$PYTHON" - "$T/out" <<'PYEOF' && ok dump_values || fail dump_values "JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
b = d["beat"]
assert d["schema"] == "montage.sidecar" and d["schema_version"] == [1, 1] and d["kind"] == "beat"
assert b["beats"]["t"]["data"] == [0.25 + 0.5 * i for i in range(6)]
assert b["beats"]["sample"]["data"] == [12000 + 24000 * i for i in range(6)]
assert b["beats"]["downbeat"]["data"] == [1, 0, 0, 0, 1, 0]
assert b["tempo"]["candidates"] == [{"bpm": 120.0, "weight": 0.75}, {"bpm": 60.0, "weight": 0.25}]
assert b["onset_env"]["values"]["data"] == [0.0625 * i for i in range(5)]
assert list(d) == ["schema", "schema_version", "kind", "generator", "source", "config", "status", "beat"]
PYEOF
expect dump_scene 0 "$CLI" dump --json "$S"
"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = d["scene"]["frame_features"]
assert f["shape"] == [4, 3] and len(f["data"]) == 4 and all(len(r) == 3 for r in f["data"])
assert f["data"][1] == [3 / 512, 4 / 512, 5 / 512]
' "$T/out" && ok dump_matrix || fail dump_matrix "frame_features rows"
expect dump_usage 4 "$CLI" dump "$S"
"$SAMPLE" beat "$T/nan.bin" --nan
expect dump_nan 0 "$CLI" dump --json "$T/nan.bin"
"$PYTHON" -c '
import json, sys
t = json.load(open(sys.argv[1]))["beat"]["tempo"]
assert t["bpm"] is None and t["confidence"] is None and t["meter"] == 4
' "$T/out" && ok dump_nan_null || fail dump_nan_null "$(head -c 300 "$T/out")"
rm -f "$T/nan.bin"
# a name that is not UTF-8 (caf\303\251 then the stray byte \377): the valid
# characters kept, the stray byte U+FFFD as in montage-analyze's JSON
latin="$T/caf$(printf '\303\251\377').mp4"
printf 'x' >"$latin"
"$SAMPLE" scene "$T/latin.msgpack" --media "$latin"
expect dump_not_utf8 0 "$CLI" dump --json "$T/latin.msgpack"
"$PYTHON" -c '
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))["source"]["path"]
assert p == sys.argv[2] + "/caf\u00e9\ufffd.mp4", p
' "$T/out" "$T" && ok dump_not_utf8_name || fail dump_not_utf8_name "$(head -c 300 "$T/out")"
rm -f "$latin" "$T/latin.msgpack"

# a file that is no sidecar at all (media or text given by mistake) is named so
printf 'hello, not msgpack\n' >"$T/notes.txt"
expect show_not_sidecar 3 "$CLI" show "$T/notes.txt"
expect_eq show_not_sidecar_reason "$(cat "$T/err")" \
    "montage-sidecar: $T/notes.txt: not a montage sidecar: the file does not start with a msgpack map"
rm -f "$T/notes.txt"
# export -o into a missing directory: one line, the output named once
expect export_missing_dir 5 "$CLI" export --format csv -o "$T/none/shots.csv" "$S"
expect_eq export_missing_dir_reason "$(cat "$T/err")" \
    "montage-sidecar: $T/none/shots.csv: cannot create a temporary file in '$T/none': No such file or directory"
# a name holding a newline, in the cause too (the -o name is in it): escaped
# as check prints names, so the error stays one line
nl='
'
expect export_name_newline 5 "$CLI" export --format csv -o "$T/none/a${nl}b.csv" "$S"
expect_eq export_name_newline_one_line "$(cat "$T/err")" \
    "montage-sidecar: $T/none/a\\nb.csv: cannot create a temporary file in '$T/none': No such file or directory"
# -o '' (an unset variable): a usage error naming the cause, nothing
# written (the atomic writer's "empty path: Invalid argument", exit 5, before)
files_before=$(cd "$T" && ls -a | grep -v -x -e out -e err)
expect export_empty_output 4 "$CLI" export --format csv -o '' "$S"
expect_eq export_empty_output_reason "$(cat "$T/err")" \
    "montage-sidecar: export: -o names no file (the name is empty); give a file name, or - or no -o for standard output"
files_after=$(cd "$T" && ls -a | grep -v -x -e out -e err)
[ ! -s "$T/out" ] && [ "$files_before" = "$files_after" ] && ok export_empty_output_nothing_written ||
    fail export_empty_output_nothing_written "files '$files_after', stdout '$(head -c 100 "$T/out")'"
# report --html '' and split -d '' too: usage errors naming the cause, exit
# 4 (were the raw "empty path: Invalid argument" and "No such file or
# directory", exit 5)
expect report_empty_html 4 "$CLI" report --html '' "$S"
expect_eq report_empty_html_reason "$(cat "$T/err")" \
    "montage-sidecar: report: --html names no file (the name is empty); give a file name"
expect split_empty_dir 4 "$CLI" split -d '' "$S"
expect_eq split_empty_dir_reason "$(cat "$T/err")" \
    "montage-sidecar: split: -d names no directory (the name is empty); give a directory, or no -d for the media's"
# csv of two clips of one name in two folders: the file column names
# each as the command line does (it held the basename: one name for both)
mkdir -p "$T/csv/a" "$T/csv/b"
for d in a b; do
    printf 'media %s' "$d" > "$T/csv/$d/clip.mp4"
    "$SAMPLE" beat "$T/csv/$d/clip.mp4.beat.montage.msgpack" --media "$T/csv/$d/clip.mp4"
done
(cd "$T/csv" && "$CLI" export --format csv a/clip.mp4.beat.montage.msgpack b/clip.mp4.beat.montage.msgpack) > "$T/out" 2> "$T/err"
expect_eq export_csv_same_name_apart "$? $(cut -d, -f1 "$T/out" | uniq -c | tr -s ' ' | tr '\n' ' ')" \
    "0  1 file  6 a/clip.mp4  6 b/clip.mp4 "
# export to a full standard output: one line naming it, not the sidecar,
# as show and dump say it
if [ -w /dev/full ]; then
    "$CLI" export --format csv "$S" > /dev/full 2> "$T/err"
    expect_eq export_stdout_full "$? $(cat "$T/err")" "5 montage-sidecar: writing standard output: No space left on device"
else skip export_stdout_full "no /dev/full"; fi

# a folder of media and sidecars moved (same inodes: check says valid and
# montage-analyze serves it as cached): exports, report and split take the
# media beside the sidecar, as check does, not the recorded path that is
# gone (the MLT pointed melt at the old place); a file beside it that is
# not the recorded source is taken only when the recorded path is gone
mkdir "$T/before"
printf 'media bytes' > "$T/before/clip.mp4"
"$SAMPLE" scene "$T/before/clip.mp4.scene.montage.msgpack" --media "$T/before/clip.mp4"
mv "$T/before" "$T/after"
expect moved_folder_valid 0 "$CLI" check "$T/after/clip.mp4.scene.montage.msgpack"
expect moved_folder_export 0 "$CLI" export --format mlt "$T/after/clip.mp4.scene.montage.msgpack"
expect_eq moved_folder_export_media "$(grep -c "<property name=\"resource\">$T/after/clip.mp4</property>" "$T/out")" 1
# a sidecar copied away from its media (no file beside it by that name)
# still finds it at the recorded path
mkdir "$T/c"
printf 'media bytes' > "$T/c/clip.mp4"
"$SAMPLE" scene "$T/c/clip.mp4.scene.montage.msgpack" --media "$T/c/clip.mp4"
cp "$T/c/clip.mp4.scene.montage.msgpack" "$T/copy.scene.montage.msgpack"
expect copied_sidecar_export 0 "$CLI" export --format mlt "$T/copy.scene.montage.msgpack"
expect_eq copied_sidecar_export_media "$(grep -c "<property name=\"resource\">$T/c/clip.mp4</property>" "$T/out")" 1
# a sidecar copied beside a different file of the same name while its
# media is still at the recorded path: that path, not the stranger (the
# export named the wrong clip)
mkdir "$T/d"
printf 'other bytes' > "$T/d/clip.mp4"
cp "$T/c/clip.mp4.scene.montage.msgpack" "$T/d/clip.mp4.scene.montage.msgpack"
expect copied_beside_other_export 0 "$CLI" export --format mlt "$T/d/clip.mp4.scene.montage.msgpack"
expect_eq copied_beside_other_export_media "$(grep -c "<property name=\"resource\">$T/c/clip.mp4</property>" "$T/out")" 1
rm -rf "$T/after" "$T/c" "$T/d" "$T/copy.scene.montage.msgpack"

# a name with a leading dash (montage-analyze -- -v.mp4 writes
# -v.mp4.scene.montage.msgpack): after "--" every subcommand takes it as
# a file (only check did; the others said "unexpected argument")
printf 'media bytes' > "$T/-v.mp4"
"$SAMPLE" scene "$T/-v.mp4.scene.montage.msgpack" --media "$T/-v.mp4"
for sub in show "dump --json" check "export --format csv" "report --no-thumbnails --html $T/dash.html" "gc --dry-run"; do
    name=dash_after_double_dash_$(echo "$sub" | cut -d' ' -f1)
    # shellcheck disable=SC2086 # the subcommand and its options
    (cd "$T" && "$CLI" $sub -- -v.mp4.scene.montage.msgpack) > "$T/out" 2> "$T/err"
    rc=$?
    if [ $rc -eq 0 ] && [ ! -s "$T/err" ]; then ok "$name"; else fail "$name" "exit $rc: $(cat "$T/err")"; fi
done
rm -f "$T/-v.mp4" "$T/-v.mp4.scene.montage.msgpack" "$T/dash.html"

# a known option without its value says so (it said "unknown option")
"$CLI" check --media > /dev/null 2> "$T/err"
expect_eq check_media_needs_value "$? $(cat "$T/err")" "4 montage-sidecar: check: --media needs a PATH"
"$CLI" gc --cache-dir > /dev/null 2> "$T/err"
expect_eq gc_cache_dir_needs_value "$? $(cat "$T/err")" "4 montage-sidecar: gc: --cache-dir needs a value"

# check: valid, stale (media rewritten), missing, corrupt; worst wins
expect check_valid 0 "$CLI" check "$S" "$B"
[ "$(cut -f1 "$T/out" | sort -u)" = valid ] && ok check_output || fail check_output "$(cat "$T/out")"
expect check_quiet 0 "$CLI" check -q "$S"
[ ! -s "$T/out" ] && ok check_quiet_output || fail check_quiet_output "$(cat "$T/out")"
expect check_missing 2 "$CLI" check "$T/none.scene.montage.msgpack"
head -c 100 "$S" >"$T/cut.scene.montage.msgpack"
expect check_corrupt 3 "$CLI" check "$T/cut.scene.montage.msgpack" "$S"
grep -q "^corrupt	$T/cut.scene.montage.msgpack	truncated at byte 100" "$T/out" \
    && ok check_corrupt_reason || fail check_corrupt_reason "$(cat "$T/out")"
expect show_corrupt 3 "$CLI" show "$T/cut.scene.montage.msgpack"
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^montage-sidecar: $T/cut.scene.montage.msgpack: truncated at byte 100" "$T/err" \
    && ok error_one_line || fail error_one_line "$(cat "$T/err")"
expect show_missing 2 "$CLI" show "$T/none.scene.montage.msgpack"
# an error names the file escaped as check and gc print names: one line
expect show_missing_newline 2 "$CLI" show "$T/no
ne.scene.montage.msgpack"
expect_eq show_missing_newline_line "$(cat "$T/err")" "montage-sidecar: $T/no\\nne.scene.montage.msgpack: cannot open: No such file or directory"
# a directory where a sidecar is named: not a sidecar (3) for every
# subcommand, as check and export say, with one line naming it
mkdir "$T/dir.scene.montage.msgpack"
for sub in show "dump --json" check "export --format csv"; do
    name=dir_not_sidecar_$(echo "$sub" | cut -d' ' -f1)
    # shellcheck disable=SC2086 # the subcommand and its option are two words
    expect "$name" 3 "$CLI" $sub "$T/dir.scene.montage.msgpack"
    case $sub in check) line=$(cat "$T/out") want="corrupt	$T/dir.scene.montage.msgpack	not a regular file" ;;
                 *) line=$(cat "$T/err") want="montage-sidecar: $T/dir.scene.montage.msgpack: not a regular file" ;; esac
    [ "$line" = "$want" ] && ok "${name}_line" || fail "${name}_line" "$line"
done
rmdir "$T/dir.scene.montage.msgpack"
printf 'media bytez' >"$T/clip.mp4"   # same size, new content
expect check_stale 1 "$CLI" check "$S"
grep -q 'content changed' "$T/out" && ok check_stale_reason || fail check_stale_reason "$(cat "$T/out")"
# a missing sidecar stays missing whatever the media
expect check_media_option 2 "$CLI" check --media "$T/clip.mp4" "$T/none.scene.montage.msgpack"
[ "$(cut -f1 "$T/out")" = missing ] && ok check_media_missing || fail check_media_missing "$(cat "$T/out")"

# gc given files by name: a file not named like a sidecar (the media of a
# glob such as `gc clip.mp4*`) is refused before anything is removed, as is
# a missing PATH; a young temporary file named alone is kept
expect gc_refuses_media 4 "$CLI" gc "$T/clip.mp4" "$T/cut.scene.montage.msgpack"
[ -e "$T/clip.mp4" ] && [ -e "$T/cut.scene.montage.msgpack" ] && [ ! -s "$T/out" ] && ok gc_refuses_media_kept \
    || fail gc_refuses_media_kept "$(ls "$T"; cat "$T/out")"
[ "$(cat "$T/err")" = "montage-sidecar: $T/clip.mp4: gc takes sidecars (MEDIA.KIND.montage.msgpack, or any name \
when the file reads as one), their temporary files and directories; this file is none (nothing removed)" ] \
    && ok gc_refuses_media_line \
    || fail gc_refuses_media_line "$(cat "$T/err")"
expect gc_missing_path 2 "$CLI" gc "$T/cut.scene.montage.msgpack" "$T/none"
[ -e "$T/cut.scene.montage.msgpack" ] && [ "$(wc -l < "$T/err")" -eq 1 ] && ok gc_missing_path_kept \
    || fail gc_missing_path_kept "$(cat "$T/err")"
: >"$T/.montage.99998.0.tmp"
expect gc_young_temp 0 "$CLI" gc "$T/.montage.99998.0.tmp"
[ -e "$T/.montage.99998.0.tmp" ] && ok gc_young_temp_kept || fail gc_young_temp_kept "$(cat "$T/out")"
rm "$T/.montage.99998.0.tmp"
# a sidecar named by the user (montagescene=sidecar=shots.msgpack) is gc'd
# by what it holds: stale (clip.mp4 changed) removed, valid kept; a file so
# named that does not read as a sidecar is refused, nothing removed
cp "$S" "$T/shots.msgpack"
head -c 100 "$S" >"$T/cut.msgpack"
printf 'other media' >"$T/other.mp4"
"$SAMPLE" scene "$T/mine.msgpack" --media "$T/other.mp4"
expect gc_custom_corrupt_refused 4 "$CLI" gc "$T/shots.msgpack" "$T/cut.msgpack"
[ -e "$T/shots.msgpack" ] && [ -e "$T/cut.msgpack" ] && [ ! -s "$T/out" ] && ok gc_custom_corrupt_kept \
    || fail gc_custom_corrupt_kept "$(cat "$T/out")"
expect gc_custom_name 0 "$CLI" gc "$T/shots.msgpack" "$T/mine.msgpack"
[ "$(cut -f1,2 "$T/out")" = "removed	$T/shots.msgpack" ] && [ ! -e "$T/shots.msgpack" ] && [ -e "$T/mine.msgpack" ] \
    && ok gc_custom_name_stale_removed || fail gc_custom_name_stale_removed "$(cat "$T/out" "$T/err")"
rm "$T/cut.msgpack" "$T/mine.msgpack" "$T/other.mp4"

# gc: dry run lists, real run removes stale + corrupt + old temp files
: >"$T/.montage.99999.0.tmp"
touch -d '2 hours ago' "$T/.montage.99999.0.tmp"
expect gc_dry 0 "$CLI" gc --dry-run "$T"
[ "$(grep -c '^would-remove' "$T/out")" -eq 4 ] && [ -e "$S" ] && ok gc_dry_list || fail gc_dry_list "$(cat "$T/out")"
expect gc 0 "$CLI" gc "$T"
[ ! -e "$S" ] && [ ! -e "$B" ] && [ ! -e "$T/cut.scene.montage.msgpack" ] && [ ! -e "$T/.montage.99999.0.tmp" ] \
    && [ -e "$T/clip.mp4" ] && ok gc_removed || fail gc_removed "$(ls -a "$T")"
mkdir "$T/cache"
expect gc_cache_dir_empty 0 "$CLI" gc --cache-dir "$T/cache/none"

# gc takes the exports montage-analyze --export wrote beside a sidecar it
# removes (the cache's by-path/ holds them when the media's folder is not
# writable), and only those: not the exports of a live sidecar, not a file
# of another name, not a beat-only format's name beside a scene sidecar,
# not a link so named.
montage_cache "$T/cache/x"
X="$T/cache/x/by-path"
printf 'gone' >"$T/gone.mp4"
printf 'live' >"$T/live.mp4"
"$SAMPLE" scene "$X/0123456789abcdef.scene.msgpack" --media "$T/gone.mp4"
"$SAMPLE" scene "$X/fedcba9876543210.scene.msgpack" --media "$T/live.mp4"
rm "$T/gone.mp4"
for f in 0123456789abcdef.scene.edl 0123456789abcdef.scene.csv 0123456789abcdef.scene.notes \
         0123456789abcdef.scene.beats fedcba9876543210.scene.edl; do
    printf 'x' >"$X/$f"
done
ln -s "$T/live.mp4" "$X/0123456789abcdef.scene.vtt"
expect gc_dry_exports 0 "$CLI" gc --dry-run --cache-dir "$T/cache/x"
expect_eq gc_dry_exports_listed "$(cut -f1,2 "$T/out" | sort)" "would-remove	$X/0123456789abcdef.scene.csv
would-remove	$X/0123456789abcdef.scene.edl
would-remove	$X/0123456789abcdef.scene.msgpack"
[ -e "$X/0123456789abcdef.scene.edl" ] && ok gc_dry_exports_kept || fail gc_dry_exports_kept "$(ls "$X")"
# the exports are removed relative to the folder's fd the sidecar was
# judged and removed in, never by their path again (a folder renamed
# meanwhile would lose another folder's exports): strace (where it runs)
# sees each unlinked as a bare name on an fd
trace=
if strace -qq -e trace=unlink,unlinkat -o /dev/null true 2>/dev/null; then
    trace="strace -qq -e trace=unlink,unlinkat -o $T/strace_gc"
else
    echo "skip gc_exports_by_fd: strace cannot run here"
fi
# shellcheck disable=SC2086 # the strace command, or nothing
expect gc_exports 0 $trace "$CLI" gc --cache-dir "$T/cache/x"
if [ -n "$trace" ]; then
    grep -Eq '^unlinkat\([0-9]+, "0123456789abcdef\.scene\.edl", 0\) = 0$' "$T/strace_gc" &&
        grep -Eq '^unlinkat\([0-9]+, "0123456789abcdef\.scene\.csv", 0\) = 0$' "$T/strace_gc" &&
        ! grep -q '/0123456789abcdef\.scene\.[ec]' "$T/strace_gc" \
        && ok gc_exports_by_fd || fail gc_exports_by_fd "$(cat "$T/strace_gc")"
fi
expect_eq gc_exports_removed "$(cd "$X" && ls)" "0123456789abcdef.scene.beats
0123456789abcdef.scene.notes
0123456789abcdef.scene.vtt
fedcba9876543210.scene.edl
fedcba9876543210.scene.msgpack"
grep -q "^removed	$X/0123456789abcdef.scene.edl	export of a removed sidecar\$" "$T/out" && ok gc_exports_reason \
    || fail gc_exports_reason "$(cat "$T/out")"

# gc looks at a regular file named like a sidecar, or a link to one: a FIFO,
# directory or device so named, or a link to a directory or device, is
# skipped with one line naming it and kept, given as PATH or met in a scan;
# a link to a stale sidecar goes (the link, not its target).
mkdir -p "$T/types/scan" "$T/types/d.scene.montage.msgpack" "$T/types/target"
mkfifo "$T/types/f.scene.montage.msgpack"
ln -s "$T/types/target" "$T/types/ld.scene.montage.msgpack"
ln -s /dev/null "$T/types/ln.beat.montage.msgpack"
ln -s "$T/types/target" "$T/types/scan/ld.scene.montage.msgpack"
printf 'gone' >"$T/types/gone.mp4"
"$SAMPLE" scene "$T/types/target/real.msgpack" --media "$T/types/gone.mp4"
rm "$T/types/gone.mp4"
ln -s "$T/types/target/real.msgpack" "$T/types/scan/lr.scene.montage.msgpack"
expect gc_types 0 timeout 20 "$CLI" gc "$T/types/f.scene.montage.msgpack" "$T/types/d.scene.montage.msgpack" \
    "$T/types/ld.scene.montage.msgpack" "$T/types/ln.beat.montage.msgpack" "$T/types/scan"
expect_eq gc_types_lines "$(cat "$T/err")" "montage-sidecar: $T/types/f.scene.montage.msgpack: a FIFO named like a sidecar: skipped
montage-sidecar: $T/types/d.scene.montage.msgpack: a directory named like a sidecar: skipped
montage-sidecar: $T/types/ld.scene.montage.msgpack: a link to a directory named like a sidecar: skipped
montage-sidecar: $T/types/ln.beat.montage.msgpack: a link to a device named like a sidecar: skipped
montage-sidecar: $T/types/scan/ld.scene.montage.msgpack: a link to a directory named like a sidecar: skipped"
[ -p "$T/types/f.scene.montage.msgpack" ] && [ -d "$T/types/d.scene.montage.msgpack" ] \
    && [ -L "$T/types/ld.scene.montage.msgpack" ] && [ -L "$T/types/ln.beat.montage.msgpack" ] \
    && [ -L "$T/types/scan/ld.scene.montage.msgpack" ] && ok gc_types_kept || fail gc_types_kept "$(ls -lR "$T/types")"
[ ! -e "$T/types/scan/lr.scene.montage.msgpack" ] && [ ! -L "$T/types/scan/lr.scene.montage.msgpack" ] \
    && [ -f "$T/types/target/real.msgpack" ] && ok gc_link_to_file_removed || fail gc_link_to_file_removed "$(cat "$T/out")"

# a cache's by-path/ is the by-path folder of a folder holding montage's
# CACHEDIR.TAG (what montage-analyze writes in every cache it makes): in a
# folder merely named by-path, or beside another tool's tag, the exports
# of a sidecar whose media is gone stay (it goes itself: it reads), and a
# 16-hex name that does not read is kept with one line
for c in plain other; do
    mkdir -p "$T/notcache/$c/by-path"
    Z="$T/notcache/$c/by-path"
    printf 'gone' >"$T/gone3.mp4"
    "$SAMPLE" scene "$Z/5555555555555555.scene.msgpack" --media "$T/gone3.mp4"
    rm "$T/gone3.mp4"
    printf 'x' >"$Z/5555555555555555.scene.edl"
    printf 'junk' >"$Z/6666666666666666.beat.msgpack"
done
printf 'Signature: 8a477f597d28d172789f06886806bc55\n# made by another tool\n' >"$T/notcache/other/CACHEDIR.TAG"
for c in plain other; do
    Z="$T/notcache/$c/by-path"
    expect "gc_not_cache_$c" 0 "$CLI" gc --cache-dir "$T/notcache/$c"
    expect_eq "gc_not_cache_${c}_kept" "$(cd "$Z" && ls)" "5555555555555555.scene.edl
6666666666666666.beat.msgpack"
    expect_eq "gc_not_cache_${c}_lines" "$(cut -f1,2 "$T/out"; cat "$T/err")" "removed	$Z/5555555555555555.scene.msgpack
montage-sidecar: $Z/6666666666666666.beat.msgpack: kept: does not read (not a montage sidecar: \
the file does not start with a msgpack map), and montage writes that name only in a cache's by-path/"
done

# ... and only when the sidecar's source is missing: a changed source is
# analysed again over the same exports, a sidecar of another schema version
# (a newer install's) says nothing of its media (gc still removes that
# sidecar itself, as before), a 16-hex name outside a by-path/ folder or a
# user-named sidecar has no exports of ours beside it. A next-to-media
# sidecar whose media is gone takes its exports along.
montage_cache "$T/cache/y"
mkdir "$T/u"
Y="$T/cache/y/by-path"
printf 'one' >"$T/chg.mp4"
"$SAMPLE" scene "$Y/1111111111111111.scene.msgpack" --media "$T/chg.mp4"
printf 'changed' >"$T/chg.mp4"
printf 'gone' >"$T/ver.mp4"
"$SAMPLE" scene "$Y/2222222222222222.scene.msgpack" --media "$T/ver.mp4"
rm "$T/ver.mp4"
"$PYTHON" -c '
import sys
p = sys.argv[1]
b = open(p, "rb").read()
old = b"\xaeschema_version\x92\x01\x01"
assert old in b
open(p, "wb").write(b.replace(old, b"\xaeschema_version\x92\x02\x00"))' "$Y/2222222222222222.scene.msgpack"
printf 'x' >"$Y/1111111111111111.scene.edl"
printf 'x' >"$Y/2222222222222222.scene.edl"
expect gc_changed_dry 0 "$CLI" gc --dry-run --cache-dir "$T/cache/y"
expect_eq gc_changed_dry_listed "$(cut -f1,2 "$T/out" | sort)" "would-remove	$Y/1111111111111111.scene.msgpack
would-remove	$Y/2222222222222222.scene.msgpack"
expect gc_changed 0 "$CLI" gc --cache-dir "$T/cache/y"
expect_eq gc_changed_exports_kept "$(cd "$Y" && ls)" "1111111111111111.scene.edl
2222222222222222.scene.edl"
printf 'gone' >"$T/gone2.mp4"
"$SAMPLE" scene "$T/u/shots.msgpack" --media "$T/gone2.mp4"
"$SAMPLE" scene "$T/u/3333333333333333.scene.msgpack" --media "$T/gone2.mp4"
"$SAMPLE" scene "$T/nm.mp4.scene.montage.msgpack" --media "$T/gone2.mp4"
rm "$T/gone2.mp4"
printf 'x' >"$T/u/shots.edl"
printf 'x' >"$T/u/3333333333333333.scene.edl"
printf 'x' >"$T/nm.mp4.scene.montage.edl"
expect gc_user_named 0 "$CLI" gc "$T/u/shots.msgpack" "$T/u/3333333333333333.scene.msgpack" \
    "$T/nm.mp4.scene.montage.msgpack"
expect_eq gc_user_named_neighbours_kept "$(cd "$T/u" && ls)" "3333333333333333.scene.edl
shots.edl"
[ ! -e "$T/nm.mp4.scene.montage.edl" ] && [ ! -e "$T/nm.mp4.scene.montage.msgpack" ] \
    && ok gc_next_to_media_exports_removed || fail gc_next_to_media_exports_removed "$(cat "$T/out")"

# the sidecar records no device, so gc tells a media deleted from one on a
# disk not mounted by its folder: a cache entry whose media's folder is
# not there (an unplugged disk's folders are away with it) is kept with one
# line, exports too; one whose folder is there without the media goes with
# its exports
montage_cache "$T/cache/w"
W="$T/cache/w/by-path"
mkdir -p "$T/disk/films" "$T/here"
printf 'away' >"$T/disk/films/away.mp4"
printf 'gone' >"$T/here/gone.mp4"
printf 'x' >"$T/here/other.mp4"
"$SAMPLE" scene "$W/7777777777777777.scene.msgpack" --media "$T/disk/films/away.mp4"
"$SAMPLE" scene "$W/8888888888888888.scene.msgpack" --media "$T/here/gone.mp4"
printf 'x' >"$W/7777777777777777.scene.edl"
printf 'x' >"$W/8888888888888888.scene.edl"
rm -r "$T/disk" "$T/here/gone.mp4"
expect gc_unreachable 0 "$CLI" gc --cache-dir "$T/cache/w"
expect_eq gc_unreachable_kept "$(cd "$W" && ls)" "7777777777777777.scene.edl
7777777777777777.scene.msgpack"
expect_eq gc_unreachable_lines "$(cut -f1,2 "$T/out" | sort; cat "$T/err")" "removed	$W/8888888888888888.scene.edl
removed	$W/8888888888888888.scene.msgpack
montage-sidecar: $W/7777777777777777.scene.msgpack: kept: the folder of its media is not there: \
$T/disk/films (a disk not mounted?), so the media is not known to be gone"

# the line names the file escaped, one line whatever the name
mkdir -p "$T/disk2/films"
printf 'away' >"$T/disk2/films/away.mp4"
"$SAMPLE" scene "$T/u/we
ird.msgpack" --media "$T/disk2/films/away.mp4"
rm -r "$T/disk2"
expect gc_unreachable_named 0 "$CLI" gc "$T/u/we
ird.msgpack"
expect_eq gc_unreachable_named_line "$(cat "$T/err")" "montage-sidecar: $T/u/we\nird.msgpack: kept: the folder \
of its media is not there: $T/disk2/films (a disk not mounted?), so the media is not known to be gone"
[ -f "$T/u/we
ird.msgpack" ] && ok gc_unreachable_named_kept || fail gc_unreachable_named_kept "$(ls "$T/u")"
# the folder is named escaped too; an empty folder (the mount point of a
# disk not mounted, with a media straight in it) keeps the sidecar as well
mkdir -p "$T/disk3/fi
lms" "$T/mnt"
printf 'away' >"$T/disk3/fi
lms/a.mp4"
printf 'away' >"$T/mnt/a.mp4"
"$SAMPLE" scene "$T/u/nl.msgpack" --media "$T/disk3/fi
lms/a.mp4"
"$SAMPLE" scene "$T/u/mnt.msgpack" --media "$T/mnt/a.mp4"
rm -r "$T/disk3" "$T/mnt/a.mp4"
expect gc_unreachable_folder_escaped 0 "$CLI" gc "$T/u/nl.msgpack"
expect_eq gc_unreachable_folder_escaped_line "$(cat "$T/err")" "montage-sidecar: $T/u/nl.msgpack: kept: the \
folder of its media is not there: $T/disk3/fi\nlms (a disk not mounted?), so the media is not known to be gone"
expect gc_unreachable_empty_folder 0 "$CLI" gc "$T/u/mnt.msgpack"
expect_eq gc_unreachable_empty_folder_line "$(cat "$T/err")" "montage-sidecar: $T/u/mnt.msgpack: kept: the \
folder of its media is empty: $T/mnt (a disk not mounted?), so the media is not known to be gone"
[ -f "$T/u/nl.msgpack" ] && [ -f "$T/u/mnt.msgpack" ] && ok gc_unreachable_folders_kept \
    || fail gc_unreachable_folders_kept "$(ls "$T/u")"
rm "$T/u/nl.msgpack" "$T/u/mnt.msgpack"

# a next-to-media sidecar whose media is a link to a file on a disk not
# mounted (the link dangles) is kept with one line, its exports too: the
# link's folder is there and holds it, yet the media is not known gone
mkdir -p "$T/lk" "$T/disk4"
printf 'away' >"$T/disk4/a.mp4"
ln -s "$T/disk4/a.mp4" "$T/lk/a.mp4"
"$SAMPLE" scene "$T/lk/a.mp4.scene.montage.msgpack" --media "$T/lk/a.mp4"
printf 'x' >"$T/lk/a.mp4.scene.montage.edl"
mv "$T/disk4" "$T/disk4.away"
expect gc_dangling_media_link 0 "$CLI" gc "$T/lk"
expect_eq gc_dangling_media_link_line "$(cat "$T/out" "$T/err")" "montage-sidecar: $T/lk/a.mp4.scene.montage.msgpack: \
kept: its media $T/lk/a.mp4 is a link to a file that is not there (a disk not mounted?), so the media is not known to be gone"
expect_eq gc_dangling_media_link_kept "$(cd "$T/lk" && ls)" "a.mp4
a.mp4.scene.montage.edl
a.mp4.scene.montage.msgpack"

# a sidecar whose recorded source path is relative (source=song.flac, as
# given) is not judged from gc's own folder: kept with one line
mkdir -p "$T/proj" "$T/elsewhere"
printf 'x' >"$T/elsewhere/notes.txt" # gc's folder holds files, none the media
printf 'song' >"$T/proj/song.flac"
(cd "$T/proj" && "$SAMPLE" beat shots.msgpack --media song.flac)
expect gc_relative_source 0 sh -c 'cd "$1" && exec "$2" gc ../proj/shots.msgpack' sh "$T/elsewhere" "$CLI"
expect_eq gc_relative_source_line "$(cat "$T/out" "$T/err")" "montage-sidecar: ../proj/shots.msgpack: kept: \
its media's recorded path song.flac is relative, so the media is not known to be gone"
[ -f "$T/proj/shots.msgpack" ] && ok gc_relative_source_kept || fail gc_relative_source_kept "$(ls "$T/proj")"

# a file that does not read is removed only under a name montage writes
# there: MEDIA.KIND.montage.msgpack goes; a user's notes.scene.msgpack in a
# scanned folder is not looked at, and given by name it is refused (exit
# 4, nothing removed); a 16-hex name outside a cache's by-path/ is kept
# with one line.
mkdir "$T/n"
printf 'my notes' >"$T/n/notes.scene.msgpack"
printf 'junk' >"$T/n/4444444444444444.beat.msgpack"
printf 'junk' >"$T/n/clip.mp4.beat.montage.msgpack"
expect gc_user_corrupt_scan 0 "$CLI" gc "$T/n"
expect_eq gc_user_corrupt_scan_kept "$(cd "$T/n" && ls)" "4444444444444444.beat.msgpack
notes.scene.msgpack"
expect_eq gc_user_corrupt_scan_lines "$(cut -f1,2 "$T/out"; cat "$T/err")" "removed	$T/n/clip.mp4.beat.montage.msgpack
montage-sidecar: $T/n/4444444444444444.beat.msgpack: kept: does not read (not a montage sidecar: \
the file does not start with a msgpack map), and montage writes that name only in a cache's by-path/"
expect gc_user_corrupt_named 4 "$CLI" gc "$T/n/notes.scene.msgpack" "$T/n/4444444444444444.beat.msgpack"
[ -e "$T/n/notes.scene.msgpack" ] && [ -e "$T/n/4444444444444444.beat.msgpack" ] && [ "$(wc -l < "$T/err")" -eq 1 ] \
    && ok gc_user_corrupt_named_kept || fail gc_user_corrupt_named_kept "$(ls "$T/n"; cat "$T/err")"

# check and gc print one record a line whatever the name: tab, newline,
# carriage return, backslash and other control bytes escaped as in
# montage-analyze's JSON strings (\t \n \r \\ \u00XX), other bytes as they are
odd="$T/a	b
c\\d$(printf '\001\351').scene.montage.msgpack"
printf 'odd' >"$T/odd.mp4"
"$SAMPLE" scene "$odd" --media "$T/odd.mp4"
rm "$T/odd.mp4"
expect check_escaped 1 "$CLI" check "$odd"
expect_eq check_escaped_line "$(wc -l < "$T/out") $(cut -f1,2 "$T/out")" "1 stale	$T/a\tb\nc\\\\d\u0001$(printf '\351').scene.montage.msgpack"
# a FIFO named as a sidecar is no sidecar (not a regular file): check says
# corrupt at once instead of waiting for a writer (timeout: only a bound
# on the hang it once was)
mkfifo "$T/fifo.scene.montage.msgpack"
expect check_fifo 3 timeout 20 "$CLI" check "$T/fifo.scene.montage.msgpack"
expect_eq check_fifo_reason "$(cut -f1,3 "$T/out")" "corrupt	not a regular file"
rm "$T/fifo.scene.montage.msgpack"
# a link named as a sidecar to a character device is refused without being
# opened (a link to /dev/watchdog must not arm it): strace (where it runs)
# sees the name opened only with O_PATH (which calls no driver's open; the
# file is judged on that fd before anything is opened for reading)
ln -s /dev/null "$T/dev.scene.montage.msgpack"
expect check_device_link 3 "$CLI" check "$T/dev.scene.montage.msgpack"
expect_eq check_device_link_reason "$(cut -f1,3 "$T/out")" "corrupt	not a regular file"
if strace -qq -e trace=open,openat,openat2 -o /dev/null true 2>/dev/null; then
    strace -f -qq -e trace=open,openat,openat2 -o "$T/strace" "$CLI" check "$T/dev.scene.montage.msgpack" >/dev/null
    grep 'dev.scene.montage.msgpack' "$T/strace" | grep -qv 'O_PATH' \
        && fail check_device_link_not_opened "$(grep dev.scene "$T/strace")" \
        || ok check_device_link_not_opened
else
    echo "skip check_device_link_not_opened: strace cannot run here"
fi
rm "$T/dev.scene.montage.msgpack"
# export of several sidecars lists the files it wrote, one a line, escaped
# the same way
printf 'odd' >"$T/odd.mp4"
"$SAMPLE" scene "$odd" --media "$T/odd.mp4"
"$SAMPLE" scene "$T/plain.scene.montage.msgpack" --media "$T/odd.mp4"
expect export_list_escaped 0 "$CLI" export --format edl "$odd" "$T/plain.scene.montage.msgpack"
expect_eq export_list_escaped_lines "$(cat "$T/out")" "$T/a\tb\nc\\\\d\u0001$(printf '\351').scene.montage.edl
$T/plain.scene.montage.edl"
[ -f "$odd" ] && [ -f "${odd%.msgpack}.edl" ] && ok export_list_escaped_written || fail export_list_escaped_written "$(ls "$T")"
rm -f "${odd%.msgpack}.edl" "$T/plain.scene.montage."* "$T/odd.mp4"
expect gc_escaped 0 "$CLI" gc "$odd"
expect_eq gc_escaped_line "$(wc -l < "$T/out") $(cut -f1,2 "$T/out")" "1 removed	$T/a\tb\nc\\\\d\u0001$(printf '\351').scene.montage.msgpack"

# split: a piece name the file system takes (a 236-byte stem and
# "-shot-001.mp4": 249 bytes) has a temporary it takes too (was: the stem
# in the temporary's name, 265 bytes, "File name too long"); a fake
# --ffmpeg writes its last argument, the output
mkdir -p "$T/long/out"
stem=$(printf '%0236d' 0)
printf 'media' >"$T/long/$stem.mp4"
"$SAMPLE" scene "$T/long/shots.msgpack" --media "$T/long/$stem.mp4"
printf '#!/bin/sh\nfor a; do last=$a; done\nprintf piece >"$last"\n' >"$T/long/ffmpeg"
chmod +x "$T/long/ffmpeg"
expect split_long_stem 0 "$CLI" split -d "$T/long/out" --ffmpeg "$T/long/ffmpeg" "$T/long/shots.msgpack"
expect_eq split_long_stem_pieces "$(cd "$T/long/out" && ls -A)" "$stem-shot-001.mp4
$stem-shot-002.mp4
$stem-shot-003.mp4"

finish
