#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Interop: a sidecar written by the C writer, read by Python's msgpack
# (python3-msgpack) with exact values, and its packed arrays decoded with
# struct alone (what numpy.frombuffer(data, dtype) would do).
set -u
SAMPLE=${SAMPLE:-build/tools/sidecar_sample}
T=$(mktemp -d "${TMPDIR:-/tmp}/montage-py-XXXXXX")
trap 'rm -rf "$T"' EXIT

"$SAMPLE" beat "$T/b.msgpack" || { echo "FAIL python_msgpack: writer"; exit 1; }
"$SAMPLE" scene "$T/s.msgpack" --features 5x2 || { echo "FAIL python_msgpack: writer"; exit 1; }
if /usr/bin/python3 - "$T/b.msgpack" "$T/s.msgpack" <<'PYEOF'
import struct, sys
import msgpack

FORMATS = {"<f4": "f", "<f8": "d", "<i8": "q", "|u1": "B"}

def packed(p):
    """Decode a {dtype, shape, data} map with struct, rows for 2-D."""
    code = FORMATS[p["dtype"]]
    n = 1
    for s in p["shape"]:
        n *= s
    assert len(p["data"]) == n * struct.calcsize("<" + code)
    flat = list(struct.unpack("<%d%s" % (n, code), p["data"]))
    if len(p["shape"]) == 2:
        c = p["shape"][1]
        return [flat[i:i + c] for i in range(0, n, c)]
    return flat

b = msgpack.unpackb(open(sys.argv[1], "rb").read(), raw=False)
assert list(b)[:3] == ["schema", "schema_version", "kind"]
assert b["schema"] == "montage.sidecar" and b["schema_version"] == [1, 1]
assert b["kind"] == "beat"
assert b["source"]["mtime_ns"] == 1700000000123456789
assert b["source"]["digest"] == "xxh3-128:0123456789abcdef0123456789abcdef"
assert b["config"] == {"min_bpm": 60, "max_bpm": 200.5, "downbeats": False}
assert b["status"] == {"complete": True, "units_seen": 144000, "warnings": []}
beat = b["beat"]
assert beat["stream"]["sample_rate"] == 48000 and beat["stream"]["hop"] == 512
assert beat["tempo"]["bpm"] == 120.0 and beat["tempo"]["meter"] == 4
assert isinstance(beat["beats"]["t"]["data"], bytes)
assert packed(beat["beats"]["t"]) == [0.25 + 0.5 * i for i in range(6)]
assert packed(beat["beats"]["sample"]) == [12000 + 24000 * i for i in range(6)]
assert packed(beat["beats"]["strength"]) == [1 - 0.125 * i for i in range(6)]
assert packed(beat["beats"]["downbeat"]) == [1, 0, 0, 0, 1, 0]
assert packed(beat["tempo"]["curve"]["bpm"]) == [119.5, 120.0, 120.5]
assert packed(beat["onset_env"]["values"]) == [0.0625 * i for i in range(5)]
assert beat["onset_env"]["rate_hz"] == 22050 / 512

s = msgpack.unpackb(open(sys.argv[2], "rb").read(), raw=False)
sc = s["scene"]
assert s["kind"] == "scene" and sc["hist_bins"] == 8
assert sc["stream"]["time_base"] == [1, 12800] and sc["stream"]["frame_rate"] == [25, 1]
t = sc["transitions"]
assert [x["type"] for x in t] == ["hard", "fade"]
assert t[0]["frame"] == 40 and t[0]["pts"] == 20480 and t[0]["t"] == 1.6
assert t[1]["first_frame"] == 70 and t[1]["last_frame"] == 74
assert packed(sc["scenes"][0]["mean_hist"])[0] == 0.5
ff = sc["frame_features"]
assert ff["names"] == ["score", "hist_dist"] and ff["shape"] == [5, 2]
assert packed(ff)[2] == [4 / 512, 5 / 512]
PYEOF
then echo "ok python_msgpack"; else echo "FAIL python_msgpack"; exit 1; fi
