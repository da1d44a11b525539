#include "tree/tree.h"

#include <string.h>

#include "core/utf8.h"

typedef struct tag_entry {
    const char *name;
    unsigned flags;
} tag_entry;

static const tag_entry tag_table[TAG__COUNT] = {
    {"", 0},
#define TAG(id, name, flags) {name, flags},
#include "tree/tags.def"
#undef TAG
};

static const char *const attr_names[ATTR__COUNT] = {
    "",
#define ATTR(id, name) name,
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

static int name_is(const char *s, size_t len, const char *name)
{
    return !strncmp(name, s, len) && name[len] == '\0'; /* stops at name's NUL */
}

unsigned tree_tag_lookup(const char *name, size_t len)
{
    if (!len || len > 16)
        return TAG_UNKNOWN_;
    for (uint32_t h = name_hash(name, len) & (TAG_HASH_SIZE - 1);; h = (h + 1) & (TAG_HASH_SIZE - 1)) {
        unsigned id = tag_hash[h];
        if (!id)
            return TAG_UNKNOWN_;
        if (name_is(name, len, tag_table[id].name))
            return id;
    }
}

unsigned tree_attr_lookup(const char *name, size_t len)
{
    if (!len || len > 16)
        return ATTR_OTHER;
    for (uint32_t h = name_hash(name, len) & (ATTR_HASH_SIZE - 1);; h = (h + 1) & (ATTR_HASH_SIZE - 1)) {
        unsigned id = attr_hash[h];
        if (!id)
            return ATTR_OTHER;
        if (name_is(name, len, attr_names[id]))
            return id;
    }
}

unsigned tree_tag_flags(unsigned tag) { return tag < TAG__COUNT ? tag_table[tag].flags : 0; }

const char *tree_tag_name(const tree_doc *d, unsigned tag, size_t *len)
{
    if (tag < TAG__COUNT) {
        *len = strlen(tag_table[tag].name);
        return tag_table[tag].name;
    }
    uint32_t i = (tag - TAG__COUNT) * 2;
    if (i + 1 >= d->interned.len) {
        *len = 0;
        return "";
    }
    const uint32_t *e = d->interned.items;
    *len = e[i + 1];
    return d->chars.data + e[i];
}

unsigned tree_tag_intern(tree_doc *d, const char *name, size_t len)
{
    unsigned known = tree_tag_lookup(name, len);
    if (known)
        return known;
    /* Pages use few unknown tags (custom elements): a linear scan is fine,
     * and capped so that a hostile page cannot make it quadratic. */
    const uint32_t *e = d->interned.items;
    uint32_t count = d->interned.len / 2;
    for (uint32_t i = 0; i < count; i++) {
        if (e[2 * i + 1] == len && !memcmp(d->chars.data + e[2 * i], name, len))
            return TAG__COUNT + i;
    }
    /* 4096 distinct custom tags, then the rest share TAG_UNKNOWN_. */
    if (count >= 4096 || TAG__COUNT + count >= UINT16_MAX || len > UINT32_MAX / 2)
        return TAG_UNKNOWN_;
    if (vec_reserve(&d->interned, sizeof(uint32_t), 2))
        return 0;
    uint32_t off = (uint32_t)d->chars.len;
    if (buf_append(&d->chars, name, len))
        return 0;
    uint32_t *slot = (uint32_t *)d->interned.items + d->interned.len;
    slot[0] = off;
    slot[1] = (uint32_t)len;
    d->interned.len += 2;
    return TAG__COUNT + count;
}

void tree_doc_init(tree_doc *d) { memset(d, 0, sizeof *d); }

void tree_doc_free(tree_doc *d)
{
    vec_free(&d->nodes);
    vec_free(&d->attrs);
    vec_free(&d->interned);
    buf_free(&d->chars);
}

int tree_doc_reset(tree_doc *d)
{
    vec_reset(&d->nodes);
    vec_reset(&d->attrs);
    vec_reset(&d->interned);
    buf_reset(&d->chars);
    d->html = d->head = d->body = d->title = 0;
    tree_node *root = vec_push(&d->nodes, sizeof(tree_node));
    if (!root)
        return -1;
    root->kind = TREE_DOCUMENT;
    return 0;
}

static tree_node *node_mut(tree_doc *d, node_id n) { return &((tree_node *)d->nodes.items)[n]; }

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
        if (vlen > budget)
            vlen = budget; /* truncated: the attribute byte limit */
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

node_id tree_append_text(tree_doc *d, node_id parent, const char *s, size_t len)
{
    /* Adjacent character events merge into one text node when its bytes
     * are the last in the buffer (the common case while parsing). */
    tree_node *p = node_mut(d, parent);
    if (p->last_child) {
        tree_node *last = node_mut(d, p->last_child);
        if (last->kind == TREE_TEXT && (size_t)last->text_off + last->text_len == d->chars.len &&
            (size_t)last->text_len + len <= UINT32_MAX) {
            uint32_t off;
            if (append_chars(d, s, len, &off))
                return 0;
            last = node_mut(d, p->last_child);
            last->text_len += (uint32_t)len;
            return p->last_child;
        }
    }
    uint32_t off;
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
