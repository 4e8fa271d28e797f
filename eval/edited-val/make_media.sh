#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Rebuild the edited-val clips (validation set, never tuned on): excerpts of natural-val's real clips joined
# by ffmpeg's xfade transitions and cuts, as drawn in edl.json (see README.md).
# Usage: sh make_media.sh [OUTDIR]   (default ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/edited-val)
#   NV=DIR  natural-val's clips (default ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/natural-val); the ones
#           missing there are made first by ../natural-val/make_media.sh, which downloads and checks the
#           Debian packages they come from
# Each natural-val clip's sha256 is checked against the file the edit list was drawn on, and each rendered
# clip's frame count against the ground truth. Needs ffmpeg 5.1 (Debian 12; xfade's arithmetic and names).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval
OUT=${1:-$CACHE/edited-val}
NV=${NV:-$CACHE/natural-val}
mkdir -p "$OUT"

# natural-val clip -> sha256 of the file the edit list was drawn on (nw12/nw13 renders may differ in a
# pixel pair, see natural-val's README: then only a warning, the ground truth does not depend on pixels)
SOURCES="nw11_freedoom2demo1 aa7ebbc85b5cfcc3f743fa183fa686fb755db7b8d621753fd8c3c29f1e3136d9
nw12_freedoom1demo1 372a5e3e5c7303afdaec4b6159b18f2f6f677a82b77441fba6e793959b84e52a
nw13_freedoom2demo4 b85ee4d9e8e09bff769bbc0b06ef75bb5d0c8312e204551e95c5c1fbd6b24330
nv02_city25 403db9e29a64fbdd9de6b049b42f5215c84dec97fb3b7e5c07a14548ca681261
nv03_launch24 c268a854e6445570efa0c0faef69eff8f9afc2c74fd0df9bffee2ba7f456b7fc
nv04_lebiniou30 85c1f06162eaff62ad0d251a645fd90cb31857ec3daaaa058f4a00d5f05e90b1
nv06_coin30 396d61b3b73601fa810f591aa6c9d9982d69f4116e7bc3ba00c195840291fa50
nv07_ball25 c52985779f6929b25503373704268672e7bfb2a362dd2aa1796b2ee09f767e21
nv09_tree15 c6d63cb835545005bbdd664677a5ecacbf1cac3f8f41f4c77b50e13c40d9589c
nv10_kaleido30 8824328683df4921c8c489c47c3bfc8f0881eb740a0b3198eaf13532be5f8b1b"

missing=
for id in $(echo "$SOURCES" | cut -d' ' -f1); do
  [ -f "$NV/$id.mp4" ] || missing=1
done
if [ -n "$missing" ]; then
  echo "make_media.sh: natural-val clips missing in $NV; making them (several minutes)" >&2
  sh "$HERE/../natural-val/make_media.sh" "$NV" || echo "make_media.sh: WARN natural-val's make_media.sh failed" >&2
fi
status=0
echo "$SOURCES" | while read -r id want; do
  if [ ! -f "$NV/$id.mp4" ]; then echo "make_media.sh: $NV/$id.mp4: missing" >&2; exit 1; fi
  sum=$(sha256sum "$NV/$id.mp4" | cut -d' ' -f1)
  [ "$sum" = "$want" ] || echo "make_media.sh: WARN $NV/$id.mp4: sha256 $sum is not the drawn-on $want" >&2
done || exit 1

for gt in "$HERE"/gt/*.json; do
  id=$(basename "$gt" .json)
  /usr/bin/python3 "$HERE/render_edl.py" "$HERE/edl.json" "$id" "$NV" "$OUT/$id.mp4"
  n=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$OUT/$id.mp4")
  want=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["frames"])' "$gt")
  if [ "$n" != "$want" ]; then
    echo "make_media.sh: $OUT/$id.mp4: $n frames, the ground truth $want" >&2; status=1
  else
    echo "$id: $n frames"
  fi
done
exit $status
