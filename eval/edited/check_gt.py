#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Check the ground truth of one clip of an edited set against its uncompressed renders, frame by frame.

  check_gt.py [--write] GT.json XFADE.framemd5 EARLY.framemd5 LATE.framemd5   (made by render_edl.py)
A frame is mixed when it differs from both the early-cut render (which shows B there) and the late-cut
render (which shows A there). The mixed frames must be exactly the frames of the gradual transitions,
and every other frame must equal both renders. Prints each transition's mixed span and exits 1 on any
mismatch. --write first fits each gradual span of GT.json to the run of mixed frames around it: some
xfade wipes keep one column, row or pixel of the other shot at progress 0 or 1 (wipeleft's x > w*p, for
example), which mixes the frame before or the two frames after the computed span; others (the slices,
radial, the diagonals) change no pixel in their first or last few frames, which are then pure frames.
"""
import json, sys


def md5s(path):
    return [line.split(",")[-1].strip() for line in open(path) if not line.startswith("#")]


def fit(gt, mixed):
    fps = gt["fps"]
    for t in gt["transitions"]:
        if t["type"] == "cut":
            continue
        first, last = t["first"], t["last"]
        while first not in mixed and first < last:
            first += 1
        while last not in mixed and last > first:
            last -= 1
        while first - 1 in mixed:
            first -= 1
        while last + 1 in mixed:
            last += 1
        if (first, last) != (t["first"], t["last"]):
            t["detail"] += "; measured span %+d/%+d frames (%s)" % (
                first - t["first"], last - t["last"],
                "an edge line of the other shot" if first <= t["first"] and last >= t["last"]
                else "frames a wipe leaves pure")
            t["first"], t["last"] = first, last
            t["time_first"], t["time_last"] = round(first / fps, 6), round(last / fps, 6)


def main():
    args = sys.argv[1:]
    write = args[0] == "--write"
    if write:
        args = args[1:]
    gt = json.load(open(args[0]))
    xf, early, late = (md5s(p) for p in args[1:4])
    bad = 0
    if not len(xf) == len(early) == len(late) == gt["frames"]:
        print("%s: frame counts %d/%d/%d, ground truth %d" % (gt["id"], len(xf), len(early), len(late), gt["frames"]))
        return 1
    mixed = {k for k in range(len(xf)) if xf[k] != early[k] and xf[k] != late[k]}
    if write:
        fit(gt, mixed)
        json.dump(gt, open(args[0], "w"), indent=1)
    half = {k for k in range(len(xf)) if (xf[k] != early[k]) != (xf[k] != late[k])}
    want, inside = set(), set()
    for t in gt["transitions"]:
        if t["type"] != "cut":
            span = set(range(t["first"], t["last"] + 1))
            want |= span
            if t["first"] in mixed and t["last"] in mixed:
                inside |= span - mixed
            # the pure frames a wipe leaves at its ends: still the old shot before the span (the early-cut
            # render already shows the new one there), already the new shot after it
            k = t["first"] - 1
            while k in half and xf[k] == late[k]:
                half.discard(k)
                k -= 1
            k = t["last"] + 1
            while k in half and xf[k] == early[k]:
                half.discard(k)
                k += 1
            print("%s %-8s %5d-%5d: %d of %d frames mixed" % (gt["id"], t["type"], t["first"], t["last"],
                                                            len(span & mixed), len(span)))
    for k in sorted(inside):
        # a soft-edged wipe (smoothdown) can round its edge to nothing on a frame between mixed ones
        print("%s: frame %d is in a transition between mixed frames, equal to a pure frame (allowed)" % (gt["id"], k))
    for k in sorted((mixed ^ want) - inside):
        print("%s: frame %d is %s" % (gt["id"], k, "mixed, not in a transition" if k in mixed else
                                      "in a transition, equal to a pure frame"))
        bad = 1
    for k in sorted(half - want):
        print("%s: frame %d differs from one of the cut renders only" % (gt["id"], k))
        bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
