/*
 * extract.c — the sieve: prune, score and select, clean; when the result
 * is implausibly short, drop one flag and try again, and keep the best
 * attempt (STYLE.md practice 10). Every attempt recomputes side tables
 * only; the tree is never copied or changed.
 */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

/* An article shorter than this (characters) makes the sieve retry with a
 * looser attempt (Readability's charThreshold). */
#define MIN_ARTICLE_CHARS 500
#define LATER_ATTEMPT_FACTOR 2.0
/* A short article this long (characters) is still one: later attempts
 * leave comment sections out. */
#define COMMENTS_OUT_AFTER_CHARS 300
/* When every attempt came out short, the page's whole body (chrome
 * pruned by name, nothing cleaned by shape) replaces the longest attempt
 * when it holds this many times its text: listing, catalogue and product
 * pages, whose items are too short or too linked to vote, leave a
 * newsletter box or one line as the "best" container (wcxb-dev: 6 such
 * pages from 0.05 to 0.78 mean F1, set 0.806 -> 0.823; 5 and 10 change
 * nothing else on the dev sets, 3 costs one short trafilatura-eval page
 * and 2 three pages of scrapinghub and trafilatura-eval). */
#define SHORT_BODY_FACTOR 5.0

ext_ctx *ext_ctx_new(void)
{
    ext_ctx *x = calloc(1, sizeof(ext_ctx));
    if (x)
        pat_matcher_init(&x->names);
    return x;
}

void ext_ctx_free(ext_ctx *x)
{
    if (!x)
        return;
    vec_free(&x->nodes);
    vec_free(&x->units);
    vec_free(&x->blocks);
    vec_free(&x->kept);
    vec_free(&x->cands);
    vec_free(&x->scratch);
    vec_free(&x->mass);
    buf_free(&x->lower);
    free(x);
}

void ext_result_init(ext_result *r) { memset(r, 0, sizeof *r); }
void ext_result_free(ext_result *r)
{
    vec_free(&r->marks);
    vec_free(&r->rules);
    vec_free(&r->scores);
    vec_free(&r->names);
}

/* Writes the result of the current attempt: marks (KEEP on the kept
 * parts, DROP on whatever inside them was pruned or cleaned), the rule of
 * every decided node and the candidates' scores. */
static void write_result(ext_ctx *x, ext_result *r)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    uint8_t *marks = r->marks.items, *rules = r->rules.items;
    float *scores = r->scores.items;
    uint16_t *names = r->names.items;
    memset(marks, EXT_NONE, n);
    for (node_id i = 0; i < n; i++) {
        const ext_node *e = ext_at(x, i);
        rules[i] = e->rule;
        scores[i] = (e->flags & EN_SCORED) ? e->score : 0.0f;
        names[i] = (uint16_t)(e->class_groups | e->id_groups);
    }
    r->main = 0;
    for (uint32_t k = 0; k < x->kept.len; k++) {
        ext_range kr = VEC_AT(x->kept, ext_range, k);
        if (kr.rule == ER_BEST_CANDIDATE || kr.rule == ER_REPEATED_UNIT || kr.rule == ER_WHOLE_BODY ||
            kr.rule == ER_SHORT_BODY)
            r->main = r->main ? r->main : kr.first;
        for (node_id c = kr.first;; c = tree_next_sibling(d, c)) {
            marks[c] = EXT_KEEP;
            if (rules[c] == ER_NONE)
                rules[c] = (uint8_t)kr.rule;
            node_id m = c;
            while (m) {
                int gone = (ext_at(x, m)->flags & (EN_REMOVED | EN_DROPPED)) != 0;
                if (gone)
                    marks[m] = EXT_DROP;
                m = tree_next(d, c, m, gone);
            }
            if (c == kr.last)
                break;
        }
    }
}

/* Whether n lies inside (or is) one of the kept parts. */
static int inside_kept(ext_ctx *x, node_id n)
{
    const tree_doc *d = x->doc;
    for (uint32_t k = 0; k < x->kept.len; k++) {
        ext_range r = VEC_AT(x->kept, ext_range, k);
        node_id stop = tree_next(d, 0, r.last, 1);
        if (n >= r.first && (!stop || n < stop))
            return 1; /* ids are in document order */
    }
    return 0;
}

/* Whether a kept range lies inside the subtree of n. */
static int contains_kept(ext_ctx *x, node_id n)
{
    node_id stop = tree_next(x->doc, 0, n, 1);
    for (uint32_t k = 0; k < x->kept.len; k++) {
        node_id f = VEC_AT(x->kept, ext_range, k).first;
        if (f > n && (!stop || f < stop))
            return 1;
    }
    return 0;
}

/* --comments: the readers' comments sections join the article, after it.
 * The article is chosen as without the option; then the outermost
 * comment-named containers outside it come back from pruning and are
 * cleaned of their forms, names and dates (refine keeps their text). */
static int add_comments(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    uint32_t n = tree_node_count(d);
    for (node_id i = 1; i < n; i++) {
        const ext_node *e = ext_at(x, i);
        unsigned g = (unsigned)e->class_groups | e->id_groups;
        if (tree_kind(d, i) != TREE_ELEMENT || !(g & PAT_COMMENTS) || (g & PAT_HIDDEN) ||
            e->never || e->raw_len == 0 || inside_kept(x, i) || contains_kept(x, i))
            continue;
        ext_range *r = vec_push(&x->kept, sizeof(ext_range));
        if (!r)
            return -1;
        r->first = r->last = i;
        r->comments = 1;
        r->rule = ER_COMMENTS;
        ext_unprune_comments(x, i);
        int byline_done = 1;
        ext_clean_fixed(x, i, &byline_done);
        i = tree_next(d, 0, i, 1);
        if (!i)
            break;
        i--; /* the loop's i++ lands on the node after the subtree */
    }
    return 0;
}

/* --no-tables: every table inside the article goes. */
static void drop_tables(ext_ctx *x)
{
    const tree_doc *d = x->doc;
    for (uint32_t k = 0; k < x->kept.len; k++) {
        ext_range r = VEC_AT(x->kept, ext_range, k);
        node_id stop = tree_next(d, 0, r.last, 1);
        if (!stop)
            stop = tree_node_count(d); /* the range runs to the document's end */
        for (node_id n = r.first; n < stop; n++) {
            if (tree_is_element(d, n, TAG_TABLE)) {
                ext_at(x, n)->flags |= EN_DROPPED;
                ext_at(x, n)->rule = ER_NO_TABLES;
            }
        }
    }
}

/* Options that act on the chosen article as a whole. */
static int finish_attempt(ext_ctx *x)
{
    if (ext_article_header(x))
        return -1;
    if (ext_refine(x))
        return -1;
    if (x->opt->comments && add_comments(x))
        return -1;
    if (!x->opt->tables)
        drop_tables(x);
    return 0;
}

/* One attempt of the sieve with x->flags; returns the article's length
 * in characters, or -1 when out of memory. With whole set, the body is
 * the article instead of the container scoring chooses. */
static long run_attempt(ext_ctx *x, int whole)
{
    ext_prune(x);
    ext_compute_features(x);
    if (whole ? ext_select_body(x, ER_SHORT_BODY) : ext_select(x))
        return -1;
    uint32_t len = ext_clean(x);
    if (finish_attempt(x))
        return -1;
    return (long)len;
}

int ext_extract(ext_ctx *x, const tree_doc *doc, const ext_options *opt, ext_result *r)
{
    uint32_t n = tree_node_count(doc);
    x->doc = doc;
    x->opt = opt;
    vec_reset(&r->marks);
    vec_reset(&r->rules);
    vec_reset(&r->scores);
    vec_reset(&r->names);
    if (vec_reserve(&r->marks, 1, n) || vec_reserve(&r->rules, 1, n) ||
        vec_reserve(&r->scores, sizeof(float), n) || vec_reserve(&r->names, sizeof(uint16_t), n))
        return -1;
    r->marks.len = r->rules.len = r->scores.len = r->names.len = n;
    r->main = 0;
    /* Balanced values are Readability's (0 shift, 0.2 share), measured best
     * on the dev sets with the record lines dropped. --precision and
     * --recall move them (their effect on the dev sets is in
     * docs/extraction.md). */
    switch (opt->tradeoff) {
    case 1: x->tune = (ext_tuning){-0.1f, 0.3f, 1, 1}; break;
    case 2: x->tune = (ext_tuning){0.2f, 0.1f, 0, 0}; break;
    default: x->tune = (ext_tuning){0.0f, 0.2f, 1, 0}; break;
    }
    if (ext_classify_names(x))
        return -1;
    static const unsigned attempts[] = {
        EF_STRIP_UNLIKELY | EF_WEIGHT_CLASSES | EF_CLEAN_CONDITIONALLY,
        EF_WEIGHT_CLASSES | EF_CLEAN_CONDITIONALLY,
        EF_CLEAN_CONDITIONALLY,
        0,
    };
    size_t count = sizeof attempts / sizeof *attempts;
    long best_len = -1;
    unsigned best_flags = 0;
    unsigned keep_out = 0; /* flags every later attempt keeps */
    for (size_t a = 0; a < count; a++) {
        x->flags = attempts[a] | keep_out;
        long len = run_attempt(x, 0);
        if (len < 0)
            return -1;
        if (len >= MIN_ARTICLE_CHARS) {
            write_result(x, r);
            return 0;
        }
        /* A later, looser attempt wins only with twice the text: looser
         * attempts take back comments and asides, which add length without
         * being the article (trafilatura-eval 0.924 -> 0.926; the others
         * unchanged against Readability's plain "longest"). */
        if (best_len < 0 || (double)len > LATER_ATTEMPT_FACTOR * (double)best_len) {
            best_len = len;
            best_flags = x->flags;
        }
        /* An article was found, only short: the looser attempts must not
         * take its comments back as text (a short post under a long
         * thread; scrapinghub). Forum pages, whose posts the names call
         * comments, find no article this way and keep them. */
        if (len >= COMMENTS_OUT_AFTER_CHARS)
            keep_out = EF_NO_COMMENTS;
    }
    /* Every attempt came out short. The body, pruned of the chrome its
     * names give away but not cleaned by shape (the items of a listing are
     * link-dense by nature), wins when it holds much more text. */
    x->flags = EF_STRIP_UNLIKELY | EF_WEIGHT_CLASSES | keep_out;
    long body_len = run_attempt(x, 1);
    if (body_len < 0)
        return -1;
    if ((double)body_len > SHORT_BODY_FACTOR * (double)best_len) {
        write_result(x, r);
        return 0;
    }
    /* Else the longest attempt wins, run once more (its side tables were
     * overwritten by the later attempts). */
    x->flags = best_flags;
    if (run_attempt(x, 0) < 0)
        return -1;
    write_result(x, r);
    return 0;
}

const char *ext_rule_name(unsigned rule)
{
    static const char *const names[ER__COUNT] = {
        [ER_NONE] = "",
        [ER_BEST_CANDIDATE] = "the container that scored best",
        [ER_SIBLING_SCORE] = "a sibling scoring a share of the best",
        [ER_SIBLING_PARAGRAPH] = "a paragraph beside the best container",
        [ER_REPEATED_UNIT] = "one of several like posts",
        [ER_TAB_PANEL] = "a tab panel beside the best container",
        [ER_STANDFIRST] = "the standfirst under the headline",
        [ER_COMMENTS] = "a comments section (--comments)",
        [ER_WHOLE_BODY] = "no container stood out: the whole body",
        [ER_NEVER] = "script, style, form control or embedded object",
        [ER_HIDDEN] = "hidden",
        [ER_CHROME_NAME] = "named like page chrome",
        [ER_CHROME_ROLE] = "a role of page chrome",
        [ER_EMBED] = "an embed, aside, footer, nav or control inside the article",
        [ER_HEADLINE] = "the headline (a record field)",
        [ER_KICKER] = "the kicker above the headline",
        [ER_NEGATIVE_HEADING] = "a heading named like boilerplate",
        [ER_CAPTION] = "a caption or credit (a record field)",
        [ER_DATELINE] = "a date, byline or metadata line",
        [ER_SHARE] = "a share bar",
        [ER_TEASER] = "a teaser, related or newsletter block",
        [ER_PERMALINK] = "a heading's permalink",
        [ER_SHAPE] = "its shape says links, ads or forms",
        [ER_LINK_LIST] = "mostly links",
        [ER_AD_LABEL] = "an ad label or loading placeholder",
        [ER_NAV_LINE] = "a continuation or read-more line",
        [ER_TAIL] = "a short line after the last paragraph (--precision)",
        [ER_ORPHAN_HEADING] = "a heading whose section was dropped",
        [ER_NO_TABLES] = "a table (--no-tables)",
        [ER_COMMENTS_OUT] = "a readers' comments section (kept with --comments)",
        [ER_SHORT_BODY] = "every container was short: the whole body (a listing)",
    };
    return rule < ER__COUNT && names[rule] ? names[rule] : "";
}
