#include "tree/builder.h"

#include <string.h>

void tree_builder_init(tree_builder *b) { memset(b, 0, sizeof *b); }

void tree_builder_free(tree_builder *b) { vec_free(&b->open); }

int tree_builder_begin(tree_builder *b, tree_doc *doc, size_t max_nodes, size_t max_depth,
                       size_t max_attr_bytes)
{
    b->doc = doc;
    b->max_nodes = max_nodes;
    b->max_depth = max_depth;
    b->max_attr_bytes = max_attr_bytes;
    b->flattened = 0;
    b->in_svg_or_math = 0;
    b->stop = 0;
    b->status = TREE_BUILD_OK;
    vec_reset(&b->open);
    if (tree_doc_reset(doc))
        return -1;
    node_id *root = vec_push(&b->open, sizeof(node_id));
    if (!root)
        return -1;
    *root = 0;
    return 0;
}

static void fail(tree_builder *b, enum tree_build_status st)
{
    if (b->status == TREE_BUILD_OK)
        b->status = st;
    b->stop = 1;
}

static node_id current(const tree_builder *b) { return VEC_AT(b->open, node_id, b->open.len - 1); }

static int room_for_node(tree_builder *b)
{
    if (tree_node_count(b->doc) >= b->max_nodes) {
        fail(b, TREE_BUILD_MAX_NODES);
        return 0;
    }
    return 1;
}

void tree_builder_start(tree_builder *b, const char *name, size_t len, const tree_attr_in *attrs,
                        size_t nattrs, int implied)
{
    if (b->stop)
        return;
    /* Past the depth limit an element is not created: its content goes to
     * the deepest open element, so nothing is lost but the nesting. */
    if (b->open.len > b->max_depth) {
        b->flattened++;
        return;
    }
    if (!room_for_node(b))
        return;
    unsigned tag = tree_tag_intern(b->doc, name, len);
    node_id id = tree_append_element(b->doc, current(b), tag, attrs, nattrs, b->max_attr_bytes);
    if (!id) {
        fail(b, TREE_BUILD_NOMEM);
        return;
    }
    if (implied)
        ((tree_node *)b->doc->nodes.items)[id].flags |= TREE_NODE_IMPLIED;
    unsigned flags = tree_tag_flags(tag);
    if (flags & TF_VOID) {
        if (tag == TAG_META && b->on_meta && !b->in_svg_or_math &&
            b->on_meta(b->user, b->doc, id)) {
            fail(b, TREE_BUILD_CHARSET_CHANGE);
        }
        return;
    }
    if (tag == TAG_SVG || tag == TAG_MATH)
        b->in_svg_or_math++;
    node_id *slot = vec_push(&b->open, sizeof(node_id));
    if (!slot) {
        fail(b, TREE_BUILD_NOMEM);
        return;
    }
    *slot = id;
}

void tree_builder_end(tree_builder *b, const char *name, size_t len)
{
    if (b->stop)
        return;
    if (b->flattened) {
        b->flattened--;
        return;
    }
    unsigned tag = tree_tag_lookup(name, len);
    if (tree_tag_flags(tag) & TF_VOID)
        return; /* voids are never on the stack */
    if (!tag)
        tag = tree_tag_intern(b->doc, name, len);
    /* Front ends report ends properly nested, so the end closes the current
     * element; otherwise close down to the nearest open element of that
     * name, and ignore an end tag that matches nothing. */
    uint32_t i = b->open.len;
    while (i > 1 && tree_tag(b->doc, VEC_AT(b->open, node_id, i - 1)) != tag)
        i--;
    if (i <= 1)
        return;
    for (uint32_t k = i - 1; k < b->open.len; k++) {
        unsigned t = tree_tag(b->doc, VEC_AT(b->open, node_id, k));
        if ((t == TAG_SVG || t == TAG_MATH) && b->in_svg_or_math)
            b->in_svg_or_math--;
    }
    b->open.len = i - 1;
}

void tree_builder_text(tree_builder *b, const char *s, size_t len)
{
    if (b->stop || !len)
        return;
    node_id parent = current(b);
    const tree_node *p = tree_node_at(b->doc, parent);
    int merges = p->last_child && tree_kind(b->doc, p->last_child) == TREE_TEXT;
    if (!merges && !room_for_node(b))
        return;
    if (!tree_append_text(b->doc, parent, s, len))
        fail(b, TREE_BUILD_NOMEM);
}

void tree_builder_comment(tree_builder *b, const char *s, size_t len)
{
    if (b->stop)
        return;
    if (!room_for_node(b))
        return;
    if (!tree_append_comment(b->doc, current(b), s, len))
        fail(b, TREE_BUILD_NOMEM);
}

void tree_builder_finish(tree_builder *b)
{
    b->open.len = b->open.len ? 1 : 0;
    b->flattened = 0;
}
