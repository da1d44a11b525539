/* test_html.c — the clean HTML renderer (src/render/html.c). Trees come
 * from small HTML snippets parsed as pith parses pages; marks are set by
 * hand: the body is kept, elements with id="drop" are dropped and with
 * id="keep" kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "parse/parse.h"
#include "render/render.h"

static parse_ctx parser;
static tree_doc doc;
static vec marks, rules;
static buf output;
static meta_record record;

static int setup(void **state)
{
    (void)state;
    tree_doc_init(&doc);
    return parse_ctx_init(&parser, &parse_backend_libxml2);
}

static int teardown(void **state)
{
    (void)state;
    parse_ctx_free(&parser);
    tree_doc_free(&doc);
    vec_free(&marks);
    vec_free(&rules);
    buf_free(&output);
    return 0;
}

static int to_buffer(const char *data, size_t len, void *user)
{
    return buf_append(user, data, len);
}

static void parse_and_mark(const char *html)
{
    parse_limits lim = {1 << 22, 512, 1 << 20};
    assert_int_equal(
        parse_document(&parser, (const unsigned char *)html, strlen(html), NULL, &lim, &doc),
        PARSE_OK);
    uint32_t n = tree_node_count(&doc);
    vec_reset(&marks);
    vec_reset(&rules);
    assert_int_equal(vec_reserve(&marks, 1, n), 0);
    assert_int_equal(vec_reserve(&rules, 1, n), 0);
    memset(marks.items, EXT_NONE, n);
    memset(rules.items, ER_NONE, n);
    marks.len = rules.len = n;
    uint8_t *m = marks.items;
    m[doc.body] = EXT_KEEP;
    for (node_id i = 1; i < n; i++) {
        size_t len;
        const char *id = tree_attr_get(&doc, i, ATTR_ID, &len);
        if (id && len == 4 && !memcmp(id, "drop", 4))
            m[i] = EXT_DROP;
        else if (id && len == 4 && !memcmp(id, "keep", 4))
            m[i] = EXT_KEEP;
    }
}

static const char *render(const char *html, const char *base_url)
{
    parse_and_mark(html);
    render_doc rd = {&doc, marks.items, rules.items, NULL, &record, {0, 0, 1, base_url}};
    buf_reset(&output);
    assert_int_equal(render_html(&rd, to_buffer, &output), PITH_OK);
    assert_int_equal(buf_terminate(&output), 0);
    return output.data;
}

/* The article's inside: what the renderer writes between <article> and
 * </article>, each on their own line. */
static const char *article(const char *html, const char *base_url)
{
    static buf inside;
    const char *out = render(html, base_url);
    if (strstr(out, "<article>\n</article>\n</body>\n</html>\n"))
        return "";
    const char *start = strstr(out, "<article>\n");
    const char *end = strstr(out, "\n</article>\n</body>\n</html>\n");
    assert_non_null(start);
    assert_non_null(end);
    start += strlen("<article>\n");
    buf_reset(&inside);
    assert_int_equal(buf_append(&inside, start, (size_t)(end - start)), 0);
    assert_int_equal(buf_terminate(&inside), 0);
    return inside.data;
}

#define expect(html, want) assert_string_equal(article(html, NULL), want)

static void test_document(void **state)
{
    (void)state;
    memset(&record, 0, sizeof record);
    assert_string_equal(render("<p>Text</p>", NULL),
                        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                        "<title></title>\n</head>\n<body>\n<article>\n<p>Text</p>\n</article>\n"
                        "</body>\n</html>\n");
    /* the record's language and title; the headline opens the article */
    record.pub.language = "de";
    record.pub.title = "Kopf & \"Zeile\"";
    assert_string_equal(render("<p>Text</p>", NULL),
                        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<title>Kopf &amp; &quot;Zeile&quot;</title>\n</head>\n<body>\n"
                        "<article>\n<h1>Kopf &amp; &quot;Zeile&quot;</h1>\n<p>Text</p>\n"
                        "</article>\n</body>\n</html>\n");
    /* ...unless the article starts with it already */
    expect("<h2> Kopf &amp;\n\"Zeile\"</h2><p>Text</p>",
           "<h2>Kopf &amp; &quot;Zeile&quot;</h2>\n<p>Text</p>");
    expect("<h2>Kopf</h2><p>Text</p>",
           "<h1>Kopf &amp; &quot;Zeile&quot;</h1>\n<h2>Kopf</h2>\n<p>Text</p>");
    /* a heading that holds the title with more (a kicker) is enough */
    expect("<h1>Thema: Kopf &amp; \"Zeile\"</h1><p>Text</p>",
           "<h1>Thema: Kopf &amp; &quot;Zeile&quot;</h1>\n<p>Text</p>");
    /* a heading further down does not count */
    expect("<p>Lead</p><h2>Kopf &amp; \"Zeile\"</h2>",
           "<h1>Kopf &amp; &quot;Zeile&quot;</h1>\n<p>Lead</p>\n<h2>Kopf &amp; "
           "&quot;Zeile&quot;</h2>");
    memset(&record, 0, sizeof record);
    expect("<div id=drop>nothing</div>", "");
}

static void test_blocks_and_phrases(void **state)
{
    (void)state;
    expect("<h2>Sub  title</h2><p>Hello <b>bold</b> and <i>it</i>, <code>x()</code>"
           "<span class=x> plain</span></p>",
           "<h2>Sub title</h2>\n<p>Hello <strong>bold</strong> and <em>it</em>, "
           "<code>x()</code> plain</p>");
    expect("<p>a &lt; b &amp; c &gt; \"d\"</p>", "<p>a &lt; b &amp; c &gt; &quot;d&quot;</p>");
    expect("<blockquote>Said <q>so</q><p>Twice</p></blockquote>",
           "<blockquote>\n<p>Said <q>so</q></p>\n<p>Twice</p>\n</blockquote>");
    expect("<p>a</p><hr><p>b</p><hr>", "<p>a</p>\n<hr>\n<p>b</p>");
    expect("<hr><p>a</p>", "<p>a</p>");
    /* inline boundaries add nothing, spaces stay where the page had them */
    expect("<p>Wiki<span></span>pedia <em> x </em>y</p>", "<p>Wikipedia <em>x</em> y</p>");
}

static void test_loose_text(void **state)
{
    (void)state;
    /* text in divs and between <br><br> becomes paragraphs */
    expect("<div>one</div><div>two<br>three<br><br>four</div>",
           "<p>one</p>\n<p>two<br>three</p>\n<p>four</p>");
    expect("<div><br>one<br></div>", "<p>one</p>");
    /* a block boundary in a list item or a phrase is a line break */
    expect("<ul><li><div>c</div><div>d</div></li></ul>", "<ul>\n<li>c<br>d</li>\n</ul>");
    expect("<a href=\"/c\"><div>Title</div><div>Desc</div></a><a href=\"/d\"><div>Next</div></a>",
           "<p><a href=\"/c\">Title<br>Desc</a></p>\n<p><a href=\"/d\">Next</a></p>");
    /* text right inside a list is put in items */
    expect("<ul>first<p>second</p><li>third</li></ul>",
           "<ul>\n<li>first</li>\n<li>second</li>\n<li>third</li>\n</ul>");
    /* elements with nothing to show are not written */
    expect("<p> </p><p><span></span></p><ul><li> </li></ul><div><b></b></div>", "");
}

static void test_lists_and_tables(void **state)
{
    (void)state;
    expect("<ol start=3><li>a<ul><li>b</li></ul></li><li><p>c</p><p>d</p></li></ol>",
           "<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n<li>\n<p>c</p>\n<p>d</p></li>\n</ol>");
    expect("<dl><dt>Term<dd>Def</dl>", "<dl>\n<dt>Term</dt>\n<dd>Def</dd>\n</dl>");
    /* a data table keeps its empty cells; only text attributes go */
    expect("<table border=1><caption>Cap</caption><thead><tr><th colspan=2>A</th><th>B</th></tr>"
           "</thead><tr><td></td><td>1</td></tr><tr><td> </td><td></td></tr></table>",
           "<table>\n<caption>Cap</caption>\n<thead>\n<tr><th>A</th><th>B</th></tr>\n</thead>\n"
           "<tr><td></td><td>1</td></tr>\n</table>");
    /* layout tables are transparent: one column, a nested table, or said so */
    expect("<table><tr><td>one</td></tr><tr><td>two</td></tr></table>", "<p>one</p>\n<p>two</p>");
    expect("<table role=presentation><tr><td>a</td><td>b</td></tr></table>", "<p>a</p>\n<p>b</p>");
    expect("<table><tr><td>x</td><td><table><tr><td>1</td><td>2</td></tr></table></td></tr>"
           "</table>",
           "<p>x</p>\n<table>\n<tr><td>1</td><td>2</td></tr>\n</table>");
}

static void test_links_and_images(void **state)
{
    (void)state;
    const char *base = "https://ex.com/dir/page.html";
    assert_string_equal(
        article("<p><a href=\" /x?a=1&amp;b=2 \">x</a> <a href=\"javascript:void(0)\">y</a> "
                "<a name=z>z</a> <img src=\"data:image/gif;base64,R0\" data-src=\"img/a.jpg\" "
                "alt='A \"q\"' width=10></p><p><img src=\"blank.gif\"></p>",
                base),
        "<p><a href=\"https://ex.com/x?a=1&amp;b=2\">x</a> y z <img "
        "src=\"https://ex.com/dir/img/a.jpg\" alt=\"A &quot;q&quot;\"></p>");
    /* <base href> wins over the page URL */
    assert_string_equal(
        article("<html><head><base href=\"https://cdn.ex.org/b/\"></head><body><p><a href=\"p\">"
                "out</a> <a href=\"../q\">in</a></p></body></html>",
                base),
        "<p><a href=\"https://cdn.ex.org/b/p\">out</a> <a href=\"https://cdn.ex.org/q\">in</a>"
        "</p>");
    /* figures with their captions */
    assert_string_equal(article("<figure><img src=/a.jpg alt=A><figcaption>Cap. "
                                "<span>Foto: dpa</span></figcaption></figure>",
                                base),
                        "<figure><img src=\"https://ex.com/a.jpg\" alt=\"A\">\n"
                        "<figcaption>Cap. Foto: dpa</figcaption></figure>");
}

static void test_pre(void **state)
{
    (void)state;
    /* kept as it is, escaped, trailing blank lines and spaces gone; its
     * elements are transparent */
    expect("<pre>\n  def <b>f</b>(a &lt; b):  \n\n      return<br>x\n\n</pre>",
           "<pre><code>  def f(a &lt; b):\n\n      return\nx</code></pre>");
    expect("<pre><code class=\"language-c\"><span>int</span> <span>x</span>;</code></pre>",
           "<pre><code>int x;</code></pre>");
}

static void test_marks(void **state)
{
    (void)state;
    expect("<p>one</p><div id=drop><p>gone</p><p id=keep>back</p></div><p>two</p>",
           "<p>one</p>\n<p>back</p>\n<p>two</p>");
    /* a dropped block between inline texts still separates them */
    expect("<div>a<div id=drop>x</div>b</div>", "<p>a</p>\n<p>b</p>");
    /* never content: scripts, forms; <noscript> follows its marks */
    expect("<p>a<script>x()</script><button>Go</button></p><noscript><p>ns</p></noscript>",
           "<p>a</p>\n<p>ns</p>");
}

static int refuse(const char *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    (void)user;
    return 1;
}

static void test_write_failure_and_depth(void **state)
{
    (void)state;
    parse_and_mark("<p>x</p>");
    render_doc rd = {&doc, marks.items, rules.items, NULL, &record, {0, 0, 1, NULL}};
    assert_int_equal(render_html(&rd, refuse, NULL), PITH_ERR_WRITE);
    /* deep nesting, of blocks and of phrases (past the parser's depth
     * limit, which flattens): no recursion, every element closed */
    static const char *const nests[][3] = {{"<blockquote><div>", "blockquote", "blockquote"},
                                           {"<em><b>", "em", "strong"}};
    for (size_t k = 0; k < 2; k++) {
        buf deep = {0};
        for (int i = 0; i < 2000; i++)
            assert_int_equal(buf_append_str(&deep, nests[k][0]), 0);
        assert_int_equal(buf_append_str(&deep, "deep"), 0);
        assert_int_equal(buf_terminate(&deep), 0);
        const char *out = article(deep.data, NULL);
        for (size_t t = 1; t < 3; t++) {
            char open[32], close[32];
            snprintf(open, sizeof open, "<%s>", nests[k][t]);
            snprintf(close, sizeof close, "</%s>", nests[k][t]);
            size_t opened = 0, closed = 0;
            for (const char *p = out; (p = strstr(p, open)); p++)
                opened++;
            for (const char *p = out; (p = strstr(p, close)); p++)
                closed++;
            assert_true(opened > 100);
            assert_int_equal(opened, closed);
        }
        assert_non_null(strstr(out, "deep"));
        buf_free(&deep);
    }
    /* an element right inside one of its kind is not written again */
    expect("<p><em><i>x</i></em> <b><strong><em>y</em></strong></b></p>",
           "<p><em>x</em> <strong><em>y</em></strong></p>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_blocks_and_phrases),
        cmocka_unit_test(test_loose_text),
        cmocka_unit_test(test_lists_and_tables),
        cmocka_unit_test(test_links_and_images),
        cmocka_unit_test(test_pre),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_write_failure_and_depth),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
