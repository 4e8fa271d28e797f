#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Rebuild the clips of an edited set (eval/edited-val: validation, eval/edited-tune: tune): excerpts of real
# source clips joined by ffmpeg's xfade transitions and cuts, as drawn in SET_DIR/edl.json (see its README).
# Usage: sh make_media.sh SET_DIR [OUTDIR]   (default ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/<set name>)
#   The source clips are looked up per source set of SET_DIR/set.json in the directory its "env" variable
#   names (NV=DIR for natural-val, ND=DIR natural-dev, GAME=DIR game-tune), by default
#   ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/<source set>; a set with missing clips is made first by its
#   "make" script (natural-val's and game-tune's download and check the Debian packages they come from).
# Each source clip's sha256 is checked against the file the edit list was drawn on, and each rendered
# clip's frame count against the ground truth. Needs ffmpeg 5.1 (Debian 12; xfade's arithmetic and names).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SET=$(cd "${1:?usage: make_media.sh SET_DIR [OUTDIR]}" && pwd)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval

# lines "set <name> <dir> <make script>" per source set, then "src <id> <dir> <sha256>" per source clip
# (the sha256 of the file the edit list was drawn on)
SOURCES=$(/usr/bin/python3 - "$SET/set.json" "$REPO" "$CACHE" <<'PY'
import json, os, sys
cfg, repo, cache = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
dirs = {}
for name, ss in cfg["source_sets"].items():
    dirs[name] = os.environ.get(ss["env"]) or os.path.join(cache, name)
    print("set", name, dirs[name], os.path.join(repo, ss["make"]))
print("out", cfg["name"])
for src, sha in cfg["sha256"].items():
    name = next(n for n, ss in cfg["source_sets"].items() if os.path.exists(os.path.join(repo, ss["gt"], src + ".json")))
    print("src", src, dirs[name], sha)
PY
)
OUT=${2:-$CACHE/$(echo "$SOURCES" | awk '$1 == "out" {print $2}')}
mkdir -p "$OUT"

echo "$SOURCES" | awk '$1 == "set"' | while read -r _ name dir maker; do
  missing=
  for id in $(echo "$SOURCES" | awk -v d="$dir" '$1 == "src" && $3 == d {print $2}'); do
    [ -f "$dir/$id.mp4" ] || missing=1
  done
  if [ -n "$missing" ]; then
    echo "make_media.sh: $name clips missing in $dir; making them with $maker (several minutes)" >&2
    sh "$maker" "$dir" || echo "make_media.sh: WARN $maker failed" >&2
  fi
done
echo "$SOURCES" | awk '$1 == "src"' | while read -r _ id dir want; do
  if [ ! -f "$dir/$id.mp4" ]; then echo "make_media.sh: $dir/$id.mp4: missing" >&2; exit 1; fi
  sum=$(sha256sum "$dir/$id.mp4" | cut -d' ' -f1)
  # game renders can differ in a pixel pair between runs (natural-val's README): a warning, the ground truth
  # does not depend on pixels
  [ "$sum" = "$want" ] || echo "make_media.sh: WARN $dir/$id.mp4: sha256 $sum is not the drawn-on $want" >&2
done || exit 1
SRC_DIRS=$(echo "$SOURCES" | awk '$1 == "set" {printf "%s%s", sep, $3; sep = ":"}')

status=0
for gt in "$SET"/gt/*.json; do
  id=$(basename "$gt" .json)
  /usr/bin/python3 "$HERE/render_edl.py" "$SET/edl.json" "$id" "$SRC_DIRS" "$OUT/$id.mp4"
  n=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$OUT/$id.mp4")
  want=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["frames"])' "$gt")
  if [ "$n" != "$want" ]; then
    echo "make_media.sh: $OUT/$id.mp4: $n frames, the ground truth $want" >&2; status=1
  else
    echo "$id: $n frames"
  fi
done
exit $status
