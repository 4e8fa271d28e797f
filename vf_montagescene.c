#include "montage_compat.h"
#include "video.h"
static int activate(AVFilterContext *ctx)
{
    AVFilterLink *inlink = ctx->inputs[0], *outlink = ctx->outputs[0];
    AVFrame *frame; int ret;
    FF_FILTER_FORWARD_STATUS_BACK(outlink, inlink);
    ret = ff_inlink_consume_frame(inlink, &frame);
    if (ret < 0) return ret;
    if (ret) return ff_filter_frame(outlink, frame);
    FF_FILTER_FORWARD_STATUS(inlink, outlink);
    FF_FILTER_FORWARD_WANTED(outlink, inlink);
    return FFERROR_NOT_READY;
}
static const AVFilterPad pads[] = {{ .name = "default", .type = AVMEDIA_TYPE_VIDEO }};
const MT_FILTER ff_vf_montagescene = {
    MT_PUBLIC(name) = "montagescene",
    MT_PUBLIC(description) = "stub",
    .activate = activate,
    FILTER_INPUTS(pads), FILTER_OUTPUTS(pads),
};
