#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Seed corpus for the sidecar reader's fuzz target: real sidecars written by
# tests/tools/sidecar_sample (scene with and without features, beat,
# incomplete, NaN values, a recorded source with and without its probed
# duration) and truncations of each, so that every prefix class the reader
# must reject is covered from the start.
#   cache/fuzz/make_seeds.sh SIDECAR_SAMPLE OUT_DIR
set -eu
sample=$1
out=$2
mkdir -p "$out"
media="$out/.media"
printf 'not really media, only bytes to identify\n' > "$media"

"$sample" scene "$out/scene.msgpack"
"$sample" scene "$out/scene-features.msgpack" --features 12x8
"$sample" scene "$out/scene-incomplete.msgpack" --incomplete
"$sample" scene "$out/scene-nan.msgpack" --nan
"$sample" scene "$out/scene-source.msgpack" --media "$media"
"$sample" beat "$out/beat.msgpack"
"$sample" beat "$out/beat-incomplete.msgpack" --incomplete
"$sample" beat "$out/beat-nan.msgpack" --nan
"$sample" beat "$out/beat-source.msgpack" --media "$media"
"$sample" beat "$out/beat-duration.msgpack" --media "$media" --duration 3
rm -f "$media"

# Truncations: the first bytes (header and magic), then eight cuts spread
# over each file, and the file less its last byte.
for f in "$out"/*.msgpack; do
    size=$(wc -c < "$f")
    base=${f%.msgpack}
    for n in 1 2 5 9 17 $((size / 8)) $((size / 4)) $((3 * size / 8)) $((size / 2)) \
             $((5 * size / 8)) $((3 * size / 4)) $((7 * size / 8)) $((size - 1)); do
        [ "$n" -gt 0 ] && [ "$n" -lt "$size" ] || continue
        head -c "$n" "$f" > "$base.cut$n"
    done
done
