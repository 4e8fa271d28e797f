#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Render one real-music evaluation set (music-val, music-tune) from Debian 12 packages and check it against the
# set's gt/ and the PCM md5s in its pieces.json. Each set's make_media.sh calls this with its own directory.
# The renderer is the music-dev kit (../shared/eval/music-dev, not copied here).
#   sh eval/music-media/make_set_media.sh SETDIR [make_media.py args: --only ID,ID --no-mp3 --write-gt --update-md5]
#   NO_INSTALL=1   tools are installed already (data packages are still fetched)
#   SRCROOT=DIR    data packages already unpacked under DIR (dpkg-deb -x), no apt
#   KIT=DIR        the music-dev kit (default: shared/eval/music-dev beside the repo)
#   EXTRA_TOOLS    Debian packages the set needs beyond the renderer's (set by the set's make_media.sh)
# Output: ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/<set name>/<id>.{flac,mp3}
#
# The data packages are not installed: `apt-get download` + `dpkg-deb -x` into $OUT/src. Some pieces live under
# /usr/share/doc, which minimal Debian images drop at install time (dpkg path-exclude), and some data packages
# would pull in Qt. Derived files, made next to their source: gzipped MIDI files unpacked; freedoom's music, which
# is MIDI lumps inside its WADs (wad_lumps.py writes freedoom[12].wad.d/D_*.mid); MuseScore demo scores exported
# to MIDI by mscore3 (the export carries the score's tempo map and time signatures); ABC tunes rendered to MIDI
# by abc2midi (abc_midi.py: entries with an "abc" object, the set's make_media.sh adds abcmidi to EXTRA_TOOLS).
# apt sources come from the machine's own configuration; no archive host is named here.
set -e
[ -d "$1" ] && [ -f "$1/pieces.json" ] || { echo "make_set_media.sh: $1: no pieces.json there" >&2; exit 1; }
SET=$(cd "$1" && pwd); shift
HERE=$(cd "$(dirname "$0")" && pwd)
KIT=${KIT:-$(cd "$HERE/../../.." && pwd)/shared/eval/music-dev}
[ -f "$KIT/make_media.py" ] || KIT=/work/shared/eval/music-dev
[ -f "$KIT/make_media.py" ] || { echo "make_set_media.sh: music-dev kit not found (set KIT=DIR)" >&2; exit 1; }
OUT=${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/$(basename "$SET")
TOOLS="gcc libc6-dev libopenmpt-dev ffmpeg fluidsynth fluid-soundfont-gm timgm6mb-soundfont python3 python3-mido python3-numpy python3-mir-eval $EXTRA_TOOLS"
DATA=$(sed -n 's/.*"package": *"\([^"]*\)".*/\1/p' "$SET/pieces.json" | sort -u | tr '\n' ' ')
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
for wad in "$SRCROOT"/usr/share/games/doom/freedoom[12].wad; do
  if [ -f "$wad" ]; then /usr/bin/python3 "$HERE/wad_lumps.py" "$wad"; fi
done
find "$SRCROOT" -path '*/mscore3-*/demos/*' \( -name '*.mscx' -o -name '*.mscz' \) | while read -r score; do
  # offscreen: mscore3 needs no display for a conversion
  if [ ! -f "${score%.msc?}.mid" ]; then QT_QPA_PLATFORM=offscreen mscore3 -o "${score%.msc?}.mid" "$score" >/dev/null 2>&1; fi
done
if grep -q '"abc":' "$SET/pieces.json"; then /usr/bin/python3 "$HERE/abc_midi.py" "$SET/pieces.json" "$SRCROOT"; fi
gcc -O2 -Wall -o "$OUT/modrender" "$KIT/modrender.c" -lopenmpt -lm
/usr/bin/python3 "$KIT/make_media.py" --pieces "$SET/pieces.json" --gt "$SET/gt" --out "$OUT" \
  --modrender "$OUT/modrender" --root "$SRCROOT" "$@"
