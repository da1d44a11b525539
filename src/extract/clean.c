/*
 * clean.c — drop the boilerplate that sits inside the chosen container:
 * embedded widgets, asides and footers, share bars, headings that repeat
 * the page title or carry a negative class, and containers (forms, tables,
 * lists, divs) whose shape says navigation, link lists or ads rather than
 * prose (Readability's "clean conditionally" tests).
 *
 * A dropped node's features are subtracted from its ancestors, so each
 * later test sees the container as it is after the drops before it.
 */
#include <string.h>

#include "core/utf8.h"
#include "extract/internal.h"

/* Share bars longer than this are content that happens to be named
 * "share" (Readability's threshold). */
#define SHARE_MAX_CHARS 500
/* Bylines are short; a longer "author" box is a bio (Readability). */
#define BYLINE_MAX_CHARS 100
/* Captions are a sentence or two; a longer "caption" block is a text box. */
#define CAPTION_MAX_CHARS 250
/* A block named like a teaser (related, newsletter...) is one unless it
 * is article-sized (trafilatura-eval 0.908 -> 0.915). */
#define TEASER_MAX_CHARS 1000
/* A heading is the headline only near the top of the article: this much
 * text before it makes it a subheading (characters). */
#define HEADLINE_MAX_OFFSET 300
/* Ad labels are one word ("Advertisement", "Publicidad"). */
#define AD_LABEL_MAX_CHARS 20

static void subtract(ext_ctx *x, node_id n, node_id root)
{
    const ext_node *e = ext_at(x, n);
    for (node_id a = tree_parent(x->doc, n); a; a = tree_parent(x->doc, a)) {
        ext_node *pa = ext_at(x, a);
        pa->text_len -= e->text_len;
        pa->commas -= e->commas;
        pa->link_len -= e->link_len;
        pa->heading_len -= e->heading_len;
        pa->list_len -= e->list_len;
        pa->textish_len -= e->textish_len;
        pa->n_p -= e->n_p;
        pa->n_img -= e->n_img;
        pa->n_li -= e->n_li;
        pa->n_input -= e->n_input;
        pa->n_embed -= e->n_embed;
        pa->n_block -= e->n_block;
        pa->n_link_heading -= e->n_link_heading;
        if (a == root)
            break;
    }
}

void ext_drop(ext_ctx *x, node_id n, node_id root, unsigned rule)
{
    ext_node *e = ext_at(x, n);
    if (e->flags & (EN_DROPPED | EN_REMOVED))
        return;
    e->flags |= EN_DROPPED;
    e->rule = (uint8_t)rule;
    subtract(x, n, root);
}

static int is_gone(const ext_ctx *x, node_id n)
{
    return (VEC_AT(x->nodes, ext_node, n).flags & (EN_DROPPED | EN_REMOVED)) != 0;
}

/* Whether any ancestor (below the kept root's parent) satisfies a test. */
static int has_ancestor_tag(const ext_ctx *x, node_id n, unsigned tag, int data_table_only)
{
    for (node_id a = tree_parent(x->doc, n); a; a = tree_parent(x->doc, a)) {
        if (tree_is_element(x->doc, a, tag) &&
            (!data_table_only || (VEC_AT(x->nodes, ext_node, a).flags & EN_DATA_TABLE)))
            return 1;
    }
    return 0;
}

/* A table of data rather than of layout: it says so (summary, caption,
 * header cells, col groups), or it is big enough (HTML tables used for
 * layout are small or nested). */
int ext_is_data_table(const ext_ctx *x, node_id table)
{
    const tree_doc *d = x->doc;
    size_t len;
    const char *v = tree_attr_get(d, table, ATTR_ROLE, &len);
    if (v && ascii_ieq(v, len, "presentation"))
        return 0;
    if ((v = tree_attr_get_named(d, table, "datatable", &len)) && len == 1 && v[0] == '0')
        return 0;
    if (tree_attr_get_named(d, table, "summary", &len))
        return 1;
    uint32_t rows = 0, cols = 0, cells = 0;
    for (node_id c = tree_next(d, table, table, 0); c; c = tree_next(d, table, c, 0)) {
        const tree_node *t = tree_node_at(d, c);
        if (t->kind != TREE_ELEMENT)
            continue;
        switch (t->tag) {
        case TAG_CAPTION:
            if (t->first_child)
                return 1;
            break;
        case TAG_COL: case TAG_COLGROUP: case TAG_TFOOT: case TAG_THEAD: case TAG_TH:
            return 1;
        case TAG_TABLE:
            return 0; /* nested tables are layout */
        case TAG_TR:
            rows++;
            if (cells > cols)
                cols = cells;
            cells = 0;
            break;
        case TAG_TD:
            cells++;
            break;
        default: break;
        }
    }
    if (cells > cols)
        cols = cells;
    if (rows >= 10 || cols > 4)
        return 1;
    return rows * cols > 10;
}

size_t ext_fold_text(const ext_ctx *x, node_id first, node_id last, char *out, size_t cap,
                     unsigned flags)
{
    const tree_doc *d = x->doc;
    node_id stop = tree_next(d, 0, last, 1);
    size_t len = 0;
    node_id c = first;
    while (c && c != stop) {
        int gone = is_gone(x, c);
        if (!gone && tree_kind(d, c) == TREE_TEXT) {
            size_t tl;
            const char *s = tree_text(d, c, &tl);
            if ((flags & UTF8_FOLD_SPACES) && len && out[len - 1] != ' ' && len < cap)
                out[len++] = ' '; /* node boundaries may hide a space */
            size_t w = utf8_fold(s, tl, out + len, cap - len, flags);
            if (w > cap - len)
                return cap + 1;
            len += w;
        }
        c = tree_next(d, 0, c, gone);
    }
    return len;
}

int ext_is_ad_label(const ext_ctx *x, node_id first, node_id last, uint32_t text_len)
{
    char folded[4 * AD_LABEL_MAX_CHARS];
    if (text_len == 0 || text_len > AD_LABEL_MAX_CHARS)
        return 0;
    size_t len = ext_fold_text(x, first, last, folded, sizeof folded, 0);
    return len <= sizeof folded && pat_is_ad_label(folded, len);
}

static int conditionally_dropped(ext_ctx *x, node_id n, unsigned tag)
{
    const ext_node *e = ext_at(x, n);
    int is_list = tag == TAG_UL || tag == TAG_OL;
    if (!is_list && e->text_len)
        is_list = (float)e->list_len / (float)e->text_len > 0.9f;
    if (tag == TAG_TABLE && (e->flags & EN_DATA_TABLE))
        return 0;
    if (has_ancestor_tag(x, n, TAG_TABLE, 1) || has_ancestor_tag(x, n, TAG_CODE, 0))
        return 0;
    int weight = ext_class_weight(x, n);
    if (weight < 0)
        return 1;
    if (e->commas >= 10)
        return 0;
    int p = (int)e->n_p, img = (int)e->n_img, li = (int)e->n_li - 100, input = (int)e->n_input;
    float text = (float)e->text_len;
    float heading_density = text > 0 ? (float)e->heading_len / text : 0;
    float textish = (float)e->textish_len;
    if (tag == TAG_DIV || tag == TAG_UL || tag == TAG_OL || tag == TAG_TABLE)
        textish -= text; /* the node itself is not its own descendant */
    float text_density = text > 0 ? textish / text : 0;
    if (ext_is_ad_label(x, n, n, e->text_len))
        return 1;
    float ld = ext_link_density(e);
    float shift = x->tune.link_density_shift;
    int figure_child = has_ancestor_tag(x, n, TAG_FIGURE, 0);
    int embeds = (int)e->n_embed;
    int remove = (!figure_child && img > 1 && (float)p / (float)img < 0.5f) ||
                 (!is_list && li > p) || (input > p / 3) ||
                 (!is_list && !figure_child && heading_density < 0.9f && text < 25 &&
                  (img == 0 || img > 2) && ld > 0) ||
                 (!is_list && weight < 25 && ld > 0.2f + shift) || (weight >= 25 && ld > 0.5f + shift) ||
                 (embeds == 1 && text < 75) || embeds > 1 || (img == 0 && text_density == 0);
    if (is_list && remove) {
        /* Lists of images stay: every item one image and nothing else. */
        const tree_doc *d = x->doc;
        for (node_id c = tree_first_child(d, n); c; c = tree_next_sibling(d, c)) {
            int children = 0;
            for (node_id g = tree_first_child(d, c); g; g = tree_next_sibling(d, g))
                children += tree_kind(d, g) == TREE_ELEMENT;
            if (children > 1)
                return remove;
        }
        if (img == (int)e->n_li)
            return 0;
    }
    return remove;
}

/* Readability's textSimilarity: the share of the heading's token text
 * that also occurs among the title's tokens. */
static float title_similarity(const char *title, size_t tlen, const char *heading, size_t hlen);

static int heading_repeats_title(ext_ctx *x, node_id n)
{
    const tree_doc *d = x->doc;
    if (!d->title)
        return 0;
    /* Concatenate both texts into scratch buffers (short strings). */
    char title[512], heading[512];
    size_t tl = 0, hl = 0;
    for (node_id c = tree_first_child(d, d->title); c; c = tree_next_sibling(d, c)) {
        size_t len;
        if (tree_kind(d, c) != TREE_TEXT)
            continue;
        const char *s = tree_text(d, c, &len);
        if (tl + len >= sizeof title)
            len = sizeof title - 1 - tl;
        memcpy(title + tl, s, len);
        tl += len;
    }
    for (node_id c = tree_next(d, n, n, 0); c; c = tree_next(d, n, c, 0)) {
        size_t len;
        if (tree_kind(d, c) != TREE_TEXT || is_gone(x, c))
            continue;
        const char *s = tree_text(d, c, &len);
        if (hl + len + 1 >= sizeof heading)
            return 0; /* a heading this long is no title */
        memcpy(heading + hl, s, len);
        hl += len;
        heading[hl++] = ' ';
    }
    return title_similarity(title, tl, heading, hl) > 0.75f;
}

/* Tokens: runs of word characters, lowercased (ASCII) — the same rule on
 * both sides, which is what matters. */
typedef struct token {
    const char *s;
    size_t len;
} token;

static size_t tokenize(const char *s, size_t len, char *lower, token *out, size_t max)
{
    size_t n = 0, i = 0;
    for (size_t k = 0; k < len; k++)
        lower[k] = ascii_lower(s[k]);
    const unsigned char *p = (const unsigned char *)lower;
    while (i < len && n < max) {
        size_t start = i;
        if (!utf8_is_word(utf8_next(p, len, &i)))
            continue;
        size_t end = i;
        while (i < len) {
            size_t at = i;
            if (!utf8_is_word(utf8_next(p, len, &i))) {
                i = at; /* not part of the token: look at it again */
                break;
            }
            end = i;
        }
        out[n].s = lower + start;
        out[n].len = end - start;
        n++;
    }
    return n;
}

static float title_similarity(const char *title, size_t tlen, const char *heading, size_t hlen)
{
    char tl[512], hl[512];
    token tt[128], ht[128];
    size_t nt = tokenize(title, tlen, tl, tt, 128);
    size_t nh = tokenize(heading, hlen, hl, ht, 128);
    if (!nt || !nh)
        return 0;
    size_t total = 0, uniq = 0;
    for (size_t i = 0; i < nh; i++) {
        total += ht[i].len + (i > 0);
        int found = 0;
        for (size_t j = 0; j < nt && !found; j++)
            found = tt[j].len == ht[i].len && !memcmp(tt[j].s, ht[i].s, ht[i].len);
        if (!found)
            uniq += ht[i].len + (uniq > 0);
    }
    return total ? 1.0f - (float)uniq / (float)total : 0;
}

static int is_byline(const ext_ctx *x, node_id n)
{
    const tree_doc *d = x->doc;
    const ext_node *e = &VEC_AT(x->nodes, ext_node, n);
    size_t len;
    const char *v;
    int named = ((e->class_groups | e->id_groups) & PAT_BYLINE) != 0;
    if (!named && (v = tree_attr_get(d, n, ATTR_REL, &len)) && ascii_ieq(v, len, "author"))
        named = 1;
    if (!named && (v = tree_attr_get(d, n, ATTR_ITEMPROP, &len)) && mem_find(v, len, "author", 6))
        named = 1;
    return named && e->text_len > 0 && e->text_len < BYLINE_MAX_CHARS;
}

/* A heading's permalink: an in-page link whose text is a symbol ("¶",
 * "#", "§", "🔗"), no word. */
static int is_permalink(const ext_ctx *x, node_id a)
{
    size_t len;
    const char *href = tree_attr_get(x->doc, a, ATTR_HREF, &len);
    const ext_node *e = &VEC_AT(x->nodes, ext_node, a);
    if (!href || !len || href[0] != '#' || e->text_len == 0 || e->text_len > 3)
        return 0;
    char text[16];
    size_t n = ext_fold_text(x, a, a, text, sizeof text, 0);
    if (n > sizeof text)
        return 0;
    return utf8_count_words(text, n) == 0;
}

/* One pass over a kept root: the unconditional drops. */
void ext_clean_fixed(ext_ctx *x, node_id root, int *byline_done)
{
    const tree_doc *d = x->doc;
    uint32_t text_before = 0; /* text of the root seen so far */
    for (node_id c = root; c; c = tree_next(d, root, c, is_gone(x, c))) {
        if (!is_gone(x, c) && tree_kind(d, c) == TREE_TEXT)
            text_before += ext_at(x, c)->text_len;
        if (is_gone(x, c) || tree_kind(d, c) != TREE_ELEMENT)
            continue;
        const tree_node *t = tree_node_at(d, c);
        const ext_node *e = ext_at(x, c);
        switch (t->tag) {
        case TAG_OBJECT: case TAG_EMBED: case TAG_FOOTER: case TAG_LINK: case TAG_ASIDE: case TAG_NAV:
        case TAG_IFRAME: case TAG_INPUT: case TAG_TEXTAREA: case TAG_SELECT: case TAG_BUTTON:
            if (c != root) {
                ext_drop(x, c, root, ER_EMBED);
                continue;
            }
            break;
        case TAG_FIGCAPTION:
            if (!x->opt->images && x->tune.drop_record_lines && c != root) {
                ext_drop(x, c, root, ER_CAPTION);
                continue;
            }
            break;
        case TAG_H1: case TAG_H2:
            if ((x->flags & EF_WEIGHT_CLASSES) && ext_class_weight(x, c) < 0) {
                ext_drop(x, c, root, ER_NEGATIVE_HEADING);
                continue;
            }
            /* The headline repeats the title; a heading inside the body
             * that repeats part of it (a recipe's name) is text. */
            if (text_before < HEADLINE_MAX_OFFSET && heading_repeats_title(x, c)) {
                ext_drop_kicker(x, c, root);
                ext_drop(x, c, root, ER_HEADLINE);
                continue;
            }
            break;
        case TAG_A:
            if (is_permalink(x, c)) {
                ext_drop(x, c, root, ER_PERMALINK);
                continue;
            }
            break;
        case TAG_TABLE:
            if (ext_is_data_table(x, c))
                ext_at(x, c)->flags |= EN_DATA_TABLE;
            break;
        default: break;
        }
        if (c != root && ((e->class_groups | e->id_groups) & PAT_SHARE) &&
            e->text_len < SHARE_MAX_CHARS) {
            ext_drop(x, c, root, ER_SHARE);
            continue;
        }
        unsigned g = (unsigned)e->class_groups | e->id_groups;
        /* Blocks named like teasers inside the article (related,
         * newsletter, promo...), unless article-sized. */
        if (c != root && (g & PAT_TEASER) && e->text_len < TEASER_MAX_CHARS) {
            ext_drop(x, c, root, ER_TEASER);
            continue;
        }
        /* Captions, credits, datelines: record fields, not body text
         * (scrapinghub and wcxb-dev truths leave them out). */
        int record = x->tune.drop_record_lines && c != root;
        if (record && (g & PAT_CAPTION) && !x->opt->images && e->text_len < CAPTION_MAX_CHARS) {
            ext_drop(x, c, root, ER_CAPTION);
            continue;
        }
        if (record && (g & PAT_DATELINE) && e->text_len < BYLINE_MAX_CHARS) {
            /* With its label: "Last update: <span class=date>...". */
            node_id top = c;
            for (node_id p = tree_parent(d, c); p && p != root; p = tree_parent(d, p)) {
                if (ext_at(x, p)->text_len >= BYLINE_MAX_CHARS)
                    break;
                top = p;
            }
            ext_drop(x, top, root, ER_DATELINE);
            if (top != c)
                c = top; /* continue after the dropped subtree */
            continue;
        }
        if (!*byline_done && c != root && is_byline(x, c)) {
            *byline_done = 1;
            ext_drop(x, c, root, ER_DATELINE);
        }
    }
}

/* Conditional drops of one tag, innermost first (reverse document order),
 * so an outer container is judged without the inner ones already gone. */
static int clean_conditionally(ext_ctx *x, node_id root, unsigned tag)
{
    const tree_doc *d = x->doc;
    vec_reset(&x->scratch);
    for (node_id c = root; c; c = tree_next(d, root, c, is_gone(x, c))) {
        if (is_gone(x, c) || !tree_is_element(d, c, tag))
            continue;
        /* A div read as a paragraph, or one that only wraps a <p>, is not
         * a div any more for these tests. */
        if (tag == TAG_DIV && (ext_at(x, c)->flags & (EN_DIV_AS_P | EN_TRANSPARENT)))
            continue;
        node_id *slot = vec_push(&x->scratch, sizeof(node_id));
        if (!slot)
            return -1;
        *slot = c;
    }
    for (uint32_t i = x->scratch.len; i-- > 0;) {
        node_id c = VEC_AT(x->scratch, node_id, i);
        if (!is_gone(x, c) && conditionally_dropped(x, c, tag))
            ext_drop(x, c, root, ER_SHAPE);
    }
    return 0;
}

uint32_t ext_clean(ext_ctx *x)
{
    static const unsigned conditional[] = {TAG_FORM, TAG_FIELDSET, TAG_TABLE, TAG_UL, TAG_DIV};
    int byline_done = 0;
    uint32_t total = 0;
    for (uint32_t k = 0; k < x->kept.len; k++) {
        ext_range r = VEC_AT(x->kept, ext_range, k);
        for (node_id c = r.first;; c = tree_next_sibling(x->doc, c)) {
            if (!is_gone(x, c)) {
                ext_clean_fixed(x, c, &byline_done);
                if (x->flags & EF_CLEAN_CONDITIONALLY) {
                    for (size_t t = 0; t < sizeof conditional / sizeof *conditional; t++)
                        clean_conditionally(x, c, conditional[t]);
                }
                if (!is_gone(x, c))
                    total += ext_at(x, c)->text_len;
            }
            if (c == r.last)
                break;
        }
    }
    return total;
}
