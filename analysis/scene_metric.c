/* Frame-pair distances for the scene detector: see scene_metric.h. */
#include "analysis/scene_metric.h"

#include <math.h>
#include <stdlib.h>

/* Mean |a - b| of two independent unit-variance Gaussian fields (2/sqrt(pi)):
 * the structure residual of unrelated frames, used to scale it to ~0..1. */
#define UNRELATED_RESIDUAL 1.1284f
/* Regions are about this many cells wide and high. */
#define REGION_W 12
#define REGION_H 9

float mt_scene_hist_dist(const MtSceneFeat *a, const MtSceneFeat *b)
{
    float d = 0;
    for (int i = 0; i < MT_SCENE_HIST_BINS; i++)
        d += fabsf(a->hist[i] - b->hist[i]);
    return 0.5f * d;
}

static float sad(const float *a, const float *b, int gw, int x0, int x1, int y0, int y1,
                 int dx, int dy)
{
    float s = 0;
    for (int y = y0; y < y1; y++) {
        const float *pa = a + y * gw, *pb = b + (y + dy) * gw + dx;
        for (int x = x0; x < x1; x++)
            s += fabsf(pa[x] - pb[x]);
    }
    return s;
}

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

void mt_scene_compare(const MtSceneGrid *g, const MtSceneFeat *a,
                      const MtSceneFeat *b, int radius, MtScenePair *out)
{
    int gw = g->gw, gh = g->gh;
    int rx = imax(1, (gw + REGION_W / 2) / REGION_W), ry = imax(1, (gh + REGION_H / 2) / REGION_H);
    int rdx = imin(radius, gw / 2), rdy = imin(radius, gh / 2);
    double st = 0, lu = 0, co = 0, mo = 0, cells = 0;

    out->hist = mt_scene_hist_dist(a, b);
    for (int j = 0; j < ry; j++) {
        for (int i = 0; i < rx; i++) {
            int x0 = i * gw / rx, x1 = (i + 1) * gw / rx;
            int y0 = j * gh / ry, y1 = (j + 1) * gh / ry;
            int area = (x1 - x0) * (y1 - y0);
            float best = INFINITY;
            int bdx = 0, bdy = 0, bx0 = x0, bx1 = x1, by0 = y0, by1 = y1;
            for (int dy = -rdy; dy <= rdy; dy++) {
                int ys = imax(y0, -dy), ye = imin(y1, gh - dy);
                for (int dx = -rdx; dx <= rdx; dx++) {
                    int xs = imax(x0, -dx), xe = imin(x1, gw - dx);
                    int cnt = (xe - xs) * (ye - ys);
                    if (xe <= xs || ye <= ys || 2 * cnt < area)
                        continue;
                    /* a slight preference for small shifts decides ties
                     * (flat regions) in favour of no motion */
                    float r = sad(a->yn, b->yn, gw, xs, xe, ys, ye, dx, dy) / cnt +
                              0.002f * (abs(dx) + abs(dy));
                    if (r < best) {
                        best = r;
                        bdx = dx; bdy = dy;
                        bx0 = xs; bx1 = xe; by0 = ys; by1 = ye;
                    }
                }
            }
            int cnt = (bx1 - bx0) * (by1 - by0);
            float r = sad(a->yn, b->yn, gw, bx0, bx1, by0, by1, bdx, bdy) / cnt;
            float l = sad(a->y, b->y, gw, bx0, bx1, by0, by1, bdx, bdy) / cnt;
            float c = (sad(a->u, b->u, gw, bx0, bx1, by0, by1, bdx, bdy) +
                       sad(a->v, b->v, gw, bx0, bx1, by0, by1, bdx, bdy)) / cnt;
            st += (double)r * area;
            lu += (double)l * area;
            co += (double)c * area;
            mo += sqrt((double)bdx * bdx + (double)bdy * bdy) * area;
            cells += area;
        }
    }
    float s = (float)(st / cells) / UNRELATED_RESIDUAL;
    out->structure = s > 1 ? 1 : s;
    out->luma   = (float)(lu / cells);
    out->color  = (float)(co / cells);
    out->motion = (float)(mo / cells);
}
