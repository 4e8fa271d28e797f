#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Contact sheets to check the ground truth by eye: per clip, one row per transition with the frame before
# it, its first, middle and last frame and the frame after it (a cut: two frames before it, its first
# frame and two after), each labelled with its real frame number (drawn before the frames are selected).
# Usage: sh contact_sheets.sh SET_DIR MEDIA_DIR OUT_DIR   -> OUT_DIR/<id>.png (SET_DIR: eval/edited-val, ...)
set -e
SET=$1
shift
mkdir -p "$2"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
for gt in "$SET"/gt/*.json; do
  id=$(basename "$gt" .json)
  # select expression and row count; the listed frames are distinct and in order (shots last >= 1 s)
  set -- "$1" "$2" $(/usr/bin/python3 - "$gt" <<'PY'
import json, sys
ks = []
for t in json.load(open(sys.argv[1]))["transitions"]:
    if t["type"] == "cut":
        ks += [t["first"] - 2, t["first"] - 1, t["first"], t["first"] + 1, t["first"] + 2]
    else:
        ks += [t["first"] - 1, t["first"], (t["first"] + t["last"]) // 2, t["last"], t["last"] + 1]
print("+".join("eq(n\\,%d)" % k for k in ks), len(ks) // 5)
PY
)
  ffmpeg -nostdin -v error -y -i "$1/$id.mp4" -vf "drawtext=fontfile=$FONT:text='%{frame_num}':x=8:y=8:fontsize=40:fontcolor=yellow:box=1:boxcolor=black,select=$3,scale=320:-2,tile=5x$4" \
    -frames:v 1 "$2/$id.png"
  set -- "$1" "$2"
done
