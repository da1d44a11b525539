#include "tree/builder.h"

#include <string.h>

void tree_builder_init(tree_builder *b)
{
    memset(b, 0, sizeof *b);
}

void tree_builder_free(tree_builder *b)
{
    vec_free(&b->open);
    vec_free(&b->flat);
}

int tree_builder_begin(tree_builder *b, tree_doc *doc, size_t max_nodes, size_t max_depth,
                       size_t max_attr_bytes)
{
    b->doc = doc;
    b->max_nodes = max_nodes;
    b->max_depth = max_depth;
    b->max_attr_bytes = max_attr_bytes;
    b->flattened = 0;
    b->in_svg_or_math = 0;
    b->saw_root_element = 0;
    b->skip_newline = 0;
    b->frameset = 0;
    b->stop = 0;
    b->status = TREE_BUILD_OK;
    vec_reset(&b->open);
    vec_reset(&b->flat);
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

static node_id current(const tree_builder *b)
{
    return VEC_AT(b->open, node_id, b->open.len - 1);
}

static int room_for_node(tree_builder *b)
{
    if (tree_node_count(b->doc) >= b->max_nodes) {
        fail(b, TREE_BUILD_MAX_NODES);
        return 0;
    }
    return 1;
}

/* Identifies a flattened element for matching its end: the tag id of a
 * known name, a hash with the top bit set for others. Hashing instead of
 * interning keeps names of elements that are not in the tree out of it; a
 * collision could only pair an end with the wrong flattened element, which
 * changes no node. */
static uint32_t flat_key(const char *name, size_t len)
{
    unsigned tag = tree_tag_lookup(name, len);
    if (tag)
        return tag;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619u;
    return h | 0x80000000u;
}

/* Appends an element to `parent` and opens it unless void. */
static node_id open_element(tree_builder *b, node_id parent, unsigned tag,
                            const tree_attr_in *attrs, size_t nattrs, int implied)
{
    if (!room_for_node(b))
        return 0;
    node_id id = tree_append_element(b->doc, parent, tag, attrs, nattrs, b->max_attr_bytes);
    if (!id) {
        fail(b, TREE_BUILD_NOMEM);
        return 0;
    }
    if (!parent)
        b->saw_root_element = 1;
    if (implied)
        ((tree_node *)b->doc->nodes.items)[id].flags |= TREE_NODE_IMPLIED;
    if (tree_tag_flags(tag) & TF_VOID)
        return id;
    if (tag == TAG_SVG || tag == TAG_MATH)
        b->in_svg_or_math++;
    node_id *slot = vec_push(&b->open, sizeof(node_id));
    if (!slot) {
        fail(b, TREE_BUILD_NOMEM);
        return 0;
    }
    *slot = id;
    return id;
}

/* 1 when n is the last child of the last child ... of the document: then
 * a node appended to n is last in document order too, which keeps node
 * ids in document order (tree.h). */
static int on_rightmost_path(const tree_doc *d, node_id n)
{
    for (; n; n = tree_parent(d, n)) {
        if (tree_node_at(d, tree_parent(d, n))->last_child != n)
            return 0;
    }
    return 1;
}

/* HTML § 13.2.6.4.6 "after head": these start tags between </head> and
 * <body> go into head. */
static int head_content(unsigned tag)
{
    switch (tag) {
    case TAG_BASE:
    case TAG_BASEFONT:
    case TAG_BGSOUND:
    case TAG_LINK:
    case TAG_META:
    case TAG_NOFRAMES:
    case TAG_SCRIPT:
    case TAG_STYLE:
    case TAG_TEMPLATE:
    case TAG_TITLE:
        return 1;
    }
    return 0;
}

void tree_builder_start(tree_builder *b, const char *name, size_t len, const tree_attr_in *attrs,
                        size_t nattrs, int implied)
{
    if (b->stop)
        return;
    b->skip_newline = 0;
    /* Past the depth limit an element is not created: its content goes to
     * the deepest open element, so nothing is lost but the nesting. Its
     * name is remembered to pair it with its end. */
    if (b->open.len > b->max_depth) {
        uint32_t *key = vec_push(&b->flat, sizeof(uint32_t));
        if (!key) {
            fail(b, TREE_BUILD_NOMEM);
            return;
        }
        *key = flat_key(name, len);
        b->flattened = b->flat.len;
        return;
    }
    unsigned tag = tree_tag_intern(b->doc, name, len);
    /* One html, head and body (see builder.h); their ends never close
     * html and body, so ignoring a second start needs no pairing. */
    if ((tag == TAG_HTML && b->doc->html) || (tag == TAG_HEAD && b->doc->head) ||
        (tag == TAG_BODY && b->doc->body))
        return;
    if ((tag == TAG_BODY || tag == TAG_FRAMESET) && !b->doc->head && b->doc->html &&
        current(b) == b->doc->html) {
        if (!open_element(b, current(b), TAG_HEAD, NULL, 0, 1))
            return;
        b->open.len--;
    }
    node_id parent = current(b);
    if (parent == b->doc->html && b->doc->head && !b->doc->body && !b->frameset &&
        head_content(tag) && on_rightmost_path(b->doc, b->doc->head))
        parent = b->doc->head;
    node_id id = open_element(b, parent, tag, attrs, nattrs, implied);
    if (!id)
        return;
    if (tag == TAG_FRAMESET && !b->frameset)
        b->frameset = id;
    if (tag == TAG_PRE || tag == TAG_LISTING || tag == TAG_TEXTAREA)
        b->skip_newline = id;
    if (tag == TAG_META && b->on_meta && !b->in_svg_or_math && b->on_meta(b->user, b->doc, id))
        fail(b, TREE_BUILD_CHARSET_CHANGE);
}

void tree_builder_end(tree_builder *b, const char *name, size_t len)
{
    if (b->stop)
        return;
    b->skip_newline = 0;
    if (b->flat.len) {
        /* Flattened elements are deeper than any element in the tree, so
         * an end closes one of them first. An end that matches none is for
         * an element in the tree: the flattened ones above it were closed
         * without an end event (libxml2 drops the end of a start tag it
         * could not finish) and go with it. */
        uint32_t key = flat_key(name, len);
        uint32_t i = b->flat.len;
        while (i > 0 && VEC_AT(b->flat, uint32_t, i - 1) != key)
            i--;
        b->flat.len = i ? i - 1 : 0;
        b->flattened = b->flat.len;
        if (i)
            return;
    }
    unsigned tag = tree_tag_find(b->doc, name, len);
    if (tree_tag_flags(tag) & TF_VOID)
        return; /* voids are never on the stack */
    if (tag == TAG_BODY || tag == TAG_HTML)
        return; /* only the insertion mode changes (builder.h) */
    /* Front ends report ends properly nested, so the end closes the current
     * element; otherwise close down to the nearest open element of that
     * name, and ignore an end that matches nothing. */
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
    if (b->skip_newline) {
        /* § 13.2.6.4.7 "pre, listing" and "textarea": a newline right after
         * the start tag is dropped (CR LF is one newline, § 13.2.3.5). */
        if (parent == b->skip_newline) {
            size_t nl = s[0] == '\n' ? 1 : s[0] == '\r' ? (len > 1 && s[1] == '\n' ? 2 : 1) : 0;
            s += nl;
            len -= nl;
        }
        b->skip_newline = 0;
        if (!len)
            return;
    }
    if (!tree_text_extends(b->doc, parent, len) && !room_for_node(b))
        return;
    if (!tree_append_text(b->doc, parent, s, len))
        fail(b, TREE_BUILD_NOMEM);
}

void tree_builder_comment(tree_builder *b, const char *s, size_t len)
{
    if (b->stop)
        return;
    b->skip_newline = 0;
    if (!room_for_node(b))
        return;
    if (!tree_append_comment(b->doc, current(b), s, len))
        fail(b, TREE_BUILD_NOMEM);
}

void tree_builder_doctype(tree_builder *b, const char *name, size_t len, const char *public_id,
                          size_t public_len, const char *system_id, size_t system_len)
{
    if (b->stop || b->open.len != 1 || b->saw_root_element)
        return;
    if (!room_for_node(b))
        return;
    if (!tree_append_doctype(b->doc, 0, name, len, public_id, public_len, system_id, system_len))
        fail(b, TREE_BUILD_NOMEM);
}

void tree_builder_complete(tree_builder *b)
{
    if (b->stop)
        return;
    tree_doc *d = b->doc;
    if (!d->html) {
        b->open.len = 1;
        b->flat.len = 0;
        if (!open_element(b, current(b), TAG_HTML, NULL, 0, 1))
            return;
    }
    /* Back to html: what the front end left open below it is closed. */
    uint32_t i = b->open.len;
    while (i > 1 && VEC_AT(b->open, node_id, i - 1) != d->html)
        i--;
    if (i <= 1)
        return; /* html is not open: nothing to add to */
    b->open.len = i;
    b->flat.len = 0;
    b->flattened = 0;
    if (b->frameset)
        return;
    if (!d->head && open_element(b, current(b), TAG_HEAD, NULL, 0, 1))
        b->open.len--;
    if (!d->body)
        open_element(b, current(b), TAG_BODY, NULL, 0, 1);
}

void tree_builder_abort(tree_builder *b, enum tree_build_status st)
{
    fail(b, st);
}

void tree_builder_finish(tree_builder *b)
{
    b->open.len = b->open.len ? 1 : 0;
    b->flat.len = 0;
    b->flattened = 0;
    b->in_svg_or_math = 0;
}
