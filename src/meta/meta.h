/*
 * meta.h — the article record: every field a page knows about itself.
 *
 * Fields come from the strongest source that has them, cross-checked
 * (JSON-LD, OpenGraph and article:*, Twitter cards, Dublin Core, other
 * <meta> tags, itemprop microdata, <time datetime>, visible bylines and
 * dates, the URL, <html lang>, language identification). Every field
 * remembers where it came from (meta_source).
 *
 * All strings are NUL-terminated UTF-8 in the record's arena, valid until
 * the extractor's next document. Absent fields are NULL (lists: count 0).
 */
#ifndef PITH_META_H
#define PITH_META_H

#include <stddef.h>
#include <stdint.h>

#include "pith.h"
#include "core/arena.h"
#include "extract/extract.h"
#include "tree/tree.h"

#define META_SCHEMA_VERSION 1

/* Where a field came from; meta_source_name gives the string the JSON
 * record's "sources" object carries. */
typedef enum meta_source {
    META_SRC_NONE = 0,
    META_SRC_JSON_LD,     /* "json-ld" */
    META_SRC_OPENGRAPH,   /* "opengraph" (og:*, article:*) */
    META_SRC_TWITTER,     /* "twitter" */
    META_SRC_DUBLIN_CORE, /* "dublin-core" (DC.*, dcterms.*) */
    META_SRC_META,        /* "meta" (<meta name=author|description|...>) */
    META_SRC_MICRODATA,   /* "microdata" (itemprop) */
    META_SRC_TIME,        /* "time" (<time datetime>) */
    META_SRC_TITLE_TAG,   /* "title-tag" (<title>) */
    META_SRC_HEADLINE,    /* "headline" (the article's <h1>) */
    META_SRC_BYLINE,      /* "byline" (visible text near the article) */
    META_SRC_TEXT,        /* "text" (a date or label in the visible text) */
    META_SRC_URL,         /* "url" (a date in the page URL) */
    META_SRC_HTML_LANG,   /* "html-lang" (<html lang>) */
    META_SRC_HTTP,        /* "http" (Content-Language, charset hint) */
    META_SRC_DETECTED,    /* "detected" (language identification of the text) */
    META_SRC_LINK,        /* "link" (<link rel=canonical|license>) */
    META_SRC_EXTRACTION,  /* "extraction" (the extracted article: figures, counts) */
    META_SRC__COUNT
} meta_source;

const char *meta_source_name(meta_source s);

/* Field indexes of meta_record.sources; meta_field_name gives the JSON
 * key. */
enum meta_field {
    MF_URL, MF_CANONICAL_URL, MF_TITLE, MF_KICKER, MF_SUBTITLE, MF_DESCRIPTION, MF_AUTHORS,
    MF_DATE_PUBLISHED, MF_DATE_MODIFIED, MF_SITE_NAME, MF_LANGUAGE, MF_IMAGE, MF_FIGURES,
    MF_CATEGORIES, MF_TAGS, MF_LICENSE, MF_WORD_COUNT, MF_READING_TIME, MF_IS_ARTICLE,
    MF_ENCODING, MF__COUNT
};

const char *meta_field_name(enum meta_field f);
/* The field index of a JSON key, or -1. */
int meta_field_lookup(const char *key);

/* The public record (pith.h) and where each field came from. */
typedef struct meta_record {
    pith_record pub;
    uint8_t sources[MF__COUNT]; /* enum meta_source per field */
} meta_record;

/* What the record is built from. */
typedef struct meta_input {
    const tree_doc *doc;
    const uint8_t *marks;      /* extraction marks (extract.h) */
    const uint16_t *names;     /* extraction's pat_group bits per node (class, id,
                                  role, hidden), or NULL: computed here */
    const uint8_t *rules;      /* extraction rules per node (enum ext_rule), or NULL:
                                  the headline, kicker and standfirst it found */
    const char *url;           /* the page URL, or NULL */
    const char *content_language; /* from HTTP, or NULL */
    const char *encoding, *encoding_source;
    int64_t now;               /* Unix time: dates after it are implausible */
} meta_input;

typedef struct meta_ctx meta_ctx;

meta_ctx *meta_ctx_new(void);
void meta_ctx_free(meta_ctx *m);

/* Fills rec from in; strings go to `a`. 0, or -1 when out of memory. */
int meta_extract(meta_ctx *m, const meta_input *in, arena *a, meta_record *rec);

/* dates.c — date_published and date_modified. Structured sources
 * (JSON-LD, OpenGraph/article:*, meta tags, microdata) hand their raw
 * values as hints, strongest first; dates.c adds <time datetime>, visible
 * dates near the article and the URL, normalises to ISO 8601 and rejects
 * implausible dates (before 1995, after in->now). */
typedef struct meta_date_hint {
    meta_source source;
    int modified;      /* 1: a modification date, 0: publication */
    const char *value; /* as the page wrote it, NUL-terminated */
} meta_date_hint;
int meta_find_dates(const meta_input *in, const meta_date_hint *hints, size_t count, arena *a,
                    meta_record *rec);

/* lang.c — the language (BCP 47) and how it was decided: declared values
 * (JSON-LD inLanguage, og:locale, DC.language, <meta http-equiv
 * content-language>; strongest first) are cross-checked with <html lang>,
 * Content-Language and an identification of the extracted text. */
typedef struct meta_lang_hint {
    meta_source source;
    const char *value;
} meta_lang_hint;
int meta_find_language(const meta_input *in, const meta_lang_hint *hints, size_t count, arena *a,
                       meta_record *rec);

/* Helpers for the sources. */
/* A NUL-terminated copy of s[0..len) with whitespace runs collapsed and
 * trimmed; NULL when out of memory, "" kept as "". */
char *meta_clean_text(arena *a, const char *s, size_t len);
/* The visible text of a subtree (script/style skipped), cleaned as above. */
char *meta_node_text(arena *a, const tree_doc *d, node_id n);

#endif
