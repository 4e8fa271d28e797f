/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Header scan of msgpack data (see msgpack_bounds.h). This reads only the
 * type bytes and lengths; msgpack-c does the real decoding.
 */
#include <stdint.h>

#include "msgpack_bounds.h"

static uint64_t be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* How one header byte is laid out. */
typedef struct Head {
    int      len_bytes; /* big-endian length/count field after the type byte */
    uint64_t fixed;     /* payload bytes independent of the length field */
    int      kind;      /* 0 scalar, 1 payload of `length` bytes, 2 array, 3 map */
    uint64_t inline_n;  /* count/length coded in the type byte */
} Head;

static int decode_head(unsigned char b, Head *h)
{
    *h = (Head){ 0, 0, 0, 0 };
    if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3)
        return 0;
    if (b <= 0x8f) { h->kind = 3; h->inline_n = b & 0x0f; return 0; }
    if (b <= 0x9f) { h->kind = 2; h->inline_n = b & 0x0f; return 0; }
    if (b <= 0xbf) { h->kind = 1; h->inline_n = b & 0x1f; return 0; }
    switch (b) {
    case 0xc4: case 0xd9: h->kind = 1; h->len_bytes = 1; return 0;
    case 0xc5: case 0xda: h->kind = 1; h->len_bytes = 2; return 0;
    case 0xc6: case 0xdb: h->kind = 1; h->len_bytes = 4; return 0;
    case 0xc7: h->kind = 1; h->len_bytes = 1; h->fixed = 1; return 0; /* ext: +type */
    case 0xc8: h->kind = 1; h->len_bytes = 2; h->fixed = 1; return 0;
    case 0xc9: h->kind = 1; h->len_bytes = 4; h->fixed = 1; return 0;
    case 0xca: h->fixed = 4; return 0;
    case 0xcb: h->fixed = 8; return 0;
    case 0xcc: case 0xd0: h->fixed = 1; return 0;
    case 0xcd: case 0xd1: h->fixed = 2; return 0;
    case 0xce: case 0xd2: h->fixed = 4; return 0;
    case 0xcf: case 0xd3: h->fixed = 8; return 0;
    case 0xd4: h->fixed = 2; return 0;  /* fixext: type + data */
    case 0xd5: h->fixed = 3; return 0;
    case 0xd6: h->fixed = 5; return 0;
    case 0xd7: h->fixed = 9; return 0;
    case 0xd8: h->fixed = 17; return 0;
    case 0xdc: h->kind = 2; h->len_bytes = 2; return 0;
    case 0xdd: h->kind = 2; h->len_bytes = 4; return 0;
    case 0xde: h->kind = 3; h->len_bytes = 2; return 0;
    case 0xdf: h->kind = 3; h->len_bytes = 4; return 0;
    }
    return -1; /* 0xc1: never used */
}

int mt_msgpack_scan(const unsigned char *buf, size_t len, size_t *end,
                    MtSidecarError *err)
{
    /* left[d]: elements still to read in the container at depth d */
    uint64_t left[MT_MSGPACK_MAX_DEPTH + 1];
    uint64_t pending = 1; /* sum of left[]: each needs at least one byte */
    int depth = 0;
    size_t pos = 0;

    left[0] = 1;
    while (pending) {
        size_t start = pos;
        Head h;

        if (pos >= len)
            return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TRUNCATED, (int64_t)len,
                                        "truncated at byte %zu", len);
        if (decode_head(buf[pos], &h) < 0)
            return mt_sidecar_set_error(err, MT_SIDECAR_ERR_MALFORMED, (int64_t)pos,
                                        "invalid msgpack byte 0x%02x at byte %zu", buf[pos], pos);
        pos++;
        if ((size_t)h.len_bytes > len - pos)
            return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TRUNCATED, (int64_t)len,
                                        "truncated at byte %zu", len);
        uint64_t n = h.len_bytes ? be(buf + pos, h.len_bytes) : h.inline_n;
        pos += (size_t)h.len_bytes;

        while (depth > 0 && left[depth] == 0)
            depth--;
        left[depth]--;
        pending--;

        if (h.kind == 0 || h.kind == 1) {
            uint64_t body = h.fixed + (h.kind == 1 ? n : 0);
            if (body > len - pos)
                return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TRUNCATED, (int64_t)len,
                                            "truncated at byte %zu (%llu-byte value at byte %zu)",
                                            len, (unsigned long long)body, start);
            pos += (size_t)body;
        } else {
            uint64_t items = h.kind == 3 ? 2 * n : n;
            if (items > len - pos || pending + items > len - pos)
                return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TRUNCATED, (int64_t)len,
                                            "truncated at byte %zu (%s of %llu entries at byte %zu cannot fit)",
                                            len, h.kind == 3 ? "map" : "array",
                                            (unsigned long long)n, start);
            if (items) {
                /* a container whose last element this is stays open, as in
                 * msgpack-c's own stack, so depth counts open containers */
                if (depth + 1 > MT_MSGPACK_MAX_DEPTH)
                    return mt_sidecar_set_error(err, MT_SIDECAR_ERR_MALFORMED, (int64_t)start,
                                                "nesting deeper than %d at byte %zu",
                                                MT_MSGPACK_MAX_DEPTH, start);
                left[++depth] = items;
                pending += items;
            }
        }
    }
    *end = pos;
    return 0;
}

int mt_msgpack_unpack_checked(const char *buf, size_t len,
                              msgpack_unpacked *out, MtSidecarError *err)
{
    size_t end = 0, off = 0;
    int ret;

    msgpack_unpacked_init(out);
    if ((ret = mt_msgpack_scan((const unsigned char *)buf, len, &end, err)) < 0)
        return ret;
    Head top;
    /* a file that is no msgpack map at all (a media or text file given by
     * mistake) often starts with a byte that reads as one small scalar;
     * "trailing data" would hide that it is not a sidecar */
    if (end != len && (decode_head((unsigned char)buf[0], &top) < 0 || top.kind != 3))
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_MAGIC, 0,
                                    "not a montage sidecar: the file does not start with a msgpack map");
    if (end != len)
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_TRAILING, (int64_t)end,
                                    "%zu bytes of trailing data after the sidecar at byte %zu",
                                    len - end, end);
    switch (msgpack_unpack_next(out, buf, len, &off)) {
    case MSGPACK_UNPACK_SUCCESS:
        return 0;
    case MSGPACK_UNPACK_NOMEM_ERROR:
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_NOMEM, -1, "out of memory while unpacking");
    default:
        return mt_sidecar_set_error(err, MT_SIDECAR_ERR_MALFORMED, (int64_t)off,
                                    "msgpack-c rejected the data near byte %zu", off);
    }
}
