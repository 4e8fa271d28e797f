#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Montage is compiled into FFmpeg, so it must stay under a licence FFmpeg can
# carry: LGPL-2.1-or-later, stated in LICENSE and in every source file's
# header (new files too: this test names those that lack it).
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

if grep -q 'GNU LESSER GENERAL PUBLIC LICENSE' LICENSE 2>/dev/null &&
   grep -q 'Version 2.1, February 1999' LICENSE; then ok license_file
else fail license_file "LICENSE is missing or is not the LGPL 2.1 text"; fi

# Source and build files: C, shell, Python, make, and the scripts without an
# extension. Data, prose, references and FFmpeg patches carry no header.
missing=
if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
    files=$(git ls-files -- '*.c' '*.h' '*.sh' '*.py' '*.mk' Makefile configure bootstrap tests/run .ci/run)
else
    files=$(find . -path ./build -prune -o -type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' \
            -o -name '*.py' -o -name '*.mk' \) -print)
fi
for f in $files; do
    head -n 4 "$f" | grep -q 'SPDX-License-Identifier: LGPL-2.1-or-later' || missing="$missing $f"
done
if [ -z "$missing" ]; then ok license_headers
else fail license_headers "no 'SPDX-License-Identifier: LGPL-2.1-or-later' in the first lines of:$missing"; fi
finish
