/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagescene options: defaults, validation and the resolved list, all
 * expanded from the table of scene_options.h. */
#include "analysis/scene/scene_options.h"

#include "analysis/config_check.h"

_Static_assert(MT_SCENE_CONFIG_ENTRIES == 0 MT_SCENE_OPTIONS(MT_OPTION_COUNT),
               "MT_SCENE_CONFIG_ENTRIES must count the options of MT_SCENE_OPTIONS");

void mt_scene_config_default(MtSceneConfig *cfg)
{
    MT_SCENE_OPTIONS(MT_OPTION_SET_DEFAULT)
}

int mt_scene_config_check(const MtSceneConfig *cfg, char *why, size_t why_size)
{
    int ret;
    if (!cfg)
        return mt_config_reject(why, why_size, "no configuration");
    MT_SCENE_OPTIONS(MT_OPTION_CHECK)
    return 0;
}

size_t mt_scene_config_entries(const MtSceneConfig *cfg, MtConfigEntry *out, size_t max)
{
    const MtConfigEntry all[MT_SCENE_CONFIG_ENTRIES] = { MT_SCENE_OPTIONS(MT_OPTION_ENTRY) };
    for (size_t i = 0; i < MT_SCENE_CONFIG_ENTRIES && i < max; i++)
        out[i] = all[i];
    return MT_SCENE_CONFIG_ENTRIES;
}
