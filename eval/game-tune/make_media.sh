#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Render the game-tune clips (TUNE material: thresholds may be chosen on them) from the freedoom demo lumps that
# natural-val does not use, with the same packages, checks and settings as natural-val's nw11-nw13.
# Usage: sh make_media.sh [OUTDIR]   (default ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/game-tune)
#   SRCROOT=DIR, KEEP=1 as in ../natural-val/make_media.sh
set -e
OUT=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/game-tune}
# ID:IWAD:LUMP:FRAMES, FRAMES as annotated (one frame per demo tic)
DEMOS="t1_fd1demo2:freedoom1.wad:DEMO2:2763 t2_fd2demo2:freedoom2.wad:DEMO2:4785
t3_fd1demo3:freedoom1.wad:DEMO3:1241 t4_fd2demo3:freedoom2.wad:DEMO3:2593
t5_fd1demo4:freedoom1.wad:DEMO4:6467"
export DEMOS
exec sh "$(dirname "$0")/../natural-val/make_media.sh" "$OUT"
