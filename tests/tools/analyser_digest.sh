#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Ties each analyser's version to its results: tests/ref/analyser-versions
# records, per analyser, its version (MT_SCENE_ANALYSER_VERSION in
# analysis/scene/scene_result.h, MT_BEAT_ANALYSER_VERSION in
# analysis/beat/beat_result.h) and a digest
# of that analyser's references in tests/ref/ (frame metadata and sidecar).
#   sh tests/tools/analyser_digest.sh            check: one line per analyser, exit 1 on a mismatch
#   sh tests/tools/analyser_digest.sh --update   record the current versions and digests
# --update refuses to record new results under an unchanged version, so
# results cannot change without a bump of MT_<X>_ANALYSER_VERSION.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RECORD=$ROOT/tests/ref/analyser-versions
update=0
[ "${1:-}" = "--update" ] && update=1

# the header that declares analyser $1 (scene or beat) and its version
version_header() { echo "$ROOT/analysis/$1/$1_result.h"; }
version() { sed -n "s/^#define MT_$2_ANALYSER_VERSION *\([0-9][0-9]*\).*/\1/p" "$(version_header "$1")"; }
digest() { (cd "$ROOT/tests/ref" && cat $(ls montage$1-* | LC_ALL=C sort)) | sha256sum | cut -d' ' -f1; }
recorded() { [ -f "$RECORD" ] && awk -v a="$1" -v f="$2" '$1 == a { print $f }' "$RECORD"; }

status=0
new=$(mktemp)
trap 'rm -f "$new"' EXIT
echo "# analyser version sha256-of-tests/ref/montage<analyser>-*  (sh tests/tools/analyser_digest.sh --update)" > "$new"
for a in scene beat; do
    A=$(echo "$a" | tr a-z A-Z)
    v=$(version "$a" "$A"); d=$(digest "$a")
    rv=$(recorded "$a" 2); rd=$(recorded "$a" 3)
    echo "$a $v $d" >> "$new"
    if [ "$v" = "$rv" ] && [ "$d" = "$rd" ]; then
        echo "ok analyser_version_$a"
    elif [ "$v" = "$rv" ]; then
        echo "FAIL analyser_version_$a: results changed: bump MT_${A}_ANALYSER_VERSION in analysis/$a/${a}_result.h and record the new digest with sh tests/tools/analyser_digest.sh --update"
        status=1
    elif [ $update -eq 1 ]; then
        echo "ok analyser_version_$a (recorded version $v)"
    else
        echo "FAIL analyser_version_$a: MT_${A}_ANALYSER_VERSION is $v, tests/ref/analyser-versions has ${rv:-nothing}: record it with sh tests/tools/analyser_digest.sh --update"
        status=1
    fi
done
if [ $update -eq 1 ] && [ $status -eq 0 ]; then cat "$new" > "$RECORD"; fi
exit $status
