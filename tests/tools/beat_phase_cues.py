#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Beat-phase cues of a tracked beat sequence (issue 11, off-beat tracking):
each cue compared at the tracked beats and at the midpoints between them,
printed with the tracked level and phase against the ground truth.

usage: beat_phase_cues.py AUDIO PRED.beats.txt GT.beats.txt   (NFFT env: 4096)

A dev tool for the measurements in beat_music_dev_split.txt (numpy, ffmpeg;
not part of the test suite). Positive contrasts favour the tracked beats.
  chrN, chrNh    chroma change (60 Hz-2 kHz; one beat / half a beat after
                 against before), mean at beats vs midpoints
  bassN, bassNh  the same below 200 Hz (bass-note changes)
  low, mid, hi   log-magnitude flux 30-200 Hz, 200 Hz-2 kHz, 2-10 kHz, peak
                 near each position
  Plow .. Pall   the band's strongest half-beat slot of a 4-beat bar: a beat
                 (+) or a midpoint (-), (max beat slot - max midpoint) / sum
  sus            median power growth over the half beat after the position
                 ([0.3, 0.48) against [0, 0.15) beat periods), beats minus
                 midpoints
  long           spectral similarity of the position's attack to the sound
                 0.8-0.95 beats later (a note still sounding), beats minus
                 midpoints
"""
import os
import subprocess
import sys

import numpy as np

SR = 22050
HOP = 512
NFFT = int(os.environ.get("NFFT", "4096"))


def load(path):
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-ac", "1", "-ar", str(SR),
                          "-f", "f32le", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.float32)


def magnitudes(x):
    w = np.hanning(NFFT).astype(np.float32)
    n = 1 + max(0, (len(x) - NFFT) // HOP)
    idx = np.arange(NFFT)[None, :] + HOP * np.arange(n)[:, None]
    return np.abs(np.fft.rfft(x[idx] * w, axis=1))


def band(fmin, fmax):
    f = np.fft.rfftfreq(NFFT, 1 / SR)
    return f, (f >= fmin) & (f < fmax)


def chroma(S, fmin, fmax):
    f, sel = band(fmin, fmax)
    pc = (np.round(12 * np.log2(f[sel] / 440.0)) % 12).astype(int)
    P = S[:, sel] ** 2
    return np.stack([P[:, pc == c].sum(1) for c in range(12)], axis=1)


def flux(S, fmin, fmax):
    _, sel = band(fmin, fmax)
    L = np.log1p(100 * S[:, sel])
    return np.maximum(np.diff(L, axis=0, prepend=L[:1]), 0).sum(1)


def cos_dist(a, b):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return 0.0 if na <= 0 or nb <= 0 else 1 - np.dot(a, b) / (na * nb)


def contrast(on, off):
    on, off = np.mean(on), np.mean(off)
    return (on - off) / (on + off) if on + off > 0 else 0.0


def main(audio, pred, gt_path):
    S = magnitudes(load(audio))
    nfr = S.shape[0]
    centres = (np.arange(nfr) * HOP + NFFT / 2) / SR
    b = np.loadtxt(pred, ndmin=1)
    gt = np.loadtxt(gt_path, ndmin=1)
    gt = gt[:, 0] if gt.ndim > 1 else gt
    if len(b) < 8:
        print(os.path.basename(audio), "few beats")
        return
    frac = [(t - gt[k - 1]) / (gt[k] - gt[k - 1])
            for t in b for k in [np.searchsorted(gt, t)] if 0 < k < len(gt)]
    phase = np.angle(np.mean(np.exp(2j * np.pi * np.array(frac)))) / (2 * np.pi) % 1
    ratio = np.median(np.diff(gt)) / np.median(np.diff(b))

    def idx(t):
        return int(np.clip(np.searchsorted(centres, t), 0, nfr - 1))

    def span(M, t0, t1):
        i0, i1 = idx(t0), idx(t1)
        return M[i0:max(i1, i0 + 1)].sum(0)

    def peak(v, t):
        i = idx(t)
        return v[max(0, i - 2):i + 3].max()

    mids = (b[:-1] + b[1:]) / 2
    P = np.median(np.diff(b))
    res = {}
    for name, M in (("chrN", chroma(S, 60, 2000)), ("bassN", chroma(S, 30, 200))):
        for suffix, w in (("", P), ("h", P / 2)):
            f = lambda t: cos_dist(span(M, t, t + w), span(M, t - w, t))
            res[name + suffix] = contrast([f(t) for t in b[1:-1]], [f(t) for t in mids[1:-1]])
    bands = {"low": flux(S, 30, 200), "mid": flux(S, 200, 2000), "hi": flux(S, 2000, 10000)}
    for name, v in bands.items():
        res[name] = contrast([peak(v, t) for t in b], [peak(v, t) for t in mids])
    slots = np.sort(np.concatenate([b, mids]))
    bands["all"] = flux(S, 30, 10000)
    for name, v in bands.items():
        vals = np.array([peak(v, t) for t in slots])
        pat = vals[:len(vals) // 8 * 8].reshape(-1, 8).mean(0)
        on, off = pat[0::2].max(), pat[1::2].max()
        res["P" + name] = (on - off) / (on + off)
    E = (S ** 2).sum(1)[:, None]

    def growth(t):
        a = span(E, t, t + 0.15 * P)[0] / max(1, idx(t + 0.15 * P) - idx(t))
        c = span(E, t + 0.3 * P, t + 0.48 * P)[0] / max(1, idx(t + 0.48 * P) - idx(t + 0.3 * P))
        return c / (a + 1e-12)
    res["sus"] = np.median([growth(t) for t in b]) - np.median([growth(t) for t in mids])

    def held(t):
        return 1 - cos_dist(span(S, t + 0.02, t + 0.08), span(S, t + 0.8 * P, t + 0.95 * P))
    res["long"] = np.mean([held(t) for t in b[:-1]]) - np.mean([held(t) for t in mids])
    print("%-22s ratio %.2f phase %.2f " % (os.path.basename(audio)[:22], ratio, phase)
          + " ".join("%s %+.3f" % kv for kv in res.items()), flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: beat_phase_cues.py AUDIO PRED.beats.txt GT.beats.txt")
    main(*sys.argv[1:4])
