/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagebeat options: defaults, validation and the sidecar config
 * section, expanded from the table of beat_options.h. */
#include "analysis/beat/beat_options.h"

#include "analysis/config_check.h"

#define ONE_OPTION(NAME, field, KIND, help) +1
_Static_assert(MT_BEAT_CONFIG_ENTRIES == 0 MT_BEAT_OPTIONS(ONE_OPTION),
               "MT_BEAT_CONFIG_ENTRIES must count the options of MT_BEAT_OPTIONS");

void mt_beat_config_default(MtBeatConfig *c)
{
#define SET_DEFAULT(NAME, field, KIND, help) c->field = MT_BEAT_##NAME##_DEFAULT;
    MT_BEAT_OPTIONS(SET_DEFAULT)
#undef SET_DEFAULT
}

int mt_beat_config_check(const MtBeatConfig *c, char *why, size_t why_size)
{
    int ret;
    if (!c)
        return mt_config_reject(why, why_size, "no configuration");
#define CHECK_OPTION(NAME, field, KIND, help)                                                  \
    if ((ret = MT_CONFIG_CHECK_##KIND(#field, c->field, MT_BEAT_##NAME##_MIN,                  \
                                      MT_BEAT_##NAME##_MAX, why, why_size)) < 0)               \
        return ret;
    MT_BEAT_OPTIONS(CHECK_OPTION)
#undef CHECK_OPTION
    if (!(c->max_bpm >= c->min_bpm * MT_BEAT_BPM_RANGE_MIN_RATIO))
        return mt_config_reject(why, why_size,
                                "max_bpm (%g) must be at least %g x min_bpm (%g)",
                                c->max_bpm, MT_BEAT_BPM_RANGE_MIN_RATIO, c->min_bpm);
    return 0;
}

size_t mt_beat_config_entries(const MtBeatConfig *c, MtConfigEntry *out, size_t max)
{
#define ENTRY(NAME, field, KIND, help) MT_CONFIG_ENTRY_##KIND(#field, c->field),
    const MtConfigEntry all[MT_BEAT_CONFIG_ENTRIES] = { MT_BEAT_OPTIONS(ENTRY) };
#undef ENTRY
    for (size_t i = 0; i < MT_BEAT_CONFIG_ENTRIES && i < max; i++)
        out[i] = all[i];
    return MT_BEAT_CONFIG_ENTRIES;
}
