#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# An ffmpeg without the Montage filters (the system's, picked by --ffmpeg
# or MONTAGE_FFMPEG) fails every file alike: the batch stops at the first
# one with one line naming that ffmpeg and the missing filter, exit 2 (as
# when no ffmpeg is found), no record for the files it ran, nothing left
# next to the media. A bad file before it still gets its own record.
. "$(dirname "$0")/lib.sh"
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
# the system ffmpeg, counting its runs
cat > "$WORK/counting-ffmpeg" <<WRAP
#!/bin/sh
echo run >> "$WORK/runs.log"
exec "$SYS_FFMPEG" "\$@"
WRAP
chmod +x "$WORK/counting-ffmpeg"
: > "$WORK/runs.log"

(cd "$WORK" && "$MONTAGE_ANALYZE" -j 1 --ffmpeg "$WORK/counting-ffmpeg" media) \
    > "$WORK/run.jsonl" 2> "$WORK/run.err"
rc=$?
[ $rc -eq 2 ] && ok missing_filter_exit_2 || fail missing_filter_exit_2 "exit $rc"
runs=$(wc -l < "$WORK/runs.log")
[ "$runs" -eq 1 ] && ok missing_filter_one_run || fail missing_filter_one_run "ffmpeg ran $runs times"
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
