#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# The driver's filtergraph escaping against FFmpeg's own parsers: the
# metadata filter's file= option (a path, like our sidecar=) must receive
# every awkward name intact: the file it creates has exactly that name. Run against the system ffmpeg (5.1) and the
# project's build when present (whatever release it is).
. "$(dirname "$0")/lib.sh"

TOOL=$(pick_first "$(dirname "$MONTAGE_ANALYZE")/tools/driver_filter_string" \
    "$TOP/build-driver/tools/driver_filter_string") || { echo "FAIL setup: no driver_filter_string"; exit 1; }

D=$WORK/names
mkdir -p "$D"
check_names() { # $1 = ffmpeg, $2 = label
    i=0
    while IFS= read -r name; do
        i=$((i + 1))
        target="$D/$name"
        rm -rf "$D" && mkdir -p "$D"
        graph=$("$TOOL" metadata mode print file "$target")
        if "$1" -nostdin -v error -f lavfi -i "testsrc2=d=0.2:s=32x32" -vf "$graph" -f null - 2> "$WORK/err" &&
            [ -e "$target" ] && [ "$(ls -A "$D" | wc -l)" -eq 1 ]; then
            ok "escape_${2}_$i"
        else
            fail "escape_${2}_$i" "[$name] via [$graph]: $(head -2 "$WORK/err")"
        fi
    done <<NAMES
plain.txt
with space.txt
colon:name.txt
comma,semi;colon.txt
it's "quoted".txt
back\\slash and \\\\ double.txt
[brackets]and=equals.txt
''''.txt
 leading and trailing 
caf$(printf '\303\251') $(printf '\346\230\240\347\224\273').txt
tab	here:\\'[,];=.txt
NAMES
}
check_names "$MEDIA_FFMPEG" system
case "$MONTAGE_FFMPEG" in
    *driver_fake_ffmpeg) ;;
    *) check_names "$MONTAGE_FFMPEG" project ;;
esac
finish
