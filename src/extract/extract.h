/*
 * extract.h — from the tree to the set of nodes that make the article.
 *
 * The result is a mark per node: KEEP puts a subtree in the article, DROP
 * takes a subtree out (inside a kept one), NONE inherits from the nearest
 * marked ancestor (the document counts as DROP). Renderers output exactly
 * the text under effective KEEP; they decide nothing about content.
 */
#ifndef PITH_EXTRACT_H
#define PITH_EXTRACT_H

#include "tree/tree.h"

enum ext_mark {
    EXT_NONE = 0,
    EXT_KEEP = 1,
    EXT_DROP = 2,
};

typedef struct ext_options {
    int tradeoff;  /* 0 balanced, 1 precision, 2 recall (pith_tradeoff) */
    int tables;
    int comments;
    int images;    /* figures stay with their captions (else captions go) */
} ext_options;

typedef struct ext_result {
    vec marks;     /* uint8_t per node: enum ext_mark */
    node_id main;  /* the main content container chosen (0: none) */
} ext_result;

typedef struct ext_ctx ext_ctx;

ext_ctx *ext_ctx_new(void);
void ext_ctx_free(ext_ctx *x);

/* Fills r for doc. 0, or -1 when out of memory. */
int ext_extract(ext_ctx *x, const tree_doc *doc, const ext_options *opt, ext_result *r);

void ext_result_init(ext_result *r);
void ext_result_free(ext_result *r);

static inline const uint8_t *ext_marks(const ext_result *r) { return r->marks.items; }

#endif
