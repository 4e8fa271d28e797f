/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* The table of export formats and the loading and writing around them. */
#define _DEFAULT_SOURCE /* realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/atomic_file.h"
#include "cache/cache_lookup.h"
#include "cache/sidecar_names.h"
#include "cache/sidecar_read.h"
#include "export/export.h"

/* name, extension, kinds, merges, one kind only, writer */
static const MtExportFormat formats[] = {
    { "csv",        "csv",     MT_EXPORT_SCENE | MT_EXPORT_BEAT, 1, 1, mt_export_csv },
    { "edl",        "edl",     MT_EXPORT_SCENE,                  0, 0, mt_export_edl },
    { "otio",       "otio",    MT_EXPORT_SCENE | MT_EXPORT_BEAT, 1, 0, mt_export_otio },
    { "xmeml",      "xml",     MT_EXPORT_SCENE,                  0, 0, mt_export_xmeml },
    { "fcpxml",     "fcpxml",  MT_EXPORT_SCENE,                  0, 0, mt_export_fcpxml },
    { "mlt",        "mlt",     MT_EXPORT_SCENE,                  0, 0, mt_export_mlt },
    { "ffmetadata", "ffmeta",  MT_EXPORT_SCENE,                  0, 0, mt_export_ffmetadata },
    { "webvtt",     "vtt",     MT_EXPORT_SCENE,                  0, 0, mt_export_webvtt },
    { "audacity",   "txt",     MT_EXPORT_SCENE | MT_EXPORT_BEAT, 0, 0, mt_export_audacity },
    { "beats",      "beats",   MT_EXPORT_BEAT,                   0, 0, mt_export_beats },
};

const MtExportFormat *mt_export_formats(size_t *n)
{
    *n = sizeof(formats) / sizeof(formats[0]);
    return formats;
}

const MtExportFormat *mt_export_find(const char *name)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (!strcmp(formats[i].name, name))
            return &formats[i];
    return NULL;
}

void mt_export_format_list(char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]) && used < outlen; i++)
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? ", " : "", formats[i].name);
}

/* The media next to a sidecar named MEDIA.KIND.montage.msgpack of the
 * sidecar's own kind (mt_cache_sidecar_name_kind, the one parser of the
 * names montage-analyze gives); any other name is returned whole. */
static char *media_from_sidecar_name(const char *sidecar_path, MtSidecarKind kind)
{
    size_t n = strlen(sidecar_path), media_len;
    int in_cache;
    if (mt_cache_sidecar_name_kind(sidecar_path, &media_len, &in_cache) == (int)kind && !in_cache)
        n = media_len;
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, sidecar_path, n);
        s[n] = 0;
    }
    return s;
}

/* Where the clip or song is: beside a next-to-media sidecar when a file of
 * that name is there and is the sidecar's source as check compares it
 * (size, mtime, ctime and inode, else the digest: a folder moved with its
 * sidecars keeps its inodes, so check and montage-analyze call them valid
 * while the recorded path is gone), or when the recorded path is gone;
 * else the recorded source path (a different file of that name beside a
 * copied sidecar is not the clip), else the name the sidecar's own name
 * gives. */
static char *media_path_of(const char *sidecar_path, const MtSidecar *sc)
{
    char *beside = media_from_sidecar_name(sidecar_path, sc->kind);
    if (beside && strcmp(beside, sidecar_path) && access(beside, F_OK) == 0 &&
        (!sc->source.path || access(sc->source.path, F_OK) != 0 ||
         mt_cache_check(sidecar_path, beside, sc->kind, -1, NULL, 0, NULL, 0) == MT_CACHE_VALID))
        return beside;
    if (!sc->source.path)
        return beside;
    free(beside);
    return strdup(sc->source.path);
}

int mt_export_load(const char *sidecar_path, const MtExportFormat *fmt, MtExportItem *item,
                   char *err, size_t errlen)
{
    MtSidecarError e;
    *item = (MtExportItem){ .sidecar_path = sidecar_path };
    if (mt_sidecar_read_file(sidecar_path, &item->sc, &e) < 0) {
        snprintf(err, errlen, "%s", e.message);
        item->read_errno = e.code == MT_SIDECAR_ERR_IO ? e.sys_errno : 0;
        return -1;
    }
    if (!item->sc->status.complete) {
        snprintf(err, errlen, "the sidecar is incomplete (the analysis did not reach the end)");
        goto fail;
    }
    if (fmt && !(fmt->kinds & (1u << item->sc->kind))) {
        snprintf(err, errlen, "%s exports %s sidecars only, this one is a %s sidecar", fmt->name,
                 fmt->kinds & MT_EXPORT_SCENE ? "scene" : "beat",
                 mt_sidecar_kind_name(item->sc->kind));
        goto fail;
    }
    item->media_path = media_path_of(sidecar_path, item->sc);
    if (!item->media_path) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    /* the csv's file column: as given, so two clips of one name in two
     * folders stay apart and a relative argument gives a relative name */
    item->media_named = strdup(item->media_path);
    if (!item->media_named) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    /* absolute, so an export written elsewhere still finds its media */
    char *abs = realpath(item->media_path, NULL);
    if (abs) {
        free(item->media_path);
        item->media_path = abs;
    }
    if (item->sc->kind == MT_KIND_SCENE && mt_shot_list_build(item->sc, &item->shots, err, errlen) < 0)
        goto fail;
    return 0;
fail:
    mt_export_item_free(item);
    return -1;
}

void mt_export_item_free(MtExportItem *item)
{
    mt_shot_list_free(&item->shots);
    free(item->media_path);
    free(item->media_named);
    if (item->sc)
        mt_sidecar_free(item->sc);
    item->sc = NULL;
    item->media_path = NULL;
    item->media_named = NULL;
}

int mt_export_write(const MtExportFormat *fmt, const char *path, const MtExportItem *items,
                    size_t n, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int ret = -1;

    if (!mem) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (fmt->write(mem, items, n, err, errlen) < 0) {
        fclose(mem);
        free(buf);
        return -1;
    }
    if (fclose(mem) != 0) {
        snprintf(err, errlen, "out of memory");
        free(buf);
        return -1;
    }
    if (!path || !strcmp(path, "-")) {
        /* past stdio: a failed write leaves nothing buffered that the
         * program's last flush would fail on again (a second message) */
        ret = fflush(stdout) == 0 && mt_write_all(STDOUT_FILENO, buf, len) == 0 ? 0 : MT_EXPORT_ERR_OUTPUT;
        if (ret < 0)
            snprintf(err, errlen, "writing standard output: %s", strerror(errno));
    } else {
        ret = mt_atomic_write_file(path, buf, len, NULL, err, errlen) == 0 ? 0 : MT_EXPORT_ERR_OUTPUT;
    }
    free(buf);
    return ret;
}

char *mt_export_next_to(const char *sidecar_path, const MtExportFormat *fmt)
{
    static const char tail[] = ".msgpack";
    size_t n = strlen(sidecar_path), t = sizeof(tail) - 1;
    if (n > t && !strcmp(sidecar_path + n - t, tail))
        n -= t;
    size_t size = n + 1 + strlen(fmt->ext) + 1;
    char *s = malloc(size);
    if (s)
        snprintf(s, size, "%.*s.%s", (int)n, sidecar_path, fmt->ext);
    return s;
}
