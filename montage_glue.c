/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Sidecar plumbing shared by montagescene and montagebeat (see montage_glue.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libavutil/avutil.h"
#include "libavutil/error.h"
#include "libavutil/log.h"
#include "libavfilter/version.h"

#include "cache/atomic_check.h"
#include "cache/coverage.h"
#include "cache/source_stat.h"
#include "cache/sidecar_write.h"
#include "montage_glue.h"

/* An optional non-negative integer option: -1 when absent. */
static int parse_identity_int(void *log_ctx, const char *name, const char *str, int64_t *out)
{
    char *end;
    long long v;

    *out = -1;
    if (!str)
        return 0;
    errno = 0;
    v = strtoll(str, &end, 10);
    if (errno || end == str || *end || v < 0) {
        av_log(log_ctx, AV_LOG_ERROR, "%s: '%s' is not a non-negative integer\n", name, str);
        return AVERROR(EINVAL);
    }
    *out = v;
    return 0;
}

/* source=PATH: the identity the driver would pass, read here so that a
 * sidecar made by hand can be checked against its media. */
static int stat_source(void *log_ctx, MtSidecarOptions *o)
{
    MtSourceIdentity id = { 0 };
    char err[512];
    int ret;

    if (!*o->source) {
        av_log(log_ctx, AV_LOG_ERROR, "source: empty path\n");
        return AVERROR(EINVAL);
    }
    if ((ret = mt_source_stat(o->source, &id, err, sizeof(err))) < 0) {
        av_log(log_ctx, AV_LOG_ERROR, "source: %s\n", err);
        return AVERROR(-ret);
    }
    if (o->source_size < 0)
        o->source_size = id.size;
    if (o->source_mtime_ns < 0)
        o->source_mtime_ns = id.mtime_ns;
    if (o->source_ctime_ns < 0)
        o->source_ctime_ns = id.ctime_ns;
    if (o->source_inode < 0)
        o->source_inode = id.inode;
    return 0;
}

int mt_glue_init_sidecar(void *log_ctx, MtSidecarOptions *o)
{
    char err[512];
    int ret;

    if ((ret = parse_identity_int(log_ctx, MT_OPT_SOURCE_SIZE, o->source_size_str, &o->source_size)) < 0 ||
        (ret = parse_identity_int(log_ctx, MT_OPT_SOURCE_MTIME_NS, o->source_mtime_str,
                                  &o->source_mtime_ns)) < 0 ||
        (ret = parse_identity_int(log_ctx, MT_OPT_SOURCE_CTIME_NS, o->source_ctime_str,
                                  &o->source_ctime_ns)) < 0 ||
        (ret = parse_identity_int(log_ctx, MT_OPT_SOURCE_INODE, o->source_inode_str,
                                  &o->source_inode)) < 0)
        return ret;
    if (o->source && (ret = stat_source(log_ctx, o)) < 0)
        return ret;
    if (!o->sidecar)
        return 0;
    if (!*o->sidecar) {
        av_log(log_ctx, AV_LOG_ERROR, "sidecar: empty path\n");
        return AVERROR(EINVAL);
    }
    ret = mt_atomic_check_writable(o->sidecar, err, sizeof(err));
    if (ret < 0) {
        av_log(log_ctx, AV_LOG_ERROR, "%s\n", err);
        return AVERROR(-ret);
    }
    return 0;
}

void mt_glue_fill_common(MtSidecar *sc, const MtSidecarOptions *o, MtSidecarKind kind,
                         const char *filter_name, int analyser_version,
                         int input_ended, double analysed_s, int64_t units_seen)
{
    static const char *const not_ended[] = {
        "end of stream not reached: the run was stopped or limited before the input ended"
    };
    static const char *const short_span[] = {
        "the analysed span falls short of source_duration: the run was limited (-frames) or "
        "interrupted before the input ended"
    };
    int covered = mt_coverage_ok(analysed_s, o->source_duration_s);
    int complete = input_ended && covered;

    sc->kind         = kind;
    sc->schema_major = MT_SIDECAR_SCHEMA_MAJOR;
    sc->schema_minor = MT_SIDECAR_SCHEMA_MINOR;

    sc->generator.name                = filter_name;
    sc->generator.version             = MONTAGE_VERSION;
    sc->generator.analyser_version    = analyser_version;
    sc->generator.ffmpeg_version      = av_version_info();
    sc->generator.libavfilter_version = AV_STRINGIFY(LIBAVFILTER_VERSION);

    sc->source.path       = o->source_path ? o->source_path : o->source;
    sc->source.size       = o->source_size;
    sc->source.mtime_ns   = o->source_mtime_ns;
    sc->source.ctime_ns   = o->source_ctime_ns;
    sc->source.inode      = o->source_inode;
    sc->source.digest     = o->source_digest;
    sc->source.duration_s = o->source_duration_s;

    sc->status.complete   = complete;
    sc->status.units_seen = units_seen;
    sc->status.warnings   = complete ? NULL : !input_ended ? not_ended : short_span;
    sc->status.n_warnings = complete ? 0 : 1;
}

int mt_glue_write_sidecar(void *log_ctx, const MtSidecarOptions *o, const MtSidecar *sc)
{
    char err[512];
    int ret;

    if (!o->sidecar)
        return 0;
    ret = mt_sidecar_write_file(o->sidecar, sc, err, sizeof(err));
    if (ret < 0) {
        av_log(log_ctx, AV_LOG_ERROR, "%s\n", err);
        return AVERROR(-ret);
    }
    av_log(log_ctx, AV_LOG_VERBOSE, "sidecar written: %s\n", o->sidecar);
    return 0;
}

/* Exactly what "%.6f" prints, without printf's floating-point path (a
 * third of the beat filter's per-frame glue cost). Below 10^6 the
 * product v * 1e6 is off by less than 1e-4 of a micro-unit, so rounding
 * it to the nearest integer gives printf's digits unless the exact value
 * lies near a tie: those, and larger or non-finite values, take
 * snprintf. Returns the text, in buf. */
static const char *format_micro(char buf[static 64], double v)
{
    double micro = fabs(v * 1e6);
    if (!(micro < 1e12) || fabs(micro - floor(micro) - 0.5) < 1e-3) {
        snprintf(buf, 64, "%.6f", v);
        return buf;
    }
    long long u = llround(micro);
    char *p = buf + 63;
    *p = '\0';
    for (int i = 0; i < 6; i++, u /= 10)
        *--p = (char)('0' + u % 10);
    *--p = '.';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (signbit(v))
        *--p = '-';
    return p;
}

int mt_glue_meta_double(AVDictionary **meta, const char *key, double v)
{
    char buf[64];
    return av_dict_set(meta, key, format_micro(buf, v), 0);
}

int mt_glue_meta_int(AVDictionary **meta, const char *key, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%" PRId64, v);
    return av_dict_set(meta, key, buf, 0);
}
