/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Beat-level check from kick/backbeat alternation; see beat_octave.h. */
#include "analysis/beat/beat_octave.h"

#include <math.h>

#include "analysis/beat/beat_peak.h"

/* Envelope maximum within +-1 frame of fractional frame x. */
static double peak_at(const float *e, size_t n, double x)
{
    if (!(x >= 0.0))
        x = 0.0;
    size_t i = (size_t)(x + 0.5);
    if (i >= n)
        i = n - 1;
    return mt_env_max3(e, 0, n, i);
}

double mt_octave_alternation(const double *pos, size_t np, int parity,
                             const float *low, const float *mid, size_t n)
{
    if (np < 8 || n == 0)
        return 0.0;
    double le = 0, lo = 0, me = 0, mo = 0;
    for (size_t i = 0; i < np; i++) {
        double l = peak_at(low, n, pos[i]), m = peak_at(mid, n, pos[i]);
        if ((i + (size_t)parity) % 2 == 0) { le += l; me += m; }
        else { lo += l; mo += m; }
    }
    double lc = le + lo > 1e-9 ? (le - lo) / (le + lo) : 0.0;
    double mc = me + mo > 1e-9 ? (mo - me) / (me + mo) : 0.0;
    return lc < mc ? lc : mc;
}

/* How much stronger the mid band (snare, clap) is on one parity of pos
 * than on the other: the tracked level then holds the beats and the
 * off-beats of a slower one. Relative excess for parity `parity`. */
static double on_off(const double *pos, size_t np, int parity,
                     const float *mid, size_t n)
{
    double me = 0, mo = 0;
    for (size_t i = 0; i < np; i++) {
        double m = peak_at(mid, n, pos[i]);
        if ((i + (size_t)parity) % 2 == 0) me += m;
        else mo += m;
    }
    return me + mo > 1e-9 ? (me - mo) / (me + mo) : 0.0;
}

static double best_parity(const double *pos, size_t np, const float *low,
                          const float *mid, size_t n, int *parity)
{
    double a = mt_octave_alternation(pos, np, 0, low, mid, n);
    double b = mt_octave_alternation(pos, np, 1, low, mid, n);
    if (parity)
        *parity = b > a;
    return a > b ? a : b;
}

MtOctaveVerdict mt_octave_check(const size_t *beats, size_t nb,
                                const float *low, const float *mid, size_t n,
                                double *scratch, double alt_out[4])
{
    double alt[3] = { 0, 0, 0 };
    MtOctaveVerdict v = MT_OCTAVE_KEEP;
    if (nb >= 16) {
        double *pos = scratch;
        for (size_t i = 0; i < nb; i++)
            pos[i] = (double)beats[i];
        alt[0] = best_parity(pos, nb, low, mid, n, NULL);
        double onoff[2] = { on_off(pos, nb, 0, mid, n), on_off(pos, nb, 1, mid, n) };
        /* double: the beats and the midpoints between them */
        size_t m = 0;
        for (size_t i = 0; i < nb; i++) {
            pos[m++] = (double)beats[i];
            if (i + 1 < nb)
                pos[m++] = 0.5 * (double)(beats[i] + beats[i + 1]);
        }
        alt[1] = best_parity(pos, m, low, mid, n, NULL);
        /* half: every other beat, either set */
        double best_half = -2.0;
        int keep = 0;
        for (int start = 0; start < 2; start++) {
            m = 0;
            for (size_t i = (size_t)start; i < nb; i += 2)
                pos[m++] = (double)beats[i];
            double a = best_parity(pos, m, low, mid, n, NULL);
            if (a > best_half) { best_half = a; keep = start; }
        }
        alt[2] = best_half;
        /* halving also needs the beats kept to carry clearly more of the
         * mid band (else the "half" alternation is a bar pattern) */
        if (onoff[keep] < MT_OCTAVE_MIN_ONOFF)
            alt[2] = alt[2] > 0.0 ? 0.0 : alt[2];
        if (alt_out)
            alt_out[3] = onoff[keep];
        double lead = alt[1] > alt[2] ? alt[1] : alt[2];
        if (lead >= MT_OCTAVE_MIN_ALT && lead >= alt[0] + MT_OCTAVE_MARGIN)
            v = alt[1] >= alt[2] ? MT_OCTAVE_DOUBLE
              : keep ? MT_OCTAVE_HALVE_ODD : MT_OCTAVE_HALVE_EVEN;
    }
    if (alt_out)
        for (int k = 0; k < 3; k++)
            alt_out[k] = alt[k];
    return v;
}
