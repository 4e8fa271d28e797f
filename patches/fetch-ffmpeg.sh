#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Fetch the upstream source of one FFmpeg release from the Debian archive the
# machine already uses, and print the path of the extracted, pristine tree.
#
#   patches/fetch-ffmpeg.sh RELEASE      RELEASE: 5.1, 7.1, 8, 9 or newest
#
# deb-src entries are derived from the machine's own apt sources (no archive
# host is written anywhere) into a private apt configuration, so the system's
# apt state is left alone. Releases are chosen by upstream release, never by
# an exact Debian version: the archive moves, and any 5.1.x will do for 5.1.
# The tree is cached in $MONTAGE_CACHE (default $XDG_CACHE_HOME/montage, else
# ~/.cache/montage) and reused on later runs.
set -eu

die() { echo "fetch-ffmpeg: $*" >&2; exit 1; }
log() { echo "fetch-ffmpeg: $*" >&2; }

[ $# -eq 1 ] || die "usage: fetch-ffmpeg.sh 5.1|7.1|8|9|newest"
want=$1
case $want in 5.1|7.1|8|9|newest) ;; *) die "unsupported release '$want' (supported: 5.1, 7.1, 8, 9, newest)" ;; esac

cache=${MONTAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/montage}
aptdir=$cache/apt
srcdir=$cache/ffmpeg

# A tree fetched earlier satisfies the request without touching the network.
cached_tree() {
    case $1 in
        newest) pattern='ffmpeg-9.* ffmpeg-8.*' ;;
        *) pattern="ffmpeg-$1.*" ;;
    esac
    for p in $pattern; do
        # newest cached first: list matching trees in reverse version order
        ls -d "$srcdir"/$p 2>/dev/null | sort -V -r | while read -r d; do
            [ -f "$d/.montage-fetched" ] && echo "$d" && break
        done | head -n 1 | grep . && return 0
    done
    return 1
}
if tree=$(cached_tree "$want"); then echo "$tree"; exit 0; fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: pass an FFmpeg tree with ./configure --ffmpeg-src=DIR instead"

# Debian archive URIs from the machine's sources (one-line and deb822 forms),
# excluding the security archive, which carries no other suites.
archive_uris() {
    {
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            sed -n 's/^[[:space:]]*deb\(-src\)\{0,1\}[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\3/p'
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
    } | grep -v -e security -e '^$' | grep -i debian | sort -u
}
uris=$(archive_uris | tr '\n' ' ')
[ -n "$uris" ] || die "no Debian archive found in /etc/apt/sources.list*: cannot fetch FFmpeg sources (use --ffmpeg-src=DIR)"

mkdir -p "$aptdir/lists/partial" "$aptdir/sources.list.d" "$aptdir/archives/partial" "$srcdir"
cat > "$aptdir/sources.list.d/montage-ffmpeg-src.sources" <<SRC
Types: deb-src
URIs: $uris
Suites: bookworm trixie sid experimental
Components: main
SRC
set -- -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$aptdir/sources.list.d" \
       -o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir" \
       -o APT::Sandbox::User=root -o Acquire::Languages=none -o APT::Get::AllowUnauthenticated=false
. "$(dirname "$0")/fetch-suites.sh"
log "updating the source index of $FETCH_SUITES"
# A suite that cannot be updated (say an expired Release file) fails the
# whole command, yet the others are indexed: choose_version decides
# whether a failed suite was needed.
apt-get "$@" -q update >"$aptdir/update.log" 2>&1 || true
not_needed=$(failed_suites "$aptdir/update.log")

# Every Debian version of ffmpeg on offer, newest first; pick the newest of the release.
versions=$(apt-cache "$@" showsrc ffmpeg 2>/dev/null | sed -n 's/^Version: //p' | sort -V -r -u)
ver=$(choose_version "$want" "$versions" "$aptdir/update.log") || die "$ver (see $aptdir/update.log)"
[ -z "$not_needed" ] || log "not updated, not needed for FFmpeg $want: $not_needed(see $aptdir/update.log)"
upstream=${ver#*:}; upstream=${upstream%%-*}

dl=$(mktemp -d "$srcdir/.download.XXXXXX")
trap 'rm -rf "$dl"' EXIT INT TERM
log "downloading ffmpeg $ver"
# The .dsc of a version that is leaving the archive can already be gone
# while its upstream tarball is still served: only the tarball matters here.
(cd "$dl" && apt-get "$@" -q source --download-only "ffmpeg=$ver" >"$dl/source.log" 2>&1) || true
orig=$(ls "$dl"/ffmpeg_"$upstream".orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n 1)
[ -n "$orig" ] || die "could not download the upstream tarball of ffmpeg $ver: $(tail -n 3 "$dl/source.log" | tr '\n' ' ')"

tree=$srcdir/ffmpeg-$upstream
rm -rf "$tree.partial"
mkdir -p "$tree.partial"
tar -C "$tree.partial" --strip-components=1 -xf "$orig" || die "cannot extract $orig"
[ -f "$tree.partial/libavfilter/allfilters.c" ] || die "$orig does not hold an FFmpeg tree"
echo "$ver" > "$tree.partial/.montage-fetched"
rm -rf "$tree"
mv "$tree.partial" "$tree"
log "FFmpeg $upstream is in $tree"
echo "$tree"
