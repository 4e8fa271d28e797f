# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Montage top-level build. ./configure writes config.mak; without it the
# defaults below (pkg-config lookups) are enough for the FFmpeg-independent
# parts: the analysis library, the sidecar library, the tools and unit tests.
-include config.mak
.DEFAULT_GOAL := all

CC         ?= cc
PKG_CONFIG ?= pkg-config
PREFIX     ?= /usr/local
BUILD      ?= build
MSGPACK_PC ?= $(shell $(PKG_CONFIG) --exists msgpack-c && echo msgpack-c || echo msgpack)
DEP_PCS     = $(MSGPACK_PC) kissfft-float libxxhash
DEP_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags $(DEP_PCS))
DEP_LIBS   ?= $(shell $(PKG_CONFIG) --libs $(DEP_PCS)) -lm

CFLAGS     ?= -O2 -g
WARNFLAGS   = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
              -Wmissing-prototypes -Wvla -Wformat=2
# No fused multiply-add: the SSE2 loops (audio_resample.c, beat_tracker.c,
# beat_subframe.c) round a*b and then a+b, and their plain-C twins must give
# the same bytes. clang (and gcc with gnu modes or -ffp-contract=fast) would
# fuse a*b+c in the plain C on FMA targets (-march=haswell, arm64). gcc with
# -std=c11 already does not, so its output is unchanged by this flag.
FPFLAGS     = -ffp-contract=off
ALL_CFLAGS  = $(WARNFLAGS) $(FPFLAGS) -D_POSIX_C_SOURCE=200809L -I. $(DEP_CFLAGS) \
              $(CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# Library code: every .c in analysis/ (and its scene/, beat/ and audio/
# folders), cache/ and driver/ (mains live in cache/cli/, driver/cli/ and
# tests/, so they are not picked up).
ANALYSIS_SRC = $(sort $(wildcard analysis/*.c analysis/*/*.c))
CACHE_SRC    = $(sort $(wildcard cache/*.c))
DRIVER_SRC   = $(sort $(wildcard driver/*.c))
ANALYSIS_OBJ = $(ANALYSIS_SRC:%.c=$(BUILD)/%.o)
CACHE_OBJ    = $(CACHE_SRC:%.c=$(BUILD)/%.o)
DRIVER_OBJ   = $(DRIVER_SRC:%.c=$(BUILD)/%.o)
LIBMONTAGE   = $(BUILD)/libmontage.a

UNIT_SRC     = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN     = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC     = $(sort $(wildcard tests/tools/*.c))
TOOL_BIN     = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)

-include Makefile.d/*.mk

.PHONY: all lib unit tools ffmpeg ffmpeg-asan dropin check install clean distclean
all: lib tools driver programs

# Every program in build/bin, next to the project's ffmpeg and ffprobe:
# montage-analyze and montage-fast-scene look for them in their own
# directory before $PATH (driver/tool_lookup.h). Hard links, not symlinks:
# /proc/self/exe names the link a program was started by, but the target
# of a symlink.
PROGRAMS      = $(DRIVER_BIN) $(FAST_SCENE_BIN) $(CACHE_CLI)
PROGRAM_LINKS = $(PROGRAMS:$(BUILD)/%=$(BUILD)/bin/%)
.PHONY: programs
programs: $(PROGRAM_LINKS)
$(PROGRAM_LINKS): $(BUILD)/bin/%: $(BUILD)/%
	@mkdir -p $(dir $@)
	ln -f $< $@
lib: $(LIBMONTAGE)
unit: $(UNIT_BIN)
tools: $(TOOL_BIN)

# FFmpeg with the filters: a patched copy of $(FFMPEG_SRC) built in
# $(BUILD)/ffmpeg (see patches/). Always delegated: FFmpeg's own make knows
# what is up to date, and a changed filter source relinks in seconds.
WITH_FFMPEG    ?= yes
FFMPEG_PROFILE ?= analysis
FFMPEG_BIN      = $(BUILD)/bin/ffmpeg
ifeq ($(WITH_FFMPEG),yes)
all: ffmpeg
endif
ffmpeg:
	@test -n "$(FFMPEG_SRC)" || { echo "no FFmpeg source: run ./configure first" >&2; exit 1; }
	CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" patches/build-ffmpeg.sh "$(FFMPEG_SRC)" $(BUILD)/ffmpeg $(FFMPEG_PROFILE) >/dev/null
	@mkdir -p $(BUILD)/bin
	ln -sf ../ffmpeg/ffmpeg $(BUILD)/bin/ffmpeg
	ln -sf ../ffmpeg/ffprobe $(BUILD)/bin/ffprobe

# The same FFmpeg built with ASan+UBSan in its own tree, for the graph
# lifecycle tests (tests/run asan). Each flag is one word: build-ffmpeg.sh
# splits MONTAGE_FFMPEG_FLAGS on spaces. No assembly: ASan's ODR indicator
# symbols (__odr_asan.ff_extern) fool configure's symbol-prefix probe, so
# nasm objects and inline asm would name the wrong symbols (5.1 fails to
# link); the C paths are what ASan can see anyway. -g1: file and line in
# reports (FFmpeg adds -fomit-frame-pointer, so lifecycle.sh asks ASan for
# its slow unwinder).
FFMPEG_ASAN_FLAGS = --disable-asm --extra-cflags=-fsanitize=address,undefined --extra-cflags=-g1 \
                    --extra-ldflags=-fsanitize=address,undefined
ffmpeg-asan:
	@test -n "$(FFMPEG_SRC)" || { echo "no FFmpeg source: run ./configure first" >&2; exit 1; }
	CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" MONTAGE_FFMPEG_FLAGS="$(FFMPEG_ASAN_FLAGS)" \
	    patches/build-ffmpeg.sh "$(FFMPEG_SRC)" $(BUILD)/asan/ffmpeg $(FFMPEG_PROFILE) >/dev/null

# The machine's own Debian/Ubuntu FFmpeg with the filters added: a rebuilt
# libavfilter used through the wrappers in $(BUILD)/dropin/bin.
dropin:
	CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" patches/build-dropin.sh $(BUILD)/dropin

# The whole suite; tests/run prints "N passed, N failed" last.
check: all
	tests/run

# The main job on generated media (rules in Makefile.d/driver.mk).
demo: all

# Programs, the sidecar library with its pkg-config file, man pages.
install: all install-cache install-driver
ifeq ($(WITH_FFMPEG),yes)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/ffmpeg/ffmpeg $(DESTDIR)$(PREFIX)/bin/ffmpeg
	install -m 755 $(BUILD)/ffmpeg/ffprobe $(DESTDIR)$(PREFIX)/bin/ffprobe
endif

distclean: clean
	rm -f config.mak

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIBMONTAGE): $(ANALYSIS_OBJ) $(CACHE_OBJ) $(DRIVER_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBMONTAGE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBMONTAGE) $(DEP_LIBS)

$(BUILD)/tools/%: $(BUILD)/tests/tools/%.o $(LIBMONTAGE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBMONTAGE) $(DEP_LIBS)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
