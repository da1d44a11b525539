/*
 * extract.h — from the tree to the set of nodes that make the article.
 *
 * The result is a mark per node: KEEP puts a subtree in the article, DROP
 * takes a subtree out (inside a kept one), NONE inherits from the nearest
 * marked ancestor (the document counts as DROP). Renderers output exactly
 * the text under effective KEEP; they decide nothing about content.
 */
#ifndef PITH_EXTRACT_H
#define PITH_EXTRACT_H

#include "tree/tree.h"

enum ext_mark {
    EXT_NONE = 0,
    EXT_KEEP = 1,
    EXT_DROP = 2,
};

typedef struct ext_options {
    int tradeoff;  /* 0 balanced, 1 precision, 2 recall (pith_tradeoff) */
    int tables;
    int comments;
    int images;    /* figures stay with their captions (else captions go) */
} ext_options;

/* Why a node is in or out of the article: the rule that decided, kept per
 * node for -f explain. A node without a rule of its own inherits its
 * nearest ancestor's. */
enum ext_rule {
    ER_NONE = 0,
    /* kept */
    ER_BEST_CANDIDATE,   /* the container that scored best */
    ER_SIBLING_SCORE,    /* a sibling scoring a share of the best */
    ER_SIBLING_PARAGRAPH, /* a paragraph beside the best */
    ER_REPEATED_UNIT,    /* one of several like posts */
    ER_TAB_PANEL,        /* a tab panel beside the best */
    ER_STANDFIRST,       /* the standfirst under the headline */
    ER_COMMENTS,         /* a comments section (--comments) */
    ER_WHOLE_BODY,       /* no container stood out */
    /* dropped */
    ER_NEVER,            /* script, style, form control, embedded object */
    ER_HIDDEN,           /* hidden, display:none, aria-hidden */
    ER_CHROME_NAME,      /* named like page chrome (footer, sidebar, menu...) */
    ER_CHROME_ROLE,      /* role=navigation, complementary, dialog... */
    ER_EMBED,            /* embeds, asides, footers, navs, buttons inside the article */
    ER_HEADLINE,         /* the headline, a record field */
    ER_KICKER,           /* the kicker above the headline */
    ER_NEGATIVE_HEADING, /* a heading named like boilerplate */
    ER_CAPTION,          /* a caption or credit, a record field */
    ER_DATELINE,         /* a date, byline or other metadata line */
    ER_SHARE,            /* a share bar */
    ER_TEASER,           /* a teaser, related or newsletter block */
    ER_PERMALINK,        /* a heading's permalink symbol */
    ER_SHAPE,            /* a container whose shape says links, ads or forms */
    ER_LINK_LIST,        /* a block that is mostly links */
    ER_AD_LABEL,         /* "Advertisement", "Loading..." */
    ER_NAV_LINE,         /* "Continue reading", "Page 2 of 3" */
    ER_TAIL,             /* a short line after the last paragraph (--precision) */
    ER_ORPHAN_HEADING,   /* a heading whose section was dropped */
    ER_NO_TABLES,        /* a table (--no-tables) */
    ER_COMMENTS_OUT,     /* a readers' comments section (kept with --comments) */
    ER_SHORT_BODY,       /* every container was short: the body (a listing) */
    ER__COUNT
};

/* A short English phrase for a rule ("named like page chrome"). */
const char *ext_rule_name(unsigned rule);

typedef struct ext_result {
    vec marks;     /* uint8_t per node: enum ext_mark */
    vec rules;     /* uint8_t per node: enum ext_rule, ER_NONE when undecided */
    vec scores;    /* float per node: content score of candidates, else 0 */
    vec names;     /* uint16_t per node: pat_group bits of class, id, role,
                      hidden (extract/patterns.h), for later stages */
    node_id main;  /* the main content container chosen (0: none) */
} ext_result;

typedef struct ext_ctx ext_ctx;

ext_ctx *ext_ctx_new(void);
void ext_ctx_free(ext_ctx *x);

/* Fills r for doc. 0, or -1 when out of memory. */
int ext_extract(ext_ctx *x, const tree_doc *doc, const ext_options *opt, ext_result *r);

void ext_result_init(ext_result *r);
void ext_result_free(ext_result *r);

static inline const uint8_t *ext_marks(const ext_result *r) { return r->marks.items; }

#endif
