/* montagebeat options: defaults, ranges and the sidecar config entries. */
#include <string.h>

#include "analysis/beat_tracker.h"
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

/* Options are clamped to their ranges; an empty tempo range is refused. */
static void ranges(void)
{
    MtBeatConfig c;
    mt_beat_config_default(&c);
    c.min_bpm = 150.0;
    c.max_bpm = 120.0;
    CHECK(mt_beat_new(&c, 44100) == NULL);
    mt_beat_config_default(&c);
    c.tightness = 1e9;
    c.prior_width = -3.0;
    c.min_bpm = NAN;
    MtBeatTracker *bt = mt_beat_new(&c, 44100);
    CHECK(bt != NULL);
    mt_beat_free(&bt);
}

int main(void)
{
    RUN(defaults);
    RUN(entries_exact);
    RUN(ranges);
    UNIT_EXIT();
}
