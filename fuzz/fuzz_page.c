/* fuzz_page.c — page bytes through extraction and every output format.
 *
 * The first input byte chooses the options (trade-off, tables, comments,
 * links, images), so one corpus covers them all; the rest is the page. */
#include <stddef.h>
#include <stdint.h>

#include "pith.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int discard(const char *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    (void)user;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t o = data[0];
    pith_options opt = pith_options_default();
    opt.tradeoff = (pith_tradeoff)(o % 3);
    opt.tables = !(o & 4);
    opt.comments = (o & 8) != 0;
    opt.links = (o & 16) != 0;
    opt.images = (o & 32) != 0;
    /* Small limits too, so that the limit paths run. */
    if (o & 64) {
        opt.limits.max_nodes = 2000;
        opt.limits.max_depth = 32;
        opt.limits.max_attribute_bytes = 256;
    }
    pith_extractor *ex = NULL;
    if (pith_extractor_new(&opt, &ex) != PITH_OK)
        return 0;
    pith_input in = {.url = (o & 128) ? "https://example.org/news/2021/03/14/page.html" : NULL};
    const pith_doc *doc = NULL;
    if (pith_extract(ex, data + 1, size - 1, &in, &doc) == PITH_OK) {
        for (int f = PITH_FORMAT_TEXT; f <= PITH_FORMAT_EXPLAIN; f++)
            pith_render(doc, (pith_format)f, discard, NULL);
        /* A second page on the same extractor: state must not leak. */
        if (pith_extract(ex, data + 1, size - 1, &in, &doc) == PITH_OK)
            pith_render(doc, PITH_FORMAT_JSON, discard, NULL);
    }
    pith_extractor_free(ex);
    return 0;
}
