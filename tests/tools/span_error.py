#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""How well the reported span of each gradual transition covers the annotated one.

    tests/tools/span_error.py GT_DIR OUT_DIR [OUT_DIR...]

OUT_DIR is what tests/tools/eval_scenes.sh wrote (<id>.log, scene_cli -v:
"# transition TYPE frame=N [FIRST,LAST] ..."); GT_DIR holds <id>.json with
"transitions" ({type, first, last}). Reported transitions are matched to
annotated ones on `frame` as the shared scorer does (inside [first-2,
last+2], nearest first, one to one). For every matched transition that is
gradual in the annotation, prints the error of the reported first and last
frame (reported - annotated) and the overlap (IoU) of the two spans; then
per OUT_DIR the median |error| of first and last, the median IoU, and the
type confusion (annotated -> reported). A development tool: not part of
the test suite.
"""
import json
import os
import re
import statistics
import sys

TOL = 2
LINE = re.compile(r"^# transition (\w+) frame=(-?\d+) \[(-?\d+),(-?\d+)\]")


def load_reported(path):
    out = []
    for line in open(path):
        m = LINE.match(line)
        if m:
            out.append({"type": m.group(1), "frame": int(m.group(2)),
                        "first": int(m.group(3)), "last": int(m.group(4))})
    return out


def match(gts, preds):
    """Maximum bipartite matching of annotated to reported, nearest first."""
    def dist(g, k):
        if k < g["first"] - TOL or k > g["last"] + TOL:
            return None
        return 0 if g["first"] <= k <= g["last"] else min(abs(k - g["first"]), abs(k - g["last"]))
    cand = []
    for g in gts:
        c = [(dist(g, p["frame"]), i) for i, p in enumerate(preds)]
        cand.append([i for d, i in sorted(x for x in c if x[0] is not None)])
    owner = {}

    def augment(gi, seen):
        for pi in cand[gi]:
            if pi not in seen:
                seen.add(pi)
                if pi not in owner or augment(owner[pi], seen):
                    owner[pi] = gi
                    return True
        return False
    for gi in range(len(gts)):
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


def iou(a0, a1, b0, b1):
    inter = min(a1, b1) - max(a0, b0) + 1
    union = max(a1, b1) - min(a0, b0) + 1
    return max(inter, 0) / union


def one_set(gt_dir, out_dir):
    rows, confusion = [], {}
    for name in sorted(os.listdir(out_dir)):
        if not name.endswith(".log"):
            continue
        cid = name[:-4]
        gt_path = os.path.join(gt_dir, cid + ".json")
        if not os.path.exists(gt_path):
            continue
        gts = json.load(open(gt_path))["transitions"]
        preds = load_reported(os.path.join(out_dir, name))
        for gi, pi in sorted(match(gts, preds).items()):
            g, p = gts[gi], preds[pi]
            if g["type"] == "cut":
                continue
            key = "%s->%s" % (g["type"], p["type"])
            confusion[key] = confusion.get(key, 0) + 1
            row = (cid, g["type"], p["type"], g["first"], g["last"], p["first"], p["last"],
                   p["first"] - g["first"], p["last"] - g["last"],
                   iou(g["first"], g["last"], p["first"], p["last"]))
            rows.append(row)
            print("%-24s %-8s as %-8s gt [%5d,%5d] got [%5d,%5d] err %+4d %+4d IoU %.2f" % row)
    return rows, confusion


def summary(label, rows, confusion):
    if not rows:
        print("%s: no matched gradual transition" % label)
        return
    for kind in sorted({r[1] for r in rows}) + ["dissolve+wipe", "all"]:
        sel = [r for r in rows if kind in ("all", r[1]) or (kind == "dissolve+wipe" and r[1] != "fade")]
        if not sel:
            continue
        print("%s %-8s n=%3d median |err| first %.1f last %.1f  median IoU %.2f  mean IoU %.2f" % (
            label, kind, len(sel), statistics.median(abs(r[7]) for r in sel),
            statistics.median(abs(r[8]) for r in sel), statistics.median(r[9] for r in sel),
            statistics.mean(r[9] for r in sel)))
    print("%s types: %s" % (label, " ".join("%s %d" % kv for kv in sorted(confusion.items()))))


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: span_error.py GT_DIR OUT_DIR [OUT_DIR...]")
    gt_dir = sys.argv[1]
    for out_dir in sys.argv[2:]:
        if not os.path.isdir(out_dir):
            sys.exit("span_error.py: %s: not a directory" % out_dir)
        rows, confusion = one_set(gt_dir, out_dir)
        summary(os.path.basename(os.path.normpath(out_dir)), rows, confusion)


if __name__ == "__main__":
    main()
