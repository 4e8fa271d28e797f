# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Generated music with known beats for the beat tests (source it).

# drums BPM METER DURATION RATE CHANNELS: a lavfi source of a drum pattern
# at BPM in METER (kick on bar starts, louder; snare on the other beats;
# hi-hat on eighths), first beat at t=0. Expressions are quoted so their
# commas stay inside aevalsrc.
drums() {
    p=$(awk "BEGIN { print 60 / $1 }")
    expr="0.9*eq(mod(floor(t/$p),$2),0)*sin(2*PI*55*t)*exp(-mod(t,$p)*25)"
    expr="$expr+0.4*gt(mod(floor(t/$p),$2),0)*(random(0)-0.5)*exp(-mod(t,$p)*40)"
    expr="$expr+0.15*(random(1)-0.5)*exp(-mod(t,$p/2)*120)"
    echo "aevalsrc='$expr|$expr':s=$4:d=$3,aformat=channel_layouts=stereo,pan=$5|c0=c0"
}
