#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Rebuild the music-val excerpts (FLAC + MP3) from Debian 12 packages and check them against gt/ and the
# PCM md5s in pieces.json. Uses the renderer of the music-dev kit (../shared/eval/music-dev, not copied here).
#   sh eval/music-val/make_media.sh                 install missing tools (apt-get), fetch the data packages, render, check
#   NO_INSTALL=1 sh eval/music-val/make_media.sh    tools are installed already (data packages are still fetched)
#   SRCROOT=DIR sh eval/music-val/make_media.sh     data packages already unpacked under DIR (dpkg-deb -x), no apt
#   KIT=DIR                                         the music-dev kit (default: shared/eval/music-dev beside the repo)
# Output: ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/music-val/<id>.{flac,mp3}
# Extra arguments go to make_media.py (--only ID,ID, --no-mp3, --write-gt, --update-md5).
#
# The data packages are not installed: `apt-get download` + `dpkg-deb -x` into $OUT/src. Some pieces live under
# /usr/share/doc (pianobooster, mma), which minimal Debian images drop at install time (dpkg path-exclude), and
# pianobooster would pull in Qt. pianobooster ships some files gzipped; they are unpacked next to the .gz. freedoom's
# music is MIDI lumps inside its WADs: wad_lumps.py writes them to freedoom[12].wad.d/D_*.mid.
# apt sources come from the machine's own configuration; no archive host is named here.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
KIT=${KIT:-$(cd "$HERE/../../.." && pwd)/shared/eval/music-dev}
[ -f "$KIT/make_media.py" ] || KIT=/work/shared/eval/music-dev
[ -f "$KIT/make_media.py" ] || { echo "make_media.sh: music-dev kit not found (set KIT=DIR)" >&2; exit 1; }
OUT=${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/music-val
TOOLS="gcc libc6-dev libopenmpt-dev ffmpeg fluidsynth fluid-soundfont-gm timgm6mb-soundfont python3 python3-mido python3-numpy python3-mir-eval"
DATA=$(sed -n 's/.*"package": *"\([^"]*\)".*/\1/p' "$HERE/pieces.json" | sort -u | tr '\n' ' ')
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if [ -z "$SRCROOT" ] && [ -z "$NO_INSTALL" ]; then
  missing=""
  for p in $TOOLS; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "installing:$missing"
    $SUDO apt-get -o DPkg::Lock::Timeout=900 update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends $missing
  fi
fi
mkdir -p "$OUT"
if [ -z "$SRCROOT" ]; then
  SRCROOT=$OUT/src
  mkdir -p "$OUT/debs" "$SRCROOT"
  for p in $DATA; do
    ls "$OUT/debs/${p}_"*.deb >/dev/null 2>&1 || (cd "$OUT/debs" && apt-get download "$p")
    dpkg-deb -x "$(ls "$OUT/debs/${p}_"*.deb | tail -n 1)" "$SRCROOT"
  done
fi
find "$SRCROOT" -name '*.mid.gz' | while read -r gz; do
  if [ ! -f "${gz%.gz}" ]; then gzip -dc "$gz" > "${gz%.gz}"; fi
done
for wad in "$SRCROOT"/usr/share/games/doom/freedoom[12].wad; do   # freedoom's music is MIDI lumps inside the WADs
  if [ -f "$wad" ]; then /usr/bin/python3 "$HERE/wad_lumps.py" "$wad"; fi
done
gcc -O2 -Wall -o "$OUT/modrender" "$KIT/modrender.c" -lopenmpt -lm
/usr/bin/python3 "$KIT/make_media.py" --pieces "$HERE/pieces.json" --gt "$HERE/gt" --out "$OUT" \
  --modrender "$OUT/modrender" --root "$SRCROOT" "$@"
