/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * libFuzzer target for the sidecar reader: any input must give either a
 * sidecar or a specific error, never a crash, a leak or a huge allocation.
 * A successful read is re-encoded and read back, which also exercises the
 * writer on odd but valid content; the validate-only mode of the cache
 * check must agree with the full read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cache/sidecar_read.h"
#include "cache/sidecar_write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MtSidecarError err;
    MtSidecar *sc = NULL, *again = NULL;
    char *enc = NULL, msg[256];
    size_t enc_len = 0;

    int full = mt_sidecar_read_buffer(data, size, &sc, &err);
    if (full < 0 && (err.code == MT_SIDECAR_OK || !err.message[0]))
        abort(); /* every failure must say why */
    MtSidecar *light = NULL;
    int lite = mt_sidecar_read_buffer_ex(data, size, MT_SIDECAR_READ_NO_ARRAY_DATA, &light, &err);
    mt_sidecar_free(light);
    if ((full < 0) != (lite < 0))
        abort(); /* both modes validate the same things */
    if (full < 0)
        return 0;
    if (mt_sidecar_encode(sc, &enc, &enc_len, msg, sizeof(msg)) == 0) {
        if (mt_sidecar_read_buffer(enc, enc_len, &again, &err) < 0)
            abort(); /* what we write, we must read */
        mt_sidecar_free(again);
        free(enc);
    }
    mt_sidecar_free(sc);
    return 0;
}
