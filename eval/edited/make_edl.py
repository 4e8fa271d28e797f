#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Draw the edit list of an edited set (edited-val, edited-tune) from its fixed seed, and its ground truth.

  make_edl.py SET_DIR      reads SET_DIR/set.json, writes SET_DIR/edl.json and SET_DIR/gt/<clip>.json
Run once, before any scoring; its outputs (edl.json, gt/*.json) are committed and make_media.sh only
renders them. Real shots (the single-shot ranges of the source clips that set.json lists, in native
frames) are joined by ffmpeg's xfade transitions and by cuts. set.json holds the seed, the source sets
(where each one's ground truth is, relative to the repository root), the clip groups (format and
sources), the clips with their transition kinds, the xfade names drawn per kind and the durations.
Frame arithmetic of xfade (FFmpeg 5.1, checked frame by frame by check_gt.py): with offset o and
duration D frames, output frame o is A[o] (progress 1), frames o+j for 0 < j < D mix A[o+j] with B[j],
frame o+D is B[D]; B[0] is never shown and A's frames after o+D+1 are dropped. So the mixed frames are
o+1 .. o+D-1, and the output goes on with B[D].
"""
import json, os, random, sys

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def source_gt(cfg, src):
    """The ground truth of a source clip, from the source set whose group lists it."""
    for name, ss in cfg["source_sets"].items():
        path = os.path.join(REPO, ss["gt"], src + ".json")
        if os.path.exists(path):
            return json.load(open(path))
    sys.exit("make_edl.py: %s: no ground truth in any source set of set.json" % src)


def native_fps(cfg, src):
    return source_gt(cfg, src)["fps"]


def to_clip(n, fin, fout):      # native frame -> frame of the fps-converted source (fps filter, round to nearest)
    return int(n * fout / fin + 0.5)


def to_native(n, fin, fout):
    return int(n * fin / fout + 0.5)


def draw_clip(cfg, rng, cid, group, kinds, free):
    g = cfg["groups"][group]
    fps = g["fps"]
    order = [k for k, n in sorted(kinds.items()) for _ in range(n)]
    rng.shuffle(order)
    trans = []
    for kind in order:
        if kind == "cut":
            trans.append({"type": "cut", "xfade": None, "frames": 0})
            continue
        lo, hi = cfg["seconds"][kind]
        frames = rng.randint(int(lo * fps), int(hi * fps))
        xf = rng.choice(cfg["xfade"][kind])
        trans.append({"type": kind, "xfade": xf, "frames": frames})
    segs = []
    prev = None
    for i in range(len(trans) + 1):
        need_in = trans[i - 1]["frames"] + 1 if i > 0 and trans[i - 1]["type"] != "cut" else 0
        need_out = trans[i]["frames"] + 2 if i < len(trans) and trans[i]["type"] != "cut" else 0
        pure = rng.randint(int(cfg["pure_seconds"][0] * fps), int(cfg["pure_seconds"][1] * fps))
        length = need_in + pure + need_out
        fits = [(s, j) for s in sorted(free) if s != prev for j, (a, b) in enumerate(free[s]) if b - a + 1 >= length]
        if not fits:
            sys.exit("make_edl.py: %s segment %d: no free source range of %d frames" % (cid, i, length))
        if cfg.get("draw_source_first"):
            # each source equally likely, however many ranges it has (edited-tune: natural-dev's nd01 has
            # 26 short shots, nd08 and nd09 one long one each)
            src = rng.choice(sorted({s for s, _ in fits}))
            j = rng.choice([j for s, j in fits if s == src])
        else:
            src, j = rng.choice(fits)
        a, b = free[src][j]
        start = a   # sources are used front to back: random starts would fragment them
        del free[src][j]
        if start + length + cfg["gap_frames"] < b:
            free[src].append((start + length + cfg["gap_frames"], b))
        free[src].sort()
        segs.append({"source": src, "start": start, "length": length})
        prev = src
    return {"id": cid, "group": group, "fps": fps, "width": g["width"], "height": g["height"],
            "segments": segs, "transitions": trans}


def describe(cfg, t, src_a, src_b, fps):
    """The sources on both sides of a transition; for a mix, the native frames in its first and last mixed frame."""
    if t["type"] == "cut":
        return "cut %s -> %s" % (src_a["source"], src_b["source"])
    last_a = src_a["start"] + src_a["length"] - 3      # A's last two frames are consumed but not shown
    first_b = src_b["start"] + 1                       # B's frame 0 is consumed but not shown
    return "%s %s frame %d -> %s frame %d (xfade %s, %d frames)" % (
        t["type"], src_a["source"], to_native(last_a, native_fps(cfg, src_a["source"]), fps),
        src_b["source"], to_native(first_b, native_fps(cfg, src_b["source"]), fps), t["xfade"], t["frames"])


def ground_truth(cfg, clip):
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
        out.append({"type": t["type"], "first": first, "last": last, "detail": describe(cfg, t, src_a, src_b, fps),
                    "time_first": round(first / fps, 6), "time_last": round(last / fps, 6)})
    runs.append((pure_first, n - 1, len(segs) - 1, base))
    negs = []
    for first, last, si, b in runs:
        seg = segs[si]
        src = seg["source"]
        sgt = source_gt(cfg, src)
        fin = sgt["fps"]
        conv = abs(fin - fps) > 1e-3
        for h in sgt["hard_negatives"]:
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
    if len(sys.argv) != 2:
        sys.exit("usage: make_edl.py SET_DIR")
    set_dir = sys.argv[1]
    cfg = json.load(open(os.path.join(set_dir, "set.json")))
    seed = cfg["seed"]
    rng = random.Random(seed)
    free = {}
    for g in cfg["groups"].values():
        for src, ranges in g["sources"].items():
            fin = native_fps(cfg, src)
            free[src] = [(to_clip(a, fin, g["fps"]), to_clip(b, fin, g["fps"])) for a, b in ranges]
    clips = []
    for cid, group, kinds in cfg["clips"]:
        pool = {s: free[s] for s in cfg["groups"][group]["sources"]}
        clips.append(draw_clip(cfg, rng, cid, group, kinds, pool))
    json.dump({"seed": seed, "clips": clips}, open(os.path.join(set_dir, "edl.json"), "w"), indent=1)
    os.makedirs(os.path.join(set_dir, "gt"), exist_ok=True)
    for c in clips:
        trans, negs, n = ground_truth(cfg, c)
        srcs = sorted({s["source"] for s in c["segments"]})
        sets = sorted({name for name, ss in cfg["source_sets"].items() for s in srcs
                       if os.path.exists(os.path.join(REPO, ss["gt"], s + ".json"))})
        gt = {"id": c["id"], "file": c["id"] + ".mp4", "width": c["width"], "height": c["height"],
              "fps": c["fps"], "frames": n, "duration": round(n / c["fps"], 6),
              "source": "%s clips %s, excerpts joined by ffmpeg 5.1 xfade transitions and cuts "
                        "(eval/%s/edl.json)" % (" and ".join(sets), ", ".join(srcs), cfg["name"]),
              "notes": cfg["notes"] % seed,
              "transitions": trans, "hard_negatives": negs, "uncertain": []}
        json.dump(gt, open(os.path.join(set_dir, "gt", c["id"] + ".json"), "w"), indent=1)
        print("%s: %d frames, %d transitions, %d hard negatives" % (c["id"], n, len(trans), len(negs)))


if __name__ == "__main__":
    main()
