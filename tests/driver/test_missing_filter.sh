#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# An ffmpeg without the Montage filters (the system's, picked by --ffmpeg
# or MONTAGE_FFMPEG) fails every file alike: the batch stops at the first
# one with one line naming that ffmpeg and the missing filter, exit 2 (as
# when no ffmpeg is found), no record for the files it ran, nothing left
# next to the media. A bad file before it still gets its own record.
. "$(dirname "$0")/lib.sh"

# Only a whole line "No such filter: 'montagescene'" that the ffmpeg,
# asked (-h filter=NAME), confirms stops the batch. A file named "No such
# filter: 'montagebeat'.mkv" failing for its own reason (here it vanishes
# between the probe and the analysis: ffmpeg prints "file:PATH: No such
# file or directory"), or a wrapper printing that line over an ffmpeg that
# has the filter, is an ordinary failure of that file: exit 1, a record,
# the batch goes on (was: exit 2 and "has no montagebeat filter").
if "$MONTAGE_FFMPEG" -hide_banner -h filter=montagescene 2>&1 | grep -q '^Filter montagescene'; then
    FP=$WORK/fp
    mkdir -p "$FP"
    gen_av "$FP/No such filter: 'montagebeat'.mkv" 1
    gen_audio "$FP/z.wav" 1
    cat > "$WORK/vanish-ffmpeg" <<WRAP
#!/bin/sh
for a in "\$@"; do case \$a in "file:"*"No such filter"*) rm -f "\${a#file:}" ;; esac; done
exec "$MONTAGE_FFMPEG" "\$@"
WRAP
    chmod +x "$WORK/vanish-ffmpeg"
    (cd "$WORK" && "$MONTAGE_ANALYZE" -j 1 --ffmpeg "$WORK/vanish-ffmpeg" fp) > "$WORK/fp.jsonl" 2> "$WORK/fp.err"
    rc=$?
    paths=$(sed 's/^{"path":"\([^"]*\)","status":"\([a-z]*\)".*/\1 \2/' "$WORK/fp.jsonl" | tr '\n' '|')
    if [ $rc -eq 1 ] && [ "$paths" = "fp/No such filter: 'montagebeat'.mkv failed|fp/z.wav ok|" ] &&
        ! grep -q 'stopped\|has no montage' "$WORK/fp.err"
    then ok missing_filter_path_not_cause
    else fail missing_filter_path_not_cause "exit $rc: $paths $(tr '\n' '|' < "$WORK/fp.err")"; fi

    # the line itself, from a wrapper whose ffmpeg has the filters
    gen_av "$FP/b.mp4" 1
    rm -f "$FP/z.wav"
    cat > "$WORK/liar-ffmpeg" <<WRAP
#!/bin/sh
[ "\$1" = -hide_banner ] && [ "\$2" = -h ] && exec "$MONTAGE_FFMPEG" "\$@"
echo "No such filter: 'montagescene'" >&2
exit 1
WRAP
    chmod +x "$WORK/liar-ffmpeg"
    (cd "$WORK" && "$MONTAGE_ANALYZE" -j 1 --ffmpeg "$WORK/liar-ffmpeg" fp/b.mp4) > "$WORK/liar.jsonl" 2> "$WORK/liar.err"
    rc=$?
    paths=$(sed 's/^{"path":"\([^"]*\)","status":"\([a-z]*\)".*/\1 \2/' "$WORK/liar.jsonl" | tr '\n' '|')
    if [ $rc -eq 1 ] && [ "$paths" = "fp/b.mp4 failed|" ] && ! grep -q 'stopped\|has no montage' "$WORK/liar.err"
    then ok missing_filter_confirmed_by_asking
    else fail missing_filter_confirmed_by_asking "exit $rc: $paths $(tr '\n' '|' < "$WORK/liar.err")"; fi
else
    skip missing_filter_false_positives "$MONTAGE_FFMPEG has no Montage filters"
fi

SYS_FFMPEG=$MEDIA_FFMPEG
if "$SYS_FFMPEG" -hide_banner -h filter=montagescene 2>&1 | grep -q '^Filter montagescene'; then
    skip missing_filter "$SYS_FFMPEG has the Montage filters"; finish
fi

M=$WORK/media
mkdir -p "$M"
# not media: fails at the probe, before any ffmpeg run (sorted first)
echo "plain text" > "$M/a-text.mp4"
gen_av "$M/b.mp4" 1
gen_video "$M/c.mp4" 1
gen_audio "$M/d.wav" 1
# the system ffmpeg, counting its runs (an analysis, or the question
# -h filter=NAME that confirms the missing filter)
cat > "$WORK/counting-ffmpeg" <<WRAP
#!/bin/sh
if [ "\$2" = -h ]; then echo ask >> "$WORK/runs.log"; else echo run >> "$WORK/runs.log"; fi
exec "$SYS_FFMPEG" "\$@"
WRAP
chmod +x "$WORK/counting-ffmpeg"
: > "$WORK/runs.log"

(cd "$WORK" && "$MONTAGE_ANALYZE" -j 1 --ffmpeg "$WORK/counting-ffmpeg" media) \
    > "$WORK/run.jsonl" 2> "$WORK/run.err"
rc=$?
[ $rc -eq 2 ] && ok missing_filter_exit_2 || fail missing_filter_exit_2 "exit $rc"
runs=$(tr '\n' ' ' < "$WORK/runs.log")
[ "$runs" = "run ask " ] && ok missing_filter_one_run || fail missing_filter_one_run "ffmpeg runs: $runs"
want="montage-analyze: $WORK/counting-ffmpeg has no montagescene filter (it is not an ffmpeg built with the Montage filters; choose one with --ffmpeg or MONTAGE_FFMPEG): stopped, 3 file(s) not analysed"
if [ "$(grep -v ': media/a-text.mp4: ' "$WORK/run.err")" = "$want" ]; then ok missing_filter_one_line
else fail missing_filter_one_line "$(tr '\n' '|' < "$WORK/run.err")"; fi
# the text file's own failure is recorded; the others have no record
paths=$(sed 's/^{"path":"\([^"]*\)","status":"\([a-z]*\)".*/\1 \2/' "$WORK/run.jsonl" | tr '\n' '|')
[ "$paths" = "media/a-text.mp4 failed|" ] && ok missing_filter_records || fail missing_filter_records "$paths"
left=$(ls -A "$M" | grep -v -x -e a-text.mp4 -e b.mp4 -e c.mp4 -e d.wav || true)
[ -z "$left" ] && ok missing_filter_nothing_left || fail missing_filter_nothing_left "$left"

# several jobs at once, and through the environment: still one line, exit 2
(cd "$WORK" && MONTAGE_FFMPEG=$SYS_FFMPEG "$MONTAGE_ANALYZE" -j 3 media/b.mp4 media/c.mp4 media/d.wav) \
    > "$WORK/run3.jsonl" 2> "$WORK/run3.err"
rc=$?
n=$(grep -c "^montage-analyze: $SYS_FFMPEG has no montage\(scene\|beat\) filter (.*): stopped, [0-9] file(s) not analysed\$" "$WORK/run3.err")
if [ $rc -eq 2 ] && [ "$n" -eq 1 ] && [ "$(wc -l < "$WORK/run3.err")" -eq 1 ] && [ ! -s "$WORK/run3.jsonl" ]
then ok missing_filter_parallel; else fail missing_filter_parallel "exit $rc: $(tr '\n' '|' < "$WORK/run3.err")"; fi
finish
