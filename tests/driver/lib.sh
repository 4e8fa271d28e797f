# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Shared helpers of the driver's shell tests (sourced, POSIX sh).
# Environment:
#   MONTAGE_ANALYZE  the driver (default: build/montage-analyze, then build-driver/)
#   MONTAGE_FFMPEG / MONTAGE_FFPROBE  the project's build (default build/bin/);
#     without it the tests fall back to tests/tools/driver_fake_ffmpeg (a real
#     decode by the system ffmpeg, then minimal valid sidecars) and say so.
#   MEDIA_FFMPEG     the ffmpeg that encodes the test media (default: the
#     system one, /usr/bin/ffmpeg, which has libx264/aac)

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
failures=0

ok()   { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
skip() { echo "skip $1: $2"; } # counted as skipped by tests/run, never passed
finish() { [ "$failures" -eq 0 ]; exit $?; }

pick_first() { for c in "$@"; do [ -x "$c" ] && { echo "$c"; return 0; }; done; return 1; }

MONTAGE_ANALYZE=${MONTAGE_ANALYZE:-$(pick_first "$TOP/build/montage-analyze" \
    "$TOP/build-driver/montage-analyze")} || { echo "FAIL setup: no montage-analyze built"; exit 1; }
if [ -z "$MONTAGE_FFMPEG" ] || [ ! -x "$MONTAGE_FFMPEG" ]; then
    if [ -x "$TOP/build/bin/ffmpeg" ]; then
        MONTAGE_FFMPEG=$TOP/build/bin/ffmpeg
    else
        MONTAGE_FFMPEG=$(pick_first "$(dirname "$MONTAGE_ANALYZE")/tools/driver_fake_ffmpeg" \
            "$TOP/build-driver/tools/driver_fake_ffmpeg") ||
            { echo "FAIL setup: no project ffmpeg and no fake"; exit 1; }
        echo "# no project ffmpeg: using $MONTAGE_FFMPEG"
    fi
fi
if [ -z "$MONTAGE_FFPROBE" ] || [ ! -x "$MONTAGE_FFPROBE" ]; then
    MONTAGE_FFPROBE=$(pick_first "$TOP/build/bin/ffprobe" /usr/bin/ffprobe) ||
        { echo "FAIL setup: no ffprobe"; exit 1; }
fi
# the sidecar CLI, when built, to validate sidecars independently
MONTAGE_SIDECAR=${MONTAGE_SIDECAR:-$(pick_first "$(dirname "$MONTAGE_ANALYZE")/montage-sidecar" \
    "$TOP/build/montage-sidecar")}
MEDIA_FFMPEG=${MEDIA_FFMPEG:-$(pick_first /usr/bin/ffmpeg "$MONTAGE_FFMPEG")}
export MONTAGE_FFMPEG MONTAGE_FFPROBE MEDIA_FFMPEG

WORK=$(mktemp -d "${TMPDIR:-/tmp}/montage-driver-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# A wrapper ffmpeg that logs each analysed input (one line, the -i value)
# to $WORK/calls.log and then becomes the real one (same pid).
make_logging_ffmpeg() {
    cat > "$WORK/logging-ffmpeg" <<WRAP
#!/bin/sh
prev=
for a in "\$@"; do [ "\$prev" = "-i" ] && printf '%s\n' "\$a" >> "$WORK/calls.log"; prev=\$a; done
exec "$MONTAGE_FFMPEG" "\$@"
WRAP
    chmod +x "$WORK/logging-ffmpeg"
    : > "$WORK/calls.log"
}

# make_slow_ffmpeg INNER [PRELUDE]: $WORK/slow-ffmpeg runs INNER reading
# its input in real time (-re before each -i), so a test can act while a
# batch runs; PRELUDE is shell code run first, with ffmpeg's arguments in
# "$@". exec keeps the pid, so the wrapper's pid is ffmpeg's.
make_slow_ffmpeg() {
    cat > "$WORK/slow-ffmpeg" <<WRAP
#!/bin/sh
${2:-}
n=\$#
for a in "\$@"; do
    [ "\$a" = "-i" ] && set -- "\$@" -re
    set -- "\$@" "\$a"
done
shift \$n
exec "$1" "\$@"
WRAP
    chmod +x "$WORK/slow-ffmpeg"
}

# Records with the timing field zeroed and sorted, for exact comparison.
normalise() { sed 's/"seconds":[0-9.]*/"seconds":0/' | LC_ALL=C sort; }

# Media generators: $1 output, $2 seconds.
gen_av()    { "$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "testsrc2=d=$2:s=320x240:r=25" \
                -f lavfi -i "sine=f=440:d=$2" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
                -c:a aac -shortest "$1"; }
gen_video() { "$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "testsrc2=d=$2:s=320x240:r=25" \
                -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$1"; }
gen_audio() { "$MEDIA_FFMPEG" -nostdin -v error -y -f lavfi -i "sine=f=440:d=$2" "$1"; }

# Processes whose command line mentions $1 (children left behind?).
procs_mentioning() { ps -eo args= | grep -F -- "$1" | grep -v grep || true; }
