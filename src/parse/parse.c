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

/* The <meta> hook, HTML § 13.2.6.4.4 (a "meta" start tag "in head", which
 * "in body" defers to): while the confidence is tentative, a charset
 * attribute that names an encoding, or failing that an http-equiv
 * "Content-Type" whose content names one, asks to change the encoding.
 * Nonzero: decode again in p->meta_encoding (unless the page reads the
 * same in both encodings, below). */
static int on_meta(void *user, const tree_doc *doc, node_id meta)
{
    parse_ctx *p = user;
    if (p->decision.certain)
        return 0;
    size_t len;
    const char *charset = tree_attr_get(doc, meta, ATTR_CHARSET, &len);
    int enc = charset ? dec_label_lookup(charset, len) : -1;
    if (enc < 0) {
        size_t he_len, label_len;
        const char *he = tree_attr_get(doc, meta, ATTR_HTTP_EQUIV, &he_len);
        const char *content = tree_attr_get(doc, meta, ATTR_CONTENT, &len);
        if (!he || !content || !ascii_ieq(he, he_len, "content-type"))
            return 0;
        const char *label = dec_charset_from_content(content, len, &label_len);
        enc = label ? dec_label_lookup(label, label_len) : -1;
        if (enc < 0)
            return 0;
    }
    /* § 13.2.3.4 "change the encoding", steps 1–4: UTF-16 in use stays;
     * a declared UTF-16 means UTF-8 and x-user-defined windows-1252; the
     * encoding in use, declared, becomes certain, so no later <meta> can
     * change it. */
    if (dec_is_utf16(p->decision.encoding)) {
        p->decision.certain = 1;
        return 0;
    }
    if (dec_is_utf16(enc))
        enc = dec_utf8();
    else if (enc == DEC_X_USER_DEFINED)
        enc = dec_windows1252();
    if (enc == p->decision.encoding) {
        p->decision.certain = 1;
        return 0;
    }
    /* § 13.2.3.4 allows changing the converter on the fly when the bytes
     * read so far mean the same in both encodings; for an all-ASCII page
     * that holds for all of it, and the tree stands. Such pages come here
     * often: whatever they declare past the prescan's 1024 bytes, their
     * first decision is tentative. */
    if (p->raw_ascii < 0)
        p->raw_ascii = ascii_only(p->raw, p->raw_len);
    if (p->raw_ascii && enc != DEC_REPLACEMENT) {
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
    if (p->elide_raw_text) {
        p->utf8.len = parse_elide_raw_text(p->utf8.data, p->utf8.len);
        if (buf_terminate(&p->utf8))
            return PARSE_NOMEM;
    }
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
    dec_sniff_with(p->dec, bytes, len, charset_hint, p->sniff_flags, &p->decision);
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
