/*
 * pith.c — the public API: the extractor context and the pipeline
 * decode → parse → extract, then render on demand.
 */
#include "pith.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/utf8.h"
#include "core/arena.h"
#include "core/budget.h"
#include "extract/extract.h"
#include "meta/meta.h"
#include "parse/parse.h"
#include "render/render.h"

/* Hard caps for the limits: raising a limit above its cap is refused, so
 * that a configuration error cannot disable the protection. */
#define PITH_MAX_INPUT_BYTES ((size_t)1 << 30)
#define PITH_MAX_NODES ((size_t)64 << 20)
#define PITH_MAX_DEPTH ((size_t)4096)
#define PITH_MAX_ATTRIBUTE_BYTES ((size_t)64 << 20)
#define PITH_MAX_MEMORY_BYTES (SIZE_MAX / 2)

struct pith_doc {
    const pith_extractor *ex;
    const char *title; /* NUL-terminated, in ex->scratch */
};

struct pith_extractor {
    pith_options opt;
    parse_ctx parse;
    tree_doc tree;
    ext_ctx *ext;
    ext_result result;
    buf title;
    buf url; /* the page URL given in pith_input, NUL-terminated */
    meta_ctx *meta;
    meta_record record;
    arena strings; /* the record's strings; reset per document */
    mem_budget budget; /* the document's memory (limits.max_memory_bytes) */
    char error[256];
    struct pith_doc doc;
};

const char *pith_version(void) { return PITH_VERSION_STRING; }

const char *pith_strerror(pith_status status)
{
    switch (status) {
    case PITH_OK: return "success";
    case PITH_ERR_NOMEM: return "out of memory";
    case PITH_ERR_INVALID: return "invalid argument";
    case PITH_ERR_LIMIT: return "input exceeds a limit";
    case PITH_ERR_EMPTY: return "input is empty";
    case PITH_ERR_NOT_HTML: return "input is not HTML";
    case PITH_ERR_ENCODING: return "input charset cannot be converted";
    case PITH_ERR_PARSE: return "HTML parser failed";
    case PITH_ERR_NO_CONTENT: return "page has no text";
    case PITH_ERR_WRITE: return "output write failed";
    case PITH_ERR_IO: return "input cannot be read";
    }
    return "unknown status";
}

pith_options pith_options_default(void)
{
    pith_options o;
    memset(&o, 0, sizeof o);
    o.tradeoff = PITH_BALANCED;
    o.tables = 1;
    return o;
}

static size_t limit_or(size_t v, size_t def) { return v ? v : def; }

pith_status pith_extractor_new(const pith_options *options, pith_extractor **out)
{
    if (!out)
        return PITH_ERR_INVALID;
    *out = NULL;
    pith_options opt = options ? *options : pith_options_default();
    pith_limits *l = &opt.limits;
    if (l->max_input_bytes > PITH_MAX_INPUT_BYTES || l->max_nodes > PITH_MAX_NODES ||
        l->max_depth > PITH_MAX_DEPTH || l->max_attribute_bytes > PITH_MAX_ATTRIBUTE_BYTES ||
        l->max_memory_bytes > PITH_MAX_MEMORY_BYTES ||
        (unsigned)opt.tradeoff > PITH_RECALL)
        return PITH_ERR_INVALID;
    l->max_input_bytes = limit_or(l->max_input_bytes, PITH_DEFAULT_MAX_INPUT_BYTES);
    l->max_nodes = limit_or(l->max_nodes, PITH_DEFAULT_MAX_NODES);
    l->max_depth = limit_or(l->max_depth, PITH_DEFAULT_MAX_DEPTH);
    l->max_attribute_bytes = limit_or(l->max_attribute_bytes, PITH_DEFAULT_MAX_ATTRIBUTE_BYTES);
    l->max_memory_bytes = limit_or(l->max_memory_bytes, PITH_DEFAULT_MAX_MEMORY_BYTES);
    pith_extractor *ex = calloc(1, sizeof *ex);
    if (!ex)
        return PITH_ERR_NOMEM;
    ex->opt = opt;
    tree_doc_init(&ex->tree);
    ext_result_init(&ex->result);
    ex->ext = ext_ctx_new();
    ex->meta = meta_ctx_new();
    arena_init(&ex->strings, 0);
    if (!ex->ext || !ex->meta || parse_ctx_init(&ex->parse, &parse_backend_libxml2)) {
        pith_extractor_free(ex);
        return PITH_ERR_NOMEM;
    }
    /* No stage reads script or style contents (but JSON-LD): they are cut
     * before parsing, which halves libxml2's work on typical pages. */
    ex->parse.elide_raw_text = 1;
    *out = ex;
    return PITH_OK;
}

void pith_extractor_free(pith_extractor *ex)
{
    if (!ex)
        return;
    parse_ctx_free(&ex->parse);
    tree_doc_free(&ex->tree);
    ext_ctx_free(ex->ext);
    meta_ctx_free(ex->meta);
    arena_free(&ex->strings);
    ext_result_free(&ex->result);
    buf_free(&ex->title);
    buf_free(&ex->url);
    free(ex);
}

/* Storage above these sizes is released by pith_extractor_reset, so that
 * one huge page does not pin its memory for the worker's lifetime. */
#define KEEP_BYTES ((size_t)4 << 20)
#define KEEP_NODES ((size_t)64 << 10)

void pith_extractor_reset(pith_extractor *ex)
{
    if (!ex)
        return;
    buf_trim(&ex->parse.utf8, KEEP_BYTES);
    buf_trim(&ex->tree.chars, KEEP_BYTES);
    vec_trim(&ex->tree.nodes, KEEP_NODES);
    vec_trim(&ex->tree.attrs, KEEP_NODES);
    vec_trim(&ex->result.marks, KEEP_BYTES);
    buf_trim(&ex->title, KEEP_BYTES);
    ex->error[0] = '\0';
}

const char *pith_extractor_error(const pith_extractor *ex) { return ex ? ex->error : ""; }

static pith_status fail(pith_extractor *ex, pith_status st, const char *detail)
{
    snprintf(ex->error, sizeof ex->error, "%s", detail ? detail : pith_strerror(st));
    return st;
}

/* Recognises binary formats by their magic bytes, so that a PNG is
 * reported as such rather than "extracted". NULL: not known binary. */
static const char *binary_kind(const unsigned char *b, size_t len)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } kinds[] = {
        {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
        {"%PDF-", 5, "a PDF document"},
        {"\x1f\x8b", 2, "gzip-compressed data"},
        {"GIF87a", 6, "a GIF image"},
        {"GIF89a", 6, "a GIF image"},
        {"\xff\xd8\xff", 3, "a JPEG image"},
        {"PK\x03\x04", 4, "a ZIP archive"},
        {"\x28\xb5\x2f\xfd", 4, "zstd-compressed data"},
        {"BZh", 3, "bzip2-compressed data"},
        {"\xfd" "7zXZ", 5, "xz-compressed data"},
        {"RIFF", 4, "a RIFF (WebP/WAV/AVI) file"},
        {"\x7f" "ELF", 4, "an ELF executable"},
        {"OggS", 4, "an Ogg file"},
        {"wOFF", 4, "a WOFF font"},
        {"wOF2", 4, "a WOFF2 font"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        if (len >= kinds[i].len && !memcmp(b, kinds[i].magic, kinds[i].len))
            return kinds[i].what;
    }
    return NULL;
}

static int only_whitespace(const unsigned char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && b[i] != '\f')
            return 0;
    }
    return 1;
}

/* Whether any text outside scripts and styles holds a word: a page of
 * NUL bytes or of markup only has nothing to extract. */
static int has_words(const tree_doc *d)
{
    uint32_t n = tree_node_count(d);
    for (node_id i = 1; i < n; i++) {
        const tree_node *t = tree_node_at(d, i);
        if (t->kind != TREE_TEXT)
            continue;
        unsigned ptag = tree_tag(d, t->parent);
        if (ptag == TAG_SCRIPT || ptag == TAG_STYLE)
            continue;
        size_t len;
        const char *s = tree_text(d, i, &len);
        if (utf8_count_words(s, len))
            return 1;
    }
    return 0;
}

/* The <title> text, whitespace collapsed, into ex->title. */
static int collect_title(pith_extractor *ex)
{
    buf_reset(&ex->title);
    const tree_doc *d = &ex->tree;
    if (d->title) {
        int space = 0;
        for (node_id c = tree_first_child(d, d->title); c; c = tree_next_sibling(d, c)) {
            if (tree_kind(d, c) != TREE_TEXT)
                continue;
            size_t len;
            const char *t = tree_text(d, c, &len);
            for (size_t i = 0; i < len; i++) {
                unsigned char ch = (unsigned char)t[i];
                if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') {
                    space = ex->title.len > 0;
                    continue;
                }
                if ((space && buf_append_char(&ex->title, ' ')) || buf_append_char(&ex->title, (char)ch))
                    return -1;
                space = 0;
            }
        }
    }
    return buf_terminate(&ex->title);
}

static pith_status extract(pith_extractor *ex, const void *bytes, size_t len,
                           const pith_input *input, const pith_doc **doc_out)
{
    if (doc_out)
        *doc_out = NULL;
    if (!ex || !doc_out || (!bytes && len))
        return ex ? fail(ex, PITH_ERR_INVALID, NULL) : PITH_ERR_INVALID;
    ex->error[0] = '\0';
    buf_reset(&ex->url);
    if ((input && input->url && buf_append_str(&ex->url, input->url)) || buf_terminate(&ex->url))
        return fail(ex, PITH_ERR_NOMEM, NULL);
    const unsigned char *b = bytes;
    if (len > ex->opt.limits.max_input_bytes) {
        char msg[128];
        snprintf(msg, sizeof msg, "limit max_input_bytes (%zu) exceeded: %zu bytes",
                 ex->opt.limits.max_input_bytes, len);
        return fail(ex, PITH_ERR_LIMIT, msg);
    }
    if (len == 0 || only_whitespace(b, len))
        return fail(ex, PITH_ERR_EMPTY, len ? "input holds only whitespace" : "input is empty");
    const char *kind = binary_kind(b, len);
    if (kind) {
        char msg[128];
        snprintf(msg, sizeof msg, "input is %s, not HTML", kind);
        return fail(ex, PITH_ERR_NOT_HTML, msg);
    }
    parse_limits pl = {ex->opt.limits.max_nodes, ex->opt.limits.max_depth,
                       ex->opt.limits.max_attribute_bytes};
    enum parse_status ps =
        parse_document(&ex->parse, b, len, input ? input->charset : NULL, &pl, &ex->tree);
    if (ps == PARSE_NOMEM)
        return fail(ex, PITH_ERR_NOMEM, NULL);
    if (ps == PARSE_MAX_NODES) {
        char msg[128];
        snprintf(msg, sizeof msg, "limit max_nodes (%zu) exceeded", ex->opt.limits.max_nodes);
        return fail(ex, PITH_ERR_LIMIT, msg);
    }
    if (ps != PARSE_OK)
        return fail(ex, PITH_ERR_PARSE, NULL);
    if (!has_words(&ex->tree))
        return fail(ex, PITH_ERR_NO_CONTENT, "page has no text (no words outside scripts and styles)");
    ext_options eo = {(int)ex->opt.tradeoff, ex->opt.tables, ex->opt.comments, ex->opt.images};
    if (ext_extract(ex->ext, &ex->tree, &eo, &ex->result) || collect_title(ex))
        return fail(ex, PITH_ERR_NOMEM, NULL);
    arena_reset(&ex->strings);
    meta_input mi = {
        .doc = &ex->tree,
        .marks = ext_marks(&ex->result),
        .rules = ex->result.rules.items,
        .names = ex->result.names.items,
        .url = ex->url.len ? ex->url.data : NULL,
        .content_language = input ? input->content_language : NULL,
        .encoding = dec_encoding_name(ex->parse.decision.encoding),
        .encoding_source = dec_source_name(ex->parse.decision.source),
        .now = input && input->fetched_at ? (int64_t)input->fetched_at : (int64_t)time(NULL),
    };
    if (meta_extract(ex->meta, &mi, &ex->strings, &ex->record))
        return fail(ex, PITH_ERR_NOMEM, NULL);
    ex->doc.ex = ex;
    ex->doc.title = ex->title.data;
    *doc_out = &ex->doc;
    return PITH_OK;
}

/* The pipeline inside the document's memory budget: a growth past it
 * fails like an allocation, and is reported as the limit it is. */
pith_status pith_extract(pith_extractor *ex, const void *bytes, size_t len,
                         const pith_input *input, const pith_doc **doc_out)
{
    if (!ex)
        return extract(ex, bytes, len, input, doc_out);
    budget_open(&ex->budget, ex->opt.limits.max_memory_bytes);
    pith_status st = extract(ex, bytes, len, input, doc_out);
    budget_close();
    if (st == PITH_ERR_NOMEM && ex->budget.exceeded) {
        char msg[160];
        snprintf(msg, sizeof msg, "limit max_memory_bytes (%zu) exceeded by a %zu-byte input",
                 ex->opt.limits.max_memory_bytes, len);
        st = fail(ex, PITH_ERR_LIMIT, msg);
    }
    return st;
}

const char *pith_doc_encoding(const pith_doc *doc)
{
    return doc ? dec_encoding_name(doc->ex->parse.decision.encoding) : "";
}

const char *pith_doc_encoding_source(const pith_doc *doc)
{
    return doc ? dec_source_name(doc->ex->parse.decision.source) : "";
}

const char *pith_doc_title(const pith_doc *doc) { return doc && doc->title ? doc->title : ""; }

const pith_record *pith_doc_record(const pith_doc *doc) { return doc ? &doc->ex->record.pub : NULL; }

const char *pith_doc_source(const pith_doc *doc, const char *field)
{
    if (!doc || !field)
        return NULL;
    int f = meta_field_lookup(field);
    return f < 0 ? NULL : meta_source_name((meta_source)doc->ex->record.sources[f]);
}

pith_status pith_render(const pith_doc *doc, pith_format format, pith_write_fn write, void *user)
{
    if (!doc || !write)
        return PITH_ERR_INVALID;
    const pith_extractor *ex = doc->ex;
    render_options ro = {ex->opt.links, ex->opt.images, ex->opt.tables,
                         ex->url.len ? ex->url.data : NULL};
    const uint8_t *marks = ext_marks(&ex->result);
    switch (format) {
    case PITH_FORMAT_TEXT:
        return render_text(&ex->tree, marks, &ro, write, user);
    case PITH_FORMAT_MARKDOWN:
        return render_markdown(&ex->tree, marks, &ro, write, user);
    case PITH_FORMAT_JSON:
    case PITH_FORMAT_HTML:
    case PITH_FORMAT_EXPLAIN: {
        render_doc rd = {&ex->tree, marks, ex->result.rules.items, ex->result.scores.items,
                         &ex->record, ro};
        if (format == PITH_FORMAT_JSON)
            return render_json(&rd, write, user);
        if (format == PITH_FORMAT_HTML)
            return render_html(&rd, write, user);
        return render_explain(&rd, write, user);
    }
    }
    return PITH_ERR_INVALID;
}
