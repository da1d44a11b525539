/*
 * tree_construction.c — runs the html5lib tree-construction cases through
 * pith's parser backend and counts how many trees match the spec's.
 *
 * Not a pass/fail test: libxml2 is not a WHATWG parser. The numbers are
 * the baseline a native parser will be measured against
 * (docs/html5lib-baseline.md). Exits 0 whatever the share, 1 only when the
 * cases cannot be read.
 *
 *   tree_construction [-v|-t] [-f name] [dir]  run every *.dat in dir
 *   tree_construction --dump                parse stdin, print its tree
 *
 * dir defaults to $PITH_SHARED/html5lib-tests/tree-construction, with
 * PITH_SHARED defaulting to ../shared (the repo root's sibling). -v prints
 * each mismatch (input, expected, got), -t only those whose text differs
 * too; -f runs only the files whose name contains `name`.
 *
 * Two counts per file: "trees", the serialised tree is the expected one
 * byte for byte; "text", the text nodes hold the same characters in the
 * same order, ASCII whitespace aside (what an extractor reads, whatever
 * the nesting).
 *
 * Skipped, and counted as such: #document-fragment cases (the backend has
 * no fragment parsing) and #script-on ones (pith parses as a user agent
 * with scripting disabled: <noscript> content is markup).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "decode/decode.h"
#include "parse/backend.h"
#include "tree/builder.h"
#include "tree/serialize.h"

typedef struct counts {
    unsigned matched, compared, skipped;
    unsigned same_text; /* the text nodes hold the same characters */
} counts;

typedef struct runner {
    const parse_backend *backend;
    void *state;
    dec_ctx *dec;
    tree_builder builder;
    tree_doc doc;
    buf input, got;
    buf text_want, text_got;
    int verbose;
    unsigned out_of_order; /* trees whose node ids are not in document order */
} runner;

/* Limits far above anything a test case reaches. */
#define RUN_MAX_NODES ((size_t)1 << 24)
#define RUN_MAX_DEPTH ((size_t)1 << 16)
#define RUN_MAX_ATTR_BYTES ((size_t)1 << 24)

/* Parses text[0..len) the way the pipeline does (NUL bytes become U+FFFD
 * in decode/, the backend never sees them) and serialises the tree into
 * r->got. 0, or -1 when out of memory. */
static int parse_and_serialize(runner *r, const char *text, size_t len)
{
    buf_reset(&r->input);
    buf_reset(&r->got);
    if (dec_convert(r->dec, (const unsigned char *)text, len, dec_utf8(), &r->input) ||
        buf_terminate(&r->input))
        return -1;
    if (tree_builder_begin(&r->builder, &r->doc, RUN_MAX_NODES, RUN_MAX_DEPTH, RUN_MAX_ATTR_BYTES))
        return -1;
    r->backend->run(r->state, r->input.data, r->input.len, &r->builder);
    if (r->builder.status == TREE_BUILD_NOMEM)
        return -1;
    /* Node ids must be in document order (tree.h): checked on every case,
     * reported if ever broken. */
    node_id want = 1;
    for (node_id n = tree_next(&r->doc, 0, 0, 0); n; n = tree_next(&r->doc, 0, n, 0)) {
        if (n != want++) {
            r->out_of_order++;
            break;
        }
    }
    return tree_serialize_html5lib(&r->doc, &r->got);
}

/* ---- the .dat format (tree-construction/README.md) ----------------------- */

typedef struct span {
    const char *p;
    size_t len;
} span;

typedef struct test_case {
    span data, document;
    int fragment, script_on, has_document;
} test_case;

enum section { SEC_NONE, SEC_DATA, SEC_ERRORS, SEC_FRAGMENT, SEC_SCRIPT, SEC_DOCUMENT };

static enum section section_of(const char *line, size_t len, test_case *t)
{
#define IS(lit) (len == sizeof(lit) - 1 && !memcmp(line, lit, len))
    if (IS("#data"))
        return SEC_DATA;
    if (IS("#errors") || IS("#new-errors"))
        return SEC_ERRORS;
    if (IS("#document-fragment")) {
        t->fragment = 1;
        return SEC_FRAGMENT;
    }
    if (IS("#script-on")) {
        t->script_on = 1;
        return SEC_SCRIPT;
    }
    if (IS("#script-off"))
        return SEC_SCRIPT;
    if (IS("#document")) {
        t->has_document = 1;
        return SEC_DOCUMENT;
    }
#undef IS
    return SEC_NONE;
}

/* Appends the characters of the text nodes of a serialised tree, minus
 * ASCII whitespace, to *out: what an extractor reads, whatever the
 * nesting. A node is a run of lines from one starting "| " to the next;
 * a text node's is the run between its quotes. */
static int text_of(const char *s, size_t len, buf *out)
{
    buf_reset(out);
    size_t i = 0;
    while (i < len) {
        /* s[i] starts a node: "| ", indentation, content. */
        size_t start = i + 2;
        while (start < len && s[start] == ' ')
            start++;
        size_t end = start;
        while (end < len &&
               !(s[end] == '\n' && end + 2 < len && s[end + 1] == '|' && s[end + 2] == ' '))
            end++;
        size_t last = end; /* the node's content is [start, last) */
        while (last > start && s[last - 1] == '\n')
            last--;
        if (last - start >= 2 && s[start] == '"' && s[last - 1] == '"') {
            for (size_t k = start + 1; k < last - 1; k++) {
                char c = s[k];
                if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' &&
                    buf_append_char(out, c))
                    return -1;
            }
        }
        i = end + 1;
    }
    return 0;
}

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && (!alen || !memcmp(a, b, alen));
}

/* Runs one case; the spans point into the file's text. */
static int run_case(runner *r, test_case *t, counts *c, const char *file)
{
    if (t->fragment || t->script_on || !t->has_document) {
        c->skipped++;
        return 0;
    }
    /* The #document block ends with a blank line that separates tests. */
    span doc = t->document;
    if (doc.len >= 2 && doc.p[doc.len - 1] == '\n' && doc.p[doc.len - 2] == '\n')
        doc.len--;
    if (parse_and_serialize(r, t->data.p, t->data.len))
        return -1;
    c->compared++;
    if (text_of(doc.p, doc.len, &r->text_want) || text_of(r->got.data, r->got.len, &r->text_got))
        return -1;
    int same_text = same(r->text_want.data, r->text_want.len, r->text_got.data, r->text_got.len);
    c->same_text += same_text;
    if (same(r->got.data, r->got.len, doc.p, doc.len)) {
        c->matched++;
    } else if (r->verbose > 1 || (r->verbose && !same_text)) {
        printf("=== %s\n#data\n%.*s\n#expected\n%.*s#got\n%.*s\n", file, (int)t->data.len,
               t->data.p, (int)doc.len, doc.p, (int)r->got.len, r->got.data);
    }
    return 0;
}

static double share(unsigned part, unsigned whole)
{
    return whole ? 100.0 * part / whole : 0.0;
}

static void print_counts(const char *name, const counts *c)
{
    printf("%-44s %4u / %4u trees (%5.1f%%)  %4u text (%5.1f%%)  %3u skipped\n", name, c->matched,
           c->compared, share(c->matched, c->compared), c->same_text,
           share(c->same_text, c->compared), c->skipped);
}

static int run_file(runner *r, const char *path, const char *name, counts *total)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "tree_construction: cannot open %s\n", path);
        return -1;
    }
    buf text = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_append(&text, chunk, n)) {
            fclose(f);
            buf_free(&text);
            return -1;
        }
    }
    fclose(f);
    if (buf_terminate(&text)) {
        buf_free(&text);
        return -1;
    }
    counts c = {0, 0, 0, 0};
    test_case t;
    memset(&t, 0, sizeof t);
    enum section sec = SEC_NONE;
    size_t sec_start = 0;
    int in_test = 0, rc = 0;
    size_t pos = 0;
    /* Line by line: a section runs from its header line to the next one;
     * the end of the file closes the last test as a "#data" line would. */
    while (rc == 0) {
        int at_end = pos >= text.len;
        const char *line = at_end ? "" : text.data + pos;
        const char *nl = at_end ? NULL : memchr(line, '\n', text.len - pos);
        size_t len = nl ? (size_t)(nl - line) : text.len - pos;
        enum section next = at_end ? SEC_DATA : section_of(line, len, &t);
        if (next != SEC_NONE) {
            span body = {text.data + sec_start, pos - sec_start};
            if (sec == SEC_DATA) {
                /* The input is its lines without the last newline. */
                if (body.len && body.p[body.len - 1] == '\n')
                    body.len--;
                t.data = body;
            } else if (sec == SEC_DOCUMENT) {
                t.document = body;
            }
            if (next == SEC_DATA) {
                if (in_test)
                    rc = run_case(r, &t, &c, name);
                memset(&t, 0, sizeof t);
                in_test = 1;
            }
            sec = next;
            sec_start = nl ? pos + len + 1 : text.len;
        }
        if (at_end)
            break;
        pos += len + (nl ? 1 : 0);
    }
    buf_free(&text);
    print_counts(name, &c);
    total->same_text += c.same_text;
    total->matched += c.matched;
    total->compared += c.compared;
    total->skipped += c.skipped;
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(runner *r, const char *dir, const char *only)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "tree_construction: cannot open %s (set PITH_SHARED)\n", dir);
        return -1;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".dat") || (only && !strstr(e->d_name, only)))
            continue;
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        names[count] = strdup(e->d_name);
        if (names[count])
            count++;
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, name_cmp);
    counts total = {0, 0, 0, 0};
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        char path[4096];
        int w = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc = w > 0 && (size_t)w < sizeof path ? run_file(r, path, names[i], &total) : -1;
    }
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    print_counts("total", &total);
    if (r->out_of_order)
        printf("%u trees with node ids out of document order (tree.h forbids it)\n",
               r->out_of_order);
    return rc;
}

static int dump_stdin(runner *r)
{
    buf in = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (buf_append(&in, chunk, n))
            return -1;
    }
    int rc = parse_and_serialize(r, in.data ? in.data : "", in.len);
    if (rc == 0)
        fwrite(r->got.data, 1, r->got.len, stdout);
    buf_free(&in);
    return rc;
}

int main(int argc, char **argv)
{
    runner r;
    memset(&r, 0, sizeof r);
    const char *dir = NULL, *only = NULL;
    int dump = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            r.verbose = 2;
        else if (!strcmp(argv[i], "-t"))
            r.verbose = 1;
        else if (!strcmp(argv[i], "--dump"))
            dump = 1;
        else if (!strcmp(argv[i], "-f") && i + 1 < argc)
            only = argv[++i];
        else
            dir = argv[i];
    }
    char def[4096];
    if (!dir) {
        const char *shared = getenv("PITH_SHARED");
        snprintf(def, sizeof def, "%s/html5lib-tests/tree-construction",
                 shared && *shared ? shared : "../shared");
        dir = def;
    }
    r.backend = &parse_backend_libxml2;
    r.state = r.backend->create();
    r.dec = dec_ctx_new();
    tree_doc_init(&r.doc);
    tree_builder_init(&r.builder);
    int rc = -1;
    if (r.state && r.dec)
        rc = dump ? dump_stdin(&r) : run_dir(&r, dir, only);
    r.backend->destroy(r.state);
    dec_ctx_free(r.dec);
    tree_builder_free(&r.builder);
    tree_doc_free(&r.doc);
    buf_free(&r.input);
    buf_free(&r.got);
    buf_free(&r.text_want);
    buf_free(&r.text_got);
    return rc ? 1 : 0;
}
