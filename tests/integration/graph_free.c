/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * Frees a filter graph holding montagescene or montagebeat at a chosen
 * moment, as an application using libavfilter may: the lifecycle test
 * (tests/integration/test_lifecycle.sh) runs it under valgrind.
 *   graph_free scene|beat SIDECAR WHEN      (SIDECAR "": none)
 * WHEN: "parsed" (never configured), "configured" (no frame pulled), a
 * number of frames to pull, or "eof" (pull until the end of stream).
 * Prints the frames pulled; exit status 0 unless libavfilter failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libavfilter/avfilter.h"
#include "libavfilter/buffersink.h"
#include "libavutil/frame.h"

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "scene") && strcmp(argv[1], "beat"))) {
        fprintf(stderr, "usage: graph_free scene|beat SIDECAR parsed|configured|N|eof\n");
        return 2;
    }
    int scene = !strcmp(argv[1], "scene");
    const char *when = argv[3];
    char desc[4096];
    snprintf(desc, sizeof(desc), "%s%s%s", scene ? "testsrc2=s=160x120:r=25:d=4,montagescene"
                                                 : "sine=f=440:beep_factor=4:d=4,montagebeat",
             *argv[2] ? "=sidecar=" : "", argv[2]);

    AVFilterGraph *graph = avfilter_graph_alloc();
    AVFilterContext *sink = NULL;
    AVFilterInOut *outputs = NULL, *inputs = NULL;
    AVFrame *frame = av_frame_alloc();
    int ret = -1, pulled = 0;

    /* The sink is added last, so avfilter_graph_free() frees the source
     * before the filter: the filter's input link is gone by its uninit. */
    if (!graph || !frame || avfilter_graph_parse2(graph, desc, &inputs, &outputs) < 0 || !outputs ||
        avfilter_graph_create_filter(&sink, avfilter_get_by_name(scene ? "buffersink" : "abuffersink"),
                                     "out", NULL, NULL, graph) < 0 ||
        avfilter_link(outputs->filter_ctx, outputs->pad_idx, sink, 0) < 0)
        goto end;
    if (!strcmp(when, "parsed")) {
        ret = 0;
        goto end;
    }
    if (avfilter_graph_config(graph, NULL) < 0)
        goto end;
    int limit = !strcmp(when, "eof") ? -1 : !strcmp(when, "configured") ? 0 : atoi(when);
    while (limit < 0 || pulled < limit) {
        int r = av_buffersink_get_frame(sink, frame);
        if (r == AVERROR_EOF)
            break;
        if (r < 0)
            goto end;
        av_frame_unref(frame);
        pulled++;
    }
    ret = 0;
end:
    avfilter_inout_free(&inputs);
    avfilter_inout_free(&outputs);
    avfilter_graph_free(&graph); /* the moment under test */
    av_frame_free(&frame);
    printf("pulled %d\n", pulled);
    return ret < 0 ? 1 : 0;
}
