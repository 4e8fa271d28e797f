# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Shared by build-ffmpeg.sh and build-dropin.sh (sourced; the caller defines
# die and $here): the patched working copy of a pristine FFmpeg tree, and a
# configure that re-runs only when its arguments change (a re-run rewrites
# config.h and forces a near-full rebuild).

# prepare_tree SRC WORK: WORK becomes a copy of SRC (again when SRC is
# another tree, e.g. after the distribution moved to a new point release)
# with the Montage glue applied and sources refreshed.
prepare_tree() {
    if [ ! -f "$2/.montage-copy-of" ] || [ "$(cat "$2/.montage-copy-of")" != "$1" ]; then
        rm -rf "$2"
        cp -R "$1" "$2"
        echo "$1" > "$2/.montage-copy-of"
    fi
    "$here/apply-ffmpeg.sh" "$2" >&2
}

# configure_when_changed WHAT ARGS...: in the current (tree) directory;
# WHAT names the build in messages.
configure_when_changed() {
    what=$1; shift
    printf '%s\n' "$@" > .montage-config.new
    if [ -f config.h ] && cmp -s .montage-config.new .montage-config; then
        rm -f .montage-config.new
        return 0
    fi
    echo "configuring $what in $(pwd)" >&2
    if ! ./configure "$@" > configure.log 2>&1; then
        tail -n 20 configure.log >&2
        die "FFmpeg's configure failed (full log: $(pwd)/configure.log)"
    fi
    mv .montage-config.new .montage-config
}
