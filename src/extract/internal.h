/*
 * internal.h — the extraction context shared by the stage's files.
 *
 * Everything extraction knows about a node lives in side tables indexed by
 * node id (ext_node), never on the tree, so a retry with other flags only
 * recomputes tables (STYLE.md practice 10).
 *
 * Node ids are in document (pre-)order: a node's descendants have larger
 * ids than the node and smaller ids than its next sibling. The libxml2
 * backend appends nodes in parse order, which gives exactly that; passes
 * below rely on it (a reverse loop over ids is a post-order walk).
 */
#ifndef PITH_EXTRACT_INTERNAL_H
#define PITH_EXTRACT_INTERNAL_H

#include "extract/extract.h"
#include "extract/patterns.h"

/* ext_node.flags */
enum {
    EN_REMOVED = 1 << 0,     /* pruned in this attempt (itself or an ancestor) */
    EN_SCORED = 1 << 1,      /* a candidate: has a content score */
    EN_TRANSPARENT = 1 << 2, /* a div that only wraps one <p>: scored as that p */
    EN_DIV_AS_P = 1 << 3,    /* a div holding only phrasing content: a paragraph */
    EN_PHRASING = 1 << 4,    /* phrasing content (text, inline elements) */
    EN_DROPPED = 1 << 5,     /* removed by cleaning inside the article */
    EN_DATA_TABLE = 1 << 6,  /* a table of data, not of layout */
};

/* ext_node.doc_flags: facts about the document, computed once */
enum {
    ED_CONTENT_HINT = 1 << 0, /* an <article>, <main> or articleBody is at or below */
    ED_HEADLINE = 1 << 1,     /* an <h1> is at or below */
    ED_IN_TABLE_OR_CODE = 1 << 2, /* a <table> or <code> is above */
};

/* Per-node features; sums over the node's visible, unpruned subtree. */
typedef struct ext_node {
    uint32_t text_len;    /* code points, whitespace runs counted once */
    uint32_t commas;
    float link_len;       /* text inside links; in-page (#) links weigh 0.3 */
    float score;          /* content score, when EN_SCORED */
    uint32_t heading_len; /* text inside h1-h6 */
    uint32_t list_len;    /* text inside ul and ol */
    uint32_t textish_len; /* text inside span, li, td and paragraph-like blocks */
    uint32_t n_p, n_img, n_li, n_input, n_embed, n_block;
    uint32_t n_link_heading; /* headings that are one link: teaser headlines */
    uint16_t class_groups, id_groups; /* pat_group bits of class and of id */
    uint32_t raw_len;     /* all text below, before any pruning (per document) */
    uint8_t doc_flags;    /* ED_* (per document) */
    uint8_t flags;
    uint8_t never;        /* tag never holds content (script, form controls...) */
    uint8_t rule;         /* enum ext_rule that removed, dropped or kept it */
} ext_node;

/* Flags of one extraction attempt; the sieve drops them one by one when
 * the result is too short. */
enum {
    EF_STRIP_UNLIKELY = 1 << 0,
    EF_WEIGHT_CLASSES = 1 << 1,
    EF_CLEAN_CONDITIONALLY = 1 << 2,
    EF_NO_COMMENTS = 1 << 3, /* comment sections stay pruned (set when a
                                stricter attempt already found an article) */
};

/* The knobs --precision and --recall turn (extract.c sets them). */
typedef struct ext_tuning {
    float link_density_shift; /* added to the link density limits of cleaning */
    float sibling_share;      /* a sibling joins with this share of the best score */
    int drop_record_lines;    /* captions, credits, datelines leave the body */
    int drop_tail;            /* short blocks after the last paragraph go */
} ext_tuning;

struct ext_ctx {
    ext_tuning tune;
    vec nodes;     /* ext_node per tree node */
    vec units;     /* ext_unit: the paragraphs that vote for containers */
    vec blocks;    /* ext_block (refine.c): the text blocks of the article */
    vec kept;      /* ext_range: the article's top-level parts */
    vec cands;     /* node_id: candidates with a score */
    vec scratch;   /* node_id lists */
    vec mass;      /* uint32_t per node: paragraph text below it (score.c) */
    buf lower;     /* lowercase class/id strings */
    pat_matcher names;
    /* Pages repeat the same class strings many times: a direct-mapped
     * cache of the groups of recent strings, valid for one document. */
    struct name_cache {
        const char *s;
        uint32_t len;
        uint16_t groups;
    } cache[256];
    const tree_doc *doc;
    const ext_options *opt;
    unsigned flags; /* EF_* of the current attempt */
    int join_same_class; /* the best candidate is a repeated unit (a post) */
};

/* A run of content that votes for its ancestors: a <p>, a div acting as
 * one, or a run of phrasing children of a div. */
typedef struct ext_unit {
    node_id first, last; /* nodes of the run (first == last for elements) */
    node_id anchor;      /* first ancestor to receive the vote */
    uint32_t text_len, commas;
    float link_len;
} ext_unit;

/* A top-level part of the article: one element (first == last) or a run
 * of sibling phrasing nodes. */
typedef struct ext_range {
    node_id first, last;
    int comments; /* a readers' comments section (--comments) */
    int rule;     /* enum ext_rule that kept it */
} ext_range;

static inline ext_node *ext_at(ext_ctx *x, node_id n) { return &VEC_AT(x->nodes, ext_node, n); }

/* features.c */
int ext_classify_names(ext_ctx *x);
void ext_prune(ext_ctx *x);
void ext_compute_features(ext_ctx *x);
/* The same for the subtree whose ids are [first, end). */
void ext_compute_features_range(ext_ctx *x, node_id first, node_id end);
/* --comments: a comment section pruned by its name comes back, minus its
 * scripts, forms and hidden parts, with its features computed. */
void ext_unprune_comments(ext_ctx *x, node_id root);
float ext_link_density(const ext_node *e);
int ext_class_weight(const ext_ctx *x, node_id n);

/* score.c: scores candidates and fills x->kept; -1 when out of memory */
int ext_select(ext_ctx *x);
/* The body (or html) alone as the article, kept by rule; -1 when out of
 * memory. */
int ext_select_body(ext_ctx *x, unsigned rule);

/* Whether the text of the sibling range ends a sentence somewhere: "."
 * before a space or at the end, or a CJK full stop. */
int ext_has_sentence_end(const ext_ctx *x, node_id first, node_id last);

/* clean.c: drops boilerplate inside the kept roots; returns kept text length */
uint32_t ext_clean(ext_ctx *x);
/* A table of data rather than of layout (Readability's test). */
int ext_is_data_table(const ext_ctx *x, node_id table);

/* Writes the visible text of the sibling range first..last to out, folded
 * by utf8_fold with flags; returns its length or cap + 1 (too long). */
size_t ext_fold_text(const ext_ctx *x, node_id first, node_id last, char *out, size_t cap,
                     unsigned flags);
/* 1 when that text is an ad label or loading placeholder alone. */
int ext_is_ad_label(const ext_ctx *x, node_id first, node_id last, uint32_t text_len);

/* clean.c: the drops that need no judgement (embeds, asides, share bars,
 * captions, datelines, bylines), in the subtree of a kept root. */
void ext_clean_fixed(ext_ctx *x, node_id root, int *byline_done);

/* clean.c: drops n (a descendant of the kept root) and subtracts its
 * features from its ancestors up to root. */
void ext_drop(ext_ctx *x, node_id n, node_id root, unsigned rule);

/* header.c: adds the standfirst between headline and body; -1 when out of
 * memory. ext_drop_kicker drops the label lines right above a headline. */
int ext_article_header(ext_ctx *x);
void ext_drop_kicker(ext_ctx *x, node_id h1, node_id root);

/* refine.c: drops boilerplate text blocks of the final article; -1 when
 * out of memory */
int ext_refine(ext_ctx *x);

#endif
