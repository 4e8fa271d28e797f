/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Montage sidecar data model: the plain C structs that the writer packs and
 * the reader returns. The analysis results (MtSceneResult, MtBeatResult),
 * the option entries and the versions belong to the kernels in analysis/;
 * this file adds what only a sidecar has (kind, schema, generator, source
 * identity, status). No msgpack and no FFmpeg here, so the filters, the
 * driver, the exports and the CLI can all share one definition.
 *
 * Ownership: a sidecar filled by a producer (a filter) points at memory the
 * producer owns and is never passed to mt_sidecar_free(); a sidecar returned
 * by the reader owns every pointer and is released with mt_sidecar_free().
 * The on-disk format is documented in doc/montage-sidecar.5.
 */
#ifndef MONTAGE_CACHE_SIDECAR_MODEL_H
#define MONTAGE_CACHE_SIDECAR_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/beat/beat_result.h"
#include "analysis/config_entry.h"
#include "analysis/montage_version.h"
#include "analysis/scene/scene_result.h"

#define MT_SIDECAR_SCHEMA       "montage.sidecar"
#define MT_SIDECAR_SCHEMA_MAJOR 1 /* bumped on any change old readers misread */
#define MT_SIDECAR_SCHEMA_MINOR 1 /* bumped when keys are added (1: source.duration_s) */

typedef enum MtSidecarKind {
    MT_KIND_SCENE = 1, /* montagescene: shots and transitions */
    MT_KIND_BEAT  = 2, /* montagebeat: tempo and beats */
} MtSidecarKind;

/* What the analysed file was; filled from filter options (a filter never
 * sees its input's file name). Unknown fields are NULL or -1. */
typedef struct MtSourceIdentity {
    const char *path;     /* as passed by the caller */
    int64_t     size;     /* bytes */
    int64_t     mtime_ns; /* st_mtim in nanoseconds since the epoch */
    int64_t     ctime_ns; /* st_ctim: changes on any rewrite, even one that
                             restores the old mtime */
    int64_t     inode;    /* st_ino */
    const char *digest;   /* "xxh3-128:<32 lowercase hex>" of the content */
    double      duration_s; /* the media's probed duration of the analysed
                               stream, <= 0 when unknown (then not written) */
} MtSourceIdentity;

typedef struct MtGenerator {
    const char *name;             /* "montagescene" or "montagebeat" */
    const char *version;          /* MONTAGE_VERSION */
    int         analyser_version; /* MT_*_ANALYSER_VERSION */
    const char *ffmpeg_version;   /* av_version_info() of the build */
    const char *libavfilter_version; /* "MAJOR.MINOR.MICRO" */
} MtGenerator;

typedef struct MtConfig {
    const MtConfigEntry *entries;
    size_t               n;
} MtConfig;

typedef struct MtStatus {
    int          complete;   /* 1 only when end of stream was reached */
    int64_t      units_seen; /* frames (scene) or samples (beat) decoded */
    const char *const *warnings;
    size_t       n_warnings;
} MtStatus;

typedef struct MtSidecar {
    MtSidecarKind    kind;
    int              schema_major, schema_minor;
    MtGenerator      generator;
    MtSourceIdentity source;
    MtConfig         config;
    MtStatus         status;
    MtSceneResult    scene; /* valid when kind == MT_KIND_SCENE */
    MtBeatResult     beat;  /* valid when kind == MT_KIND_BEAT */
} MtSidecar;

#endif /* MONTAGE_CACHE_SIDECAR_MODEL_H */
