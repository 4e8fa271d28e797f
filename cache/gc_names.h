// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Which files in a folder bear a name montage itself writes there: the
 * ones gc may remove when they do not read (a user's notes.scene.msgpack
 * is not one), and the ones montage-analyze --export wrote beside.
 */
#ifndef MONTAGE_CACHE_GC_NAMES_H
#define MONTAGE_CACHE_GC_NAMES_H

/* 1 when the folder open as dirfd is a cache's by-path/: its parent's
 * by-path entry, and that parent holds the CACHEDIR.TAG montage writes in
 * every cache it makes (its signature line, then MT_CACHEDIR_TAG_MONTAGE_LINE)
 * or the folder holds montage's marker (MT_CACHE_MARKER_NAME, written in
 * every cache, also one that held another tool's tag): a folder merely
 * named by-path is not one. */
int mt_gc_in_by_path(int dirfd);

/* The kind (MtSidecarKind) of name when montage-analyze writes that name
 * in the folder dirfd (mt_cache_sidecar_name_kind, the one parser):
 * MEDIA.KIND.montage.msgpack anywhere, <16 hex>.KIND.msgpack only in a
 * cache's by-path/. -1 otherwise. */
int mt_gc_montage_kind(int dirfd, const char *name);

#endif /* MONTAGE_CACHE_GC_NAMES_H */
