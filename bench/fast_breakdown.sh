#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Where montage-fast-scene's pass 2 spends its decoding: for each MEDIA,
# the frames pass 2 decodes (re-decodes counted again), split into
#   boundary   the spans of flagged key frame pairs that hold a transition
#              of the full decode (from the pair's first key frame to the
#              frame before its second)
#   false      the spans of flagged pairs that hold none (and, on a
#              second line, by the rule that flagged them: fast_plan.h)
#   ahead      frames after a pair's span: look-ahead (MT_FAST_POST_FRAMES)
#              and the windows after the last key frame
#   history    frames before a window's pair, decoded for history
#              (windows planned warm, and heads decoded again)
# and pass 1's key frames, the number of ffmpeg runs (start-up), and the
# frames of the whole file. Frame counts only: CPU per frame differs
# between key frames and the rest; bench/fast_vs_full.sh gives the CPU.
# The full decode's sidecar (the reference) is taken from next to MEDIA
# (MEDIA minus .mp4 plus .full.msgpack, as bench/fast_accuracy.sh leaves
# it) or made in build/bench/breakdown.
#
#   bench/fast_breakdown.sh MEDIA...
#   FAST_ARGS="--post 8" POST=8 bench/fast_breakdown.sh build/bench/long.k250.mp4
#   bench/fast_breakdown.sh --from DIR
# --from: no runs; reads what bench/fast_accuracy.sh left in its RESULTS
# directory DIR (ID.log of montage-fast-scene -v -v, ID.full.txt and
# ID.fast.txt), a row per encode and a total.
set -eu
cd "$(dirname "$0")/.."
. bench/fast_common.sh
out=${RESULTS:-$B/bench/breakdown}
mkdir -p "$out"
[ $# -gt 0 ] || { echo "usage: $0 MEDIA... | --from DIR" >&2; exit 1; }

# breakdown LOG FULL_TXT ID SAME: one row (and the false flags' rules)
# from a montage-fast-scene -v -v log and the full decode's transitions.
# Every decode of pass 2 is a "window S..E" line of the plan (those
# planned with history start at their warm start) or a head decoded again
# ("its first P frames again from W": W to S + P + post, capped at E); a
# frame is labelled by what it is for, in the order boundary, false,
# history, ahead. A fallback to the full decode counts every frame as
# "full".
breakdown() {
    awk -v post="${POST:-72}" -v tf="$2" -v id="$3" -v same="$4" '
        BEGIN { while ((getline l < tf) > 0) { split(l, t, " "); nt++; tfirst[nt] = t[3]; tlast[nt] = t[4] } }
        / frames, [0-9]+ key frames decoded, / { n = $2; keys = $4 }
        / full decode: / { full = 1 }
        / key frames and [0-9]+ of [0-9]+ frames in / { if (!n) n = $9 }
        /pair [0-9]+\.\.[0-9]+ flagged/ {
            split($3, p, "\\.\\."); a = p[1] + 0; b = p[2] + 0; hold = 0
            for (i = 1; i <= nt; i++) if (tlast[i] > a && tfirst[i] <= b) hold = 1
            for (f = a; f < b; f++) label[f] = hold ? "boundary" : (label[f] == "boundary" ? "boundary" : "false")
            if (!hold) for (i = 4; i <= NF; i++) whyn[$i] += b - a
            npair++; pa[npair] = a }
        /: window [0-9]+\.\.[0-9]+ \(with history from/ {
            split($3, w, "\\.\\."); nw++; ws[nw] = w[1] + 0; we[nw] = w[2] + 0 }
        /its first [0-9]+ frames again from/ {
            split($3, w, "\\.\\."); nh++; hs[nh] = $NF + 0; hp[nh] = w[1] + 0; he[nh] = w[2] + 0; hpre[nh] = $6 + 0 }
        END {
            for (i = 1; !full && i <= nw; i++) {
                runs++
                # unlabelled frames before the window'"'"'s first flagged pair
                # are history, after it look-ahead
                first = -1
                for (j = 1; j <= npair; j++)
                    if (pa[j] >= ws[i] && pa[j] < we[i] && (first < 0 || pa[j] < first)) first = pa[j]
                if (first < 0) first = ws[i] # the window after the last key frame
                for (f = ws[i]; f < we[i]; f++)
                    cnt[(f in label) ? label[f] : (f < first ? "history" : "ahead")]++ }
            # a head decoded again: history, then its first frames again
            for (i = 1; !full && i <= nh; i++) {
                runs++
                lim = hp[i] + hpre[i] + post; if (lim > he[i]) lim = he[i]
                cnt["history"] += lim - hs[i] }
            if (full) { runs = 1; cnt["full"] = n }
            total = cnt["boundary"] + cnt["false"] + cnt["ahead"] + cnt["history"] + cnt["full"]
            printf "%-28s %6d %5d %5d %7d %8d %6d %6d %7d %5d %s\n", id, n, keys, runs + 2, total,
                cnt["boundary"], cnt["false"], cnt["ahead"], cnt["history"], cnt["full"], same
            if (cnt["false"]) printf "  false flags by rule (frames of their spans): colour %d, structure %d, contrast %d\n",
                whyn["colour"], whyn["structure"], whyn["contrast"] }
    ' "$1"
}

printf '%-28s %6s %5s %5s %7s %8s %6s %6s %7s %5s %s\n' media frames keys runs pass2 boundary false \
    ahead history full transitions
if [ "$1" = --from ]; then
    for log in "$2"/*.log; do
        id=$(basename "$log" .log)
        same=DIFFERENT
        cmp -s "$2/$id.full.txt" "$2/$id.fast.txt" && same="same ($(wc -l < "$2/$id.full.txt"))"
        breakdown "$log" "$2/$id.full.txt" "$id" "$same"
    done | tee "$out/from.txt"
    awk '!/^ / { for (i = 2; i <= 10; i++) s[i] += $i; n++ }
         / colour / { c += $10; st += $12; ct += $14 }
         END { printf "%-28s %6d %5d %5d %7d %8d %6d %6d %7d %5d %d encodes\n", "TOTAL", s[2], s[3], s[4], s[5],
                      s[6], s[7], s[8], s[9], s[10], n
               printf "  false flags by rule (frames of their spans): colour %d, structure %d, contrast %d\n", c, st, ct }' \
        "$out/from.txt"
    exit 0
fi
for media in "$@"; do
    id=$(basename "$media")
    full=$out/$id.full.msgpack fast=$out/$id.fast.msgpack
    # bench/fast_accuracy.sh keeps the full decode's sidecar next to its encodes
    [ "${media%.mp4}.full.msgpack" -nt "$FFMPEG" ] && full=${media%.mp4}.full.msgpack
    [ "$full" -nt "$FFMPEG" ] && [ "$full" -nt "$media" ] ||
        "$FFMPEG" -nostdin -v error -threads 1 -i "$media" -map 0:v:0 -vf "montagescene=sidecar=$full" -f null -
    # shellcheck disable=SC2086
    "$FAST" -v -v --max-cover 1 ${FAST_ARGS:-} --ffmpeg "$FFMPEG" --ffprobe "$FFPROBE" \
        --scene-filter "montagescene=sidecar=$fast" --sidecar "$fast" "$media" 2> "$out/$id.log"
    transitions "$full" > "$out/$id.full.txt"
    transitions "$fast" > "$out/$id.fast.txt"
    same=DIFFERENT
    cmp -s "$out/$id.full.txt" "$out/$id.fast.txt" && same="same ($(wc -l < "$out/$id.full.txt"))"
    breakdown "$out/$id.log" "$out/$id.full.txt" "$id" "$same"
done
