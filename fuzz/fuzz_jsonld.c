/* fuzz_jsonld.c — the metadata readers: the input is the body of a
 * JSON-LD script (and, from its first byte on, a meta tag's content), in a
 * page whose record is rendered as JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    static const char head[] = "<html><head><script type=\"application/ld+json\">";
    static const char mid[] = "</script><meta property=\"article:published_time\" content=\"";
    static const char tail[] = "\"></head><body><article><h1>Title</h1><p>By Jane Doe</p>"
                               "<p>Some text of the article, long enough to be kept.</p>"
                               "</article></body></html>";
    size_t cut = size < 64 ? size : 64; /* the meta content: the input's start */
    size_t total = sizeof head - 1 + size + sizeof mid - 1 + cut + sizeof tail - 1;
    char *page = malloc(total);
    if (!page)
        return 0;
    size_t n = 0;
    memcpy(page + n, head, sizeof head - 1);
    n += sizeof head - 1;
    memcpy(page + n, data, size);
    n += size;
    memcpy(page + n, mid, sizeof mid - 1);
    n += sizeof mid - 1;
    for (size_t i = 0; i < cut; i++)
        page[n++] = data[i] == '"' ? '\'' : (char)data[i];
    memcpy(page + n, tail, sizeof tail - 1);
    n += sizeof tail - 1;
    pith_extractor *ex = NULL;
    if (pith_extractor_new(NULL, &ex) == PITH_OK) {
        const pith_doc *doc = NULL;
        pith_input in = {.url = "https://example.org/a/b.html"};
        if (pith_extract(ex, page, n, &in, &doc) == PITH_OK)
            pith_render(doc, PITH_FORMAT_JSON, discard, NULL);
        pith_extractor_free(ex);
    }
    free(page);
    return 0;
}
