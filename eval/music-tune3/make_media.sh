#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# Rebuild the music-tune3 excerpts (FLAC + MP3) from Debian 12 packages and check them against gt/ and the
# PCM md5s in pieces.json (eval/music-media/make_set_media.sh does the work; its header lists the options).
#   sh eval/music-tune3/make_media.sh                 install missing tools (apt-get), fetch the data packages, render, check
#   NO_INSTALL=1 sh eval/music-tune3/make_media.sh    tools are installed already (data packages are still fetched)
# Output: ${XDG_CACHE_HOME:-$HOME/.cache}/montage-eval/music-tune3/<id>.{flac,mp3}
# Extra arguments go to make_media.py (--only ID,ID, --no-mp3, --write-gt, --update-md5).
HERE=$(cd "$(dirname "$0")" && pwd)
EXTRA_TOOLS="abcmidi" exec sh "$HERE/../music-media/make_set_media.sh" "$HERE" "$@"
