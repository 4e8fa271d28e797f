/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagebeat options: defaults, ranges and the sidecar config entries. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "analysis/beat/beat_tracker.h"
#include "analysis/config_check.h"
#include "tests/unit/unit.h"

static void defaults(void)
{
    MtBeatConfig c;
    memset(&c, 0xff, sizeof(c));
    mt_beat_config_default(&c);
    CHECK_NEAR(c.min_bpm, MT_BEAT_MIN_BPM_DEFAULT, 0);
    CHECK_NEAR(c.max_bpm, MT_BEAT_MAX_BPM_DEFAULT, 0);
    CHECK_NEAR(c.prior_bpm, MT_BEAT_PRIOR_BPM_DEFAULT, 0);
    CHECK_NEAR(c.prior_width, MT_BEAT_PRIOR_WIDTH_DEFAULT, 0);
    CHECK_NEAR(c.tightness, MT_BEAT_TIGHTNESS_DEFAULT, 0);
    CHECK_INT(c.downbeats, MT_BEAT_DOWNBEATS_DEFAULT);
    CHECK_INT(c.keep_curves, MT_BEAT_KEEP_CURVES_DEFAULT);
    /* every default inside its range */
    CHECK(MT_BEAT_MIN_BPM_MIN <= MT_BEAT_MIN_BPM_DEFAULT && MT_BEAT_MIN_BPM_DEFAULT <= MT_BEAT_MIN_BPM_MAX);
    CHECK(MT_BEAT_MAX_BPM_MIN <= MT_BEAT_MAX_BPM_DEFAULT && MT_BEAT_MAX_BPM_DEFAULT <= MT_BEAT_MAX_BPM_MAX);
    CHECK(MT_BEAT_PRIOR_BPM_MIN <= MT_BEAT_PRIOR_BPM_DEFAULT && MT_BEAT_PRIOR_BPM_DEFAULT <= MT_BEAT_PRIOR_BPM_MAX);
    CHECK(MT_BEAT_PRIOR_WIDTH_MIN <= MT_BEAT_PRIOR_WIDTH_DEFAULT && MT_BEAT_PRIOR_WIDTH_DEFAULT <= MT_BEAT_PRIOR_WIDTH_MAX);
    CHECK(MT_BEAT_TIGHTNESS_MIN <= MT_BEAT_TIGHTNESS_DEFAULT && MT_BEAT_TIGHTNESS_DEFAULT <= MT_BEAT_TIGHTNESS_MAX);
}

static void entries_exact(void)
{
    MtBeatConfig c;
    mt_beat_config_default(&c);
    c.min_bpm = 55.5;
    c.tightness = 250.0;
    c.downbeats = 0;
    MtConfigEntry e[16];
    memset(e, 0, sizeof(e));
    CHECK_INT(mt_beat_config_entries(&c, e, 16), 7);
    CHECK_INT(MT_BEAT_CONFIG_ENTRIES, 7);
    static const char *keys[7] = { "min_bpm", "max_bpm", "prior_bpm", "prior_width",
                                   "tightness", "downbeats", "keep_curves" };
    for (int i = 0; i < 7; i++)
        CHECK(e[i].key && strcmp(e[i].key, keys[i]) == 0);
    for (int i = 0; i < 5; i++)
        CHECK_INT(e[i].type, MT_VALUE_DOUBLE);
    CHECK_INT(e[5].type, MT_VALUE_BOOL);
    CHECK_INT(e[6].type, MT_VALUE_BOOL);
    CHECK_NEAR(e[0].d, 55.5, 0);
    CHECK_NEAR(e[1].d, MT_BEAT_MAX_BPM_DEFAULT, 0);
    CHECK_NEAR(e[2].d, MT_BEAT_PRIOR_BPM_DEFAULT, 0);
    CHECK_NEAR(e[3].d, MT_BEAT_PRIOR_WIDTH_DEFAULT, 0);
    CHECK_NEAR(e[4].d, 250.0, 0);
    CHECK_INT(e[5].i, 0);
    CHECK_INT(e[6].i, 1);
    CHECK(e[7].key == NULL); /* nothing written past the count */
    /* a short buffer gets a prefix; the count is still the full one */
    MtConfigEntry two[2];
    CHECK_INT(mt_beat_config_entries(&c, two, 2), 7);
    CHECK(strcmp(two[1].key, "max_bpm") == 0);
    CHECK_INT(mt_beat_config_entries(&c, NULL, 0), 7);
}

/* Each option outside its range is refused with a one-line reason naming
 * it and the rule; nothing is clamped and mt_beat_new refuses the same. */
static void rejects(void)
{
    static const struct {
        const char *field;
        double value;
        const char *why;
    } cases[] = {
        { "min_bpm", 10, "min_bpm must be between 20 and 200 (got 10)" },
        { "min_bpm", 201, "min_bpm must be between 20 and 200 (got 201)" },
        { "min_bpm", NAN, "min_bpm must be between 20 and 200 (got nan)" },
        { "max_bpm", 59, "max_bpm must be between 60 and 400 (got 59)" },
        { "max_bpm", 401, "max_bpm must be between 60 and 400 (got 401)" },
        { "prior_bpm", 29, "prior_bpm must be between 30 and 300 (got 29)" },
        { "prior_width", -3, "prior_width must be between 0.1 and 4 (got -3)" },
        { "tightness", 1e9, "tightness must be between 1 and 10000 (got 1e+09)" },
        { "downbeats", 2, "downbeats must be between 0 and 1 (got 2)" },
        { "keep_curves", -1, "keep_curves must be between 0 and 1 (got -1)" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        MtBeatConfig c;
        char why[MT_CONFIG_WHY_SIZE] = "";
        mt_beat_config_default(&c);
        if (!strcmp(cases[i].field, "min_bpm")) c.min_bpm = cases[i].value;
        else if (!strcmp(cases[i].field, "max_bpm")) c.max_bpm = cases[i].value;
        else if (!strcmp(cases[i].field, "prior_bpm")) c.prior_bpm = cases[i].value;
        else if (!strcmp(cases[i].field, "prior_width")) c.prior_width = cases[i].value;
        else if (!strcmp(cases[i].field, "tightness")) c.tightness = cases[i].value;
        else if (!strcmp(cases[i].field, "downbeats")) c.downbeats = (int)cases[i].value;
        else c.keep_curves = (int)cases[i].value;
        CHECK_INT(mt_beat_config_check(&c, why, sizeof(why)), -EINVAL);
        if (strcmp(why, cases[i].why))
            UNIT_FAIL("why '%s', expected '%s'", why, cases[i].why);
        CHECK(mt_beat_new(&c, 44100) == NULL);
    }
    char why[MT_CONFIG_WHY_SIZE] = "";
    CHECK_INT(mt_beat_config_check(NULL, why, sizeof(why)), -EINVAL);
    CHECK(strcmp(why, "no configuration") == 0);
    CHECK(mt_beat_new(NULL, 44100) == NULL);
    MtBeatConfig c;
    mt_beat_config_default(&c);
    CHECK_INT(mt_beat_config_check(&c, NULL, 0), 0); /* why may be NULL */
    c.tightness = -1;
    CHECK_INT(mt_beat_config_check(&c, NULL, 0), -EINVAL);
}

/* The tempo range: max_bpm at least MT_BEAT_BPM_RANGE_MIN_RATIO x min_bpm. */
static void tempo_range(void)
{
    MtBeatConfig c;
    char why[MT_CONFIG_WHY_SIZE] = "";
    mt_beat_config_default(&c);
    c.min_bpm = 150.0;
    c.max_bpm = 120.0;
    CHECK_INT(mt_beat_config_check(&c, why, sizeof(why)), -EINVAL);
    if (strcmp(why, "max_bpm (120) must be at least 1.05 x min_bpm (150)"))
        UNIT_FAIL("why '%s'", why);
    CHECK(mt_beat_new(&c, 44100) == NULL);
    c.min_bpm = 100.0;
    c.max_bpm = 100.0 * MT_BEAT_BPM_RANGE_MIN_RATIO;
    CHECK_INT(mt_beat_config_check(&c, why, sizeof(why)), 0);
    MtBeatTracker *bt = mt_beat_new(&c, 44100);
    CHECK(bt != NULL);
    mt_beat_free(&bt);
    c.max_bpm = 104.9;
    CHECK_INT(mt_beat_config_check(&c, why, sizeof(why)), -EINVAL);
    if (strcmp(why, "max_bpm (104.9) must be at least 1.05 x min_bpm (100)"))
        UNIT_FAIL("why '%s'", why);
    /* the range the issue reported (100..140) is accepted */
    c.min_bpm = 100.0;
    c.max_bpm = 140.0;
    CHECK_INT(mt_beat_config_check(&c, why, sizeof(why)), 0);
    CHECK((bt = mt_beat_new(&c, 44100)) != NULL);
    mt_beat_free(&bt);
}

int main(void)
{
    RUN(defaults);
    RUN(entries_exact);
    RUN(rejects);
    RUN(tempo_range);
    UNIT_EXIT();
}
