#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Dependencies point one way, and the folders say so:
#   analysis/  the kernels: plain C, no FFmpeg, no msgpack, no sidecar
#   cache/     the sidecar module (uses analysis/); cache/cli/ is the
#              montage-sidecar program on top of it and of export/
#   export/    exports (uses cache/ and analysis/)
#   driver/    montage-analyze (uses all of the above)
#   vf_montagescene.c, af_montagebeat.c, montage_glue.*: the filters
# This test names every #include that points the wrong way.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

# files under DIR (sources and headers), minus the paths matching SKIP
sources() { # DIR [SKIP]
    find "$1" -type f \( -name '*.c' -o -name '*.h' \) | { [ -n "${2:-}" ] && grep -v "$2" || cat; } | sort
}
# the #include lines of FILES that match the extended regex PATTERN
bad_includes() { # PATTERN FILES...
    pattern=$1; shift
    [ $# -gt 0 ] || return 0
    grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$@" | cut -d: -f1,2
}
layer_case() { # NAME PATTERN WHY FILES...
    name=$1 pattern=$2 why=$3; shift 3
    found=$(bad_includes "$pattern" "$@" | tr '\n' ' ')
    if [ -z "$found" ]; then ok "$name"; else fail "$name" "$why: $found"; fi
}

analysis=$(sources analysis)
cache_lib=$(sources cache '^cache/\(cli\|fuzz\)/')
cache_cli=$(sources cache/cli)
export_src=$(sources export)
driver_src=$(sources driver)
[ -n "$analysis" ] && [ -n "$cache_lib" ] && [ -n "$cache_cli" ] && [ -n "$export_src" ] &&
    [ -n "$driver_src" ] ||
    { fail layers_sources "no sources found under analysis/, cache/, cache/cli/, export/ or driver/"; finish; }

filters='montage_glue\.h|montage_compat\.h'
# shellcheck disable=SC2086 # word splitting of the file lists is intended
{
layer_case layers_analysis "cache/|driver/|export/|msgpack|libav|$filters" \
    "analysis/ includes the sidecar module, the driver, the exports, msgpack or FFmpeg" $analysis
layer_case layers_cache "driver/|export/|libav|$filters" \
    "the sidecar library (cache/) includes the driver, the exports or FFmpeg" $cache_lib
layer_case layers_cache_cli "driver/|libav|$filters" \
    "montage-sidecar (cache/cli/) includes the driver or FFmpeg" $cache_cli
layer_case layers_export "driver/|cache/cli/|libav|$filters" \
    "export/ includes the driver, the CLI or FFmpeg" $export_src
layer_case layers_driver "cache/cli/|libav|$filters" \
    "driver/ (which runs ffmpeg as a program) includes the CLI, FFmpeg or the filter glue" $driver_src
}

# The test itself must see a wrong include: a made-up kernel file that
# includes the sidecar model.
mkdir -p "$T/analysis"
printf '#include "cache/sidecar_model.h"\n' > "$T/analysis/wrong.c"
if [ -n "$(bad_includes 'cache/' "$T/analysis/wrong.c")" ]; then ok layers_detects_wrong_include
else fail layers_detects_wrong_include "an analysis file including cache/ went unnoticed"; fi
finish
