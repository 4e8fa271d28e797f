#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Maintainer tool: regenerate the glue patch of one FFmpeg release from a
# pristine tree of it. Users never run this; they run apply-ffmpeg.sh.
#   patches/regen-glue.sh PRISTINE_FFMPEG_TREE RELEASE   (RELEASE: 5.1, 7.1, 8, 9)
# The glue is the same five edits in every release; only the context lines
# around them differ, which is why each release has its own patch file.
set -eu
tree=$1 rel=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/a/libavfilter" "$work/a/doc"
for f in configure libavfilter/allfilters.c libavfilter/Makefile doc/filters.texi; do
    cp "$tree/$f" "$work/a/$f"
done
cp -R "$work/a" "$work/b"
cd "$work/b"

# 1. Register both filters (configure generates the filter list from these
#    lines, so the declaration type must be the tree's own: AVFilter or FFFilter).
sed -i 's/^\(extern const [A-Za-z]* \)ff_af_silencedetect;$/&\n\1ff_af_montagebeat;/' libavfilter/allfilters.c
sed -i 's/^\(extern const [A-Za-z]* \)ff_vf_scdet;$/&\n\1ff_vf_montagescene;/' libavfilter/allfilters.c

# 2. Build rules: the filter objects plus the shared analysis objects, listed
#    in montage/montage.mak, which apply-ffmpeg.sh installs with the sources.
sed -i 's|^include $(SRC_PATH)/libavfilter/dnn/Makefile$|&\ninclude $(SRC_PATH)/libavfilter/montage/montage.mak|' libavfilter/Makefile
sed -i 's|^OBJS-$(CONFIG_SILENCEDETECT_FILTER) .*$|&\nOBJS-$(CONFIG_MONTAGEBEAT_FILTER)            += af_montagebeat.o $(MONTAGE_BEAT_OBJS)|' libavfilter/Makefile
sed -i 's|^OBJS-$(CONFIG_SCDET_FILTER) .*$|&\nOBJS-$(CONFIG_MONTAGESCENE_FILTER)           += vf_montagescene.o $(MONTAGE_SCENE_OBJS)|' libavfilter/Makefile

# 3. configure: --enable-libmsgpack / --enable-libkissfft, the filters'
#    dependencies, and the pkg-config checks (msgpack-c 6.x renamed its .pc).
sed -i 's|^  --enable-libzmq .*$|  --enable-libkissfft       enable KISS FFT, needed by montagebeat [no]\n  --enable-libmsgpack      enable msgpack-c, needed by montagescene and montagebeat [no]\n&|' configure
sed -i 's|^    libzmq$|    libkissfft\n    libmsgpack\n&|' configure
sed -i 's|^zmq_filter_deps="libzmq"$|&\nmontagebeat_filter_deps="libmsgpack libkissfft"\nmontagescene_filter_deps="libmsgpack"|' configure
sed -i 's|^enabled libzmq  .*$|&\nenabled libkissfft        \&\& require_pkg_config libkissfft "kissfft-float >= 131" kiss_fftr.h kiss_fftr_alloc\nenabled libmsgpack        \&\& { check_pkg_config libmsgpack "msgpack-c >= 4.0" msgpack.h msgpack_version \|\|\n                               require_pkg_config libmsgpack "msgpack >= 3.0" msgpack.h msgpack_version; }|' configure

# 4. Documentation: the filter pages live in their own texi files.
sed -i 's|^@anchor{pan}$|@include montagebeat.texi\n\n&|' doc/filters.texi
sed -i '0,/^@section morpho$/s|^@section morpho$|@include montagescene.texi\n\n&|' doc/filters.texi

cd "$work"
n=$(diff -ru a b | grep -c '^+[^+]' || true)
[ "$n" -eq 16 ] || { echo "regen-glue: expected 16 added lines, got $n: check the tree" >&2; exit 1; }
mkdir -p "$here/$rel"
diff -ru a b | sed -e 's|^--- a/\([^	]*\).*|--- a/\1|' -e 's|^+++ b/\([^	]*\).*|+++ b/\1|' -e '/^diff -ru/d' > "$here/$rel/0001-montage-glue.patch" || true
echo "wrote patches/$rel/0001-montage-glue.patch"
