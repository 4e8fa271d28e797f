#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# patches/fetch-ffmpeg.sh when some suites cannot be updated: the decision
# (patches/fetch-suites.sh) on canned apt-get update output, then the whole
# script with a fake apt-get and apt-cache on PATH (no network).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/patches/fetch-suites.sh"

A=http://archive.invalid/debian
hits() { # the suites that updated fine
    n=1
    for s in "$@"; do echo "Hit:$n $A $s InRelease"; n=$((n + 1)); done
}
expired() { echo "E: Release file for $A/dists/$1/InRelease is expired (invalid since 2d 3h 10min 1s). Updates for this repository will not be applied."; }
missing() { printf 'Err:9 %s %s InRelease\n  404  Not Found [IP: 192.0.2.1 80]\nE: The repository '\''%s %s Release'\'' does not have a Release file.\n' "$A" "$1" "$A" "$1"; }

OFFER="7:7.1.2-1 7:5.1.9-0+deb12u1 7:5.1.8-0+deb12u1"
OFFER_NEW="7:9.0-1 7:8.0.1-2 $OFFER"

{ hits bookworm sid experimental; expired trixie; } > "$T/trixie-expired.log"
{ hits trixie sid experimental; expired bookworm; } > "$T/bookworm-expired.log"
{ hits bookworm trixie sid; missing experimental; } > "$T/experimental-missing.log"
hits bookworm trixie sid experimental > "$T/clean.log"

expect_eq clean_5.1 "$(choose_version 5.1 "$OFFER" "$T/clean.log")" "7:5.1.9-0+deb12u1"
expect_eq failed_suites_trixie "$(failed_suites "$T/trixie-expired.log")" "trixie "
expect_eq failed_suites_none "$(failed_suites "$T/clean.log")" ""
expect_eq failed_suites_experimental "$(failed_suites "$T/experimental-missing.log")" "experimental "
# the issue's case: a suite it did not need expired, the wanted one updated
expect_eq unneeded_suite_expired_5.1 "$(choose_version 5.1 "$OFFER" "$T/trixie-expired.log")" "7:5.1.9-0+deb12u1"
expect_eq unneeded_suite_missing_5.1 "$(choose_version 5.1 "$OFFER" "$T/experimental-missing.log")" "7:5.1.9-0+deb12u1"
expect_eq unneeded_suite_expired_newest "$(choose_version newest "$OFFER_NEW" "$T/bookworm-expired.log")" "7:9.0-1"
# the needed suite failed: it is named with apt's reason
out=$(choose_version 5.1 "7:7.1.2-1" "$T/bookworm-expired.log"); st=$?
expect_eq needed_suite_expired_5.1 "$st: $out" "1: the archive offers no FFmpeg 5.1 (offered: 7:7.1.2-1); suite bookworm could not be updated: $(expired bookworm)"
out=$(choose_version newest "$OFFER_NEW" "$T/experimental-missing.log"); st=$?
expect_eq needed_suite_missing_newest "$st: $out" "1: cannot tell the newest FFmpeg; suite experimental could not be updated: Err:9 $A experimental InRelease"
# not offered, but no suite that may hold it failed: no suite named
out=$(choose_version 7.1 "7:5.1.9-0+deb12u1" "$T/bookworm-expired.log"); st=$?
expect_eq not_offered_7.1 "$st: $out" "1: the archive offers no FFmpeg 7.1 (offered: 7:5.1.9-0+deb12u1)"

# The whole script: fake apt-get (update fails for trixie, exit 100 as apt
# does) and apt-cache; a Debian entry in the machine's sources is needed.
if ! cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -qi debian; then
    echo "skip fetch_script_unneeded_suite_expired: this machine's apt sources name no Debian archive"
else
    mkdir -p "$T/bin" "$T/src/ffmpeg-5.1.9/libavfilter"
    echo '/* fake */' > "$T/src/ffmpeg-5.1.9/libavfilter/allfilters.c"
    tar -C "$T/src" -cJf "$T/orig.tar.xz" ffmpeg-5.1.9
    cat > "$T/bin/apt-get" <<FAKE
#!/bin/sh
for a; do
    case \$a in
        update) cat "$T/trixie-expired.log"; exit 100 ;;
        source) cp "$T/orig.tar.xz" ffmpeg_5.1.9.orig.tar.xz; exit 0 ;;
    esac
done
exit 1
FAKE
    printf '#!/bin/sh\nprintf "Package: ffmpeg\\nVersion: 7:5.1.9-0+deb12u1\\n\\nPackage: ffmpeg\\nVersion: 7:7.1.2-1\\n"\n' > "$T/bin/apt-cache"
    chmod +x "$T/bin/apt-get" "$T/bin/apt-cache"
    out=$(PATH="$T/bin:$PATH" MONTAGE_CACHE="$T/cache" sh "$ROOT/patches/fetch-ffmpeg.sh" 5.1 2> "$T/fetch.err"); st=$?
    expect_eq fetch_script_unneeded_suite_expired "$st $out" "0 $T/cache/ffmpeg/ffmpeg-5.1.9"
    expect_eq fetch_script_names_unneeded_suite "$(grep -c 'not updated, not needed for FFmpeg 5.1: trixie' "$T/fetch.err")" 1
    rm -rf "$T/cache"
    sed -i 's/trixie-expired/bookworm-expired/' "$T/bin/apt-get"
    printf '#!/bin/sh\nprintf "Package: ffmpeg\\nVersion: 7:7.1.2-1\\n"\n' > "$T/bin/apt-cache"
    PATH="$T/bin:$PATH" MONTAGE_CACHE="$T/cache" sh "$ROOT/patches/fetch-ffmpeg.sh" 5.1 > "$T/fetch.out" 2>&1; st=$?
    out=$(tail -n 1 "$T/fetch.out")
    expect_eq fetch_script_needed_suite_expired "$st $out" "1 fetch-ffmpeg: the archive offers no FFmpeg 5.1 (offered: 7:7.1.2-1); suite bookworm could not be updated: $(expired bookworm) (see $T/cache/apt/update.log)"
fi
finish
