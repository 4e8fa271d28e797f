/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagescene options: defaults, validation and the resolved list, all
 * expanded from the table of scene_options.h. */
#include "analysis/scene/scene_options.h"

#include "analysis/config_check.h"

#define ONE_OPTION(NAME, field, KIND, help) +1
_Static_assert(MT_SCENE_CONFIG_ENTRIES == 0 MT_SCENE_OPTIONS(ONE_OPTION),
               "MT_SCENE_CONFIG_ENTRIES must count the options of MT_SCENE_OPTIONS");

void mt_scene_config_default(MtSceneConfig *cfg)
{
#define SET_DEFAULT(NAME, field, KIND, help) cfg->field = MT_SCENE_##NAME##_DEFAULT;
    MT_SCENE_OPTIONS(SET_DEFAULT)
#undef SET_DEFAULT
}

int mt_scene_config_check(const MtSceneConfig *cfg, char *why, size_t why_size)
{
    int ret;
    if (!cfg)
        return mt_config_reject(why, why_size, "no configuration");
#define CHECK_OPTION(NAME, field, KIND, help)                                                  \
    if ((ret = MT_CONFIG_CHECK_##KIND(#field, cfg->field, MT_SCENE_##NAME##_MIN,               \
                                      MT_SCENE_##NAME##_MAX, why, why_size)) < 0)              \
        return ret;
    MT_SCENE_OPTIONS(CHECK_OPTION)
#undef CHECK_OPTION
    return 0;
}

size_t mt_scene_config_entries(const MtSceneConfig *cfg, MtConfigEntry *out, size_t max)
{
#define ENTRY(NAME, field, KIND, help) MT_CONFIG_ENTRY_##KIND(#field, cfg->field),
    const MtConfigEntry all[MT_SCENE_CONFIG_ENTRIES] = { MT_SCENE_OPTIONS(ENTRY) };
#undef ENTRY
    for (size_t i = 0; i < MT_SCENE_CONFIG_ENTRIES && i < max; i++)
        out[i] = all[i];
    return MT_SCENE_CONFIG_ENTRIES;
}
