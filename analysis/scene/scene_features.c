/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Per-frame features for the scene detector: see scene_features.h. */
#include "analysis/scene/scene_features.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this standard deviation of the luma cell means a frame counts as
 * structureless: yn is scaled as if the contrast were this large, so the
 * residual texture of a flat or noisy frame stays small. */
#define YN_STD_FLOOR 0.05f

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void mt_scene_grid_free(MtSceneGrid *g)
{
    free(g->lx);
    memset(g, 0, sizeof(*g));
}

/* n sample positions inside each of `cells` equal parts of [0, size). */
static void grid_positions(int *pos, int size, int cells, int n)
{
    for (int c = 0; c < cells; c++) {
        int64_t x0 = (int64_t)c * size / cells, x1 = (int64_t)(c + 1) * size / cells;
        for (int s = 0; s < n; s++)
            pos[c * n + s] = (int)(x0 + ((2 * s + 1) * (x1 - x0)) / (2 * n));
    }
}

int mt_scene_grid_init(MtSceneGrid *g, int w, int h, int cells)
{
    MtSceneGrid n = { 0 };
    if (w <= 0 || h <= 0 || cells <= 0)
        return -EINVAL;
    if (w >= h) {
        n.gw = cells < w ? cells : w;
        n.gh = clampi((int)lround((double)n.gw * h / w), 1, h);
    } else {
        n.gh = cells < h ? cells : h;
        n.gw = clampi((int)lround((double)n.gh * w / h), 1, w);
    }
    n.width  = w;
    n.height = h;
    n.sw  = clampi(w / n.gw, 1, MT_SCENE_CELL_SAMPLES_X);
    n.sh  = clampi(h / n.gh, 1, MT_SCENE_CELL_SAMPLES_Y);
    n.csw = n.sw > 1 ? n.sw / 2 : 1;
    n.csh = n.sh > 1 ? n.sh / 2 : 1;
    /* 4x3 motion regions (fewer on tiny grids); search range 1/16 of the
     * longer side, at least one cell */
    n.rx = clampi(n.gw / 4, 1, 4);
    n.ry = clampi(n.gh / 4, 1, 3);
    n.radius = clampi((cells + 8) / 16, 1, 8);

    size_t nx = (size_t)n.gw * n.sw, ny = (size_t)n.gh * n.sh;
    size_t ncx = (size_t)n.gw * n.csw, ncy = (size_t)n.gh * n.csh;
    size_t total = nx + ny + ncx + ncy + 3 * nx;
    int *mem = malloc(total * sizeof(*mem));
    if (!mem)
        return -ENOMEM;
    n.lx   = mem;
    n.ly   = n.lx + nx;
    n.cx   = n.ly + ny;
    n.cy   = n.cx + ncx;
    n.xoff = n.cy + ncy;
    grid_positions(n.lx, w, n.gw, n.sw);
    grid_positions(n.ly, h, n.gh, n.sh);
    grid_positions(n.cx, w, n.gw, n.csw);
    grid_positions(n.cy, h, n.gh, n.csh);
    mt_scene_grid_free(g);
    *g = n;
    return 0;
}

int mt_scene_image_check(const MtImage *img)
{
    int nc;
    if (!img || img->width <= 0 || img->height <= 0)
        return -EINVAL;
    switch (img->model) {
    case MT_COLOR_YUV:  nc = 3; break;
    case MT_COLOR_GRAY: nc = 1; break;
    case MT_COLOR_RGB:  nc = 3; break;
    default: return -EINVAL;
    }
    if (img->model == MT_COLOR_YUV &&
        (img->log2_chroma_w < 0 || img->log2_chroma_w > 2 ||
         img->log2_chroma_h < 0 || img->log2_chroma_h > 2))
        return -EINVAL;
    for (int c = 0; c < nc; c++) {
        const MtComponent *k = &img->comp[c];
        if (k->plane < 0 || k->plane > 3 || !img->data[k->plane] ||
            k->depth < 1 || k->depth > 16 || k->shift < 0 || k->shift > 15 ||
            k->step <= 0 || k->offset < 0)
            return -EINVAL;
    }
    return 0;
}

void mt_scene_lut_free(MtSceneLut *lut)
{
    for (int c = 0; c < 3; c++)
        free(lut->val[c]); /* the count tables share the allocation */
    memset(lut, 0, sizeof(*lut));
}

/* soft histogram binning of x (0..1) into `bins` bins: bin *b gets 1 - *w,
 * bin *b + 1 gets *w (0 at the last bin) */
static void soft_bin(float x, int bins, int *b, float *w)
{
    float pos = x * bins - 0.5f;
    if (pos <= 0) {
        *b = 0;
        *w = 0;
    } else if (pos >= bins - 1) {
        *b = bins - 1;
        *w = 0;
    } else {
        *b = (int)pos;
        *w = pos - *b;
    }
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int mt_scene_lut_update(MtSceneLut *lut, const MtImage *img)
{
    int key[8] = { (int)img->model + 1, img->full_range,
                   img->comp[0].depth, img->comp[1].depth, img->comp[2].depth };
    int nc = img->model == MT_COLOR_GRAY ? 1 : 3;
    if (img->model == MT_COLOR_GRAY)
        key[3] = key[4] = 0;
    if (!memcmp(key, lut->key, sizeof(key)))
        return 0;
    mt_scene_lut_free(lut);
    for (int c = 0; c < nc; c++) {
        int depth = img->comp[c].depth, size = 1 << depth;
        int cshift = depth > MT_SCENE_RAW_BITS ? depth - MT_SCENE_RAW_BITS : 0;
        int csize = size >> cshift;
        float *t = malloc((size_t)size * sizeof(*t) + (size_t)csize * (2 * sizeof(*t) + 1));
        if (!t) {
            mt_scene_lut_free(lut);
            return -ENOMEM;
        }
        double maxv = size - 1, unit = (double)(1 << depth) / 256.0;
        for (int v = 0; v < size; v++) {
            double x;
            if (img->model == MT_COLOR_RGB)
                x = v / maxv;
            else if (c == 0)
                x = img->full_range ? v / maxv : (v - 16 * unit) / (219 * unit);
            else
                x = img->full_range ? (v - size / 2) / maxv : (v - 128 * unit) / (224 * unit);
            t[v] = c == 0 || img->model == MT_COLOR_RGB ? clampf((float)x, 0.f, 1.f)
                                                          : clampf((float)x, -0.5f, 0.5f);
        }
        float *cval = t + size, *cwgt = cval + csize;
        uint8_t *cbin = (uint8_t *)(cwgt + csize);
        for (int i = 0; i < csize; i++) {
            int b;
            cval[i] = t[(i << cshift) + (cshift ? 1 << (cshift - 1) : 0)];
            soft_bin(c == 0 ? cval[i] : cval[i] + 0.5f, c == 0 ? MT_SCENE_HIST_Y : MT_SCENE_HIST_C,
                     &b, &cwgt[i]);
            cbin[i] = (uint8_t)b;
        }
        lut->val[c]    = t;
        lut->size[c]   = size;
        lut->cshift[c] = cshift;
        lut->cval[c]   = cval;
        lut->cwgt[c]   = cwgt;
        lut->cbin[c]   = cbin;
    }
    memcpy(lut->key, key, sizeof(key));
    return 0;
}

/* One component's sample reader: row pointer plus per-sample byte offsets. */
typedef struct Reader {
    const uint8_t *base;
    ptrdiff_t linesize;
    const int *xoff;
    int shift, cshift;
    unsigned mask;
    int wide;
    const float *lut;
} Reader;

static void reader_init(Reader *r, const MtImage *img, const MtSceneLut *lut, int c,
                        int *xoff, const int *xs, int nx, int log2w)
{
    const MtComponent *k = &img->comp[c];
    r->base     = img->data[k->plane];
    r->linesize = img->linesize[k->plane];
    r->shift    = k->shift;
    r->mask     = (1u << k->depth) - 1;
    r->wide     = k->depth > 8;
    r->lut      = lut->val[c];
    r->cshift   = lut->cshift[c];
    for (int i = 0; i < nx; i++)
        xoff[i] = (xs[i] >> log2w) * k->step + k->offset;
    r->xoff = xoff;
}

static inline unsigned raw_value(const uint8_t *p, const Reader *r)
{
    unsigned raw = r->wide ? (unsigned)p[0] | (unsigned)p[1] << 8 : p[0];
    return (raw >> r->shift) & r->mask;
}

static inline unsigned raw_get(const uint8_t *row, const Reader *r, int i)
{
    return raw_value(row + r->xoff[i], r);
}

static inline float reader_get(const uint8_t *row, const Reader *r, int i)
{
    return r->lut[raw_get(row, r, i)];
}

/* BT.601 RGB (0..1) -> Y 0..1, U and V -0.5..0.5 */
static void rgb_to_yuv(float r, float g, float b, float *y, float *u, float *v)
{
    float l = 0.299f * r + 0.587f * g + 0.114f * b;
    *y = l;
    *u = (b - l) * 0.564334f;
    *v = (r - l) * 0.713267f;
}

/* adds weight n of a value in bin b (weight w to bin b + 1) to a soft
 * histogram that has one padding bin at the end */
static inline void hist_add(float *h, int b, float w, float n)
{
    h[b] += n * (1.0f - w);
    h[b + 1] += n * w;
}

/* Luma of YUV or gray, one sample row at a time: cell sums plus counts of
 * the raw values. Plain 8-bit samples take the fast path; their counts
 * are indexed by the raw value itself (cshift is 0 up to
 * MT_SCENE_RAW_BITS), and the constant saves a shift per sample. The
 * reader's fields are copied to locals first: the count stores could
 * alias them (unsigned vs int), which would reload them for every
 * sample. */
#define LUMA_ROWS(name, GET, SW, CSHIFT)                                       \
static void name(const MtSceneGrid *g, const Reader *r, float *cells, unsigned *restrict cnt) \
{                                                                              \
    const int *restrict xoff = r->xoff;                                        \
    const float *restrict lut = r->lut;                                        \
    const int cshift = CSHIFT, gw = g->gw, sw = SW, sh = g->sh;                \
    const int ny = g->gh * sh;                                                 \
    for (int j = 0; j < ny; j++) {                                             \
        const uint8_t *row = r->base + (ptrdiff_t)g->ly[j] * r->linesize;      \
        float *restrict cell = cells + (j / sh) * gw;                          \
        for (int cx = 0, i = 0; cx < gw; cx++) {                               \
            float acc = 0;                                                     \
            for (int k = 0; k < sw; k++, i++) {                                \
                unsigned raw = GET;                                            \
                acc += lut[raw];                                               \
                cnt[raw >> cshift]++;                                          \
            }                                                                  \
            cell[cx] += acc;                                                   \
        }                                                                      \
    }                                                                          \
}
/* the usual samples per cell row as a constant: the compiler unrolls them */
LUMA_ROWS(luma_rows8_x, row[xoff[i]], MT_SCENE_CELL_SAMPLES_X, 0)
LUMA_ROWS(luma_rows8, row[xoff[i]], g->sw, 0)
LUMA_ROWS(luma_rows, raw_value(row + xoff[i], r), g->sw, r->cshift)

static void luma_rows_rgb(const MtSceneGrid *g, const Reader *rd, float *cells, double *sum,
                          double *sumsq, float *hist)
{
    int ny = g->gh * g->sh;
    double s = 0, ss = 0;
    for (int j = 0; j < ny; j++) {
        const uint8_t *row[3];
        for (int c = 0; c < 3; c++)
            row[c] = rd[c].base + (ptrdiff_t)g->ly[j] * rd[c].linesize;
        float *cell = cells + (j / g->sh) * g->gw, rs = 0, rss = 0;
        for (int cx = 0, i = 0; cx < g->gw; cx++) {
            float acc = 0;
            for (int k = 0; k < g->sw; k++, i++) {
                float y, u, v, w;
                int b;
                rgb_to_yuv(reader_get(row[0], &rd[0], i), reader_get(row[1], &rd[1], i),
                           reader_get(row[2], &rd[2], i), &y, &u, &v);
                acc += y;
                rss += y * y;
                soft_bin(y, MT_SCENE_HIST_Y, &b, &w);
                hist_add(hist, b, w, 1);
            }
            cell[cx] += acc;
            rs += acc;
        }
        s += rs;
        ss += rss;
    }
    *sum = s;
    *sumsq = ss;
}

static int plain8(const Reader *r)
{
    return !r->wide && !r->shift && r->mask == 255;
}

/* Histogram part and sums from raw-value counts of component c. */
static void from_counts(const MtSceneLut *lut, int c, const unsigned *cnt, float *hist,
                        double *sum, double *sumsq)
{
    int n = lut->size[c] >> lut->cshift[c];
    double s = 0, ss = 0;
    for (int i = 0; i < n; i++) {
        if (!cnt[i])
            continue;
        float v = lut->cval[c][i];
        s += (double)cnt[i] * v;
        ss += (double)cnt[i] * v * v;
        hist_add(hist, lut->cbin[c][i], lut->cwgt[c][i], (float)cnt[i]);
    }
    if (sum) {
        *sum = s;
        *sumsq = ss;
    }
}

static void sample_luma(const MtSceneGrid *g, const MtSceneLut *lut, const MtImage *img,
                        MtSceneFeat *f, double *sum, double *sumsq, float *hist)
{
    int nx = g->gw * g->sw;
    Reader rd[3];
    if (img->model == MT_COLOR_RGB) {
        for (int c = 0; c < 3; c++)
            reader_init(&rd[c], img, lut, c, g->xoff + c * nx, g->lx, nx, 0);
        luma_rows_rgb(g, rd, f->y, sum, sumsq, hist);
        return;
    }
    unsigned cnt[1 << MT_SCENE_RAW_BITS];
    memset(cnt, 0, (lut->size[0] >> lut->cshift[0]) * sizeof(*cnt));
    reader_init(&rd[0], img, lut, 0, g->xoff, g->lx, nx, 0);
    if (plain8(&rd[0]) && g->sw == MT_SCENE_CELL_SAMPLES_X)
        luma_rows8_x(g, &rd[0], f->y, cnt);
    else if (plain8(&rd[0]))
        luma_rows8(g, &rd[0], f->y, cnt);
    else
        luma_rows(g, &rd[0], f->y, cnt);
    from_counts(lut, 0, cnt, hist, sum, sumsq);
}

/* Chroma of YUV: cell sums plus counts of the raw values of U and V
 * (count shifts constant 0 for plain 8-bit samples, as for luma). */
#define CHROMA_ROWS(name, GETU, GETV, CSW, SU, SV)                             \
static void name(const MtSceneGrid *g, const Reader *ru, const Reader *rv, int lh, \
                 MtSceneFeat *f, unsigned *restrict cu, unsigned *restrict cv) \
{                                                                              \
    const int *restrict xu = ru->xoff, *restrict xv = rv->xoff;                \
    const float *restrict lu = ru->lut, *restrict lv = rv->lut;                \
    const int su = SU, sv = SV;                                                \
    const int gw = g->gw, csw = CSW, csh = g->csh, ny = g->gh * csh;           \
    float *restrict fu = f->u, *restrict fv = f->v;                            \
    for (int j = 0; j < ny; j++) {                                             \
        int off = (j / csh) * gw;                                              \
        const uint8_t *rowu = ru->base + (ptrdiff_t)(g->cy[j] >> lh) * ru->linesize; \
        const uint8_t *rowv = rv->base + (ptrdiff_t)(g->cy[j] >> lh) * rv->linesize; \
        for (int cx = 0, i = 0; cx < gw; cx++) {                               \
            float au = 0, av = 0;                                              \
            for (int k = 0; k < csw; k++, i++) {                               \
                unsigned a = GETU, b = GETV;                                   \
                au += lu[a];                                                   \
                av += lv[b];                                                   \
                cu[a >> su]++;                                                 \
                cv[b >> sv]++;                                                 \
            }                                                                  \
            fu[off + cx] += au;                                                \
            fv[off + cx] += av;                                                \
        }                                                                      \
    }                                                                          \
}
CHROMA_ROWS(chroma_rows8_x, rowu[xu[i]], rowv[xv[i]], MT_SCENE_CELL_SAMPLES_X / 2, 0, 0)
CHROMA_ROWS(chroma_rows8, rowu[xu[i]], rowv[xv[i]], g->csw, 0, 0)
CHROMA_ROWS(chroma_rows, raw_value(rowu + xu[i], ru), raw_value(rowv + xv[i], rv), g->csw,
            ru->cshift, rv->cshift)

static void chroma_rows_rgb(const MtSceneGrid *g, const Reader *rd, MtSceneFeat *f,
                            float *hu, float *hv)
{
    int ny = g->gh * g->csh;
    for (int j = 0; j < ny; j++) {
        int off = (j / g->csh) * g->gw;
        const uint8_t *row[3];
        for (int c = 0; c < 3; c++)
            row[c] = rd[c].base + (ptrdiff_t)g->cy[j] * rd[c].linesize;
        for (int cx = 0, i = 0; cx < g->gw; cx++) {
            float au = 0, av = 0;
            for (int k = 0; k < g->csw; k++, i++) {
                float y, u, v, w;
                int b;
                rgb_to_yuv(reader_get(row[0], &rd[0], i), reader_get(row[1], &rd[1], i),
                           reader_get(row[2], &rd[2], i), &y, &u, &v);
                soft_bin(u + 0.5f, MT_SCENE_HIST_C, &b, &w);
                hist_add(hu, b, w, 1);
                soft_bin(v + 0.5f, MT_SCENE_HIST_C, &b, &w);
                hist_add(hv, b, w, 1);
                au += u;
                av += v;
            }
            f->u[off + cx] += au;
            f->v[off + cx] += av;
        }
    }
}

static void sample_chroma(const MtSceneGrid *g, const MtSceneLut *lut, const MtImage *img,
                          MtSceneFeat *f, float *hu, float *hv)
{
    int nx = g->gw * g->csw;
    Reader rd[3];
    if (img->model == MT_COLOR_RGB) {
        for (int c = 0; c < 3; c++)
            reader_init(&rd[c], img, lut, c, g->xoff + c * nx, g->cx, nx, 0);
        chroma_rows_rgb(g, rd, f, hu, hv);
        return;
    }
    unsigned cu[1 << MT_SCENE_RAW_BITS], cv[1 << MT_SCENE_RAW_BITS];
    memset(cu, 0, (lut->size[1] >> lut->cshift[1]) * sizeof(*cu));
    memset(cv, 0, (lut->size[2] >> lut->cshift[2]) * sizeof(*cv));
    for (int c = 1; c < 3; c++)
        reader_init(&rd[c], img, lut, c, g->xoff + c * nx, g->cx, nx, img->log2_chroma_w);
    if (plain8(&rd[1]) && plain8(&rd[2]) && g->csw == MT_SCENE_CELL_SAMPLES_X / 2)
        chroma_rows8_x(g, &rd[1], &rd[2], img->log2_chroma_h, f, cu, cv);
    else if (plain8(&rd[1]) && plain8(&rd[2]))
        chroma_rows8(g, &rd[1], &rd[2], img->log2_chroma_h, f, cu, cv);
    else
        chroma_rows(g, &rd[1], &rd[2], img->log2_chroma_h, f, cu, cv);
    from_counts(lut, 1, cu, hu, NULL, NULL);
    from_counts(lut, 2, cv, hv, NULL, NULL);
}

void mt_scene_features(const MtSceneGrid *g, const MtSceneLut *lut,
                       const MtImage *img, MtSceneFeat *f)
{
    int n = g->gw * g->gh;
    /* soft histograms, one padding bin each */
    float hy[MT_SCENE_HIST_Y + 1] = { 0 }, hu[MT_SCENE_HIST_C + 1] = { 0 },
          hv[MT_SCENE_HIST_C + 1] = { 0 };
    double sum, sumsq;
    memset(f->y, 0, n * sizeof(*f->y));
    memset(f->u, 0, n * sizeof(*f->u));
    memset(f->v, 0, n * sizeof(*f->v));

    sample_luma(g, lut, img, f, &sum, &sumsq, hy);
    if (img->model == MT_COLOR_GRAY) {
        int b;
        float w;
        soft_bin(0.5f, MT_SCENE_HIST_C, &b, &w); /* neutral chroma */
        hist_add(hu, b, w, 1);
        hist_add(hv, b, w, 1);
    } else {
        sample_chroma(g, lut, img, f, hu, hv);
    }

    double ns = (double)n * g->sw * g->sh;
    f->mean = (float)(sum / ns);
    double var = sumsq / ns - (sum / ns) * (sum / ns);
    f->std = (float)sqrt(var > 0 ? var : 0);

    float ky = 1.0f / (g->sw * g->sh), kc = 1.0f / (g->csw * g->csh);
    double cs = 0, css = 0, sat = 0;
    for (int i = 0; i < n; i++) { /* apart from the sums: it vectorises */
        f->y[i] *= ky;
        f->u[i] *= kc;
        f->v[i] *= kc;
    }
    for (int i = 0; i < n; i++) {
        cs  += f->y[i];
        css += f->y[i] * f->y[i];
        sat += sqrtf(f->u[i] * f->u[i] + f->v[i] * f->v[i]);
    }
    double cm = cs / n, cvar = css / n - cm * cm;
    f->cell_std = (float)sqrt(cvar > 0 ? cvar : 0);
    f->chroma   = (float)(sat / n);
    float scale = 1.0f / (f->cell_std > YN_STD_FLOOR ? f->cell_std : YN_STD_FLOOR);
    for (int i = 0; i < n; i++)
        f->yn[i] = (f->y[i] - (float)cm) * scale;

    /* histogram: each component's part sums to 1/3 */
    const float *parts[3] = { hy, hu, hv };
    const int bins[3] = { MT_SCENE_HIST_Y, MT_SCENE_HIST_C, MT_SCENE_HIST_C };
    float *out = f->hist;
    for (int p = 0; p < 3; p++) {
        double tot = 0;
        for (int b = 0; b < bins[p]; b++)
            tot += parts[p][b];
        for (int b = 0; b < bins[p]; b++)
            *out++ = tot > 0 ? (float)(parts[p][b] / (3.0 * tot)) : 0.f;
    }
}
