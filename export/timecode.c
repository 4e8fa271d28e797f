/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* SMPTE timecode <-> frame index (see timecode.h). */
#include "export/timecode.h"

#include <stdio.h>
#include <string.h>

MtTimecodeRate mt_timecode_rate(int num, int den)
{
    MtTimecodeRate r = { 0, 0 };
    if (num <= 0 || den <= 0)
        return r;
    r.nominal = (int)(((int64_t)num + den / 2) / den);
    if (r.nominal < 1)
        r.nominal = 1;
    /* Drop-frame exists for the NTSC rates only; 23.976 keeps NDF. */
    if ((int64_t)num * 1001 == (int64_t)den * 30000)
        r.drop = 2;
    else if ((int64_t)num * 1001 == (int64_t)den * 60000)
        r.drop = 4;
    return r;
}

/* Frame index -> frame number as if no number were dropped. */
static int64_t drop_frame_number(int64_t frame, MtTimecodeRate r)
{
    int64_t per_minute = (int64_t)r.nominal * 60 - r.drop;
    int64_t per_ten    = (int64_t)r.nominal * 600 - 9 * r.drop;
    int64_t tens = frame / per_ten, rest = frame % per_ten;
    int64_t skipped = 9 * r.drop * tens;
    if (rest >= r.drop) /* minute 0 of each ten keeps all its numbers */
        skipped += r.drop * ((rest - r.drop) / per_minute);
    return frame + skipped;
}

void mt_timecode_format(int64_t frame, MtTimecodeRate r, char *out, int outlen)
{
    if (frame < 0)
        frame = 0;
    int64_t n = r.drop ? drop_frame_number(frame, r) : frame;
    int64_t fps = r.nominal > 0 ? r.nominal : 1;
    int64_t ff = n % fps, s = n / fps;
    snprintf(out, (size_t)outlen, "%02lld:%02lld:%02lld%c%02lld", (long long)(s / 3600),
             (long long)(s / 60 % 60), (long long)(s % 60), r.drop ? ';' : ':', (long long)ff);
}

int64_t mt_timecode_parse(const char *text, MtTimecodeRate r)
{
    long long hh, mm, ss, ff;
    char sep[4];
    int used = 0;
    if (r.nominal <= 0 ||
        sscanf(text, "%lld:%lld:%lld%1[:;.,]%lld%n", &hh, &mm, &ss, sep, &ff, &used) != 5 ||
        text[used] || hh < 0 || mm < 0 || mm > 59 || ss < 0 || ss > 59 || ff < 0 ||
        ff >= r.nominal)
        return -1;
    int64_t minutes = hh * 60 + mm;
    int64_t n = (minutes * 60 + ss) * r.nominal + ff;
    if (!r.drop)
        return n;
    if (ss == 0 && ff < r.drop && mm % 10 != 0)
        return -1; /* a number drop-frame skips */
    return n - r.drop * (minutes - minutes / 10);
}
