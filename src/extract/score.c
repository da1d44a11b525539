/*
 * score.c — find the main content container.
 *
 * Paragraph-like units vote for their ancestors (the arc90/Readability
 * scheme: a point per unit, one per comma, one per 100 characters up to
 * three; the parent gets the full vote, the grandparent half, higher
 * ancestors a third of their level). Candidates start from a tag prior
 * and a class/id weight and are discounted by their link density. The
 * best candidate may be widened to a common ancestor of several near-best
 * ones, or to an ancestor holding much more of the page's paragraph text
 * (an article cut into sections, a thread of posts), and its siblings
 * that look like content are joined to it.
 *
 * The DOM is never changed: a div that only wraps one <p> is "transparent"
 * (skipped when walking up), a div that holds only phrasing content acts
 * as a paragraph, and runs of phrasing content inside a div are units of
 * their own.
 */
#include <string.h>

#include "core/utf8.h"
#include "extract/internal.h"

/* Units shorter than this many characters do not vote (Readability's
 * value; dev sets: scrapinghub and readability-tests moved < 0.002 between
 * 15 and 40). */
#define UNIT_MIN_CHARS 25
/* How many ancestors a unit votes for. */
#define VOTE_DEPTH 5
/* Candidates compared when looking for a shared ancestor. */
#define TOP_CANDIDATES 5
/* A near-best candidate scores at least this share of the best... */
#define NEAR_BEST_SHARE 0.75f
/* ...and this many near-best candidates sharing an ancestor make it the
 * container. */
#define NEAR_BEST_MIN 3
/* A sibling with the best candidate's class gets this share of its score
 * as a bonus (Readability's value). */
#define SAME_CLASS_BONUS 0.2f
/* A parent replaces the best candidate when it scores more than the last
 * one on the way up (Readability) and at least this share of the best: a
 * page wrapper whose score rises again after a dip is not the article.
 * 1.0 keeps old div-built pages to their article (golden div-br-pl) and
 * costs readability-tests 0.003 and wcxb-dev 0.002 (one collection page);
 * 0.75 and 0.5 were no better on the dev sets. */
#define CLIMB_SHARE 1.0f
/* The best candidate gives way to an ancestor at most this many levels up
 * (wrappers adding no text are no level) whose branches of the best's own
 * tag and paragraphs hold this many times its paragraph text, when the
 * ancestor's link density stays below the cap: the parts of an article cut
 * into sections or interrupted by an ad, the posts of a thread, the
 * answers under a question. Readability's vote halves and thirds over
 * levels, so each part outscores the whole. A level that adds some text,
 * though less than the ratio (more than the stop ratio: comments, a
 * sidebar, teasers), ends the climb; a wrapper adding nothing does not.
 * Tuned on the four main-text dev sets together and the golden pages (the
 * seed page's teaser grid, an old div layout): wcxb-dev 0.823 -> 0.836,
 * scrapinghub 0.969 -> 0.971, trafilatura-eval 0.926 -> 0.929,
 * readability-tests 0.967 -> 0.966 (five test pages whose truth leaves out
 * a heading between parts). Counting every branch, not only those of the
 * best's tag and paragraphs, took the seed page's teasers; ratios 1.3 and
 * 2.0 and 2 levels were worse on trafilatura-eval; a 0.25 cap took a
 * scrapinghub page's sidebar, 0.15 left a wcxb-dev article to the ranking
 * widget inside it (0.836 with 0.2). Not counting wrappers as levels:
 * wcxb-dev 0.838 -> 0.841 (posts wrapped three deep), the other sets
 * unchanged. */
#define MASS_CLIMB_RATIO 1.5f
#define MASS_CLIMB_STOP_RATIO 1.1f
#define MASS_CLIMB_LEVELS 3
#define MASS_CLIMB_MAX_LINK_DENSITY 0.2f
/* How far above the best candidate a repeated unit (a post) is looked
 * for, and how many like siblings make a repetition (wcxb-dev forums). */
#define REPEAT_SEARCH_DEPTH 4
#define REPEAT_MIN_SIBLINGS 2
/* Record lines (copyright, bylines) are short; longer is text. */
#define RECORD_LINE_MAX_CHARS 250
/* Headlines that are links, in a sibling, that make it a teaser list. */
#define TEASER_MIN_HEADLINES 2
/* Posts are text; like siblings denser in links are menus of a grid. */
#define REPEAT_MAX_LINK_DENSITY 0.5f

static int is_phrasing_tag(unsigned tag)
{
    switch (tag) {
    case TAG_ABBR: case TAG_AUDIO: case TAG_B: case TAG_BDO: case TAG_BR: case TAG_BUTTON:
    case TAG_CITE: case TAG_CODE: case TAG_DATA: case TAG_DATALIST: case TAG_DFN: case TAG_EM:
    case TAG_EMBED: case TAG_I: case TAG_IMG: case TAG_INPUT: case TAG_KBD: case TAG_LABEL:
    case TAG_MARK: case TAG_MATH: case TAG_METER: case TAG_NOSCRIPT: case TAG_OBJECT:
    case TAG_OUTPUT: case TAG_PROGRESS: case TAG_Q: case TAG_RUBY: case TAG_SAMP:
    case TAG_SCRIPT: case TAG_SELECT: case TAG_SMALL: case TAG_SPAN: case TAG_STRONG:
    case TAG_SUB: case TAG_SUP: case TAG_TEXTAREA: case TAG_TIME: case TAG_VAR: case TAG_WBR:
    case TAG_FONT: case TAG_U: case TAG_S: case TAG_STRIKE: case TAG_TT: case TAG_BIG:
        return 1;
    default:
        return 0;
    }
}

/* Marks phrasing content bottom-up: text, phrasing tags, and a/del/ins
 * whose children are all phrasing. */
static void mark_phrasing(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    for (node_id i = n - 1; i >= 1; i--) {
        const tree_node *t = tree_node_at(d, i);
        ext_node *e = ext_at(x, i);
        if (t->kind == TREE_TEXT) {
            e->flags |= EN_PHRASING;
            continue;
        }
        if (t->kind != TREE_ELEMENT)
            continue;
        if (is_phrasing_tag(t->tag)) {
            e->flags |= EN_PHRASING;
        } else if (t->tag == TAG_A || t->tag == TAG_DEL || t->tag == TAG_INS) {
            int all = 1;
            for (node_id c = t->first_child; c && all; c = tree_next_sibling(d, c)) {
                int k = tree_kind(d, c);
                if (k == TREE_ELEMENT || k == TREE_TEXT)
                    all = (ext_at(x, c)->flags & EN_PHRASING) != 0;
            }
            if (all)
                e->flags |= EN_PHRASING;
        }
    }
}

static int is_whitespace_text(const tree_doc *d, node_id n)
{
    size_t len;
    const char *s = tree_text(d, n, &len);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f')
            return 0;
    }
    return 1;
}

/* Children the scoring sees: elements and text, minus script/style (gone
 * before scoring in every extractor of this family) and comments. */
static int counts_as_child(const ext_ctx *x, node_id c)
{
    const tree_node *t = tree_node_at(x->doc, c);
    if (t->kind == TREE_TEXT)
        return 1;
    if (t->kind != TREE_ELEMENT)
        return 0;
    return t->tag != TAG_SCRIPT && t->tag != TAG_STYLE && t->tag != TAG_NOSCRIPT;
}

/* A "blank" phrasing node cannot start a paragraph: whitespace or <br>. */
static int is_blank(const ext_ctx *x, node_id c)
{
    const tree_node *t = tree_node_at(x->doc, c);
    return (t->kind == TREE_TEXT && is_whitespace_text(x->doc, c)) ||
           (t->kind == TREE_ELEMENT && t->tag == TAG_BR);
}

/* The parent as the scoring sees it: transparent divs are skipped. */
static node_id eff_parent(const ext_ctx *x, node_id n)
{
    node_id p = tree_parent(x->doc, n);
    while (p && (VEC_AT(x->nodes, ext_node, p).flags & EN_TRANSPARENT))
        p = tree_parent(x->doc, p);
    return p;
}

static int push_unit(ext_ctx *x, node_id first, node_id last, node_id anchor)
{
    ext_unit *u = vec_push(&x->units, sizeof(ext_unit));
    if (!u)
        return -1;
    u->first = first;
    u->last = last;
    u->anchor = anchor;
    for (node_id c = first;; c = tree_next_sibling(x->doc, c)) {
        const ext_node *e = ext_at(x, c);
        if (!(e->flags & EN_REMOVED)) {
            u->text_len += e->text_len;
            u->commas += e->commas;
            u->link_len += e->link_len;
        }
        if (c == last)
            break;
    }
    return 0;
}

/* The phrasing runs of a div's children, as Readability's wrapping of
 * them into paragraphs would make: each starts at a non-blank phrasing
 * child and ends before the next non-phrasing child. Calls back per run;
 * returns the number of runs, or -1 when the callback failed. */
typedef int (*run_fn)(ext_ctx *x, node_id first, node_id last, void *user);

static int for_each_run(ext_ctx *x, node_id div, run_fn fn, void *user)
{
    const tree_doc *d = x->doc;
    int runs = 0;
    node_id first = 0, last = 0;
    for (node_id c = tree_first_child(d, div);; c = tree_next_sibling(d, c)) {
        int phr = c && counts_as_child(x, c) && (ext_at(x, c)->flags & EN_PHRASING);
        int skip = c && !counts_as_child(x, c);
        if (skip)
            continue;
        if (phr) {
            if (first)
                last = c;
            else if (!is_blank(x, c))
                first = last = c;
            continue;
        }
        if (first) {
            runs++;
            if (fn && fn(x, first, last, user))
                return -1;
            first = last = 0;
        }
        if (!c)
            break;
    }
    return runs;
}

static int unit_for_run(ext_ctx *x, node_id first, node_id last, void *user)
{
    return push_unit(x, first, last, *(node_id *)user);
}

/* Builds the units of the document and flags transparent and
 * paragraph-like divs. */
static int collect_units(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    vec_reset(&x->units);
    for (node_id i = 1; i < n; i++) {
        const tree_node *t = tree_node_at(d, i);
        ext_node *e = ext_at(x, i);
        if (t->kind != TREE_ELEMENT || (e->flags & EN_REMOVED))
            continue;
        switch (t->tag) {
        case TAG_SECTION: case TAG_H2: case TAG_H3: case TAG_H4: case TAG_H5: case TAG_H6:
        case TAG_P: case TAG_TD: case TAG_PRE:
            if (push_unit(x, i, i, eff_parent(x, i)))
                return -1;
            continue;
        case TAG_DIV:
            break;
        default:
            continue;
        }
        /* A div: count its non-phrasing children and its phrasing runs. */
        int nonphrasing = 0;
        node_id only = 0;
        for (node_id c = t->first_child; c; c = tree_next_sibling(d, c)) {
            if (!counts_as_child(x, c) || (ext_at(x, c)->flags & EN_PHRASING))
                continue;
            nonphrasing++;
            only = c;
        }
        int runs = for_each_run(x, i, NULL, NULL);
        float ld = ext_link_density(e);
        if (nonphrasing == 0 && runs == 1 && ld < 0.25f) {
            /* Only phrasing: a paragraph voting for the div's parent. */
            e->flags |= EN_TRANSPARENT | EN_DIV_AS_P;
            node_id anchor = eff_parent(x, i);
            if (for_each_run(x, i, unit_for_run, &anchor) < 0)
                return -1;
        } else if (nonphrasing == 1 && runs == 0 && tree_is_element(d, only, TAG_P) && ld < 0.25f &&
                   !(ext_at(x, only)->flags & EN_REMOVED)) {
            e->flags |= EN_TRANSPARENT; /* the <p> votes as if the div were not there */
        } else if (runs == 0 && e->n_block == 0) {
            e->flags |= EN_DIV_AS_P;
            if (push_unit(x, i, i, eff_parent(x, i)))
                return -1;
        } else if (runs) {
            node_id anchor = i;
            if (for_each_run(x, i, unit_for_run, &anchor) < 0)
                return -1;
        }
    }
    return 0;
}

/* The prior of a candidate: its tag, then its class and id. */
static float initial_score(const ext_ctx *x, node_id n)
{
    float s = 0;
    switch (tree_tag(x->doc, n)) {
    case TAG_DIV: s = 5; break;
    case TAG_PRE: case TAG_TD: case TAG_BLOCKQUOTE: s = 3; break;
    case TAG_ADDRESS: case TAG_OL: case TAG_UL: case TAG_DL: case TAG_DD: case TAG_DT:
    case TAG_LI: case TAG_FORM:
        s = -3;
        break;
    case TAG_H1: case TAG_H2: case TAG_H3: case TAG_H4: case TAG_H5: case TAG_H6: case TAG_TH:
        s = -5;
        break;
    default: break;
    }
    return s + (float)ext_class_weight(x, n);
}

static int vote(ext_ctx *x)
{
    vec_reset(&x->cands);
    const tree_doc *d = x->doc;
    for (uint32_t u = 0; u < x->units.len; u++) {
        const ext_unit *unit = &VEC_AT(x->units, ext_unit, u);
        if (unit->text_len < UNIT_MIN_CHARS)
            continue;
        uint32_t hundreds = unit->text_len / 100;
        float points = 2.0f + (float)unit->commas + (float)(hundreds > 3 ? 3 : hundreds);
        node_id a = unit->anchor;
        for (int level = 0; a && level < VOTE_DEPTH; level++, a = eff_parent(x, a)) {
            /* The root element never competes: its parent is the document. */
            if (!tree_parent(d, a))
                break;
            ext_node *e = ext_at(x, a);
            if (!(e->flags & EN_SCORED)) {
                e->flags |= EN_SCORED;
                e->score = initial_score(x, a);
                node_id *slot = vec_push(&x->cands, sizeof(node_id));
                if (!slot)
                    return -1;
                *slot = a;
            }
            float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            e->score += points / divider;
        }
    }
    for (uint32_t i = 0; i < x->cands.len; i++) {
        ext_node *e = ext_at(x, VEC_AT(x->cands, node_id, i));
        e->score *= 1.0f - ext_link_density(e);
    }
    return 0;
}

static int is_body(const ext_ctx *x, node_id n) { return tree_is_element(x->doc, n, TAG_BODY); }

static int is_ancestor(const ext_ctx *x, node_id a, node_id n)
{
    for (node_id p = eff_parent(x, n); p; p = eff_parent(x, p)) {
        if (p == a)
            return 1;
    }
    return 0;
}

/* Children that count for "is the only child": elements, with each
 * phrasing run of a div counted once. */
static int effective_children(ext_ctx *x, node_id n)
{
    const tree_doc *d = x->doc;
    int count = 0;
    int div = tree_is_element(d, n, TAG_DIV);
    for (node_id c = tree_first_child(d, n); c; c = tree_next_sibling(d, c)) {
        const tree_node *t = tree_node_at(d, c);
        if (t->kind != TREE_ELEMENT || !counts_as_child(x, c) ||
            (ext_at(x, c)->flags & EN_REMOVED))
            continue;
        if (div && (ext_at(x, c)->flags & EN_PHRASING))
            continue;
        count++;
    }
    if (div)
        count += for_each_run(x, n, NULL, NULL);
    return count;
}

static int same_class(const tree_doc *d, node_id a, node_id b)
{
    size_t la, lb;
    const char *ca = tree_attr_get(d, a, ATTR_CLASS, &la);
    const char *cb = tree_attr_get(d, b, ATTR_CLASS, &lb);
    return ca && cb && la && la == lb && !memcmp(ca, cb, la);
}

/* Elements of the same tag and class as n among its siblings. */
static int same_class_siblings(ext_ctx *x, node_id n)
{
    const tree_doc *d = x->doc;
    node_id p = tree_parent(d, n);
    int count = 0;
    for (node_id c = tree_first_child(d, p); c; c = tree_next_sibling(d, c)) {
        if (c != n && tree_kind(d, c) == TREE_ELEMENT && tree_tag(d, c) == tree_tag(d, n) &&
            !(ext_at(x, c)->flags & EN_REMOVED) && ext_at(x, c)->text_len > 0 &&
            ext_link_density(ext_at(x, c)) < REPEAT_MAX_LINK_DENSITY && same_class(d, c, n))
            count++;
    }
    return count;
}

/* Forum threads, Q&A pages and blog front pages repeat one unit (a post)
 * whose body is the best candidate. When an ancestor of the best, close
 * above it, has siblings of its own tag and class, the content is that
 * repetition: the unit becomes the candidate and its like siblings join. */
static node_id repeated_unit(ext_ctx *x, node_id best)
{
    node_id a = best;
    for (int level = 0; a && !is_body(x, a) && level < REPEAT_SEARCH_DEPTH; level++) {
        if (same_class_siblings(x, a) >= REPEAT_MIN_SIBLINGS) {
            x->join_same_class = 1;
            if (!(ext_at(x, a)->flags & EN_SCORED)) {
                ext_at(x, a)->flags |= EN_SCORED;
                ext_at(x, a)->score = initial_score(x, a);
            }
            return a;
        }
        a = tree_parent(x->doc, a);
    }
    return best;
}

/* The paragraph text below every node: the text of the units that vote
 * and are not mostly links, summed up the tree. Readers' comments do not
 * count, unless best is itself in a comment-named container (a forum
 * names its posts so: the replies are the content). Linear: ids are in
 * document order, a parent's before its children's. */
#define MASS_IN_COMMENTS 0x80000000u
static int compute_mass(ext_ctx *x, node_id best)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    vec_reset(&x->mass);
    if (vec_reserve(&x->mass, sizeof(uint32_t), n))
        return -1;
    x->mass.len = n;
    uint32_t *mass = x->mass.items;
    memset(mass, 0, (size_t)n * sizeof *mass);
    for (node_id i = 1; i < n; i++) {
        node_id p = tree_parent(d, i);
        if (!p || i == d->body || p == d->html)
            continue; /* a page's classes on body or html name no section */
        const ext_node *e = ext_at(x, i);
        unsigned g = (unsigned)e->class_groups | e->id_groups;
        if ((mass[p] & MASS_IN_COMMENTS) || (g & PAT_COMMENTS))
            mass[i] = MASS_IN_COMMENTS;
    }
    uint32_t skip = (mass[best] & MASS_IN_COMMENTS) ? 0 : MASS_IN_COMMENTS;
    for (uint32_t u = 0; u < x->units.len; u++) {
        const ext_unit *unit = &VEC_AT(x->units, ext_unit, u);
        if (unit->text_len < UNIT_MIN_CHARS || unit->link_len * 2 > (float)unit->text_len)
            continue;
        node_id a = unit->first == unit->last && tree_kind(d, unit->first) == TREE_ELEMENT
                        ? unit->first
                        : tree_parent(d, unit->first);
        if (a && !(mass[a] & skip))
            mass[a] += unit->text_len;
    }
    for (node_id i = n - 1; i >= 1; i--) {
        uint32_t m = mass[i] & ~MASS_IN_COMMENTS;
        mass[i] = m;
        node_id p = tree_parent(d, i);
        if (p)
            mass[p] += m;
    }
    return 0;
}

/* A paragraph beside a part is text of the same content. */
static int is_text_block(const tree_doc *d, node_id n)
{
    unsigned tag = tree_tag(d, n);
    return tag == TAG_P || tag == TAG_PRE || tag == TAG_BLOCKQUOTE;
}

/* See MASS_CLIMB_RATIO: *best gives way to the ancestor; -1 when out of
 * memory. */
static int mass_climb(ext_ctx *x, node_id *best)
{
    if (compute_mass(x, *best))
        return -1;
    const uint32_t *mass = x->mass.items;
    node_id cur = *best;
    if (!mass[cur])
        return 0;
    int level = 0;
    for (node_id p = eff_parent(x, cur); p && !is_body(x, p) && level < MASS_CLIMB_LEVELS;
         p = eff_parent(x, p)) {
        if (mass[p] == mass[cur])
            continue; /* a wrapper: no level of its own */
        level++;
        /* Only the branches of p like the one holding cur count, and
         * paragraphs: the parts of one content repeat a tag or stand
         * among its paragraphs, a sidebar or a page header does not. */
        node_id b = cur;
        while (tree_parent(x->doc, b) != p)
            b = tree_parent(x->doc, b);
        uint32_t like = 0;
        for (node_id c = tree_first_child(x->doc, p); c; c = tree_next_sibling(x->doc, c)) {
            if (tree_kind(x->doc, c) == TREE_ELEMENT &&
                (tree_tag(x->doc, c) == tree_tag(x->doc, b) || is_text_block(x->doc, c)))
                like += mass[c];
        }
        if ((float)like >= MASS_CLIMB_RATIO * (float)mass[cur] &&
            ext_link_density(ext_at(x, p)) < MASS_CLIMB_MAX_LINK_DENSITY)
            cur = p;
        else if ((float)mass[p] > MASS_CLIMB_STOP_RATIO * (float)mass[cur])
            break; /* a level adds some other text (comments, a sidebar): stop */
    }
    *best = cur;
    return 0;
}

/* The article's container in *top, 0 when none stands out; -1 when out
 * of memory. */
static int pick_top(ext_ctx *x, node_id *top_out)
{
    *top_out = 0;
    node_id top[TOP_CANDIDATES] = {0};
    for (uint32_t i = 0; i < x->cands.len; i++) {
        node_id c = VEC_AT(x->cands, node_id, i);
        float s = ext_at(x, c)->score;
        for (int k = 0; k < TOP_CANDIDATES; k++) {
            if (!top[k] || s > ext_at(x, top[k])->score) {
                memmove(top + k + 1, top + k, (size_t)(TOP_CANDIDATES - 1 - k) * sizeof *top);
                top[k] = c;
                break;
            }
        }
    }
    node_id best = top[0];
    if (!best || is_body(x, best))
        return 0;
    /* Several near-best candidates under one ancestor: the article is
     * split into parts, and that ancestor holds them all. */
    float best_score = ext_at(x, best)->score;
    node_id alt[TOP_CANDIDATES];
    int nalt = 0;
    for (int k = 1; k < TOP_CANDIDATES && top[k]; k++) {
        if (best_score > 0 && ext_at(x, top[k])->score / best_score >= NEAR_BEST_SHARE)
            alt[nalt++] = top[k];
    }
    if (nalt >= NEAR_BEST_MIN) {
        for (node_id p = eff_parent(x, best); p && !is_body(x, p); p = eff_parent(x, p)) {
            int sharing = 0;
            for (int k = 0; k < nalt; k++)
                sharing += is_ancestor(x, p, alt[k]);
            if (sharing >= NEAR_BEST_MIN) {
                best = p;
                break;
            }
        }
    }
    if (!(ext_at(x, best)->flags & EN_SCORED)) {
        ext_at(x, best)->flags |= EN_SCORED;
        ext_at(x, best)->score = initial_score(x, best);
    }
    /* Climb while a scored parent does better: the container of split
     * content often outscores each part. Stop when scores fall below a
     * third of the best. */
    float last = ext_at(x, best)->score;
    float threshold = last / 3.0f;
    for (node_id p = eff_parent(x, best); p && !is_body(x, p); p = eff_parent(x, p)) {
        const ext_node *pe = ext_at(x, p);
        if (!(pe->flags & EN_SCORED))
            continue;
        if (pe->score < threshold)
            break;
        if (pe->score > CLIMB_SHARE * ext_at(x, best)->score && pe->score > last) {
            best = p;
            break;
        }
        last = pe->score;
    }
    /* An only child says nothing its parent does not. */
    for (node_id p = eff_parent(x, best); p && !is_body(x, p) && effective_children(x, p) == 1;
         p = eff_parent(x, p))
        best = p;
    if (mass_climb(x, &best))
        return -1;
    if (!(ext_at(x, best)->flags & EN_SCORED)) {
        ext_at(x, best)->flags |= EN_SCORED;
        ext_at(x, best)->score = initial_score(x, best);
    }
    *top_out = repeated_unit(x, best);
    return 0;
}

/* Whether the text of first..last holds a sentence end: "." followed by a
 * space or ending the text. */
int ext_has_sentence_end(const ext_ctx *x, node_id first, node_id last)
{
    const tree_doc *d = x->doc;
    node_id stop = tree_next(d, 0, last, 1);
    int dot_pending = 0;
    node_id c = first;
    while (c && c != stop) {
        int removed = (VEC_AT(x->nodes, ext_node, c).flags & EN_REMOVED) != 0;
        if (!removed && tree_kind(d, c) == TREE_TEXT) {
            size_t len;
            const char *s = tree_text(d, c, &len);
            for (size_t i = 0; i < len; i++) {
                if (dot_pending && s[i] == ' ')
                    return 1;
                dot_pending = s[i] == '.';
                /* The ideographic full stop and full-width marks end CJK
                 * sentences without a space after them. */
                if ((unsigned char)s[i] == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                    (unsigned char)s[i + 2] == 0x82)
                    return 1;
                if ((unsigned char)s[i] == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC &&
                    ((unsigned char)s[i + 2] == 0x81 || (unsigned char)s[i + 2] == 0x9F))
                    return 1;
            }
        }
        c = tree_next(d, 0, c, removed);
    }
    return dot_pending;
}

static int push_kept(ext_ctx *x, node_id first, node_id last, unsigned rule)
{
    ext_range *r = vec_push(&x->kept, sizeof(ext_range));
    if (!r)
        return -1;
    r->first = first;
    r->last = last;
    r->rule = (int)rule;
    return 0;
}

/* Siblings that are teasers or record lines never join: named so (related,
 * newsletter; copyright, caption, byline lines), or two or more headlines
 * that are links making a tenth of the text or more (a list of teasers with
 * summaries: "Topmeldungen", "More from UK"). */
static int is_teaser_block(ext_ctx *x, node_id n)
{
    const ext_node *e = ext_at(x, n);
    unsigned g = (unsigned)e->class_groups | e->id_groups;
    if (g & PAT_TEASER)
        return 1;
    if ((g & (PAT_CAPTION | PAT_DATELINE | PAT_BYLINE)) && e->text_len < RECORD_LINE_MAX_CHARS)
        return 1;
    return e->n_link_heading >= TEASER_MIN_HEADLINES && e->heading_len * 10 >= e->text_len;
}

static int has_copyright_sign(const ext_ctx *x, node_id first, node_id last)
{
    const tree_doc *d = x->doc;
    node_id stop = tree_next(d, 0, last, 1);
    for (node_id c = first; c && c != stop; c = tree_next(d, 0, c, 0)) {
        if (tree_kind(d, c) != TREE_TEXT)
            continue;
        size_t len;
        const char *s = tree_text(d, c, &len);
        if (mem_find(s, len, "\xc2\xa9", 2))
            return 1;
    }
    return 0;
}

/* Readability's test for a paragraph-like sibling. */
static int paragraph_joins(ext_ctx *x, node_id first, node_id last)
{
    uint32_t len = 0;
    float link = 0;
    for (node_id c = first;; c = tree_next_sibling(x->doc, c)) {
        const ext_node *e = ext_at(x, c);
        if (!(e->flags & EN_REMOVED)) {
            len += e->text_len;
            link += e->link_len;
        }
        if (c == last)
            break;
    }
    float ld = len ? link / (float)len : 0;
    if (has_copyright_sign(x, first, last))
        return 0; /* a page footer, not a paragraph of the article */
    if (len > 80 && ld < 0.25f)
        return 1;
    return len < 80 && len > 0 && link == 0 && ext_has_sentence_end(x, first, last);
}

static int join_run(ext_ctx *x, node_id first, node_id last, void *user)
{
    (void)user;
    if (paragraph_joins(x, first, last))
        return push_kept(x, first, last, ER_SIBLING_PARAGRAPH);
    return 0;
}

static int join_siblings(ext_ctx *x, node_id top)
{
    const tree_doc *d = x->doc;
    const ext_node *te = ext_at(x, top);
    float threshold = te->score * x->tune.sibling_share;
    if (threshold < 10)
        threshold = 10;
    node_id parent = eff_parent(x, top);
    if (!parent)
        return push_kept(x, top, top, ER_BEST_CANDIDATE);
    /* Walk the parent's children as the scoring saw them: through
     * transparent divs, and with a div's phrasing runs as paragraphs. */
    int div = tree_is_element(d, parent, TAG_DIV) && !(ext_at(x, parent)->flags & EN_DIV_AS_P);
    node_id c = tree_first_child(d, parent);
    node_id resume = 0; /* sibling to continue with after a transparent div */
    while (c) {
        const tree_node *t = tree_node_at(d, c);
        ext_node *e = ext_at(x, c);
        node_id next = tree_next_sibling(d, c);
        if (!counts_as_child(x, c) || (e->flags & EN_REMOVED)) {
            c = next ? next : resume;
            if (!next)
                resume = 0;
            continue;
        }
        if (t->kind == TREE_ELEMENT && (e->flags & EN_TRANSPARENT) && !(e->flags & EN_DIV_AS_P)) {
            /* Descend: the transparent div stands for its <p>. */
            resume = next;
            c = t->first_child;
            continue;
        }
        if (div && (e->flags & EN_PHRASING) && !(e->flags & EN_TRANSPARENT))
            goto advance; /* phrasing runs are handled below */
        if (t->kind == TREE_ELEMENT) {
            unsigned rule = ER_NONE;
            if (c == top) {
                rule = x->join_same_class ? ER_REPEATED_UNIT : ER_BEST_CANDIDATE;
            } else if (((unsigned)e->class_groups | e->id_groups) & PAT_COMMENTS) {
                /* A comments section never joins the article (on a forum
                 * the posts are what scored best, not a sibling);
                 * --comments adds it afterwards. */
                ext_at(x, c)->rule = ER_COMMENTS_OUT;
            } else if (!is_teaser_block(x, c)) {
                int like = same_class(d, c, top);
                float bonus = like ? te->score * SAME_CLASS_BONUS : 0;
                if ((e->flags & EN_SCORED) && e->score + bonus >= threshold)
                    rule = ER_SIBLING_SCORE;
                else if (like && x->join_same_class && tree_tag(d, c) == tree_tag(d, top) &&
                         ext_link_density(e) < REPEAT_MAX_LINK_DENSITY)
                    rule = ER_REPEATED_UNIT;
                else if ((t->tag == TAG_P || (e->flags & EN_DIV_AS_P)) && paragraph_joins(x, c, c))
                    rule = ER_SIBLING_PARAGRAPH;
            }
            if (rule && push_kept(x, c, c, rule))
                return -1;
        }
    advance:
        c = next;
        if (!c && resume) {
            c = resume;
            resume = 0;
        }
    }
    if (div && for_each_run(x, parent, join_run, NULL) < 0)
        return -1;
    return 0;
}

static int is_tabpanel(const tree_doc *d, node_id n)
{
    size_t len;
    const char *role = tree_attr_get(d, n, ATTR_ROLE, &len);
    return role && ascii_ieq(role, len, "tabpanel");
}

/* Tabs hide parts of one content (a product's description, its
 * specifications): when the chosen container sits in a tab panel, the
 * panels beside it join, except reviews and other comment-like panels. */
static int join_tab_panels(ext_ctx *x, node_id top)
{
    const tree_doc *d = x->doc;
    node_id panel = 0;
    node_id a = top;
    for (int level = 0; a && level <= REPEAT_SEARCH_DEPTH; level++, a = tree_parent(d, a)) {
        if (is_tabpanel(d, a)) {
            panel = a;
            break;
        }
    }
    if (!panel)
        return 0;
    for (node_id c = tree_first_child(d, tree_parent(d, panel)); c; c = tree_next_sibling(d, c)) {
        const ext_node *e = ext_at(x, c);
        unsigned g = (unsigned)e->class_groups | e->id_groups;
        if (c == panel || !is_tabpanel(d, c) || (e->flags & EN_REMOVED) || !e->text_len ||
            (g & (PAT_COMMENTS | PAT_NEGATIVE)))
            continue;
        if (push_kept(x, c, c, ER_TAB_PANEL))
            return -1;
    }
    return 0;
}

int ext_select_body(ext_ctx *x, unsigned rule)
{
    const tree_doc *d = x->doc;
    vec_reset(&x->kept);
    node_id body = d->body ? d->body : d->html;
    if (body && !(ext_at(x, body)->flags & EN_REMOVED))
        return push_kept(x, body, body, rule);
    return 0;
}

int ext_select(ext_ctx *x)
{
    vec_reset(&x->kept);
    x->join_same_class = 0;
    mark_phrasing(x);
    if (collect_units(x) || vote(x))
        return -1;
    node_id top;
    if (pick_top(x, &top))
        return -1;
    if (!top)
        return ext_select_body(x, ER_WHOLE_BODY); /* no container stands out */
    if (join_siblings(x, top))
        return -1;
    return join_tab_panels(x, top);
}
