// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright (C) 2026 the Montage authors; see LICENSE.
/*
 * Reading sidecars with libmontage-sidecar: the shots and transitions of a
 * scene sidecar, the tempo and beat count of a beat sidecar. The reader
 * validates the whole file first, so every field below is there and in
 * range; a damaged file is one error class and a message naming the place.
 *
 *   cc -std=c11 $(pkg-config --cflags montage-sidecar) example_read_sidecar.c \
 *      $(pkg-config --libs montage-sidecar)
 *   ./a.out clip.mp4.scene.montage.msgpack song.mp3.beat.montage.msgpack
 */
#include <stdio.h>

#include <montage/montage_sidecar.h>

int main(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        MtSidecar *sc = NULL;
        MtSidecarError err = { 0 };
        if (mt_sidecar_read_file(argv[i], &sc, &err) < 0) {
            fprintf(stderr, "%s: %s: %s\n", argv[i], mt_sidecar_error_name(err.code), err.message);
            status = 1;
            continue;
        }
        if (sc->kind == MT_KIND_SCENE) {
            const MtSceneResult *s = &sc->scene;
            printf("%s: %zu shots\n", argv[i], s->n_scenes);
            for (size_t k = 0; k < s->n_transitions; k++)
                printf("  %s at frame %lld (%.3f s)\n", mt_transition_type_name(s->transitions[k].type),
                       (long long)s->transitions[k].frame, s->transitions[k].t);
        } else {
            printf("%s: %.2f bpm, %zu beats\n", argv[i], (double)sc->beat.bpm, sc->beat.n_beats);
        }
        mt_sidecar_free(sc);
    }
    return status;
}
