#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# A graph freed at any moment: before its first frame, mid-stream, after
# EOF; with and without a sidecar; both filters. Hosts that stop early
# (ffprobe -read_intervals, ffmpeg -t and -frames, an application freeing
# its graph) must not crash, leak or touch freed memory, and the sidecar
# they leave must say whether the input's end was seen.
#
#   sh tests/integration/lifecycle.sh asan        (tests/run asan)
#   sh tests/integration/lifecycle.sh valgrind    (tests/run valgrind)
#
# asan: FFmpeg and the filters built with ASan+UBSan ($BUILD/asan/ffmpeg,
# make ffmpeg-asan), leaks checked at exit; it sees a freed link read by
# uninit at once. valgrind: memcheck on the normal build, which also sees
# reads of uninitialised memory (ASan does not).
. "$(dirname "$0")/../lib.sh"
mode=${1:-asan}
case $mode in
asan)
    lib_dir=$BUILD/asan/ffmpeg
    FFMPEG=$lib_dir/ffmpeg_g FFPROBE=$lib_dir/ffprobe_g
    [ -x "$FFMPEG" ] && [ -x "$FFPROBE" ] ||
        { fail lifecycle "no ASan build in $lib_dir (make ffmpeg-asan)"; finish; }
    san_cflags="-fsanitize=address,undefined -fno-omit-frame-pointer"
    # halt_on_error: a UBSan report fails the run like an ASan one. FFmpeg
    # omits frame pointers, so leak stacks need ASan's slow unwinder.
    export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:exitcode=98
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=97
    RUN=""
    report='ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: '
    ;;
valgrind)
    lib_dir=$BUILD/ffmpeg
    command -v valgrind >/dev/null 2>&1 || { fail lifecycle "valgrind is not installed (bootstrap installs it)"; finish; }
    san_cflags=""
    RUN="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
    report='==[0-9]+=='
    ;;
*) echo "usage: lifecycle.sh asan|valgrind" >&2; exit 2 ;;
esac

# field FILE KEY: a status field of a sidecar ("complete" or "units_seen")
status_field() {
    $PYTHON -c "
import sys; sys.path.insert(0, '$ROOT/tests/integration')
import sidecar_assert as s
v = s.load(sys.argv[1])['status'][sys.argv[2]]
print(str(v).lower())" "$1" "$2"
}
# clean NAME COMMAND...: the command succeeds with no sanitizer or memcheck report
clean() {
    name=$1; shift
    # shellcheck disable=SC2086
    $RUN "$@" > "$T/$name.out" 2> "$T/$name.err"
    rc=$?
    if [ $rc -eq 0 ] && ! grep -q -E "$report" "$T/$name.err"; then ok "$name"
    else fail "$name" "exit $rc: $(grep -m 4 -E "$report|rror|#[0-3] " "$T/$name.err" | tr '\n' ' ')"; fi
}
# expect_status NAME SIDECAR COMPLETE
expect_status() {
    if [ ! -f "$2" ]; then fail "$1" "no sidecar $2"; return; fi
    expect_eq "$1" "$(status_field "$2" complete)" "$3"
}

vsrc="testsrc2=s=160x120:r=25:d=4"
asrc="sine=f=440:beep_factor=4:d=4"
for f in montagescene montagebeat; do
    src=$vsrc; [ $f = montagebeat ] && src=$asrc
    # ffprobe frees the graph after the interval: the crash of issue 12
    clean "${f}_read_intervals" "$FFPROBE" -v error -f lavfi -i "$src,$f" \
        -read_intervals %+#10 -show_entries frame=pts_time -of csv
    clean "${f}_read_intervals_sidecar" "$FFPROBE" -v error -f lavfi -i "$src,$f=sidecar=$T/$f-ri.msgpack" \
        -read_intervals %+#10 -show_entries frame=pts_time -of csv
    expect_status "${f}_read_intervals_incomplete" "$T/$f-ri.msgpack" false
    # ffmpeg -t: a trim after the filter stops the chain
    clean "${f}_t" "$FFMPEG" -nostdin -v error -f lavfi -i "$src" -t 1 \
        -filter:0 "$f=sidecar=$T/$f-t.msgpack" -f null -
    expect_status "${f}_t_incomplete" "$T/$f-t.msgpack" false
    clean "${f}_t_no_sidecar" "$FFMPEG" -nostdin -v error -f lavfi -i "$src" -t 1 -filter:0 "$f" -f null -
    # the whole input: complete
    clean "${f}_eof" "$FFMPEG" -nostdin -v error -f lavfi -i "$src" -filter:0 "$f=sidecar=$T/$f-eof.msgpack" -f null -
    expect_status "${f}_eof_complete" "$T/$f-eof.msgpack" true
done
# -frames: ffmpeg 5.1 flushes its decoder, so the filter sees an end of
# input it cannot tell from the real one; with the source's duration
# (source_duration=) it marks the sidecar incomplete itself.
for f in montagescene montagebeat; do
    src=$vsrc lim=-frames:v; [ $f = montagebeat ] && src=$asrc lim=-frames:a
    clean "${f}_frames" "$FFMPEG" -nostdin -v error -f lavfi -i "$src" $lim 10 \
        -filter:0 "$f=sidecar=$T/$f-frames.msgpack:source_duration=4" -f null -
    expect_status "${f}_frames_incomplete" "$T/$f-frames.msgpack" false
    clean "${f}_frames_no_sidecar" "$FFMPEG" -nostdin -v error -f lavfi -i "$src" $lim 10 \
        -filter:0 "$f" -f null -
done

# montagescene passing frames on untagged (frame_metadata=0), stopped
# inside a recolouring's wait (frames 20..39 tinted, where the default
# holds frames): incomplete sidecars, as with holding.
tint="testsrc2=s=160x120:r=25:d=4,format=yuv420p[a];color=red@0.5:s=160x120:r=25:d=4,format=yuva420p[r];[a][r]overlay=enable='between(n,20,39)',format=yuv420p"
pass="montagescene=frame_metadata=0:source_duration=4:sidecar=$T/pass"
clean montagescene_pass_read_intervals "$FFPROBE" -v error -f lavfi -i "$tint,$pass-ri.msgpack" \
    -read_intervals %+#30 -show_entries frame=pts_time -of csv
expect_status montagescene_pass_read_intervals_incomplete "$T/pass-ri.msgpack" false
clean montagescene_pass_t "$FFMPEG" -nostdin -v error -filter_complex "$tint,$pass-t.msgpack" -t 1.2 -f null -
expect_status montagescene_pass_t_incomplete "$T/pass-t.msgpack" false
clean montagescene_pass_frames "$FFMPEG" -nostdin -v error -filter_complex "$tint,$pass-frames.msgpack" \
    -frames:v 30 -f null -
expect_status montagescene_pass_frames_incomplete "$T/pass-frames.msgpack" false
clean montagescene_pass_eof "$FFMPEG" -nostdin -v error -filter_complex "$tint,$pass-eof.msgpack" -f null -
expect_status montagescene_pass_eof_complete "$T/pass-eof.msgpack" true

# An application freeing its graph (tests/integration/graph_free.c, linked
# with the built static libraries).
libs=""
for l in avfilter swscale avformat avcodec swresample avutil; do
    [ -f "$lib_dir/lib$l/lib$l.a" ] && libs="$libs $lib_dir/lib$l/lib$l.a"
done
extra=$(sed -n 's/^EXTRALIBS-[a-z]*=//p' "$lib_dir/ffbuild/config.mak" | tr '\n' ' ')
# shellcheck disable=SC2086
if ! ${CC:-cc} -g -O1 $san_cflags -I"$lib_dir" -o "$T/graph_free" "$ROOT/tests/integration/graph_free.c" \
        $libs $extra $san_cflags > "$T/cc.err" 2>&1; then
    fail graph_free_build "$(head -n 5 "$T/cc.err" | tr '\n' ' ')"
    finish
fi
for kind in scene beat; do
    for when in parsed configured 1 12 eof; do
        rm -f "$T/g.msgpack"
        clean "graph_free_${kind}_$when" "$T/graph_free" $kind "$T/g.msgpack" $when
        case $when in
        parsed|configured)
            [ ! -e "$T/g.msgpack" ] && ok "graph_free_${kind}_${when}_no_sidecar" ||
                fail "graph_free_${kind}_${when}_no_sidecar" "a sidecar was written before any frame" ;;
        eof) expect_status "graph_free_${kind}_${when}_complete" "$T/g.msgpack" true ;;
        *)   expect_status "graph_free_${kind}_${when}_incomplete" "$T/g.msgpack" false ;;
        esac
    done
    # without a sidecar, mid-stream
    clean "graph_free_${kind}_no_sidecar_mid" "$T/graph_free" $kind "" 5
done
finish
