/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagescene core: lifecycle, frame ring, hard cuts and flashes. */
#include "analysis/scene/scene_internal.h"
#include "analysis/scene/scene_cut_extent.h"
#include "analysis/scene/scene_relight.h"
#include "analysis/scene/scene_still_cut.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A step that stands out from the motion around it, its weighted change at
 * least SCN_CUT_STANDOUT times the largest within SCN_STANDOUT_REACH frames
 * on either side (and the neighbours the excess is judged against), is a
 * cut from SCN_CUT_RELAXED of the threshold on: two cuts between shots of
 * the same set and light in natural-dev's music video (nd01 28 and 829:
 * scores 0.243 and 0.221, standing out 2.71 and 3.20 times) against the
 * other candidates of natural-dev in that score range (nd06 292's
 * explosion 1.60, nd07's strobe 1.05, nd09's motion graphics 0.82 and
 * 1.06). The dev and extra corpora have no candidate in that range. */
#define SCN_CUT_STANDOUT   2.1f
#define SCN_CUT_RELAXED    0.8f
#define SCN_STANDOUT_REACH 4
/* Not a threshold: the frames after a candidate its decision reads besides
 * the flash and recolouring tests (the standout's reach, the repeats
 * ref_step steps over), so the frames that must follow it. */
#define SCN_DECIDE_REACH \
    (SCN_STANDOUT_REACH > SCN_REPEAT_SKIP + 1 ? SCN_STANDOUT_REACH : SCN_REPEAT_SKIP + 1)
/* Such a step must also bring SCN_NOVEL_STANDOUT times more change that
 * no sub-cell movement explains (mt_scene_novel_change) than the largest
 * within SCN_STANDOUT_REACH frames: the shot's own noise floor of it. A
 * slow scroll of flat bars whose period is a whole number of cells (#10:
 * pal100bars, 80 px = 6 cells at 640 wide) moves every bar edge across a
 * sample point on the same frame, a spike of colour and structure that
 * stands out 2.5 to 28 times from the quiet take, yet its novel change
 * stays at the grain's: 0.35 to 1.23 times (the 18 candidates of
 * bench/fast_vs_full.sh's library clip, keyint 250 and 25, x265). The
 * cuts the relaxed rule exists for measure 5.7 and 6.6 times (nd01 28 and
 * 829); natural-dev's other candidates there fail the standout already. */
#define SCN_NOVEL_STANDOUT 2.5f
/* A recolouring of the same picture that comes back: a game's damage or
 * pickup palette, a muzzle flash lighting the scene, a strobe. Its colour
 * change (histogram step beyond the neighbours') outweighs its structure
 * change (contrast-normalised luma, beyond the neighbours'), and within
 * MT_SCENE_RECOLOUR_WINDOW frames the histogram is back within
 * SCN_RECOLOUR_RETURN of the step from the frame before. Measured on the
 * Freedoom demos rendered for tuning (freedoom1 DEMO2 and DEMO3, freedoom2
 * DEMO2, 26 false cuts of scene analyser 6): colour over structure
 * 1.72-10.4 at the palette onsets, 2.0-2.8 at weapon fire and pickups,
 * returning after 6-38 frames (two tints after 56 and 89, beyond the
 * window). Real cuts whose colours return within the window (9 of the 88
 * of dev, extra_g, extra_h and natural-dev): at most 0.92 (nd01 583 and
 * 790, cuts between shots of one set, back after 44 and 39 frames). The
 * return carries the rest: real cuts reach 1.25-8.2 (dev v04 552, v05
 * 94, extra_h, nd03 880) with colours that never come back. A demo not
 * used for these figures (freedoom2 DEMO3): 3 false cuts, 1 left.
 * SCN_RECOLOUR_RETURN: the tune demos' recolourings come back to 0.01-0.13
 * of a 0.15-0.85 step (from the frame before), half of it is the
 * flash test's own "back" bound. The window (MT_SCENE_RECOLOUR_WINDOW,
 * scene_detect.h) is also the detector's largest lookahead: a candidate
 * that recolours waits for it (cut_settle). */
#define SCN_RECOLOUR_RATIO  1.5f
#define SCN_RECOLOUR_RETURN 0.5f
/* A change of light that does not outweigh the structure step (a strobing
 * or blinking sector light, a muzzle flash lighting the room while the
 * player moves) is judged on the picture itself. It may be a change of
 * light when the median region's structure with each region's own
 * brightness and contrast taken out (mt_scene_relit_structure) changes by
 * less than SCN_RELIT_STRUCTURE beyond the steps just before and after;
 * only then does the candidate wait for its frame before to come back
 * (relight_returns), which decides. It separates nothing alone (it spares
 * clear cuts the wait and guards the return test): measured on scene
 * analyser 7's cut candidates, the false cuts of the tune demos (freedoom1
 * DEMO2, freedoom2 DEMO2 and DEMO3: light drops, weapon fire) 0.05-0.38,
 * a monster close to the camera 0.60; real cuts of natural-dev's music
 * video 0.03-0.82 (nd01 535 and 559, cuts within one set, 0.03 and 0.14),
 * dev and extra_g/h 0.06-1.1. */
#define SCN_RELIT_STRUCTURE 0.4f

static float clamp01(float v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

MtSceneDetector *mt_scene_new(const MtSceneConfig *cfg)
{
    if (mt_scene_config_check(cfg, NULL, 0) < 0)
        return NULL;
    MtSceneDetector *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->cfg      = *cfg;
    /* the recolouring test reaches MT_SCENE_RECOLOUR_WINDOW frames ahead,
     * for the rare candidate that recolours; every other decision the
     * flash test's flash_len or SCN_DECIDE_REACH */
    d->la        = cfg->flash ? MT_SCENE_RECOLOUR_WINDOW + 1 : 1;
    d->la_decide = cfg->flash ? cfg->flash_len + 1 : 1;
    if (cfg->flash && d->la_decide < SCN_DECIDE_REACH)
        d->la_decide = SCN_DECIDE_REACH;
    d->recolour_wait.frame = -1;
    d->cut_thr  = (float)(2 * cfg->threshold);
    d->grad_thr = (float)(2 * cfg->gradual_threshold);
    /* the oldest frame the gradual analysis reaches back to is about
     * 2.5 lags plus the lookahead and a flash before the newest frame */
    d->ring_size = SCN_MAX_LAG * 5 / 2 + d->la + MT_SCENE_FLASH_LEN_MAX + 16;
    d->ring = calloc(d->ring_size, sizeof(*d->ring));
    d->cap_bounds = 64;
    d->bounds = malloc(d->cap_bounds * sizeof(*d->bounds));
    if (!d->ring || !d->bounds) {
        mt_scene_free(&d);
        return NULL;
    }
    d->bounds[d->n_bounds++] = 0;
    d->seg = 0;
    mt_scene_gradual_reset(d);
    return d;
}

void mt_scene_free(MtSceneDetector **pd)
{
    MtSceneDetector *d = pd ? *pd : NULL;
    if (!d)
        return;
    free(d->ring);
    free(d->ring_mem);
    free(d->bounds);
    free(d->outq);
    free(d->pending);
    free(d->examined);
    mt_scene_grid_free(&d->grid);
    mt_scene_lut_free(&d->lut);
    mt_scene_result_free(d);
    free(d);
    *pd = NULL;
}

void mt_scene_set_log(MtSceneDetector *d, MtSceneLogFn fn, void *opaque)
{
    d->log = fn;
    d->log_opaque = opaque;
}

int mt_scene_lookahead(const MtSceneDetector *d)
{
    return d->la;
}

/* ---- frame ring ---- */

static int alloc_ring(MtSceneDetector *d)
{
    size_t cells = (size_t)d->grid.gw * d->grid.gh;
    float *mem = malloc((size_t)(d->ring_size + 2) * 4 * cells * sizeof(*mem));
    if (!mem)
        return -ENOMEM;
    free(d->ring_mem);
    d->ring_mem = mem;
    for (int i = 0; i < d->ring_size + 2; i++) {
        MtSceneFeat *f = i < d->ring_size ? &d->ring[i].f : &d->scratch[i - d->ring_size];
        f->y  = mem + (size_t)i * 4 * cells;
        f->u  = f->y + cells;
        f->v  = f->u + cells;
        f->yn = f->v + cells;
    }
    return 0;
}

/* ---- hard cuts ---- */

const float mt_scene_cut_weights[SCN_NCHAN] = { 2.0f, 0.5f, 3.0f, 2.0f };

static void pair_channels(const MtScenePair *p, float *ch)
{
    ch[0] = p->hist;
    ch[1] = p->structure;
    ch[2] = p->luma;
    ch[3] = p->color;
}

/* weighted change of a pair */
static float pair_change(const MtScenePair *p)
{
    float ch[SCN_NCHAN], e = 0;
    pair_channels(p, ch);
    for (int i = 0; i < SCN_NCHAN; i++)
        e += mt_scene_cut_weights[i] * ch[i];
    return e;
}

/* channel i of the change into frame k (0 without a previous frame) */
static float step_ch(const MtSceneDetector *d, int64_t k, int i)
{
    return scn_have(d, k) && scn_slot(d, k)->has_prev ? scn_slot(d, k)->step[i] : 0;
}

float mt_scene_step_change(const MtSceneDetector *d, int64_t k)
{
    float e = 0;
    for (int i = 0; i < SCN_NCHAN; i++)
        e += mt_scene_cut_weights[i] * step_ch(d, k, i);
    return e;
}

/* The step nearest to frame c's on side dir (-1 before, +1 after) that is
 * not a repeated frame, or the adjacent one when all within reach are. */
static int64_t ref_step(const MtSceneDetector *d, int64_t c, int dir)
{
    float act = scn_slot(d, c)->activity;
    int64_t j = c + dir;
    for (int n = 0; n < SCN_REPEAT_SKIP; n++) {
        int64_t nx = j + dir;
        if (!scn_have(d, j) || !mt_scene_is_repeat(d, j, act) || !scn_have(d, nx) || nx >= d->n_in ||
            !scn_slot(d, nx)->has_prev)
            break;
        j = nx;
    }
    return scn_have(d, j) && mt_scene_is_repeat(d, j, act) ? c + dir : j;
}

static int is_flat(const MtSceneDetector *d, int64_t k)
{
    return scn_have(d, k) && scn_slot(d, k)->flat;
}

/* contrast of k+dir differs from k's in the direction of a fade ramp (down
 * toward a flat frame when dir < 0 walks back from it, ...) */
static int ramp_step(const MtSceneDetector *d, int64_t k, int dir)
{
    int64_t j = k + dir;
    if (!mt_scene_same_seg(d, k, j))
        return 0;
    return scn_slot(d, j)->f.std > scn_slot(d, k)->f.std * SCN_FADE_RISE + SCN_FADE_EPS;
}

/* 1 when the flat frames from k on (dir +1) or back from k (dir -1) are
 * more than a flash: a dip to black, not a glitch */
static int long_flat(const MtSceneDetector *d, int64_t k, int dir)
{
    for (int n = 0; n <= d->cfg.flash_len; n++)
        if (!is_flat(d, k + dir * n))
            return 0;
    return 1;
}

/* Frame c enters a flat run at the end of a gradual fall of contrast, or
 * leaves one into a gradual rise, or the run is longer than a flash (a cut
 * to black, black, a cut in: one dip to black): the step belongs to a
 * fade, which the fade detector reports. */
static int fade_edge(const MtSceneDetector *d, int64_t c)
{
    if (is_flat(d, c) && !is_flat(d, c - 1))
        return (ramp_step(d, c - 1, -1) && ramp_step(d, c - 2, -1)) || long_flat(d, c, +1);
    if (is_flat(d, c - 1) && !is_flat(d, c))
        return (c + 2 < d->n_in && ramp_step(d, c, +1) && ramp_step(d, c + 1, +1)) ||
               long_flat(d, c - 1, -1);
    return 0;
}

/* A new shot changes the picture's structure (the contrast-normalised
 * luma, which a change of brightness or gain leaves alone); a lighting
 * change, a monitor or lamp switching on, flicker, changes brightness and
 * colour only. The structure step of a cut must exceed its neighbours' by
 * this much: real cuts in natural-dev >= 0.153 (nd01 790, a cut between two
 * shots of the same set), brightness steps there <= 0.0 (cytadela's
 * monitors switching on: -0.004..0.000). Busy content (noise, fast
 * detailed motion) saturates the structure channel of every step, so the
 * test only applies where the neighbours' structure change is below
 * SCN_STRUCTURE_BUSY: 0.042 around the brightness steps of natural-dev,
 * 0.93 in the busy shots of the dev corpus (v05 94 and 134, real cuts). */
#define SCN_CUT_MIN_STRUCTURE 0.06f
#define SCN_STRUCTURE_BUSY    0.5f
/* A step that fails the structure test is still a cut when it turns the
 * hue (hue_change) by at least SCN_CUT_MIN_HUE: the brightness steps of
 * natural-dev (cytadela's green monitors switching on) measure 0.040-0.075,
 * cuts between flat colour fields (red, green, blue, orange; generated)
 * 1.000, a flat red darkened to 40 % 0.016. SCN_HUE_MIN_CHROMA (10 % of the
 * largest chroma): the mean chroma magnitude below which a frame counts as
 * colourless. */
#define SCN_CUT_MIN_HUE       0.5f
#define SCN_HUE_MIN_CHROMA    0.05f
/* The hue decides only between pictures without luma structure (both
 * frames' cell contrast, cell_std, below SCN_HUE_MAX_CONTRAST): where there
 * is structure and the structure test saw it kept, a turn of hue is the
 * same picture recoloured (a game's red damage palette blends the whole
 * picture toward red, which is affine in luma and leaves the structure).
 * The larger contrast of the two frames: generated flat colour fields
 * 0.000; the 29 hue-cut steps (hue change 0.58-1.06, all at tints) of
 * Freedoom demos rendered like natural-val's (freedoom1 DEMO2, freedoom2
 * DEMO2) >= 0.071. 0.025 is half the contrast below which the structure
 * channel's normalisation stops (YN_STD_FLOOR). */
#define SCN_HUE_MAX_CONTRAST  0.025f

/* A change of brightness or gain scales each cell's chroma (U, V centred
 * on grey) by one factor and keeps its hue; a new shot, even between two
 * flat colour fields (red to blue), changes the hue. The weaker-coloured
 * frame's chroma is fitted as one factor times the stronger's; the mean
 * residual over the weaker one's mean chroma is 0 for a pure gain change
 * and 1 when the hue turns by 90 degrees or more. A frame with less mean
 * chroma than SCN_HUE_MIN_CHROMA has no hue to keep (black, grey, a
 * monitor switched off): its residual is judged against that floor. */
static float hue_change(const MtSceneDetector *d, int64_t a, int64_t b)
{
    const MtSceneFeat *fa = &scn_slot(d, a)->f, *fb = &scn_slot(d, b)->f;
    int n = d->grid.gw * d->grid.gh;
    if (fa->chroma > fb->chroma) {
        const MtSceneFeat *t = fa;
        fa = fb;
        fb = t;
    }
    double ab = 0, bb = 0, res = 0;
    for (int i = 0; i < n; i++) {
        ab += (double)fa->u[i] * fb->u[i] + (double)fa->v[i] * fb->v[i];
        bb += (double)fb->u[i] * fb->u[i] + (double)fb->v[i] * fb->v[i];
    }
    double k = bb > 0 ? ab / bb : 0;
    if (k < 0)
        k = 0;
    for (int i = 0; i < n; i++)
        res += hypot(fa->u[i] - k * fb->u[i], fa->v[i] - k * fb->v[i]);
    return (float)(res / n / fmax(fa->chroma, SCN_HUE_MIN_CHROMA));
}

/* The largest weighted change within SCN_STANDOUT_REACH frames of frame c
 * (c's own excluded): held images of low-rate animation are not always
 * exact repeats, so the nearest steps alone can understate the motion. */
static float nearby_change(const MtSceneDetector *d, int64_t c)
{
    float m = 0;
    for (int64_t j = c - SCN_STANDOUT_REACH; j <= c + SCN_STANDOUT_REACH; j++)
        if (j != c && j < d->n_in && scn_have(d, j))
            m = fmaxf(m, mt_scene_step_change(d, j));
    return m;
}

/* the change into frame k that no sub-cell movement explains (0 without
 * a previous frame) */
static float novel_step(const MtSceneDetector *d, int64_t k)
{
    if (!scn_have(d, k) || !scn_have(d, k - 1) || !scn_slot(d, k)->has_prev)
        return 0;
    return mt_scene_novel_change(&d->grid, &scn_slot(d, k - 1)->f, &scn_slot(d, k)->f);
}

/* the largest novel_step within SCN_STANDOUT_REACH frames of c, c's own
 * excluded: the shot's own noise floor of that quantity */
static float nearby_novel(const MtSceneDetector *d, int64_t c)
{
    float m = 0;
    for (int64_t j = c - SCN_STANDOUT_REACH; j <= c + SCN_STANDOUT_REACH; j++)
        if (j != c && j < d->n_in)
            m = fmaxf(m, novel_step(d, j));
    return m;
}

/* 1 when candidate c lies up to the frame where the last recolouring or
 * change of light that was no cut is back (recolour_end), in its segment */
static int within_return(const MtSceneDetector *d, int64_t c)
{
    return c <= d->recolour_end && mt_scene_same_seg(d, c, d->recolour_end);
}

/* Candidate c recolours the picture (SCN_RECOLOUR_RATIO) and the colours
 * come back within MT_SCENE_RECOLOUR_WINDOW frames (SCN_RECOLOUR_RETURN): a
 * tint, a flash or lighting, not a new shot. A recolouring step up to the
 * frame where an earlier one's colours are back is one more step of it (a
 * tint fading out in palette steps). Runs for the waiting candidate
 * (recolour_wait) only, on its stored steps and colour jump. -1 while the
 * colours are not back and the window's frames are still to come. */
static int recolour_returns(MtSceneDetector *d, int64_t c)
{
    float hist_excess = d->recolour_wait.colour, structure_excess = d->recolour_wait.structure;
    if (hist_excess < SCN_RECOLOUR_RATIO * fmaxf(structure_excess, 0))
        return 0;
    const MtSceneFeat *before = &scn_slot(d, c - 1)->f;
    float jump = d->recolour_wait.colour_jump;
    int m;
    for (m = 1; m <= MT_SCENE_RECOLOUR_WINDOW && c + m < d->n_in; m++) {
        if (!mt_scene_same_seg(d, c - 1, c + m))
            break;
        float back = mt_scene_hist_dist(before, &scn_slot(d, c + m)->f);
        if (back < SCN_RECOLOUR_RETURN * jump) {
            mt_scene_trace(d, "cut %lld dropped: recoloured (colour %.3f, structure %.3f), back after "
                           "%d frames (%.3f of %.3f)", (long long)c, hist_excess, structure_excess, m,
                           back, jump);
            d->recolour_end = c + m;
            return 1;
        }
    }
    if (m <= MT_SCENE_RECOLOUR_WINDOW && c + m >= d->n_in && !d->draining)
        return -1;
    if (within_return(d, c)) {
        mt_scene_trace(d, "cut %lld dropped: recoloured (colour %.3f, structure %.3f) until the colours "
                       "are back at %lld", (long long)c, hist_excess, structure_excess,
                       (long long)d->recolour_end);
        return 1;
    }
    return 0;
}

/* How much more the median region's structure under another light
 * (mt_scene_relit_structure) changes into candidate c than into its
 * neighbouring steps pv and nx (ref_step): near 0 for a change of light
 * over a moving picture, the larger for more of the picture replaced. */
static float relit_change(MtSceneDetector *d, int64_t c, int64_t pv, int64_t nx)
{
    float step[3] = { 0, 0, 0 };
    int64_t k[3] = { c, pv, nx };
    for (int i = 0; i < 3; i++)
        if (mt_scene_same_seg(d, k[i] - 1, k[i]))
            step[i] = mt_scene_relit_structure(&d->grid, &scn_slot(d, k[i] - 1)->f,
                                               &scn_slot(d, k[i])->f, &d->scratch[0]);
    return step[0] - fmaxf(step[1], step[2]);
}

/* Candidate c changed the light of the picture (SCN_RELIT_STRUCTURE) and
 * the frame before it comes back within MT_SCENE_RECOLOUR_WINDOW frames:
 * frame c + m has the colours of frame c - 1 again (histogram within
 * SCN_RECOLOUR_RETURN of the step, the recolouring test's bound) and is no
 * farther from it than the shot's own change over as many frames (m + 1)
 * just before c - 1, within the shot. A moving camera never brings a frame
 * back exactly; a strobe's or a muzzle flash's frames before and after the
 * light differ by the movement alone. No new constant: the shot's own
 * change is the bound. Measured (pair_change of the return over the shot's
 * own): tune demos' light changes 0.71-0.84 where their colours are back
 * (freedoom2 DEMO2 1491, 4315, 4597); a strobing lamp over a panning
 * picture (test_lamp_strobe_is_no_cut) 0.65-0.95; the real cuts of
 * natural-dev under the relit bound whose colours come back, cuts back to
 * the same set in the music video, never below 1.10 and 1.24 (nd01 535 and
 * 790). A step up to that return is one more step of it (the strobe going
 * dark). Runs for candidates only and goes on where its last call stopped;
 * -1 while the frames to compare are still to come. */
static int relight_returns(MtSceneDetector *d, int64_t c)
{
    if (within_return(d, c)) {
        mt_scene_trace(d, "cut %lld dropped: the light changes until the frame before an earlier change "
                       "is back at %lld", (long long)c, (long long)d->recolour_end);
        return 1;
    }
    int64_t start = mt_scene_last_bound(d, c - 1);
    for (int m = d->recolour_wait.relight_scanned + 1; m <= MT_SCENE_RECOLOUR_WINDOW; m++) {
        int64_t h = c - 2 - m;
        if (h < start || !scn_have(d, h))
            return 0;
        if (c + m >= d->n_in)
            return d->draining ? 0 : -1;
        if (!mt_scene_same_seg(d, h, c + m))
            return 0;
        MtScenePair back, moved;
        mt_scene_cmp(d, c - 1, c + m, &back);
        mt_scene_cmp(d, h, c - 1, &moved);
        float b = pair_change(&back), mv = pair_change(&moved);
        d->recolour_wait.relight_scanned = m;
        if (back.hist < SCN_RECOLOUR_RETURN * d->recolour_wait.colour_jump && b <= mv) {
            mt_scene_trace(d, "cut %lld dropped: light changed, the frame before back after %d frames "
                           "(colours %.3f of %.3f; change %.3f, the shot's own over as many frames "
                           "before %.3f)", (long long)c, m, back.hist, d->recolour_wait.colour_jump, b, mv);
            d->recolour_end = c + m;
            return 1;
        }
    }
    return 0;
}

/* The rest of candidate c's decision, once the recolouring and
 * light-change tests have kept it: a brightness change, a change of part
 * of the picture (scene_cut_extent.h) or a boundary too close is no cut;
 * a cut is reported. */
static void cut_confirm(MtSceneDetector *d, int64_t c, float structure_ref)
{
    SceneSlot *s = scn_slot(d, c);
    if (structure_ref < SCN_STRUCTURE_BUSY && s->step[1] - structure_ref < SCN_CUT_MIN_STRUCTURE) {
        float contrast = fmaxf(scn_slot(d, c - 1)->f.cell_std, s->f.cell_std);
        float hue = contrast < SCN_HUE_MAX_CONTRAST ? hue_change(d, c - 1, c) : 0;
        mt_scene_trace(d, "cut %lld: structure %.3f over %.3f, contrast %.4f, hue change %.3f", (long long)c,
                       s->step[1], structure_ref, contrast, hue);
        if (hue < SCN_CUT_MIN_HUE) {
            mt_scene_trace(d, "cut %lld dropped: brightness change", (long long)c);
            return;
        }
    }
    /* part of the flash suppression: off with it (a white flash keeps
     * every block's structure) */
    float share = d->cfg.flash ? mt_scene_changed_share(&d->grid, &scn_slot(d, c - 1)->f, &s->f,
                                                        &d->scratch[0])
                               : 1;
    if (mt_scene_cut_is_partial(share)) {
        mt_scene_trace(d, "cut %lld dropped: replaces %.3f of the picture's blocks", (long long)c, share);
        return;
    }
    if (mt_scene_conflicts(d, c, c, 0)) {
        mt_scene_trace(d, "cut %lld dropped: too close to another boundary", (long long)c);
        return;
    }
    MtTransition tr = { .type = MT_TRANSITION_HARD, .frame = c, .first_frame = c,
                        .last_frame = c, .score = s->score };
    mt_scene_fade_end_before(d, c);
    mt_scene_emit(d, &tr);
}

/* A candidate that ends a brief excursion: frame c matches a frame up to
 * flash_len frames before the step, its change from it (less the step
 * before c's, as in the flash test) below SCN_EXCURSION_BACK of the jump.
 * The flash test looks forward from an onset; this one catches the end of
 * a flash or sprite whose onset was no candidate: a muzzle flash over one
 * shot of a long dissolve shows at half strength, spread over two steps,
 * and only the step back is large. A cut leaves the old shot for good.
 * Measured (scene analyser 7 traces, smallest ratio over the frames looked
 * back to): the real cuts of dev, extra_g, extra_h, extra_j and natural-dev
 * >= 0.935 (nd01 627, a cut between shots of one set); weapon fire ending
 * inside a 130-frame dissolve of two game-tune excerpts (a long xfade made
 * for tuning) 0.502, muzzle flashes in the game-tune demos 0.481-0.489
 * (which the recolouring test drops too). The bound sits between. */
#define SCN_EXCURSION_BACK 0.7f

static int excursion_ends(MtSceneDetector *d, int64_t c, float jump, float floor)
{
    int64_t lb = mt_scene_last_bound(d, c - 1);
    for (int m = 1; m <= d->cfg.flash_len; m++) {
        int64_t j = c - 1 - m;
        if (j < lb || !mt_scene_same_seg(d, j, c) || scn_slot(d, j)->flash)
            break;
        MtScenePair p;
        mt_scene_cmp(d, j, c, &p);
        float back = pair_change(&p) - floor;
        if (back < SCN_EXCURSION_BACK * jump && back < d->cut_thr) {
            mt_scene_trace(d, "cut %lld dropped: ends an excursion from %lld (back %.3f, jump %.3f)",
                           (long long)c, (long long)(j + 1), back, jump);
            return 1;
        }
    }
    return 0;
}

/* The cut decision of frame c. A candidate that passes the flash test goes
 * on to the recolouring test (cut_settle), which may wait for frames. */
static void cut_decide(MtSceneDetector *d, int64_t c)
{
    SceneSlot *s = scn_slot(d, c);
    if (!s->has_prev)
        return;
    /* each channel's change into c beyond the larger of the changes just
     * before and just after it (motion and noise raise all three), held
     * frames of low-rate animation stepped over */
    int64_t pv = ref_step(d, c, -1), nx = ref_step(d, c, +1);
    float ref[SCN_NCHAN], exc = 0, around = 0;
    for (int i = 0; i < SCN_NCHAN; i++) {
        ref[i] = fmaxf(step_ch(d, pv, i), step_ch(d, nx, i));
        exc += mt_scene_cut_weights[i] * (s->step[i] - ref[i]);
        around += mt_scene_cut_weights[i] * ref[i];
    }
    /* a change that stands out from the shots' own motion needs less excess */
    float need = d->cut_thr;
    if (exc >= SCN_CUT_RELAXED * d->cut_thr && exc < d->cut_thr) {
        float standout = mt_scene_step_change(d, c) / (fmaxf(around, nearby_change(d, c)) + 1e-6f);
        float novel = novel_step(d, c), novel_floor = nearby_novel(d, c);
        mt_scene_trace(d, "candidate %lld stands out %.2f times; novel change %.4f over %.4f", (long long)c,
                       standout, novel, novel_floor);
        if (standout >= SCN_CUT_STANDOUT && novel >= SCN_NOVEL_STANDOUT * novel_floor)
            need = SCN_CUT_RELAXED * d->cut_thr;
    }
    /* a smaller one between still shots too (scene_still_cut.h) */
    float still_need = mt_scene_still_floor() * d->cut_thr;
    if (exc < need && exc >= still_need && mt_scene_still_cut(d, c, mt_scene_step_change(d, c)))
        need = still_need;
    s->score = clamp01(exc / 2);
    if (exc >= 0.5f * d->cut_thr)
        mt_scene_trace(d, "candidate %lld: excess %.3f; hist %.3f over %.3f, structure %.3f over "
                       "%.3f, luma %.3f over %.3f, colour %.3f over %.3f", (long long)c, exc,
                       s->step[0], ref[0], s->step[1], ref[1], s->step[2], ref[2], s->step[3], ref[3]);
    if (s->flash || s->ret)
        return;
    float jump = mt_scene_step_change(d, c) - mt_scene_step_change(d, pv);
    if (jump < need)
        return;
    if (d->cfg.flash) {
        /* a flash or glitch: a frame soon after matches the one before */
        for (int m = 1; m <= d->cfg.flash_len; m++) {
            if (c + m >= d->n_in || !mt_scene_same_seg(d, c - 1, c + m))
                break;
            MtScenePair p;
            mt_scene_cmp(d, c - 1, c + m, &p);
            float back = pair_change(&p) - mt_scene_step_change(d, pv);
            if (back < 0.5f * jump && back < d->cut_thr) {
                mt_scene_trace(d, "flash %lld..%lld (back %.3f, jump %.3f)", (long long)c,
                               (long long)(c + m - 1), back, jump);
                for (int j = 0; j < m; j++)
                    scn_slot(d, c + j)->flash = 1;
                scn_slot(d, c + m)->ret = 1;
                return;
            }
        }
    }
    if (exc < need)
        return;
    if (d->cfg.flash && excursion_ends(d, c, jump, mt_scene_step_change(d, pv)))
        return;
    /* the edge of a fade needs flash_len + 1 frames past c, so it is known
     * before any wait: a candidate there never waits (scene analyser 8
     * waited up to 48 frames for each, 24 of natural-dev's 46 waits) */
    if (d->grad_thr > 0 && fade_edge(d, c)) {
        mt_scene_trace(d, "cut %lld dropped: edge of a fade", (long long)c);
        return;
    }
    if (d->cfg.flash) { /* the recolouring test may wait for frames (cut_settle) */
        d->recolour_wait.frame = c;
        d->recolour_wait.colour = s->step[0] - ref[0];
        d->recolour_wait.structure = s->step[1] - ref[1];
        d->recolour_wait.structure_ref = ref[1];
        d->recolour_wait.colour_jump = mt_scene_hist_dist(&scn_slot(d, c - 1)->f, &s->f);
        d->recolour_wait.relight_scanned = 0;
        float relit = relit_change(d, c, pv, nx);
        d->recolour_wait.relit = relit < SCN_RELIT_STRUCTURE;
        mt_scene_trace(d, "cut %lld: relit structure %.3f over its neighbours'", (long long)c, relit);
        return;
    }
    cut_confirm(d, c, ref[1]);
}

/* Decides the candidate whose recolouring test waits, once it can: 1 while
 * it still waits for frames, 0 when decided or none waits. */
static int cut_settle(MtSceneDetector *d)
{
    int64_t c = d->recolour_wait.frame;
    if (c < 0)
        return 0;
    int r = recolour_returns(d, c);
    if (!r && d->recolour_wait.relit)
        r = relight_returns(d, c);
    if (r < 0)
        return 1;
    d->recolour_wait.frame = -1;
    if (!r)
        cut_confirm(d, c, d->recolour_wait.structure_ref);
    return 0;
}

/* ---- finalisation and output queue ---- */

static int outq_push(MtSceneDetector *d, const MtSceneFrameInfo *fi)
{
    if (d->outq_len == d->outq_cap) {
        size_t cap = d->outq_cap ? 2 * d->outq_cap : 16;
        MtSceneFrameInfo *q = malloc(cap * sizeof(*q));
        if (!q)
            return -ENOMEM;
        for (size_t i = 0; i < d->outq_len; i++)
            q[i] = d->outq[(d->outq_head + i) % d->outq_cap];
        free(d->outq);
        d->outq = q;
        d->outq_cap = cap;
        d->outq_head = 0;
    }
    d->outq[(d->outq_head + d->outq_len) % d->outq_cap] = *fi;
    d->outq_len++;
    return 0;
}

static void finalise(MtSceneDetector *d, int64_t k)
{
    SceneSlot *s = scn_slot(d, k);
    if (s->ev_type < 0 && d->n_pending) {
        s->ev = d->pending[0];
        s->ev_type = s->ev.type;
        memmove(d->pending, d->pending + 1, --d->n_pending * sizeof(d->pending[0]));
    }
    MtSceneFrameInfo fi = {
        .frame = k, .pts = s->pts, .t = s->t, .score = s->score,
        .luma = s->f.mean, .motion = s->has_prev ? s->activity : 0,
        .flash = s->flash, .has_event = s->ev_type >= 0,
        .event = { .frame = -1, .pts = -1, .t = NAN, .first_frame = -1, .last_frame = -1,
                   .t_first = NAN, .t_last = NAN },
    };
    if (fi.has_event)
        fi.event = s->ev;
    if (outq_push(d, &fi) < 0 || (d->cfg.keep_features && mt_scene_keep_features(d, s) < 0))
        d->oom = 1;
    d->n_done = k + 1;
}

/* The cut decision and gradual analysis of frame k, once the frames after
 * it are known (la_decide of them while streaming, up to la while a
 * recolouring waits). 1 while frame k's decision waits for frames: every
 * later frame waits behind it, so frames are analysed in order. */
static int analyse(MtSceneDetector *d, int64_t k)
{
    if (d->recolour_wait.frame != k)
        cut_decide(d, k);
    if (cut_settle(d))
        return 1;
    if (d->grad_thr > 0)
        mt_scene_gradual_step(d, k);
    return 0;
}

/* End of a segment (size change) or of the stream: finalises every frame,
 * letting the gradual tests run out on the last one. */
static void drain(MtSceneDetector *d)
{
    d->draining = 1;
    int64_t last = d->n_in - 1;
    while (d->n_done < d->n_in) {
        int64_t k = d->n_done;
        analyse(d, k);
        /* the last frame is analysed before the one before it is
         * finalised: a cut on the last frame, the fade it ends (reported
         * first, mt_scene_fade_end_before) and the transitions found at the
         * end then have two frames to be carried on */
        if (k + 1 == last)
            analyse(d, last);
        if (k + 1 >= last && d->grad_thr > 0)
            mt_scene_gradual_finish(d);
        finalise(d, k);
        if (k + 1 == last)
            finalise(d, last);
    }
    d->draining = 0;
}

int mt_scene_push(MtSceneDetector *d, const MtImage *img, int64_t pts, double t)
{
    int ret;
    if (!d || d->finished || mt_scene_image_check(img) < 0)
        return -EINVAL;
    int64_t k = d->n_in;
    if (!d->ring_mem || img->width != d->grid.width || img->height != d->grid.height) {
        /* new size: everything before is no longer comparable */
        drain(d);
        if ((ret = mt_scene_grid_init(&d->grid, img->width, img->height,
                                      d->cfg.analysis_size)) < 0 ||
            (ret = alloc_ring(d)) < 0) {
            mt_scene_grid_free(&d->grid); /* the next push tries again */
            return ret;
        }
        if (k > 0) {
            d->seg++;
            if ((ret = mt_scene_add_bound(d, k)) < 0)
                return ret;
        }
        d->seg_start = k;
        mt_scene_gradual_reset(d);
    }
    if ((ret = mt_scene_lut_update(&d->lut, img)) < 0)
        return ret;

    /* the slot's previous frame leaves the ring */
    if (k >= d->ring_size)
        mt_scene_account(d, k - d->ring_size);
    SceneSlot *s = scn_slot(d, k);
    MtSceneFeat f = s->f;
    memset(s, 0, sizeof(*s));
    s->f = f;
    s->pts = pts;
    s->t   = t;
    s->seg = d->seg;
    s->ev_type = -1;
    mt_scene_features(&d->grid, &d->lut, img, &s->f);
    d->n_in = k + 1;

    float recent = s->f.std;
    for (int64_t j = k - 1; j >= d->seg_start && j > k - SCN_FLAT_WINDOW && j > k - d->ring_size; j--)
        recent = fmaxf(recent, scn_slot(d, j)->f.std);
    s->flat = s->f.std < SCN_FLAT_STD && s->f.std * SCN_FLAT_DROP < recent;
    if (k > d->seg_start) {
        MtScenePair p;
        mt_scene_cmp(d, k - 1, k, &p);
        s->has_prev = 1;
        pair_channels(&p, s->step);
        s->activity = p.activity;
        s->motion = p.motion;
    }
    /* frames leave as soon as their decision is final */
    while (d->n_done + d->la_decide < d->n_in && !analyse(d, d->n_done))
        finalise(d, d->n_done);
    return d->oom ? -ENOMEM : 0;
}

int mt_scene_pop(MtSceneDetector *d, MtSceneFrameInfo *out)
{
    if (!d || !d->outq_len)
        return 0;
    *out = d->outq[d->outq_head];
    d->outq_head = (d->outq_head + 1) % d->outq_cap;
    d->outq_len--;
    return 1;
}

void mt_scene_finish(MtSceneDetector *d, double last_duration_s)
{
    if (!d || d->finished)
        return;
    drain(d);
    /* events confirmed on the last frames are in the result only: no
     * frame is left to carry them (after a size change, the next
     * segment's frames do) */
    d->n_pending = 0;
    d->finished = 1;
    int64_t first = d->n_in - d->ring_size > 0 ? d->n_in - d->ring_size : 0;
    for (int64_t k = first; k < d->n_in; k++)
        mt_scene_account(d, k);
    mt_scene_close_scenes(d, last_duration_s);
}
