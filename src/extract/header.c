/*
 * header.c — the article's header: headline, kicker, standfirst.
 *
 * The headline is a record field (the title), and so is the kicker above
 * it; the standfirst below it is article text. Extractors of the
 * Readability family keep or lose the standfirst by accident: it sits in a
 * header block of its own, too short to win a sibling vote. Here it is
 * looked for explicitly between the headline and the article body.
 */
#include "extract/internal.h"

/* A standfirst is a paragraph or two (characters). */
#define STANDFIRST_MIN_CHARS 20
#define STANDFIRST_MAX_CHARS 600
/* A kicker is a few words above the headline. */
#define KICKER_MAX_CHARS 60

static int is_gone(const ext_ctx *x, node_id n)
{
    return (VEC_AT(x->nodes, ext_node, n).flags & (EN_DROPPED | EN_REMOVED)) != 0;
}

static unsigned names(const ext_ctx *x, node_id n)
{
    const ext_node *e = &VEC_AT(x->nodes, ext_node, n);
    return (unsigned)e->class_groups | e->id_groups;
}

/* The first h1 of the body: the headline of an article page. */
static node_id find_headline(const ext_ctx *x)
{
    const tree_doc *d = x->doc;
    node_id body = d->body ? d->body : d->html;
    for (node_id c = body; c; c = tree_next(d, body, c, 0)) {
        if (tree_is_element(d, c, TAG_H1) && !(VEC_AT(x->nodes, ext_node, c).flags & EN_REMOVED) &&
            VEC_AT(x->nodes, ext_node, c).text_len > 0)
            return c;
    }
    return 0;
}

static node_id first_kept(const ext_ctx *x)
{
    node_id first = 0;
    for (uint32_t k = 0; k < x->kept.len; k++) {
        node_id f = VEC_AT(x->kept, ext_range, k).first;
        if (!first || f < first)
            first = f;
    }
    return first;
}

/* Whether n lies inside a kept range (ids are in document order). */
static int in_kept(const ext_ctx *x, node_id n)
{
    for (uint32_t k = 0; k < x->kept.len; k++) {
        ext_range r = VEC_AT(x->kept, ext_range, k);
        node_id stop = tree_next(x->doc, 0, r.last, 1);
        if (n >= r.first && (!stop || n < stop))
            return 1;
    }
    return 0;
}

/* A paragraph-like element that reads as a standfirst. */
static int is_standfirst(ext_ctx *x, node_id n)
{
    const tree_doc *d = x->doc;
    const ext_node *e = ext_at(x, n);
    unsigned tag = tree_tag(d, n);
    int paragraph = tag == TAG_P || (e->flags & (EN_TRANSPARENT | EN_DIV_AS_P));
    if (!paragraph || e->text_len < STANDFIRST_MIN_CHARS || e->text_len > STANDFIRST_MAX_CHARS)
        return 0;
    if (names(x, n) & (PAT_DATELINE | PAT_BYLINE | PAT_CAPTION | PAT_TEASER | PAT_SHARE))
        return 0;
    if (ext_link_density(e) > 0.2f)
        return 0;
    return ext_has_sentence_end(x, n, n) || e->text_len >= 80;
}

/* The lowest common ancestor of a and b. */
static node_id common_ancestor(const tree_doc *d, node_id a, node_id b)
{
    for (node_id p = a; p; p = tree_parent(d, p)) {
        for (node_id q = b; q; q = tree_parent(d, q)) {
            if (p == q)
                return p;
        }
    }
    return 0;
}

int ext_article_header(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    node_id h1 = find_headline(x);
    node_id body_start = first_kept(x);
    if (!h1 || !body_start || h1 > body_start || in_kept(x, h1))
        return 0;
    /* Headline and body must belong to one article, not be the page's
     * title bar above some other content. */
    node_id lca = common_ancestor(d, h1, body_start);
    if (!lca || lca == d->body || lca == d->html)
        return 0;
    /* Between the headline and the body: the first standfirst-like
     * paragraph. */
    node_id c = tree_next(d, 0, h1, 1);
    while (c && c < body_start) {
        const tree_node *t = tree_node_at(d, c);
        int gone = is_gone(x, c);
        if (!gone && t->kind == TREE_ELEMENT && is_standfirst(x, c)) {
            ext_range *r = vec_push(&x->kept, sizeof(ext_range));
            if (!r)
                return -1;
            r->first = r->last = c;
            r->rule = ER_STANDFIRST;
            return 0;
        }
        c = tree_next(d, 0, c, gone);
    }
    return 0;
}

void ext_drop_kicker(ext_ctx *x, node_id h1, node_id root)
{
    /* Short label elements right above the headline, in its container. */
    const tree_doc *d = x->doc;
    int dropped = 0;
    for (node_id p = tree_node_at(d, h1)->prev_sibling; p && dropped < 2;
         p = tree_node_at(d, p)->prev_sibling) {
        const tree_node *t = tree_node_at(d, p);
        if (t->kind == TREE_COMMENT || is_gone(x, p))
            continue;
        if (t->kind == TREE_TEXT) {
            if (ext_at(x, p)->text_len <= 1)
                continue; /* indentation */
            break;
        }
        const ext_node *e = ext_at(x, p);
        if (e->text_len == 0)
            continue;
        if (e->text_len > KICKER_MAX_CHARS || (tree_tag_flags(t->tag) & TF_HEADING) ||
            ext_has_sentence_end(x, p, p))
            break;
        ext_drop(x, p, root, ER_KICKER);
        dropped++;
    }
}
