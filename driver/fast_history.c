/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/* Cold-started windows; see fast_history.h. */
#include "driver/fast_history.h"

int mt_fast_cold_start_holds(const MtFastWindow *w, const MtSceneResult *sc, int pre)
{
    if (w->start == w->warm_start)
        return 1;
    for (size_t i = 0; i < sc->n_transitions; i++)
        if (sc->transitions[i].first_frame < pre)
            return 0;
    return 1;
}
