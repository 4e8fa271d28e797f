# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Shared helpers for the shell tests. Source it; it sets:
#   ROOT      the repository
#   FFMPEG    the project's ffmpeg (build/bin/ffmpeg or $MONTAGE_FFMPEG)
#   FFPROBE   the project's ffprobe
#   PYTHON    Debian's python3 (with python3-msgpack)
#   T         a scratch directory removed at exit
# and defines ok/fail/skip/check helpers that print one line per test case,
# which tests/run counts.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
FFMPEG=${MONTAGE_FFMPEG:-$BUILD/bin/ffmpeg}
FFPROBE=${MONTAGE_FFPROBE:-$BUILD/bin/ffprobe}
# Debian's interpreter, which has python3-msgpack (another python3 may come first on PATH).
PYTHON=${PYTHON:-/usr/bin/python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/montage-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0

ok()   { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
# skip NAME REASON: the case could not run here; tests/run counts it as
# skipped (never passed) and shows the reason.
skip() { echo "skip $1: $2"; }
# check NAME COMMAND...: the case passes when the command succeeds.
check() {
    name=$1; shift
    if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"; fi
}
# expect_eq NAME GOT WANT
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got '$2', expected '$3'"; fi
}
finish() { [ "$failures" -eq 0 ]; exit $?; }
