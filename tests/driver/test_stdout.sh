#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Records that cannot be written (a full disk, a reader that went away)
# are not lost in silence: one line on stderr naming standard output and
# the cause, exit 1, and the batch still writes every sidecar. Before,
# the driver exited 0 with no record and no word.
. "$(dirname "$0")/lib.sh"

M=$WORK/media
mkdir -p "$M"
gen_audio "$M/a.wav" 1
gen_audio "$M/b.wav" 1

sidecars_written() { [ -f "$M/a.wav.beat.montage.msgpack" ] && [ -f "$M/b.wav.beat.montage.msgpack" ]; }
WANT="montage-analyze: writing standard output: %s (records of this and later files are lost; their sidecars are written)"

if [ -w /dev/full ]; then
    "$MONTAGE_ANALYZE" --json "$M/a.wav" "$M/b.wav" > /dev/full 2> "$WORK/err"
    rc=$?
    line=$(grep -c "writing standard output" "$WORK/err")
    if [ $rc -ne 1 ]; then fail stdout_full "exit $rc, expected 1: $(cat "$WORK/err")"
    elif ! grep -qxF "$(printf "$WANT" "No space left on device")" "$WORK/err" || [ "$line" -ne 1 ]; then
        fail stdout_full "stderr: $(cat "$WORK/err")"
    elif ! sidecars_written; then fail stdout_full "sidecars missing"
    else ok stdout_full; fi
else skip stdout_full "no /dev/full"; fi

rm -f "$M"/*.msgpack
# the reader exits before the first record (SIGPIPE is ignored: EPIPE)
{ "$MONTAGE_ANALYZE" --json "$M/a.wav" "$M/b.wav" 2> "$WORK/err"; echo $? > "$WORK/rc"; } | true
rc=$(cat "$WORK/rc")
if [ "$rc" -ne 1 ]; then fail stdout_closed_pipe "exit $rc, expected 1: $(cat "$WORK/err")"
elif ! grep -qxF "$(printf "$WANT" "Broken pipe")" "$WORK/err"; then fail stdout_closed_pipe "stderr: $(cat "$WORK/err")"
elif ! sidecars_written; then fail stdout_closed_pipe "sidecars missing"
else ok stdout_closed_pipe; fi
finish
