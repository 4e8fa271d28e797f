# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# montage-analyze, the batch driver (issue 6). Its library code (driver/*.c)
# is in libmontage.a via the top Makefile; only main() is built here.
DRIVER_BIN  = $(BUILD)/montage-analyze
DRIVER_MAIN = driver/cli/montage-analyze.c
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
# The project's ffmpeg (lead's build); override to use another one.
MONTAGE_FFMPEG_BIN  ?= $(CURDIR)/build/bin/ffmpeg
MONTAGE_FFPROBE_BIN ?= $(CURDIR)/build/bin/ffprobe
DEMO_DIR    = $(BUILD)/demo

.PHONY: driver install-driver demo check-driver bench-driver

driver: $(DRIVER_BIN)

$(DRIVER_BIN): $(BUILD)/driver/cli/montage-analyze.o $(LIBMONTAGE)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBMONTAGE) $(DEP_LIBS) $(JANSSON_LIBS)

install-driver: $(DRIVER_BIN) $(FAST_SCENE_BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(DRIVER_BIN) $(DESTDIR)$(BINDIR)/montage-analyze
	install -m 755 $(FAST_SCENE_BIN) $(DESTDIR)$(BINDIR)/montage-fast-scene
	install -m 644 doc/montage-analyze.1 $(DESTDIR)$(MANDIR)/man1/montage-analyze.1

# Shell tests of the driver against the project's ffmpeg.
check-driver: $(DRIVER_BIN) $(TOOL_BIN) $(CACHE_CLI)
	@for t in tests/driver/test_*.sh; do \
	    MONTAGE_ANALYZE=$(CURDIR)/$(DRIVER_BIN) MONTAGE_FFMPEG=$(MONTAGE_FFMPEG_BIN) \
	    MONTAGE_FFPROBE=$(MONTAGE_FFPROBE_BIN) sh $$t || exit 1; done

bench-driver: $(DRIVER_BIN) $(TOOL_BIN)
	MONTAGE_ANALYZE=$(CURDIR)/$(DRIVER_BIN) MONTAGE_FFMPEG=$(MONTAGE_FFMPEG_BIN) \
	MONTAGE_FFPROBE=$(MONTAGE_FFPROBE_BIN) sh bench/driver_bench.sh

# End to end: a few clips and a song from lavfi sources, analysed.
demo: $(DRIVER_BIN) $(CACHE_CLI)
	@mkdir -p $(DEMO_DIR)
	MONTAGE_FFMPEG=$(MONTAGE_FFMPEG_BIN) sh tests/driver/make_media.sh demo $(DEMO_DIR)
	MONTAGE_FFMPEG=$(MONTAGE_FFMPEG_BIN) MONTAGE_FFPROBE=$(MONTAGE_FFPROBE_BIN) \
	    $(DRIVER_BIN) --json --force $(DEMO_DIR); echo "exit status $$?"
	@echo "== again: everything is cached now"
	MONTAGE_FFMPEG=$(MONTAGE_FFMPEG_BIN) MONTAGE_FFPROBE=$(MONTAGE_FFPROBE_BIN) \
	    $(DRIVER_BIN) --json $(DEMO_DIR); echo "exit status $$?"
	@if [ -n "$(CACHE_CLI)" ] && [ -x "$(CACHE_CLI)" ]; then \
	    for f in $(DEMO_DIR)/cuts.*.scene.montage.msgpack $(DEMO_DIR)/song.wav.beat.montage.msgpack; do \
	        echo "== $(CACHE_CLI) show $$f"; $(CACHE_CLI) show "$$f" | head -30; done; \
	fi

# The fast mode's helper (montage-analyze --fast runs it from its own directory).
FAST_SCENE_BIN = $(BUILD)/montage-fast-scene
driver: $(FAST_SCENE_BIN)
$(FAST_SCENE_BIN): $(BUILD)/driver/cli/montage-fast-scene.o $(LIBMONTAGE)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBMONTAGE) $(DEP_LIBS)
