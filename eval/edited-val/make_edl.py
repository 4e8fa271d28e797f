#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Draw the edit list of the edited-val set from a fixed seed, and its ground truth.

Run once, before any scoring; its outputs (edl.json, gt/*.json) are committed and make_media.sh only
renders them. Real shots (natural-val's clips) are joined by ffmpeg's xfade transitions and by cuts.
Frame arithmetic of xfade (FFmpeg 5.1, checked frame by frame by check_gt.py): with offset o and
duration D frames, output frame o is A[o] (progress 1), frames o+j for 0 < j < D mix A[o+j] with B[j],
frame o+D is B[D]; B[0] is never shown and A's frames after o+D+1 are dropped. So the mixed frames are
o+1 .. o+D-1, and the output goes on with B[D].
"""
import json, os, random, sys

SEED = 20261207
HERE = os.path.dirname(os.path.abspath(__file__))
NV_GT = os.path.join(HERE, "..", "natural-val", "gt")

# source id -> single-shot ranges in native frames (from natural-val's ground truth; cuts excluded with
# a 3-frame margin), and the group (clip format) it is used in
GROUPS = {
    "doom": {"fps": 35, "width": 640, "height": 480, "sources": {
        "nw11_freedoom2demo1": [(0, 1414)],
        "nw12_freedoom1demo1": [(0, 1530)],
        "nw13_freedoom2demo4": [(0, 1841)]}},
    "camera": {"fps": 25, "width": 640, "height": 360, "sources": {
        "nv01_megamind24": [(0, 93), (100, 149), (156, 195), (202, 268)],
        "nv02_city25": [(0, 112), (119, 189)],
        "nv03_launch24": [(0, 70), (77, 193)],
        "nv06_coin30": [(0, 241)],
        "nv07_ball25": [(2, 254)],
        "nv09_tree15": [(0, 448)],
        "nv04_lebiniou30": [(0, 668)],
        "nv10_kaleido30": [(0, 316)]}},
}
# clip id, group, transition kinds in the clip (cut / dissolve / wipe / fade)
CLIPS = [
    ("ev01_doom35", "doom", {"dissolve": 3, "wipe": 2, "fade": 2, "cut": 1}),
    ("ev02_doom35", "doom", {"dissolve": 2, "wipe": 2, "fade": 1, "cut": 2}),
    ("ev03_doom35", "doom", {"dissolve": 2, "wipe": 2, "fade": 1, "cut": 1}),
    ("ev04_camera25", "camera", {"dissolve": 3, "wipe": 2, "fade": 2, "cut": 1}),
    ("ev05_camera25", "camera", {"dissolve": 2, "wipe": 2, "fade": 1, "cut": 2}),
]
DISSOLVES = ["fade", "fade", "fade", "fadeslow", "fadefast"]
FADES = ["fadeblack", "fadeblack", "fadeblack", "fadewhite"]
WIPES = ["wipeleft", "wiperight", "wipeup", "wipedown", "slideleft", "slideright", "slideup", "slidedown",
         "radial", "smoothleft", "smoothright", "smoothup", "smoothdown", "circleopen", "circleclose",
         "vertopen", "vertclose", "horzopen", "horzclose", "diagtl", "diagtr", "diagbl", "diagbr",
         "hlslice", "hrslice", "vuslice", "vdslice", "wipetl", "wipetr", "wipebl", "wipebr"]
SECONDS = {"dissolve": (1.0, 4.0), "wipe": (1.0, 4.0), "fade": (1.0, 3.0)}
PURE = (1.0, 2.0)   # seconds of unmixed picture a shot shows between its transitions
GAP = 5             # frames left unused between two excerpts of one source


def native_fps(src):
    return json.load(open(os.path.join(NV_GT, src + ".json")))["fps"]


def to_clip(n, fin, fout):      # native frame -> frame of the fps-converted source (fps filter, round to nearest)
    return int(n * fout / fin + 0.5)


def to_native(n, fin, fout):
    return int(n * fin / fout + 0.5)


def draw_clip(rng, cid, group, kinds, free):
    g = GROUPS[group]
    fps = g["fps"]
    order = [k for k, n in sorted(kinds.items()) for _ in range(n)]
    rng.shuffle(order)
    trans = []
    for kind in order:
        if kind == "cut":
            trans.append({"type": "cut", "xfade": None, "frames": 0})
            continue
        lo, hi = SECONDS[kind]
        frames = rng.randint(int(lo * fps), int(hi * fps))
        xf = rng.choice({"dissolve": DISSOLVES, "wipe": WIPES, "fade": FADES}[kind])
        trans.append({"type": kind, "xfade": xf, "frames": frames})
    segs = []
    prev = None
    for i in range(len(trans) + 1):
        need_in = trans[i - 1]["frames"] + 1 if i > 0 and trans[i - 1]["type"] != "cut" else 0
        need_out = trans[i]["frames"] + 2 if i < len(trans) and trans[i]["type"] != "cut" else 0
        pure = rng.randint(int(PURE[0] * fps), int(PURE[1] * fps))
        length = need_in + pure + need_out
        fits = [(s, j) for s in sorted(free) if s != prev for j, (a, b) in enumerate(free[s]) if b - a + 1 >= length]
        if not fits:
            sys.exit("make_edl.py: %s segment %d: no free source range of %d frames" % (cid, i, length))
        src, j = rng.choice(fits)
        a, b = free[src][j]
        start = a   # sources are used front to back: random starts would fragment them
        del free[src][j]
        if start + length + GAP < b:
            free[src].append((start + length + GAP, b))
        free[src].sort()
        segs.append({"source": src, "start": start, "length": length})
        prev = src
    return {"id": cid, "group": group, "fps": fps, "width": g["width"], "height": g["height"],
            "segments": segs, "transitions": trans}


def describe(t, src_a, src_b, fps):
    """The sources on both sides of a transition; for a mix, the native frames in its first and last mixed frame."""
    if t["type"] == "cut":
        return "cut %s -> %s" % (src_a["source"], src_b["source"])
    last_a = src_a["start"] + src_a["length"] - 3      # A's last two frames are consumed but not shown
    first_b = src_b["start"] + 1                       # B's frame 0 is consumed but not shown
    return "%s %s frame %d -> %s frame %d (xfade %s, %d frames)" % (
        t["type"], src_a["source"], to_native(last_a, native_fps(src_a["source"]), fps),
        src_b["source"], to_native(first_b, native_fps(src_b["source"]), fps), t["xfade"], t["frames"])


def ground_truth(clip):
    """Transitions and hard negatives in output frames, from the xfade arithmetic in the docstring."""
    fps = clip["fps"]
    segs, trans = clip["segments"], clip["transitions"]
    out, runs = [], []     # runs: (first output frame, last, segment index, output frame of segment frame 0)
    n = segs[0]["length"]
    base, pure_first = 0, 0
    for i, t in enumerate(trans, 1):
        seg = src_b = segs[i]
        src_a = segs[i - 1]
        if t["type"] == "cut":
            runs.append((pure_first, n - 1, i - 1, base))
            first = last = n
            base, pure_first = n, n
            n += seg["length"]
        else:
            o = n - t["frames"] - 2
            runs.append((pure_first, o, i - 1, base))
            first, last = o + 1, o + t["frames"] - 1
            base, pure_first = o, o + t["frames"]
            n = o + seg["length"]
        out.append({"type": t["type"], "first": first, "last": last, "detail": describe(t, src_a, src_b, fps),
                    "time_first": round(first / fps, 6), "time_last": round(last / fps, 6)})
    runs.append((pure_first, n - 1, len(segs) - 1, base))
    negs = []
    for first, last, si, b in runs:
        seg = segs[si]
        src = seg["source"]
        fin = native_fps(src)
        conv = abs(fin - fps) > 1e-3
        for h in json.load(open(os.path.join(NV_GT, src + ".json")))["hard_negatives"]:
            # native span -> output frames; one frame wider on converted sources (nearest-frame rounding)
            lo = to_clip(h["first"], fin, fps) - seg["start"] + b - (1 if conv else 0)
            hi = to_clip(h["last"], fin, fps) - seg["start"] + b + (1 if conv else 0)
            lo, hi = max(lo, first), min(hi, last)
            if lo <= hi:
                negs.append({"type": h["type"], "first": lo, "last": hi,
                             "detail": "%s (%s %d-%d)" % (h.get("detail", h["type"]), src, h["first"], h["last"])})
    negs.sort(key=lambda h: (h["first"], h["last"]))
    return out, negs, n


def main():
    rng = random.Random(SEED)
    free = {}
    for g in GROUPS.values():
        for src, ranges in g["sources"].items():
            fin = native_fps(src)
            free[src] = [(to_clip(a, fin, g["fps"]), to_clip(b, fin, g["fps"])) for a, b in ranges]
    clips = []
    for cid, group, kinds in CLIPS:
        pool = {s: free[s] for s in GROUPS[group]["sources"]}
        clips.append(draw_clip(rng, cid, group, kinds, pool))
    json.dump({"seed": SEED, "clips": clips}, open(os.path.join(HERE, "edl.json"), "w"), indent=1)
    for c in clips:
        trans, negs, n = ground_truth(c)
        srcs = sorted({s["source"] for s in c["segments"]})
        gt = {"id": c["id"], "file": c["id"] + ".mp4", "width": c["width"], "height": c["height"],
              "fps": c["fps"], "frames": n, "duration": round(n / c["fps"], 6),
              "source": "natural-val clips %s, excerpts joined by ffmpeg 5.1 xfade transitions and cuts "
                        "(eval/edited-val/edl.json)" % ", ".join(srcs),
              "notes": "Fallback material: real footage, editor-made transitions drawn from seed %d." % SEED,
              "transitions": trans, "hard_negatives": negs, "uncertain": []}
        json.dump(gt, open(os.path.join(HERE, "gt", c["id"] + ".json"), "w"), indent=1)
        print("%s: %d frames, %d transitions, %d hard negatives" % (c["id"], n, len(trans), len(negs)))


if __name__ == "__main__":
    main()
