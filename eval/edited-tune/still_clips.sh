#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Generated clips for the rule on cuts between still shots
# (analysis/scene/scene_still_cut.c; README, "Cuts between still shots"):
# stills of natural-dev and game-tune frames and terminal-like text
# (DejaVu Sans Mono), with light temporal noise, x264 crf 18 as the edited
# sets. pos_*: one cut at frame 50; neg_*: no cut. TUNE material (made of
# tune footage only); a development tool, no test reads it.
#
#   sh eval/edited-tune/still_clips.sh OUT [ND_DIR [GAME_DIR]]
set -eu
out=${1:?usage: still_clips.sh OUT [ND_DIR [GAME_DIR]]}
c=${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval
nd=${2:-$c/natural-dev} game=${3:-$c/game-tune}
# absolute: the clips are made from inside OUT
nd=$(cd "$nd" && pwd) game=$(cd "$game" && pwd)
font=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf}
mkdir -p "$out"
cd "$out"

frame() { # CLIP N PNG [SCALE]: frame N of CLIP
    ffmpeg -v error -y -i "$1" -vf "select='eq(n,$2)'${4:+,$4},setsar=1" -frames:v 1 "$3"
}
frame "$nd/nd02_cytintro25a.mp4" 100 pa.png scale=640:360
frame "$nd/nd02_cytintro25a.mp4" 700 pb.png scale=640:360
frame "$nd/nd03_cytintro25b.mp4" 500 pc.png scale=640:360
frame "$game/t1_fd1demo2.mp4" 20 doom.png
# pages of random words, fixed seed
/usr/bin/python3 - <<'PY'
import random
random.seed(7)
w = ("system kernel module loaded device ready mount root filesystem check network interface up route added "
     "daemon started listening port user login session opened closed error warning retry timeout").split()
def page(n):
    return "\n".join(" ".join(random.choice(w) for _ in range(random.randint(4, 8))) for _ in range(n))
for name, n in (("ta", 14), ("tb", 14), ("tc", 3), ("tall", 40)):
    open(name + ".txt", "w").write(page(n))
PY
text() { # FILE Y SIZE
    echo "drawtext=fontfile=$font:textfile=$1:fontcolor=0x60ff60:fontsize=$3:line_spacing=4:x=30:y=$2"
}
mk() { # NAME FPS FRAMES GRAPH(on [0], [1]) INPUT...
    name=$1 fps=$2 n=$3 graph=$4
    shift 4
    ffmpeg -v error -y "$@" -filter_complex "$graph,noise=alls=2:allf=t,format=yuv420p[o]" -map "[o]" \
        -r "$fps" -frames:v "$n" -c:v libx264 -preset medium -crf 18 "$name.mp4"
}
bg="-f lavfi -i color=c=0x0c240c:s=640x360:r=25"
tall="-f lavfi -i color=c=0x0c240c:s=640x1200:r=25"
still() { echo "-loop 1 -framerate ${2:-25} -t ${3:-2} -i $1"; }
# shellcheck disable=SC2046,SC2086  # the inputs are word lists on purpose
{
mk pos_pages 25 100 "[0][1]concat=n=2:v=1" $(still pa.png) $(still pb.png)
mk pos_pages2 25 100 "[0][1]concat=n=2:v=1" $(still pb.png) $(still pc.png)
mk pos_text 25 100 "[0]$(text ta.txt 20 16)[a];[1]$(text tb.txt 20 16)[b];[a][b]concat=n=2:v=1" \
    -t 2 $bg -t 2 $bg
mk neg_light 25 100 "[0]eq=brightness=0.06:enable='between(n,40,45)'" $(still pa.png 25 4)
mk neg_lamp 25 100 "[0]eq=brightness=0.06:enable='gte(n,50)'" $(still pa.png 25 4)
mk neg_flash1 25 100 "[0]eq=brightness=0.5:enable='eq(n,50)'" $(still pa.png 25 4)
mk neg_blip 25 100 "[0]drawbox=x=200:y=120:w=80:h=80:c=white:t=fill:enable='eq(n,50)'" $(still pa.png 25 4)
cursor="drawbox=x=30:y=330:w=10:h=18:c=0x60ff60:t=fill:enable='lt(mod(n,24),12)'"
mk neg_cursor 25 100 "[0]$(text ta.txt 20 16),$cursor" $bg
mk neg_lines 25 100 "[0]$(text tc.txt 20 16),$(text ta.txt 80 16):enable='gte(n,50)'" $bg
mk neg_scroll1 25 100 "[0]$(text tall.txt 20 16),crop=640:360:0:'min(n,400)'" $tall
mk neg_scroll_line 25 100 "[0]$(text tall.txt 20 16),crop=640:360:0:'20*floor(n/12)'" $tall
mk neg_scroll_small 25 100 "[0]$(text tall.txt 20 11),crop=640:360:0:'15*floor(n/12)'" $tall
mk neg_scroll_once 25 120 "[0]$(text tall.txt 20 11),crop=640:360:0:'15*gte(n,40)+15*gte(n,80)'" $tall
mk neg_scroll_once16 25 120 "[0]$(text tall.txt 20 16),crop=640:360:0:'20*gte(n,40)+20*gte(n,80)'" $tall
mk neg_doomflash 35 140 "[0]eq=brightness=0.15:enable='between(n,50,51)'" $(still doom.png 35 4)
mk neg_doomblink 35 140 "[0]eq=brightness=0.12:enable='lt(mod(n,40),20)'" $(still doom.png 35 4)
}
rm -f pa.png pb.png pc.png doom.png ta.txt tb.txt tc.txt tall.txt
