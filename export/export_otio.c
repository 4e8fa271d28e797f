/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * OpenTimelineIO JSON (schemas Timeline.1, Stack.1, Track.1, Clip.2,
 * Transition.1, Marker.2, ExternalReference.1, TimeRange.1,
 * RationalTime.1): one timeline; a video track per scene sidecar with a
 * clip per shot and a Transition between shots joined by a dissolve
 * (SMPTE_Dissolve) or a wipe (Custom_Transition), its offsets reaching
 * from the transition's first frame to the cut and from the cut past its
 * last frame; an audio track per beat sidecar with one clip, the song,
 * whose markers are the beats (RED on downbeats, GREEN otherwise).
 * Video times are at the edit rate (shot_list.h); beat times are sample
 * indexes at the stream's sample rate, exact.
 */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "cache/sidecar_names.h"
#include "export/export.h"

static json_t *rational_time(double value, double rate)
{
    return json_pack("{s:s, s:f, s:f}", "OTIO_SCHEMA", "RationalTime.1", "rate", rate, "value", value);
}

static json_t *time_range(double start, double duration, double rate)
{
    return json_pack("{s:s, s:o, s:o}", "OTIO_SCHEMA", "TimeRange.1", "duration",
                     rational_time(duration, rate), "start_time", rational_time(start, rate));
}

/* The file's name as a JSON string: jansson takes UTF-8 only, and a file
 * name may hold any bytes (the target URL is percent-encoded instead). */
static json_t *file_name(const MtExportItem *it)
{
    char *name = mt_export_utf8_dup(mt_export_basename(it->media_path));
    json_t *j = name ? json_string(name) : NULL;
    free(name);
    return j;
}

static json_t *media_reference(const MtExportItem *it, double duration, double rate)
{
    char *url = mt_export_file_url(it->media_path);
    json_t *ref = url ? json_pack("{s:s, s:o, s:n, s:{}, s:o, s:s}", "OTIO_SCHEMA",
                                  "ExternalReference.1", "available_range",
                                  time_range(0, duration, rate), "available_image_bounds",
                                  "metadata", "name", file_name(it), "target_url", url)
                      : NULL;
    free(url);
    return ref;
}

static json_t *clip(json_t *name, json_t *source_range, json_t *reference, json_t *markers,
                    json_t *metadata)
{
    return json_pack("{s:s, s:o, s:o, s:o, s:s, s:{s:o}, s:o, s:b, s:[]}", "OTIO_SCHEMA", "Clip.2",
                     "name", name, "source_range", source_range, "metadata", metadata,
                     "active_media_reference_key", "DEFAULT_MEDIA", "media_references",
                     "DEFAULT_MEDIA", reference, "markers", markers, "enabled", 1, "effects");
}

static json_t *track(json_t *name, const char *kind, json_t *children)
{
    return json_pack("{s:s, s:o, s:s, s:o, s:n, s:[], s:[], s:{}, s:b}", "OTIO_SCHEMA", "Track.1",
                     "name", name, "kind", kind, "children", children, "source_range", "effects",
                     "markers", "metadata", "enabled", 1);
}

static json_t *video_track(const MtExportItem *it)
{
    const MtShotList *l = &it->shots;
    double rate = (double)l->rate_num / l->rate_den;
    json_t *children = json_array();
    for (size_t i = 0; children && i < l->n; i++) {
        const MtShot *s = &l->shots[i];
        char name[64];
        if (s->in_type == MT_TRANSITION_DISSOLVE || s->in_type == MT_TRANSITION_WIPE) {
            json_t *tr = json_pack(
                "{s:s, s:s, s:s, s:o, s:o, s:{s:{s:s}}}", "OTIO_SCHEMA", "Transition.1", "name",
                mt_transition_type_name((MtTransitionType)s->in_type), "transition_type",
                s->in_type == MT_TRANSITION_DISSOLVE ? "SMPTE_Dissolve" : "Custom_Transition",
                "in_offset", rational_time((double)(s->edit_in - s->in_edit_first), rate),
                "out_offset", rational_time((double)(s->in_edit_end - s->edit_in), rate),
                "metadata", "montage", "type",
                mt_transition_type_name((MtTransitionType)s->in_type));
            if (json_array_append_new(children, tr) < 0)
                goto fail;
        }
        snprintf(name, sizeof(name), "Shot %zu", i + 1);
        json_t *meta = json_pack("{s:{s:I, s:I, s:f, s:f, s:s}}", "montage", "start_frame",
                                 (json_int_t)s->start_frame, "end_frame", (json_int_t)s->end_frame,
                                 "mean_luma", (double)s->mean_luma, "motion", (double)s->motion,
                                 "transition_in",
                                 s->in_type == MT_SHOT_EDGE
                                     ? "none"
                                     : mt_transition_type_name((MtTransitionType)s->in_type));
        json_t *c = clip(json_string(name), time_range((double)s->edit_in, (double)(s->edit_out - s->edit_in), rate),
                         media_reference(it, (double)l->edit_total, rate), json_array(), meta);
        if (json_array_append_new(children, c) < 0)
            goto fail;
    }
    return track(file_name(it), "Video", children);
fail:
    json_decref(children);
    return NULL;
}

static json_t *audio_track(const MtExportItem *it)
{
    const MtBeatResult *b = &it->sc->beat;
    double rate = b->stream.sample_rate;
    json_t *markers = json_array();
    for (size_t i = 0; markers && i < b->n_beats; i++) {
        char name[32];
        int pos = mt_export_beat_in_bar(b, i);
        if (pos)
            snprintf(name, sizeof(name), "beat %zu (%d)", i + 1, pos);
        else
            snprintf(name, sizeof(name), "beat %zu", i + 1);
        json_t *m = json_pack("{s:s, s:s, s:s, s:o, s:{s:{s:f, s:b}}}", "OTIO_SCHEMA", "Marker.2",
                              "name", name, "color", b->beat_downbeat[i] ? "RED" : "GREEN",
                              "marked_range", time_range((double)b->beat_sample[i], 0, rate),
                              "metadata", "montage", "strength", (double)b->beat_strength[i],
                              "downbeat", b->beat_downbeat[i] ? 1 : 0);
        if (json_array_append_new(markers, m) < 0) {
            json_decref(markers);
            return NULL;
        }
    }
    json_t *meta = json_pack("{s:{s:f, s:f, s:i}}", "montage", "bpm", (double)b->bpm,
                             "confidence", (double)b->confidence, "meter", b->meter);
    json_t *c = clip(file_name(it), time_range(0, (double)b->stream.samples, rate),
                     media_reference(it, (double)b->stream.samples, rate), markers, meta);
    return track(file_name(it), "Audio", json_pack("[o]", c));
}

int mt_export_otio(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen)
{
    json_t *tracks = json_array();
    for (size_t i = 0; tracks && i < n; i++) {
        json_t *t = items[i].sc->kind == MT_KIND_SCENE ? video_track(&items[i]) : audio_track(&items[i]);
        if (!t || json_array_append_new(tracks, t) < 0) {
            json_decref(tracks);
            tracks = NULL;
        }
    }
    json_t *timeline = tracks ? json_pack("{s:s, s:o, s:n, s:{s:{s:s}}, s:{s:s, s:s, s:o, s:n, "
                                          "s:[], s:[], s:{}, s:b}}",
                                          "OTIO_SCHEMA", "Timeline.1", "name", file_name(&items[0]),
                                          "global_start_time", "metadata", "montage", "generator",
                                          "montage-sidecar " MONTAGE_VERSION, "tracks",
                                          "OTIO_SCHEMA", "Stack.1", "name", "tracks", "children",
                                          tracks, "source_range", "effects", "markers", "metadata",
                                          "enabled", 1)
                              : NULL;
    if (!timeline) {
        snprintf(err, errlen, "otio: out of memory");
        return -1;
    }
    int ret = json_dumpf(timeline, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    json_decref(timeline);
    fputc('\n', out);
    if (ret < 0) {
        snprintf(err, errlen, "otio: cannot write JSON");
        return -1;
    }
    return 0;
}
