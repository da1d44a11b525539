/*
 * test_tree.c — the document model (src/tree/tree.c), the builder
 * (src/tree/builder.c) and the html5lib serializer (src/tree/serialize.c),
 * driven by hand-made events: no parser involved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tree/builder.h"
#include "tree/serialize.h"
#include "tree/tree.h"

static const char *const tag_names[] = {
#define TAG(id, name, flags) name,
#include "tree/tags.def"
#undef TAG
};

static const char *const attr_names[] = {
#define ATTR(id, name) name,
#include "tree/attrs.def"
#undef ATTR
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the tables --------------------------------------------------------- */

/* tags.def and attrs.def promise sorted order, which keeps ids stable to
 * read and a new name easy to place. */
static void test_tables_are_sorted(void **state)
{
    (void)state;
    for (size_t i = 1; i < COUNT(tag_names); i++) {
        if (strcmp(tag_names[i - 1], tag_names[i]) >= 0)
            fail_msg("tags.def: \"%s\" before \"%s\"", tag_names[i - 1], tag_names[i]);
    }
    for (size_t i = 1; i < COUNT(attr_names); i++) {
        if (strcmp(attr_names[i - 1], attr_names[i]) >= 0)
            fail_msg("attrs.def: \"%s\" before \"%s\"", attr_names[i - 1], attr_names[i]);
    }
    assert_int_equal(COUNT(tag_names), TAG__COUNT - 1);
    assert_int_equal(COUNT(attr_names), ATTR__COUNT - 1);
}

/* Every name through the lookup: catches a names.inc not regenerated
 * after an edit of the .def files (scripts/gen-names.py), and a name
 * longer than the lookup's cap. */
static void test_every_tag_and_attribute_is_found(void **state)
{
    (void)state;
    tree_doc d;
    tree_doc_init(&d);
    for (size_t i = 0; i < COUNT(tag_names); i++) {
        size_t len = strlen(tag_names[i]);
        assert_int_equal(tree_tag_lookup(tag_names[i], len), i + 1);
        size_t got_len;
        const char *name = tree_tag_name(&d, (unsigned)(i + 1), &got_len);
        assert_int_equal(got_len, len);
        assert_memory_equal(name, tag_names[i], len);
    }
    for (size_t i = 0; i < COUNT(attr_names); i++)
        assert_int_equal(tree_attr_lookup(attr_names[i], strlen(attr_names[i])), i + 1);
    tree_doc_free(&d);
}

static void test_lookup_misses(void **state)
{
    (void)state;
    assert_int_equal(tree_tag_lookup("", 0), TAG_UNKNOWN_);
    assert_int_equal(tree_tag_lookup("di", 2), TAG_UNKNOWN_);   /* a prefix of div */
    assert_int_equal(tree_tag_lookup("divx", 4), TAG_UNKNOWN_); /* div is its prefix */
    assert_int_equal(tree_tag_lookup("DIV", 3), TAG_UNKNOWN_);  /* names are lowercase */
    assert_int_equal(tree_tag_lookup("zzz", 3), TAG_UNKNOWN_);
    assert_int_equal(tree_tag_lookup("aa", 2), TAG_UNKNOWN_);
    /* The length bounds the name: "divx" read as 3 bytes is div. */
    assert_int_equal(tree_tag_lookup("divx", 3), TAG_DIV);
    assert_int_equal(tree_attr_lookup("clas", 4), ATTR_OTHER);
    assert_int_equal(tree_attr_lookup("data-srcset", 11), ATTR_OTHER);
    assert_int_equal(tree_attr_lookup("class", 5), ATTR_CLASS);
    assert_int_equal(tree_tag_flags(TAG_BR), TF_VOID);
    assert_int_equal(tree_tag_flags(TAG_H2), TF_BLOCK | TF_HEADING);
    assert_int_equal(tree_tag_flags(TAG__COUNT + 5), 0);
}

/* ---- interning ----------------------------------------------------------- */

static void test_interning(void **state)
{
    (void)state;
    tree_doc d;
    tree_doc_init(&d);
    assert_int_equal(tree_doc_reset(&d), 0);
    unsigned w = tree_tag_intern(&d, "my-widget", 9);
    assert_true(w >= TAG__COUNT);
    assert_int_equal(tree_tag_intern(&d, "my-widget", 9), w);
    assert_int_equal(tree_tag_intern(&d, "div", 3), TAG_DIV); /* known names are not interned */
    unsigned x = tree_tag_intern(&d, "x-y", 3);
    assert_int_equal(x, w + 1);
    assert_int_equal(tree_tag_find(&d, "my-widget", 9), w);
    assert_int_equal(tree_tag_find(&d, "x-y", 3), x);
    assert_int_equal(tree_tag_find(&d, "x-z", 3), TAG_UNKNOWN_);
    assert_int_equal(tree_tag_find(&d, "span", 4), TAG_SPAN);
    size_t len;
    const char *name = tree_tag_name(&d, w, &len);
    assert_int_equal(len, 9);
    assert_memory_equal(name, "my-widget", 9);
    assert_int_equal(tree_tag_flags(w), 0);
    /* A reset forgets them. */
    assert_int_equal(tree_doc_reset(&d), 0);
    assert_int_equal(tree_tag_find(&d, "my-widget", 9), TAG_UNKNOWN_);
    assert_int_equal(tree_tag_intern(&d, "x-y", 3), TAG__COUNT);
    tree_doc_free(&d);
}

/* Up to TREE_MAX_INTERNED names keep their ids (through every growth of the
 * index); past it they share TAG_UNKNOWN_. */
static void test_interning_many_names_and_the_cap(void **state)
{
    (void)state;
    tree_doc d;
    tree_doc_init(&d);
    assert_int_equal(tree_doc_reset(&d), 0);
    char name[32];
    for (unsigned i = 0; i < TREE_MAX_INTERNED; i++) {
        int n = snprintf(name, sizeof name, "x-%u", i);
        assert_int_equal(tree_tag_intern(&d, name, (size_t)n), TAG__COUNT + i);
    }
    for (unsigned i = 0; i < TREE_MAX_INTERNED; i++) {
        int n = snprintf(name, sizeof name, "x-%u", i);
        assert_int_equal(tree_tag_find(&d, name, (size_t)n), TAG__COUNT + i);
        size_t len;
        const char *got = tree_tag_name(&d, TAG__COUNT + i, &len);
        assert_int_equal(len, (size_t)n);
        assert_memory_equal(got, name, len);
    }
    assert_int_equal(tree_tag_intern(&d, "one-too-many", 12), TAG_UNKNOWN_);
    assert_int_equal(tree_tag_intern(&d, "x-7", 3), TAG__COUNT + 7);
    tree_doc_free(&d);
}

/* ---- a hand-built tree ----------------------------------------------------- */

/* <html><head/><body><p>a<b>b</b></p>c<!--k--><br/></body></html> */
typedef struct sample {
    tree_doc d;
    node_id html, head, body, p, a, b, btext, c, comment, br;
} sample;

static void build_sample(sample *s)
{
    tree_doc *d = &s->d;
    tree_doc_init(d);
    assert_int_equal(tree_doc_reset(d), 0);
    s->html = tree_append_element(d, 0, TAG_HTML, NULL, 0, 1024);
    s->head = tree_append_element(d, s->html, TAG_HEAD, NULL, 0, 1024);
    s->body = tree_append_element(d, s->html, TAG_BODY, NULL, 0, 1024);
    s->p = tree_append_element(d, s->body, TAG_P, NULL, 0, 1024);
    s->a = tree_append_text(d, s->p, "a", 1);
    s->b = tree_append_element(d, s->p, TAG_B, NULL, 0, 1024);
    s->btext = tree_append_text(d, s->b, "b", 1);
    s->c = tree_append_text(d, s->body, "c", 1);
    s->comment = tree_append_comment(d, s->body, "k", 1);
    s->br = tree_append_element(d, s->body, TAG_BR, NULL, 0, 1024);
    assert_true(s->br != 0);
    assert_int_equal(d->html, s->html);
    assert_int_equal(d->head, s->head);
    assert_int_equal(d->body, s->body);
}

#define NO_SKIP UINT32_MAX

/* The walk as a string: "+tag" ENTER, "-tag" EXIT, "'x" text, "!x"
 * comment, "#" and "$" the document's ENTER and EXIT. tree_walker_skip is
 * called on entering skip_at. */
static void walk(const tree_doc *d, node_id root, node_id skip_at, char *out, size_t cap)
{
    tree_walker w;
    tree_walker_init(&w, d, root);
    size_t n = 0;
    out[0] = '\0';
    while (tree_walker_step(&w)) {
        const tree_node *x = tree_node_at(d, w.node);
        size_t len = 0;
        const char *s = "";
        char sign = '#';
        if (x->kind == TREE_ELEMENT) {
            s = tree_tag_name(d, x->tag, &len);
            sign = w.entering ? '+' : '-';
        } else if (x->kind == TREE_TEXT || x->kind == TREE_COMMENT) {
            s = tree_text(d, w.node, &len);
            sign = x->kind == TREE_TEXT ? '\'' : '!';
            assert_true(w.entering); /* leaves are seen once */
        } else if (x->kind == TREE_DOCUMENT) {
            sign = w.entering ? '#' : '$';
        }
        int k = snprintf(out + n, cap - n, "%s%c%.*s", n ? " " : "", sign, (int)len, s);
        assert_true(k > 0 && (size_t)k < cap - n);
        n += (size_t)k;
        if (w.node == skip_at && w.entering)
            tree_walker_skip(&w);
    }
    assert_int_equal(tree_walker_step(&w), 0); /* stays at the end */
}

static void test_walker_order(void **state)
{
    (void)state;
    sample s;
    build_sample(&s);
    char out[512];
    walk(&s.d, 0, NO_SKIP, out, sizeof out);
    assert_string_equal(out,
                        "# +html +head -head +body +p 'a +b 'b -b -p 'c !k +br -br -body -html $");
    walk(&s.d, s.p, NO_SKIP, out, sizeof out);
    assert_string_equal(out, "+p 'a +b 'b -b -p");
    walk(&s.d, s.br, NO_SKIP, out, sizeof out); /* an empty element: ENTER, EXIT */
    assert_string_equal(out, "+br -br");
    walk(&s.d, s.c, NO_SKIP, out, sizeof out); /* a leaf root: once */
    assert_string_equal(out, "'c");
    tree_doc_free(&s.d);
}

static void test_walker_skip(void **state)
{
    (void)state;
    sample s;
    build_sample(&s);
    char out[512];
    walk(&s.d, 0, s.p, out, sizeof out);
    assert_string_equal(out, "# +html +head -head +body +p -p 'c !k +br -br -body -html $");
    walk(&s.d, s.p, s.p, out, sizeof out); /* skipping the root */
    assert_string_equal(out, "+p -p");
    walk(&s.d, 0, s.a, out, sizeof out); /* skip on a leaf changes nothing */
    assert_string_equal(out,
                        "# +html +head -head +body +p 'a +b 'b -b -p 'c !k +br -br -body -html $");
    tree_doc_free(&s.d);
}

static void test_tree_next(void **state)
{
    (void)state;
    sample s;
    build_sample(&s);
    const tree_doc *d = &s.d;
    node_id want[] = {s.html, s.head, s.body, s.p, s.a, s.b, s.btext, s.c, s.comment, s.br};
    node_id n = 0;
    for (size_t i = 0; i < COUNT(want); i++) {
        n = tree_next(d, 0, n, 0);
        assert_int_equal(n, want[i]);
    }
    assert_int_equal(tree_next(d, 0, n, 0), 0);
    /* Skipping children, and staying inside the root's subtree. */
    assert_int_equal(tree_next(d, 0, s.p, 1), s.c);
    assert_int_equal(tree_next(d, s.p, s.btext, 0), 0);
    assert_int_equal(tree_next(d, s.p, s.a, 0), s.b);
    assert_int_equal(tree_next(d, s.p, s.p, 1), 0);
    assert_int_equal(tree_next(d, s.b, s.b, 0), s.btext);
    /* Misuse, n outside the root's subtree: the walk runs to the end of the
     * document and stops there instead of looping. */
    assert_int_equal(tree_next(d, s.p, s.br, 0), 0);
    assert_int_equal(tree_next(d, s.p, 0, 1), 0);
    tree_doc_free(&s.d);
}

static void test_text_merging(void **state)
{
    (void)state;
    tree_doc d;
    tree_doc_init(&d);
    assert_int_equal(tree_doc_reset(&d), 0);
    node_id p = tree_append_element(&d, 0, TAG_P, NULL, 0, 64);
    assert_int_equal(tree_text_extends(&d, p, 3), 0);
    node_id t = tree_append_text(&d, p, "one", 3);
    assert_int_equal(tree_text_extends(&d, p, 3), 1);
    assert_int_equal(tree_append_text(&d, p, " two", 4), t);
    size_t len;
    const char *s = tree_text(&d, t, &len);
    assert_int_equal(len, 7);
    assert_memory_equal(s, "one two", 7);
    /* Bytes appended in between (an interned name) end the run. */
    assert_true(tree_tag_intern(&d, "x-y", 3) >= TAG__COUNT);
    assert_int_equal(tree_text_extends(&d, p, 1), 0);
    node_id t2 = tree_append_text(&d, p, "!", 1);
    assert_true(t2 != t);
    /* A comment between makes a new text node too. */
    tree_append_comment(&d, p, "c", 1);
    assert_int_equal(tree_text_extends(&d, p, 1), 0);
    assert_true(tree_append_text(&d, p, "x", 1) > t2);
    assert_int_equal(tree_node_count(&d), 6);
    tree_doc_free(&d);
}

static void test_attributes(void **state)
{
    (void)state;
    tree_doc d;
    tree_doc_init(&d);
    assert_int_equal(tree_doc_reset(&d), 0);
    tree_attr_in in[] = {
        {"class", 5, "lead", 4},
        {"data-x", 6, "1", 1},
        {"id", 2, "main", 4},
        {"class", 5, "second", 6}, /* a duplicate: the first wins */
    };
    node_id n = tree_append_element(&d, 0, TAG_DIV, in, COUNT(in), 1024);
    size_t len = 99;
    const char *v = tree_attr_get(&d, n, ATTR_CLASS, &len);
    assert_non_null(v);
    assert_int_equal(len, 4);
    assert_memory_equal(v, "lead", 4);
    v = tree_attr_get(&d, n, ATTR_ID, &len);
    assert_memory_equal(v, "main", 4);
    assert_null(tree_attr_get(&d, n, ATTR_HREF, &len));
    v = tree_attr_get_named(&d, n, "data-x", &len);
    assert_int_equal(len, 1);
    assert_memory_equal(v, "1", 1);
    assert_null(tree_attr_get_named(&d, n, "data", &len));
    assert_int_equal(tree_node_at(&d, n)->attr_count, 4);
    assert_int_equal(tree_attr_at(&d, tree_node_at(&d, n)->attr_first + 1)->id, ATTR_OTHER);
    /* Not an element: no attributes. */
    node_id t = tree_append_text(&d, n, "t", 1);
    assert_null(tree_attr_get(&d, t, ATTR_CLASS, &len));
    tree_doc_free(&d);
}

/* max_attr_bytes counts names and values of one element: the value that
 * crosses it is cut, attributes after it are dropped. */
static void test_attribute_byte_limit(void **state)
{
    (void)state;
    tree_doc d;
    tree_doc_init(&d);
    assert_int_equal(tree_doc_reset(&d), 0);
    tree_attr_in in[] = {{"a", 1, "12345", 5}, {"b", 1, "67890", 5}, {"c", 1, "x", 1}};
    node_id n = tree_append_element(&d, 0, TAG_DIV, in, COUNT(in), 8);
    assert_int_equal(tree_node_at(&d, n)->attr_count, 2);
    size_t len;
    const char *v = tree_attr_get_named(&d, n, "a", &len);
    assert_int_equal(len, 5);
    v = tree_attr_get_named(&d, n, "b", &len);
    assert_int_equal(len, 1);
    assert_memory_equal(v, "6", 1);
    assert_null(tree_attr_get_named(&d, n, "c", &len));
    /* A cut never splits a UTF-8 sequence: with 6 bytes, "t" and "abcd"
     * leave 1, and "\xC3\xA9" (é) needs 2: it goes whole. */
    tree_attr_in utf[] = {{"t", 1, "abcd\xC3\xA9", 6}};
    n = tree_append_element(&d, 0, TAG_DIV, utf, 1, 6);
    v = tree_attr_get_named(&d, n, "t", &len);
    assert_int_equal(len, 4);
    assert_memory_equal(v, "abcd", 4);
    n = tree_append_element(&d, 0, TAG_DIV, utf, 1, 7);
    v = tree_attr_get_named(&d, n, "t", &len);
    assert_int_equal(len, 6);
    tree_doc_free(&d);
}

static void test_doctype_node(void **state)
{
    (void)state;
    tree_doc d;
    tree_doc_init(&d);
    assert_int_equal(tree_doc_reset(&d), 0);
    node_id n = tree_append_doctype(&d, 0, "html", 4, "-//W3C//DTD HTML 4.01//EN", 25, NULL, 0);
    assert_int_equal(tree_kind(&d, n), TREE_DOCTYPE);
    size_t len;
    assert_memory_equal(tree_text(&d, n, &len), "html", 4);
    assert_memory_equal(tree_doctype_id(&d, n, 0, &len), "-//W3C//DTD HTML 4.01//EN", 25);
    tree_doctype_id(&d, n, 1, &len);
    assert_int_equal(len, 0);
    assert_null(tree_attr_get(&d, n, ATTR_OTHER, &len)); /* not an element */
    tree_doc_free(&d);
}

/* ---- the builder --------------------------------------------------------- */

/* Node ids are in document order (tree.h): tree_next visits them 1, 2, 3... */
static void assert_document_order(const tree_doc *d)
{
    node_id want = 1;
    for (node_id n = tree_next(d, 0, 0, 0); n; n = tree_next(d, 0, n, 0))
        assert_int_equal(n, want++);
    assert_int_equal(want, tree_node_count(d));
}

typedef struct fixture {
    tree_doc d;
    tree_builder b;
    buf out;
} fixture;

static void begin(fixture *f, size_t max_nodes, size_t max_depth)
{
    tree_doc_init(&f->d);
    tree_builder_init(&f->b);
    memset(&f->out, 0, sizeof f->out);
    assert_int_equal(tree_builder_begin(&f->b, &f->d, max_nodes, max_depth, 1024), 0);
}

static void start(fixture *f, const char *name)
{
    tree_builder_start(&f->b, name, strlen(name), NULL, 0, 0);
}
static void end(fixture *f, const char *name)
{
    tree_builder_end(&f->b, name, strlen(name));
}
static void text(fixture *f, const char *s)
{
    tree_builder_text(&f->b, s, strlen(s));
}

static const char *serialized(fixture *f)
{
    buf_reset(&f->out);
    assert_int_equal(tree_serialize_html5lib(&f->d, &f->out), 0);
    assert_int_equal(buf_terminate(&f->out), 0);
    return f->out.data;
}

static void done(fixture *f)
{
    tree_builder_free(&f->b);
    tree_doc_free(&f->d);
    buf_free(&f->out);
}

static void test_builder_basic_and_voids(void **state)
{
    (void)state;
    fixture f;
    begin(&f, 1000, 100);
    start(&f, "html");
    start(&f, "body");
    start(&f, "p");
    text(&f, "a");
    start(&f, "br"); /* void: never open, its end is ignored */
    end(&f, "br");
    text(&f, "b");
    start(&f, "x-tag");
    text(&f, "c");
    end(&f, "x-tag");
    end(&f, "nothing-open"); /* matches nothing: ignored */
    end(&f, "p");
    text(&f, "d");
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_string_equal(serialized(&f), "| <html>\n"
                                        "|   <head>\n"
                                        "|   <body>\n"
                                        "|     <p>\n"
                                        "|       \"a\"\n"
                                        "|       <br>\n"
                                        "|       \"b\"\n"
                                        "|       <x-tag>\n"
                                        "|         \"c\"\n"
                                        "|     \"d\"\n");
    /* head was implied before body; body and html were not. */
    assert_int_equal(tree_node_at(&f.d, f.d.head)->flags & TREE_NODE_IMPLIED, TREE_NODE_IMPLIED);
    assert_int_equal(tree_node_at(&f.d, f.d.body)->flags & TREE_NODE_IMPLIED, 0);
    done(&f);
}

/* The skeleton rules of builder.h: one html/head/body; </body> and </html>
 * leave body open, for comments too (the spec puts those in html and the
 * document, which would break the id order). */
static void test_builder_skeleton(void **state)
{
    (void)state;
    fixture f;
    begin(&f, 1000, 100);
    start(&f, "html");
    start(&f, "head");
    end(&f, "head");
    start(&f, "body");
    text(&f, "a");
    end(&f, "body");
    tree_builder_comment(&f.b, "after body", 10);
    text(&f, "\n");
    end(&f, "html");
    tree_builder_comment(&f.b, "after html", 10);
    start(&f, "html"); /* a second html and body: ignored */
    start(&f, "body");
    start(&f, "p");
    text(&f, "late");
    end(&f, "p");
    end(&f, "body");
    end(&f, "html");
    tree_builder_doctype(&f.b, "html", 4, NULL, 0, NULL, 0); /* too late: ignored */
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_string_equal(serialized(&f), "| <html>\n"
                                        "|   <head>\n"
                                        "|   <body>\n"
                                        "|     \"a\"\n"
                                        "|     <!-- after body -->\n"
                                        "|     \"\n\"\n"
                                        "|     <!-- after html -->\n"
                                        "|     <p>\n"
                                        "|       \"late\"\n");
    assert_document_order(&f.d);
    done(&f);
}

static void test_builder_complete_empty_document(void **state)
{
    (void)state;
    fixture f;
    begin(&f, 1000, 100);
    tree_builder_comment(&f.b, "c", 1);
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_string_equal(serialized(&f), "| <!-- c -->\n"
                                        "| <html>\n"
                                        "|   <head>\n"
                                        "|   <body>\n");
    assert_int_equal(tree_node_at(&f.d, f.d.html)->flags, TREE_NODE_IMPLIED);
    done(&f);
    /* A frameset document gets no body. */
    begin(&f, 1000, 100);
    start(&f, "html");
    start(&f, "frameset");
    end(&f, "frameset");
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_string_equal(serialized(&f), "| <html>\n"
                                        "|   <head>\n"
                                        "|   <frameset>\n");
    done(&f);
}

/* Past max_depth elements are not created; their text goes to the deepest
 * element that was, and their ends close nothing in the tree. */
static void test_builder_depth_limit(void **state)
{
    (void)state;
    fixture f;
    begin(&f, 1000, 3); /* html, body, one div */
    start(&f, "html");
    start(&f, "body");
    start(&f, "div");
    text(&f, "1");
    start(&f, "div");
    text(&f, "2");
    start(&f, "span");
    text(&f, "3");
    start(&f, "br");
    end(&f, "br");
    end(&f, "span");
    text(&f, "4");
    end(&f, "div");
    text(&f, "5");
    end(&f, "div");
    text(&f, "6");
    assert_int_equal(f.b.flattened, 0);
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_string_equal(serialized(&f), "| <html>\n"
                                        "|   <head>\n"
                                        "|   <body>\n"
                                        "|     <div>\n"
                                        "|       \"12345\"\n"
                                        "|     \"6\"\n");
    done(&f);
}

/* A front end may close a flattened element without its end (libxml2
 * does for a start tag cut off by the end of input): the end of an
 * element in the tree still closes that element. */
static void test_builder_depth_limit_lost_end(void **state)
{
    (void)state;
    fixture f;
    begin(&f, 1000, 3);
    start(&f, "html");
    start(&f, "body");
    start(&f, "section");
    start(&f, "div"); /* flattened, and its end never comes */
    text(&f, "a");
    end(&f, "section");
    text(&f, "b");
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_string_equal(serialized(&f), "| <html>\n"
                                        "|   <head>\n"
                                        "|   <body>\n"
                                        "|     <section>\n"
                                        "|       \"a\"\n"
                                        "|     \"b\"\n");
    done(&f);
}

static void test_builder_node_limit(void **state)
{
    (void)state;
    fixture f;
    begin(&f, 6, 100); /* the document, html, the implied head, body, p, one text */
    start(&f, "html");
    start(&f, "body");
    start(&f, "p");
    text(&f, "a");
    text(&f, "b"); /* merges: no new node */
    assert_int_equal(f.b.status, TREE_BUILD_OK);
    assert_int_equal(tree_node_count(&f.d), 6);
    start(&f, "i");
    assert_int_equal(f.b.status, TREE_BUILD_MAX_NODES);
    assert_int_equal(f.b.stop, 1);
    text(&f, "c"); /* after the stop nothing changes */
    assert_int_equal(tree_node_count(&f.d), 6);
    done(&f);
}

/* No recursion anywhere: a tree 100 000 elements deep is built, walked
 * and stepped through. */
static void test_deep_tree(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    fixture f;
    begin(&f, 2 * DEPTH + 10, 2 * DEPTH);
    for (int i = 0; i < DEPTH; i++) {
        start(&f, "div");
        text(&f, "x");
    }
    for (int i = 0; i < DEPTH; i++)
        end(&f, "div");
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_int_equal(f.b.status, TREE_BUILD_OK);
    tree_walker w;
    tree_walker_init(&w, &f.d, 0);
    size_t enters = 0, exits = 0;
    while (tree_walker_step(&w)) {
        if (tree_kind(&f.d, w.node) == TREE_ELEMENT)
            w.entering ? enters++ : exits++;
    }
    assert_int_equal(enters, DEPTH + 3); /* the divs, html, head, body */
    assert_int_equal(exits, enters);
    size_t count = 0;
    for (node_id n = tree_next(&f.d, 0, 0, 0); n; n = tree_next(&f.d, 0, n, 0))
        count++;
    assert_int_equal(count, tree_node_count(&f.d) - 1);
    /* Not serialised: the html5lib format indents two spaces per level, so
     * its size grows with the square of the depth (30 GB here). */
    done(&f);
}

/* ---- the serializer --------------------------------------------------------- */

static void test_serializer_format(void **state)
{
    (void)state;
    fixture f;
    begin(&f, 1000, 100);
    tree_builder_doctype(&f.b, "html", 4, "pub", 3, "sys", 3);
    start(&f, "html");
    start(&f, "body");
    tree_attr_in attrs[] = {{"z", 1, "last", 4}, {"a", 1, "first \"q\"", 9}};
    tree_builder_start(&f.b, "p", 1, attrs, 2, 0);
    text(&f, "two\nlines");
    end(&f, "p");
    start(&f, "template");
    start(&f, "b");
    end(&f, "b");
    end(&f, "template");
    start(&f, "svg");
    tree_attr_in vb[] = {{"viewbox", 7, "0 0 1 1", 7}, {"xlink:href", 10, "#a", 2}};
    tree_builder_start(&f.b, "foreignobject", 13, vb, 2, 0);
    start(&f, "div");
    end(&f, "div");
    end(&f, "foreignobject");
    end(&f, "svg");
    start(&f, "math");
    start(&f, "mi");
    end(&f, "mi");
    end(&f, "math");
    tree_builder_complete(&f.b);
    tree_builder_finish(&f.b);
    assert_string_equal(serialized(&f), "| <!DOCTYPE html \"pub\" \"sys\">\n"
                                        "| <html>\n"
                                        "|   <head>\n"
                                        "|   <body>\n"
                                        "|     <p>\n"
                                        "|       a=\"first \"q\"\"\n"
                                        "|       z=\"last\"\n"
                                        "|       \"two\nlines\"\n"
                                        "|     <template>\n"
                                        "|       content\n"
                                        "|         <b>\n"
                                        "|     <svg svg>\n"
                                        "|       <svg foreignObject>\n"
                                        "|         viewBox=\"0 0 1 1\"\n"
                                        "|         xlink href=\"#a\"\n"
                                        "|         <div>\n"
                                        "|     <math math>\n"
                                        "|       <math mi>\n");
    done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_are_sorted),
        cmocka_unit_test(test_every_tag_and_attribute_is_found),
        cmocka_unit_test(test_lookup_misses),
        cmocka_unit_test(test_interning),
        cmocka_unit_test(test_interning_many_names_and_the_cap),
        cmocka_unit_test(test_walker_order),
        cmocka_unit_test(test_walker_skip),
        cmocka_unit_test(test_tree_next),
        cmocka_unit_test(test_text_merging),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_attribute_byte_limit),
        cmocka_unit_test(test_doctype_node),
        cmocka_unit_test(test_builder_basic_and_voids),
        cmocka_unit_test(test_builder_skeleton),
        cmocka_unit_test(test_builder_complete_empty_document),
        cmocka_unit_test(test_builder_depth_limit),
        cmocka_unit_test(test_builder_depth_limit_lost_end),
        cmocka_unit_test(test_builder_node_limit),
        cmocka_unit_test(test_deep_tree),
        cmocka_unit_test(test_serializer_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
