#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Independent readers of montage-sidecar's exports, for test_export.sh.

Each check re-reads an export with its own parser (csv module, a small CMX
3600 parser, json, xml.etree), compares it with the sidecar (as dumped by
`montage-sidecar dump --json`) and, for frame exactness, with the media's
own frame times (ffprobe): an edit position p at rate R lands on the latest
frame whose time from the first frame is <= p / R; that must be the frame
the filter reported. Prints nothing and exits 0 when all holds, else one
line per problem and exits 1.

  export_check.py FORMAT EXPORT DUMP.json [FRAMES.txt]
"""
import csv
import json
import math
import re
import sys
import xml.etree.ElementTree as ET

problems = []


def need(cond, msg):
    if not cond:
        problems.append(msg)
    return cond


def load_dump(path):
    with open(path) as f:
        return json.load(f)


def frame_times(path):
    """Seconds of every frame from the first one (ffprobe pts_time lines)."""
    with open(path) as f:
        ts = [float(x.split(",")[0]) for x in f.read().split() if x and x[0] != "N"]
    return [t - ts[0] for t in ts]


def landed(pos, num, den, times):
    """Index of the frame an editor shows at edit position pos (rate num/den)."""
    t = pos * den / num + 1e-6  # ffprobe prints pts_time rounded to the microsecond
    k = 0
    for i, ft in enumerate(times):
        if ft <= t:
            k = i
        else:
            break
    return k


def edit_rate(dump):
    num, den = dump["scene"]["stream"]["frame_rate"]
    return num, den


# ---- timecode: written from SMPTE 12M's description, not from the C code ----
def tc_to_frames(tc, nominal, drop):
    m = re.fullmatch(r"(\d\d):(\d\d):(\d\d)([:;])(\d\d)", tc)
    if not m:
        raise ValueError("bad timecode " + tc)
    hh, mm, ss, sep, ff = int(m[1]), int(m[2]), int(m[3]), m[4], int(m[5])
    if (sep == ";") != bool(drop):
        raise ValueError("separator of %s does not match drop=%d" % (tc, drop))
    total_minutes = 60 * hh + mm
    frames = ((total_minutes * 60) + ss) * nominal + ff
    if drop:
        frames -= drop * (total_minutes - total_minutes // 10)
    return frames


def check_landing(name, positions, dump, times, num, den):
    for i, (pos, sc) in enumerate(zip(positions, dump["scene"]["scenes"])):
        got = landed(pos, num, den, times)
        need(got == sc["start_frame"],
             "%s shot %d: position %d lands on frame %d, the filter reported %d"
             % (name, i + 1, pos, got, sc["start_frame"]))


# ---- the formats ----
def check_csv(path, dump, times):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if dump["kind"] == "beat":
        b = dump["beat"]["beats"]
        need(len(rows) == len(b["t"]["data"]), "csv: %d rows for %d beats" % (len(rows), len(b["t"]["data"])))
        for i, r in enumerate(rows):
            need(abs(float(r["time_s"]) - b["t"]["data"][i]) < 1e-6, "csv beat %d time" % (i + 1))
            need(int(r["sample"]) == b["sample"]["data"][i], "csv beat %d sample" % (i + 1))
            need(int(r["downbeat"]) == b["downbeat"]["data"][i], "csv beat %d downbeat" % (i + 1))
        return
    scenes = dump["scene"]["scenes"]
    need(len(rows) == len(scenes), "csv: %d rows for %d shots" % (len(rows), len(scenes)))
    t0 = scenes[0]["t_start"]
    num, den = edit_rate(dump)
    nominal = round(num / den)
    drop = 2 if num * 1001 == den * 30000 else 4 if num * 1001 == den * 60000 else 0
    for i, (r, sc) in enumerate(zip(rows, scenes)):
        need(int(r["start_frame"]) == sc["start_frame"] and int(r["end_frame"]) == sc["end_frame"],
             "csv shot %d frames %s..%s" % (i + 1, r["start_frame"], r["end_frame"]))
        need(abs(float(r["start_s"]) - (sc["t_start"] - t0)) < 1e-6, "csv shot %d start_s" % (i + 1))
        need(abs(float(r["end_s"]) - (sc["t_end"] - t0)) < 1e-6, "csv shot %d end_s" % (i + 1))
        need(abs(float(r["mean_luma"]) - sc["mean_luma"]) < 1e-6, "csv shot %d mean_luma" % (i + 1))
        need(r["transition_in"] == ("none" if i == 0 else r["transition_in"]), "csv transition_in")
    if times:
        check_landing("csv timecode", [tc_to_frames(r["start_timecode"], nominal, drop) for r in rows],
                      dump, times, num, den)


EDL_EVENT = re.compile(r"^(\d{3})\s+(\S+)\s+V\s+(C|D)\s+(\d{3})?\s*"
                       r"(\S+) (\S+) (\S+) (\S+)\s*$")


def check_edl(path, dump, times):
    lines = open(path).read().splitlines()
    need(lines[0].startswith("TITLE: "), "edl: no TITLE line")
    fcm = [l for l in lines if l.startswith("FCM: ")]
    num, den = edit_rate(dump)
    drop_rate = num * 1001 in (den * 30000, den * 60000)
    need(fcm == ["FCM: DROP FRAME" if drop_rate else "FCM: NON-DROP FRAME"], "edl: FCM %s" % fcm)
    nominal = round(num / den)
    drop = (2 if nominal == 30 else 4) if drop_rate else 0
    events = {}
    for l in lines:
        m = EDL_EVENT.match(l)
        if m:
            src_in, src_out, rec_in, rec_out = (tc_to_frames(x, nominal, drop) for x in m.group(5, 6, 7, 8))
            need(src_in == rec_in and src_out == rec_out, "edl event %s: source != record" % m[1])
            events.setdefault(int(m[1]), []).append((m[3], m[4], rec_in, rec_out, m[2]))
        elif l and not l.startswith(("TITLE:", "FCM:", "*")):
            need(False, "edl: unparsed line %r" % l)
    scenes = dump["scene"]["scenes"]
    trans = {t["frame"]: t for t in dump["scene"]["transitions"]}
    need(sorted(events) == list(range(1, len(scenes) + 1)), "edl: events %s" % sorted(events))
    cut_points, last_out = [], 0
    for n in sorted(events):
        ev = events[n]
        sc = scenes[n - 1]
        t = trans.get(sc["start_frame"])
        if t and t["type"] == "dissolve" and n > 1:
            need(len(ev) == 2 and ev[0][0] == "C" and ev[0][2] == ev[0][3] and ev[1][0] == "D",
                 "edl event %d: dissolve is not a C + D pair: %s" % (n, ev))
            length = int(ev[1][1])
            need(ev[1][2] == ev[0][2], "edl event %d: D starts off the C" % n)
            if times:
                got = landed(ev[1][2], num, den, times)
                need(got == t["first_frame"], "edl event %d: dissolve starts on frame %d, its span on %d"
                     % (n, got, t["first_frame"]))
                got = landed(ev[1][2] + length - 1, num, den, times)
                need(got == t["last_frame"], "edl event %d: D %d ends on frame %d, the span on %d"
                     % (n, length, got, t["last_frame"]))
            cut = ev[1]
        else:
            need(len(ev) == 1 and ev[0][0] == "C", "edl event %d: %s" % (n, ev))
            cut = ev[0]
        need(cut[2] == last_out, "edl event %d: record in %d after out %d" % (n, cut[2], last_out))
        last_out = cut[3]
        cut_points.append(cut[2] if not (t and t["type"] == "dissolve" and n > 1) else None)
    if times:
        pos = [p for p in cut_points]
        for i, p in enumerate(pos):
            if p is not None:
                got = landed(p, num, den, times)
                need(got == scenes[i]["start_frame"], "edl event %d lands on frame %d, reported %d"
                     % (i + 1, got, scenes[i]["start_frame"]))


OTIO_FIELDS = {
    "Timeline.1": ["name", "global_start_time", "metadata", "tracks"],
    "Stack.1": ["name", "children", "source_range", "effects", "markers", "metadata"],
    "Track.1": ["name", "kind", "children", "source_range", "effects", "markers", "metadata"],
    "Clip.2": ["name", "source_range", "media_references", "active_media_reference_key",
               "effects", "markers", "metadata"],
    "Transition.1": ["name", "transition_type", "in_offset", "out_offset", "metadata"],
    "Marker.2": ["name", "color", "marked_range", "metadata"],
    "ExternalReference.1": ["name", "target_url", "available_range", "metadata"],
    "TimeRange.1": ["start_time", "duration"],
    "RationalTime.1": ["rate", "value"],
}
MARKER_COLORS = {"PINK", "RED", "ORANGE", "YELLOW", "GREEN", "CYAN", "BLUE", "PURPLE",
                 "MAGENTA", "BLACK", "WHITE"}


def otio_walk(o, where):
    """Every object with OTIO_SCHEMA has its documented fields, of the right kind."""
    if isinstance(o, list):
        for i, x in enumerate(o):
            otio_walk(x, "%s[%d]" % (where, i))
        return
    if not isinstance(o, dict):
        return
    s = o.get("OTIO_SCHEMA")
    if s is not None:
        if need(s in OTIO_FIELDS, "otio %s: unknown schema %s" % (where, s)):
            for k in OTIO_FIELDS[s]:
                need(k in o, "otio %s: %s has no %s" % (where, s, k))
        if s == "RationalTime.1":
            need(isinstance(o.get("value"), (int, float)) and o.get("rate", 0) > 0, "otio %s: time" % where)
        if s == "TimeRange.1":
            for k in ("start_time", "duration"):
                need(isinstance(o.get(k), dict) and o[k].get("OTIO_SCHEMA") == "RationalTime.1",
                     "otio %s: %s is no RationalTime" % (where, k))
        if s == "Clip.2":
            refs = o.get("media_references", {})
            need(o.get("active_media_reference_key") in refs, "otio %s: active reference missing" % where)
        if s == "Track.1":
            need(o.get("kind") in ("Video", "Audio"), "otio %s: kind" % where)
        if s == "Marker.2":
            need(o.get("color") in MARKER_COLORS, "otio %s: color %s" % (where, o.get("color")))
        if s == "ExternalReference.1":
            need(str(o.get("target_url", "")).startswith("file:///"), "otio %s: target_url" % where)
        if s == "Transition.1":
            need(o.get("transition_type") in ("SMPTE_Dissolve", "Custom_Transition"), "otio %s: type" % where)
    for k, v in o.items():
        otio_walk(v, where + "." + k)


def check_otio(path, dumps, times):
    tl = json.load(open(path))
    need(tl.get("OTIO_SCHEMA") == "Timeline.1", "otio: root is not Timeline.1")
    otio_walk(tl, "timeline")
    tracks = tl["tracks"]["children"]
    need(tl["tracks"].get("OTIO_SCHEMA") == "Stack.1", "otio: tracks is not a Stack.1")
    need(len(tracks) == len(dumps), "otio: %d tracks for %d sidecars" % (len(tracks), len(dumps)))
    for tr, dump in zip(tracks, dumps):
        if dump["kind"] == "beat":
            need(tr["kind"] == "Audio", "otio: beat track kind")
            clips = [c for c in tr["children"] if c["OTIO_SCHEMA"] == "Clip.2"]
            marks = clips[0]["markers"]
            b = dump["beat"]["beats"]
            sr = dump["beat"]["stream"]["sample_rate"]
            need(len(marks) == len(b["sample"]["data"]), "otio: %d markers for %d beats" % (len(marks), len(b["sample"]["data"])))
            for i, m in enumerate(marks):
                st = m["marked_range"]["start_time"]
                need(st["rate"] == sr and st["value"] == b["sample"]["data"][i], "otio: beat marker %d" % i)
                need((m["color"] == "RED") == bool(b["downbeat"]["data"][i]), "otio: marker %d colour" % i)
            continue
        need(tr["kind"] == "Video", "otio: scene track kind")
        clips = [c for c in tr["children"] if c["OTIO_SCHEMA"] == "Clip.2"]
        scenes = dump["scene"]["scenes"]
        need(len(clips) == len(scenes), "otio: %d clips for %d shots" % (len(clips), len(scenes)))
        rate = clips[0]["source_range"]["start_time"]["rate"]
        num, den = edit_rate(dump)
        need(abs(rate - num / den) < 1e-9, "otio: rate %r" % rate)
        pos, end = [], 0
        for i, c in enumerate(clips):
            st = c["source_range"]["start_time"]["value"]
            need(st == int(st) and st == end, "otio clip %d starts at %r after %r" % (i + 1, st, end))
            end = st + c["source_range"]["duration"]["value"]
            pos.append(int(st))
        prev = None
        for i, ch in enumerate(tr["children"]):
            if ch["OTIO_SCHEMA"] == "Transition.1":
                need(prev == "Clip.2" and i + 1 < len(tr["children"]) and
                     tr["children"][i + 1]["OTIO_SCHEMA"] == "Clip.2", "otio: transition not between clips")
            prev = ch["OTIO_SCHEMA"]
        n_diss = sum(1 for t in dump["scene"]["transitions"] if t["type"] in ("dissolve", "wipe"))
        n_tr = sum(1 for ch in tr["children"] if ch["OTIO_SCHEMA"] == "Transition.1")
        need(n_tr == n_diss, "otio: %d transitions for %d dissolves/wipes" % (n_tr, n_diss))
        if times:
            check_landing("otio", pos, dump, times, num, den)
        else:
            for p, sc in zip(pos, scenes):
                need(p == sc["start_frame"], "otio: clip at %d, shot at frame %d" % (p, sc["start_frame"]))


def check_xmeml(path, dump, times):
    root = ET.parse(path).getroot()
    need(root.tag == "xmeml" and root.get("version") == "5", "xmeml: root")
    seq = root.find("sequence")
    need(seq is not None and seq.find("rate/timebase") is not None, "xmeml: sequence rate")
    items = root.findall("sequence/media/video/track/clipitem")
    scenes = dump["scene"]["scenes"]
    need(len(items) == len(scenes), "xmeml: %d clipitems for %d shots" % (len(items), len(scenes)))
    files = [f for f in root.iter("file") if f.find("pathurl") is not None]
    need(len(files) == 1 and files[0].findtext("pathurl").startswith("file:///"), "xmeml: one file with a pathurl")
    num, den = edit_rate(dump)
    tb = int(seq.findtext("rate/timebase"))
    need(tb == round(num / den) and (seq.findtext("rate/ntsc") == "TRUE") == (den == 1001), "xmeml: rate")
    last = 0
    pos = []
    for i, it in enumerate(items):
        for k in ("name", "start", "end", "in", "out", "file"):
            need(it.find(k) is not None, "xmeml clipitem %d: no %s" % (i + 1, k))
        a, b = int(it.findtext("in")), int(it.findtext("out"))
        need(a == last, "xmeml clipitem %d: in %d after out %d" % (i + 1, a, last))
        last = b
        pos.append(a)
        s, e = int(it.findtext("start")), int(it.findtext("end"))
        need(s in (a, -1) and e in (b, -1), "xmeml clipitem %d: start/end %d/%d" % (i + 1, s, e))
    if times:
        check_landing("xmeml", pos, dump, times, num, den)
    else:
        for p, sc in zip(pos, scenes):
            need(p == sc["start_frame"], "xmeml: clip at %d, shot at frame %d" % (p, sc["start_frame"]))


def fcp_seconds(text):
    """fcpxml time: "N/Ds" or "Ns"."""
    assert text.endswith("s"), text
    n, _, d = text[:-1].partition("/")
    return int(n) / int(d or 1)


def check_fcpxml(path, dump, times):
    root = ET.parse(path).getroot()
    need(root.tag == "fcpxml" and root.get("version") == "1.9", "fcpxml: root")
    fmt = root.find("resources/format")
    asset = root.find("resources/asset")
    need(fmt is not None and asset is not None, "fcpxml: format and asset resources")
    need(asset.get("format") == fmt.get("id"), "fcpxml: asset format")
    need(asset.find("media-rep").get("src", "").startswith("file:///"), "fcpxml: media-rep src")
    num, den = edit_rate(dump)
    need(abs(fcp_seconds(fmt.get("frameDuration")) - den / num) < 1e-12, "fcpxml: frameDuration")
    seq = root.find("library/event/project/sequence")
    need(seq is not None and seq.get("format") == fmt.get("id"), "fcpxml: sequence")
    clips = seq.findall("spine/asset-clip")
    scenes = dump["scene"]["scenes"]
    need(len(clips) == len(scenes), "fcpxml: %d clips for %d shots" % (len(clips), len(scenes)))
    end, pos = 0.0, []
    for i, c in enumerate(clips):
        need(c.get("ref") == asset.get("id"), "fcpxml clip %d: ref" % (i + 1))
        off, start, dur = (fcp_seconds(c.get(k)) for k in ("offset", "start", "duration"))
        need(abs(off - end) < 1e-9 and abs(off - start) < 1e-9, "fcpxml clip %d: offset %r after %r" % (i + 1, off, end))
        end = off + dur
        frames = off * num / den
        need(abs(frames - round(frames)) < 1e-6, "fcpxml clip %d: not on a frame" % (i + 1))
        pos.append(round(frames))
    if times:
        check_landing("fcpxml", pos, dump, times, num, den)


def check_chapters(path, dump, times):
    """path: `ffprobe -show_chapters -of json` of a file remuxed with the chapters;
    times: that file's own frame times."""
    ch = json.load(open(path))["chapters"]
    scenes = dump["scene"]["scenes"]
    need(len(ch) == len(scenes), "chapters: %d for %d shots" % (len(ch), len(scenes)))
    for i, (c, sc) in enumerate(zip(ch, scenes)):
        t = float(c["start_time"])
        tb = eval(c["time_base"].replace("/", "/1.0/"))  # "1/1000" -> 0.001
        k = sc["start_frame"]
        need(abs(t - times[k]) <= tb / 2 + 1e-9,
             "chapter %d starts at %.6f, frame %d is at %.6f" % (i + 1, t, k, times[k]))
        need(c["tags"]["title"].startswith("Shot %d " % (i + 1)), "chapter %d title" % (i + 1))


def check_vtt(path, dump, times):
    """path: `ffprobe -show_packets -of json` of the WebVTT file (FFmpeg's demuxer)."""
    pk = json.load(open(path))["packets"]
    scenes = dump["scene"]["scenes"]
    need(len(pk) == len(scenes), "webvtt: %d cues for %d shots" % (len(pk), len(scenes)))
    for i, (p, sc) in enumerate(zip(pk, scenes)):
        t = float(p["pts_time"])
        k = sc["start_frame"]
        need(landed(t * 1000, 1000, 1, times) == k, "webvtt cue %d at %.3f lands on frame %d, not %d"
             % (i + 1, t, landed(t * 1000, 1000, 1, times), k))


def check_labels(path, dump, times):
    rows = [l.split("\t") for l in open(path).read().splitlines()]
    if dump["kind"] == "scene":
        scenes = dump["scene"]["scenes"]
        need(len(rows) == len(scenes), "audacity: %d labels for %d shots" % (len(rows), len(scenes)))
        t0 = scenes[0]["t_start"]
        for r, sc in zip(rows, scenes):
            need(abs(float(r[0]) - (sc["t_start"] - t0)) < 1e-6, "audacity: label %s" % r)
        return
    b = dump["beat"]["beats"]
    need(len(rows) == len(b["t"]["data"]), "audacity: %d labels for %d beats" % (len(rows), len(b["t"]["data"])))
    for i, r in enumerate(rows):
        need(len(r) == 3 and r[0] == r[1] and abs(float(r[0]) - b["t"]["data"][i]) < 1e-6, "audacity beat %d" % i)
        if b["downbeat"]["data"][i]:
            need(r[2].endswith(".1"), "audacity: downbeat %d labelled %s" % (i, r[2]))


def check_beats(path, dump, times):
    rows = [l.split() for l in open(path).read().splitlines()]
    b = dump["beat"]["beats"]
    need(len(rows) == len(b["t"]["data"]), ".beats: %d lines for %d beats" % (len(rows), len(b["t"]["data"])))
    for i, r in enumerate(rows):
        need(abs(float(r[0]) - b["t"]["data"][i]) < 1e-6, ".beats line %d time" % (i + 1))
        if len(r) > 1:
            need((r[1] == "1") == bool(b["downbeat"]["data"][i]), ".beats line %d position" % (i + 1))


def yavg(ffprobe, path):
    """Mean luma of every frame, FFmpeg's signalstats."""
    import subprocess
    out = subprocess.run([ffprobe, "-v", "error", "-f", "lavfi", "-i", "movie=%s,signalstats" % path,
                          "-show_entries", "frame_tags=lavfi.signalstats.YAVG", "-of", "csv=p=0"],
                         check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


# A melt render's luma may differ from the decoded source's by a level
# conversion (measured: 1.3 of 255 on SMPTE bars, 7 on the Mandelbrot set),
# so a rendered frame is matched to the nearer of the two frames at a cut;
# the test media's shots differ by more than 20 there.
MIN_CUT_STEP = 15.0


def check_mlt(path, dump, times):
    """Renders each shot's playlist entry alone with melt and compares the
    frames with the source's: the first and last rendered frames must be
    the shot's own first and last frames, not a neighbour's."""
    import os
    import subprocess
    melt, ffprobe, media, work = (os.environ[k] for k in ("MELT", "ENC_PROBE", "MEDIA", "WORK"))
    tree = ET.parse(path)
    root = tree.getroot()
    need(root.tag == "mlt" and root.find("profile") is not None, "mlt: root/profile")
    entries = root.findall("playlist/entry")
    scenes = dump["scene"]["scenes"]
    need(len(entries) == len(scenes), "mlt: %d entries for %d shots" % (len(entries), len(scenes)))
    num, den = int(root.find("profile").get("frame_rate_num")), int(root.find("profile").get("frame_rate_den"))
    if times:
        check_landing("mlt", [int(e.get("in")) for e in entries], dump, times, num, den)
    src = yavg(ffprobe, media)
    hard = {t["frame"] for t in dump["scene"]["transitions"] if t["type"] == "hard"}
    for i, sc in enumerate(scenes):
        a, b = sc["start_frame"], sc["end_frame"] - 1
        pl = root.find("playlist")
        for e in list(pl):
            pl.remove(e)
        pl.append(entries[i])
        one = os.path.join(work, "shot%d.mlt" % (i + 1))
        rendered = os.path.join(work, "shot%d.nut" % (i + 1))
        tree.write(one)
        subprocess.run([melt, "-silent", "-quiet", one, "-consumer", "avformat:" + rendered,
                        "vcodec=rawvideo", "pix_fmt=yuv420p", "an=1"],
                       check=True, capture_output=True, timeout=300)
        got = yavg(ffprobe, rendered)
        want_len = int(entries[i].get("out")) - int(entries[i].get("in")) + 1
        need(len(got) == want_len, "mlt shot %d: melt rendered %d frames, the entry has %d" % (i + 1, len(got), want_len))
        if not got:
            continue
        if a in hard:
            need(abs(src[a] - src[a - 1]) > MIN_CUT_STEP, "mlt: test media: no luma step at frame %d" % a)
            need(abs(got[0] - src[a]) < abs(got[0] - src[a - 1]),
                 "mlt shot %d: first rendered frame (luma %.1f) is frame %d's (%.1f), not frame %d's (%.1f)"
                 % (i + 1, got[0], a - 1, src[a - 1], a, src[a]))
        if b + 1 in hard:
            need(abs(src[b] - src[b + 1]) > MIN_CUT_STEP, "mlt: test media: no luma step at frame %d" % (b + 1))
            need(abs(got[-1] - src[b]) < abs(got[-1] - src[b + 1]),
                 "mlt shot %d: last rendered frame (luma %.1f) is frame %d's (%.1f), not frame %d's (%.1f)"
                 % (i + 1, got[-1], b + 1, src[b + 1], b, src[b]))
    for e in entries:
        pl.append(e)


def main():
    fmt, export, dump_paths = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    times = frame_times(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
    dumps = [load_dump(p) for p in dump_paths]
    check = {"csv": check_csv, "edl": check_edl, "xmeml": check_xmeml, "fcpxml": check_fcpxml, "chapters": check_chapters,
             "webvtt": check_vtt, "audacity": check_labels, "beats": check_beats, "mlt": check_mlt}
    if fmt == "otio":
        check_otio(export, dumps, times)
    else:
        check[fmt](export, dumps[0], times)
    for p in problems[:10]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
