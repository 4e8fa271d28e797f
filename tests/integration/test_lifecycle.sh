#!/bin/sh
# A graph freed at any moment: before its first frame, mid-stream, after
# EOF; with and without a sidecar; both filters. Hosts that stop early
# (ffprobe -read_intervals, ffmpeg -t and -frames, an application freeing
# its graph) must not crash, leak or touch freed memory, and the sidecar
# they leave must say whether the input's end was seen.
#
# Memory errors are caught by valgrind's memcheck on the normal build: it
# sees reads of freed memory in any code, FFmpeg's included, so no
# sanitizer build of FFmpeg is needed (minutes of CI time saved); the runs
# are a few frames of small pictures.
. "$(dirname "$0")/../lib.sh"
CLI=$BUILD/montage-sidecar
command -v valgrind >/dev/null 2>&1 || { fail lifecycle "valgrind is not installed (bootstrap installs it)"; finish; }
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"

# field FILE KEY: a status field of a sidecar ("complete" or "units_seen")
status_field() {
    $PYTHON -c "
import sys; sys.path.insert(0, '$ROOT/tests/integration')
import sidecar_assert as s
v = s.load(sys.argv[1])['status'][sys.argv[2]]
print(str(v).lower())" "$1" "$2"
}
# memcheck NAME COMMAND...: the command succeeds with no memcheck error
memcheck() {
    name=$1; shift
    if $VG "$@" > "$T/$name.out" 2> "$T/$name.err"; then ok "$name"
    else fail "$name" "exit $?: $(grep -m 3 -E '==[0-9]+==|rror' "$T/$name.err" | tr '\n' ' ')"; fi
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
    memcheck "${f}_read_intervals" "$FFPROBE" -v error -f lavfi -i "$src,$f" \
        -read_intervals %+#10 -show_entries frame=pts_time -of csv
    memcheck "${f}_read_intervals_sidecar" "$FFPROBE" -v error -f lavfi -i "$src,$f=sidecar=$T/$f-ri.msgpack" \
        -read_intervals %+#10 -show_entries frame=pts_time -of csv
    expect_status "${f}_read_intervals_incomplete" "$T/$f-ri.msgpack" false
    # ffmpeg -t: a trim after the filter stops the chain
    memcheck "${f}_t" "$FFMPEG" -nostdin -v error -f lavfi -i "$src" -t 1 \
        -filter:0 "$f=sidecar=$T/$f-t.msgpack" -f null -
    expect_status "${f}_t_incomplete" "$T/$f-t.msgpack" false
    # the whole input: complete
    memcheck "${f}_eof" "$FFMPEG" -nostdin -v error -f lavfi -i "$src" -filter:0 "$f=sidecar=$T/$f-eof.msgpack" -f null -
    expect_status "${f}_eof_complete" "$T/$f-eof.msgpack" true
done
# -frames: ffmpeg 5.1 flushes its decoder, so the filter sees an end of
# input it cannot tell from the real one; the sidecar's duration tells.
memcheck montagescene_frames "$FFMPEG" -nostdin -v error -f lavfi -i "$vsrc" -frames:v 10 \
    -vf "montagescene=sidecar=$T/frames.msgpack" -f null -
[ -f "$T/frames.msgpack" ] && [ "$(status_field "$T/frames.msgpack" units_seen)" -lt 100 ] &&
    ok montagescene_frames_partial || fail montagescene_frames_partial "no sidecar or all 100 frames"

# An application freeing its graph (tests/integration/graph_free.c, linked
# with the built static libraries).
lib_dir=$BUILD/ffmpeg
libs=""
for l in avfilter swscale avformat avcodec swresample avutil; do
    [ -f "$lib_dir/lib$l/lib$l.a" ] && libs="$libs $lib_dir/lib$l/lib$l.a"
done
extra=$(sed -n 's/^EXTRALIBS-[a-z]*=//p' "$lib_dir/ffbuild/config.mak" | tr '\n' ' ')
if ! ${CC:-cc} -g -O1 -I"$lib_dir" -o "$T/graph_free" "$ROOT/tests/integration/graph_free.c" $libs $extra \
        > "$T/cc.err" 2>&1; then
    fail graph_free_build "$(head -n 5 "$T/cc.err" | tr '\n' ' ')"
    finish
fi
for kind in scene beat; do
    for when in parsed configured 1 12 eof; do
        rm -f "$T/g.msgpack"
        memcheck "graph_free_${kind}_$when" "$T/graph_free" $kind "$T/g.msgpack" $when
        case $when in
        parsed|configured)
            [ ! -e "$T/g.msgpack" ] && ok "graph_free_${kind}_${when}_no_sidecar" ||
                fail "graph_free_${kind}_${when}_no_sidecar" "a sidecar was written before any frame" ;;
        eof) expect_status "graph_free_${kind}_${when}_complete" "$T/g.msgpack" true ;;
        *)   expect_status "graph_free_${kind}_${when}_incomplete" "$T/g.msgpack" false ;;
        esac
    done
    # without a sidecar, mid-stream
    memcheck "graph_free_${kind}_no_sidecar_mid" "$T/graph_free" $kind "" 5
done
finish
