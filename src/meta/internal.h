/*
 * internal.h — what the files of the meta stage share: the candidates the
 * sources propose for each field, and the passes that propose them.
 *
 * Every source (JSON-LD, <meta> tags, microdata, <link rel>, the visible
 * page) adds candidates: a value for a slot, with the source it came from
 * and a rank within that source. Fields are then chosen in meta.c from
 * the candidates, strongest source first, and cross-checked there. Keeping
 * the proposing apart from the choosing means a source never has to know
 * what the others said.
 */
#ifndef PITH_META_INTERNAL_H
#define PITH_META_INTERNAL_H

#include "core/buf.h"
#include "extract/patterns.h"
#include "meta/meta.h"

/* What a candidate is a value for. Several slots feed one field (the
 * dates go to dates.c as hints, the language to lang.c). */
enum meta_slot {
    MS_TITLE,
    MS_DESCRIPTION,
    MS_SITE_NAME,
    MS_AUTHOR,
    MS_IMAGE,
    MS_CANONICAL,
    MS_DATE_PUBLISHED,
    MS_DATE_MODIFIED,
    MS_LANGUAGE,
    MS_SECTION,
    MS_TAG,
    MS_LICENSE,
    MS_ALT_HEADLINE, /* JSON-LD alternativeHeadline: a kicker when visible */
    MS_TYPE,         /* og:type, JSON-LD @type of the chosen node */
    MS_READING_TIME, /* a stated reading time, as written ("PT5M", "4 min read") */
    MS_PAGE_KIND,    /* structured data that says "not an article" (see meta_kind) */
    MS__COUNT
};

/* MS_PAGE_KIND values (as the candidate's rank). */
enum meta_kind {
    MK_ARTICLE = 1, /* an article type: NewsArticle, BlogPosting, og:type article... */
    MK_LISTING,     /* ItemList, CollectionPage, SearchResultsPage, several articles */
    MK_PRODUCT,     /* Product, Offer */
    MK_FORUM,       /* DiscussionForumPosting, QAPage */
    MK_OTHER_PAGE,  /* a WebPage or a non-article thing (Event, Organization...) only */
};

typedef struct meta_cand {
    const char *value; /* NUL-terminated, cleaned, in the record's arena; never "" */
    uint8_t slot;      /* enum meta_slot */
    uint8_t source;    /* enum meta_source */
    uint8_t rank;      /* within one source: 0 best (JSON-LD: the chosen node) */
    uint8_t org;       /* MS_AUTHOR: an organisation (JSON-LD @type), not a person */
} meta_cand;

struct meta_ctx {
    vec cands;      /* meta_cand, in the order the sources proposed them */
    vec ld_scripts; /* node_id of each <script type=application/ld+json> */
    vec h1s;        /* node_id of each <h1> of the body, in document order */
    vec keep;       /* uint8_t per node: KEEP_MARK | KEEP_NEVER | KEEP_BELOW bits */
    vec names;      /* uint16_t per node: pat_group bits of class and id */
    vec text_len;   /* uint32_t per node: bytes of visible text below */
    vec figures;    /* pith_image being built */
    vec strs;       /* const char * lists being built (authors, tags) */
    vec strs2;      /* a second one (authors.c: the names of a byline's core) */
    buf scratch;    /* text assembly */
    buf scratch2;
    buf base;      /* the URL relative references resolve against */
    buf unescaped; /* meta_add_unescaped's copy */
    int base_ready;
    node_id last_kept;    /* the article's last kept text node, 0 when none */
    node_id author_scope; /* the item of the first itemprop=author */
    int author_scope_set;
    pat_matcher pat;
    int pat_ready;
};

/* The whole pass state handed to the source files. */
typedef struct meta_run {
    meta_ctx *m;
    const meta_input *in;
    const tree_doc *doc;
    arena *a;
    meta_record *rec;
    node_id headline; /* the article's <h1>, 0 when none */
    int nomem;        /* set on the first allocation failure */
} meta_run;

/* Adds a candidate; value[0..len) is cleaned (meta_clean_text) and
 * dropped when empty. 0, or -1 when out of memory (also sets r->nomem). */
int meta_add(meta_run *r, enum meta_slot slot, meta_source src, int rank, const char *value,
             size_t len);
/* The same, after decoding the HTML character references pages leave in
 * structured data ("&amp;", "&#8217;"). */
int meta_add_unescaped(meta_run *r, enum meta_slot slot, meta_source src, int rank,
                       const char *value, size_t len);

/* A rank at or above this is a weak proposal: taken only when no other
 * source has the slot (a JSON-LD WebPage's description). */
#define META_RANK_WEAK 4

/* The best candidate of a slot: the lowest source order per the table
 * `order` (sources in order of strength, META_SRC_NONE-terminated), then
 * the lowest rank, then the first proposed; weak ones last. NULL when
 * none. */
const meta_cand *meta_best(const meta_run *r, enum meta_slot slot, const uint8_t *order);

/* tags.c — one pass over the tree: <meta>, <link rel>, itemprop
 * microdata; notes the JSON-LD scripts and the <h1>s for later. */
int meta_scan_tags(meta_run *r);

/* jsonld.c — parses the noted scripts, picks the article-like node and
 * proposes its fields. */
int meta_scan_jsonld(meta_run *r);

/* authors.c — the author names of a raw value ("By Jane Doe and John
 * Roe, Staff Writers"): cleaned, split, appended to out (const char *,
 * no duplicates); returns how many were added, -1 when out of memory.
 * strict (visible text): every name must be capitalised. */
int meta_split_authors(meta_run *r, const char *raw, int strict, vec *out);
/* A visible byline near the article: proposes MS_AUTHOR candidates with
 * META_SRC_BYLINE. */
int meta_scan_bylines(meta_run *r);

/* images.c — the figures of the article into rec->pub.figures, and the
 * lead image (rec->pub.image) from the candidates and the figures. */
int meta_figures(meta_run *r);
int meta_lead_image(meta_run *r);
/* Splits a caption into its text and a trailing credit ("… Bild:
 * Reuters"): *caption and *credit point into the arena (either may be
 * NULL). -1 when out of memory. */
int meta_split_credit(arena *a, const char *text, const char **caption, const char **credit);
/* An absolute URL for ref against the page (its <base href> first);
 * in the arena, or NULL. */
const char *meta_resolve_url(meta_run *r, const char *ref, size_t len);

/* meta.c — the minutes a short line states as a reading time (lowercase,
 * single spaces: "4 min read", "lecture 3 min.", "2 min."), 0 when none;
 * named: the element is named for a reading time. */
int meta_stated_minutes(const char *low, size_t len, int named);

/* Helpers */
/* 1 when the class or id of element n holds one of the lowercase words
 * (substrings; NULL-terminated list). */
int meta_named(const tree_doc *d, node_id n, const char *const *words);
/* Folds s for comparison: lowercase, only letters and digits kept. */
size_t meta_fold(const char *s, size_t len, char *out, size_t cap);
/* 1 when s looks like a URL (a scheme, "//" or "www."). */
int meta_is_url(const char *s, size_t len);
/* meta_ctx.keep bits: under an effective EXT_KEEP mark; inside an element
 * no renderer shows (script, style... but noscript; render.h). */
enum { KEEP_MARK = 1, KEEP_NEVER = 2, KEEP_BELOW = 4 /* kept text in the subtree */ };
/* Whether node n is in the article as the renderers output it. */
static inline int meta_kept(const meta_run *r, node_id n)
{
    return r->m->keep.len > n &&
           (((const uint8_t *)r->m->keep.items)[n] & (KEEP_MARK | KEEP_NEVER)) == KEEP_MARK;
}
/* Whether n's subtree holds text of the article. */
static inline int meta_holds_kept(const meta_run *r, node_id n)
{
    return r->m->keep.len > n && (((const uint8_t *)r->m->keep.items)[n] & KEEP_BELOW);
}
static inline unsigned meta_names(const meta_run *r, node_id n)
{
    return r->m->names.len > n ? ((const uint16_t *)r->m->names.items)[n] : 0;
}

#endif
