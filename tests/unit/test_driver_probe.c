/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* ffprobe output parsing (driver/probe.c) and stderr error summaries
 * (export/ffmpeg_errors.c). */
#include <string.h>

#include "export/ffmpeg_errors.h"
#include "driver/filter_check.h"
#include "driver/probe.h"
#include "unit.h"

static void video_and_audio(void)
{
    MtProbeResult r;
    mt_probe_parse("streams.stream.0.index=0\n"
                   "streams.stream.0.codec_type=\"video\"\n"
                   "streams.stream.0.duration=\"24.320000\"\n"
                   "streams.stream.0.disposition.attached_pic=0\n"
                   "streams.stream.1.index=1\n"
                   "streams.stream.1.codec_type=\"audio\"\n"
                   "streams.stream.1.duration=\"24.400000\"\n"
                   "streams.stream.1.disposition.attached_pic=0\n"
                   "format.format_name=\"mov,mp4,m4a,3gp,3g2,mj2\"\n"
                   "format.duration=\"24.400000\"\n", &r);
    CHECK(r.has_video && r.has_audio && !r.still_image);
    CHECK_NEAR(r.duration_s, 24.4, 1e-9);
    CHECK_NEAR(r.video_duration_s, 24.32, 1e-9); /* each stream's own, for the coverage check */
    CHECK_NEAR(r.audio_duration_s, 24.4, 1e-9);
    CHECK(mt_probe_rejection(&r) == NULL);
}

static void audio_with_cover_art(void)
{
    MtProbeResult r;
    mt_probe_parse("streams.stream.0.codec_type=\"audio\"\n"
                   "streams.stream.0.duration=\"180.5\"\n"
                   "streams.stream.1.codec_type=\"video\"\n"
                   "streams.stream.1.disposition.attached_pic=1\n"
                   "format.format_name=\"mp3\"\n"
                   "format.duration=\"N/A\"\n", &r);
    CHECK(!r.has_video && r.has_audio && !r.still_image);
    CHECK_NEAR(r.duration_s, 180.5, 1e-9); /* from the stream when the format has none */
    CHECK_NEAR(r.audio_duration_s, 180.5, 1e-9);
    CHECK_NEAR(r.video_duration_s, 0, 1e-9); /* cover art is not analysed */
}

static void still_image_rejected(void)
{
    MtProbeResult r;
    mt_probe_parse("streams.stream.0.codec_type=\"video\"\n"
                   "streams.stream.0.duration=\"N/A\"\n"
                   "format.format_name=\"png_pipe\"\n", &r);
    CHECK(!r.has_video && !r.has_audio && r.still_image);
    CHECK(mt_probe_rejection(&r) && strstr(mt_probe_rejection(&r), "still image"));
    mt_probe_parse("streams.stream.0.codec_type=\"video\"\nformat.format_name=\"image2\"\n", &r);
    CHECK(r.still_image);
}

static void subtitles_only_rejected(void)
{
    MtProbeResult r;
    mt_probe_parse("streams.stream.0.codec_type=\"subtitle\"\nformat.format_name=\"srt\"\n", &r);
    CHECK(!r.has_video && !r.has_audio && !r.still_image);
    CHECK(!strcmp(mt_probe_rejection(&r), "no audio or video stream"));
    mt_probe_parse("", &r);
    CHECK(mt_probe_rejection(&r) != NULL);
}

static void error_line_keeps_cause(void)
{
    char out[256];
    mt_ffmpeg_error_summary("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c] moov atom not found\n"
                      "file:/m/a b.mp4: Invalid data found when processing input\n\n",
                      "/m/a b.mp4", out, sizeof(out));
    CHECK(!strcmp(out, "moov atom not found: Invalid data found when processing input"));
    mt_ffmpeg_error_summary("", "/x", out, sizeof(out));
    CHECK(!strcmp(out, "no error message"));
    mt_ffmpeg_error_summary("only line\n", "/x", out, sizeof(out));
    CHECK(!strcmp(out, "only line"));
    mt_ffmpeg_error_summary("[Parsed_x_0 @ 0x1] cause\nnoise\nconsequence\n", NULL, out, sizeof(out));
    CHECK(!strcmp(out, "cause: consequence"));
    mt_ffmpeg_error_summary("\n a\nb\nc", NULL, out, 4);
    CHECK(!strcmp(out, "a: "));
}

/* what Debian's ffmpeg 5.1 printed for a graph naming montagescene */
static void missing_filter_seen(void)
{
    char name[64];
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("No such filter: 'montagescene'\n"
                                             "Error while processing the decoded data for stream #0:0\n",
                                             name, sizeof(name)), 1);
    CHECK(!strcmp(name, "montagescene"));
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("[AVFilterGraph @ 0x5] No such filter: 'montagebeat'\n",
                                             name, sizeof(name)), 1);
    CHECK(!strcmp(name, "montagebeat"));
    /* another filter missing, or a file's own failure: not the ffmpeg's */
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("No such filter: 'scale'\n", name, sizeof(name)), 0);
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("moov atom not found\n", name, sizeof(name)), 0);
    /* the words inside a path are not the line: a file named so that
     * fails for its own reason (montage-fast-scene's and ffmpeg's lines) */
    CHECK_INT(mt_ffmpeg_lacks_montage_filter(
                  "montage-fast-scene: media/No such filter: 'montagebeat'.mkv: "
                  "the audio analysis failed\n", name, sizeof(name)), 0);
    CHECK_INT(mt_ffmpeg_lacks_montage_filter(
                  "file:No such filter: 'montagescene'.mkv: No such file or directory\n",
                  name, sizeof(name)), 0);
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("No such filter: 'montagescene'.mkv: Invalid data\n",
                                             name, sizeof(name)), 0);
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("No such filter: 'montagescenes'\n", name, sizeof(name)), 0);
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("x No such filter: 'montagebeat'\n", name, sizeof(name)), 0);
    /* a line of its own among others, any line ending, no final newline */
    name[0] = '\0';
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("a wrapper's line\r\nNo such filter: 'montagebeat'\r\n",
                                             name, sizeof(name)), 1);
    CHECK(!strcmp(name, "montagebeat"));
    CHECK_INT(mt_ffmpeg_lacks_montage_filter("x\n[AVFilterGraph @ 0x5a] No such filter: 'montagescene'",
                                             name, sizeof(name)), 1);
    CHECK(!strcmp(name, "montagescene"));
}

/* what ffmpeg -h filter=NAME prints, with and without the filter */
static void filter_help_read(void)
{
    CHECK_INT(mt_filter_help_names("Filter montagescene\n  Shot boundaries.\n", "montagescene"), 1);
    CHECK_INT(mt_filter_help_names("Unknown filter 'montagescene'.\n", "montagescene"), 0);
    CHECK_INT(mt_filter_help_names("Filter montagescenex\n", "montagescene"), 0);
    CHECK_INT(mt_filter_help_names("Filter scale\n", "montagescene"), 0);
    CHECK_INT(mt_filter_help_names("", "montagebeat"), 0);
}

static void digest_line_taken(void)
{
    char digest[64], err[128];
    CHECK_INT(mt_probe_take_digest("montage_digest=xxh3-128:00ff\nformat.duration=\"1\"\n",
                                   digest, sizeof(digest), err, sizeof(err)), 0);
    CHECK(!strcmp(digest, "xxh3-128:00ff"));
    CHECK_INT(mt_probe_take_digest("montage_digest_error=read error: Input/output error\n",
                                   digest, sizeof(digest), err, sizeof(err)), -1);
    CHECK(!strcmp(err, "read error: Input/output error"));
    CHECK_INT(mt_probe_take_digest("streams.stream.0.x=\"montage_digest=forged\"\n",
                                   digest, sizeof(digest), err, sizeof(err)), -1);
    CHECK(!strcmp(err, "content digest missing"));
    CHECK_INT(mt_probe_take_digest("montage_digest=0123456789\n", digest, 8, err, sizeof(err)), -1);
}

int main(void)
{
    RUN(video_and_audio);
    RUN(audio_with_cover_art);
    RUN(still_image_rejected);
    RUN(subtitles_only_rejected);
    RUN(error_line_keeps_cause);
    RUN(missing_filter_seen);
    RUN(filter_help_read);
    RUN(digest_line_taken);
    UNIT_EXIT();
}
