/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* montagebeat options: defaults and the sidecar config section. */
#include "analysis/beat/beat_tracker.h"

#include "analysis/config_check.h"

void mt_beat_config_default(MtBeatConfig *c)
{
    c->min_bpm = MT_BEAT_MIN_BPM_DEFAULT;
    c->max_bpm = MT_BEAT_MAX_BPM_DEFAULT;
    c->prior_bpm = MT_BEAT_PRIOR_BPM_DEFAULT;
    c->prior_width = MT_BEAT_PRIOR_WIDTH_DEFAULT;
    c->tightness = MT_BEAT_TIGHTNESS_DEFAULT;
    c->downbeats = MT_BEAT_DOWNBEATS_DEFAULT;
    c->keep_curves = MT_BEAT_KEEP_CURVES_DEFAULT;
}

#define CHECK_D(field, NAME) \
    mt_config_check_double(#field, c->field, MT_BEAT_##NAME##_MIN, MT_BEAT_##NAME##_MAX, why, why_size)
#define CHECK_I(field, NAME) \
    mt_config_check_int(#field, c->field, MT_BEAT_##NAME##_MIN, MT_BEAT_##NAME##_MAX, why, why_size)

int mt_beat_config_check(const MtBeatConfig *c, char *why, size_t why_size)
{
    int ret;
    if (!c)
        return mt_config_reject(why, why_size, "no configuration");
    if ((ret = CHECK_D(min_bpm, MIN_BPM)) < 0 ||
        (ret = CHECK_D(max_bpm, MAX_BPM)) < 0 ||
        (ret = CHECK_D(prior_bpm, PRIOR_BPM)) < 0 ||
        (ret = CHECK_D(prior_width, PRIOR_WIDTH)) < 0 ||
        (ret = CHECK_D(tightness, TIGHTNESS)) < 0 ||
        (ret = CHECK_I(downbeats, DOWNBEATS)) < 0 ||
        (ret = CHECK_I(keep_curves, KEEP_CURVES)) < 0)
        return ret;
    if (!(c->max_bpm >= c->min_bpm * MT_BEAT_BPM_RANGE_MIN_RATIO))
        return mt_config_reject(why, why_size,
                                "max_bpm (%g) must be at least %g x min_bpm (%g)",
                                c->max_bpm, MT_BEAT_BPM_RANGE_MIN_RATIO, c->min_bpm);
    return 0;
}

size_t mt_beat_config_entries(const MtBeatConfig *c, MtConfigEntry *out, size_t max)
{
    const MtConfigEntry all[MT_BEAT_CONFIG_ENTRIES] = {
        { "min_bpm",     MT_VALUE_DOUBLE, 0, c->min_bpm, NULL },
        { "max_bpm",     MT_VALUE_DOUBLE, 0, c->max_bpm, NULL },
        { "prior_bpm",   MT_VALUE_DOUBLE, 0, c->prior_bpm, NULL },
        { "prior_width", MT_VALUE_DOUBLE, 0, c->prior_width, NULL },
        { "tightness",   MT_VALUE_DOUBLE, 0, c->tightness, NULL },
        { "downbeats",   MT_VALUE_BOOL, c->downbeats ? 1 : 0, 0.0, NULL },
        { "keep_curves", MT_VALUE_BOOL, c->keep_curves ? 1 : 0, 0.0, NULL },
    };
    for (size_t i = 0; i < MT_BEAT_CONFIG_ENTRIES && i < max; i++)
        out[i] = all[i];
    return MT_BEAT_CONFIG_ENTRIES;
}
