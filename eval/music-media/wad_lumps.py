#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Extract the Standard MIDI music lumps (D_*, starting with MThd) of a Doom WAD.

  wad_lumps.py FILE.wad    writes FILE.wad.d/<LUMP>.mid next to the WAD

freedoom ships its music only inside freedoom1.wad and freedoom2.wad; the lumps are plain MIDI files.
WAD layout: header "IWAD"/"PWAD", lump count, directory offset (little-endian int32); directory entries are
(offset int32, size int32, name 8 bytes NUL-padded).
"""
import os, struct, sys

for wad in sys.argv[1:]:
    data = open(wad, "rb").read()
    ident, count, diroff = struct.unpack("<4sii", data[:12])
    if ident not in (b"IWAD", b"PWAD"):
        sys.exit("%s: not a WAD file (header %r)" % (wad, ident))
    out = wad + ".d"
    os.makedirs(out, exist_ok=True)
    n = 0
    for i in range(count):
        off, size, name = struct.unpack("<ii8s", data[diroff + 16 * i:diroff + 16 * i + 16])
        name = name.rstrip(b"\0").decode("ascii", "replace")
        body = data[off:off + size]
        if name.startswith("D_") and body[:4] == b"MThd":
            with open(os.path.join(out, name + ".mid"), "wb") as fh:
                fh.write(body)
            n += 1
    print("%s: %d MIDI lumps -> %s" % (wad, n, out))
