/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Filter option escaping (driver/filter_escape.c, driver/ffmpeg_args.c):
 * exact strings, and a round trip through a re-implementation of the two
 * FFmpeg parsing levels (graph: tokens up to "[],;"; options: key=value
 * pairs split at ':'), for names with every awkward character. */
#include <string.h>

#include "driver/ffmpeg_args.h"
#include "driver/filter_escape.h"
#include "unit.h"

/* av_get_token() semantics: '\' escapes one char, '...' quotes, outer
 * whitespace trimmed unless escaped or quoted. */
static char *get_token(const char **buf, const char *term)
{
    const char *p = *buf;
    char *out = malloc(strlen(p) + 1), *o = out, *end = out;
    p += strspn(p, " \n\t\r");
    while (*p && !strchr(term, *p)) {
        if (*p == '\\' && p[1]) {
            *o++ = p[1];
            p += 2;
            end = o;
        } else if (*p == '\'') {
            for (p++; *p && *p != '\''; )
                *o++ = *p++;
            if (*p)
                p++;
            end = o;
        } else {
            *o++ = *p++;
        }
    }
    while (o > end && strchr(" \n\t\r", o[-1]))
        o--;
    *o = '\0';
    *buf = p;
    return out;
}

/* Parses "name=opts" like FFmpeg and returns the value of key (malloc'ed),
 * or NULL; *rest_ok is 1 when the whole graph was one filter. */
static char *graph_option(const char *graph, const char *key, int *rest_ok)
{
    const char *p = graph;
    char *name = get_token(&p, "=,;[");
    char *found = NULL;
    free(name);
    if (*p != '=')
        return NULL;
    p++;
    char *opts = get_token(&p, "[],;");
    *rest_ok = *p == '\0';
    const char *q = opts;
    while (*q) {
        char *k = get_token(&q, "=:");
        if (*q == '=')
            q++;
        char *v = get_token(&q, ":");
        if (*q == ':')
            q++;
        if (!strcmp(k, key) && !found)
            found = v;
        else
            free(v);
        free(k);
    }
    free(opts);
    return found;
}

static void quote_value_exact(void)
{
    char out[64];
    CHECK_INT(mt_filter_quote_value("a:b", out, sizeof(out)), 5);
    CHECK(!strcmp(out, "'a:b'"));
    mt_filter_quote_value("it's", out, sizeof(out));
    CHECK(!strcmp(out, "'it'\\''s'"));
    mt_filter_quote_value("", out, sizeof(out));
    CHECK(!strcmp(out, "''"));
    CHECK_INT(mt_filter_quote_value("abcdef", out, 8), -1); /* needs 9 */
    CHECK_INT(mt_filter_quote_value("abcdef", out, 9), 8);
}

static void escape_graph_exact(void)
{
    char out[64];
    mt_filter_escape_graph("k='a[b],c;d\\e'", out, sizeof(out));
    CHECK(!strcmp(out, "k=\\'a\\[b\\]\\,c\\;d\\\\e\\'"));
    CHECK_INT(mt_filter_escape_graph("[", out, 2), -1);
    CHECK_INT(mt_filter_escape_graph("[", out, 3), 2);
}

static void append_option_exact(void)
{
    char out[64] = "";
    CHECK_INT(mt_filter_append_option(out, sizeof(out), "a", "x y"), 0);
    CHECK_INT(mt_filter_append_option(out, sizeof(out), "b", "1"), 0);
    CHECK(!strcmp(out, "a='x y':b='1'"));
    char small[8] = "";
    CHECK_INT(mt_filter_append_option(small, sizeof(small), "key", "long value"), -1);
}

static const char *const awkward[] = {
    "/media/plain.mp4",
    "/media/with space.mp4",
    "/media/colon:name.mp4",
    "/media/comma,semi;colon:.mp4",
    "/media/it's \"quoted\".mp4",
    "/media/back\\slash\\\\double.mp4",
    "/media/[brackets]and=equals.mp4",
    "/media/''''.mp4",
    "/media/'",
    "/media/\\",
    " leading and trailing spaces ",
    "/media/caf\xc3\xa9 \xe6\x98\xa0\xe7\x94\xbb \xf0\x9f\x8e\xac.mp4",
    "/media/tab\there:\\'[,];=",
};

static void round_trip_awkward_paths(void)
{
    char graph[8192];
    for (size_t i = 0; i < sizeof(awkward) / sizeof(awkward[0]); i++) {
        MtSourceIdentity id = { .path = awkward[i], .size = 12, .mtime_ns = 3,
                                .ctime_ns = 4, .inode = 5,
                                .digest = "xxh3-128:00112233445566778899aabbccddeeff" };
        int rest_ok = 0;
        CHECK_INT(mt_ffmpeg_filter_string("montagescene", awkward[i], &id,
                                          graph, sizeof(graph)), 0);
        char *sidecar = graph_option(graph, "sidecar", &rest_ok);
        char *path = graph_option(graph, "source_path", &rest_ok);
        char *digest = graph_option(graph, "source_digest", &rest_ok);
        char *size = graph_option(graph, "source_size", &rest_ok);
        int ok = sidecar && path && digest && size && rest_ok &&
                 !strcmp(sidecar, awkward[i]) && !strcmp(path, awkward[i]) &&
                 !strcmp(digest, id.digest) && !strcmp(size, "12");
        free(sidecar);
        free(path);
        free(digest);
        free(size);
        if (!ok)
            UNIT_FAIL("round trip of [%s] through [%s]", awkward[i], graph);
    }
}

static void unknown_identity_fields_left_out(void)
{
    char graph[1024];
    MtSourceIdentity id = { .path = "/a", .size = 1, .mtime_ns = -1,
                            .ctime_ns = -1, .inode = -1, .digest = NULL };
    CHECK_INT(mt_ffmpeg_filter_string("montagebeat", "/a.beat", &id, graph, sizeof(graph)), 0);
    CHECK(!strcmp(graph, "montagebeat=sidecar=\\'/a.beat\\':source_path=\\'/a\\'"
                         ":source_size=\\'1\\'"));
}

static void command_line_shape(void)
{
    MtSourceIdentity id = { .path = "/m/x.mp4", .size = 1, .mtime_ns = 2,
                            .ctime_ns = 3, .inode = 4, .digest = "d" };
    MtAnalysisCommand cmd = {
        .ffmpeg = "/opt/ffmpeg", .input_path = "/m/x:y.mp4",
        .scene_sidecar = "/m/x.scene", .beat_sidecar = NULL,
        .source = &id, .decoder_threads = 2, .keyframes_only = 1, .progress_fd = 3,
    };
    MtArgList args;
    mt_arg_list_init(&args);
    mt_ffmpeg_build_args(&cmd, &args);
    CHECK(!args.failed);
    CHECK(!strcmp(args.argv[0], "/opt/ffmpeg"));
    int i = mt_arg_list_find(&args, "-i");
    int skip = mt_arg_list_find(&args, "-skip_frame");
    int threads = mt_arg_list_find(&args, "-threads");
    int progress = mt_arg_list_find(&args, "-progress");
    CHECK(i > 0 && !strcmp(args.argv[i + 1], "file:/m/x:y.mp4"));
    /* decoder options go before -i to apply to the input */
    CHECK(skip > 0 && skip < i && !strcmp(args.argv[skip + 1], "nokey"));
    CHECK(threads > 0 && threads < i && !strcmp(args.argv[threads + 1], "2"));
    CHECK(progress > 0 && !strcmp(args.argv[progress + 1], "pipe:3"));
    int map = mt_arg_list_find(&args, "-map");
    CHECK(map > i && !strcmp(args.argv[map + 1], "0:v:0"));
    CHECK(!strcmp(args.argv[map + 2], "-filter:v"));
    CHECK(!strncmp(args.argv[map + 3], "montagescene=sidecar=", 21));
    /* the mode is recorded; the run reads only the sidecar, so frames pass untagged */
    const char *graph = args.argv[map + 3];
    size_t len = strlen(graph);
    const char *want_tail = ":keyframes_only=1:frame_metadata=0";
    CHECK(len > strlen(want_tail) && !strcmp(graph + len - strlen(want_tail), want_tail));
    CHECK(mt_arg_list_find(&args, "-filter:a") < 0); /* no audio requested */
    CHECK(mt_arg_list_find(&args, "0:a:0") < 0);
    CHECK(!strcmp(args.argv[args.n - 3], "-f") && !strcmp(args.argv[args.n - 1], "-"));
    CHECK(args.argv[args.n] == NULL);
    mt_arg_list_free(&args);
}

/* A full decode records no mode option, and its frames pass untagged too. */
static void full_decode_frames_untagged(void)
{
    MtAnalysisCommand cmd = {
        .ffmpeg = "ffmpeg", .input_path = "/m/x.mp4", .scene_sidecar = "/m/x.scene",
        .beat_sidecar = "/m/x.beat", .source = NULL, .progress_fd = -1,
    };
    MtArgList args;
    mt_arg_list_init(&args);
    mt_ffmpeg_build_args(&cmd, &args);
    CHECK(!args.failed);
    int v = mt_arg_list_find(&args, "-filter:v"), a = mt_arg_list_find(&args, "-filter:a");
    CHECK(v > 0 && !strcmp(args.argv[v + 1], "montagescene=sidecar=\\'/m/x.scene\\':frame_metadata=0"));
    CHECK(a > 0 && !strcmp(args.argv[a + 1], "montagebeat=sidecar=\\'/m/x.beat\\'"));
    mt_arg_list_free(&args);
}

int main(void)
{
    RUN(quote_value_exact);
    RUN(escape_graph_exact);
    RUN(append_option_exact);
    RUN(round_trip_awkward_paths);
    RUN(unknown_identity_fields_left_out);
    RUN(command_line_shape);
    RUN(full_decode_frames_untagged);
    UNIT_EXIT();
}
