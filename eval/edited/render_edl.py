#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Render one clip of an edited set's edl.json with ffmpeg: its excerpts of source clips, joined by xfade or cut.

  render_edl.py EDL CLIP_ID SRC_DIRS OUT.mp4            the clip (H.264, the encoding natural-val uses)
  render_edl.py EDL CLIP_ID SRC_DIRS OUT.framemd5 MODE  per-frame md5 of the uncompressed render, for
        check_gt.py: MODE xfade (the clip), early (every transition replaced by a cut before its first
        mixed frame) or late (a cut after its last mixed frame)
Every excerpt is converted to the clip's frame rate (fps filter), scaled to cover the clip's size and
centre-cropped, then trimmed by frame number; time stamps are renumbered after every join, so xfade's
offsets count frames of the joined stream. SRC_DIRS: the directories of the source clips
(<source id>.mp4), ':'-separated, searched in order. The joins work in yuv444p (xfade has no 4:2:0 format; one
conversion to yuv420p at the end keeps the unmixed frames of all three renders identical).
"""
import json, os, subprocess, sys


def segment_chain(k, seg, clip, head, tail):
    """Filter for input k: excerpt frames [start+head, start+length-tail)."""
    w, h, fps = clip["width"], clip["height"], clip["fps"]
    first = seg["start"] + head
    end = seg["start"] + seg["length"] - tail
    return ("[%d:v]fps=%d,scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,setsar=1,"
            "trim=start_frame=%d:end_frame=%d,settb=1/%d,setpts=N,format=yuv444p[s%d]"
            % (k, fps, w, h, w, h, first, end, fps, k))


def graph(clip, mode):
    segs, trans, fps = clip["segments"], clip["transitions"], clip["fps"]
    parts = []
    for i, seg in enumerate(segs):
        head = tail = 0
        if mode != "xfade":
            t_in = trans[i - 1] if i > 0 else None
            t_out = trans[i] if i < len(trans) else None
            if t_in and t_in["type"] != "cut":
                head = 1 if mode == "early" else t_in["frames"]
            if t_out and t_out["type"] != "cut":
                tail = t_out["frames"] + 1 if mode == "early" else 2
        parts.append(segment_chain(i, seg, clip, head, tail))
    cur, n = "s0", segs[0]["length"]
    for i, t in enumerate(trans, 1):
        length = segs[i]["length"]
        if t["type"] == "cut" or mode != "xfade":
            parts.append("[%s][s%d]concat=n=2:v=1:a=0,settb=1/%d,setpts=N,format=yuv444p[j%d]" % (cur, i, fps, i))
            n += length
        else:
            o = n - t["frames"] - 2
            parts.append("[%s][s%d]xfade=transition=%s:duration=%.6f:offset=%.6f,settb=1/%d,setpts=N,format=yuv444p[j%d]"
                         % (cur, i, t["xfade"], t["frames"] / fps, o / fps, fps, i))
            n = o + length
        cur = "j%d" % i
    parts.append("[%s]format=yuv420p[out]" % cur)
    return ";".join(parts), "out"


def source_path(src_dirs, source):
    for d in src_dirs.split(":"):
        path = "%s/%s.mp4" % (d, source)
        if os.path.exists(path):
            return path
    sys.exit("render_edl.py: %s.mp4: not in %s" % (source, src_dirs))


def main():
    edl, cid, src_dirs, out = sys.argv[1:5]
    mode = sys.argv[5] if len(sys.argv) > 5 else None
    clip = next(c for c in json.load(open(edl))["clips"] if c["id"] == cid)
    fg, last = graph(clip, mode or "xfade")
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y"]
    for seg in clip["segments"]:
        cmd += ["-i", source_path(src_dirs, seg["source"])]
    cmd += ["-filter_complex", fg, "-map", "[%s]" % last, "-an"]
    if mode:
        cmd += ["-f", "framemd5", out]
    else:
        cmd += ["-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p",
                "-r", str(clip["fps"]), "-fps_mode", "cfr", out]
    subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
