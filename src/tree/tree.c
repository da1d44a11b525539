#include "tree/tree.h"

#include <string.h>

/* Tag ids are uint16 in tree_node; interned ids follow the table's. */
_Static_assert(TAG__COUNT + TREE_MAX_INTERNED < UINT16_MAX, "tag ids must fit uint16_t");

typedef struct tag_entry {
    const char *name;
    uint8_t len;
    uint8_t flags;
} tag_entry;

/* Lengths are compile-time constants, so a lookup never calls strlen. */
static const tag_entry tag_table[TAG__COUNT] = {
    {"", 0, 0},
#define TAG(id, name, flags) {name, sizeof(name) - 1, flags},
#include "tree/tags.def"
#undef TAG
};

typedef struct attr_entry {
    const char *name;
    uint8_t len;
} attr_entry;

static const attr_entry attr_table[ATTR__COUNT] = {
    {"", 0},
#define ATTR(id, name) {name, sizeof(name) - 1},
#include "tree/attrs.def"
#undef ATTR
};

#include "tree/names.inc"

/* Must match name_hash() in scripts/gen-names.py. */
static uint32_t name_hash(const char *s, size_t len)
{
    const unsigned char *b = (const unsigned char *)s;
    uint32_t h = (uint32_t)len * 0x9E3779B1u;
    h ^= b[0] * 0x85EBCA6Bu;
    h ^= b[len - 1] * 0xC2B2AE35u;
    h ^= b[len / 2] * 0x27D4EB2Fu;
    return h ^ (h >> 15);
}

/* No name in tags.def or attrs.def is longer (test_tree.c finds every one
 * of them): longer names, data-* attributes mostly, need no hashing. */
#define MAX_KNOWN_NAME 16

static int name_is(const char *s, size_t len, const char *name, size_t nlen)
{
    return len == nlen && !memcmp(s, name, len);
}

unsigned tree_tag_lookup(const char *name, size_t len)
{
    if (!len || len > MAX_KNOWN_NAME)
        return TAG_UNKNOWN_;
    for (uint32_t h = name_hash(name, len) & (TAG_HASH_SIZE - 1);;
         h = (h + 1) & (TAG_HASH_SIZE - 1)) {
        unsigned id = tag_hash[h];
        if (!id)
            return TAG_UNKNOWN_;
        if (name_is(name, len, tag_table[id].name, tag_table[id].len))
            return id;
    }
}

unsigned tree_attr_lookup(const char *name, size_t len)
{
    if (!len || len > MAX_KNOWN_NAME)
        return ATTR_OTHER;
    for (uint32_t h = name_hash(name, len) & (ATTR_HASH_SIZE - 1);;
         h = (h + 1) & (ATTR_HASH_SIZE - 1)) {
        unsigned id = attr_hash[h];
        if (!id)
            return ATTR_OTHER;
        if (name_is(name, len, attr_table[id].name, attr_table[id].len))
            return id;
    }
}

unsigned tree_tag_flags(unsigned tag)
{
    return tag < TAG__COUNT ? tag_table[tag].flags : 0;
}

const char *tree_tag_name(const tree_doc *d, unsigned tag, size_t *len)
{
    if (tag < TAG__COUNT) {
        *len = tag_table[tag].len;
        return tag_table[tag].name;
    }
    size_t i = (size_t)(tag - TAG__COUNT) * 2;
    if (i + 1 >= d->interned.len) {
        *len = 0;
        return "";
    }
    const uint32_t *e = d->interned.items;
    *len = e[i + 1];
    return d->chars.data + e[i];
}

/* ---- interning: an open-addressing hash over the interned names -------- */

/* FNV-1a: names are short, and the table only has to spread them. */
static uint32_t intern_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The slot holding `name`, or the empty slot where it would go. The index
 * is kept at most half full, so the probe ends. */
static uint16_t *intern_slot(const tree_doc *d, const char *name, size_t len)
{
    uint16_t *slots = d->intern_index.items;
    uint32_t mask = d->intern_index.len - 1;
    const uint32_t *e = d->interned.items;
    for (uint32_t i = intern_hash(name, len) & mask;; i = (i + 1) & mask) {
        uint16_t v = slots[i];
        if (!v)
            return &slots[i];
        uint32_t k = (uint32_t)(v - 1) * 2;
        if (e[k + 1] == len && !memcmp(d->chars.data + e[k], name, len))
            return &slots[i];
    }
}

/* Rebuilds the index with `size` slots (a power of two). */
static int intern_rehash(tree_doc *d, uint32_t size)
{
    vec_reset(&d->intern_index);
    if (vec_reserve(&d->intern_index, sizeof(uint16_t), size))
        return -1;
    memset(d->intern_index.items, 0, size * sizeof(uint16_t));
    d->intern_index.len = size;
    const uint32_t *e = d->interned.items;
    uint32_t count = d->interned.len / 2;
    for (uint32_t i = 0; i < count; i++)
        *intern_slot(d, d->chars.data + e[2 * i], e[2 * i + 1]) = (uint16_t)(i + 1);
    return 0;
}

unsigned tree_tag_find(const tree_doc *d, const char *name, size_t len)
{
    unsigned known = tree_tag_lookup(name, len);
    if (known || !d->interned.len)
        return known;
    uint16_t v = *intern_slot(d, name, len);
    return v ? TAG__COUNT + v - 1u : TAG_UNKNOWN_;
}

unsigned tree_tag_intern(tree_doc *d, const char *name, size_t len)
{
    unsigned known = tree_tag_lookup(name, len);
    if (known)
        return known;
    uint32_t count = d->interned.len / 2;
    if (count) {
        uint16_t v = *intern_slot(d, name, len);
        if (v)
            return TAG__COUNT + v - 1u;
    }
    if (count >= TREE_MAX_INTERNED || len > UINT32_MAX / 2)
        return TAG_UNKNOWN_;
    if (2 * (count + 1) > d->intern_index.len &&
        intern_rehash(d, d->intern_index.len ? 2 * d->intern_index.len : 64))
        return 0;
    if (vec_reserve(&d->interned, sizeof(uint32_t), 2))
        return 0;
    uint32_t off = (uint32_t)d->chars.len;
    if (d->chars.len + len > UINT32_MAX || buf_append(&d->chars, name, len))
        return 0;
    uint32_t *slot = (uint32_t *)d->interned.items + d->interned.len;
    slot[0] = off;
    slot[1] = (uint32_t)len;
    d->interned.len += 2;
    *intern_slot(d, name, len) = (uint16_t)(count + 1);
    return TAG__COUNT + count;
}

void tree_doc_init(tree_doc *d)
{
    memset(d, 0, sizeof *d);
}

void tree_doc_free(tree_doc *d)
{
    vec_free(&d->nodes);
    vec_free(&d->attrs);
    vec_free(&d->interned);
    vec_free(&d->intern_index);
    buf_free(&d->chars);
}

int tree_doc_reset(tree_doc *d)
{
    vec_reset(&d->nodes);
    vec_reset(&d->attrs);
    vec_reset(&d->interned);
    vec_reset(&d->intern_index);
    buf_reset(&d->chars);
    d->html = d->head = d->body = d->title = 0;
    tree_node *root = vec_push(&d->nodes, sizeof(tree_node));
    if (!root)
        return -1;
    root->kind = TREE_DOCUMENT;
    return 0;
}

static tree_node *node_mut(tree_doc *d, node_id n)
{
    return &((tree_node *)d->nodes.items)[n];
}

static node_id append_node(tree_doc *d, node_id parent, int kind)
{
    if (d->nodes.len >= UINT32_MAX - 1)
        return 0;
    tree_node *x = vec_push(&d->nodes, sizeof(tree_node));
    if (!x)
        return 0;
    node_id id = d->nodes.len - 1;
    x->kind = (uint8_t)kind;
    x->parent = parent;
    tree_node *p = node_mut(d, parent);
    x->depth = (uint16_t)(p->depth + (p->depth < UINT16_MAX));
    if (p->last_child) {
        node_mut(d, p->last_child)->next_sibling = id;
        x->prev_sibling = p->last_child;
    } else {
        p->first_child = id;
    }
    p->last_child = id;
    return id;
}

static int append_chars(tree_doc *d, const char *s, size_t len, uint32_t *off)
{
    if (d->chars.len + len > UINT32_MAX)
        return -1;
    *off = (uint32_t)d->chars.len;
    return buf_append(&d->chars, s, len);
}

/* The longest prefix of s, at most len bytes, that does not end inside a
 * UTF-8 sequence: a cut must leave the text valid UTF-8. */
static size_t utf8_boundary(const char *s, size_t len)
{
    size_t end = len;
    while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80)
        end--;
    return end;
}

node_id tree_append_element(tree_doc *d, node_id parent, unsigned tag, const tree_attr_in *attrs,
                            size_t nattrs, size_t max_attr_bytes)
{
    if (nattrs > UINT16_MAX)
        nattrs = UINT16_MAX;
    if (nattrs && vec_reserve(&d->attrs, sizeof(tree_attr), nattrs))
        return 0;
    node_id id = append_node(d, parent, TREE_ELEMENT);
    if (!id)
        return 0;
    uint32_t first = d->attrs.len;
    size_t budget = max_attr_bytes;
    uint16_t count = 0;
    for (size_t i = 0; i < nattrs; i++) {
        size_t nlen = attrs[i].name_len > UINT16_MAX ? UINT16_MAX : attrs[i].name_len;
        size_t vlen = attrs[i].value_len;
        if (nlen > budget)
            break;
        budget -= nlen;
        if (vlen > budget) /* cut: the attribute byte limit */
            vlen = utf8_boundary(attrs[i].value, budget);
        budget -= vlen;
        tree_attr *a = vec_push(&d->attrs, sizeof(tree_attr));
        if (!a || append_chars(d, attrs[i].name, nlen, &a->name_off) ||
            append_chars(d, attrs[i].value ? attrs[i].value : "", vlen, &a->value_off))
            return 0;
        a->name_len = (uint16_t)nlen;
        a->value_len = (uint32_t)vlen;
        a->id = (uint16_t)tree_attr_lookup(attrs[i].name, nlen);
        count++;
    }
    tree_node *x = node_mut(d, id);
    x->tag = (uint16_t)tag;
    x->attr_first = first;
    x->attr_count = count;
    if (tag == TAG_HTML && !d->html)
        d->html = id;
    else if (tag == TAG_HEAD && !d->head)
        d->head = id;
    else if (tag == TAG_BODY && !d->body)
        d->body = id;
    else if (tag == TAG_TITLE && !d->title)
        d->title = id;
    return id;
}

int tree_text_extends(const tree_doc *d, node_id parent, size_t len)
{
    node_id last = tree_node_at(d, parent)->last_child;
    if (!last)
        return 0;
    const tree_node *x = tree_node_at(d, last);
    return x->kind == TREE_TEXT && (size_t)x->text_off + x->text_len == d->chars.len &&
           (size_t)x->text_len + len <= UINT32_MAX;
}

node_id tree_append_text(tree_doc *d, node_id parent, const char *s, size_t len)
{
    /* Adjacent character events merge into one text node when its bytes
     * are the last in the buffer (the common case while parsing). */
    uint32_t off;
    if (tree_text_extends(d, parent, len)) {
        if (append_chars(d, s, len, &off))
            return 0;
        node_id last = tree_node_at(d, parent)->last_child;
        node_mut(d, last)->text_len += (uint32_t)len;
        return last;
    }
    if (append_chars(d, s, len, &off))
        return 0;
    node_id id = append_node(d, parent, TREE_TEXT);
    if (!id)
        return 0;
    tree_node *x = node_mut(d, id);
    x->text_off = off;
    x->text_len = (uint32_t)len;
    return id;
}

node_id tree_append_comment(tree_doc *d, node_id parent, const char *s, size_t len)
{
    uint32_t off;
    if (append_chars(d, s, len, &off))
        return 0;
    node_id id = append_node(d, parent, TREE_COMMENT);
    if (!id)
        return 0;
    tree_node *x = node_mut(d, id);
    x->text_off = off;
    x->text_len = (uint32_t)len;
    return id;
}

node_id tree_append_doctype(tree_doc *d, node_id parent, const char *name, size_t name_len,
                            const char *public_id, size_t public_len, const char *system_id,
                            size_t system_len)
{
    /* The two identifiers ride as attributes 0 and 1, so the node keeps
     * the common layout; tree_attr_get ignores them (not an element). */
    if (vec_reserve(&d->attrs, sizeof(tree_attr), 2))
        return 0;
    uint32_t off;
    if (append_chars(d, name, name_len, &off))
        return 0;
    node_id id = append_node(d, parent, TREE_DOCTYPE);
    if (!id)
        return 0;
    uint32_t first = d->attrs.len;
    const char *ids[2] = {public_id ? public_id : "", system_id ? system_id : ""};
    size_t lens[2] = {public_id ? public_len : 0, system_id ? system_len : 0};
    for (int i = 0; i < 2; i++) {
        tree_attr *a = vec_push(&d->attrs, sizeof(tree_attr));
        if (!a || append_chars(d, ids[i], lens[i], &a->value_off))
            return 0;
        a->name_off = a->value_off;
        a->value_len = (uint32_t)lens[i];
    }
    tree_node *x = node_mut(d, id);
    x->text_off = off;
    x->text_len = (uint32_t)name_len;
    x->attr_first = first;
    x->attr_count = 2;
    return id;
}

const char *tree_doctype_id(const tree_doc *d, node_id n, int which, size_t *len)
{
    const tree_node *x = tree_node_at(d, n);
    if (x->kind != TREE_DOCTYPE || x->attr_count < 2) {
        *len = 0;
        return "";
    }
    const tree_attr *a = tree_attr_at(d, x->attr_first + (which ? 1 : 0));
    *len = a->value_len;
    return d->chars.data + a->value_off;
}

const char *tree_attr_get(const tree_doc *d, node_id n, unsigned id, size_t *len)
{
    const tree_node *x = tree_node_at(d, n);
    if (x->kind != TREE_ELEMENT)
        return NULL;
    for (uint32_t i = 0; i < x->attr_count; i++) {
        const tree_attr *a = tree_attr_at(d, x->attr_first + i);
        if (a->id == id) {
            *len = a->value_len;
            return d->chars.data + a->value_off;
        }
    }
    return NULL;
}

const char *tree_attr_get_named(const tree_doc *d, node_id n, const char *name, size_t *len)
{
    const tree_node *x = tree_node_at(d, n);
    if (x->kind != TREE_ELEMENT)
        return NULL;
    size_t nlen = strlen(name);
    for (uint32_t i = 0; i < x->attr_count; i++) {
        const tree_attr *a = tree_attr_at(d, x->attr_first + i);
        if (a->name_len == nlen && !memcmp(d->chars.data + a->name_off, name, nlen)) {
            *len = a->value_len;
            return d->chars.data + a->value_off;
        }
    }
    return NULL;
}

node_id tree_next(const tree_doc *d, node_id root, node_id n, int skip_children)
{
    const tree_node *x = tree_node_at(d, n);
    if (!skip_children && x->first_child)
        return x->first_child;
    while (n != root) {
        x = tree_node_at(d, n);
        if (x->next_sibling)
            return x->next_sibling;
        /* Past the document without meeting root: n was outside its
         * subtree. Ending here keeps a misuse from looping forever. */
        if (!n)
            return 0;
        n = x->parent;
    }
    return 0;
}

void tree_walker_init(tree_walker *w, const tree_doc *d, node_id root)
{
    w->doc = d;
    w->root = root;
    w->node = root;
    w->entering = 1;
    w->started = 0;
    w->skip = 0;
}

int tree_walker_step(tree_walker *w)
{
    if (!w->started) {
        w->started = 1;
        return 1;
    }
    const tree_node *x = tree_node_at(w->doc, w->node);
    if (w->entering) {
        if (x->first_child && !w->skip) {
            w->node = x->first_child;
            return 1;
        }
        w->skip = 0;
        if (x->kind == TREE_ELEMENT || x->kind == TREE_DOCUMENT) {
            w->entering = 0; /* the EXIT of an element without (visited) children */
            return 1;
        }
    }
    if (w->node == w->root)
        return 0;
    if (x->next_sibling) {
        w->node = x->next_sibling;
        w->entering = 1;
        return 1;
    }
    w->node = x->parent;
    w->entering = 0;
    return 1;
}

void tree_walker_skip(tree_walker *w)
{
    if (w->entering)
        w->skip = 1;
}
