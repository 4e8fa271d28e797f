#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# How long the fast mode's pass-2 windows would have to run for the scene
# detector to call their core settled (mt_scene_unsettled_from), against
# the fixed look-ahead they run now (MT_FAST_POST_FRAMES, 72 frames).
# Per MEDIA: the windows montage-fast-scene plans (--plan-only -v -v), and
# per frame how many frames a full decode pushed after it before the
# detector called it settled (scene_cli -vv); for each window that ends
# before the stream does, the frames after its core's last frame it would
# need. A proxy: a window starts without the history before it, the full
# decode with it.
#
#   bench/fast_settle_lag.sh MEDIA...
set -eu
cd "$(dirname "$0")/.."
. bench/fast_common.sh
CLI=$B/tools/scene_cli
out=$B/bench/settle
mkdir -p "$out"
post=$(sed -n 's/^#define MT_FAST_POST_FRAMES *\([0-9]*\).*/\1/p' driver/fast_plan.h)
for media in "$@"; do
    id=$(basename "$media")
    "$FAST" -v -v --plan-only --ffmpeg "$FFMPEG" --ffprobe "$FFPROBE" \
        --scene-filter "montagescene=sidecar=$out/$id.msgpack" --sidecar "$out/$id.msgpack" \
        "$media" 2> "$out/$id.plan"
    size=$("$FFPROBE" -v error -select_streams v:0 -show_entries stream=width,height,r_frame_rate \
        -of csv=p=0 "$media")
    w=${size%%,*}; rest=${size#*,}; h=${rest%%,*}; rate=${rest#*,}
    fps=$(echo "$rate" | awk -F/ '{ printf "%.6f", $1 / ($2 ? $2 : 1) }')
    "$FFMPEG" -nostdin -v error -i "$media" -map 0:v:0 -f rawvideo -pix_fmt yuv420p - |
        "$CLI" -s "${w}x$h" --fps "$fps" --pix-fmt yuv420p -v -v | grep '^# settle \|^# frame .* cut=' > "$out/$id.lags"
    # no pipefail in sh: a failed decode shows as no frame analysed
    grep -q '^# settle ' "$out/$id.lags" || { echo "$0: $media: no frame analysed" >&2; exit 1; }
    grep -o 'window [0-9]*\.\.[0-9]*' "$out/$id.plan" | sed 's/^window //; s/\.\./ /' |
        awk -v post=$post -v id="$id" -v lags="$out/$id.lags" '
            BEGIN { while ((getline l < lags) > 0) { split(l, f, " "); if (f[2] == "settle") { lag[f[3]] = f[4]; n = f[3] + 1 } } }
            $2 < n {
                p = $2 - 1 - post; k = lag[p]; w++
                if (k < 0) { open++; next }
                need += k; fixed += post; shorter += k < post; if (k > max) max = k
            }
            END { printf "%s: %d windows ending inside the stream; settled after %.1f frames on average (fixed %d), %d sooner than the fixed look-ahead, max %d, %d not before the end\n",
                         id, w, w - open ? need / (w - open) : 0, post, shorter, max, open }'
    # how long after its frame the full decode reported each transition
    # (on a frame without an event: at least the frames it needed after it)
    sed -n 's/^# frame \([0-9]*\) .* cut=\([a-z]*\) frame=\([0-9]*\) .*/\1 \2 \3/p' "$out/$id.lags" |
        awk -v id="$id" '{ d = $1 - $3; if (d > max) { max = d; at = $3 " (" $2 ")" } n++ }
            END { printf "%s: %d transitions reported up to %d frames after their frame (%s)\n", id, n, max, n ? at : "-" }'
done
