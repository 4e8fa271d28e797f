/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* ffprobe command and output parsing; see probe.h. */
#include "driver/probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/sidecar_cache.h"

#define MAX_STREAMS 64

void mt_probe_build_args(MtArgList *args, const char *ffprobe, const char *path)
{
    mt_arg_list_push(args, ffprobe);
    mt_arg_list_push(args, "-v");
    mt_arg_list_push(args, "error");
    mt_arg_list_push(args, "-hide_banner");
    mt_arg_list_push(args, "-show_entries");
    mt_arg_list_push(args, "format=format_name,duration:stream=index,codec_type,duration"
                           ":stream_disposition=attached_pic");
    mt_arg_list_push(args, "-of");
    mt_arg_list_push(args, "flat");
    /* file: so that a name with ':' is not taken for a protocol */
    mt_arg_list_pushf(args, "file:%s", path);
}

typedef struct StreamInfo {
    char   type[16];
    int    attached_pic;
    double duration_s;
} StreamInfo;

/* value of a flat line: strips the quotes around strings */
static void copy_value(const char *v, char *out, size_t out_size)
{
    size_t n = strcspn(v, "\n");
    if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
        v++;
        n -= 2;
    }
    if (n >= out_size)
        n = out_size - 1;
    memcpy(out, v, n);
    out[n] = '\0';
}

static int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && !memcmp(s + ls - lx, suffix, lx);
}

int mt_probe_parse(const char *text, MtProbeResult *result)
{
    StreamInfo streams[MAX_STREAMS];
    int n_streams = 0;
    double format_duration = 0;
    char value[256];

    memset(result, 0, sizeof(*result));
    memset(streams, 0, sizeof(streams));
    for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        const char *eq = strchr(line, '=');
        const char *nl = strchr(line, '\n');
        if (!eq || (nl && eq > nl))
            continue;
        copy_value(eq + 1, value, sizeof(value));
        if (!strncmp(line, "format.format_name=", 19)) {
            copy_value(eq + 1, result->format_name, sizeof(result->format_name));
        } else if (!strncmp(line, "format.duration=", 16)) {
            format_duration = atof(value); /* "N/A" gives 0: unknown */
        } else if (!strncmp(line, "streams.stream.", 15)) {
            char *end;
            long idx = strtol(line + 15, &end, 10);
            if (end == line + 15 || *end != '.' || idx < 0 || idx >= MAX_STREAMS)
                continue;
            StreamInfo *s = &streams[idx];
            if (idx + 1 > n_streams)
                n_streams = (int)idx + 1;
            const char *key = end + 1;
            size_t key_len = (size_t)(eq - key);
            if (key_len == 10 && !strncmp(key, "codec_type", 10))
                copy_value(eq + 1, s->type, sizeof(s->type));
            else if (key_len == 8 && !strncmp(key, "duration", 8))
                s->duration_s = atof(value);
            else if (key_len == 24 && !strncmp(key, "disposition.attached_pic", 24))
                s->attached_pic = atoi(value);
        }
    }

    int image_demuxer = !strcmp(result->format_name, "image2") ||
                        ends_with(result->format_name, "_pipe");
    double stream_duration = 0;
    int any_video = 0;
    double first_video = -1, first_audio = -1;
    for (int i = 0; i < n_streams; i++) {
        const StreamInfo *s = &streams[i];
        if (!strcmp(s->type, "audio")) {
            result->has_audio = 1;
            if (first_audio < 0)
                first_audio = s->duration_s;
        } else if (!strcmp(s->type, "video") && !s->attached_pic) {
            any_video = 1;
            if (!image_demuxer)
                result->has_video = 1;
            if (first_video < 0)
                first_video = s->duration_s;
        } else {
            continue;
        }
        if (s->duration_s > stream_duration)
            stream_duration = s->duration_s;
    }
    result->still_image = any_video && !result->has_video;
    result->duration_s = format_duration > 0 ? format_duration : stream_duration;
    result->video_duration_s = first_video > 0 ? first_video : result->has_video ? result->duration_s : 0;
    result->audio_duration_s = first_audio > 0 ? first_audio : result->has_audio ? result->duration_s : 0;
    return 0;
}

const char *mt_probe_rejection(const MtProbeResult *result)
{
    if (result->has_video || result->has_audio)
        return NULL;
    if (result->still_image)
        return "still image: no motion video or audio to analyse";
    return "no audio or video stream";
}

#define DIGEST_LINE "montage_digest="
#define DIGEST_ERROR_LINE "montage_digest_error="

void mt_probe_hash_before_exec(void *media_path)
{
    MtSidecarCacheIdentity id;
    char err[256], line[512];
    int n;
    if (mt_sidecar_cache_identity(media_path, 1, &id, err, sizeof(err)) == 0)
        n = snprintf(line, sizeof(line), DIGEST_LINE "%s\n", id.digest);
    else
        n = snprintf(line, sizeof(line), DIGEST_ERROR_LINE "%s\n", err);
    if (n > 0)
        (void)!write(1, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

int mt_probe_take_digest(const char *output, char *digest, size_t digest_size,
                         char *err, size_t err_size)
{
    const char *d = strstr(output, DIGEST_LINE);
    const char *e = strstr(output, DIGEST_ERROR_LINE);
    if (d && (d == output || d[-1] == '\n')) {
        d += strlen(DIGEST_LINE);
        size_t len = strcspn(d, "\n");
        if (len > 0 && len < digest_size) {
            memcpy(digest, d, len);
            digest[len] = '\0';
            return 0;
        }
    }
    if (e && (e == output || e[-1] == '\n')) {
        e += strlen(DIGEST_ERROR_LINE);
        snprintf(err, err_size, "%.*s", (int)strcspn(e, "\n"), e);
    } else {
        snprintf(err, err_size, "content digest missing");
    }
    return -1;
}
