/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagescene options: defaults, validation and the resolved list. */
#include "analysis/scene/scene_detect.h"

#include "analysis/config_check.h"

void mt_scene_config_default(MtSceneConfig *cfg)
{
    cfg->threshold         = MT_SCENE_THRESHOLD_DEFAULT;
    cfg->gradual_threshold = MT_SCENE_GRADUAL_THRESHOLD_DEFAULT;
    cfg->min_scene_len     = MT_SCENE_MIN_SCENE_LEN_DEFAULT;
    cfg->flash             = MT_SCENE_FLASH_DEFAULT;
    cfg->flash_len         = MT_SCENE_FLASH_LEN_DEFAULT;
    cfg->analysis_size     = MT_SCENE_ANALYSIS_SIZE_DEFAULT;
    cfg->keep_features     = MT_SCENE_KEEP_FEATURES_DEFAULT;
}

#define CHECK_D(field, NAME) \
    mt_config_check_double(#field, cfg->field, MT_SCENE_##NAME##_MIN, MT_SCENE_##NAME##_MAX, why, why_size)
#define CHECK_I(field, NAME) \
    mt_config_check_int(#field, cfg->field, MT_SCENE_##NAME##_MIN, MT_SCENE_##NAME##_MAX, why, why_size)

int mt_scene_config_check(const MtSceneConfig *cfg, char *why, size_t why_size)
{
    int ret;
    if (!cfg)
        return mt_config_reject(why, why_size, "no configuration");
    if ((ret = CHECK_D(threshold, THRESHOLD)) < 0 ||
        (ret = CHECK_D(gradual_threshold, GRADUAL_THRESHOLD)) < 0 ||
        (ret = CHECK_D(min_scene_len, MIN_SCENE_LEN)) < 0 ||
        (ret = CHECK_I(flash, FLASH)) < 0 ||
        (ret = CHECK_I(flash_len, FLASH_LEN)) < 0 ||
        (ret = CHECK_I(analysis_size, ANALYSIS_SIZE)) < 0 ||
        (ret = CHECK_I(keep_features, KEEP_FEATURES)) < 0)
        return ret;
    return 0;
}

size_t mt_scene_config_entries(const MtSceneConfig *cfg, MtConfigEntry *out, size_t max)
{
    const MtConfigEntry all[MT_SCENE_CONFIG_ENTRIES] = {
        { .key = "threshold",         .type = MT_VALUE_DOUBLE, .d = cfg->threshold },
        { .key = "gradual_threshold", .type = MT_VALUE_DOUBLE, .d = cfg->gradual_threshold },
        { .key = "min_scene_len",     .type = MT_VALUE_DOUBLE, .d = cfg->min_scene_len },
        { .key = "flash",             .type = MT_VALUE_BOOL,   .i = cfg->flash },
        { .key = "flash_len",         .type = MT_VALUE_INT,    .i = cfg->flash_len },
        { .key = "analysis_size",     .type = MT_VALUE_INT,    .i = cfg->analysis_size },
        { .key = "keep_features",     .type = MT_VALUE_BOOL,   .i = cfg->keep_features },
    };
    for (size_t i = 0; i < MT_SCENE_CONFIG_ENTRIES && i < max; i++)
        out[i] = all[i];
    return MT_SCENE_CONFIG_ENTRIES;
}
