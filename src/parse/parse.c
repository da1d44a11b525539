#include "parse/parse.h"

#include <string.h>

#include "core/utf8.h"

int parse_ctx_init(parse_ctx *p, const parse_backend *backend)
{
    memset(p, 0, sizeof *p);
    p->backend = backend;
    tree_builder_init(&p->builder);
    p->state = backend->create();
    p->dec = dec_ctx_new();
    if (!p->state || !p->dec) {
        parse_ctx_free(p);
        return -1;
    }
    return 0;
}

void parse_ctx_free(parse_ctx *p)
{
    if (p->state)
        p->backend->destroy(p->state);
    dec_ctx_free(p->dec);
    tree_builder_free(&p->builder);
    buf_free(&p->utf8);
    memset(p, 0, sizeof *p);
}

/* 1 when every byte is ASCII and none is ESC: then any ASCII-compatible
 * encoding decodes the page to the same text (ESC starts the escape
 * sequences of ISO-2022-JP, the one that is not). */
static int ascii_only(const unsigned char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (b[i] >= 0x80 || b[i] == 0x1B)
            return 0;
    }
    return 1;
}

/* The <meta> hook: HTML § 13.2.3.4 "changing the encoding while parsing".
 * Only a tentative decision may change; a declared UTF-16 means UTF-8,
 * x-user-defined means windows-1252, and declaring the encoding in use
 * makes the decision certain. Returns 1 to stop the parse for a
 * re-decode. */
static int on_meta(void *user, const tree_doc *doc, node_id meta)
{
    parse_ctx *p = user;
    if (p->decision.certain)
        return 0;
    size_t len = 0, label_len = 0;
    const char *label = tree_attr_get(doc, meta, ATTR_CHARSET, &len);
    if (label) {
        label_len = len;
    } else {
        size_t hl;
        const char *he = tree_attr_get(doc, meta, ATTR_HTTP_EQUIV, &hl);
        const char *content = tree_attr_get(doc, meta, ATTR_CONTENT, &len);
        if (!he || !content || !ascii_ieq(he, hl, "content-type"))
            return 0;
        label = dec_charset_from_content(content, len, &label_len);
        if (!label)
            return 0;
    }
    int enc = dec_label_lookup(label, label_len);
    if (enc < 0)
        return 0;
    if (dec_is_utf16(enc))
        enc = dec_utf8();
    else if (!strcmp(dec_encoding_name(enc), "x-user-defined"))
        enc = dec_windows1252();
    if (enc == p->decision.encoding) {
        p->decision.certain = 1;
        return 0;
    }
    /* § 13.2.3.4 allows changing the converter on the fly when the bytes
     * read so far mean the same in both encodings; for an all-ASCII page
     * that holds for all of it, and the tree stands. Most pages that get
     * here are such pages: valid UTF-8 with non-ASCII bytes is certain
     * before parsing starts. */
    if (p->raw_ascii < 0)
        p->raw_ascii = ascii_only(p->raw, p->raw_len);
    if (p->raw_ascii && strcmp(dec_encoding_name(enc), "replacement")) {
        p->decision.encoding = enc;
        p->decision.source = DEC_SOURCE_META_IN_PARSE;
        p->decision.certain = 1;
        return 0;
    }
    p->meta_encoding = enc;
    return 1;
}

static enum parse_status run_backend(parse_ctx *p, const parse_limits *lim, tree_doc *doc,
                                     int watch_meta)
{
    if (tree_builder_begin(&p->builder, doc, lim->max_nodes, lim->max_depth, lim->max_attr_bytes))
        return PARSE_NOMEM;
    p->builder.on_meta = watch_meta ? on_meta : NULL;
    p->builder.user = p;
    int rc = p->backend->run(p->state, p->utf8.data, p->utf8.len, &p->builder);
    switch (p->builder.status) {
    case TREE_BUILD_OK:
    case TREE_BUILD_CHARSET_CHANGE:
        return rc ? PARSE_FAILED : PARSE_OK;
    case TREE_BUILD_NOMEM:
        return PARSE_NOMEM;
    case TREE_BUILD_MAX_NODES:
        return PARSE_MAX_NODES;
    }
    return PARSE_FAILED;
}

enum parse_status parse_document(parse_ctx *p, const unsigned char *bytes, size_t len,
                                 const char *charset_hint, const parse_limits *lim, tree_doc *doc)
{
    dec_sniff(p->dec, bytes, len, charset_hint, &p->decision);
    buf_reset(&p->utf8);
    size_t skip = p->decision.bom_len;
    if (dec_convert(p->dec, bytes + skip, len - skip, p->decision.encoding, &p->utf8) ||
        buf_terminate(&p->utf8))
        return PARSE_NOMEM;
    p->meta_encoding = -1;
    p->raw = bytes;
    p->raw_len = len;
    p->raw_ascii = -1;
    enum parse_status st = run_backend(p, lim, doc, !p->decision.certain);
    p->raw = NULL;
    if (st != PARSE_OK || p->builder.status != TREE_BUILD_CHARSET_CHANGE)
        return st;
    /* A <meta> declared another encoding: decode again and parse once more,
     * this time without watching (the change happens at most once). */
    p->decision.encoding = p->meta_encoding;
    p->decision.source = DEC_SOURCE_META_IN_PARSE;
    p->decision.certain = 1;
    buf_reset(&p->utf8);
    if (dec_convert(p->dec, bytes + skip, len - skip, p->decision.encoding, &p->utf8) ||
        buf_terminate(&p->utf8))
        return PARSE_NOMEM;
    return run_backend(p, lim, doc, 0);
}
