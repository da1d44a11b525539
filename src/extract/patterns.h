/*
 * patterns.h — what class names, ids and roles say about an element.
 *
 * Each element's class and id are matched once per document against
 * pattern groups; the result is a bitmask the extraction rules read. The
 * tables (patterns.c) are kept apart from the logic that uses them.
 */
#ifndef PITH_EXTRACT_PATTERNS_H
#define PITH_EXTRACT_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

enum pat_group {
    PAT_UNLIKELY = 1 << 0, /* names of page chrome: never a content candidate */
    PAT_MAYBE = 1 << 1,    /* ...unless the name also says content */
    PAT_POSITIVE = 1 << 2, /* names of article containers */
    PAT_NEGATIVE = 1 << 3, /* names of boilerplate */
    PAT_BYLINE = 1 << 4,   /* author and dateline boxes */
    PAT_SHARE = 1 << 5,    /* share bars (as a whole token) */
    PAT_ROLE_CHROME = 1 << 6, /* role= menu, navigation, complementary, dialog... */
    PAT_HIDDEN = 1 << 7,   /* hidden, display:none, aria-hidden */
    PAT_TEASER = 1 << 8,   /* related/teaser/newsletter/recommendation blocks */
    PAT_COMMENTS = 1 << 9, /* readers' comments sections */
    PAT_CAPTION = 1 << 10, /* captions and photo credits */
    PAT_DATELINE = 1 << 11, /* dates, bylines and other article metadata lines */
};

/* The words of every group, bucketed by first byte so that one pass over
 * a name tests only the words that can start at each position. Built once
 * per extractor by pat_matcher_init (no global mutable state). */
#define PAT_MAX_WORDS 160
typedef struct pat_matcher {
    uint16_t start[257]; /* words[start[c]..start[c+1]) begin with byte c */
    struct pat_entry {
        const char *word;
        uint16_t len;
        uint16_t groups;
    } words[PAT_MAX_WORDS];
} pat_matcher;

void pat_matcher_init(pat_matcher *m);

/* Groups matched by a lowercase "class id" string (substring rules). */
unsigned pat_match_names(const pat_matcher *m, const char *lower, size_t len);

/* PAT_ROLE_CHROME when role names page chrome. */
unsigned pat_match_role(const char *role, size_t len);

/* 1 when an inline style hides the element (display:none, visibility:hidden). */
int pat_style_hidden(const char *style, size_t len);

/* 1 when a block's whole text (folded by utf8_fold, no spaces) is an
 * advertisement label or a loading placeholder. */
int pat_is_ad_label(const char *folded, size_t len);

/* 1 when a short line (lowercase, single spaces) is a date or time stamp
 * with at most a few label words: "updated 1:39 am est, wednesday,
 * november 20, 2019", "aktualisiert am 17.11.2014", "12/03/2023 - 08:45". */
int pat_is_dateline(const char *text, size_t len);

/* 1 when a short line (single spaces, case kept) is a byline or a credit
 * line: "By Jane Doe", "Von Redakteurin Claudia Brandt | 04.03.2012",
 * "Par Claire Lemoine", "Tekst i foto: Anna Kowalczyk", "Quelle: F.A.Z.",
 * "© 2012 Geldratgeber Online". */
int pat_is_byline(const char *text, size_t len);

/* 1 when a short line (lowercase, single spaces) is a reader's
 * navigation aid: "continued from page 1", "continue reading", "page 2 of
 * 3", "weiterlesen", "lire la suite". */
int pat_is_nav_line(const char *text, size_t len);

/* 1 when a block (lowercase, single spaces) is a promotion that closes
 * articles: newsletter and membership pitches, "follow us", "have a tip",
 * "email the author at" — or a cookie notice. */
int pat_is_promo(const char *text, size_t len);

/* 1 for a "src"/"href" of an embedded video player worth keeping. */
int pat_is_video_url(const char *url, size_t len);

#endif
