/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagescene options: defaults, ranges, the resolved list. */
#include <errno.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "analysis/scene/scene_detect.h"
#include "analysis/config_check.h"

static void test_defaults(void)
{
    MtSceneConfig c;
    memset(&c, 0xff, sizeof(c));
    mt_scene_config_default(&c);
    CHECK(c.threshold == MT_SCENE_THRESHOLD_DEFAULT);
    CHECK(c.gradual_threshold == MT_SCENE_GRADUAL_THRESHOLD_DEFAULT);
    CHECK(c.min_scene_len == MT_SCENE_MIN_SCENE_LEN_DEFAULT);
    CHECK_INT(c.flash, MT_SCENE_FLASH_DEFAULT);
    CHECK_INT(c.flash_len, MT_SCENE_FLASH_LEN_DEFAULT);
    CHECK_INT(c.analysis_size, MT_SCENE_ANALYSIS_SIZE_DEFAULT);
    CHECK_INT(c.keep_features, MT_SCENE_KEEP_FEATURES_DEFAULT);
    CHECK_INT(mt_scene_config_check(&c, NULL, 0), 0);
    /* every default lies in its range */
    CHECK(MT_SCENE_THRESHOLD_MIN <= MT_SCENE_THRESHOLD_DEFAULT &&
          MT_SCENE_THRESHOLD_DEFAULT <= MT_SCENE_THRESHOLD_MAX);
    CHECK(MT_SCENE_GRADUAL_THRESHOLD_MIN <= MT_SCENE_GRADUAL_THRESHOLD_DEFAULT &&
          MT_SCENE_GRADUAL_THRESHOLD_DEFAULT <= MT_SCENE_GRADUAL_THRESHOLD_MAX);
    CHECK(MT_SCENE_MIN_SCENE_LEN_MIN <= MT_SCENE_MIN_SCENE_LEN_DEFAULT &&
          MT_SCENE_MIN_SCENE_LEN_DEFAULT <= MT_SCENE_MIN_SCENE_LEN_MAX);
    CHECK(MT_SCENE_FLASH_LEN_MIN <= MT_SCENE_FLASH_LEN_DEFAULT &&
          MT_SCENE_FLASH_LEN_DEFAULT <= MT_SCENE_FLASH_LEN_MAX);
    CHECK(MT_SCENE_ANALYSIS_SIZE_MIN <= MT_SCENE_ANALYSIS_SIZE_DEFAULT &&
          MT_SCENE_ANALYSIS_SIZE_DEFAULT <= MT_SCENE_ANALYSIS_SIZE_MAX);
}

static void test_ranges(void)
{
    MtSceneConfig c;
    MtSceneDetector *d;
#define BAD(field, value)                                                      \
    do {                                                                       \
        mt_scene_config_default(&c);                                           \
        c.field = value;                                                       \
        CHECK_INT(mt_scene_config_check(&c, NULL, 0), -EINVAL);                \
        CHECK(mt_scene_new(&c) == NULL);                                       \
    } while (0)
#define GOOD(field, value)                                                     \
    do {                                                                       \
        mt_scene_config_default(&c);                                           \
        c.field = value;                                                       \
        CHECK_INT(mt_scene_config_check(&c, NULL, 0), 0);                      \
        CHECK((d = mt_scene_new(&c)) != NULL);                                 \
        mt_scene_free(&d);                                                     \
    } while (0)
    BAD(threshold, MT_SCENE_THRESHOLD_MIN / 2);
    BAD(threshold, MT_SCENE_THRESHOLD_MAX + 0.01);
    BAD(threshold, NAN);
    GOOD(threshold, MT_SCENE_THRESHOLD_MIN);
    GOOD(threshold, MT_SCENE_THRESHOLD_MAX);
    BAD(gradual_threshold, -0.01);
    BAD(gradual_threshold, MT_SCENE_GRADUAL_THRESHOLD_MAX + 0.01);
    BAD(gradual_threshold, NAN);
    GOOD(gradual_threshold, 0);
    BAD(min_scene_len, -1);
    BAD(min_scene_len, NAN);
    BAD(min_scene_len, MT_SCENE_MIN_SCENE_LEN_MAX * 2);
    GOOD(min_scene_len, 0);
    BAD(flash, 2);
    BAD(flash, -1);
    GOOD(flash, 0);
    BAD(flash_len, MT_SCENE_FLASH_LEN_MIN - 1);
    BAD(flash_len, MT_SCENE_FLASH_LEN_MAX + 1);
    GOOD(flash_len, MT_SCENE_FLASH_LEN_MAX);
    BAD(analysis_size, MT_SCENE_ANALYSIS_SIZE_MIN - 1);
    BAD(analysis_size, MT_SCENE_ANALYSIS_SIZE_MAX + 1);
    GOOD(analysis_size, MT_SCENE_ANALYSIS_SIZE_MIN);
    GOOD(analysis_size, MT_SCENE_ANALYSIS_SIZE_MAX);
    BAD(keep_features, 2);
    GOOD(keep_features, 1);
#undef BAD
#undef GOOD
    CHECK_INT(mt_scene_config_check(NULL, NULL, 0), -EINVAL);
    CHECK(mt_scene_new(NULL) == NULL);
    mt_scene_free(NULL);
    d = NULL;
    mt_scene_free(&d);
}

/* The reason for each refused option names it and its range, one line. */
static void test_reasons(void)
{
    static const struct {
        const char *field;
        double value;
        const char *why;
    } cases[] = {
        { "threshold", 0, "threshold must be between 0.01 and 1 (got 0)" },
        { "threshold", NAN, "threshold must be between 0.01 and 1 (got nan)" },
        { "gradual_threshold", 1.5, "gradual_threshold must be between 0 and 1 (got 1.5)" },
        { "min_scene_len", -1, "min_scene_len must be between 0 and 3600 (got -1)" },
        { "flash", 2, "flash must be between 0 and 1 (got 2)" },
        { "flash_len", 9, "flash_len must be between 1 and 8 (got 9)" },
        { "analysis_size", 8, "analysis_size must be between 16 and 128 (got 8)" },
        { "keep_features", -1, "keep_features must be between 0 and 1 (got -1)" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        MtSceneConfig c;
        char why[MT_CONFIG_WHY_SIZE] = "";
        mt_scene_config_default(&c);
        if (!strcmp(cases[i].field, "threshold")) c.threshold = cases[i].value;
        else if (!strcmp(cases[i].field, "gradual_threshold")) c.gradual_threshold = cases[i].value;
        else if (!strcmp(cases[i].field, "min_scene_len")) c.min_scene_len = cases[i].value;
        else if (!strcmp(cases[i].field, "flash")) c.flash = (int)cases[i].value;
        else if (!strcmp(cases[i].field, "flash_len")) c.flash_len = (int)cases[i].value;
        else if (!strcmp(cases[i].field, "analysis_size")) c.analysis_size = (int)cases[i].value;
        else c.keep_features = (int)cases[i].value;
        CHECK_INT(mt_scene_config_check(&c, why, sizeof(why)), -EINVAL);
        if (strcmp(why, cases[i].why))
            UNIT_FAIL("why '%s', expected '%s'", why, cases[i].why);
    }
    char why[MT_CONFIG_WHY_SIZE] = "";
    CHECK_INT(mt_scene_config_check(NULL, why, sizeof(why)), -EINVAL);
    CHECK(strcmp(why, "no configuration") == 0);
}

static void test_entries_exact(void)
{
    MtSceneConfig c;
    MtConfigEntry e[MT_SCENE_CONFIG_ENTRIES + 2];
    mt_scene_config_default(&c);
    c.threshold = 0.3;
    c.gradual_threshold = 0;
    c.min_scene_len = 1.5;
    c.flash = 0;
    c.flash_len = 5;
    c.analysis_size = 64;
    c.keep_features = 1;
    memset(e, 0, sizeof(e));
    CHECK_INT(mt_scene_config_entries(&c, e, MT_SCENE_CONFIG_ENTRIES + 2), MT_SCENE_CONFIG_ENTRIES);
    CHECK_INT(MT_SCENE_CONFIG_ENTRIES, 7);
    static const struct { const char *key; MtValueType type; } want[] = {
        { "threshold", MT_VALUE_DOUBLE },     { "gradual_threshold", MT_VALUE_DOUBLE },
        { "min_scene_len", MT_VALUE_DOUBLE }, { "flash", MT_VALUE_BOOL },
        { "flash_len", MT_VALUE_INT },        { "analysis_size", MT_VALUE_INT },
        { "keep_features", MT_VALUE_BOOL },
    };
    for (int i = 0; i < MT_SCENE_CONFIG_ENTRIES; i++) {
        CHECK(e[i].key && !strcmp(e[i].key, want[i].key));
        CHECK_INT(e[i].type, want[i].type);
    }
    CHECK(e[0].d == 0.3);
    CHECK(e[1].d == 0);
    CHECK(e[2].d == 1.5);
    CHECK_INT(e[3].i, 0);
    CHECK_INT(e[4].i, 5);
    CHECK_INT(e[5].i, 64);
    CHECK_INT(e[6].i, 1);
    CHECK(e[MT_SCENE_CONFIG_ENTRIES].key == NULL); /* nothing written past the list */

    /* a short buffer gets the first entries, the count stays the same */
    memset(e, 0, sizeof(e));
    CHECK_INT(mt_scene_config_entries(&c, e, 2), MT_SCENE_CONFIG_ENTRIES);
    CHECK(!strcmp(e[1].key, "gradual_threshold"));
    CHECK(e[2].key == NULL);
    CHECK_INT(mt_scene_config_entries(&c, NULL, 0), MT_SCENE_CONFIG_ENTRIES);
}

int main(void)
{
    RUN(test_defaults);
    RUN(test_ranges);
    RUN(test_reasons);
    RUN(test_entries_exact);
    UNIT_EXIT();
}
