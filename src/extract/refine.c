/*
 * refine.c — block-level cleanup of the chosen article.
 *
 * The container is right, but its edges and some of its blocks are not
 * article: link lists ("More from UK", teaser headlines), the one-line
 * "Advert", "Trending", "Subscribe" rows, share prompts at the end. Here
 * the article is cut into text blocks (the runs of inline content in each
 * block element, jusText and boilerpipe's unit), each classified by its
 * length and link density, and the blocks that are boilerplate by shape
 * are dropped: link lists, ad labels, date stamps. (Dropping the short
 * blocks after the last substantial one too was measured and lost more
 * recall than it won precision on every dev set.)
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/internal.h"

/* A block this long with few links is body text (chars; boilerpipe and
 * jusText use 70-200; 80 measured best on scrapinghub and wcxb-dev). */
#define GOOD_BLOCK_CHARS 80
/* A heading this long (characters) with a sentence end is a paragraph
 * (wcxb-dev: one page builder's intro in an h4, 0.28 -> 0.59, and no
 * other dev page moves; 200 gives the same, 100 also moves three pages
 * by as much either way). */
#define HEADING_AS_TEXT_CHARS 150
/* More than this share of a block's text in links: a link list. */
#define LINK_LIST_DENSITY 0.5f

typedef struct ext_block {
    node_id first, last;
    uint32_t text_len;
    float link_len;
    int heading; /* 1-6 for h1-h6, 0 for other blocks */
    int comments; /* in a comments section (--comments) */
    int ad;       /* an ad label */
    int cls; /* 0 short, 1 good, 2 bad */
} ext_block;

static int is_gone(const ext_ctx *x, node_id n)
{
    return (VEC_AT(x->nodes, ext_node, n).flags & (EN_DROPPED | EN_REMOVED)) != 0;
}

/* Inline content that belongs to its container's text block: text, and
 * elements that are not blocks and hold no block. */
static int is_run_member(const ext_ctx *x, node_id n)
{
    const tree_node *t = tree_node_at(x->doc, n);
    if (t->kind == TREE_TEXT)
        return 1;
    if (t->kind != TREE_ELEMENT)
        return 0;
    return !(tree_tag_flags(t->tag) & TF_BLOCK) && VEC_AT(x->nodes, ext_node, n).n_block == 0;
}

/* Whether the range holds any character that is not whitespace (blocks of
 * indentation between elements are not blocks). */
static int has_visible_text(const ext_ctx *x, node_id first, node_id last)
{
    const tree_doc *d = x->doc;
    node_id stop = tree_next(d, 0, last, 1);
    node_id c = first;
    while (c && c != stop) {
        int gone = is_gone(x, c);
        if (!gone && tree_kind(d, c) == TREE_TEXT) {
            size_t len;
            const unsigned char *s = (const unsigned char *)tree_text(d, c, &len);
            for (size_t i = 0; i < len; i++) {
                if (s[i] > ' ' && !(s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0))
                    return 1;
                if (s[i] == 0xC2)
                    i++; /* a no-break space */
            }
        }
        c = tree_next(d, 0, c, gone);
    }
    return 0;
}

static int push_block(ext_ctx *x, vec *blocks, node_id container, node_id first, node_id last,
                      int comments)
{
    uint32_t len = 0;
    float link = 0;
    for (node_id c = first;; c = tree_next_sibling(x->doc, c)) {
        if (!is_gone(x, c)) {
            len += ext_at(x, c)->text_len;
            link += ext_at(x, c)->link_len;
        }
        if (c == last)
            break;
    }
    if (!len || !has_visible_text(x, first, last))
        return 0;
    ext_block *b = vec_push(blocks, sizeof(ext_block));
    if (!b)
        return -1;
    b->first = first;
    b->last = last;
    b->text_len = len;
    b->link_len = link;
    unsigned tag = tree_tag(x->doc, container);
    b->heading = (tree_tag_flags(tag) & TF_HEADING) ? (int)(tag - TAG_H1) + 1 : 0;
    /* A "heading" holding sentences is a paragraph styled big (a page
     * builder's h4 intro): text, not a title for the orphan rule. */
    if (b->heading && len >= HEADING_AS_TEXT_CHARS && ext_has_sentence_end(x, first, last))
        b->heading = 0;
    b->comments = comments;
    return 0;
}

/* The text blocks of one container's children. */
static int container_blocks(ext_ctx *x, vec *blocks, node_id container, int comments)
{
    const tree_doc *d = x->doc;
    node_id first = 0, last = 0;
    for (node_id c = tree_first_child(d, container);; c = tree_next_sibling(d, c)) {
        if (c && (is_gone(x, c) || tree_kind(d, c) == TREE_COMMENT))
            continue;
        int member = c && is_run_member(x, c) && !tree_is_element(d, c, TAG_BR);
        if (member) {
            if (!first)
                first = c;
            last = c;
            continue;
        }
        if (first && push_block(x, blocks, container, first, last, comments))
            return -1;
        first = last = 0;
        if (!c)
            break;
    }
    return 0;
}

static int by_position(const void *a, const void *b)
{
    node_id x = ((const ext_block *)a)->first, y = ((const ext_block *)b)->first;
    return x < y ? -1 : x > y;
}

static int collect_blocks(ext_ctx *x, vec *blocks)
{
    const tree_doc *d = x->doc;
    for (uint32_t k = 0; k < x->kept.len; k++) {
        ext_range r = VEC_AT(x->kept, ext_range, k);
        if (r.first != r.last || is_run_member(x, r.first)) {
            /* A run of phrasing nodes kept as a paragraph of its own. */
            if (!is_gone(x, r.first) &&
                push_block(x, blocks, tree_parent(d, r.first), r.first, r.last, r.comments))
                return -1;
            continue;
        }
        node_id root = r.first;
        for (node_id c = root; c; c = tree_next(d, root, c, is_gone(x, c) || is_run_member(x, c))) {
            if (is_gone(x, c) || tree_kind(d, c) != TREE_ELEMENT || is_run_member(x, c))
                continue;
            if (container_blocks(x, blocks, c, r.comments))
                return -1;
        }
    }
    if (blocks->len > 1)
        qsort(blocks->items, blocks->len, sizeof(ext_block), by_position);
    return 0;
}

/* Whether a short block's text, folded with flags, satisfies a line test
 * of patterns.c. Lines longer than max_chars never do (the tests are for
 * one-line stamps and labels). */
typedef int (*line_test)(const char *text, size_t len);

static int block_is(const ext_ctx *x, const ext_block *b, uint32_t max_chars, unsigned flags,
                    line_test test)
{
    char text[4 * 400 + 16]; /* room for the longest test (400 characters) */
    if (b->text_len > max_chars)
        return 0;
    size_t len = ext_fold_text(x, b->first, b->last, text, sizeof text, flags);
    return len <= sizeof text && test(text, len);
}

/* Date and update stamps are record fields, wherever they stand. */
static int is_dateline(const ext_ctx *x, const ext_block *b)
{
    return block_is(x, b, 100, UTF8_FOLD_SPACES, pat_is_dateline);
}

/* Continuation and "read more" lines. */
static int is_nav_line(const ext_ctx *x, const ext_block *b)
{
    return block_is(x, b, 60, UTF8_FOLD_SPACES, pat_is_nav_line);
}

/* Bylines, credit and source lines, copyright lines (case matters: names). */
static int is_byline(const ext_ctx *x, const ext_block *b)
{
    return block_is(x, b, 100, UTF8_FOLD_SPACES | UTF8_FOLD_KEEP_CASE, pat_is_byline);
}

static void drop_block(ext_ctx *x, const ext_block *b, unsigned rule)
{
    for (node_id c = b->first;; c = tree_next_sibling(x->doc, c)) {
        ext_at(x, c)->flags |= EN_DROPPED;
        ext_at(x, c)->rule = (uint8_t)rule;
        if (c == b->last)
            break;
    }
}

/* The article's last blocks, while they are pitches (newsletter, "follow
 * us", "if you enjoyed this"): walking back from the end, they go until a
 * block of the story. */
static void drop_promo_tail(ext_ctx *x, ext_block *b, uint32_t n)
{
    for (uint32_t i = n; i-- > 0;) {
        if (b[i].cls == 3 || b[i].comments)
            continue;
        if (b[i].heading)
            continue; /* the orphan rule decides about headings */
        if (!block_is(x, &b[i], 400, UTF8_FOLD_SPACES, pat_is_promo))
            break;
        drop_block(x, &b[i], ER_TEASER);
        b[i].cls = 3;
    }
}

/* A heading with nothing left under it — at the end of the article, or
 * followed by a heading of its level or higher — titled a block that was
 * dropped ("Topmeldungen" above its teasers). */
static void drop_orphan_headings(ext_ctx *x, ext_block *b, uint32_t n)
{
    int next_level = 1; /* the end of the article closes every level */
    for (uint32_t i = n; i-- > 0;) {
        if (b[i].cls == 3)
            continue;
        if (b[i].heading) {
            if (b[i].heading >= next_level) {
                drop_block(x, &b[i], ER_ORPHAN_HEADING);
                b[i].cls = 3;
                continue;
            }
            next_level = b[i].heading;
        } else {
            next_level = 7; /* content: the heading above it has a body */
        }
    }
}

int ext_refine(ext_ctx *x)
{
    vec *blocks = &x->blocks;
    vec_reset(blocks);
    if (collect_blocks(x, blocks))
        return -1;
    uint32_t n = blocks->len;
    ext_block *b = blocks->items;
    uint64_t good_text = 0, all_text = 0;
    int last_good = -1;
    for (uint32_t i = 0; i < n; i++) {
        float ld = b[i].link_len / (float)b[i].text_len;
        b[i].ad = ext_is_ad_label(x, b[i].first, b[i].last, b[i].text_len);
        if (b[i].ad)
            b[i].cls = 2;
        else if (ld > LINK_LIST_DENSITY && !b[i].heading)
            b[i].cls = 2;
        else if (b[i].text_len >= GOOD_BLOCK_CHARS)
            b[i].cls = 1;
        else
            b[i].cls = 0;
        if (b[i].comments)
            continue; /* the article decides whether it is a listing */
        if (b[i].cls == 1) {
            good_text += b[i].text_len;
            last_good = (int)i;
        }
        all_text += b[i].text_len;
    }
    /* Prose or a list? When most of the text is in links or short lines
     * (listings, link collections, product grids), those are the content
     * and stay. */
    if (good_text * 2 < all_text)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        unsigned rule = ER_NONE;
        if (b[i].cls == 2)
            rule = b[i].ad ? ER_AD_LABEL : ER_LINK_LIST;
        else if (b[i].cls == 0 && x->tune.drop_record_lines &&
                 (is_dateline(x, &b[i]) || is_byline(x, &b[i])))
            rule = ER_DATELINE;
        else if (b[i].comments && b[i].heading)
            rule = ER_HEADLINE; /* in comments, only their text: "4 reacties op ..." goes */
        else if (x->tune.drop_tail && !b[i].comments && b[i].cls == 0 && (int)i > last_good)
            rule = ER_TAIL; /* --precision: short lines after the last paragraph */
        else if (b[i].cls == 0 && is_nav_line(x, &b[i]))
            rule = ER_NAV_LINE;
        if (rule) {
            drop_block(x, &b[i], rule);
            b[i].cls = 3; /* gone */
        }
    }
    drop_promo_tail(x, b, n);
    drop_orphan_headings(x, b, n);
    return 0;
}
