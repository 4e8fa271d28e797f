/* Per-frame features for the scene detector: see scene_features.h. */
#include "analysis/scene_features.h"

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
    n.sw  = clampi(w / n.gw, 1, MT_SCENE_CELL_SAMPLES);
    n.sh  = clampi(h / n.gh, 1, MT_SCENE_CELL_SAMPLES);
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
        free(lut->val[c]); /* wgt[c] and bin[c] share the allocation */
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
        float *t = malloc((size_t)size * (2 * sizeof(*t) + 1));
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
        float *wgt = t + size;
        uint8_t *bin = (uint8_t *)(wgt + size);
        for (int v = 0; v < size; v++) {
            int b;
            soft_bin(c == 0 ? t[v] : t[v] + 0.5f, c == 0 ? MT_SCENE_HIST_Y : MT_SCENE_HIST_C,
                     &b, &wgt[v]);
            bin[v] = (uint8_t)b;
        }
        lut->val[c]  = t;
        lut->wgt[c]  = wgt;
        lut->bin[c]  = bin;
        lut->size[c] = size;
    }
    memcpy(lut->key, key, sizeof(key));
    return 0;
}

/* One component's sample reader: row pointer plus per-sample byte offsets. */
typedef struct Reader {
    const uint8_t *base;
    ptrdiff_t linesize;
    const int *xoff;
    int shift;
    unsigned mask;
    int wide;
    const float *lut;
    const float *wgt;
    const uint8_t *bin;
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
    r->wgt      = lut->wgt[c];
    r->bin      = lut->bin[c];
    for (int i = 0; i < nx; i++)
        xoff[i] = (xs[i] >> log2w) * k->step + k->offset;
    r->xoff = xoff;
}

/* raw sample i of a row; 8-bit samples without shift take the fast path */
#define RAW(r, row, i, fast8)                                                   \
    ((fast8) ? (unsigned)(row)[(r)->xoff[i]]                                   \
             : ((((r)->wide ? (unsigned)(row)[(r)->xoff[i]] |                  \
                              (unsigned)(row)[(r)->xoff[i] + 1] << 8           \
                            : (unsigned)(row)[(r)->xoff[i]]) >> (r)->shift) & (r)->mask))

static inline float reader_get(const uint8_t *row, const Reader *r, int i)
{
    return r->lut[RAW(r, row, i, 0)];
}

/* BT.601 RGB (0..1) -> Y 0..1, U and V -0.5..0.5 */
static void rgb_to_yuv(float r, float g, float b, float *y, float *u, float *v)
{
    float l = 0.299f * r + 0.587f * g + 0.114f * b;
    *y = l;
    *u = (b - l) * 0.564334f;
    *v = (r - l) * 0.713267f;
}

/* Luma of YUV or gray: one component read through the tables. */
/* adds one sample to a soft histogram (one padding bin at the end) */
#define HIST_ADD(h, b, w) do { (h)[b] += 1.0f - (w); (h)[(b) + 1] += (w); } while (0)

static void luma_rows(const MtSceneGrid *g, const Reader *r, float *cells, double *sum,
                      double *sumsq, float *hist, int fast8)
{
    int ny = g->gh * g->sh;
    double s = 0, ss = 0;
    for (int j = 0; j < ny; j++) {
        const uint8_t *row = r->base + (ptrdiff_t)g->ly[j] * r->linesize;
        float *cell = cells + (j / g->sh) * g->gw, rs = 0, rss = 0;
        for (int cx = 0, i = 0; cx < g->gw; cx++) {
            float acc = 0;
            for (int k = 0; k < g->sw; k++, i++) {
                unsigned raw = RAW(r, row, i, fast8);
                float y = r->lut[raw];
                acc += y;
                rss += y * y;
                HIST_ADD(hist, r->bin[raw], r->wgt[raw]);
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
                float y, u, v;
                rgb_to_yuv(reader_get(row[0], &rd[0], i), reader_get(row[1], &rd[1], i),
                           reader_get(row[2], &rd[2], i), &y, &u, &v);
                acc += y;
                rss += y * y;
                int b;
                float w;
                soft_bin(y, MT_SCENE_HIST_Y, &b, &w);
                HIST_ADD(hist, b, w);
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
    reader_init(&rd[0], img, lut, 0, g->xoff, g->lx, nx, 0);
    if (!rd[0].wide && !rd[0].shift && rd[0].mask == 255)
        luma_rows(g, &rd[0], f->y, sum, sumsq, hist, 1);
    else
        luma_rows(g, &rd[0], f->y, sum, sumsq, hist, 0);
}

static void sample_chroma(const MtSceneGrid *g, const MtSceneLut *lut, const MtImage *img,
                          MtSceneFeat *f, float *hu, float *hv)
{
    int nx = g->gw * g->csw, ny = g->gh * g->csh, rgb = img->model == MT_COLOR_RGB;
    int lw = rgb ? 0 : img->log2_chroma_w, lh = rgb ? 0 : img->log2_chroma_h;
    Reader rd[3];
    int first = rgb ? 0 : 1;
    for (int c = first; c < 3; c++)
        reader_init(&rd[c], img, lut, c, g->xoff + c * nx, g->cx, nx, lw);
    for (int j = 0; j < ny; j++) {
        int off = (j / g->csh) * g->gw;
        const uint8_t *row[3];
        for (int c = first; c < 3; c++)
            row[c] = rd[c].base + (ptrdiff_t)(g->cy[j] >> lh) * rd[c].linesize;
        for (int cx = 0, i = 0; cx < g->gw; cx++) {
            float au = 0, av = 0;
            for (int k = 0; k < g->csw; k++, i++) {
                float y, u, v;
                if (rgb) {
                    int b;
                    float w;
                    rgb_to_yuv(reader_get(row[0], &rd[0], i), reader_get(row[1], &rd[1], i),
                               reader_get(row[2], &rd[2], i), &y, &u, &v);
                    soft_bin(u + 0.5f, MT_SCENE_HIST_C, &b, &w);
                    HIST_ADD(hu, b, w);
                    soft_bin(v + 0.5f, MT_SCENE_HIST_C, &b, &w);
                    HIST_ADD(hv, b, w);
                } else {
                    unsigned ru = RAW(&rd[1], row[1], i, 0), rv = RAW(&rd[2], row[2], i, 0);
                    u = rd[1].lut[ru];
                    v = rd[2].lut[rv];
                    HIST_ADD(hu, rd[1].bin[ru], rd[1].wgt[ru]);
                    HIST_ADD(hv, rd[2].bin[rv], rd[2].wgt[rv]);
                }
                au += u;
                av += v;
            }
            f->u[off + cx] += au;
            f->v[off + cx] += av;
        }
    }
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
        HIST_ADD(hu, b, w);
        HIST_ADD(hv, b, w);
    } else {
        sample_chroma(g, lut, img, f, hu, hv);
    }

    double ns = (double)n * g->sw * g->sh;
    f->mean = (float)(sum / ns);
    double var = sumsq / ns - (sum / ns) * (sum / ns);
    f->std = (float)sqrt(var > 0 ? var : 0);

    float ky = 1.0f / (g->sw * g->sh), kc = 1.0f / (g->csw * g->csh);
    double cs = 0, css = 0, sat = 0;
    for (int i = 0; i < n; i++) {
        f->y[i] *= ky;
        f->u[i] *= kc;
        f->v[i] *= kc;
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
