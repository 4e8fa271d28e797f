#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
"""Ground truth of one rendered demo clip, from the demo's input and the clip's status bar, printed as JSON.

Usage: make_gt.py ID CLIP.mp4 DEMO.lmp IWAD_NAME
DEMO.lmp is the lump make_media.sh cut out of the IWAD (KEEP=1 keeps it next to the lossless render).
The method is natural-val's for nw11-nw13 (../natural-val/README.md, "Rendered game demos"); frame n shows the
state after demo tic n. No transitions: each clip is one continuous first-person view.
"""
import json
import subprocess
import sys

FPS = 35
WIDTH, HEIGHT = 640, 480
TURN_UNIT_DEG = 1.40625          # one unit of a tic's turn byte (256 units per full turn)
# Whip pan: tics turning >= 5 units (7 deg/frame, Doom's keyboard fast-turn speed) bridged over gaps <= 2 tics and
# turning >= 45 deg in all; slower turns stay part of the shot (natural-val nw11-nw13).
WHIP_TURN_UNITS, WHIP_GAP, WHIP_MIN_DEG = 5, 2, 45
# Weapon fire: attack button held, gaps <= 3 tics bridged, +6 frames of recoil after the last press.
FIRE_GAP, FIRE_RECOIL = 3, 6
# Status-bar tints (means over the bar at 320x240): untinted R-G is 9-19 on nw11, a red damage tint >= 67, so 40
# separates them; the gold pickup test (R+G)/2-B > 25 is natural-val's, faint in freedoom's palette.
RED_MIN, GOLD_MIN = 40, 25


def demo_tics(path):
    """(forward, side, turn, buttons) per tic of a vanilla (v1.9, 13-byte header) single-player demo."""
    data = open(path, 'rb').read()
    if len(data) < 14 or data[0] != 109:
        sys.exit('make_gt.py: %s: not a Doom v1.9 demo' % path)
    tics, pos = [], 13
    while data[pos] != 0x80:
        fwd, side, turn, buttons = data[pos:pos + 4]
        tics.append((fwd - 256 * (fwd > 127), side - 256 * (side > 127), turn - 256 * (turn > 127), buttons))
        pos += 4
    return data[2], data[3], tics


def status_bar_colours(clip):
    """(R-G, (R+G)/2-B) per frame, means over the status bar (rows 204-239 of the frame at 320x240)."""
    w, h, top = 320, 240, int(240 * 170 / 200)
    raw = subprocess.run(['ffmpeg', '-v', 'error', '-i', clip, '-vf', 'scale=%d:%d:flags=neighbor' % (w, h),
                          '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], capture_output=True, check=True).stdout
    size, out = w * h * 3, []
    for start in range(0, len(raw), size):
        bar = raw[start + top * w * 3:start + size]
        n = len(bar) // 3
        r, g, b = sum(bar[0::3]) / n, sum(bar[1::3]) / n, sum(bar[2::3]) / n
        out.append((round(r - g, 1), round((r + g) / 2 - b, 1)))
    return out


def spans(flags, gap):
    """[first, last] runs of true flags, runs apart by <= gap false flags joined."""
    out = []
    for i, flag in enumerate(flags):
        if not flag:
            continue
        if out and i - out[-1][1] <= gap + 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def hard_negatives(tics, bars):
    n = len(bars)
    neg = []
    red = [rg > RED_MIN for rg, _ in bars]
    gold = [yb > GOLD_MIN and rg <= RED_MIN for rg, yb in bars]
    for a, b in spans(red, 0):
        neg.append(dict(type='flash', first=a, last=b, detail='damage: red palette over the whole frame and status bar'))
    for a, b in spans(gold, 0):
        neg.append(dict(type='flash', first=a, last=b,
                        detail='item pickup: gold palette over the whole frame and status bar'))
    for a, b in spans([abs(t[2]) >= WHIP_TURN_UNITS for t in tics], WHIP_GAP):
        deg = sum(t[2] for t in tics[a:b + 1]) * TURN_UNIT_DEG
        if abs(deg) >= WHIP_MIN_DEG:
            neg.append(dict(type='fast_pan', first=a, last=b, detail='whip pan: player turns %.0f deg %s in %d frames'
                            % (abs(deg), 'left' if deg > 0 else 'right', b - a + 1)))
    for a, b in spans([t[3] & 1 == 1 for t in tics], FIRE_GAP):
        neg.append(dict(type='flash', first=a, last=min(b + FIRE_RECOIL, n - 1),
                        detail='weapon fire: muzzle flash and raised light level (attack held in the demo, '
                               '+6 frames of recoil)'))
    neg.sort(key=lambda e: (e['first'], e['last']))
    return neg


def main():
    if len(sys.argv) != 5:
        sys.exit('usage: make_gt.py ID CLIP.mp4 DEMO.lmp IWAD_NAME')
    cid, clip, lump, iwad = sys.argv[1:]
    episode, level, tics = demo_tics(lump)
    bars = status_bar_colours(clip)
    if len(bars) != len(tics):
        sys.exit('make_gt.py: %s: %d frames, the demo %d tics' % (clip, len(bars), len(tics)))
    where = 'MAP%02d' % level if iwad == 'freedoom2.wad' else 'E%dM%d' % (episode, level)
    n = len(bars)
    gt = dict(id=cid, file=cid + '.mp4', width=WIDTH, height=HEIGHT, fps=FPS, frames=n, duration=round(n / FPS, 6),
              source='freedoom (bookworm 0.12.1-2):/usr/share/games/doom/%s, demo lump %s (%s), rendered by '
                     'dsda-doom (bookworm 0.25.6+dfsg-1) -timedemo -viddump, 640x480, 35 fps (one frame per game '
                     'tic, frame n = demo tic n)' % (iwad, lump_name(cid), where),
              notes='TUNE material (thresholds may be chosen on it). First-person gameplay in one continuous view, '
                    'no edits; hard negatives from the demo input and the status-bar tint only (not searched by '
                    'eye for explosions or strobing lights).',
              transitions=[], hard_negatives=hard_negatives(tics, bars), uncertain=[])
    print(json.dumps(gt, indent=1))


def lump_name(cid):
    """t1_fd1demo2 -> DEMO2"""
    return 'DEMO' + cid[-1]


if __name__ == '__main__':
    main()
