# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Sourced by the bench/fast_*.sh scripts, from the tree's top: the tools
# they run (MONTAGE_FFMPEG, MONTAGE_FFPROBE, MONTAGE_FAST_SCENE and
# MONTAGE_SIDECAR override the build's) and transitions SIDECAR, which
# prints a sidecar's transitions as "TYPE FRAME FIRST LAST" lines.
B=$(pwd)/build
FFMPEG=${MONTAGE_FFMPEG:-$B/bin/ffmpeg}
FFPROBE=${MONTAGE_FFPROBE:-$B/bin/ffprobe}
FAST=${MONTAGE_FAST_SCENE:-$B/montage-fast-scene}
SIDECAR=${MONTAGE_SIDECAR:-$B/montage-sidecar}

transitions() {
    "$SIDECAR" dump --json "$1" | tr '{' '\n' | grep '"first_frame"' |
        sed 's/.*"type":"\([a-z]*\)".*"frame":\([0-9]*\).*"first_frame":\([0-9]*\).*"last_frame":\([0-9]*\).*/\1 \2 \3 \4/'
}
