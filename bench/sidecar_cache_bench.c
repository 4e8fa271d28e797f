/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Warm-start cost of the cache check. Creates N media files with a
 * sidecar each in a temp dir, then times mt_cache_check over all of them:
 *   fast path   stat identity matches: the media is only stat'ed
 *   hash all    the alternative policy: hash every media file each time
 *   re-hash     every media touched (new mtime/ctime): the check re-hashes
 * and the XXH3-128 throughput on a larger file. Prints figures; not a test.
 *
 *   sidecar_cache_bench [N [MEDIA_KIB]]   (defaults 1000 and 256)
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache_lookup.h"
#include "cache/sidecar_read.h"
#include "cache/sidecar_write.h"
#include "cache/source_identity.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/sidecar_samples.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void media_path(char *out, size_t len, const char *dir, int i)
{
    snprintf(out, len, "%s/media-%04d.mp4", dir, i);
}

/* Times mt_cache_check over all entries; counts states. */
static double check_all(const char *dir, int n, int *valid)
{
    char media[600], sc[700], why[512];
    double t0 = now();
    *valid = 0;
    for (int i = 0; i < n; i++) {
        media_path(media, sizeof(media), dir, i);
        snprintf(sc, sizeof(sc), "%s.scene.montage.msgpack", media);
        *valid += mt_cache_check(sc, media, MT_KIND_SCENE, MT_SCENE_ANALYSER_VERSION,
                                 NULL, 0, why, sizeof(why)) == MT_CACHE_VALID;
    }
    return now() - t0;
}

static int make_entries(const char *dir, int n, size_t media_bytes, size_t rows, size_t cols)
{
    unsigned char *data = malloc(media_bytes);
    char media[600], sc[700], err[512];
    SampleScene s;
    MtSourceIdentityBuf id;
    if (!data || sample_scene_init(&s, rows, cols) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        for (size_t k = 0; k < media_bytes; k++)
            data[k] = (unsigned char)(k * 31 + (size_t)i * 7);
        media_path(media, sizeof(media), dir, i);
        snprintf(sc, sizeof(sc), "%s.scene.montage.msgpack", media);
        if (file_write(media, data, media_bytes) < 0 ||
            mt_source_identify(media, 1, &id, err, sizeof(err)) < 0)
            return -1;
        s.sc.source = id.id;
        /* plain write: the bench measures reading, not fsync */
        char *buf;
        size_t len;
        if (mt_sidecar_encode(&s.sc, &buf, &len, err, sizeof(err)) < 0 ||
            file_write(sc, buf, len) < 0)
            return -1;
        free(buf);
    }
    sample_scene_free(&s);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    size_t kib = argc > 2 ? (size_t)atoi(argv[2]) : 256;
    char dir[512], media[600], err[512], digest[MT_DIGEST_LEN + 1];
    int valid;

    tmpdir_make(dir, sizeof(dir), "cache-bench");
    if (make_entries(dir, n, kib * 1024, 0, 0) < 0) {
        fprintf(stderr, "setup failed\n");
        tmpdir_remove(dir);
        return 1;
    }
    check_all(dir, n, &valid); /* warm the page cache */
    double fast = check_all(dir, n, &valid);
    printf("entries: %d media of %zu KiB, scene sidecars without frame features\n", n, kib);
    printf("warm check, stat fast path:   %8.3f s total, %7.1f us/entry, %d valid  (bar: <= 0.2 s for 1000: %s)\n",
           fast, fast / n * 1e6, valid, n == 1000 ? (fast <= 0.2 ? "met" : "NOT met") : "n/a");

    double t0 = now();
    for (int i = 0; i < n; i++) {
        media_path(media, sizeof(media), dir, i);
        mt_source_digest(media, digest, err, sizeof(err));
    }
    double hash_all = now() - t0;
    printf("hash every media instead:     %8.3f s total, %7.1f us/entry  (%.0fx the fast path)\n",
           hash_all, hash_all / n * 1e6, hash_all / fast);

    /* touch every media: same content, new mtime and ctime -> re-hash */
    for (int i = 0; i < n; i++) {
        media_path(media, sizeof(media), dir, i);
        utimensat(AT_FDCWD, media, NULL, 0);
    }
    double rehash = check_all(dir, n, &valid);
    printf("after touching all (re-hash): %8.3f s total, %7.1f us/entry, %d valid\n",
           rehash, rehash / n * 1e6, valid);

    /* hash throughput on one 256 MiB file (warm) */
    size_t big = (size_t)256 << 20;
    unsigned char *data = malloc(big);
    char path[600];
    snprintf(path, sizeof(path), "%s/big.bin", dir);
    if (data) {
        for (size_t k = 0; k < big; k++)
            data[k] = (unsigned char)(k * 2654435761u >> 11);
        file_write(path, data, big);
        free(data);
        mt_source_digest(path, digest, err, sizeof(err));
        t0 = now();
        mt_source_digest(path, digest, err, sizeof(err));
        double th = now() - t0;
        printf("XXH3-128 streamed, page-cached: %.0f MiB/s (256 MiB in %.3f s); "
               "a 4 GiB film costs ~%.1f s cached, and disk speed when cold\n",
               256 / th, th, 4096 / (256 / th));
        unlink(path);
    }
    tmpdir_remove(dir);

    /* sidecars with per-frame features (10-minute clip): the check reads
     * and validates the whole sidecar */
    int m = n < 100 ? n : 100;
    tmpdir_make(dir, sizeof(dir), "cache-bench-ff");
    if (make_entries(dir, m, 4096, 15000, 16) == 0) {
        check_all(dir, m, &valid);
        double ff = check_all(dir, m, &valid);
        printf("warm check, sidecars with 15000x16 features: %7.1f us/entry (%d entries, %d valid)\n",
               ff / m * 1e6, m, valid);
    }
    tmpdir_remove(dir);
    return 0;
}
