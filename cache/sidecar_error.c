/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Error codes and messages of the sidecar reader (see sidecar_error.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "sidecar_error.h"

const char *mt_sidecar_error_name(MtSidecarErrorCode code)
{
    switch (code) {
    case MT_SIDECAR_OK:            return "ok";
    case MT_SIDECAR_ERR_IO:        return "io";
    case MT_SIDECAR_ERR_TOO_LARGE: return "too-large";
    case MT_SIDECAR_ERR_TRUNCATED: return "truncated";
    case MT_SIDECAR_ERR_MALFORMED: return "malformed";
    case MT_SIDECAR_ERR_TRAILING:  return "trailing-data";
    case MT_SIDECAR_ERR_MAGIC:     return "not-a-sidecar";
    case MT_SIDECAR_ERR_VERSION:   return "unsupported-version";
    case MT_SIDECAR_ERR_MISSING:   return "missing-key";
    case MT_SIDECAR_ERR_TYPE:      return "wrong-type";
    case MT_SIDECAR_ERR_SIZE:      return "bad-size";
    case MT_SIDECAR_ERR_VALUE:     return "bad-value";
    case MT_SIDECAR_ERR_NOMEM:     return "out-of-memory";
    }
    return "unknown";
}

int mt_sidecar_set_error(MtSidecarError *err, MtSidecarErrorCode code,
                         int64_t offset, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        err->offset = offset;
        err->sys_errno = 0;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
        va_end(ap);
    }
    return -(int)code;
}
