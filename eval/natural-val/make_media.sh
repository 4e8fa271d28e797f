#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Rebuild the natural-val clips (validation set, never tuned on) from Debian trixie/sid packages, and render
# the Doom demo clips (nw11-nw13) with bookworm's dsda-doom and freedoom.
# Usage: sh make_media.sh [OUTDIR]   (default ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/natural-val)
#   SRCROOT=DIR  take the source files from packages already unpacked (dpkg-deb -x) under DIR; no download
#   KEEP=1       keep the temporary apt state and .debs, and the lossless demo renders (the paths are printed)
#   DEMOS="ID:IWAD:LUMP:FRAMES ..."  render only these demo lumps, no other clip (../game-tune/make_media.sh)
# No root needed and the system's apt state is left alone: the packages are fetched with `apt-get download`
# under a private apt configuration (sources list, lists, cache, empty dpkg status in a temp dir) whose archive
# URI is read from this machine's own apt sources. Each source file's sha256 is checked against the one the
# ground truth was annotated on. Encoding: H.264 libx264 -crf 18, yuv420p, constant frame rate, no audio.
set -e
OUT=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/natural-val}
mkdir -p "$OUT"
# package=version as annotated (sid, Dec 2026)
PINNED="opencv-doc=4.10.0+dfsg-9 python-kivy-examples=2.3.1-3 renpy-demo=8.3.4+dfsg-6 lebiniou-data=3.67.0-1
hollywood=1.25-2 node-opencv=7.0.0+git20200316.f0a03a4b-3 python3-mecavideo=8.0-2"
# the demo renderer (bookworm) and the libraries of its that a base system lacks; the rest (SDL2, fluidsynth,
# GL, vorbisfile) must be installed: the script stops with the missing names otherwise
DEMO_PINNED="dsda-doom=0.25.6+dfsg-1 freedoom=0.12.1-2 libsdl2-image-2.0-0=2.6.3+dfsg-1
libsdl2-mixer-2.0-0=2.6.2+dfsg-2 libmad0=0.15.1b-10.1+b1 libdumb1=1:0.9.3-6+b3 libportmidi0=1:217-6.1
libmodplug1=1:0.8.9.0-3 libopusfile0=0.12-4"
if [ -n "$DEMOS" ]; then PINNED=; fi

# First "deb" URI of a non-security suite in /etc/apt (deb822 .sources files, then one-line .list files).
archive_uri() {
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
         { uri = ""; types = ""; suites = ""; on = 1
           for (i = 1; i <= NF; i++) {
             if ($i ~ /^URIs:/)    { split($i, w, /[ \t]+/); uri = w[2] }
             if ($i ~ /^Types:/)   types = $i
             if ($i ~ /^Suites:/)  suites = $i
             if ($i ~ /^Enabled:[ \t]*no/) on = 0 }
           if (on && uri != "" && types ~ /[ \t]deb([ \t]|$)/ && suites !~ /security/) print uri }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && $3 !~ /security/ { print $2 }'
  done
}

if [ -n "$SRCROOT" ]; then
  ROOT=$SRCROOT
else
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/natural-val.XXXXXX")
  URI=$(archive_uri 2>/dev/null | head -n 1)
  [ -n "$URI" ] || { echo "make_media.sh: no deb source found in /etc/apt" >&2; exit 1; }
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
  mkdir -p "$TMP/lists/partial" "$TMP/cache/archives/partial" "$TMP/prefs.d" "$TMP/debs" "$TMP/root"
  : > "$TMP/status"
  for suite in bookworm trixie sid; do
    echo "deb [signed-by=$KEYRING] $URI $suite main"
  done > "$TMP/sources.list"
  cat > "$TMP/apt.conf" <<EOF
Dir::Etc::sourcelist "$TMP/sources.list";
Dir::Etc::sourceparts "-";
Dir::Etc::preferences "$TMP/prefs";
Dir::Etc::preferencesparts "$TMP/prefs.d";
Dir::State::Lists "$TMP/lists";
Dir::State::status "$TMP/status";
Dir::Cache "$TMP/cache";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled "false";
EOF
  export APT_CONFIG="$TMP/apt.conf"
  if ! apt-get -q update > "$TMP/update.log" 2>&1; then
    grep -E '^(E|W):' "$TMP/update.log" >&2 || true
    echo "make_media.sh: WARN apt-get update reported errors; trying the downloads anyway" >&2
  fi
  cd "$TMP/debs"
  for p in $PINNED $DEMO_PINNED; do
    apt-get -q download "$p" > /dev/null 2>&1 || {
      echo "make_media.sh: WARN $p is gone from bookworm/trixie/sid; taking the current version (sha256 still checked)" >&2
      apt-get -q download "${p%%=*}" > /dev/null; }
  done
  for d in *.deb; do dpkg-deb -x "$d" "$TMP/root"; done
  cd - > /dev/null
  ROOT=$TMP/root
fi

status=0
# clip ID SHA256 SOURCE [FILTER]: transcode one source (or a frame-exact excerpt of it) into OUT/ID.mp4
clip() {
  [ -z "$DEMOS" ] || return 0
  src=$ROOT$3
  if [ ! -f "$src" ]; then echo "make_media.sh: $src: missing from the unpacked packages" >&2; status=1; return 0; fi
  sum=$(sha256sum "$src" | cut -d' ' -f1)
  if [ "$sum" != "$2" ]; then
    echo "make_media.sh: WARN $3: sha256 $sum is not the annotated $2; the ground truth may not fit" >&2
  fi
  encode "$src" "$1" "$4"
  echo "$1: $(count_frames "$OUT/$1.mp4") frames"
}
# encode SOURCE ID [FILTER]: the one H.264 encoding every clip gets
encode() {
  ffmpeg -nostdin -v error -y -i "$1" -map 0:v:0 -an ${3:+-vf "$3"} \
    -c:v libx264 -preset medium -crf 18 -pix_fmt yuv420p -fps_mode cfr "$OUT/$2.mp4"
}
count_frames() {
  ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"
}

# Megamind.avi stores packed B-frames without timestamps (ffmpeg guesses one frame too many): time stamps
# are rebuilt from the frame index; its frame 0 is an encoded black frame before the first picture and is dropped. cityCC0.mpg is 720x405: its last row is cropped for 4:2:0.
clip nv01_megamind24 0057387cb7e75c8fd1663b62cfdc51fa53f527795d0fe3c1fea2fd159d3130b5 \
  /usr/share/doc/opencv-doc/examples/data/Megamind.avi \
  trim=start_frame=1,setpts=N/FRAME_RATE/TB
# the same excerpt with frame damage painted in (lines, blocks, dropouts), stored at 30 fps: same treatment
clip nv08_megabug30 b82dd32d5444031d1a46a133e7554be7b80c54d12e3503a1b1332a540218e22c \
  /usr/share/doc/opencv-doc/examples/data/Megamind_bugy.avi \
  trim=start_frame=1,setpts=N/FRAME_RATE/TB
clip nv09_tree15 4666099d0f704e310047b2f0a5ec9f936cb76a7271de9a2e70a0c57f82ac82dc \
  /usr/share/doc/opencv-doc/examples/data/tree.avi
clip nv02_city25 fe129d341e5b1a174336b956bf16d2b215a506c4a07f6fa3351a1e9b58ca0279 \
  /usr/share/kivy-examples/widgets/cityCC0.mpg crop=720:404:0:0
clip nv03_launch24 1a32f2934354c655d5687d1628269e24796dfd75d5a7847ae8d886bf38d0a992 \
  /usr/share/games/renpy/demo/game/oa4_launch.webm
clip nv04_lebiniou30 1c84eb8b97d9fb01a5590b405fb3e94d8c3d8a9c8654e1813fe33ef08fa24ef8 \
  /usr/share/lebiniou/vue/media/lebiniou-2021-06-10_12-28-28.mp4
clip nv10_kaleido30 dea0f8ce95445503f4195060bf53857e5fb03f310bafec5ef4c8f8e283ab0de8 \
  /usr/share/lebiniou/vue/media/lebiniou-2021-06-10_12-19-53.mp4
# soundwave.mp4 is 208 s: keep its first 1020 decoded frames (60 s at 17 fps)
clip nv05_soundwave17 adfbe83f0f38796b2788f76e1c09274b756247b0800557d6f08588aac8bf35e9 \
  /usr/share/hollywood/soundwave.mp4 trim=end_frame=1020,setpts=PTS-STARTPTS
clip nv06_coin30 56310ef94122124bd798f2fdbb4f3786ec399ca1793faaf6ebc099ed75212ca8 \
  /usr/share/doc/node-opencv/examples/files/motion.mov
clip nv07_ball25 85a4c1934e97e4175582c3f2e233982a4a98ad41ad3415d1f3aa5c0fda04e3dc \
  /usr/share/pymecavideo/data/video/balle-jbart.mp4

# Doom demos rendered by a real engine: real gameplay (whip pans, muzzle flashes, damage palettes, explosions,
# strobing lights) in one continuous first-person view, no edits. dsda-doom plays a demo lump of a freedoom IWAD
# and pipes every frame to ffmpeg (FFV1, lossless) at 35 fps, one frame per game tic; SDL's dummy drivers keep it
# headless. Renders of a demo have the same frame count and the same frames but for a pixel pair on a wall seam
# in 0-2 frames per clip (an engine quirk; the ground truth is not affected). The engine's screen melt into the level is not captured (cap_wipescreen 0): it advances by wall-clock
# time, so the number of frames it took changed from run to run (1443-1455 for the same demo).
DOOM=$ROOT/usr/games/dsda-doom
DOOMLIB=$ROOT/usr/lib/x86_64-linux-gnu
doom_ready() {
  if [ ! -x "$DOOM" ]; then echo "make_media.sh: $DOOM: missing from the unpacked packages" >&2; return 1; fi
  missing=$(LD_LIBRARY_PATH=$DOOMLIB ldd "$DOOM" | awk '/not found/ { printf " %s", $1 }')
  if [ -n "$missing" ]; then echo "make_media.sh: $DOOM needs libraries that are not installed:$missing" >&2; return 1; fi
  sum=$(sha256sum "$DOOM" | cut -d' ' -f1)
  [ "$sum" = cdb713f14020645b0cdce5ee6985a4fc3f9aa3c737ac3ac5e39aaa2705bacedd ] ||
    echo "make_media.sh: WARN $DOOM is not dsda-doom 0.25.6+dfsg-1 (sha256 $sum); the ground truth may not fit" >&2
}
# demo ID IWAD LUMP FRAMES: render demo lump LUMP of IWAD into OUT/ID.mp4 (FRAMES as annotated)
demo() {
  wad=$ROOT/usr/share/games/doom/$2
  case $2 in
    freedoom1.wad) want=84c3a912f2973892a8025d09d65f5053b1ee2304968a5a172526d683a185b885 ;;
    freedoom2.wad) want=c72de2af7e2d0c17f6213e751a167e2f1913278aaf37ae6957854fe3cd6588ca ;;
    *) want=unknown ;;
  esac
  sum=$(sha256sum "$wad" | cut -d' ' -f1)
  [ "$sum" = "$want" ] || echo "make_media.sh: WARN $wad: sha256 $sum is not the annotated $want" >&2
  work=$(mktemp -d "${TMPDIR:-/tmp}/natural-val-demo.XXXXXX")
  /usr/bin/python3 - "$wad" "$3" "$work/demo.lmp" <<'PY'
import struct, sys
wad, name, out = sys.argv[1:]
data = open(wad, 'rb').read()
_, count, table = struct.unpack('<4sii', data[:12])
for i in range(count):
    pos, size, lump = struct.unpack('<ii8s', data[table + 16 * i:table + 16 * i + 16])
    if lump.rstrip(b'\0').decode() == name:
        open(out, 'wb').write(data[pos:pos + size]); sys.exit(0)
sys.exit('make_media.sh: %s: no lump %s' % (wad, name))
PY
  # No interpolated frames, no progress bar, no melt; sound goes to a null muxer (the clips are silent), video
  # to FFV1. The engine rewrites this file on exit.
  cat > "$work/dsda-doom.cfg" <<CFG
uncapped_framerate 0
hudadd_demoprogressbar 0
cap_wipescreen 0
cap_fps 35
cap_soundcommand "ffmpeg -v error -f s16le -ar %s -ac 2 -i - -f null -"
cap_videocommand "ffmpeg -v error -f rawvideo -pix_fmt rgb24 -r %r -s %wx%h -i - -c:v ffv1 -y temp_v.nut"
cap_muxcommand "ffmpeg -v error -i temp_v.nut -map 0:v -c copy -y render.mkv"
CFG
  (cd "$work" && HOME=$work DOOMWADDIR=$ROOT/usr/share/dsda-doom LD_LIBRARY_PATH=$DOOMLIB \
    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$DOOM" -iwad "$wad" -config "$work/dsda-doom.cfg" -nosound \
    -viddump render.mkv -timedemo demo.lmp > render.log 2>&1) || true
  n=$(count_frames "$work/render.mkv" 2>/dev/null || echo 0)
  if [ "$n" != "$4" ]; then
    echo "make_media.sh: $1: the render has $n frames, the ground truth $4 (see $work/render.log)" >&2
    status=1; return 0
  fi
  encode "$work/render.mkv" "$1"
  echo "$1: $(count_frames "$OUT/$1.mp4") frames"
  if [ -n "$KEEP" ]; then echo "kept $work (render.mkv: the lossless render)"; else rm -rf "$work"; fi
}
if doom_ready; then
  for d in ${DEMOS:-nw11_freedoom2demo1:freedoom2.wad:DEMO1:1415 nw12_freedoom1demo1:freedoom1.wad:DEMO1:1531
                    nw13_freedoom2demo4:freedoom2.wad:DEMO4:1842}; do
    # shellcheck disable=SC2046
    demo $(echo "$d" | tr : ' ')
  done
else
  status=1
fi

if [ -n "$TMP" ]; then
  if [ -n "$KEEP" ]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
fi
exit $status
