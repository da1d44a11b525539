/*
 * features.c — what extraction knows about every node: the names
 * classified once per document, then per attempt the pruned set and the
 * text features summed bottom-up in one reverse pass over the ids.
 */
#include <string.h>

#include "core/utf8.h"
#include "extract/internal.h"

static unsigned lower_groups(ext_ctx *x, const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    struct name_cache *slot = &x->cache[(h ^ (h >> 8)) & 255];
    if (slot->s && slot->len == len && !memcmp(slot->s, s, len))
        return slot->groups;
    buf_reset(&x->lower);
    if (buf_reserve(&x->lower, len))
        return 0;
    for (size_t i = 0; i < len; i++)
        x->lower.data[i] = ascii_lower(s[i]);
    x->lower.len = len;
    unsigned g = pat_match_names(&x->names, x->lower.data, len);
    if (len <= UINT32_MAX) {
        slot->s = s;
        slot->len = (uint32_t)len;
        slot->groups = (uint16_t)g;
    }
    return g;
}

/* Raw text per node before any pruning, and where the strong content
 * hints sit. Decides whether <noscript> holds the page: script-built pages
 * (forum software, single-page apps) put their whole text for crawlers in
 * it, and then it is content, not a fallback. */
static void measure_raw_text(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    uint32_t in_noscript = 0;
    for (node_id i = n - 1; i >= 1; i--) {
        const tree_node *t = tree_node_at(d, i);
        ext_node *e = ext_at(x, i);
        if (t->kind == TREE_TEXT) {
            e->raw_len = t->text_len;
        } else if (t->kind == TREE_ELEMENT) {
            if (t->tag == TAG_ARTICLE || t->tag == TAG_MAIN)
                e->doc_flags |= ED_CONTENT_HINT;
            if (t->tag == TAG_H1)
                e->doc_flags |= ED_HEADLINE;
            if (t->tag == TAG_NOSCRIPT)
                in_noscript += e->raw_len; /* nested noscript is not valid HTML */
            else if (e->never)
                e->raw_len = 0;
        }
        ext_node *pe = ext_at(x, t->parent);
        pe->raw_len += e->raw_len;
        pe->doc_flags |= e->doc_flags & (ED_CONTENT_HINT | ED_HEADLINE);
    }
    uint32_t total = ext_at(x, 0)->raw_len;
    int noscript_is_content = in_noscript > total - in_noscript;
    for (node_id i = 1; i < n; i++) {
        if (tree_is_element(d, i, TAG_NOSCRIPT)) {
            ext_node *e = ext_at(x, i);
            e->never = !noscript_is_content;
        }
    }
}

int ext_classify_names(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    vec_reset(&x->nodes);
    if (vec_reserve(&x->nodes, sizeof(ext_node), n))
        return -1;
    memset(x->nodes.items, 0, (size_t)n * sizeof(ext_node));
    x->nodes.len = n;
    memset(x->cache, 0, sizeof x->cache); /* its pointers are into the last document */
    for (node_id i = 1; i < n; i++) {
        const tree_node *t = tree_node_at(d, i);
        ext_node *e = ext_at(x, i);
        /* Pre-order: the parent's flag is final before its children's. */
        const tree_node *pt = tree_node_at(d, t->parent);
        if ((ext_at(x, t->parent)->doc_flags & ED_IN_TABLE_OR_CODE) ||
            (pt->kind == TREE_ELEMENT && (pt->tag == TAG_TABLE || pt->tag == TAG_CODE)))
            e->doc_flags |= ED_IN_TABLE_OR_CODE;
        if (t->kind != TREE_ELEMENT)
            continue;
        unsigned tf = tree_tag_flags(t->tag);
        e->never = (tf & TF_NEVER) != 0;
        if (!t->attr_count)
            continue;
        size_t len;
        const char *v;
        if ((v = tree_attr_get(d, i, ATTR_CLASS, &len)) && len)
            e->class_groups = (uint16_t)lower_groups(x, v, len);
        if ((v = tree_attr_get(d, i, ATTR_ID, &len)) && len)
            e->id_groups = (uint16_t)lower_groups(x, v, len);
        unsigned extra = 0;
        if ((v = tree_attr_get(d, i, ATTR_ROLE, &len)))
            extra |= pat_match_role(v, len);
        if ((v = tree_attr_get(d, i, ATTR_STYLE, &len)) && pat_style_hidden(v, len))
            extra |= PAT_HIDDEN;
        if (tree_attr_get(d, i, ATTR_HIDDEN, &len))
            extra |= PAT_HIDDEN;
        if ((v = tree_attr_get(d, i, ATTR_ARIA_HIDDEN, &len)) && ascii_ieq(v, len, "true")) {
            /* Lazy-loading scripts mark the real image's fallback hidden. */
            size_t cl;
            const char *c = tree_attr_get(d, i, ATTR_CLASS, &cl);
            if (!c || !mem_find(c, cl, "fallback-image", 14))
                extra |= PAT_HIDDEN;
        }
        e->class_groups |= (uint16_t)extra;
        size_t il;
        if ((v = tree_attr_get(d, i, ATTR_ITEMPROP, &il)) && mem_find(v, il, "articleBody", 11))
            e->doc_flags |= ED_CONTENT_HINT;
    }
    measure_raw_text(x);
    return 0;
}

static unsigned groups_of(const ext_node *e) { return (unsigned)e->class_groups | e->id_groups; }

/* The rule that prunes the element itself in this attempt, or 0. */
static int prune_self(ext_ctx *x, node_id i, const tree_node *t)
{
    int in_table_or_code = (ext_at(x, i)->doc_flags & ED_IN_TABLE_OR_CODE) != 0;
    const ext_node *e = ext_at(x, i);
    if (e->never || t->tag == TAG_HEAD)
        return ER_NEVER;
    unsigned g = groups_of(e);
    /* Hidden, unless it holds most of the page: some pages keep all their
     * text in a wrapper that scripts reveal. */
    if ((g & PAT_HIDDEN) && e->raw_len * 2 <= ext_at(x, 0)->raw_len)
        return ER_HIDDEN;
    if ((x->flags & EF_NO_COMMENTS) && (g & PAT_COMMENTS) &&
        !(e->doc_flags & (ED_CONTENT_HINT | ED_HEADLINE)) && !(tree_tag_flags(t->tag) & TF_HEADING))
        return ER_COMMENTS_OUT;
    if (!(x->flags & EF_STRIP_UNLIKELY))
        return 0;
    if (g & PAT_ROLE_CHROME)
        return ER_CHROME_ROLE;
    /* Chrome by name, unless the article itself is inside: a "header" that
     * wraps <article> is a layout row, and one that holds the headline is
     * the article's header (with its standfirst), not the site's. */
    /* Headings are titles, not chrome containers: "recipe-header" names an
     * h3 of the recipe. A table of data is content whatever its name says
     * of how it scrolls ("wikitable sticky-header"). */
    if ((g & PAT_UNLIKELY) && !(g & PAT_MAYBE) && !in_table_or_code && t->tag != TAG_BODY &&
        t->tag != TAG_A && !(tree_tag_flags(t->tag) & TF_HEADING) &&
        !(e->doc_flags & (ED_CONTENT_HINT | ED_HEADLINE)) &&
        !(t->tag == TAG_TABLE && ext_is_data_table(x, i)))
        return ER_CHROME_NAME;
    return 0;
}

void ext_unprune_comments(ext_ctx *x, node_id root)
{
    const tree_doc *d = x->doc;
    node_id end = tree_next(d, 0, root, 1);
    if (!end)
        end = tree_node_count(d);
    for (node_id i = root; i < end; i++) {
        const tree_node *t = tree_node_at(d, i);
        ext_node *e = ext_at(x, i);
        int removed = i != root && (ext_at(x, t->parent)->flags & EN_REMOVED);
        if (t->kind == TREE_ELEMENT)
            removed |= e->never || t->tag == TAG_FORM ||
                       (((unsigned)e->class_groups | e->id_groups) & PAT_HIDDEN);
        else if (t->kind == TREE_COMMENT)
            removed = 1;
        e->flags = (uint8_t)(removed ? EN_REMOVED : 0);
        e->rule = removed && !(i != root && (ext_at(x, t->parent)->flags & EN_REMOVED)) ? ER_NEVER
                                                                                        : ER_NONE;
    }
    ext_at(x, root)->rule = ER_COMMENTS;
    ext_compute_features_range(x, root, end);
}

void ext_prune(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    /* Pre-order: a parent's state is final before its children's. */
    for (node_id i = 1; i < n; i++) {
        const tree_node *t = tree_node_at(d, i);
        ext_node *e = ext_at(x, i);
        node_id p = t->parent;
        e->flags = 0;
        e->rule = ER_NONE;
        int parent_removed = p && (ext_at(x, p)->flags & EN_REMOVED);
        if (parent_removed) {
            e->flags |= EN_REMOVED;
        } else if (t->kind == TREE_COMMENT) {
            e->flags |= EN_REMOVED;
            e->rule = ER_NEVER;
        } else if (t->kind == TREE_ELEMENT) {
            unsigned rule = (unsigned)prune_self(x, i, t);
            if (rule) {
                e->flags |= EN_REMOVED;
                e->rule = (uint8_t)rule;
            }
        }
    }
}

/* Counts a text node: code points with each whitespace run counted once
 * (what innerText-like measures see), and commas of several scripts. */
static void text_features(const char *s, size_t len, uint32_t *cps, uint32_t *commas)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t count = 0, c = 0;
    int in_space = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char b = p[i];
        if (b < 0x80) {
            int sp = b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f';
            if (!sp || !in_space)
                count++;
            in_space = sp;
            c += b == ',';
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(p + i, len - i, &adv);
        int sp = utf8_is_space(cp);
        if (!sp || !in_space)
            count++;
        in_space = sp;
        /* Arabic, small, vertical, full-width and ideographic commas. */
        c += cp == 0x060C || cp == 0xFE50 || cp == 0xFE10 || cp == 0xFE11 || cp == 0x2E41 ||
             cp == 0x2E34 || cp == 0x2E32 || cp == 0xFF0C || cp == 0x3001;
        i += adv;
    }
    *cps = count;
    *commas = c;
}

/* DIV_TO_P: elements whose presence below a div keeps it from being read
 * as a paragraph. */
static int is_block_for_div(unsigned tag)
{
    switch (tag) {
    case TAG_BLOCKQUOTE: case TAG_DL: case TAG_DIV: case TAG_IMG: case TAG_OL:
    case TAG_P: case TAG_PRE: case TAG_TABLE: case TAG_UL:
        return 1;
    default:
        return 0;
    }
}

void ext_compute_features(ext_ctx *x)
{
    ext_compute_features_range(x, 1, tree_node_count(x->doc));
}

void ext_compute_features_range(ext_ctx *x, node_id first, node_id end)
{
    const tree_doc *d = x->doc;
    for (node_id i = first; i < end; i++) {
        ext_node *e = ext_at(x, i);
        e->text_len = e->commas = e->heading_len = e->list_len = e->textish_len = 0;
        e->link_len = 0;
        e->score = 0;
        e->n_p = e->n_img = e->n_li = e->n_input = e->n_embed = e->n_block = 0;
        e->n_link_heading = 0;
    }
    /* Reverse id order is post-order: children are summed before parents.
     * The range's first node is its root: nothing is added above it. */
    for (node_id i = end - 1; i >= first && i > 0; i--) {
        const tree_node *t = tree_node_at(d, i);
        ext_node *e = ext_at(x, i);
        ext_node *pe = t->parent && i != first ? ext_at(x, t->parent) : NULL;
        if (e->flags & EN_REMOVED) {
            /* Form controls and embeds count even though their text does not. */
            if (pe && t->kind == TREE_ELEMENT && !(pe->flags & EN_REMOVED) && e->never) {
                if (t->tag == TAG_INPUT || t->tag == TAG_SELECT || t->tag == TAG_TEXTAREA)
                    pe->n_input++;
                else if (t->tag == TAG_OBJECT || t->tag == TAG_EMBED || t->tag == TAG_IFRAME) {
                    size_t len;
                    const char *src = tree_attr_get(d, i, ATTR_SRC, &len);
                    if (!src || !pat_is_video_url(src, len))
                        pe->n_embed++;
                }
            }
            continue;
        }
        if (t->kind == TREE_TEXT) {
            text_features(d->chars.data + t->text_off, t->text_len, &e->text_len, &e->commas);
        } else if (t->kind == TREE_ELEMENT) {
            switch (t->tag) {
            case TAG_A: {
                size_t len;
                const char *href = tree_attr_get(d, i, ATTR_HREF, &len);
                float w = (href && len > 1 && href[0] == '#') ? 0.3f : 1.0f;
                e->link_len = (float)e->text_len * w;
                break;
            }
            case TAG_P: e->n_p++; break;
            case TAG_IMG: e->n_img++; break;
            case TAG_LI: e->n_li++; break;
            case TAG_UL: case TAG_OL: e->list_len += e->text_len; break;
            case TAG_H1: case TAG_H2: case TAG_H3: case TAG_H4: case TAG_H5: case TAG_H6:
                e->heading_len = e->text_len;
                if (e->text_len && e->link_len >= 0.8f * (float)e->text_len)
                    e->n_link_heading = 1;
                break;
            default: break;
            }
            if (is_block_for_div(t->tag))
                e->n_block++;
            if (is_block_for_div(t->tag) || t->tag == TAG_SPAN || t->tag == TAG_LI ||
                t->tag == TAG_TD)
                e->textish_len += e->text_len;
        }
        if (pe) {
            pe->text_len += e->text_len;
            pe->commas += e->commas;
            pe->link_len += e->link_len;
            pe->heading_len += e->heading_len;
            pe->list_len += e->list_len;
            pe->textish_len += e->textish_len;
            pe->n_p += e->n_p;
            pe->n_img += e->n_img;
            pe->n_li += e->n_li;
            pe->n_input += e->n_input;
            pe->n_embed += e->n_embed;
            pe->n_block += e->n_block;
            pe->n_link_heading += e->n_link_heading;
        }
    }
}

float ext_link_density(const ext_node *e)
{
    if (!e->text_len)
        return 0;
    return e->link_len / (float)e->text_len;
}

/* +-25 for a positive or negative class, the same again for the id. */
int ext_class_weight(const ext_ctx *x, node_id n)
{
    if (!(x->flags & EF_WEIGHT_CLASSES))
        return 0;
    const ext_node *e = &VEC_AT(x->nodes, ext_node, n);
    int w = 0;
    if (e->class_groups & PAT_NEGATIVE)
        w -= 25;
    if (e->class_groups & PAT_POSITIVE)
        w += 25;
    if (e->id_groups & PAT_NEGATIVE)
        w -= 25;
    if (e->id_groups & PAT_POSITIVE)
        w += 25;
    return w;
}
