/*
 * libxml2.c — the libxml2 HTML parser (2.9) as a pith backend.
 *
 * libxml2 drives SAX callbacks straight into the tree builder: no libxml2
 * DOM is built. One parser context per extractor is reused across pages.
 * Every diagnostic goes to silent handlers, never to stderr.
 *
 * libxml2 is an HTML 4 parser, not a WHATWG one; docs/html5lib-baseline.md
 * maps where its trees differ from the spec's, and tests/unit/test_parse.c
 * pins the quirks extraction meets most. This file straightens the few
 * that are cheap to straighten here:
 *   - the p element libxml2 wraps around text that appears before any
 *     element or directly in html/head is dropped (the spec puts the text
 *     in body: HTML § 13.2.6.4.7);
 *   - html, head and body it inserts on its own are flagged implied;
 *   - the doctype name is lowercased (§ 13.2.5.54-55, the DOCTYPE name states);
 *   - a processing instruction becomes the bogus comment the spec makes of
 *     it (§ 13.2.5.6, "unexpected-question-mark-instead-of-tag-name").
 * The builder adds the head or body libxml2 leaves out, and keeps body
 * open past </body> and </html> as the spec does (tree/builder.c).
 *
 * Limits of libxml2 2.9 that matter here, checked by tests/unit/test_parse.c:
 * text, comments and attribute values of any length come through (12 MB
 * tested; XML_MAX_TEXT_LENGTH is an XML parser limit); nesting has no
 * limit (100k levels tested; xmlParserMaxDepth, 256, stops libxml2's own
 * DOM building, which `xmllint --html` shows and this backend never does);
 * tag and attribute names are cut at 100 bytes, and only ASCII letters,
 * digits and ":-_." make up a name.
 */
#include <libxml/HTMLparser.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
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
    buf scratch;         /* doctype name, processing instructions */
    int implied_p_depth; /* libxml2 stack depth of a dropped implied p, or 0 */
} lx_state;

/* libxml2 interns every tag and attribute name it meets in the context's
 * dictionary and never forgets one, so a context that lives for millions
 * of pages (a worker on a crawl) grows without bound on the endless
 * variety of data-* names. Past this many names the context is replaced
 * (a few MB; a page rarely adds more than a few hundred). */
#define LX_MAX_DICT_NAMES 100000

static void lx_check_stop(lx_state *s)
{
    if (s->builder->stop)
        xmlStopParser(s->ctxt);
}

/* Elements libxml2 inserts on its own are started with a name from its
 * string constants, parsed ones with a name from its dictionary: the one
 * way to tell them apart through SAX. */
static int lx_implied(const lx_state *s, const xmlChar *name, const xmlChar **atts)
{
    return !atts && !xmlDictOwns(s->ctxt->dict, name);
}

static void lx_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    lx_state *s = ctx;
    const char *nm = (const char *)name;
    size_t len = strlen(nm);
    int implied = 0;
    if (len <= 4 && !atts) {
        implied = lx_implied(s, name, atts);
        if (implied && len == 1 && nm[0] == 'p') {
            /* libxml2's paragraph around stray text (htmlCheckParagraph):
             * not in the spec's tree. Its end comes at this same depth. */
            s->implied_p_depth = s->ctxt->nameNr;
            return;
        }
    }
    size_t n = 0;
    if (atts) {
        while (atts[2 * n])
            n++;
    }
    if (n > s->attrs_cap) {
        size_t cap = n < 16 ? 16 : n;
        tree_attr_in *p = realloc(s->attrs, cap * sizeof *p);
        if (!p) {
            tree_builder_abort(s->builder, TREE_BUILD_NOMEM);
            lx_check_stop(s);
            return;
        }
        s->attrs = p;
        s->attrs_cap = cap;
    }
    /* SAX1 callbacks give NUL-terminated strings without lengths. */
    for (size_t i = 0; i < n; i++) {
        const char *an = (const char *)atts[2 * i];
        const char *av = (const char *)atts[2 * i + 1];
        s->attrs[i].name = an;
        s->attrs[i].name_len = strlen(an);
        s->attrs[i].value = av ? av : "";
        s->attrs[i].value_len = av ? strlen(av) : 0;
    }
    tree_builder_start(s->builder, nm, len, s->attrs, n, implied);
    lx_check_stop(s);
}

static void lx_end(void *ctx, const xmlChar *name)
{
    lx_state *s = ctx;
    const char *nm = (const char *)name;
    if (s->implied_p_depth && s->ctxt->nameNr == s->implied_p_depth && nm[0] == 'p' && !nm[1]) {
        s->implied_p_depth = 0;
        return;
    }
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

static void lx_doctype(void *ctx, const xmlChar *name, const xmlChar *public_id,
                       const xmlChar *system_id)
{
    lx_state *s = ctx;
    const char *n = name ? (const char *)name : "";
    size_t len = strlen(n);
    buf_reset(&s->scratch);
    if (buf_append(&s->scratch, n, len)) {
        tree_builder_abort(s->builder, TREE_BUILD_NOMEM);
        lx_check_stop(s);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        char c = s->scratch.data[i];
        if (c >= 'A' && c <= 'Z')
            s->scratch.data[i] = (char)(c + 32);
    }
    const char *p = (const char *)public_id, *y = (const char *)system_id;
    tree_builder_doctype(s->builder, s->scratch.data, len, p, p ? strlen(p) : 0, y,
                         y ? strlen(y) : 0);
    lx_check_stop(s);
}

/* <?target data> as the comment "?target data": the spec's bogus comment
 * is everything between '<' and the first '>', and libxml2 ends an HTML
 * processing instruction at the first '>' too, with a final '?' (from
 * "?>") left in data. */
static void lx_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    lx_state *s = ctx;
    const char *t = target ? (const char *)target : "";
    buf_reset(&s->scratch);
    const char *d = data ? (const char *)data : "";
    /* libxml2 skips the blanks after the target: "<?a b?>" and "<?a?>"
     * come as ("a", "b?") and ("a", "?"); a lone "?" had none. */
    int space = *d && strcmp(d, "?");
    if (buf_append_char(&s->scratch, '?') || buf_append_str(&s->scratch, t) ||
        (space && buf_append_char(&s->scratch, ' ')) || buf_append_str(&s->scratch, d))
        tree_builder_abort(s->builder, TREE_BUILD_NOMEM);
    else
        tree_builder_comment(s->builder, s->scratch.data, s->scratch.len);
    lx_check_stop(s);
}

static void lx_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void lx_silent_structured(void *ctx, xmlErrorPtr error)
{
    (void)ctx;
    (void)error;
}

static pthread_once_t lx_init_once = PTHREAD_ONCE_INIT;

static void lx_init(void)
{
    xmlInitParser();
}

static htmlParserCtxtPtr lx_new_ctxt(lx_state *s)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElement = lx_start;
    h.endElement = lx_end;
    h.characters = lx_text;
    h.ignorableWhitespace = lx_text; /* whitespace is text: kept, as the spec keeps it */
    h.cdataBlock = lx_text;          /* script and style content */
    h.comment = lx_comment;
    h.internalSubset = lx_doctype;
    h.processingInstruction = lx_pi;
    h.warning = lx_silent;
    h.error = lx_silent;
    h.fatalError = lx_silent;
    /* Marked as a SAX2 handler so that errors go to serror first; else a
     * structured handler the host installed would receive ours. */
    h.initialized = XML_SAX2_MAGIC;
    h.serror = lx_silent_structured;
    *ctxt->sax = h;
    ctxt->userData = s;
    return ctxt;
}

static void *lx_create(void)
{
    /* xmlInitParser must run once per process before threads share libxml2. */
    pthread_once(&lx_init_once, lx_init);
    lx_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ctxt = lx_new_ctxt(s);
    if (!s->ctxt) {
        free(s);
        return NULL;
    }
    return s;
}

static void lx_destroy(void *state)
{
    lx_state *s = state;
    if (!s)
        return;
    htmlFreeParserCtxt(s->ctxt);
    free(s->attrs);
    buf_free(&s->scratch);
    free(s);
}

static int lx_run(void *state, const char *utf8, size_t len, tree_builder *b)
{
    lx_state *s = state;
    if (len > INT_MAX)
        return -1;
    if (xmlDictSize(s->ctxt->dict) > LX_MAX_DICT_NAMES) {
        htmlParserCtxtPtr fresh = lx_new_ctxt(s);
        if (!fresh) {
            tree_builder_abort(b, TREE_BUILD_NOMEM);
            return -1;
        }
        htmlFreeParserCtxt(s->ctxt);
        s->ctxt = fresh;
    }
    s->builder = b;
    s->implied_p_depth = 0;
    /* Errors raised without a context (memory and encoding errors, for
     * one) go to the thread's generic and structured handlers, stderr by
     * default: silence them for this parse and give the host its own back
     * afterwards. (Errors with a context go to serror: lx_new_ctxt.) */
    xmlGenericErrorFunc generic = xmlGenericError;
    void *generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc structured = xmlStructuredError;
    void *structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, lx_silent);
    xmlSetStructuredErrorFunc(NULL, lx_silent_structured);
    /* The input is UTF-8 (decode/ made it so). libxml2 must be told: left
     * to itself it reads bytes >= 0x80 as Latin-1 (test_utf8_passes_through
     * fails without it). IGNORE_ENC stops it switching encodings on a
     * <meta charset>; NODEFDTD keeps it from inventing a doctype. HUGE lifts
     * the limits libxml2 keeps for its XML parser (10 MB texts, 256 levels
     * of nesting for its DOM): its HTML parser driven through SAX, as here,
     * passes neither (tests pin 12 MB and 100k levels without the option),
     * and pith enforces its own limits; the option guards any path that
     * does check. Not NOERROR/NOWARNING: they clear the context's handlers,
     * which sends errors to the generic handler. */
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD |
                  HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    htmlDocPtr doc =
        htmlCtxtReadMemory(s->ctxt, len ? utf8 : " ", len ? (int)len : 1, NULL, "UTF-8", options);
    if (doc) /* only if a handler built one; ours do not */
        xmlFreeDoc(doc);
    xmlSetGenericErrorFunc(generic_ctx, generic);
    xmlSetStructuredErrorFunc(structured_ctx, structured);
    if (!b->stop)
        tree_builder_complete(b);
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
