/*
 * builder.h — builds a tree_doc from start/end/text events, the way an
 * event-driven parser front end (libxml2's SAX) delivers them.
 *
 * The builder keeps the stack of open elements, merges adjacent text,
 * enforces the node and depth limits, and shows every <meta> to
 * the parse driver, which re-decodes the page when one declares another
 * charset (HTML § 13.2.3.4). Front ends check `stop` after each event and end early when it
 * is set.
 */
#ifndef PITH_TREE_BUILDER_H
#define PITH_TREE_BUILDER_H

#include "tree/tree.h"

enum tree_build_status {
    TREE_BUILD_OK = 0,
    TREE_BUILD_NOMEM,
    TREE_BUILD_MAX_NODES,
    TREE_BUILD_CHARSET_CHANGE, /* stopped: the page declared another charset */
};

typedef struct tree_builder {
    tree_doc *doc;
    vec open;                /* node_id stack; [0] is the document */
    size_t max_nodes;
    size_t max_depth;
    size_t max_attr_bytes;
    uint32_t flattened;      /* open elements beyond max_depth, not in the tree */
    int in_svg_or_math;      /* foreign content: no charset checks there */
    int stop;                /* set: the front end should stop parsing */
    enum tree_build_status status;
    /* Called for each <meta> element outside foreign content, once it is
     * in the tree with its attributes. Returning nonzero stops the parse
     * with TREE_BUILD_CHARSET_CHANGE. NULL: no calls. */
    int (*on_meta)(void *user, const tree_doc *doc, node_id meta);
    void *user;
} tree_builder;

void tree_builder_init(tree_builder *b);
void tree_builder_free(tree_builder *b);
/* Starts a document: resets doc and the stack. 0 or -1. */
int tree_builder_begin(tree_builder *b, tree_doc *doc, size_t max_nodes, size_t max_depth,
                       size_t max_attr_bytes);

/* Events. name is lowercase ASCII for known tags. */
void tree_builder_start(tree_builder *b, const char *name, size_t len, const tree_attr_in *attrs,
                        size_t nattrs, int implied);
void tree_builder_end(tree_builder *b, const char *name, size_t len);
void tree_builder_text(tree_builder *b, const char *s, size_t len);
void tree_builder_comment(tree_builder *b, const char *s, size_t len);
/* Closes every open element (end of input). */
void tree_builder_finish(tree_builder *b);

#endif
