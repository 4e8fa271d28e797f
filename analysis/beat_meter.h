/*
 * Meter (3 or 4 beats per bar) and downbeat phase from beat-synchronous
 * cues: harmonic change (chroma of the M beats after a beat against the M
 * beats before it: chords tend to change on the one) and low-frequency
 * accent (kick / bass notes tend to land on the one). For each meter M
 * and phase, the cue averaged over the candidate downbeats is compared
 * with the other beats; the best (M, phase) wins when its contrast is
 * clear, otherwise the meter is unknown (0) and no downbeats are marked.
 */
#ifndef MONTAGE_ANALYSIS_BEAT_METER_H
#define MONTAGE_ANALYSIS_BEAT_METER_H

#include <stddef.h>
#include <stdint.h>

#define MT_METER_MIN_BEATS 12 /* fewer beats than this: meter unknown */

typedef struct MtMeterResult {
    int meter;       /* 3, 4, or 0 when unclear */
    int phase;       /* index of the first downbeat among the beats */
    float contrast;  /* z-score contrast of the winning hypothesis */
} MtMeterResult;

/*
 * beats[n_beats]: frame indices; low[n], onset[n]: envelopes; chroma:
 * 12 bytes per frame. min_contrast: clarity needed to name a meter.
 * Returns 0, -1 on allocation failure (out then says meter 0).
 */
int mt_meter_detect(const size_t *beats, size_t n_beats,
                    const float *low, const float *onset, const uint8_t *chroma,
                    size_t n, double min_contrast, MtMeterResult *out);

#endif /* MONTAGE_ANALYSIS_BEAT_METER_H */
