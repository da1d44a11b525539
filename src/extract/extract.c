/* extract.c — PROVISIONAL: keeps the body; the real sieve replaces it. */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

struct ext_ctx {
    int unused;
};

ext_ctx *ext_ctx_new(void) { return calloc(1, sizeof(ext_ctx)); }
void ext_ctx_free(ext_ctx *x) { free(x); }
void ext_result_init(ext_result *r) { memset(r, 0, sizeof *r); }
void ext_result_free(ext_result *r) { vec_free(&r->marks); }

int ext_extract(ext_ctx *x, const tree_doc *doc, const ext_options *opt, ext_result *r)
{
    (void)x;
    (void)opt;
    vec_reset(&r->marks);
    uint32_t n = tree_node_count(doc);
    if (vec_reserve(&r->marks, 1, n))
        return -1;
    memset(r->marks.items, 0, n);
    r->marks.len = n;
    r->main = doc->body;
    if (doc->body)
        ((uint8_t *)r->marks.items)[doc->body] = EXT_KEEP;
    return 0;
}
