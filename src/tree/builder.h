/*
 * builder.h — builds a tree_doc from start/end/text events, the way an
 * event-driven parser front end (libxml2's SAX) delivers them.
 *
 * The builder keeps the stack of open elements, merges adjacent text,
 * enforces the node and depth limits, and shows every <meta> to
 * the parse driver, which re-decodes the page when one declares another
 * charset (HTML § 13.2.3.4). Front ends check `stop` after each event and
 * end early when it is set.
 *
 * What it expects of a front end: ends properly nested (an end closes the
 * innermost open element of that name; the elements above it close with
 * it), and every element it inserted on its own (html, head, body, an
 * implied p) reported as a start like any other. Ends that match nothing
 * open are ignored, so a front end may also drop ends it lost.
 *
 * The document's skeleton follows the spec whatever the front end does:
 * one html, one head, one body. A second html, head or body start is
 * ignored (§ 13.2.6.4.7 merges its attributes into the first; pith drops
 * them), a head is implied before a body that comes without one, and the
 * ends of body and html do not close them (§ 13.2.6.4.7 "in body", an end
 * tag "body": only the insertion mode changes), so content after </html>
 * still lands in body (comments too: the spec puts those after </body>
 * in html, which would break the order below). Head content (script,
 * style, link, meta, ...) right after </head> goes into head
 * (§ 13.2.6.4.6) when nothing came between, and a newline right after
 * <pre>, <listing> or <textarea> is dropped (§ 13.2.6.4.7).
 *
 * Node ids stay in document order (pre-order, tree.h): the builder only
 * appends to the current element or another node on the document's
 * rightmost path (the last child of the last child ... of the document),
 * never to an element something was appended after.
 *
 * Limits: past max_depth an element is not created, and its content goes
 * to the deepest element that was: nothing but the nesting is lost. Past
 * max_nodes the builder stops with TREE_BUILD_MAX_NODES. Attribute bytes
 * past max_attr_bytes per element are cut (tree_append_element).
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
    vec open; /* node_id stack; [0] is the document */
    size_t max_nodes;
    size_t max_depth;
    size_t max_attr_bytes;
    uint32_t flattened;   /* open elements beyond max_depth, not in the tree */
    vec flat;             /* uint32 key (flat_key) of each of them, innermost last */
    int in_svg_or_math;   /* foreign content: no charset checks there */
    int saw_root_element; /* an element was appended to the document */
    node_id skip_newline; /* a pre, listing or textarea just opened */
    node_id frameset;     /* the first frameset, 0 when none */
    int stop;             /* set: the front end should stop parsing */
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
/* <!DOCTYPE name "public" "system">; ids may be NULL (absent). Kept only
 * before the first element, as HTML § 13.2.6.4.1 ("initial") does; later
 * ones are ignored. */
void tree_builder_doctype(tree_builder *b, const char *name, size_t len, const char *public_id,
                          size_t public_len, const char *system_id, size_t system_len);
/* Adds what HTML § 13.2.6.4 always builds and a front end left out: html,
 * head, and body (unless there is a frameset), each flagged implied. For
 * front ends that are not WHATWG parsers (libxml2); call before finish. */
void tree_builder_complete(tree_builder *b);
/* Stops the build with status st (a front end's own allocation failed:
 * TREE_BUILD_NOMEM). The first failure recorded stays. */
void tree_builder_abort(tree_builder *b, enum tree_build_status st);
/* Closes every open element (end of input). */
void tree_builder_finish(tree_builder *b);

#endif
