# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Splits each piece's lost beat F-measure by cause (issue 11, a dev tool).

usage: beat_loss_map.py GT_DIR PRED_DIR [--per-piece]

F = 2M / (nR + nE) after mir_eval's 5 s trim, so 1 - F is the number of
unmatched reference and estimated beats over nR + nE: every unmatched beat
is given one cause from the beats around it, and the causes add up to the
piece's lost F exactly. Around an unmatched beat at time t (the reference
beats within 4 reference periods, the estimated beats within 4 of theirs):
  edge/break  no estimated beat within 1.5 reference periods of t (or no
              reference beat, for an estimated one): missing beats at the
              start, the end or in a break, or extra ones there;
  level       the local estimated period (the mean of the middle half of
              its intervals) is more than 15 % off the reference one
              (2x, 1/2, 3/2, 3, 4/3 ...);
  tempo       the ratio is 1 +- 3..15 %, or the phase of the local
              estimated beats on the reference grid moves by a median
              0.006 period or more per beat: a tempo change or a drift not
              followed (the beats slip past the reference);
  off-beat    otherwise, when the median phase of the local
              estimated beats on the reference grid is 0.35-0.5 period;
  phase       the same with a phase of 0.12-0.35 period (a sixteenth or a
              systematic lag);
  jitter      the same with a phase under 0.12 period: this beat alone
              is more than 70 ms off.
"""
import glob, os, sys

import numpy as np
import mir_eval

CAUSES = ["level", "off-beat", "phase", "tempo", "jitter", "edge/break"]


def load(path):
    if not os.path.exists(path):
        return np.array([])
    v = [float(l.split()[0]) for l in open(path) if l.strip() and not l.startswith("#")]
    return np.array(sorted(v))


def local_period(times, t, k=4):
    if len(times) < 2:
        return None
    i = np.searchsorted(times, t)
    a, b = max(0, i - k), min(len(times), i + k)
    if b - a < 2:
        a, b = max(0, b - 3), min(len(times), a + 3)
    d = np.sort(np.diff(times[a:b]))
    if len(d) == 0:
        return None
    # mean of the middle half: frame-rounded intervals alternate (e.g.
    # 20 and 21 frames), which a median would report as the shorter one
    q = len(d) // 4
    return float(np.mean(d[q:len(d) - q]))


def cause(t, ref, est, ref_side):
    """The cause of an unmatched beat at t (ref_side: it is a reference beat)."""
    tg = local_period(ref, t)
    if tg is None:
        return "edge/break"
    if ref_side:
        if len(est) == 0 or np.min(np.abs(est - t)) > 1.5 * tg:
            return "edge/break"
    elif t < ref[0] - 0.5 * tg or t > ref[-1] + 0.5 * tg or np.min(np.abs(ref - t)) > 1.5 * tg:
        return "edge/break"
    tp = local_period(est, t)
    if tp is None:
        return "edge/break"
    r = tp / tg
    if abs(r - 1) > 0.15:
        return "level"
    # phase of the estimated beats near t on the local reference grid
    near = est[np.abs(est - t) <= 4 * tg]
    ph = []
    for e in near:
        j = np.searchsorted(ref, e)
        lo = ref[j - 1] if j > 0 else ref[0] - tg
        x = (e - lo) / tg
        ph.append(x - np.floor(x + 0.5))  # in [-0.5, 0.5)
    # a drift moves the phase a little every beat; a jump of phase once
    # (a beat lost or gained) leaves the median step at 0
    d = np.diff(ph)
    d = d - np.floor(d + 0.5)
    if abs(r - 1) > 0.03 or (len(d) >= 3 and abs(float(np.median(d))) >= 0.006):
        return "tempo"
    p = abs(float(np.median(ph))) if ph else 0.0
    if p >= 0.35:
        return "off-beat"
    if p >= 0.12:
        return "phase"
    return "jitter"


def piece(ref, est):
    r = mir_eval.beat.trim_beats(ref)
    e = mir_eval.beat.trim_beats(est)
    n = len(r) + len(e)
    loss = dict.fromkeys(CAUSES, 0.0)
    if n == 0:
        return 1.0, loss
    m = mir_eval.util.match_events(r, e, 0.07) if len(r) and len(e) else []
    mr = {i for i, _ in m}
    me = {j for _, j in m}
    for i, t in enumerate(r):
        if i not in mr:
            loss[cause(t, r, e, True)] += 1.0 / n
    for j, t in enumerate(e):
        if j not in me:
            loss[cause(t, r, e, False)] += 1.0 / n
    return 2.0 * len(m) / n, loss


def main():
    gt, pred = sys.argv[1], sys.argv[2]
    per = "--per-piece" in sys.argv
    tot = dict.fromkeys(CAUSES, 0.0)
    fs = []
    if per:
        print("%-22s %6s " % ("id", "F") + " ".join("%9s" % c for c in CAUSES))
    for g in sorted(glob.glob(os.path.join(gt, "*.beats.txt"))):
        iid = os.path.basename(g)[:-len(".beats.txt")]
        f, loss = piece(load(g), load(os.path.join(pred, iid + ".beats.txt")))
        fs.append(f)
        for c in CAUSES:
            tot[c] += loss[c]
        if per:
            print("%-22s %6.3f " % (iid, f) + " ".join("%9.3f" % loss[c] for c in CAUSES))
    n = len(fs)
    print("%-22s %6.3f " % ("SUM (F lost, pieces)", float(np.mean(fs)) if n else float("nan")) +
          " ".join("%9.3f" % tot[c] for c in CAUSES) + "   n=%d" % n)


if __name__ == "__main__":
    main()
