# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montagebeat analysis core (analysis/audio/audio_*.c, analysis/beat/beat_*.c): the
# core speed bench. The library objects, unit tests and tools (beat_cli)
# come from the top Makefile's wildcards.
#
#   make BUILD=build-beat bench-beat   # core speed, x real time, one core
#   tests/tools/eval_beats.sh MEDIA_DIR OUT_DIR build-beat   # dev scoring

BEAT_BENCH = $(BUILD)/bench/beat_core_bench

.PHONY: bench-beat
$(BEAT_BENCH): $(BUILD)/bench/beat_core_bench.o $(LIBMONTAGE)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBMONTAGE) $(DEP_LIBS)

bench-beat: $(BEAT_BENCH)
	$(BEAT_BENCH)

# The beat core's hot loops (downmix, decimator, spectrum) are written for
# the vectoriser, and FFmpeg's tree builds Montage's objects with it
# (patches/apply-ffmpeg.sh); build them the same way here so beat_cli and
# bench-beat run the code that ships. The optimisation level stays CFLAGS'.
$(BUILD)/analysis/beat/%.o $(BUILD)/analysis/audio/%.o: CFLAGS += -ftree-vectorize -fvect-cost-model=dynamic
