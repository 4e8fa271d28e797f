#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Build ffmpeg and ffprobe with the Montage filters.
#
#   patches/build-ffmpeg.sh SRC_TREE WORK_DIR [analysis|full]
#
# SRC_TREE is a pristine FFmpeg tree of a supported release (it is never
# modified). WORK_DIR receives a copy, patched by apply-ffmpeg.sh and built
# in place; the programs end up as WORK_DIR/ffmpeg and WORK_DIR/ffprobe.
# Re-running rebuilds only what changed (FFmpeg re-configures only when the
# configure arguments change). Environment: CC, PKG_CONFIG, JOBS, and
# MONTAGE_FFMPEG_FLAGS for extra FFmpeg configure arguments.
set -eu

die() { echo "build-ffmpeg: $*" >&2; exit 1; }
[ $# -ge 2 ] || die "usage: build-ffmpeg.sh SRC_TREE WORK_DIR [analysis|full]"
src=$(cd "$1" && pwd) || die "no FFmpeg tree at $1"
mkdir -p "$2"
work=$(cd "$2" && pwd)
profile=${3:-analysis}
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-cc}
pkg_config=${PKG_CONFIG:-pkg-config}
jobs=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}

# shellcheck source=patches/tree.sh
. "$here/tree.sh"
prepare_tree "$src" "$work"

# The analysis profile: what users feed a montage tool, and nothing else.
list() { echo "$*" | tr ' ' ','; }
decoders=$(list h264 hevc vp8 vp9 mpeg1video mpeg2video mpeg4 h263 msmpeg4v3 prores dnxhd mjpeg \
    png rawvideo wrapped_avframe ffv1 aac aac_latm mp3 mp3float mp2 ac3 eac3 opus vorbis flac alac \
    pcm_u8 pcm_s16le pcm_s16be pcm_s24le pcm_s24be pcm_s32le pcm_s32be pcm_f32le pcm_f64le pcm_s64le)
demuxers=$(list mov matroska avi mpegts mpegps wav mp3 ogg flac aac ac3 eac3 h264 hevc m4v mjpeg \
    rawvideo nut image2 yuv4mpegpipe pcm_s16le pcm_f32le concat ffmetadata)
parsers=$(list h264 hevc vp8 vp9 av1 mpegvideo mpeg4video mpegaudio aac aac_latm opus vorbis flac \
    ac3 dnxhd mjpeg png)
encoders=$(list rawvideo wrapped_avframe pcm_s16le pcm_s24le pcm_f32le flac ffv1 mjpeg)
# Component names, not -f names: the s16le and f32le formats are the
# pcm_s16le and pcm_f32le muxers (a name that matches nothing is only a
# warning in FFmpeg's configure). ffmetadata both ways: chapters exported
# by montage-sidecar are read back by this build.
muxers=$(list null wav matroska avi nut rawvideo framemd5 md5 framecrc pcm_s16le pcm_f32le flac ffmetadata)
filters=$(list montagescene montagebeat \
    aformat aresample anull null format scale trim atrim setpts asetpts concat fade afade xfade \
    metadata ametadata select aselect split asplit showinfo ashowinfo volume amix amerge pan \
    channelmap channelsplit copy fps crop pad overlay hflip vflip transpose eq hue lutyuv lut \
    negate noise boxblur gblur drawbox zoompan scroll rotate setsar setdar settb asettb tpad apad \
    atempo loop aloop reverse areverse blend geq hstack vstack xstack tile thumbnail scdet \
    blackdetect silencedetect ebur128 aecho lowpass highpass showspectrum showwaves \
    aevalsrc anullsrc anoisesrc sine testsrc testsrc2 color smptebars smptehdbars mandelbrot \
    life cellauto gradients nullsrc rgbtestsrc yuvtestsrc movie amovie)
set -- --disable-doc --disable-debug --disable-ffplay --enable-libmsgpack --enable-libkissfft \
    --pkg-config="$pkg_config"
if command -v ccache >/dev/null 2>&1; then set -- "$@" --cc="ccache $cc"; else set -- "$@" --cc="$cc"; fi
"$pkg_config" --exists dav1d 2>/dev/null && set -- "$@" --enable-libdav1d
case $profile in
    analysis)
        set -- "$@" --disable-everything --disable-autodetect --enable-pthreads \
            --enable-protocol=file,pipe --enable-indev=lavfi \
            --enable-decoder="$decoders" --enable-demuxer="$demuxers" --enable-parser="$parsers" \
            --enable-encoder="$encoders" --enable-muxer="$muxers" --enable-filter="$filters"
        "$pkg_config" --exists dav1d 2>/dev/null && set -- "$@" --enable-decoder=libdav1d
        "$pkg_config" --exists zlib 2>/dev/null && set -- "$@" --enable-zlib
        ;;
    full) ;;
    *) die "unknown profile '$profile' (analysis or full)" ;;
esac
# shellcheck disable=SC2086
set -- "$@" ${MONTAGE_FFMPEG_FLAGS:-}

# ccache: relative paths and no cwd in the hash, so clean clones share hits.
export CCACHE_BASEDIR="$work" CCACHE_NOHASHDIR=1

cd "$work"
configure_when_changed "build-ffmpeg: FFmpeg $(cat RELEASE) ($profile)" "$@"
for f in montagescene montagebeat; do
    grep -q "define CONFIG_$(echo $f | tr a-z A-Z)_FILTER 1" config*.h ||
        die "FFmpeg's configure disabled the $f filter (see $work/configure.log)"
done
echo "build-ffmpeg: building $(cat RELEASE) with $jobs jobs" >&2
if ! make -j"$jobs" ffmpeg ffprobe > build.log 2>&1; then
    grep -E 'error|Error' build.log | head -n 20 >&2
    die "FFmpeg's build failed (full log: $work/build.log)"
fi
echo "$work/ffmpeg"
