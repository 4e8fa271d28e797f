#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Pairwise beat agreement of OUT/{mp3,ogg,flac}/<id>.beats.txt against
OUT/wav/<id>.beats.txt (tests/tools/beat_formats.sh writes them): beats
matched one to one within 70 ms, median and max |dt| in ms, beat counts."""
import glob, os, statistics, sys


def load(path):
    with open(path) as f:
        return [float(x) for x in f.read().split()]


def match(a, b, window=0.07):
    """Greedy nearest matching of two sorted lists within the window."""
    pairs, j = [], 0
    for t in a:
        while j < len(b) and b[j] < t - window:
            j += 1
        if j < len(b) and abs(b[j] - t) <= window:
            pairs.append((t, b[j]))
            j += 1
    return pairs


def main(out):
    worst = 0.0
    for fmt in ("mp3", "ogg", "flac"):
        meds = []
        for ref in sorted(glob.glob(os.path.join(out, "wav", "*.beats.txt"))):
            name = os.path.basename(ref)
            est = os.path.join(out, fmt, name)
            if not os.path.exists(est):
                continue
            a, b = load(ref), load(est)
            pairs = match(a, b)
            dts = [1000.0 * (y - x) for x, y in pairs]
            med = statistics.median(dts) if dts else float("nan")
            mx = max((abs(d) for d in dts), default=float("nan"))
            meds.append(abs(med))
            worst = max(worst, abs(med)) if dts else worst
            print("%-5s %-28s n %4d/%4d matched %4d median %+7.2f ms max %6.2f ms"
                  % (fmt, name[:-10], len(a), len(b), len(pairs), med, mx))
        if meds:
            print("%-5s ALL median |median dt| %.2f ms, worst %.2f ms"
                  % (fmt, statistics.median(meds), max(meds)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
