/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagebeat options: defaults, validation and the sidecar config
 * section, expanded from the table of beat_options.h. */
#include "analysis/beat/beat_options.h"

#include "analysis/config_check.h"

_Static_assert(MT_BEAT_CONFIG_ENTRIES == 0 MT_BEAT_OPTIONS(MT_OPTION_COUNT),
               "MT_BEAT_CONFIG_ENTRIES must count the options of MT_BEAT_OPTIONS");

void mt_beat_config_default(MtBeatConfig *cfg)
{
    MT_BEAT_OPTIONS(MT_OPTION_SET_DEFAULT)
}

int mt_beat_config_check(const MtBeatConfig *cfg, char *why, size_t why_size)
{
    int ret;
    if (!cfg)
        return mt_config_reject(why, why_size, "no configuration");
    MT_BEAT_OPTIONS(MT_OPTION_CHECK)
    if (!(cfg->max_bpm >= cfg->min_bpm * MT_BEAT_BPM_RANGE_MIN_RATIO))
        return mt_config_reject(why, why_size,
                                "max_bpm (%g) must be at least %g x min_bpm (%g)",
                                cfg->max_bpm, MT_BEAT_BPM_RANGE_MIN_RATIO, cfg->min_bpm);
    return 0;
}

size_t mt_beat_config_entries(const MtBeatConfig *cfg, MtConfigEntry *out, size_t max)
{
    const MtConfigEntry all[MT_BEAT_CONFIG_ENTRIES] = { MT_BEAT_OPTIONS(MT_OPTION_ENTRY) };
    for (size_t i = 0; i < MT_BEAT_CONFIG_ENTRIES && i < max; i++)
        out[i] = all[i];
    return MT_BEAT_CONFIG_ENTRIES;
}
