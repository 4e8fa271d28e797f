# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Sidecar module (cache/): the montage-sidecar CLI, the reader library
# (static + shared + pkg-config file), the fuzz target, the benches, the
# shell tests and install-cache. Included by the top Makefile; the library
# objects themselves are in $(LIBMONTAGE) through its cache/*.c wildcard.
#
# Variables for the lead's rules: CACHE_CLI, LIBSIDECAR (both libraries),
# LIBSIDECAR_A, LIBSIDECAR_SO, SIDECAR_PC, CACHE_FUZZ, CACHE_BENCH.

SIDECAR_VERSION  := $(shell sed -n 's/^\#define MONTAGE_VERSION "\(.*\)"/\1/p' analysis/montage_version.h)
# 2: cache_gc.h's MtGcReport gained the folder's dirfd and MtGcOptions the
# kept callback before opaque (a program built against 1 breaks)
SIDECAR_SOMAJOR   = 2
LIBSIDECAR_A      = $(BUILD)/libmontage-sidecar.a
LIBSIDECAR_SO     = $(BUILD)/libmontage-sidecar.so
LIBSIDECAR_SONAME = libmontage-sidecar.so.$(SIDECAR_SOMAJOR)
LIBSIDECAR        = $(LIBSIDECAR_A) $(LIBSIDECAR_SO)
SIDECAR_PC        = $(BUILD)/montage-sidecar.pc
CACHE_CLI         = $(BUILD)/montage-sidecar
CACHE_FUZZ        = $(BUILD)/fuzz/fuzz_sidecar_read
CACHE_BENCH       = $(BUILD)/bench/sidecar_format_bench $(BUILD)/bench/sidecar_cache_bench

SIDECAR_DEP_PCS  = $(MSGPACK_PC) libxxhash
SIDECAR_LIBS    ?= $(shell $(PKG_CONFIG) --libs $(SIDECAR_DEP_PCS)) -lm
JANSSON_CFLAGS  ?= $(shell $(PKG_CONFIG) --cflags jansson)
JANSSON_LIBS    ?= $(shell $(PKG_CONFIG) --libs jansson)
FUZZ_CC         ?= clang
FUZZ_SECONDS    ?= 60

CACHE_PIC_OBJ  = $(CACHE_SRC:%.c=$(BUILD)/pic/%.o)
CACHE_CLI_SRC  = $(sort $(wildcard cache/cli/*.c))
CACHE_CLI_OBJ  = $(CACHE_CLI_SRC:%.c=$(BUILD)/%.o)
CACHE_HEADERS  = $(sort $(wildcard cache/*.h))
# what C programs using libmontage-sidecar include (montage_sidecar.h)
CACHE_PUBLIC_HEADERS = cache/montage_sidecar.h cache/sidecar_model.h cache/sidecar_error.h \
                       cache/sidecar_read.h cache/sidecar_write.h cache/sidecar_names.h cache/sidecar_schema.h \
                       cache/source_identity.h cache/cache_lookup.h cache/cache_gc.h
# the kernels' result types sidecar_model.h includes, installed under the
# same relative paths (include/montage/analysis/...)
CACHE_PUBLIC_ANALYSIS_HEADERS = analysis/config_entry.h analysis/montage_version.h \
                                analysis/scene/scene_result.h analysis/beat/beat_result.h
CACHE_MAN      = doc/montage-sidecar.1 doc/montage-sidecar.5

.PHONY: cache-all fuzz-smoke bench-cache check-cache install-cache uninstall-cache
cache-all: $(CACHE_CLI) $(LIBSIDECAR) $(SIDECAR_PC)
all: cache-all

# jansson is used by the CLI (dump --json) and the bench only, never by
# the library.
$(CACHE_CLI_OBJ) $(BUILD)/bench/sidecar_format_bench.o: ALL_CFLAGS += $(JANSSON_CFLAGS)

$(LIBSIDECAR_A): $(CACHE_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

# the versioned file is the target (a bump of SIDECAR_SOMAJOR builds it
# even where the unversioned link of the old one is up to date)
$(LIBSIDECAR_SO).$(SIDECAR_SOMAJOR): $(CACHE_PIC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -shared -Wl,-soname,$(LIBSIDECAR_SONAME) \
	    -o $@ $^ $(SIDECAR_LIBS)
$(LIBSIDECAR_SO): $(LIBSIDECAR_SO).$(SIDECAR_SOMAJOR)
	ln -sf $(LIBSIDECAR_SONAME) $@

$(SIDECAR_PC): cache/montage-sidecar.pc.in analysis/montage_version.h
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(SIDECAR_VERSION)|' \
	    -e 's|@MSGPACK_PC@|$(MSGPACK_PC)|' $< > $@

# the export writers (Makefile.d/export.mk) are objects among the prerequisites
$(CACHE_CLI): $(CACHE_CLI_OBJ) $(LIBSIDECAR_A)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBSIDECAR_A) \
	    $(SIDECAR_LIBS) $(JANSSON_LIBS) $(EXPORT_LIBS)

# ---- benches (print figures; not tests) ----
$(BUILD)/bench/sidecar_format_bench: $(BUILD)/bench/sidecar_format_bench.o \
                                     $(BUILD)/cache/cli/cli_json.o $(LIBSIDECAR_A)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(SIDECAR_LIBS) $(JANSSON_LIBS)
$(BUILD)/bench/sidecar_cache_bench: $(BUILD)/bench/sidecar_cache_bench.o $(LIBSIDECAR_A)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(SIDECAR_LIBS)
bench-cache: $(CACHE_BENCH)
	$(BUILD)/bench/sidecar_format_bench
	$(BUILD)/bench/sidecar_cache_bench

# ---- fuzzing: libFuzzer + ASan + UBSan, built with clang from source ----
$(CACHE_FUZZ): cache/fuzz/fuzz_sidecar_read.c $(CACHE_SRC) $(CACHE_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -I. $(DEP_CFLAGS) -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ cache/fuzz/fuzz_sidecar_read.c $(CACHE_SRC) $(SIDECAR_LIBS)
# Seeds: real sidecars from tests/tools/sidecar_sample and truncations of
# them (cache/fuzz/make_seeds.sh), plus the committed corruption classes.
# tests/run's fuzz suite runs this in make check; a crash leaves its input
# in $(BUILD)/fuzz/crash-* (or leak-*, timeout-*, oom-*).
fuzz-smoke: $(CACHE_FUZZ) $(BUILD)/tools/sidecar_sample
	rm -rf $(BUILD)/fuzz/corpus $(BUILD)/fuzz/seeds && mkdir -p $(BUILD)/fuzz/corpus
	cache/fuzz/make_seeds.sh $(BUILD)/tools/sidecar_sample $(BUILD)/fuzz/seeds
	$(CACHE_FUZZ) -max_total_time=$(FUZZ_SECONDS) -malloc_limit_mb=512 \
	    -rss_limit_mb=2048 -max_len=65536 -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/corpus $(BUILD)/fuzz/seeds cache/fuzz/corpus

# ---- shell tests of the CLI and of Python interop ----
check-cache: $(CACHE_CLI) $(BUILD)/tools/sidecar_sample
	@for t in tests/cache/*.sh; do \
	    CLI=$(CURDIR)/$(CACHE_CLI) SAMPLE=$(CURDIR)/$(BUILD)/tools/sidecar_sample \
	        sh $$t || exit 1; done

# ---- install (DESTDIR and PREFIX honoured) ----
install-cache: cache-all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include/montage $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 $(CACHE_CLI) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(LIBSIDECAR_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(LIBSIDECAR_SO).$(SIDECAR_SOMAJOR) $(DESTDIR)$(PREFIX)/lib/
	ln -sf $(LIBSIDECAR_SONAME) $(DESTDIR)$(PREFIX)/lib/libmontage-sidecar.so
	install -m 644 $(CACHE_PUBLIC_HEADERS) $(DESTDIR)$(PREFIX)/include/montage/
	for h in $(CACHE_PUBLIC_ANALYSIS_HEADERS); do \
	    install -D -m 644 $$h $(DESTDIR)$(PREFIX)/include/montage/$$h || exit 1; done
	# the prefix of this install, not of the make that built $(SIDECAR_PC)
	# (make install PREFIX=/opt/x after a plain make pointed at /usr/local)
	sed 's|^prefix=.*|prefix=$(PREFIX)|' $(SIDECAR_PC) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/montage-sidecar.pc
	chmod 644 $(DESTDIR)$(PREFIX)/lib/pkgconfig/montage-sidecar.pc
	install -m 644 doc/montage-sidecar.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 doc/montage-sidecar.5 $(DESTDIR)$(PREFIX)/share/man/man5/
uninstall-cache:
	rm -f $(DESTDIR)$(PREFIX)/bin/montage-sidecar \
	    $(DESTDIR)$(PREFIX)/lib/libmontage-sidecar.a \
	    $(DESTDIR)$(PREFIX)/lib/libmontage-sidecar.so \
	    $(DESTDIR)$(PREFIX)/lib/$(LIBSIDECAR_SONAME) \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig/montage-sidecar.pc \
	    $(DESTDIR)$(PREFIX)/share/man/man1/montage-sidecar.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5/montage-sidecar.5
	rm -rf $(DESTDIR)$(PREFIX)/include/montage
