/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Frame-pair distances for the scene detector: see scene_metric.h. */
#include "analysis/scene/scene_metric.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Mean |a - b| of two independent unit-variance Gaussian fields (2/sqrt(pi)):
 * the structure residual of unrelated frames, used to scale it to ~0..1. */
#define UNRELATED_RESIDUAL 1.1284f
/* Cost added to a region match per cell of shift (x plus y): a slight
 * preference for small shifts, so ties (flat regions) go to no motion. It
 * separates exact ties from real matches, whose mean residuals differ by
 * more; since the first version, margins not recorded (#15 only named it). */
#define SHIFT_PENALTY 0.002f

float mt_scene_hist_dist(const MtSceneFeat *a, const MtSceneFeat *b)
{
    float d = 0;
    for (int i = 0; i < MT_SCENE_HIST_BINS; i++)
        d += fabsf(a->hist[i] - b->hist[i]);
    return 0.5f * d;
}

/* sum |a[y][x] - b[y+dy][x+dx]| over x0..x1-1, y0..y1-1, every step-th
 * cell in both directions; stops early once past limit. Inline, like
 * try_shift: the searches make over a thousand short calls per frame,
 * mostly ended after a row: inlining both cut scene_core_bench's
 * instructions by 14 % at -O2 (720p); FFmpeg's -O3 build inlined most
 * of it already (3 % of the filter's). The row pointers step from row to
 * row, and only onto a row that is summed (never past the arrays). The
 * arithmetic and its order are unchanged, so the results are
 * bit-identical. */
static inline float sad_limit(const float *a, const float *b, int gw, int x0, int x1, int y0,
                              int y1, int dx, int dy, int step, float limit)
{
    float s = 0;
    if (step == 1) {
        const float *pa = a + y0 * gw, *pb = b + (y0 + dy) * gw + dx;
        for (int y = y0; y < y1 && s <= limit;) {
            /* four independent sums: one SIMD accumulator once vectorised */
            float r0 = 0, r1 = 0, r2 = 0, r3 = 0;
            int x = x0;
            for (; x + 3 < x1; x += 4) {
                r0 += fabsf(pa[x] - pb[x]);
                r1 += fabsf(pa[x + 1] - pb[x + 1]);
                r2 += fabsf(pa[x + 2] - pb[x + 2]);
                r3 += fabsf(pa[x + 3] - pb[x + 3]);
            }
            for (; x < x1; x++)
                r0 += fabsf(pa[x] - pb[x]);
            s += (r0 + r1) + (r2 + r3);
            if (++y < y1) {
                pa += gw;
                pb += gw;
            }
        }
        return s;
    }
    /* Sparse rows need one running sum: the three others of the form
     * above stay +0 there, and adding +0 to a sum of magnitudes changes
     * no bit, so this is the same arithmetic without the dead terms. */
    const float *pa = a + y0 * gw + x0, *pb = b + (y0 + dy) * gw + x0 + dx;
    const int n = x1 - x0;
    for (int y = y0; y < y1 && s <= limit;) {
        float r = 0;
        for (int x = 0; x < n; x += step)
            r += fabsf(pa[x] - pb[x]);
        s += r;
        if ((y += step) < y1) {
            pa += step * gw;
            pb += step * gw;
        }
    }
    return s;
}

static float sad(const float *a, const float *b, int gw, int x0, int x1, int y0, int y1,
                 int dx, int dy, int step)
{
    return sad_limit(a, b, gw, x0, x1, y0, y1, dx, dy, step, INFINITY);
}

/* ceil(n / step), n >= 0, for the cell steps of the searches, which are
 * 1, 2 or 4 (see region_match): a shift instead of a division, two of
 * which every try needs */
static inline int sampled(int n, int step)
{
    return (n + step - 1) >> (step >> 1);
}

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

typedef struct Match {
    float r;            /* mean residual plus the small-shift preference */
    int dx, dy;
    int x0, x1, y0, y1; /* cells of the region that stay inside the grid */
} Match;

/* Residual of region (x0..x1, y0..y1) of a against b shifted by (dx, dy),
 * on every step-th cell; 0 when less than half the region overlaps. */
static inline int try_shift(const float *a, const float *b, int gw, int gh, int x0, int x1,
                            int y0, int y1, int dx, int dy, int step, Match *best)
{
    int xs = imax(x0, -dx), xe = imin(x1, gw - dx), ys = imax(y0, -dy), ye = imin(y1, gh - dy);
    if (xe <= xs || ye <= ys || 2 * (xe - xs) * (ye - ys) < (x1 - x0) * (y1 - y0))
        return 0;
    int cnt = sampled(xe - xs, step) * sampled(ye - ys, step);
    /* a slight preference for small shifts decides ties (flat regions) in
     * favour of no motion */
    float pen = SHIFT_PENALTY * (abs(dx) + abs(dy));
    float r = sad_limit(a, b, gw, xs, xe, ys, ye, dx, dy, step, (best->r - pen) * cnt) / cnt + pen;
    if (r < best->r) {
        *best = (Match){ r, dx, dy, xs, xe, ys, ye };
    }
    return 1;
}

/* Best shift within radius of region (x0..x1, y0..y1) of a against b,
 * coarse to fine: even shifts on every other cell, then the nine shifts
 * around the best on every cell_step-th cell (1: all). (A sparser first
 * level missed the right shift on fine, periodic texture at lag 1, so only
 * the wide searches of the multi-lag scan start at spacing 4.) */
static Match region_match(const MtSceneGrid *g, const float *a, const float *b,
                          int x0, int x1, int y0, int y1, int radius, int cell_step)
{
    int gw = g->gw, gh = g->gh;
    int rdx = imin(radius, gw / 2), rdy = imin(radius, gh / 2);
    /* regions too small to thin out keep every cell */
    int fine = x1 - x0 >= 4 * cell_step && y1 - y0 >= 4 * cell_step ? cell_step : 1;
    /* the first level's shift spacing: 2, or 4 for the wide searches of
     * the sparse multi-lag scan (a three-level search); spacings and cell
     * steps are 1, 2 or 4, as sampled() needs */
    int sp = radius >= 4 && fine > 1 ? 4 : radius >= 2 ? 2 : 1;
    int step = imax(sp, fine);
    /* Each level tries its likeliest shift first (no motion, then the
     * previous level's best): a good early bound lets sad_limit drop most
     * other candidates after a row or two. */
    Match best = { INFINITY, 0, 0, x0, x1, y0, y1 };
    try_shift(a, b, gw, gh, x0, x1, y0, y1, 0, 0, step, &best);
    for (int dy = -(rdy / sp) * sp; dy <= rdy; dy += sp)
        for (int dx = -(rdx / sp) * sp; dx <= rdx; dx += sp)
            if (dx || dy)
                try_shift(a, b, gw, gh, x0, x1, y0, y1, dx, dy, step, &best);
    int best_step = step; /* the cell step best.r was measured on */
    if (best.r == INFINITY) { /* region too small to shift */
        try_shift(a, b, gw, gh, x0, x1, y0, y1, 0, 0, 1, &best);
        best_step = 1;
    }
    while (sp > 1) {
        Match c = best;
        sp /= 2;
        step = imax(sp, fine);
        /* the centre's residual is already known when this level measures
         * on the same cells (a best is always summed in full) */
        if (best_step != step) {
            best = (Match){ INFINITY, 0, 0, x0, x1, y0, y1 };
            try_shift(a, b, gw, gh, x0, x1, y0, y1, c.dx, c.dy, step, &best);
        }
        best_step = step;
        for (int dy = imax(c.dy - sp, -rdy); dy <= imin(c.dy + sp, rdy); dy += sp)
            for (int dx = imax(c.dx - sp, -rdx); dx <= imin(c.dx + sp, rdx); dx += sp)
                if (dx != c.dx || dy != c.dy)
                    try_shift(a, b, gw, gh, x0, x1, y0, y1, dx, dy, step, &best);
        if (best.r == INFINITY) {
            try_shift(a, b, gw, gh, x0, x1, y0, y1, 0, 0, 1, &best);
            best_step = 1;
        }
    }
    best.r -= SHIFT_PENALTY * (abs(best.dx) + abs(best.dy));
    return best;
}

#define REGION_BOUNDS(g, i, j)                                                  \
    int x0 = (i) * (g)->gw / (g)->rx, x1 = ((i) + 1) * (g)->gw / (g)->rx;      \
    int y0 = (j) * (g)->gh / (g)->ry, y1 = ((j) + 1) * (g)->gh / (g)->ry

void mt_scene_compare(const MtSceneGrid *g, const MtSceneFeat *a,
                      const MtSceneFeat *b, int radius, MtScenePairMode mode, MtScenePair *out)
{
    int gw = g->gw;
    int full = mode == MT_SCENE_PAIR_FULL;
    double st = 0, lu = 0, co = 0, mo = 0, act = 0, cells = 0;

    out->hist = mt_scene_hist_dist(a, b);
    for (int j = 0; j < g->ry; j++) {
        for (int i = 0; i < g->rx; i++) {
            REGION_BOUNDS(g, i, j);
            int area = (x1 - x0) * (y1 - y0);
            /* the shift is searched on every other cell; the full pair's
             * residual is then measured on all cells at that shift */
            Match best = region_match(g, a->yn, b->yn, x0, x1, y0, y1, radius, 2);
            int cnt = (best.x1 - best.x0) * (best.y1 - best.y0);
#define SAD1(p, q) sad(p, q, gw, best.x0, best.x1, best.y0, best.y1, best.dx, best.dy, 1)
            if (mode != MT_SCENE_PAIR_SPARSE)
                best.r = SAD1(a->yn, b->yn) / cnt;
            st += (double)best.r * area;
            cells += area;
            if (!full)
                continue;
            lu += (double)SAD1(a->y, b->y) / cnt * area;
            co += (double)(SAD1(a->u, b->u) + SAD1(a->v, b->v)) / cnt * area;
#undef SAD1
            act += (double)sad(a->y, b->y, gw, x0, x1, y0, y1, 0, 0, 1);
            mo += sqrt((double)best.dx * best.dx + (double)best.dy * best.dy) * area;
        }
    }
    float s = (float)(st / cells) / UNRELATED_RESIDUAL;
    out->structure = s > 1 ? 1 : s;
    out->luma     = (float)(lu / cells);
    out->color    = (float)(co / cells);
    out->activity = (float)(act / cells);
    out->motion   = (float)(mo / cells / gw);
}

void mt_scene_align(const MtSceneGrid *g, const MtSceneFeat *m, const MtSceneFeat *x,
                    int radius, MtSceneFeat *out)
{
    int gw = g->gw, n = g->gw * g->gh;
    const float *src[4] = { x->y, x->u, x->v, x->yn };
    float *dst[4] = { out->y, out->u, out->v, out->yn };
    for (int c = 0; c < 4; c++)
        memcpy(dst[c], src[c], n * sizeof(float));
    for (int j = 0; j < g->ry; j++) {
        for (int i = 0; i < g->rx; i++) {
            REGION_BOUNDS(g, i, j);
            Match b = region_match(g, m->yn, x->yn, x0, x1, y0, y1, radius, 1);
            for (int y = b.y0; y < b.y1; y++)
                for (int c = 0; c < 4; c++)
                    memcpy(dst[c] + y * gw + b.x0, src[c] + (y + b.dy) * gw + b.x0 + b.dx,
                           (b.x1 - b.x0) * sizeof(float));
        }
    }
    memcpy(out->hist, x->hist, sizeof(out->hist));
}

/* The extremes of column x over three rows, seeded with +-INFINITY as a
 * lone cell would be. Plain comparisons instead of fminf/fmaxf (library
 * calls without -ffinite-math-only): the features are finite, and for
 * finite values both give the same extreme (at most the sign of a zero
 * differs, which no comparison or difference below can see). */
static inline void column_range(const float *r0, const float *r1, const float *r2, int x,
                                float *lo, float *hi)
{
    float l = INFINITY, h = -INFINITY;
    l = r0[x] < l ? r0[x] : l;
    h = r0[x] > h ? r0[x] : h;
    l = r1[x] < l ? r1[x] : l;
    h = r1[x] > h ? r1[x] : h;
    l = r2[x] < l ? r2[x] : l;
    h = r2[x] > h ? r2[x] : h;
    *lo = l;
    *hi = h;
}

/* mean over b's cells of their distance outside the range of a's 3x3
 * neighbourhood, channels summed. The neighbourhood's range is the range
 * of the three column ranges around the cell, slid along the row (a
 * border repeats its own row or column, which changes no extreme), so
 * each value of a is compared about twice instead of eighteen times. */
static double outside_range(const MtSceneGrid *g, const MtSceneFeat *a, const MtSceneFeat *b)
{
    const float *pa[3] = { a->y, a->u, a->v }, *pb[3] = { b->y, b->u, b->v };
    int gw = g->gw, gh = g->gh;
    double out = 0;
    for (int c = 0; c < 3; c++) {
        for (int y = 0; y < gh; y++) {
            const float *r0 = pa[c] + imax(y - 1, 0) * gw, *r1 = pa[c] + y * gw,
                        *r2 = pa[c] + imin(y + 1, gh - 1) * gw, *vb = pb[c] + y * gw;
            float lo_prev, hi_prev, lo_cur, hi_cur;
            column_range(r0, r1, r2, 0, &lo_cur, &hi_cur);
            lo_prev = lo_cur;
            hi_prev = hi_cur;
            for (int x = 0; x < gw; x++) {
                float lo_next = lo_cur, hi_next = hi_cur;
                if (x + 1 < gw)
                    column_range(r0, r1, r2, x + 1, &lo_next, &hi_next);
                float lo = lo_prev < lo_cur ? lo_prev : lo_cur;
                float hi = hi_prev > hi_cur ? hi_prev : hi_cur;
                lo = lo_next < lo ? lo_next : lo;
                hi = hi_next > hi ? hi_next : hi;
                float v = vb[x];
                out += v < lo ? lo - v : v > hi ? v - hi : 0;
                lo_prev = lo_cur;
                hi_prev = hi_cur;
                lo_cur = lo_next;
                hi_cur = hi_next;
            }
        }
    }
    return out / ((double)gw * gh);
}

float mt_scene_novel_change(const MtSceneGrid *g, const MtSceneFeat *a, const MtSceneFeat *b)
{
    return (float)fmax(outside_range(g, a, b), outside_range(g, b, a));
}

void mt_scene_region_moments(const MtSceneGrid *g, const float *a, const float *b, int x0, int x1,
                             int y0, int y1, double *va, double *vb, double *cov)
{
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    int n = (x1 - x0) * (y1 - y0);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            double p = a[y * g->gw + x], q = b[y * g->gw + x];
            sa += p;
            sb += q;
            saa += p * p;
            sbb += q * q;
            sab += p * q;
        }
    double ma = sa / n, mb = sb / n;
    *va = saa / n - ma * ma;
    *vb = sbb / n - mb * mb;
    *cov = sab / n - ma * mb;
}
