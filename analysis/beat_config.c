/* montagebeat options: defaults and the sidecar config section. */
#include "analysis/beat_tracker.h"

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
