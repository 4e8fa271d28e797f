# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Which suites fetch-ffmpeg.sh needs, and whether an `apt-get update` that
# failed for some suites still lets it go on. Sourced by fetch-ffmpeg.sh;
# tests/patches/test_fetch_suites.sh feeds it canned apt-get output.
#
# Suites indexed: the two stable suites each carry one FFmpeg release for
# good; sid and experimental move and may carry any release.
FETCH_SUITES="bookworm trixie sid experimental"

# stable_suite RELEASE: the stable suite that carries RELEASE, if any.
stable_suite() {
    case $1 in
        5.1) echo bookworm ;;
        7.1) echo trixie ;;
    esac
}

# needed_suites RELEASE: the suites that may hold RELEASE ("newest": the
# moving suites, all of which must be read to know what is newest).
needed_suites() {
    echo $(stable_suite "$1") sid experimental
}

# suite_failure LOG SUITE: the first line of apt-get update's output in LOG
# saying SUITE could not be updated (expired or missing Release file,
# failed download, bad signature); nothing when it updated.
suite_failure() {
    grep -E "^(E:|Err:|W:.*(Failed to fetch|GPG error|expired|is not signed|does not have a Release file))" "$1" 2>/dev/null |
        grep -E "(/dists/$2/|[[:space:]]$2([[:space:]]|/|'|\$))" | head -n 1
}

# failed_suites LOG: the indexed suites that could not be updated.
failed_suites() {
    for s in $FETCH_SUITES; do
        [ -z "$(suite_failure "$1" "$s")" ] || printf '%s ' "$s"
    done
}

# pick_version RELEASE VERSIONS: the newest Debian version (VERSIONS sorted
# newest first) whose upstream release is RELEASE (5.1 matches 5.1.x).
pick_version() {
    for v in $2; do
        upstream=${v#*:}; upstream=${upstream%%-*}
        case $upstream in "$1".*) echo "$v"; return 0 ;; esac
    done
    return 1
}

# choose_version WANT VERSIONS LOG: prints the Debian version to fetch for
# WANT (5.1, 7.1, 8, 9 or newest) from VERSIONS (what the suites that were
# indexed offer, newest first) and apt-get update's output in LOG; or
# prints why not and returns 1. A suite that failed to update matters only
# when it was needed: for a fixed release, when the release was not found
# and that suite may hold it; for "newest", always for the moving suites.
choose_version() {
    want=$1 versions=$2 log=$3
    failed=$(failed_suites "$log")
    needed_failed=
    for s in $(needed_suites "$want"); do
        case " $failed " in *" $s "*) needed_failed="$needed_failed $s" ;; esac
    done
    why_failed() {
        for s in $needed_failed; do
            printf '; suite %s could not be updated: %s' "$s" "$(suite_failure "$log" "$s" | sed 's/^[[:space:]]*//')"
        done
    }
    if [ "$want" = newest ]; then
        if [ -n "$needed_failed" ]; then
            echo "cannot tell the newest FFmpeg$(why_failed)"
            return 1
        fi
        pick_version 9 "$versions" || pick_version 8 "$versions" ||
            { echo "the archive offers neither FFmpeg 8.x nor 9.x (offered: $(echo $versions))"; return 1; }
        return 0
    fi
    pick_version "$want" "$versions" && return 0
    echo "the archive offers no FFmpeg $want (offered: $(echo $versions))$(why_failed)"
    return 1
}
