/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Source identity: stat fields and the streamed XXH3-128 digest, checked
 * against libxxhash's one-shot hash and the published empty-input vector.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <xxhash.h>

#include "cache/source_identity.h"
#include "tests/unit/cache_test_util.h"
#include "tests/unit/unit.h"

static char dir[512];

static void hex_digest(const void *data, size_t len, char *out)
{
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
    strcpy(out, "xxh3-128:");
    for (int i = 0; i < 16; i++)
        snprintf(out + 9 + 2 * i, 3, "%02x", c.digest[i]);
}

static void test_empty_file_vector(void)
{
    char path[600], err[256];
    MtSourceIdentityBuf id;
    snprintf(path, sizeof(path), "%s/empty", dir);
    CHECK(file_write(path, "", 0) == 0);
    CHECK_INT(mt_source_identify(path, 1, &id, err, sizeof(err)), 0);
    CHECK_INT(id.id.size, 0);
    /* XXH3-128 of no input, as xxhsum -H2 prints it */
    CHECK(!strcmp(id.id.digest, "xxh3-128:99aa06d3014798d86001c324468d497f"));
}

/* 2.5 chunks: the streamed digest must equal the one-shot hash. */
static void test_stream_equals_one_shot(void)
{
    size_t n = MT_DIGEST_CHUNK * 5 / 2 + 7;
    unsigned char *data = malloc(n);
    char path[600], err[256], want[MT_DIGEST_LEN + 1];
    MtSourceIdentityBuf id;
    struct stat st;

    CHECK(data);
    for (size_t i = 0; i < n; i++)
        data[i] = (unsigned char)(i * 2654435761u >> 13);
    snprintf(path, sizeof(path), "%s/big", dir);
    CHECK(file_write(path, data, n) == 0);
    hex_digest(data, n, want);
    free(data);
    CHECK_INT(mt_source_identify(path, 1, &id, err, sizeof(err)), 0);
    CHECK(!strcmp(id.id.digest, want));
    CHECK_INT(strlen(id.id.digest), MT_DIGEST_LEN);
    CHECK(stat(path, &st) == 0);
    CHECK_INT(id.id.size, (long long)n);
    CHECK_INT(id.id.inode, (long long)st.st_ino);
    CHECK_INT(id.id.mtime_ns, (long long)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec);
    CHECK_INT(id.id.ctime_ns, (long long)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec);
    CHECK(!strcmp(id.id.path, path));
}

static void test_without_digest_and_errors(void)
{
    char path[600], err[256] = "";
    MtSourceIdentityBuf id;
    snprintf(path, sizeof(path), "%s/small", dir);
    CHECK(file_write(path, "abc", 3) == 0);
    CHECK_INT(mt_source_identify(path, 0, &id, err, sizeof(err)), 0);
    CHECK(id.id.digest == NULL);
    CHECK_INT(id.id.size, 3);
    snprintf(path, sizeof(path), "%s/absent", dir);
    CHECK_INT(mt_source_identify(path, 1, &id, err, sizeof(err)), -ENOENT);
    CHECK(strstr(err, path) != NULL);
    CHECK_INT(mt_source_identify(dir, 0, &id, err, sizeof(err)), -EINVAL); /* a directory */
}

int main(void)
{
    tmpdir_make(dir, sizeof(dir), "identity");
    RUN(test_empty_file_vector);
    RUN(test_stream_equals_one_shot);
    RUN(test_without_digest_and_errors);
    tmpdir_remove(dir);
    UNIT_EXIT();
}
