# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Exports of sidecars for editors and players (export/, issue 13): the
# writers are library code in $(LIBMONTAGE) (unit tests link them from
# there) and are linked into montage-sidecar (export) and montage-analyze
# (--export). The OTIO writer uses jansson, the HTML report zlib.
EXPORT_SRC = $(sort $(wildcard export/*.c))
EXPORT_OBJ = $(EXPORT_SRC:%.c=$(BUILD)/%.o)

EXPORT_LIBS ?= $(shell $(PKG_CONFIG) --libs zlib) # the report's PNG thumbnails

$(EXPORT_OBJ): ALL_CFLAGS += $(JANSSON_CFLAGS)
$(LIBMONTAGE): $(EXPORT_OBJ)
$(CACHE_CLI): $(EXPORT_OBJ)

# the writers' unit test links the libraries the writers use
$(BUILD)/tests/test_export_writers: DEP_LIBS += $(JANSSON_LIBS) $(EXPORT_LIBS)
