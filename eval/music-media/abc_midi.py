#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Render the ABC tunes a set's pieces.json names (entries with an "abc" object) to MIDI with abc2midi.

  abc_midi.py PIECES.json ROOT     writes ROOT/<path> of each such entry from ROOT/<abc.file>, tune abc.tune

abc2midi starts a tune with its pickup (anacrusis) at tick 0 and writes no bar lines, so a bar grid counted from
tick 0 (midimap.py) would put every bar line `pickup_ticks` early. Here the note events are delayed by a bar minus
the pickup, so that the first full bar starts on a bar line of the grid; the time signature and tempo that
abc2midi writes at ticks 0-1 (a default 4/4 at 0, the tune's M: at 1 in some files) are kept once, at tick 0.
"""
import json, os, subprocess, sys, tempfile
import mido

META_AT_START = ("time_signature", "set_tempo", "key_signature")


def render(src, tune, pickup, out):
    with tempfile.TemporaryDirectory() as td:
        raw = os.path.join(td, "t.mid")
        subprocess.run(["abc2midi", src, str(tune), "-silent", "-o", raw], check=True, stdout=subprocess.DEVNULL)
        mid = mido.MidiFile(raw)
    start = {}  # meta type -> message, the last one abc2midi wrote at tick <= 1
    tracks = []
    for tr in mid.tracks:
        t, evs = 0, []
        for m in tr:
            t += m.time
            if m.is_meta and m.type in META_AT_START and t <= 1:
                start[m.type] = m
            elif m.type != "end_of_track":
                evs.append((t, m))
        tracks.append(evs)
    num, den = start["time_signature"].numerator, start["time_signature"].denominator
    bar = num * mid.ticks_per_beat * 4 // den
    pad = (bar - pickup) % bar
    res = mido.MidiFile(type=mid.type, ticks_per_beat=mid.ticks_per_beat)
    for k, evs in enumerate(tracks):
        head = [m.copy(time=0) for m in start.values()] if k == 0 else []
        nt, last = mido.MidiTrack(head), 0
        for t, m in evs:
            t = t + pad if t > 0 or not m.is_meta else 0
            nt.append(m.copy(time=t - last))
            last = t
        nt.append(mido.MetaMessage("end_of_track", time=0))
        res.tracks.append(nt)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    res.save(out)


def main():
    pieces, root = json.load(open(sys.argv[1])), sys.argv[2]
    done = set()
    for p in pieces:
        a = p.get("abc")
        if a and p["path"] not in done:
            render(root + a["file"], a["tune"], a["pickup_ticks"], root + p["path"])
            done.add(p["path"])


if __name__ == "__main__":
    main()
