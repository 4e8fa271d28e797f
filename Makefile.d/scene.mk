# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montagescene core: the benchmark (not a test). `make bench-scene` builds
# and runs it; numbers depend on the machine.
SCENE_BENCH = $(BUILD)/bench/scene_core_bench

.PHONY: bench-scene
bench-scene: $(SCENE_BENCH)
	$(SCENE_BENCH)

$(SCENE_BENCH): $(BUILD)/bench/scene_core_bench.o $(LIBMONTAGE)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBMONTAGE) $(DEP_LIBS)
