/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Identity of a media file for cache validity: size, mtime_ns, ctime_ns,
 * inode from stat(), and optionally a content digest
 * "xxh3-128:<32 hex>" (libxxhash XXH3_128bits, streamed). Reader side only.
 */
#ifndef MONTAGE_CACHE_SOURCE_IDENTITY_H
#define MONTAGE_CACHE_SOURCE_IDENTITY_H

#include <stddef.h>

#include "sidecar_model.h"

#define MT_DIGEST_PREFIX "xxh3-128:"
#define MT_DIGEST_LEN    (9 + 32) /* prefix + 32 hex digits */
#define MT_PATH_MAX      4096

/* An MtSourceIdentity whose strings live inside the struct itself. */
typedef struct MtSourceIdentityBuf {
    MtSourceIdentity id;     /* id.path and id.digest point below */
    char path[MT_PATH_MAX];
    char digest[MT_DIGEST_LEN + 1]; /* "" when not computed */
} MtSourceIdentityBuf;

/* stat()s path (following symlinks) and, when with_digest, hashes the
 * content. Returns 0, or a negative errno with a one-line cause in err. */
int mt_source_identify(const char *path, int with_digest, MtSourceIdentityBuf *out,
                       char *err, size_t errlen);

/* The digest of a file's content into out (MT_DIGEST_LEN + 1 bytes). */
int mt_source_digest(const char *path, char *out, char *err, size_t errlen);

/* The same for name relative to the folder open as dirfd (AT_FDCWD: the
 * current one), opened as mt_regular_openat does (no FIFO or device is
 * ever opened); shown names the file in err. gc looks at the media of a
 * next-to-media sidecar in the folder it read the sidecar from: by path,
 * a folder renamed meanwhile gave another folder's media. */
int mt_source_digest_at(int dirfd, const char *name, const char *shown, char *out, char *err,
                        size_t errlen);

/* mt_source_identify of name relative to dirfd: fstatat (following links)
 * and, when with_digest, mt_source_digest_at; out->path gets shown. */
int mt_source_identify_at(int dirfd, const char *name, const char *shown, int with_digest,
                          MtSourceIdentityBuf *out, char *err, size_t errlen);

/* Bytes hashed per read(); exposed for the bench. */
#define MT_DIGEST_CHUNK ((size_t)1 << 20)

#endif /* MONTAGE_CACHE_SOURCE_IDENTITY_H */
