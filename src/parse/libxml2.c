/*
 * libxml2.c — the libxml2 HTML parser as a pith backend.
 *
 * libxml2 drives SAX callbacks straight into the tree builder: no libxml2
 * DOM is built. One parser context per extractor is reused across pages.
 * Every diagnostic goes to silent handlers, never to stderr.
 *
 * Quirks of libxml2 2.9 that the tests pin (tests/unit/test_parse.c):
 * it closes an open <p> when a block starts (HTML's implied end tags),
 * inserts html/head/body, and closes misnested inline elements at the
 * first end tag that does not match (`<b>x<i>y</b>z</i>` puts "z" outside
 * both) instead of reconstructing them as HTML § 13.2.6.4.7 does.
 */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "parse/backend.h"

typedef struct lx_state {
    htmlParserCtxtPtr ctxt;
    tree_builder *builder;
    tree_attr_in *attrs; /* scratch for one element's attributes */
    size_t attrs_cap;
} lx_state;

static void lx_check_stop(lx_state *s)
{
    if (s->builder->stop)
        xmlStopParser(s->ctxt);
}

static void lx_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    lx_state *s = ctx;
    size_t n = 0;
    if (atts) {
        while (atts[2 * n])
            n++;
    }
    if (n > s->attrs_cap) {
        size_t cap = n < 16 ? 16 : n;
        tree_attr_in *p = realloc(s->attrs, cap * sizeof *p);
        if (!p) {
            n = s->attrs_cap; /* keep what fits; the rest is lost */
        } else {
            s->attrs = p;
            s->attrs_cap = cap;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const char *an = (const char *)atts[2 * i];
        const char *av = (const char *)atts[2 * i + 1];
        s->attrs[i].name = an;
        s->attrs[i].name_len = strlen(an);
        s->attrs[i].value = av ? av : "";
        s->attrs[i].value_len = av ? strlen(av) : 0;
    }
    /* libxml2 inserts html/head/body and p elements without telling; the
     * tree keeps them as ordinary elements. */
    const char *nm = (const char *)name;
    tree_builder_start(s->builder, nm, strlen(nm), s->attrs, n, 0);
    lx_check_stop(s);
}

static void lx_end(void *ctx, const xmlChar *name)
{
    lx_state *s = ctx;
    const char *nm = (const char *)name;
    tree_builder_end(s->builder, nm, strlen(nm));
    lx_check_stop(s);
}

static void lx_text(void *ctx, const xmlChar *ch, int len)
{
    lx_state *s = ctx;
    if (len > 0)
        tree_builder_text(s->builder, (const char *)ch, (size_t)len);
    lx_check_stop(s);
}

static void lx_comment(void *ctx, const xmlChar *value)
{
    lx_state *s = ctx;
    const char *v = (const char *)value;
    tree_builder_comment(s->builder, v, strlen(v));
    lx_check_stop(s);
}

static void lx_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static pthread_once_t lx_init_once = PTHREAD_ONCE_INIT;

static void lx_init(void) { xmlInitParser(); }

static void *lx_create(void)
{
    /* xmlInitParser must run once per process before threads share libxml2. */
    pthread_once(&lx_init_once, lx_init);
    lx_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ctxt = htmlNewParserCtxt();
    if (!s->ctxt) {
        free(s);
        return NULL;
    }
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElement = lx_start;
    h.endElement = lx_end;
    h.characters = lx_text;
    h.ignorableWhitespace = lx_text;
    h.cdataBlock = lx_text; /* script and style content */
    h.comment = lx_comment;
    h.warning = lx_silent;
    h.error = lx_silent;
    h.fatalError = lx_silent;
    *s->ctxt->sax = h;
    s->ctxt->userData = s;
    return s;
}

static void lx_destroy(void *state)
{
    lx_state *s = state;
    if (!s)
        return;
    htmlFreeParserCtxt(s->ctxt);
    free(s->attrs);
    free(s);
}

static int lx_run(void *state, const char *utf8, size_t len, tree_builder *b)
{
    lx_state *s = state;
    if (len > INT_MAX)
        return -1;
    s->builder = b;
    /* The input is UTF-8 already (decode/ decided): IGNORE_ENC stops
     * libxml2 from switching encodings on a <meta charset>. */
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD |
                  HTML_PARSE_IGNORE_ENC;
    htmlDocPtr doc = htmlCtxtReadMemory(s->ctxt, len ? utf8 : " ", len ? (int)len : 1, NULL,
                                        "UTF-8", options);
    if (doc) /* only if a handler built one; ours do not */
        xmlFreeDoc(doc);
    tree_builder_finish(b);
    s->builder = NULL;
    return b->status == TREE_BUILD_OK || b->status == TREE_BUILD_CHARSET_CHANGE ? 0 : -1;
}

const parse_backend parse_backend_libxml2 = {
    .name = "libxml2",
    .create = lx_create,
    .destroy = lx_destroy,
    .run = lx_run,
};
