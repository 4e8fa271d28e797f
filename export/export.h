/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Exports of sidecars to the files editors and players read (CSV, EDL,
 * OpenTimelineIO, FCP 7 and FCP X XML, MLT, chapters, label tracks). One writer per
 * file (export_<format>.c); this header is what they and the two programs
 * (montage-sidecar export, montage-analyze --export) share.
 * Formats and their fields: doc/montage-sidecar.1, EXPORT FORMATS.
 */
#ifndef MONTAGE_EXPORT_EXPORT_H
#define MONTAGE_EXPORT_EXPORT_H

#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

#include "cache/sidecar_model.h"
#include "export/shot_list.h"

/* One loaded sidecar. */
typedef struct MtExportItem {
    const char *sidecar_path;
    MtSidecar  *sc;
    char       *media_path; /* the file it describes (see mt_export_load) */
    char       *media_named; /* that file as the command line names it: the
                                SIDECAR argument minus .KIND.montage.msgpack
                                (or the recorded source path), before
                                media_path is made absolute; NULL: media_path */
    MtShotList  shots;      /* scene sidecars only */
    int         read_errno; /* after a failed mt_export_load: the errno of a
                               file that could not be read, 0 when its
                               content was the problem */
} MtExportItem;

/* Writes items[0..n) to out; 0, or -1 with a one-line cause in err. */
typedef int (*MtExportWriteFn)(FILE *out, const MtExportItem *items, size_t n,
                               char *err, size_t errlen);

#define MT_EXPORT_SCENE (1u << MT_KIND_SCENE)
#define MT_EXPORT_BEAT  (1u << MT_KIND_BEAT)

typedef struct MtExportFormat {
    const char     *name;    /* --format NAME */
    const char     *ext;     /* file name extension of a written export */
    unsigned        kinds;   /* MT_EXPORT_SCENE | MT_EXPORT_BEAT */
    int             merges;  /* several sidecars make one file (a timeline) */
    int             one_kind; /* ...of one kind only (csv: scene rows and
                                 beat rows have different columns) */
    MtExportWriteFn write;
} MtExportFormat;

/* The format named name, or NULL. */
const MtExportFormat *mt_export_find(const char *name);
/* All formats, for help texts. */
const MtExportFormat *mt_export_formats(size_t *n);
/* "csv, edl, ..." */
void mt_export_format_list(char *out, size_t outlen);

/* Reads and validates a sidecar for export: complete, of a kind fmt
 * takes (fmt may be NULL), with shots placed for a scene sidecar. The
 * media is the recorded source.path, else the sidecar's name minus
 * ".KIND.montage.msgpack". 0, or -1 with the cause in err. */
int  mt_export_load(const char *sidecar_path, const MtExportFormat *fmt,
                    MtExportItem *item, char *err, size_t errlen);
void mt_export_item_free(MtExportItem *item);

/* Writes the export to path atomically (a complete file or none), or to
 * stdout when path is NULL or "-". 0, or -1 with the cause in err: the
 * sidecars' content could not be exported, or MT_EXPORT_ERR_OUTPUT when
 * path or stdout could not be written (err then names it itself). */
#define MT_EXPORT_ERR_OUTPUT (-2)
int mt_export_write(const MtExportFormat *fmt, const char *path, const MtExportItem *items,
                    size_t n, char *err, size_t errlen);

/* The file an export of sidecar_path is written to when several are
 * exported at once: the sidecar's name with ext for "msgpack"
 * (clip.mp4.scene.montage.msgpack -> clip.mp4.scene.montage.edl), a name
 * montage-analyze's directory walk knows is not media. malloc'ed; NULL
 * when out of memory. */
char *mt_export_next_to(const char *sidecar_path, const MtExportFormat *fmt);

/* ---- helpers the writers share (export_text.c) ---- */

/* The last path component. */
const char *mt_export_basename(const char *path);
/* Writes s as one field of a line of text (the names montage-sidecar
 * check, gc, export and split print): backslash, tab, newline and carriage
 * return as \\ \t \n \r and other control bytes as \u00XX, the escapes of
 * montage-analyze's JSON strings; other bytes as they are, so a name can
 * be recovered exactly and every record stays one line. */
void mt_export_line_field(FILE *out, const char *s);
/* The same escapes into out (size bytes, terminated): as much of s as
 * fits in whole escapes; returns the length written. For messages built
 * before they are written (montage-analyze's log lines). */
size_t mt_export_line_field_text(char *out, size_t size, const char *s);
/* Formats fmt whole (however long the names in it) and writes it as one
 * line field, as mt_export_line_field: the tools' error lines. */
void mt_export_line_vprintf(FILE *out, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Writes s as XML 1.0 text or attribute value: the five special
 * characters escaped, tab, newline and carriage return as character
 * references (an attribute keeps them), and what XML cannot hold (other
 * control bytes, bytes that are not UTF-8: a file name may have both) as
 * U+FFFD. */
void mt_export_xml_text(FILE *out, const char *s);
/* s with every byte that is not part of valid UTF-8 replaced by U+FFFD
 * (JSON libraries refuse such strings); malloc'ed, NULL when out of
 * memory. */
char *mt_export_utf8_dup(const char *s);
/* "file://" URL of an absolute or relative path (relative ones made
 * absolute from the working directory), percent-encoded; malloc'ed. */
char *mt_export_file_url(const char *path);
/* The beat's position in its bar, 1 on a downbeat; 0 when the sidecar has
 * no downbeats (meter unknown). */
int mt_export_beat_in_bar(const MtBeatResult *b, size_t i);

/* ---- the writers ---- */
int mt_export_csv(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_edl(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_otio(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_fcpxml(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_xmeml(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_mlt(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_ffmetadata(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_webvtt(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_audacity(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);
int mt_export_beats(FILE *out, const MtExportItem *items, size_t n, char *err, size_t errlen);

#endif /* MONTAGE_EXPORT_EXPORT_H */
