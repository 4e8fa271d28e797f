#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# A drop-in libavfilter for the machine's own Debian or Ubuntu FFmpeg: the
# same upstream version, rebuilt with the Montage filters and with the
# installed build's configure flags as far as this machine has their
# libraries, so the stock /usr/bin/ffmpeg gains the filters through a
# library path. Needs libavfilter-dev (the installed FFmpeg's headers).
#
#   patches/build-dropin.sh WORK_DIR
#
# Produces WORK_DIR/lib/libavfilter.so.N, the wrappers WORK_DIR/bin/ffmpeg
# and WORK_DIR/bin/ffprobe (the stock programs with that library first on
# LD_LIBRARY_PATH), and WORK_DIR/DROPPED: the configure flags of the
# installed build that were left out because their libraries are missing
# here, and the filters the drop-in therefore lacks. Rebuild it whenever the
# distribution updates FFmpeg (the wrapper refuses a version mismatch).
set -eu

die() { echo "build-dropin: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: build-dropin.sh WORK_DIR"
mkdir -p "$1"
work=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-cc}
pkg_config=${PKG_CONFIG:-pkg-config}
jobs=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}

lavfi=$("$pkg_config" --modversion libavfilter 2>/dev/null) ||
    die "no installed FFmpeg development files (apt-get install libavfilter-dev)"
major=${lavfi%%.*}
case $major in 8) rel=5.1 ;; 10) rel=7.1 ;; 11) rel=8 ;; 12) rel=9 ;;
    *) die "installed libavfilter $lavfi is not a supported release" ;; esac

# The installed build's version and configure flags, from the library itself.
probe=$work/probe
mkdir -p "$probe"
cat > "$probe/probe.c" <<'C'
#include <stdio.h>
#include <libavutil/avutil.h>
#include <libavfilter/avfilter.h>
int main(void) { printf("%s\n%s\n", av_version_info(), avfilter_configuration()); return 0; }
C
# shellcheck disable=SC2046
"$cc" -o "$probe/probe" "$probe/probe.c" $("$pkg_config" --cflags --libs libavfilter libavutil) ||
    die "cannot build against the installed libavfilter"
version=$("$probe/probe" | sed -n 1p)
flags=$("$probe/probe" | sed -n 2p)
upstream=$(echo "$version" | sed 's/^\([0-9][0-9.]*\).*/\1/')

src=$("$here/fetch-ffmpeg.sh" "$rel")
[ "$(cat "$src/VERSION" 2>/dev/null || cat "$src/RELEASE")" = "$upstream" ] ||
    die "the installed FFmpeg is $upstream but the archive's source is $(cat "$src/RELEASE"); update the system (apt-get upgrade) and retry"

# pkg-config names of FFmpeg's --enable-X libraries, where they differ.
pc_names() {
    case $1 in
        libfreetype) echo freetype2 ;; libopenjpeg) echo libopenjp2 ;; libxml2) echo libxml-2.0 ;;
        librsvg) echo librsvg-2.0 ;; lv2) echo lilv-0 ;; libcaca) echo caca ;; libjack) echo jack ;;
        libcdio) echo libcdio_paranoia ;; libzvbi) echo zvbi-0.2 ;; libsvtav1) echo SvtAv1Enc ;;
        chromaprint) echo libchromaprint ;; opencl) echo OpenCL ;; opengl) echo gl ;;
        libdc1394) echo libdc1394-2 ;; libsrt) echo srt ;;
        *) echo "$1 ${1#lib}" ;;
    esac
}
kept= dropped=
for f in $flags; do
    case $f in
        --enable-lib*|--enable-lv2|--enable-gnutls|--enable-ladspa|--enable-openal|--enable-opencl|\
        --enable-opengl|--enable-sdl2|--enable-chromaprint|--enable-frei0r|--enable-pocketsphinx|--enable-omx)
            name=${f#--enable-}
            have=
            for pc in $(pc_names "$name"); do "$pkg_config" --exists "$pc" 2>/dev/null && have=1; done
            if [ -n "$have" ]; then kept="$kept $f"; else dropped="$dropped $f"; fi ;;
        --enable-shared|--disable-static|--enable-static) ;;
        *) kept="$kept $f" ;;
    esac
done

# shellcheck source=patches/tree.sh
. "$here/tree.sh"
prepare_tree "$src" "$work/tree"
cd "$work/tree"
# shellcheck disable=SC2086
set -- $kept --enable-shared --disable-static --disable-programs --disable-doc \
    --enable-libmsgpack --enable-libkissfft
if command -v ccache >/dev/null 2>&1; then set -- "$@" --cc="ccache $cc"; fi
configure_when_changed "build-dropin: FFmpeg $upstream like the installed build" "$@"
so=libavfilter/libavfilter.so.$major
echo "build-dropin: building $so" >&2
# DEP_LIBS= links against the system's other libav* instead of building them.
make -j"$jobs" "$so" DEP_LIBS= > build.log 2>&1 || { grep -E 'error' build.log | head >&2; die "build failed (see $work/tree/build.log)"; }

mkdir -p "$work/lib" "$work/bin"
cp "$so" "$work/lib/"
for prog in ffmpeg ffprobe; do
    cat > "$work/bin/$prog" <<W
#!/bin/sh
# The system's $prog with Montage's libavfilter ($upstream); made by build-dropin.sh.
v=\$(dpkg-query -W -f '\${Version}' libavfilter$major 2>/dev/null | sed 's/^[0-9]*://; s/-.*//')
[ -z "\$v" ] || [ "\$v" = "$upstream" ] || { echo "montage drop-in: built for FFmpeg $upstream, the system has \$v: rebuild it (make dropin)" >&2; exit 1; }
LD_LIBRARY_PATH="$work/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec /usr/bin/$prog "\$@"
W
    chmod +x "$work/bin/$prog"
done
{
    echo "# configure flags of the installed FFmpeg $upstream left out (library missing here):"
    echo "${dropped:- none}" | tr ' ' '\n' | sed '/^$/d'
    if [ -x /usr/bin/ffmpeg ]; then
        echo "# filters of /usr/bin/ffmpeg that the drop-in therefore lacks:"
        filters() { "$1" -hide_banner -filters 2>/dev/null | awk '$1 ~ /^[.TSC][.TSC][.TSC]$/ && $3 ~ /->/ { print $2 }' | sort; }
        filters /usr/bin/ffmpeg > "$probe/stock"
        filters "$work/bin/ffmpeg" > "$probe/dropin"
        comm -23 "$probe/stock" "$probe/dropin"
    fi
} > "$work/DROPPED"
echo "build-dropin: $work/bin/ffmpeg runs /usr/bin/ffmpeg with the Montage filters; left out:${dropped:- nothing}" >&2
