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

/* Decodes bytes (with an optional charset hint) and parses them into doc.
 * p->utf8 keeps the decoded text and p->decision the encoding decision. */
enum parse_status parse_document(parse_ctx *p, const unsigned char *bytes, size_t len,
                                 const char *charset_hint, const parse_limits *limits,
                                 tree_doc *doc);

#endif
