/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* How far the detector's answers are final (mt_scene_unsettled_from): no
 * transition is ever found, changed or added by the end of the stream on
 * a frame the detector already called settled, and a stream stopped there
 * gives the same transitions before it as the whole stream. */
#include "tests/unit/unit.h"
#include "tests/unit/test_scene_synth.h"

#include "analysis/scene/scene_internal.h" /* the transitions known so far */
#include "driver/fast_plan.h"                /* MT_FAST_POST_FRAMES */

#define FPS 25.0
/* the long dissolve needs this size (test_scene_long_mix.c); the other
 * clips are run smaller under MONTAGE_TEST_QUICK (valgrind) */
static int W, H;

/* Each test sets its own picture size: the edit clips are smaller under
 * MONTAGE_TEST_QUICK (valgrind), the long dissolve is not. */
static void set_size(int quick_ok)
{
    int quick = quick_ok && syn_quick();
    W = quick ? 96 : 192;
    H = quick ? 54 : 108;
}

static const SynShot left = { 61, 0.01f, 0.0f, 0.02f, 0 };
static const SynShot right = { 62, -0.008f, 0.002f, 0.02f, 0 };
static const SynShot A = { 11, 0.002f, 0.001f, 0.02f, 0 };
static const SynShot B = { 22, -0.003f, 0.0f, 0.02f, 0 };
static const SynShot C = { 33, 0.0f, 0.002f, 0.02f, 0 };

static SynClip clip;

#define MAX_TRANS 16

/* One run, stopped after `stop` pushes (all frames when -1). */
typedef struct Trace {
    int64_t unsettled[SYN_MAX_FRAMES]; /* after push k, k + 1 frames in */
    int64_t n_done[SYN_MAX_FRAMES];    /* frames finalised after push k */
    MtTransition seen[MAX_TRANS];      /* each as first called settled */
    int     seen_at[MAX_TRANS];        /* the push after which it was */
    int     n_seen;
    MtTransition trans[MAX_TRANS];     /* the result after finish */
    int     n_trans;
    int     pushes;
} Trace;

static int same_transition(const MtTransition *a, const MtTransition *b)
{
    return a->type == b->type && a->frame == b->frame && a->first_frame == b->first_frame &&
           a->last_frame == b->last_frame && a->score == b->score;
}

/* after push k: a transition may change until a push calls its frame
 * settled (a fade's end is followed after it is recorded); seen keeps it
 * as it was then */
static void note_known(const MtSceneDetector *d, int k, Trace *t)
{
    for (size_t i = 0; i < d->n_trans; i++) {
        int j = 0;
        while (j < t->n_seen && t->seen[j].frame != d->trans[i].frame)
            j++;
        if (j == t->n_seen && t->n_seen < MAX_TRANS) {
            t->seen[t->n_seen] = d->trans[i];
            t->seen_at[t->n_seen++] = k;
        } else if (j < t->n_seen && (k == 0 || t->unsettled[k - 1] <= d->trans[i].frame)) {
            t->seen[j] = d->trans[i];
        }
    }
}

static void run(int stop, Trace *t)
{
    MtSceneConfig cfg;
    SynPlanes pl;
    MtSceneFrameInfo fi;
    MtSceneResult res;
    memset(t, 0, sizeof(*t));
    mt_scene_config_default(&cfg);
    MtSceneDetector *d = mt_scene_new(&cfg);
    CHECK(d != NULL);
    CHECK(syn_alloc(&pl, W, H) == 0);
    int n = stop >= 0 && stop < clip.n ? stop : clip.n;
    for (int k = 0; k < n; k++) {
        SynImage si;
        syn_render(&clip.f[k], &pl);
        CHECK(syn_pack(&pl, SYN_YUV420P, &si) == 0);
        CHECK(mt_scene_push(d, &si.img, 1000 * (int64_t)k, k / FPS) == 0);
        free(si.buf);
        while (mt_scene_pop(d, &fi))
            ;
        t->unsettled[k] = mt_scene_unsettled_from(d);
        t->n_done[k] = d->n_done;
        note_known(d, k, t);
    }
    t->pushes = n;
    mt_scene_finish(d, 1 / FPS);
    CHECK(mt_scene_unsettled_from(d) == INT64_MAX);
    CHECK(mt_scene_result(d, &res) == 0);
    for (size_t i = 0; i < res.n_transitions && i < MAX_TRANS; i++)
        t->trans[t->n_trans++] = res.transitions[i];
    mt_scene_free(&d);
    syn_free(&pl);
}

/* the push after which transition tr was first known (pushes when only
 * the finish found it) */
static int first_known(const Trace *t, const MtTransition *tr)
{
    for (int j = 0; j < t->n_seen; j++)
        if (t->seen[j].frame == tr->frame)
            return t->seen_at[j];
    return t->pushes;
}

/* Before a transition was known, no push called its frame settled; when
 * first called settled, it was already as the result lists it. */
static void check_never_settled_early(const Trace *t)
{
    for (int i = 0; i < t->n_trans; i++) {
        int at = first_known(t, &t->trans[i]);
        for (int k = 0; k < at; k++)
            if (t->unsettled[k] > t->trans[i].frame) {
                fprintf(stderr, "  transition at %lld called settled after push %d (from %lld)\n",
                        (long long)t->trans[i].frame, k, (long long)t->unsettled[k]);
                CHECK(0);
                break;
            }
        for (int j = 0; j < t->n_seen; j++)
            if (t->seen[j].frame == t->trans[i].frame)
                CHECK(same_transition(&t->seen[j], &t->trans[i]));
    }
}

/* The first push after which frame p is settled, or -1. */
static int settled_after(const Trace *t, int64_t p)
{
    for (int k = 0; k < t->pushes; k++)
        if (t->unsettled[k] > p)
            return k;
    return -1;
}

/* A stream stopped once frame p is settled gives the whole stream's
 * transitions up to p. */
static void check_stop_when_settled(const Trace *full, int64_t p)
{
    Trace *part = malloc(sizeof(*part));
    CHECK(part != NULL);
    int k = settled_after(full, p);
    CHECK(k >= 0);
    run(k + 1, part);
    int n_full = 0, n_part = 0;
    for (int i = 0; i < full->n_trans; i++)
        n_full += full->trans[i].frame <= p;
    for (int i = 0; i < part->n_trans; i++)
        if (part->trans[i].frame <= p) {
            CHECK(i < full->n_trans && same_transition(&part->trans[i], &full->trans[i]));
            n_part++;
        }
    CHECK_INT(n_part, n_full);
    free(part);
}

/* A 96-frame dissolve between pans (test_scene_long_mix.c) is known only
 * long after its frame: more than 72 frames (the fast mode's fixed
 * look-ahead) after it, and more than the finalised frames suggest. A
 * stream stopped once its frame is settled still finds it; stopped 8
 * frames after it (a short fixed margin), it is lost. */
static void test_long_dissolve_needs_the_lookahead(void)
{
    set_size(0);
    Trace *t = malloc(sizeof(*t));
    CHECK(t != NULL);
    clip.n = 0;
    syn_add(&clip, &left, 0, 100);
    syn_add_mix(&clip, &left, 100, &right, 0, 96, 0);
    syn_add(&clip, &right, 96, 160);
    run(-1, t);
    CHECK_INT(t->n_trans, 1);
    CHECK_INT(t->trans[0].type, MT_TRANSITION_DISSOLVE);
    int64_t frame = t->trans[0].frame;
    int at = first_known(t, &t->trans[0]);
    CHECK(at > frame + MT_FAST_POST_FRAMES);
    /* the frames finalised had passed it long before */
    CHECK(t->n_done[at - 1] > frame + 64);
    check_never_settled_early(t);
    check_stop_when_settled(t, frame);

    Trace *part = malloc(sizeof(*part));
    CHECK(part != NULL);
    run((int)frame + 8, part);
    int found = 0;
    for (int i = 0; i < part->n_trans; i++)
        found += same_transition(&part->trans[i], &t->trans[0]);
    CHECK_INT(found, 0);
    free(part);
    free(t);
}

/* After a cut the detector settles past the cut plus min_scene_len once
 * its longest lag has passed the cut (64 frames, plus the frames a cut's
 * decision reads), long before 2.5 lags inside a shot. */
static void test_settles_after_a_cut(void)
{
    set_size(1);
    Trace *t = malloc(sizeof(*t));
    CHECK(t != NULL);
    clip.n = 0;
    syn_add(&clip, &A, 0, 200);
    syn_add(&clip, &B, 0, 250);
    run(-1, t);
    CHECK_INT(t->n_trans, 1);
    CHECK_INT(t->trans[0].frame, 200);
    check_never_settled_early(t);
    int k = settled_after(t, 200 + (int64_t)(MT_SCENE_MIN_SCENE_LEN_DEFAULT * FPS) - 1);
    CHECK(k >= 200 + 64 && k <= 200 + 64 + 8);
    check_stop_when_settled(t, 205);
    /* inside the second shot: 2.5 lags of 64 and the decision reach behind */
    CHECK(t->pushes - 1 - t->unsettled[t->pushes - 1] >= 160);
    CHECK(t->pushes - 1 - t->unsettled[t->pushes - 1] <= 160 + 8);
    free(t);
}

/* a cut, a 16-frame dissolve, a fade through black and a flash */
static void test_never_settled_early_on_edits(void)
{
    set_size(1);
    Trace *t = malloc(sizeof(*t));
    CHECK(t != NULL);
    syn_add_cut_and_dissolve(&clip, &A, &B, &C, 120);
    syn_add_fade(&clip, &C, 136, 12, 8, &A, 0, 12);
    syn_add(&clip, &A, 12, 150);
    clip.f[300].flash = 1.0f;
    run(-1, t);
    CHECK_INT(t->n_trans, 3);
    check_never_settled_early(t);
    for (int i = 0; i < t->n_trans; i++)
        check_stop_when_settled(t, t->trans[i].frame);
    free(t);
}

/* A slow fade-in of 100 frames (96..195): its end is followed for up to
 * 96 frames after the fade detector's (scene_fade_end.h), so its frame
 * stays unsettled until then (main at 53f33ac called it settled with the
 * end 124, then moved it to 192). */
static void test_slow_fade_in_settles_with_its_end(void)
{
    set_size(1);
    Trace *t = malloc(sizeof(*t));
    CHECK(t != NULL);
    clip.n = 0;
    syn_add(&clip, &A, 0, 80);
    syn_add_fade(&clip, &A, 80, 12, 4, &B, 0, 100);
    syn_add(&clip, &B, 100, 200);
    run(-1, t);
    CHECK_INT(t->n_trans, 1);
    CHECK_INT(t->trans[0].type, MT_TRANSITION_FADE);
    CHECK(t->trans[0].last_frame > 180);
    check_never_settled_early(t);
    check_stop_when_settled(t, t->trans[0].frame);
    free(t);
}

int main(void)
{
    RUN(test_long_dissolve_needs_the_lookahead);
    RUN(test_settles_after_a_cut);
    RUN(test_never_settled_early_on_edits);
    RUN(test_slow_fade_in_settles_with_its_end);
    UNIT_EXIT();
}
