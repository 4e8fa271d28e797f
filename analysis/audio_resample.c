/* Polyphase windowed-sinc resampler; see audio_resample.h. */
#include "analysis/audio_resample.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RS_PHASES     256 /* fractional positions; nearest phase is used, so
                             the timing error is < 1/512 input sample */
#define RS_ZEROS      12   /* sinc zero crossings per side (at the low rate) */
#define RS_CUTOFF     0.85 /* pass band edge as a fraction of the low Nyquist;
                              with the Blackman window's transition
                              (~6 / taps) the stop band starts ~1.1 x the
                              low Nyquist, so aliases land only in the top
                              ~10 % of the output band */
#define RS_PI         3.14159265358979323846

struct MtResampler {
    int64_t in_rate, out_rate;
    int half;        /* taps per side, in input samples */
    int taps;        /* 2 * half */
    float *table;    /* (RS_PHASES + 1) x taps */
    float *buf;      /* input history; buf[0] is absolute input index buf_start */
    size_t buf_len, buf_cap;
    int64_t buf_start;
    int64_t next_out; /* index of the next output sample */
};

static double sinc(double x)
{
    if (fabs(x) < 1e-9)
        return 1.0;
    return sin(RS_PI * x) / (RS_PI * x);
}

static int build_table(MtResampler *r)
{
    const double low = (double)(r->in_rate < r->out_rate ? r->in_rate : r->out_rate);
    const double fc = RS_CUTOFF * 0.5 * low / (double)r->in_rate; /* cycles per input sample */
    r->half = (int)ceil(RS_ZEROS * (double)r->in_rate / low);
    r->taps = 2 * r->half;
    r->table = malloc(sizeof(float) * (size_t)(RS_PHASES + 1) * (size_t)r->taps);
    if (!r->table)
        return -1;
    for (int ph = 0; ph <= RS_PHASES; ph++) {
        float *row = r->table + (size_t)ph * (size_t)r->taps;
        double sum = 0.0;
        for (int j = 0; j < r->taps; j++) {
            /* distance from the output instant to input tap j */
            double d = (double)(j - r->half + 1) - (double)ph / RS_PHASES;
            double w = fabs(d) >= r->half ? 0.0
                     : 0.42 + 0.5 * cos(RS_PI * d / r->half) + 0.08 * cos(2 * RS_PI * d / r->half);
            double v = 2.0 * fc * sinc(2.0 * fc * d) * w;
            row[j] = (float)v;
            sum += v;
        }
        for (int j = 0; j < r->taps; j++) /* exact unity gain at DC */
            row[j] = (float)(row[j] / sum);
    }
    return 0;
}

MtResampler *mt_resampler_new(int in_rate, int out_rate)
{
    if (in_rate <= 0 || out_rate <= 0)
        return NULL;
    MtResampler *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->in_rate = in_rate;
    r->out_rate = out_rate;
    if (build_table(r) < 0) {
        mt_resampler_free(&r);
        return NULL;
    }
    r->buf_cap = (size_t)r->taps * 4 + 4096;
    r->buf = malloc(sizeof(float) * r->buf_cap);
    if (!r->buf) {
        mt_resampler_free(&r);
        return NULL;
    }
    /* zeros before the stream start, so output 0 is centred on input 0 */
    memset(r->buf, 0, sizeof(float) * (size_t)r->half);
    r->buf_len = (size_t)r->half;
    r->buf_start = -(int64_t)r->half;
    return r;
}

void mt_resampler_free(MtResampler **r)
{
    if (!r || !*r)
        return;
    free((*r)->table);
    free((*r)->buf);
    free(*r);
    *r = NULL;
}

size_t mt_resampler_max_out(const MtResampler *r, size_t n)
{
    return (size_t)((double)n * (double)r->out_rate / (double)r->in_rate) + 2;
}

int mt_resampler_lookahead(const MtResampler *r)
{
    return r->half;
}

long mt_resampler_process(MtResampler *r, const float *in, size_t n, float *out)
{
    if (r->buf_len + n > r->buf_cap) {
        size_t cap = (r->buf_len + n) * 2;
        float *nb = realloc(r->buf, sizeof(float) * cap);
        if (!nb)
            return -1;
        r->buf = nb;
        r->buf_cap = cap;
    }
    memcpy(r->buf + r->buf_len, in, sizeof(float) * n);
    r->buf_len += n;

    const int64_t end = r->buf_start + (int64_t)r->buf_len; /* one past last input */
    long produced = 0;
    for (;;) {
        const int64_t pos = r->next_out * r->in_rate; /* input time x out_rate */
        const int64_t base = pos / r->out_rate;
        if (base + r->half >= end)
            break; /* needs input index base + half, not there yet */
        const int64_t rem = pos % r->out_rate;
        const int ph = (int)((rem * RS_PHASES + r->out_rate / 2) / r->out_rate);
        const float *h = r->table + (size_t)ph * (size_t)r->taps;
        const float *x = r->buf + (base - r->half + 1 - r->buf_start);
        /* four partial sums: independent chains the CPU can overlap
         * (taps is even, a multiple of 4 for every ratio but 1:1) */
        float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
        int j = 0;
        for (; j + 4 <= r->taps; j += 4) {
            a0 += h[j] * x[j];
            a1 += h[j + 1] * x[j + 1];
            a2 += h[j + 2] * x[j + 2];
            a3 += h[j + 3] * x[j + 3];
        }
        for (; j < r->taps; j++)
            a0 += h[j] * x[j];
        out[produced++] = (a0 + a1) + (a2 + a3);
        r->next_out++;
    }
    /* drop history the next output no longer needs */
    const int64_t need = (r->next_out * r->in_rate) / r->out_rate - r->half + 1;
    if (need > r->buf_start) {
        size_t drop = (size_t)(need - r->buf_start);
        if (drop > r->buf_len)
            drop = r->buf_len;
        memmove(r->buf, r->buf + drop, sizeof(float) * (r->buf_len - drop));
        r->buf_len -= drop;
        r->buf_start += (int64_t)drop;
    }
    return produced;
}
