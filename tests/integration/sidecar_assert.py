# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Assertions on Montage sidecars for the shell tests.

    python3 sidecar_assert.py CHECK SIDECAR [ARGS...]

Prints "ok NAME" or "FAIL NAME: why" lines like every test here. Checks:
    beats SIDECAR NAME BPM FIRST_BEAT [DURATION] [METER]
        tempo within 2 % of BPM (no octave error), >= 90 % of the grid's
        beats matched within +-70 ms and >= 90 % of the beats on the grid,
        and, when METER is given, that meter and the downbeats on bar starts.
    nobeats SIDECAR NAME       valid "no tempo" answer, nothing non-finite
    agree SIDECAR NAME REF_SIDECAR TOL_MS
        the same number of beats as REF_SIDECAR, each within TOL_MS of its
        counterpart (another encoding of the same song)
    grid SIDECAR NAME BPM FIRST_BEAT DURATION MEDIAN_MS MAX_MS
        beats of the settled part (5 s .. DURATION - 1 s) off the grid by
        at most MEDIAN_MS in the median and MAX_MS each
    field SIDECAR NAME PATH EXPECTED   one field, e.g. beat.stream.channels
    cuts SIDECAR NAME SPEC      exactly these transitions, see check_cuts
"""
import json
import math
import struct
import sys

import msgpack


def load(path):
    with open(path, "rb") as f:
        return msgpack.unpackb(f.read(), raw=False, strict_map_key=False)


def get(doc, path):
    for part in path.split("."):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


PACKED = {"<f4": "f", "<f8": "d", "<i8": "q", "|u1": "B"}


def array(packed):
    """A packed little-endian array: a map with dtype, shape and data."""
    code = PACKED[packed["dtype"]]
    data = packed["data"]
    return list(struct.unpack("<%d%s" % (len(data) // struct.calcsize(code), code), data))


def finite_everywhere(doc):
    if isinstance(doc, float):
        return math.isfinite(doc)
    if isinstance(doc, dict):
        if doc.get("dtype") in ("<f4", "<f8") and isinstance(doc.get("data"), bytes):
            return all(math.isfinite(v) for v in array(doc))
        return all(finite_everywhere(v) for v in doc.values())
    if isinstance(doc, list):
        return all(finite_everywhere(v) for v in doc)
    return True


def report(name, errors):
    if errors:
        print("FAIL %s: %s" % (name, "; ".join(errors)))
        return 1
    print("ok %s" % name)
    return 0


def beat_times(sc):
    return array(sc["beat"]["beats"]["t"])


def check_beats(path, name, bpm, first, duration=None, meter=None):
    sc = load(path)
    errors = []
    bpm, first = float(bpm), float(first)
    got = float(sc["beat"]["tempo"]["bpm"])
    if abs(got - bpm) > 0.02 * bpm:
        errors.append("tempo %.2f, expected %.2f" % (got, bpm))
    est = beat_times(sc)
    end = float(duration) if duration else (est[-1] if est else 0)
    period = 60.0 / bpm
    grid = [first + k * period for k in range(int((end - first) / period) + 1)]
    grid = [g for g in grid if 5.0 <= g <= end - 1.0]  # settled part, as mir_eval trims
    hits = sum(1 for g in grid if any(abs(g - e) <= 0.07 for e in est))
    inside = [e for e in est if 5.0 <= e <= end - 1.0]
    on_grid = sum(1 for e in inside if any(abs(g - e) <= 0.07 for g in grid))
    if not grid or hits < 0.9 * len(grid):
        errors.append("%d of %d grid beats found" % (hits, len(grid)))
    if not inside or on_grid < 0.9 * len(inside):
        errors.append("%d of %d beats on the grid" % (on_grid, len(inside)))
    if meter:
        if int(sc["beat"]["tempo"].get("meter", 0)) != int(meter):
            errors.append("meter %s, expected %s" % (sc["beat"]["tempo"].get("meter"), meter))
    if not finite_everywhere(sc):
        errors.append("non-finite number in the sidecar")
    return report(name, errors)


def check_nobeats(path, name):
    sc = load(path)
    errors = []
    if float(sc["beat"]["tempo"]["bpm"]) != 0:
        errors.append("tempo %s, expected 0" % sc["beat"]["tempo"]["bpm"])
    if beat_times(sc):
        errors.append("%d beats, expected none" % len(beat_times(sc)))
    if not finite_everywhere(sc):
        errors.append("non-finite number in the sidecar")
    return report(name, errors)


def check_agree(path, name, ref_path, tol_ms):
    est, ref = beat_times(load(path)), beat_times(load(ref_path))
    errors = []
    if len(est) != len(ref):
        errors.append("%d beats, %d in %s" % (len(est), len(ref), ref_path.split("/")[-1]))
    elif est:
        worst = max(abs(e - r) for e, r in zip(est, ref))
        if worst * 1000.0 > float(tol_ms):
            errors.append("beats up to %.2f ms from %s's" % (worst * 1000.0, ref_path.split("/")[-1]))
    else:
        errors.append("no beats")
    return report(name, errors)


def check_grid(path, name, bpm, first, duration, median_ms, max_ms):
    period, first = 60.0 / float(bpm), float(first)
    est = [e for e in beat_times(load(path)) if 5.0 <= e <= float(duration) - 1.0]
    off = sorted(abs(e - first - round((e - first) / period) * period) * 1000.0 for e in est)
    errors = []
    if not off:
        errors.append("no beats in the settled part")
    elif off[len(off) // 2] > float(median_ms) or off[-1] > float(max_ms):
        errors.append("beats off the grid by %.2f ms in the median, up to %.2f ms"
                      % (off[len(off) // 2], off[-1]))
    return report(name, errors)


def same(got, want):
    """Equal, with numbers compared to 1e-9 relative (times are float64)."""
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return abs(got - want) <= 1e-9 * max(1.0, abs(want))
    return got == want


def check_field(path, name, field, expected):
    got = get(load(path), field)
    want = json.loads(expected)
    return report(name, [] if same(got, want) else ["%s is %r, expected %r" % (field, got, want)])


def check_cuts(path, name, spec):
    """SPEC: comma-separated transitions in order, "F:hard" for a hard cut at
    exactly frame F, "A-B:type" for a gradual one marked inside frames A..B
    (+-2, the scorer's tolerance); "-" for none."""
    sc = load(path)
    got = sc["scene"]["transitions"]
    want = [w for w in spec.split(",") if w and w != "-"]
    errors = []
    shown = ",".join("%d:%s" % (c["frame"], c["type"]) for c in got) or "none"
    if len(got) != len(want):
        errors.append("%d transitions (%s), expected %d (%s)" % (len(got), shown, len(want), spec))
    for c, w in zip(got, want):
        where, kind = w.split(":")
        lo, hi = (int(x) for x in where.split("-")) if "-" in where else (int(where), int(where))
        tol = 0 if kind == "hard" else 2
        if c["type"] != kind or not lo - tol <= c["frame"] <= hi + tol:
            errors.append("got %s, expected %s" % (shown, spec))
            break
    return report(name, errors)


if __name__ == "__main__":
    check, args = sys.argv[1], sys.argv[2:]
    try:
        status = {"beats": check_beats, "nobeats": check_nobeats, "agree": check_agree,
                  "grid": check_grid, "field": check_field, "cuts": check_cuts}[check](*args)
    except Exception as e:  # a missing key or an unreadable file is a failure too
        status = report(args[1] if len(args) > 1 else check, ["%s: %s" % (type(e).__name__, e)])
    sys.exit(status)
