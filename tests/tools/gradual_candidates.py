#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Why each annotated gradual transition was found or missed: the gradual
candidates near it and the test each one stopped at.

    tests/tools/gradual_candidates.py TRACE GT_JSON [--missed REPORTED]

TRACE is `scene_cli -vv` output (the "# trace gradual? lag L anchors A..B"
blocks of scene_gradual.c and the lines that follow them); GT_JSON holds
"transitions" ({type, first, last}). For every annotated dissolve, wipe and
fade, prints the candidates whose anchors reach within 5 frames of it, with
lag, anchors, plateau peak and where each stopped:

  early      no "located" line: the anchors overlap a known transition or
             a span already examined, or the window is too short
  span N     located wider than the longest lag (and not a long span at
             lag 64), or the coarse span outside LONG_MIN..LONG_MAX_SPAN
  held       too many repeated images (MAX_HELD_SHARE)
  located    located, then stopped before the content test (a conflict
             with a known transition, flat frames: a fade's)
  content    the shots differ less than MIN_CROSS_CONTENT
  blend/dip  past the content test, failed the blend, cell-choice and
             contrast-dip tests
  light      failed the light test (MAX_LIGHT_DEPARTURE)
  ACCEPT     reported

With --missed, only the transitions no `# transition` line of REPORTED
(scene_cli -v or -vv output; may be TRACE itself) falls in ([first-2,
last+2], as the shared scorer matches). A development tool: not part of the
test suite; the reasons follow candidate() in scene_gradual.c and must be
kept in step with it.
"""
import json
import re
import sys

MIN_CROSS_CONTENT = 0.72  # scene_gradual.c
MAX_CROSS_HIST = 0.3
LONGEST_LAG = 64


def read_blocks(path):
    blocks, cur = [], None
    with open(path) as f:
        for line in f:
            if not line.startswith("# trace"):
                continue
            text = line[len("# trace "):].rstrip("\n")
            m = re.match(r"gradual\? lag (\d+) anchors (\d+)\.\.(\d+) peak ([\d.]+)", text)
            if m:
                cur = {"lag": int(m[1]), "a": int(m[2]), "b": int(m[3]), "peak": float(m[4]),
                       "lines": []}
                blocks.append(cur)
            elif text.startswith("  ") and cur is not None:
                cur["lines"].append(text.strip())
            else:
                cur = None
    return blocks


def first_with(lines, prefix):
    for line in lines:
        if line.startswith(prefix):
            return line
    return None


def span_width(line):
    """frames in the line's [first,last], 0 when it has none (trace changed)"""
    m = re.search(r"\[(\d+),(\d+)\]", line or "")
    return int(m[2]) - int(m[1]) + 1 if m else 0


def reason(block):
    lines = block["lines"]
    if not lines:
        return "early"
    accepted = first_with(lines, "->")
    if accepted:
        return "ACCEPT " + accepted
    if first_with(lines, "held"):
        return "held"
    shots = first_with(lines, "shots")
    if not shots:
        coarse, located = first_with(lines, "coarse"), first_with(lines, "located")
        if coarse:
            return "span %d (%s)" % (span_width(coarse), coarse)
        if located and span_width(located) > LONGEST_LAG:
            return "span %d (%s)" % (span_width(located), located)
        return "located (%s)" % located
    m = re.search(r"structure ([\d.]+) hist ([\d.]+)", shots)
    if not m:
        return "shots (%s)" % shots
    content = float(m[1]) + min(float(m[2]), MAX_CROSS_HIST)
    if content < MIN_CROSS_CONTENT:
        return "content %.3f (%s)" % (content, shots)
    details = " ".join(x for x in (first_with(lines, "middle"), first_with(lines, "contrast dip"),
                                   first_with(lines, "coarse")) if x)
    light = first_with(lines, "light")
    if light:
        return "light (%s) %s" % (light, details)
    return "blend/dip: " + details


def reported_frames(path):
    frames = []
    with open(path) as f:
        for line in f:
            m = re.match(r"# transition \w+ frame=(\d+)", line)
            if m:
                frames.append(int(m[1]))
    return frames


def main():
    args = sys.argv[1:]
    reported = None
    if "--missed" in args:
        i = args.index("--missed")
        if i + 1 >= len(args):
            sys.exit("gradual_candidates.py: --missed needs the REPORTED trace")
        reported = reported_frames(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit("usage: gradual_candidates.py TRACE GT_JSON [--missed REPORTED]")
    blocks = read_blocks(args[0])
    with open(args[1]) as f:
        transitions = json.load(f)["transitions"]
    for t in transitions:
        if t["type"] == "cut":
            continue
        if reported is not None and any(t["first"] - 2 <= k <= t["last"] + 2 for k in reported):
            continue
        print("%s %d-%d (%d frames)" % (t["type"], t["first"], t["last"], t["last"] - t["first"] + 1))
        for b in blocks:
            if b["b"] >= t["first"] - 5 and b["a"] <= t["last"] + 5:
                print("   lag %2d %5d..%5d peak %.3f: %s" % (b["lag"], b["a"], b["b"], b["peak"],
                                                           reason(b)))


if __name__ == "__main__":
    main()
