/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Synthetic video for the scene detector tests: textured shots (oriented
 * gratings plus blobs, each shot its own pattern and colours, optional
 * motion and noise), composited with cuts, dissolves, wipes, fades,
 * flashes and brightness ramps, then packed into any of the pixel formats
 * the detector reads. Everything is float until packing, so every format
 * family sees the same picture.
 */
#ifndef MONTAGE_TESTS_SCENE_SYNTH_H
#define MONTAGE_TESTS_SCENE_SYNTH_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/scene/scene_detect.h"

#if defined(__GNUC__)
#define SYN_UNUSED __attribute__((unused))
#else
#define SYN_UNUSED
#endif

typedef struct SynShot {
    unsigned seed;   /* pattern and colours */
    float vx, vy;    /* motion, fraction of the width per frame */
    float noise;     /* temporal noise amplitude (luma) */
    int   flat;      /* 1: plain grey plus noise (a static noisy shot) */
} SynShot;

/* One frame of a clip: a shot, or a mix of two (dissolve, wipe), scaled
 * toward black (fade), brightened (ramp) or flashed. */
typedef struct SynFrame {
    const SynShot *a, *b; /* b only while mixing */
    int   ka, kb;         /* frame index inside each shot */
    float mix;            /* 0 = a .. 1 = b */
    int   wipe;           /* mix spatially (left to right) instead */
    float gain;           /* 1 = normal, 0 = black */
    float flash;          /* 0 = none, 1 = white */
    /* a part of the picture drawn from another shot (a sprite, a monster
     * close to the camera): x0..x1, y0..y1 in fractions of the size */
    const SynShot *patch;
    float patch_x0, patch_x1, patch_y0, patch_y1;
} SynFrame;

typedef struct SynPlanes {
    int w, h;
    float *y, *u, *v; /* full resolution, y 0..1, u v -0.5..0.5 */
} SynPlanes;

static SYN_UNUSED uint32_t syn_hash(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

static SYN_UNUSED float syn_rand(uint32_t *s) /* 0..1 */
{
    *s = *s * 1664525u + 1013904223u;
    return (syn_hash(*s) >> 8) / 16777216.0f;
}

static SYN_UNUSED int syn_alloc(SynPlanes *p, int w, int h)
{
    p->w = w;
    p->h = h;
    p->y = malloc((size_t)w * h * 3 * sizeof(float));
    p->u = p->y ? p->y + (size_t)w * h : NULL;
    p->v = p->u ? p->u + (size_t)w * h : NULL;
    return p->y ? 0 : -1;
}

static SYN_UNUSED void syn_free(SynPlanes *p)
{
    free(p->y);
    p->y = p->u = p->v = NULL;
}

/* A shot's pattern: three gratings, three soft blobs, base level and tint. */
typedef struct SynParams {
    float fx[3], fy[3], ph[3], amp[3];
    float bx[3], by[3], br[3], bs[3];
    float base, cu, cv;
} SynParams;

static SYN_UNUSED void syn_params(const SynShot *s, SynParams *q)
{
    uint32_t r = s->seed * 7919u + 17;
    for (int g = 0; g < 3; g++) {
        float ang = 6.2831853f * syn_rand(&r), f = 2.0f + 10.0f * syn_rand(&r);
        q->fx[g] = f * cosf(ang);
        q->fy[g] = f * sinf(ang);
        q->ph[g] = 6.2831853f * syn_rand(&r);
        q->amp[g] = 0.08f + 0.12f * syn_rand(&r);
    }
    for (int b = 0; b < 3; b++) {
        q->bx[b] = syn_rand(&r) * 1.2f;
        q->by[b] = syn_rand(&r) * 0.7f;
        q->br[b] = 0.08f + 0.1f * syn_rand(&r);
        q->bs[b] = syn_rand(&r) > 0.5f ? 0.25f : -0.25f;
    }
    q->base = 0.3f + 0.4f * syn_rand(&r);
    q->cu = 0.3f * (syn_rand(&r) - 0.5f);
    q->cv = 0.3f * (syn_rand(&r) - 0.5f);
}

/* Separable tables of shot s at frame k (every term of the pattern is a
 * product of a function of x and a function of y). */
typedef struct SynTables {
    float *cx, *sx, *cy, *sy; /* gratings: cos/sin of the x and y phases, 3 each */
    float *ex, *ey;           /* blobs, 3 each */
    float *tx, *ty;           /* chroma: cos and sin of 2 pi x, 2 pi y */
} SynTables;

static SYN_UNUSED int syn_tables(const SynShot *s, const SynParams *q, int k, int w, int h, SynTables *t)
{
    float *m = malloc(sizeof(float) * (size_t)(w + h) * 11);
    if (!m)
        return -1;
    t->cx = m;          t->sx = t->cx + 3 * w; t->ex = t->sx + 3 * w; t->tx = t->ex + 3 * w;
    t->cy = t->tx + 2 * w;
    t->sy = t->cy + 3 * h; t->ey = t->sy + 3 * h; t->ty = t->ey + 3 * h;
    for (int i = 0; i < w; i++) {
        float x = (float)i / w + s->vx * k;
        for (int g = 0; g < 3; g++) {
            t->cx[g * w + i] = cosf(6.2831853f * q->fx[g] * x);
            t->sx[g * w + i] = sinf(6.2831853f * q->fx[g] * x);
            float dx = x - q->bx[g];
            t->ex[g * w + i] = expf(-dx * dx / (q->br[g] * q->br[g]));
        }
        t->tx[i] = cosf(6.2831853f * x);
        t->tx[w + i] = sinf(6.2831853f * x);
    }
    for (int j = 0; j < h; j++) {
        float y = (float)j / w + s->vy * k;
        for (int g = 0; g < 3; g++) {
            t->cy[g * h + j] = cosf(6.2831853f * q->fy[g] * y + q->ph[g]);
            t->sy[g * h + j] = sinf(6.2831853f * q->fy[g] * y + q->ph[g]);
            float dy = y - q->by[g];
            t->ey[g * h + j] = expf(-dy * dy / (q->br[g] * q->br[g]));
        }
        t->ty[j] = cosf(6.2831853f * y);
        t->ty[h + j] = sinf(6.2831853f * y);
    }
    return 0;
}

/* Shot s (pattern q, tables t) at frame k into y/u/v at pixel (i, j). */
static SYN_UNUSED void syn_pixel(const SynShot *s, const SynParams *q, const SynTables *t, int k, int w,
                      int h, int i, int j, float *py, float *pu, float *pv)
{
    float l = 0.5f;
    if (!s->flat) {
        l = q->base;
        for (int g = 0; g < 3; g++) /* sin(a + b) = sin a cos b + cos a sin b */
            l += q->amp[g] * (t->sx[g * w + i] * t->cy[g * h + j] + t->cx[g * w + i] * t->sy[g * h + j]);
        for (int b = 0; b < 3; b++)
            l += q->bs[b] * t->ex[b * w + i] * t->ey[b * h + j];
    }
    if (s->noise > 0) {
        uint32_t n = syn_hash((uint32_t)i * 73856093u ^ (uint32_t)j * 19349663u ^
                              (uint32_t)k * 83492791u ^ s->seed);
        l += s->noise * ((n >> 8) / 8388608.0f - 1.0f);
    }
    float cxx = t->tx[i], sxx = t->tx[w + i], cyy = t->ty[j], syy = t->ty[h + j];
    *py = l < 0 ? 0 : l > 1 ? 1 : l;
    *pu = s->flat ? 0 : q->cu + 0.1f * (sxx * cyy + cxx * syy); /* sin(x + y) */
    *pv = s->flat ? 0 : q->cv + 0.1f * (cxx * cyy + sxx * syy); /* cos(x - y) */
}

static SYN_UNUSED void syn_render(const SynFrame *f, SynPlanes *p)
{
    int w = p->w, h = p->h;
    SynParams qa, qb, qp;
    SynTables ta, tb = { 0 }, tp = { 0 };
    syn_params(f->a, &qa);
    if (syn_tables(f->a, &qa, f->ka, w, h, &ta) < 0)
        return;
    if (f->b) {
        syn_params(f->b, &qb);
        if (syn_tables(f->b, &qb, f->kb, w, h, &tb) < 0) {
            free(ta.cx);
            return;
        }
    }
    if (f->patch) {
        syn_params(f->patch, &qp);
        if (syn_tables(f->patch, &qp, f->ka, w, h, &tp) < 0) {
            free(ta.cx);
            free(tb.cx);
            return;
        }
    }
    for (int j = 0; j < h; j++) {
        for (int i = 0; i < w; i++) {
            float y, u, v;
            syn_pixel(f->a, &qa, &ta, f->ka, w, h, i, j, &y, &u, &v);
            float m = f->wipe ? ((float)i / w < f->mix ? 1.0f : 0.0f) : f->mix;
            if (f->b && m > 0) {
                float y2, u2, v2;
                syn_pixel(f->b, &qb, &tb, f->kb, w, h, i, j, &y2, &u2, &v2);
                y = y * (1 - m) + y2 * m;
                u = u * (1 - m) + u2 * m;
                v = v * (1 - m) + v2 * m;
            }
            if (f->patch && i >= f->patch_x0 * w && i < f->patch_x1 * w && j >= f->patch_y0 * h &&
                j < f->patch_y1 * h)
                syn_pixel(f->patch, &qp, &tp, f->ka, w, h, i, j, &y, &u, &v);
            y *= f->gain;
            u *= f->gain;
            v *= f->gain;
            if (y > 1)
                y = 1;
            y = y * (1 - f->flash) + f->flash;
            u *= 1 - f->flash;
            v *= 1 - f->flash;
            size_t o = (size_t)j * w + i;
            p->y[o] = y;
            p->u[o] = u;
            p->v[o] = v;
        }
    }
    free(ta.cx);
    free(tb.cx);
    free(tp.cx);
}

/* ---- packing into pixel formats ---- */

typedef enum SynFormat {
    SYN_YUV420P, SYN_YUV422P10, SYN_NV12, SYN_P010, SYN_GRAY, SYN_RGB24, SYN_BGRA, SYN_NFORMATS
} SynFormat;

static const char *const syn_format_names[SYN_NFORMATS] = {
    "yuv420p", "yuv422p10le", "nv12", "p010le", "gray", "rgb24", "bgra",
};

typedef struct SynImage {
    MtImage img;
    uint8_t *buf;
} SynImage;

static SYN_UNUSED int syn_clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static SYN_UNUSED void syn_put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v & 255);
    p[1] = (uint8_t)(v >> 8);
}

/* average of the chroma of a (1 << lw) x (1 << lh) block */
static SYN_UNUSED void syn_chroma_at(const SynPlanes *p, int ci, int cj, int lw, int lh, float *u, float *v)
{
    float su = 0, sv = 0;
    int n = 0;
    for (int dj = 0; dj < (1 << lh); dj++)
        for (int di = 0; di < (1 << lw); di++) {
            int i = (ci << lw) + di, j = (cj << lh) + dj;
            if (i >= p->w || j >= p->h)
                continue;
            su += p->u[(size_t)j * p->w + i];
            sv += p->v[(size_t)j * p->w + i];
            n++;
        }
    *u = su / n;
    *v = sv / n;
}

/* Packs p into format f (allocating si->buf, free it with free()).
 * Limited range YUV, full range gray and RGB, BT.601. */
static SYN_UNUSED int syn_pack(const SynPlanes *p, SynFormat f, SynImage *si)
{
    int w = p->w, h = p->h;
    MtImage *img = &si->img;
    memset(si, 0, sizeof(*si));
    img->width = w;
    img->height = h;
    int lw = 0, lh = 0, bytes = 1, depth = 8, shift = 0;
    switch (f) {
    case SYN_YUV420P: lw = lh = 1; break;
    case SYN_YUV422P10: lw = 1; bytes = 2; depth = 10; break;
    case SYN_NV12: lw = lh = 1; break;
    case SYN_P010: lw = lh = 1; bytes = 2; depth = 10; shift = 6; break;
    default: break;
    }
    int cw = (w + (1 << lw) - 1) >> lw, ch = (h + (1 << lh) - 1) >> lh;
    size_t size = (size_t)(w * 4 + 16) * h + (size_t)cw * ch * 8 + 64;
    si->buf = calloc(1, size);
    if (!si->buf)
        return -1;
    uint8_t *b = si->buf;
    if (f == SYN_RGB24 || f == SYN_BGRA) {
        int step = f == SYN_RGB24 ? 3 : 4, ro = f == SYN_RGB24 ? 0 : 2, bo = f == SYN_RGB24 ? 2 : 0;
        img->model = MT_COLOR_RGB;
        img->full_range = 1;
        img->data[0] = b;
        img->linesize[0] = (ptrdiff_t)w * step + 16; /* padded rows */
        img->comp[0] = (MtComponent){ 0, step, ro, 0, 8 };
        img->comp[1] = (MtComponent){ 0, step, 1, 0, 8 };
        img->comp[2] = (MtComponent){ 0, step, bo, 0, 8 };
        for (int j = 0; j < h; j++)
            for (int i = 0; i < w; i++) {
                size_t o = (size_t)j * w + i;
                float y = p->y[o], u = p->u[o], v = p->v[o];
                float r = y + 1.402f * v, g = y - 0.344136f * u - 0.714136f * v, bl = y + 1.772f * u;
                uint8_t *q = b + j * img->linesize[0] + i * step;
                q[ro] = (uint8_t)syn_clampi((int)lrintf(r * 255), 0, 255);
                q[1]  = (uint8_t)syn_clampi((int)lrintf(g * 255), 0, 255);
                q[bo] = (uint8_t)syn_clampi((int)lrintf(bl * 255), 0, 255);
                if (step == 4)
                    q[3] = 255;
            }
        return 0;
    }
    if (f == SYN_GRAY) {
        img->model = MT_COLOR_GRAY;
        img->full_range = 1;
        img->data[0] = b;
        img->linesize[0] = w;
        img->comp[0] = (MtComponent){ 0, 1, 0, 0, 8 };
        for (size_t o = 0; o < (size_t)w * h; o++)
            b[o] = (uint8_t)syn_clampi((int)lrintf(p->y[o] * 255), 0, 255);
        return 0;
    }
    img->model = MT_COLOR_YUV;
    img->full_range = 0;
    img->log2_chroma_w = lw;
    img->log2_chroma_h = lh;
    double unit = (double)(1 << depth) / 256;
    int ymax = (1 << depth) - 1;
    /* luma plane */
    img->data[0] = b;
    img->linesize[0] = (ptrdiff_t)w * bytes;
    img->comp[0] = (MtComponent){ 0, bytes, 0, shift, depth };
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            int v = syn_clampi((int)lrint((16 + 219 * p->y[(size_t)j * w + i]) * unit), 0, ymax);
            if (bytes == 2)
                syn_put16(b + j * img->linesize[0] + 2 * i, (unsigned)v << shift);
            else
                b[j * img->linesize[0] + i] = (uint8_t)v;
        }
    uint8_t *c0 = b + (size_t)w * h * bytes;
    int semi = f == SYN_NV12 || f == SYN_P010;
    if (semi) {
        img->data[1] = c0;
        img->linesize[1] = (ptrdiff_t)cw * 2 * bytes;
        img->comp[1] = (MtComponent){ 1, 2 * bytes, 0, shift, depth };
        img->comp[2] = (MtComponent){ 1, 2 * bytes, bytes, shift, depth };
    } else {
        img->data[1] = c0;
        img->data[2] = c0 + (size_t)cw * ch * bytes;
        img->linesize[1] = img->linesize[2] = (ptrdiff_t)cw * bytes;
        img->comp[1] = (MtComponent){ 1, bytes, 0, shift, depth };
        img->comp[2] = (MtComponent){ 2, bytes, 0, shift, depth };
    }
    for (int cj = 0; cj < ch; cj++)
        for (int ci = 0; ci < cw; ci++) {
            float u, v;
            syn_chroma_at(p, ci, cj, lw, lh, &u, &v);
            int cu = syn_clampi((int)lrint((128 + 224 * u) * unit), 0, ymax);
            int cv = syn_clampi((int)lrint((128 + 224 * v) * unit), 0, ymax);
            for (int c = 1; c < 3; c++) {
                const MtComponent *k = &img->comp[c];
                uint8_t *q = si->buf + (img->data[k->plane] - si->buf) +
                             cj * img->linesize[k->plane] + ci * k->step + k->offset;
                int val = c == 1 ? cu : cv;
                if (bytes == 2)
                    syn_put16(q, (unsigned)val << shift);
                else
                    *q = (uint8_t)val;
            }
        }
    return 0;
}

/* ---- clips ---- */

#define SYN_MAX_FRAMES 1024
typedef struct SynClip {
    SynFrame f[SYN_MAX_FRAMES];
    int n;
} SynClip;

static SYN_UNUSED SynFrame *syn_next(SynClip *c)
{
    SynFrame *f = &c->f[c->n < SYN_MAX_FRAMES - 1 ? c->n++ : c->n];
    memset(f, 0, sizeof(*f));
    f->gain = 1;
    return f;
}

/* n frames of shot a from its frame k0 */
static SYN_UNUSED void syn_add(SynClip *c, const SynShot *a, int k0, int n)
{
    for (int i = 0; i < n; i++) {
        SynFrame *f = syn_next(c);
        f->a = a;
        f->ka = k0 + i;
    }
}

/* n mixed frames from a (from frame ka) to b (from frame kb) */
static SYN_UNUSED void syn_add_mix(SynClip *c, const SynShot *a, int ka, const SynShot *b, int kb, int n,
                        int wipe)
{
    for (int i = 0; i < n; i++) {
        SynFrame *f = syn_next(c);
        f->a = a;
        f->b = b;
        f->ka = ka + i;
        f->kb = kb + i;
        f->mix = (i + 1.0f) / (n + 1.0f);
        f->wipe = wipe;
    }
}

/* fade out of a (n_out frames from ka), n_black black frames, fade in of b */
static SYN_UNUSED void syn_add_fade(SynClip *c, const SynShot *a, int ka, int n_out, int n_black,
                         const SynShot *b, int kb, int n_in)
{
    for (int i = 0; i < n_out; i++) {
        SynFrame *f = syn_next(c);
        f->a = a;
        f->ka = ka + i;
        f->gain = 1 - (i + 1.0f) / (n_out + 1.0f);
    }
    for (int i = 0; i < n_black; i++) {
        SynFrame *f = syn_next(c);
        f->a = b;
        f->gain = 0;
    }
    for (int i = 0; i < n_in; i++) {
        SynFrame *f = syn_next(c);
        f->a = b;
        f->kb = f->ka = kb + i;
        f->gain = (i + 1.0f) / (n_in + 1.0f);
    }
}

/* a for 70 frames, a cut to b at 70, a 16-frame dissolve into c over
 * frames 130..145, then n_c frames of c */
static SYN_UNUSED void syn_add_cut_and_dissolve(SynClip *c, const SynShot *a, const SynShot *b,
                                                const SynShot *sc, int n_c)
{
    c->n = 0;
    syn_add(c, a, 0, 70);
    syn_add(c, b, 0, 60);
    syn_add_mix(c, b, 60, sc, 0, 16, 0);
    syn_add(c, sc, 16, n_c);
}

/* What a run produced. */
typedef struct SynResult {
    MtTransition trans[64];
    int     n_trans;
    MtScene scenes[64];
    int     n_scenes;
    float   hist_sum[64];  /* sum of each scene's mean histogram */
    int     n_popped;      /* frame infos popped */
    int     order_ok;      /* popped in frame order with pts and t as pushed */
    int     events;        /* frame infos carrying a boundary */
    int     events_in_order; /* each carried boundary's frame after the last one's */
    int64_t last_event;
    int     flash_frames;  /* frame infos marked flash */
    int     push_errors;
    int     feature_rows, feature_cols;
} SynResult;

static SYN_UNUSED void syn_collect(MtSceneDetector *det, const MtSceneFrameInfo *fi, SynResult *r)
{
    if (fi->frame != r->n_popped || fi->pts != 1000 * fi->frame)
        r->order_ok = 0;
    r->n_popped++;
    r->events += fi->has_event;
    if (fi->has_event) {
        if (r->events > 1 && fi->event.frame <= r->last_event)
            r->events_in_order = 0;
        r->last_event = fi->event.frame;
    }
    r->flash_frames += fi->flash;
    (void)det;
}

/* Renders the clip at w x h once per frame and runs one detector (cfg, or
 * the defaults when NULL) per format of fmts[0..nf) at fps, filling r[i]
 * for fmts[i]. 0, or -1 on setup failure. */
static SYN_UNUSED int syn_run_formats(const SynClip *c, const SynFormat *fmts, int nf, int w,
                                      int h, const MtSceneConfig *cfg, double fps, SynResult *r)
{
    MtSceneConfig def;
    SynPlanes pl;
    MtSceneFrameInfo fi;
    MtSceneDetector *det[SYN_NFORMATS] = { NULL };
    int ret = 0;
    if (!cfg) {
        mt_scene_config_default(&def);
        cfg = &def;
    }
    if (nf > SYN_NFORMATS || syn_alloc(&pl, w, h) < 0)
        return -1;
    for (int i = 0; i < nf; i++) {
        memset(&r[i], 0, sizeof(r[i]));
        r[i].order_ok = 1;
        r[i].events_in_order = 1;
        if (!(det[i] = mt_scene_new(cfg)))
            ret = -1;
    }
    for (int k = 0; k < c->n && !ret; k++) {
        syn_render(&c->f[k], &pl);
        for (int i = 0; i < nf; i++) {
            SynImage si;
            if (syn_pack(&pl, fmts[i], &si) < 0) {
                ret = -1;
                break;
            }
            if (mt_scene_push(det[i], &si.img, 1000 * (int64_t)k, k / fps) < 0)
                r[i].push_errors++;
            free(si.buf);
            while (mt_scene_pop(det[i], &fi))
                syn_collect(det[i], &fi, &r[i]);
        }
    }
    for (int i = 0; i < nf && !ret; i++) {
        MtSceneResult res;
        mt_scene_finish(det[i], 1 / fps);
        while (mt_scene_pop(det[i], &fi))
            syn_collect(det[i], &fi, &r[i]);
        if (mt_scene_result(det[i], &res) < 0) {
            ret = -1;
            break;
        }
        for (size_t j = 0; j < res.n_transitions && j < 64; j++)
            r[i].trans[r[i].n_trans++] = res.transitions[j];
        for (size_t j = 0; j < res.n_scenes && j < 64; j++) {
            float sum = 0;
            for (int b = 0; b < res.hist_bins; b++)
                sum += res.scenes[j].mean_hist[b];
            r[i].hist_sum[r[i].n_scenes] = sum;
            r[i].scenes[r[i].n_scenes] = res.scenes[j];
            r[i].scenes[r[i].n_scenes++].mean_hist = NULL;
        }
        r[i].feature_rows = (int)res.frame_features.rows;
        r[i].feature_cols = (int)res.frame_features.cols;
    }
    for (int i = 0; i < nf; i++)
        mt_scene_free(&det[i]);
    syn_free(&pl);
    return ret;
}

static SYN_UNUSED int syn_run(const SynClip *c, SynFormat fmt, int w, int h,
                              const MtSceneConfig *cfg, double fps, SynResult *r)
{
    return syn_run_formats(c, &fmt, 1, w, h, cfg, fps, r);
}

/* Test picture size: smaller when MONTAGE_TEST_QUICK is set (valgrind). */
static SYN_UNUSED int syn_quick(void)
{
    const char *q = getenv("MONTAGE_TEST_QUICK");
    return q && *q && strcmp(q, "0");
}

#endif /* MONTAGE_TESTS_SCENE_SYNTH_H */
