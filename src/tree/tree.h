/*
 * tree.h — the document model: a compact, flat, read-only-after-parse tree.
 *
 * Nodes live in one array and refer to each other by 32-bit index. Node 0
 * is the document; it is never a child or sibling, so 0 doubles as "none"
 * in child and sibling links, and `for (p = n; p; p = tree_parent(d, p))`
 * walks up to (not including) the document. Text and attribute bytes live
 * in one character buffer and are referenced by (offset, length); text is
 * kept with its whitespace, normalisation happens at render time.
 *
 * Node ids are in document order (pre-order): a node's id is greater than
 * its parent's and than every node before it in the document, so a loop
 * over ids is a pre-order walk and a reverse loop a post-order one. Front
 * ends keep this by appending only along the rightmost path (builder.h).
 *
 * Everything a later stage computes about nodes (features, scores, marks)
 * lives in side arrays indexed by node id, never on the node.
 */
#ifndef PITH_TREE_H
#define PITH_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"

typedef uint32_t node_id;

enum tree_kind {
    TREE_DOCUMENT = 0,
    TREE_ELEMENT = 1,
    TREE_TEXT = 2,
    TREE_COMMENT = 3,
    TREE_DOCTYPE = 4, /* <!DOCTYPE>: name in text, public and system ids as attributes 0, 1 */
};

enum tree_tag_flags {
    TF_BLOCK = 1 << 0,
    TF_VOID = 1 << 1,
    TF_HEADING = 1 << 2,
    TF_FORMATTING = 1 << 3,
    TF_NEVER = 1 << 4,
    TF_TABLE = 1 << 5,
};

/* Tag ids: TAG_UNKNOWN_ for none, then the names of tags.def in order;
 * names the table lacks are interned per document with ids from
 * TAG__COUNT up. */
enum tree_tag {
    TAG_UNKNOWN_ = 0,
#define TAG(id, name, flags) TAG_##id,
#include "tree/tags.def"
#undef TAG
    TAG__COUNT
};

enum tree_attr_id {
    ATTR_OTHER = 0,
#define ATTR(id, name) ATTR_##id,
#include "tree/attrs.def"
#undef ATTR
    ATTR__COUNT
};

typedef struct tree_node {
    node_id parent;
    node_id first_child;
    node_id last_child;
    node_id next_sibling;
    node_id prev_sibling;
    uint32_t attr_first; /* index into the attribute array */
    uint32_t text_off;   /* text, comment, doctype name: bytes in chars */
    uint32_t text_len;
    uint16_t tag; /* element: enum tree_tag or an interned id */
    uint16_t attr_count;
    uint8_t kind;   /* enum tree_kind */
    uint8_t flags;  /* TREE_NODE_* */
    uint16_t depth; /* element depth, capped at the depth limit */
} tree_node;

/* tree_node.flags */
enum {
    TREE_NODE_IMPLIED = 1 << 0, /* element the parser inserted (no tag in the source) */
};

typedef struct tree_attr {
    uint32_t name_off, value_off; /* bytes in chars */
    uint32_t value_len;
    uint16_t name_len;
    uint16_t id; /* enum tree_attr_id */
} tree_attr;

typedef struct tree_doc {
    vec nodes;                       /* tree_node; [0] is the document */
    vec attrs;                       /* tree_attr */
    buf chars;                       /* text and attribute bytes, UTF-8 */
    vec interned;                    /* uint32 offset|len pairs of unknown tag names in chars */
    vec intern_index;                /* uint16 hash slots: 0 empty, else interned index + 1 */
    node_id html, head, body, title; /* first of each, 0 when absent */
} tree_doc;

/* Storage is kept across documents: init once, reset per document. */
void tree_doc_init(tree_doc *d);
void tree_doc_free(tree_doc *d);
/* Empties the document and recreates node 0. 0 or -1 (out of memory). */
int tree_doc_reset(tree_doc *d);

/* ---- reading ---------------------------------------------------------- */

static inline const tree_node *tree_node_at(const tree_doc *d, node_id n)
{
    return &((const tree_node *)d->nodes.items)[n];
}
static inline uint32_t tree_node_count(const tree_doc *d)
{
    return d->nodes.len;
}
static inline node_id tree_parent(const tree_doc *d, node_id n)
{
    return tree_node_at(d, n)->parent;
}
static inline node_id tree_first_child(const tree_doc *d, node_id n)
{
    return tree_node_at(d, n)->first_child;
}
static inline node_id tree_next_sibling(const tree_doc *d, node_id n)
{
    return tree_node_at(d, n)->next_sibling;
}
static inline int tree_kind(const tree_doc *d, node_id n)
{
    return tree_node_at(d, n)->kind;
}
static inline unsigned tree_tag(const tree_doc *d, node_id n)
{
    return tree_node_at(d, n)->tag;
}
static inline int tree_is_element(const tree_doc *d, node_id n, unsigned tag)
{
    const tree_node *x = tree_node_at(d, n);
    return x->kind == TREE_ELEMENT && x->tag == tag;
}
/* Text of a text or comment node, name of a doctype (not NUL-terminated). */
static inline const char *tree_text(const tree_doc *d, node_id n, size_t *len)
{
    const tree_node *x = tree_node_at(d, n);
    *len = x->text_len;
    return d->chars.data + x->text_off;
}

/* Flags of a tag id (0 for interned unknown tags). */
unsigned tree_tag_flags(unsigned tag);
/* Name of a tag id ("div"), for interned ones too; sets *len. */
const char *tree_tag_name(const tree_doc *d, unsigned tag, size_t *len);
/* Tag id of a lowercase name in the static table, or TAG_UNKNOWN_. */
unsigned tree_tag_lookup(const char *name, size_t len);
/* Attribute id of a lowercase name, or ATTR_OTHER. */
unsigned tree_attr_lookup(const char *name, size_t len);

/* Value of attribute `id` on element n, or NULL (not NUL-terminated). */
const char *tree_attr_get(const tree_doc *d, node_id n, unsigned id, size_t *len);
/* Value of an attribute by lowercase name (any attribute), or NULL. */
const char *tree_attr_get_named(const tree_doc *d, node_id n, const char *name, size_t *len);
static inline const tree_attr *tree_attr_at(const tree_doc *d, uint32_t i)
{
    return &((const tree_attr *)d->attrs.items)[i];
}

/* Public (which = 0) or system (which = 1) identifier of a doctype node,
 * "" when it had none (not NUL-terminated). */
const char *tree_doctype_id(const tree_doc *d, node_id n, int which, size_t *len);

/* Pre-order successor of n within the subtree of `root` (skipping n's
 * children when skip_children); 0 at the end. n must be in root's subtree
 * (if not, the walk goes on to the end of the document and stops there).
 * The building block of every non-recursive walk. */
node_id tree_next(const tree_doc *d, node_id root, node_id n, int skip_children);

/* ENTER/EXIT walker (cmark's iterator): every element is seen entering and
 * exiting, leaves once with entering = 1. */
typedef struct tree_walker {
    const tree_doc *doc;
    node_id root, node;
    int entering;
    int started;
    int skip;
} tree_walker;

void tree_walker_init(tree_walker *w, const tree_doc *d, node_id root);
/* Advances; returns 0 at the end. After an ENTER of an element, calling
 * tree_walker_skip makes the next step its EXIT. */
int tree_walker_step(tree_walker *w);
void tree_walker_skip(tree_walker *w);

/* ---- building --------------------------------------------------------- */

/* An attribute as a parser hands it over, name already lowercase. */
typedef struct tree_attr_in {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} tree_attr_in;

/* Appends a new last child to `parent`. Returns the node id, or 0 when
 * out of memory or past max_nodes (the builder below tells which). */
node_id tree_append_element(tree_doc *d, node_id parent, unsigned tag, const tree_attr_in *attrs,
                            size_t nattrs, size_t max_attr_bytes);
/* Text extends the parent's last child when that is a text node whose bytes
 * end the character buffer (adjacent character events make one node);
 * otherwise it is a new node. tree_text_extends says which will happen. */
node_id tree_append_text(tree_doc *d, node_id parent, const char *s, size_t len);
int tree_text_extends(const tree_doc *d, node_id parent, size_t len);
node_id tree_append_comment(tree_doc *d, node_id parent, const char *s, size_t len);
node_id tree_append_doctype(tree_doc *d, node_id parent, const char *name, size_t name_len,
                            const char *public_id, size_t public_len, const char *system_id,
                            size_t system_len);
/* Tag id for any lowercase name, interning unknown ones; 0 out of memory.
 * Past TREE_MAX_INTERNED distinct unknown names the rest share
 * TAG_UNKNOWN_ (their name then reads as ""). */
unsigned tree_tag_intern(tree_doc *d, const char *name, size_t len);
/* Tag id of a name, known or already interned, without interning;
 * TAG_UNKNOWN_ when neither. */
unsigned tree_tag_find(const tree_doc *d, const char *name, size_t len);

/* Distinct unknown tag names one document may intern. Real pages use a few
 * dozen custom elements; the cap bounds the index a hostile page can grow. */
#define TREE_MAX_INTERNED 4096

#endif
