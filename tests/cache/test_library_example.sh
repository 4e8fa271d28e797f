#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# libmontage-sidecar as a C program outside the tree uses it: installed
# (make install-cache into a DESTDIR), the documented example
# (doc/example_read_sidecar.c, quoted in montage-sidecar(5)) compiled with
# pkg-config's flags, shared and static, and run on sample sidecars:
# exact output, and one line with the reader's error class for a file
# that is no sidecar.
set -u
. "$(dirname "$0")/../lib.sh"
SAMPLE=${SAMPLE:-$BUILD/tools/sidecar_sample}
EXAMPLE=$ROOT/doc/example_read_sidecar.c
CC=${CC:-cc}

if [ ! -f "$EXAMPLE" ]; then fail library_example_exists "no $EXAMPLE"; finish; fi
ok library_example_exists
# the page shows the same program, from its first #include on (roff's \e
# is a backslash there)
sed -n '/^#include <stdio.h>/,$p' "$EXAMPLE" > "$T/example.c"
sed -n '/^\.SH C LIBRARY/,/^\.SH/p' "$ROOT/doc/montage-sidecar.5" | sed -n '/^#include <stdio.h>/,/^\.ft$/p' |
    sed -e '$d' -e 's/\\e/\\/g' > "$T/page.c"
if [ -s "$T/page.c" ] && cmp -s "$T/example.c" "$T/page.c"; then ok library_example_documented
else fail library_example_documented "montage-sidecar(5), C LIBRARY, differs from $EXAMPLE"; fi

D=$T/root
if ! make -s -C "$ROOT" install-cache DESTDIR="$D" PREFIX=/opt/montage > "$T/install.log" 2>&1; then
    fail library_install "$(tail -n 3 "$T/install.log")"; finish; fi
# the soname says the interface: 2 since cache_gc.h changed incompatibly
# (MtGcReport's dirfd, MtGcOptions' kept before opaque)
soname=$(LC_ALL=C readelf -d "$D/opt/montage/lib/libmontage-sidecar.so" 2>&1 | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
expect_eq library_soname "$soname $(ls "$D/opt/montage/lib" | grep '^libmontage-sidecar\.so\.')" \
    "libmontage-sidecar.so.2 libmontage-sidecar.so.2"
export PKG_CONFIG_SYSROOT_DIR="$D" PKG_CONFIG_PATH="$D/opt/montage/lib/pkgconfig" PKG_CONFIG_LIBDIR="$D/opt/montage/lib/pkgconfig:/usr/lib/x86_64-linux-gnu/pkgconfig:/usr/lib/pkgconfig:/usr/share/pkgconfig"
if cflags=$(pkg-config --cflags montage-sidecar) && libs=$(pkg-config --libs montage-sidecar) &&
   slibs=$(pkg-config --static --libs montage-sidecar); then ok library_pkg_config
else fail library_pkg_config "pkg-config montage-sidecar failed"; finish; fi

# shellcheck disable=SC2086 # flag lists
"$CC" -std=c11 -Wall -Wextra -Werror $cflags -o "$T/example" "$EXAMPLE" $libs 2> "$T/cc.err" &&
    ok library_example_builds || fail library_example_builds "$(head -n 3 "$T/cc.err")"
# shellcheck disable=SC2086
"$CC" -std=c11 -static $cflags -o "$T/example_static" "$EXAMPLE" $slibs 2> "$T/cc.err" &&
    ok library_example_builds_static || fail library_example_builds_static "$(head -n 3 "$T/cc.err")"

printf 'media bytes' > "$T/clip.mp4"
"$SAMPLE" scene "$T/clip.mp4.scene.montage.msgpack" --media "$T/clip.mp4"
"$SAMPLE" beat "$T/clip.mp4.beat.montage.msgpack" --media "$T/clip.mp4"
printf 'not a sidecar\n' > "$T/notes.txt"
for bin in example example_static; do
    [ -x "$T/$bin" ] || continue
    LD_LIBRARY_PATH="$D/opt/montage/lib" "$T/$bin" "$T/clip.mp4.scene.montage.msgpack" \
        "$T/clip.mp4.beat.montage.msgpack" "$T/notes.txt" > "$T/out" 2> "$T/err"
    rc=$?
    "$BUILD/montage-sidecar" dump --json "$T/clip.mp4.scene.montage.msgpack" > "$T/scene.json"
    "$BUILD/montage-sidecar" dump --json "$T/clip.mp4.beat.montage.msgpack" > "$T/beat.json"
    # what the example prints, from montage-sidecar's own reading
    want=$("$PYTHON" - "$T" <<'PY'
import json, sys
t = sys.argv[1]
s = json.load(open(t + "/scene.json"))["scene"]
b = json.load(open(t + "/beat.json"))["beat"]
print("%s/clip.mp4.scene.montage.msgpack: %d shots" % (t, len(s["scenes"])))
for tr in s["transitions"]:
    print("  %s at frame %d (%.3f s)" % (tr["type"], tr["frame"], tr["t"]))
print("%s/clip.mp4.beat.montage.msgpack: %.2f bpm, %d beats" % (t, b["tempo"]["bpm"], len(b["beats"]["t"]["data"])))
PY
)
    expect_eq "library_${bin}_output" "$rc $(cat "$T/out")" "1 $want"
    expect_eq "library_${bin}_error" "$(cat "$T/err")" \
        "$T/notes.txt: not-a-sidecar: not a montage sidecar: the file does not start with a msgpack map"
done
finish
