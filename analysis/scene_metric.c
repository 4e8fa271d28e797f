/* Frame-pair distances for the scene detector: see scene_metric.h. */
#include "analysis/scene_metric.h"

#include <math.h>
#include <stdlib.h>

/* Mean |a - b| of two independent unit-variance Gaussian fields (2/sqrt(pi)):
 * the structure residual of unrelated frames, used to scale it to ~0..1. */
#define UNRELATED_RESIDUAL 1.1284f

float mt_scene_hist_dist(const MtSceneFeat *a, const MtSceneFeat *b)
{
    float d = 0;
    for (int i = 0; i < MT_SCENE_HIST_BINS; i++)
        d += fabsf(a->hist[i] - b->hist[i]);
    return 0.5f * d;
}

/* sum |a[y][x] - b[y+dy][x+dx]| over x0..x1-1, y0..y1-1 */
static float sad(const float *a, const float *b, int gw, int x0, int x1, int y0, int y1,
                 int dx, int dy)
{
    float s = 0;
    for (int y = y0; y < y1; y++) {
        const float *pa = a + y * gw, *pb = b + (y + dy) * gw + dx;
        float r = 0;
        for (int x = x0; x < x1; x++)
            r += fabsf(pa[x] - pb[x]);
        s += r;
    }
    return s;
}

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

void mt_scene_compare(const MtSceneGrid *g, const MtSceneFeat *a,
                      const MtSceneFeat *b, int radius, MtScenePair *out)
{
    int gw = g->gw, gh = g->gh;
    int rdx = imin(radius, gw / 2), rdy = imin(radius, gh / 2);
    double st = 0, lu = 0, co = 0, mo = 0, act = 0, cells = 0;

    out->hist = mt_scene_hist_dist(a, b);
    for (int j = 0; j < g->ry; j++) {
        for (int i = 0; i < g->rx; i++) {
            int x0 = i * gw / g->rx, x1 = (i + 1) * gw / g->rx;
            int y0 = j * gh / g->ry, y1 = (j + 1) * gh / g->ry;
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
            st += (double)(best - 0.002f * (abs(bdx) + abs(bdy))) * area;
            lu += (double)sad(a->y, b->y, gw, bx0, bx1, by0, by1, bdx, bdy) / cnt * area;
            co += (double)(sad(a->u, b->u, gw, bx0, bx1, by0, by1, bdx, bdy) +
                           sad(a->v, b->v, gw, bx0, bx1, by0, by1, bdx, bdy)) / cnt * area;
            act += (double)sad(a->y, b->y, gw, x0, x1, y0, y1, 0, 0);
            mo += sqrt((double)bdx * bdx + (double)bdy * bdy) * area;
            cells += area;
        }
    }
    float s = (float)(st / cells) / UNRELATED_RESIDUAL;
    out->structure = s > 1 ? 1 : s;
    out->luma     = (float)(lu / cells);
    out->color    = (float)(co / cells);
    out->activity = (float)(act / cells);
    out->motion   = (float)(mo / cells / gw);
}
