/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The export writers (export/) on hand-made sidecars: exact text of the
 * EDL (drop-frame, a dissolve), chapters, CSV, label files, and the
 * structure of the OTIO, FCP XML and MLT documents. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export/export.h"
#include "unit.h"

#define NTSC_S(frame) ((double)(frame) * 1001 / 30000)

static MtSidecar scene_sc;
static MtScene scenes[3];
static MtTransition transitions[2];

/* 29.97 fps, 2000 frames: a hard cut at frame 1800 (00:01:00;02, the
 * first dropped numbers), a dissolve over frames 1900..1909 cut at 1905. */
static void make_scene(MtExportItem *it)
{
    char err[256];
    memset(&scene_sc, 0, sizeof(scene_sc));
    scene_sc.kind = MT_KIND_SCENE;
    scene_sc.status.complete = 1;
    MtVideoStream *v = &scene_sc.scene.stream;
    v->width = 640;
    v->height = 360;
    v->time_base_num = 1001;
    v->time_base_den = 30000;
    v->frame_rate_num = 30000;
    v->frame_rate_den = 1001;
    v->frames = 2000;
    transitions[0] = (MtTransition){ .type = MT_TRANSITION_HARD, .frame = 1800, .t = NTSC_S(1800),
                                     .first_frame = 1800, .last_frame = 1800,
                                     .t_first = NTSC_S(1800), .t_last = NTSC_S(1800) };
    transitions[1] = (MtTransition){ .type = MT_TRANSITION_DISSOLVE, .frame = 1905, .t = NTSC_S(1905),
                                     .first_frame = 1900, .last_frame = 1909,
                                     .t_first = NTSC_S(1900), .t_last = NTSC_S(1909) };
    const int64_t b[] = { 0, 1800, 1905, 2000 };
    for (int i = 0; i < 3; i++)
        scenes[i] = (MtScene){ .start_frame = b[i], .end_frame = b[i + 1], .t_start = NTSC_S(b[i]),
                               .t_end = NTSC_S(b[i + 1]), .mean_luma = 0.25f * (float)(i + 1),
                               .motion = 0.5f, .representative_frame = (b[i] + b[i + 1]) / 2 };
    scene_sc.scene.transitions = transitions;
    scene_sc.scene.n_transitions = 2;
    scene_sc.scene.scenes = scenes;
    scene_sc.scene.n_scenes = 3;
    memset(it, 0, sizeof(*it));
    it->sc = &scene_sc;
    it->media_path = "/media/My Clip&1.mp4";
    it->sidecar_path = "/media/My Clip&1.mp4.scene.montage.msgpack";
    if (mt_shot_list_build(&scene_sc, &it->shots, err, sizeof(err)) < 0)
        printf("shot list: %s\n", err);
}

static MtSidecar beat_sc;
static const double beat_t[] = { 0.25, 0.75, 1.25, 1.75, 2.25, 2.75 };
static const int64_t beat_sample[] = { 11025, 33075, 55125, 77175, 99225, 121275 };
static const float beat_strength[] = { 0.5f, 1, 0.5f, 0.5f, 0.5f, 1 };
static const uint8_t beat_down[] = { 0, 1, 0, 0, 0, 1 };

/* 4/4 with a pickup beat before the first bar */
static void make_beat(MtExportItem *it)
{
    memset(&beat_sc, 0, sizeof(beat_sc));
    beat_sc.kind = MT_KIND_BEAT;
    beat_sc.status.complete = 1;
    beat_sc.beat.stream.sample_rate = 44100;
    beat_sc.beat.stream.samples = 44100 * 3;
    beat_sc.beat.stream.duration_s = 3;
    beat_sc.beat.meter = 4;
    beat_sc.beat.bpm = 120;
    beat_sc.beat.beat_t = beat_t;
    beat_sc.beat.beat_sample = beat_sample;
    beat_sc.beat.beat_strength = beat_strength;
    beat_sc.beat.beat_downbeat = beat_down;
    beat_sc.beat.n_beats = 6;
    memset(it, 0, sizeof(*it));
    it->sc = &beat_sc;
    it->media_path = "/music/song.wav";
}

/* The writer's output as a string (free it). */
static char *run(const char *format, const MtExportItem *items, size_t n)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const MtExportFormat *fmt = mt_export_find(format);
    if (!fmt || fmt->write(f, items, n, err, sizeof(err)) < 0)
        fprintf(f, "ERROR %s", fmt ? err : "no such format");
    fclose(f);
    return buf;
}

#define CHECK_TEXT(got, want)                                                       \
    do { if (strcmp(got, want)) { printf("--- got:\n%s--- want:\n%s", got, want);   \
                                  free(got); UNIT_FAIL("text differs"); } } while (0)

static void edl_drop_frame_with_dissolve(void)
{
    MtExportItem it;
    make_scene(&it);
    char *got = run("edl", &it, 1);
    mt_shot_list_free(&it.shots);
    CHECK_TEXT(got,
        "TITLE: My Clip&1.mp4\nFCM: DROP FRAME\n\n"
        "001  MYCLIP1  V     C        00:00:00;00 00:01:00;02 00:00:00;00 00:01:00;02\n"
        "* FROM CLIP NAME: My Clip&1.mp4\n\n"
        "002  MYCLIP1  V     C        00:01:00;02 00:01:03;12 00:01:00;02 00:01:03;12\n"
        "* FROM CLIP NAME: My Clip&1.mp4\n\n"
        "003  MYCLIP1  V     C        00:01:03;12 00:01:03;12 00:01:03;12 00:01:03;12\n"
        "003  MYCLIP1  V     D    010 00:01:03;12 00:01:06;22 00:01:03;12 00:01:06;22\n"
        "* FROM CLIP NAME: My Clip&1.mp4\n\n");
    free(got);
}

static void ffmetadata_and_webvtt(void)
{
    MtExportItem it;
    make_scene(&it);
    char *meta = run("ffmetadata", &it, 1), *vtt = run("webvtt", &it, 1);
    mt_shot_list_free(&it.shots);
    CHECK(strstr(meta, ";FFMETADATA1\ntitle=My Clip&1.mp4\n") == meta);
    CHECK(strstr(meta, "[CHAPTER]\nTIMEBASE=1001/30000\nSTART=1800\nEND=1905\ntitle=Shot 2 (hard)\n"));
    CHECK(strstr(meta, "START=1905\nEND=2000\ntitle=Shot 3 (dissolve)\n"));
    /* frame 1800 is at 60.06 s; frame 1905 at 63.5635 s: rounded up */
    CHECK(strstr(vtt, "shot-2\n00:01:00.060 --> 00:01:03.564\nShot 2 (hard)\n"));
    free(meta);
    free(vtt);
}

static void csv_rows(void)
{
    MtExportItem it;
    make_scene(&it);
    char *got = run("csv", &it, 1);
    mt_shot_list_free(&it.shots);
    CHECK(strstr(got, "\n\"/media/My Clip&1.mp4\"") == NULL); /* no quoting needed */
    CHECK(strstr(got, "\n/media/My Clip&1.mp4,2,1800,1905,105,00:01:00;02,00:01:03;17,60.060000,63.563500,"
                      "3.503500,hard,dissolve,0.500000,0.500000\n"));
    free(got);
}

/* The file column held the basename: two clips of one name in two folders
 * made rows nobody could tell apart. Now the media as the command line
 * names it (media_named), quoted per RFC 4180 when it must be. */
static void csv_same_name_apart(void)
{
    MtExportItem it[2];
    make_beat(&it[0]);
    make_beat(&it[1]);
    it[0].media_named = "a/song.wav";
    it[1].media_named = "b,\"x\"/song.wav";
    char *csv = run("csv", it, 2);
    CHECK(strstr(csv, "\na/song.wav,1,0.250000,11025,0.500000,0,4\n"));
    CHECK(strstr(csv, "\n\"b,\"\"x\"\"/song.wav\",1,0.250000,11025,0.500000,0,4\n"));
    CHECK(strstr(csv, "\nsong.wav,") == NULL);
    free(csv);
}

static void beats_and_labels(void)
{
    MtExportItem it;
    make_beat(&it);
    char *beats = run("beats", &it, 1), *labels = run("audacity", &it, 1), *csv = run("csv", &it, 1);
    CHECK_TEXT(beats, "0.250000 4\n0.750000 1\n1.250000 2\n1.750000 3\n2.250000 4\n2.750000 1\n");
    CHECK_TEXT(labels, "0.250000\t0.250000\t0.4\n0.750000\t0.750000\t1.1\n1.250000\t1.250000\t1.2\n"
                       "1.750000\t1.750000\t1.3\n2.250000\t2.250000\t1.4\n2.750000\t2.750000\t2.1\n");
    CHECK(strstr(csv, "file,beat,time_s,sample,strength,downbeat,beat_in_bar\n"
                      "/music/song.wav,1,0.250000,11025,0.500000,0,4\n"
                      "/music/song.wav,2,0.750000,33075,1.000000,1,1\n") == csv);
    free(beats);
    free(labels);
    free(csv);
}

static void otio_structure(void)
{
    MtExportItem items[2];
    json_error_t jerr;
    make_scene(&items[0]);
    make_beat(&items[1]);
    char *got = run("otio", items, 2);
    mt_shot_list_free(&items[0].shots);
    json_t *tl = json_loads(got, 0, &jerr);
    free(got);
    CHECK(tl != NULL);
    json_t *tracks = json_object_get(json_object_get(tl, "tracks"), "children");
    CHECK_INT(json_array_size(tracks), 2);
    json_t *video = json_object_get(json_array_get(tracks, 0), "children");
    /* clip, clip, transition, clip */
    CHECK_INT(json_array_size(video), 4);
    json_t *tr = json_array_get(video, 2);
    CHECK(!strcmp(json_string_value(json_object_get(tr, "OTIO_SCHEMA")), "Transition.1"));
    CHECK(!strcmp(json_string_value(json_object_get(tr, "transition_type")), "SMPTE_Dissolve"));
    CHECK_NEAR(json_real_value(json_object_get(json_object_get(tr, "in_offset"), "value")), 5, 0);
    CHECK_NEAR(json_real_value(json_object_get(json_object_get(tr, "out_offset"), "value")), 5, 0);
    json_t *clip3 = json_array_get(video, 3);
    json_t *start = json_object_get(json_object_get(clip3, "source_range"), "start_time");
    CHECK_NEAR(json_real_value(json_object_get(start, "value")), 1905, 0);
    CHECK_NEAR(json_real_value(json_object_get(start, "rate")), 30000.0 / 1001, 1e-12);
    json_t *ref = json_object_get(json_object_get(clip3, "media_references"), "DEFAULT_MEDIA");
    CHECK(!strcmp(json_string_value(json_object_get(ref, "target_url")), "file:///media/My%20Clip%261.mp4"));
    json_t *audio = json_object_get(json_array_get(json_object_get(json_array_get(tracks, 1), "children"), 0), "markers");
    CHECK_INT(json_array_size(audio), 6);
    json_t *m1 = json_array_get(audio, 1);
    CHECK(!strcmp(json_string_value(json_object_get(m1, "color")), "RED"));
    CHECK_NEAR(json_real_value(json_object_get(json_object_get(json_object_get(m1, "marked_range"), "start_time"), "value")), 33075, 0);
    json_decref(tl);
}

static void xml_documents(void)
{
    MtExportItem it;
    make_scene(&it);
    char *x = run("xmeml", &it, 1), *m = run("mlt", &it, 1), *f = run("fcpxml", &it, 1);
    mt_shot_list_free(&it.shots);
    CHECK(strstr(x, "<rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate>"));
    CHECK(strstr(x, "<start>1800</start><end>-1</end>\n            <in>1800</in><out>1905</out>"));
    CHECK(strstr(x, "<start>1900</start><end>1910</end>"));
    CHECK(strstr(x, "<name>My Clip&amp;1.mp4</name>"));
    CHECK(strstr(m, "frame_rate_num=\"30000\" frame_rate_den=\"1001\""));
    CHECK(strstr(m, "<entry producer=\"clip\" in=\"1800\" out=\"1904\">"));
    CHECK(strstr(m, "<property name=\"resource\">/media/My Clip&amp;1.mp4</property>"));
    CHECK(strstr(f, "<format id=\"r1\" frameDuration=\"1001/30000s\" width=\"640\" height=\"360\"/>"));
    CHECK(strstr(f, "name=\"Shot 2\" offset=\"1801800/30000s\" start=\"1801800/30000s\" "
                    "duration=\"105105/30000s\" tcFormat=\"DF\"/>"));
    CHECK(strstr(f, "src=\"file:///media/My%20Clip%261.mp4\""));
    free(x);
    free(m);
    free(f);
}

/* A file name with a newline, a control byte and bytes that are not UTF-8
 * (Linux allows all three): every export stays a well-formed document of
 * its format. Before, the EDL's clip-name comment broke onto a second
 * line, the XML exports held raw control bytes and invalid UTF-8 (xmllint:
 * "invalid Char value 1", "Input is not proper UTF-8"), and otio failed
 * with "out of memory" (jansson refuses strings that are not UTF-8). */
static void odd_names(void)
{
    MtExportItem it;
    make_scene(&it);
    it.media_path = "/media/a\nb\001c\tq\377\376.mp4";
    char *e = run("edl", &it, 1), *x = run("xmeml", &it, 1), *m = run("mlt", &it, 1),
         *f = run("fcpxml", &it, 1), *o = run("otio", &it, 1);
    mt_shot_list_free(&it.shots);
    CHECK(strstr(e, "* FROM CLIP NAME: a b\001c\tq\377\376.mp4\n\n"));
    /* \n and \t as references (kept in attributes), U+FFFD for the rest */
    CHECK(strstr(x, "<name>a&#10;b\xEF\xBF\xBD" "c&#9;q\xEF\xBF\xBD\xEF\xBF\xBD.mp4</name>"));
    CHECK(strstr(m, "title=\"a&#10;b\xEF\xBF\xBD" "c&#9;q\xEF\xBF\xBD\xEF\xBF\xBD.mp4\""));
    CHECK(strstr(f, "<asset id=\"r2\" name=\"a&#10;b\xEF\xBF\xBD" "c&#9;q\xEF\xBF\xBD\xEF\xBF\xBD.mp4\""));
    CHECK(strstr(f, "src=\"file:///media/a%0Ab%01c%09q%FF%FE.mp4\""));
    json_error_t jerr;
    json_t *tl = json_loads(o, 0, &jerr);
    CHECK(tl != NULL);
    CHECK(!strcmp(json_string_value(json_object_get(tl, "name")),
                  "a\nb\001c\tq\xEF\xBF\xBD\xEF\xBF\xBD.mp4")); /* JSON holds controls */
    json_decref(tl);
    free(e);
    free(x);
    free(m);
    free(f);
    free(o);
}

/* U+FFFE and U+FFFF are valid UTF-8 but no XML 1.0 Char: U+FFFD in their
 * place, as for the control bytes (before, they went through and xmllint
 * said "Char 0xFFFE out of allowed range"); U+FFFD itself stays. */
static void xml_noncharacters(void)
{
    MtExportItem it;
    make_scene(&it);
    it.media_path = "/media/n\xEF\xBF\xBEo\xEF\xBF\xBFp\xEF\xBF\xBD.mp4";
    char *x = run("xmeml", &it, 1), *m = run("mlt", &it, 1), *f = run("fcpxml", &it, 1);
    mt_shot_list_free(&it.shots);
    CHECK(strstr(x, "<name>n\xEF\xBF\xBDo\xEF\xBF\xBDp\xEF\xBF\xBD.mp4</name>"));
    CHECK(strstr(m, "title=\"n\xEF\xBF\xBDo\xEF\xBF\xBDp\xEF\xBF\xBD.mp4\""));
    CHECK(strstr(m, "<property name=\"resource\">/media/n\xEF\xBF\xBDo\xEF\xBF\xBDp\xEF\xBF\xBD.mp4</property>"));
    CHECK(strstr(f, "<asset id=\"r2\" name=\"n\xEF\xBF\xBDo\xEF\xBF\xBDp\xEF\xBF\xBD.mp4\""));
    CHECK(!strstr(x, "\xEF\xBF\xBE") && !strstr(x, "\xEF\xBF\xBF"));
    CHECK(!strstr(m, "\xEF\xBF\xBE") && !strstr(m, "\xEF\xBF\xBF"));
    CHECK(!strstr(f, "\xEF\xBF\xBE") && !strstr(f, "\xEF\xBF\xBF"));
    free(x);
    free(m);
    free(f);
}

static void kinds_and_names(void)
{
    MtExportItem it;
    make_beat(&it);
    char *got = run("edl", &it, 1); /* the CLI refuses first; the writer must not crash */
    free(got);
    const MtExportFormat *f = mt_export_find("edl");
    CHECK(f && !(f->kinds & MT_EXPORT_BEAT));
    CHECK(mt_export_find("avid") == NULL);
    char *name = mt_export_next_to("/a/clip.mp4.scene.montage.msgpack", f);
    CHECK(name && !strcmp(name, "/a/clip.mp4.scene.montage.edl"));
    free(name);
}

int main(void)
{
    RUN(edl_drop_frame_with_dissolve);
    RUN(ffmetadata_and_webvtt);
    RUN(csv_rows);
    RUN(csv_same_name_apart);
    RUN(beats_and_labels);
    RUN(otio_structure);
    RUN(xml_documents);
    RUN(odd_names);
    RUN(xml_noncharacters);
    RUN(kinds_and_names);
    UNIT_EXIT();
}
