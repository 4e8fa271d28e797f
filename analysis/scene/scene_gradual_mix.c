/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Coarse-thumbnail mix of two shots. See scene_gradual_mix.h.
 */
#include "analysis/scene/scene_gradual_mix.h"
#include "analysis/scene/scene_span.h"

#include <math.h>
#include <string.h>

/* Blocks along the longer side of the coarse thumbnail: 4 cells of the
 * default 48-cell grid each (12x9 at 4:3, 12x6 at 16:9). Set once, not
 * tuned: the figures in scene_gradual.c were measured at this size. */
#define COARSE_ACROSS 12
#define COARSE_MAX (3 * COARSE_ACROSS * COARSE_ACROSS)

/* block means of the cells' luma and chroma: returns the values written */
static int coarse(const MtSceneGrid *g, const MtSceneFeat *f, float *out)
{
    int longer = g->gw > g->gh ? g->gw : g->gh;
    int bs = longer / COARSE_ACROSS > 0 ? longer / COARSE_ACROSS : 1;
    int bw = g->gw / bs > 0 ? g->gw / bs : 1, bh = g->gh / bs > 0 ? g->gh / bs : 1;
    /* a grid under COARSE_ACROSS cells across (small analysis_size, tiny
     * frames) leaves bs 1 with more blocks than fit: the extra cells fold
     * into the last block, as a remainder does */
    bw = bw < COARSE_ACROSS ? bw : COARSE_ACROSS;
    bh = bh < COARSE_ACROSS ? bh : COARSE_ACROSS;
    int nb = bw * bh, cnt[COARSE_ACROSS * COARSE_ACROSS] = { 0 };
    for (int i = 0; i < 3 * nb; i++)
        out[i] = 0;
    for (int y = 0; y < g->gh; y++) {
        int by = y / bs < bh ? y / bs : bh - 1;
        for (int x = 0; x < g->gw; x++) {
            int bx = x / bs < bw ? x / bs : bw - 1, c = y * g->gw + x, o = by * bw + bx;
            out[o] += f->y[c];
            out[nb + o] += f->u[c];
            out[2 * nb + o] += f->v[c];
            cnt[o]++;
        }
    }
    for (int o = 0; o < nb; o++)
        for (int ch = 0; ch < 3; ch++)
            out[ch * nb + o] /= cnt[o] ? cnt[o] : 1;
    return 3 * nb;
}

/* Solves the k x k normal equations s c = r (k = 2 or 3) of a fit of n
 * values, with a tiny ridge for degenerate (flat) input; s and r are
 * overwritten. */
static void solve_normal(double s[3][3], double r[3], int k, int n, double c[3])
{
    for (int a = 0; a < k; a++)
        s[a][a] += 1e-6 * n;
    for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
            double f = s[b][a] / s[a][a];
            for (int e = a; e < k; e++)
                s[b][e] -= f * s[a][e];
            r[b] -= f * r[a];
        }
    }
    for (int a = k - 1; a >= 0; a--) {
        double v = r[a];
        for (int b = a + 1; b < k; b++)
            v -= s[a][b] * c[b];
        c[a] = v / s[a][a];
    }
    for (int a = k; a < 3; a++)
        c[a] = 0;
}

/* the sums of v v^T over v = (1, p[i], q[i]) (k = 3) or (1, p[i]) (k = 2) */
static void normal_matrix(const float *p, const float *q, int n, double s[3][3])
{
    int k = q ? 3 : 2;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            s[a][b] = 0;
    for (int i = 0; i < n; i++) {
        double v[3] = { 1, p[i], q ? q[i] : 0 };
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
                s[a][b] += v[a] * v[b];
    }
}

/* the sums of v y[i] */
static void normal_rhs(const float *y, const float *p, const float *q, int n, double r[3])
{
    r[0] = r[1] = r[2] = 0;
    for (int i = 0; i < n; i++) {
        r[0] += y[i];
        r[1] += (double)p[i] * y[i];
        if (q)
            r[2] += (double)q[i] * y[i];
    }
}

float mt_scene_blend_fit(const float *y, const float *p, const float *q, int n)
{
    double s[3][3], r[3], c[3];
    normal_matrix(p, q, n, s);
    normal_rhs(y, p, q, n, r);
    solve_normal(s, r, q ? 3 : 2, n, c);
    double res = 0;
    for (int i = 0; i < n; i++)
        res += fabs(y[i] - c[0] - c[1] * p[i] - (q ? c[2] * q[i] : 0));
    return (float)(res / n);
}

int mt_scene_coarse_mix(const MtSceneDetector *d, int64_t a, int64_t b, MtSceneCoarseMix *m)
{
    float A[COARSE_MAX], B[COARSE_MAX], M[COARSE_MAX];
    double p[MT_SCENE_RAMP_MAX];
    unsigned char valid[MT_SCENE_RAMP_MAX];
    int n = (int)(b - a - 1), imid = -1, s, e;
    if (n < 1 || n > MT_SCENE_RAMP_MAX)
        return -1;
    int nv = coarse(&d->grid, &scn_slot(d, a)->f, A);
    coarse(&d->grid, &scn_slot(d, b)->f, B);
    /* the anchors' part of the normal equations is the same for every frame */
    double gram[3][3];
    normal_matrix(A, B, nv, gram);
    for (int i = 0; i < n; i++) {
        const SceneSlot *sl = scn_slot(d, a + 1 + i);
        double c[3];
        valid[i] = 0;
        p[i] = 0;
        if (sl->flash)
            continue;
        double sm[3][3], r[3];
        coarse(&d->grid, &sl->f, M);
        memcpy(sm, gram, sizeof(sm));
        normal_rhs(M, A, B, nv, r);
        solve_normal(sm, r, 3, nv, c);
        /* neither anchor in the frame (weights summing to well under the
         * 1 of a mix; 0.2 set once, not tuned): no progress to read */
        if (c[1] + c[2] < 0.2)
            continue;
        p[i] = c[2] / (c[1] + c[2]);
        /* a noisy fit can overshoot the anchors; clamped so that one such
         * frame cannot pull the ramp fit (set once, not tuned) */
        p[i] = p[i] < -0.5 ? -0.5 : p[i] > 1.5 ? 1.5 : p[i];
        valid[i] = 1;
        if (imid < 0 && p[i] >= 0.5)
            imid = i;
    }
    if (imid < 0 || mt_scene_ramp_fit(p, valid, n, imid, imid, 0, &s, &e) < 0)
        return -1;
    m->first = a + 1 + s;
    m->last = a + 1 + (e < n - 1 ? e : n - 1);
    m->mid = a + 1 + imid;
    return 0;
}
