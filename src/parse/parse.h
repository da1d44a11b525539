/*
 * parse.h — bytes to tree: decoding, the parser backend, and the change of
 * encoding that a late <meta charset> asks for (HTML § 13.2.3.4).
 */
#ifndef PITH_PARSE_H
#define PITH_PARSE_H

#include "decode/decode.h"
#include "parse/backend.h"
#include "tree/builder.h"

typedef struct parse_ctx {
    const parse_backend *backend;
    void *state;
    tree_builder builder;
    dec_ctx *dec;
    buf utf8;                 /* the decoded page */
    dec_decision decision;    /* how it was decoded */
    int meta_encoding;        /* set by the <meta> hook: encoding asked for */
    unsigned sniff_flags;     /* dec_sniff_with flags; 0 (pith's order) unless
                                 a test wants DEC_SNIFF_WHATWG */
    const unsigned char *raw; /* the page's bytes, during parse_document */
    size_t raw_len;
    int raw_ascii; /* raw is all ASCII without ESC: 1, 0, or -1 not yet known */
    int elide_raw_text; /* cut script and style contents before parsing
                           (elide.c); off by default, the extractor sets it */
} parse_ctx;

typedef struct parse_limits {
    size_t max_nodes, max_depth, max_attr_bytes;
} parse_limits;

enum parse_status {
    PARSE_OK = 0,
    PARSE_NOMEM,
    PARSE_MAX_NODES,
    PARSE_FAILED,
};

/* 0 or -1 (out of memory). */
int parse_ctx_init(parse_ctx *p, const parse_backend *backend);
void parse_ctx_free(parse_ctx *p);

/* Cuts the contents of <script> (but ld+json) and <style> elements out
 * of s[0..len) in place, as libxml2 would delimit them, and the attributes
 * of a start tag past the 1024th; returns the new length. */
size_t parse_elide_raw_text(char *s, size_t len);

/* Decodes bytes (with an optional charset hint) and parses them into doc.
 * p->utf8 keeps the decoded text and p->decision the encoding decision.
 * A <meta> met while parsing may change a tentative decision (HTML
 * § 13.2.3.4); the page is then decoded and parsed again, unless it is
 * all ASCII and the new encoding reads ASCII as ASCII, when only the
 * decision changes. PARSE_FAILED: the backend refused the input (longer
 * than it can take, INT_MAX bytes for libxml2). */
enum parse_status parse_document(parse_ctx *p, const unsigned char *bytes, size_t len,
                                 const char *charset_hint, const parse_limits *limits,
                                 tree_doc *doc);

#endif
