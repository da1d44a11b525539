/*
 * render.h — the article out as bytes, through the caller's write callback.
 *
 * Renderers read the tree and the extraction marks; they never decide what
 * is content. Text and Markdown share one layout core (blocks, blank
 * lines, prefixes).
 */
#ifndef PITH_RENDER_H
#define PITH_RENDER_H

#include "pith.h"
#include "tree/tree.h"

typedef struct render_options {
    int links;            /* Markdown: [text](href) */
    int images;           /* Markdown: ![alt](src) */
    int tables;           /* tables are rendered (else skipped) */
    const char *base_url; /* resolves relative href/src; may be NULL */
} render_options;

/* Renders the nodes under effective EXT_KEEP (extract.h) of doc.
 * Returns PITH_OK, PITH_ERR_WRITE when write returned nonzero, or
 * PITH_ERR_NOMEM. */
pith_status render_text(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                        pith_write_fn write, void *user);
pith_status render_markdown(const tree_doc *doc, const uint8_t *marks, const render_options *opt,
                            pith_write_fn write, void *user);

#endif
