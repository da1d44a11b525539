/* test_render.c — the text and Markdown renderers (src/render/). Trees
 * come from small HTML snippets parsed as pith parses pages; marks are set
 * by hand: the body is kept, elements with id="drop" are dropped and with
 * id="keep" kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "parse/parse.h"
#include "render/render.h"

static parse_ctx parser;
static tree_doc doc;
static vec marks;
static buf output;

enum { TEXT = 0, MD = 1 };
enum { KEEP_BODY = 0, BODY_UNMARKED = 1 };

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
    buf_free(&output);
    return 0;
}

static int to_buffer(const char *data, size_t len, void *user)
{
    return buf_append(user, data, len);
}

static void set_marks(int body)
{
    uint32_t n = tree_node_count(&doc);
    vec_reset(&marks);
    assert_int_equal(vec_reserve(&marks, 1, n), 0);
    memset(marks.items, EXT_NONE, n);
    marks.len = n;
    uint8_t *m = marks.items;
    if (body == KEEP_BODY)
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

static void parse(const char *html)
{
    parse_limits lim = {1 << 22, 512, 1 << 20};
    assert_int_equal(
        parse_document(&parser, (const unsigned char *)html, strlen(html), NULL, &lim, &doc),
        PARSE_OK);
}

static const char *run(int format, const render_options *opt)
{
    buf_reset(&output);
    pith_status st = format == MD ? render_markdown(&doc, marks.items, opt, to_buffer, &output)
                                  : render_text(&doc, marks.items, opt, to_buffer, &output);
    assert_int_equal(st, PITH_OK);
    assert_int_equal(buf_terminate(&output), 0);
    return output.data;
}

static const render_options plain = {0, 0, 1, NULL};

/* Renders html in format with the body kept; returns the output. */
static const char *render_opt(const char *html, int format, int body, const render_options *opt)
{
    parse(html);
    set_marks(body);
    return run(format, opt);
}

#define expect(format, html, want)                                                                 \
    assert_string_equal(render_opt(html, format, KEEP_BODY, &plain), want)

/* ---- text ------------------------------------------------------------ */

static void test_paragraphs(void **state)
{
    (void)state;
    const char *html = "<h1>Title</h1><p>One  two\n three</p>\n<p>Four</p><div>Five</div>";
    expect(TEXT, html, "Title\n\nOne two three\n\nFour\n\nFive\n");
    expect(MD, html, "# Title\n\nOne two three\n\nFour\n\nFive\n");
    expect(TEXT, "<h2>A <b>b</b><br>c</h2><h3>d</h3><p>e</p>", "A b c\n\nd\n\ne\n");
    expect(MD, "<h2>A <b>b</b><br>c</h2><h3>d</h3><h6>e</h6>",
           "## A **b** c\n\n### d\n\n###### e\n");
}

static void test_whitespace(void **state)
{
    (void)state;
    /* tabs, newlines, NBSP and the Unicode spaces collapse; nothing leads
     * or trails; invisible characters that are not spaces stay */
    expect(TEXT, "<p>  \t a\t\tb&nbsp;&nbsp;c\n\n d&#x2003;e&#x3000;f  </p>  ", "a b c d e f\n");
    expect(TEXT, "<p>Bundes&shy;regierung zero&#x200b;width</p>",
           "Bundes\xC2\xADregierung zero\xE2\x80\x8Bwidth\n");
    expect(TEXT, "<p>   </p><div> \n </div>", "");
    expect(TEXT, "<p>\xE2\x80\x9CQuoted\xE2\x80\x9D \xC2\xA9 caf\xC3\xA9 \xF0\x9F\x98\x80</p>",
           "\xE2\x80\x9CQuoted\xE2\x80\x9D \xC2\xA9 caf\xC3\xA9 \xF0\x9F\x98\x80\n");
}

static void test_inline_block_boundaries(void **state)
{
    (void)state;
    expect(TEXT, "<div>foo</div><div>bar</div>", "foo\n\nbar\n");
    expect(TEXT, "<p><span>foo</span><span>bar</span> <a href=x>baz</a><em>qux</em></p>",
           "foobar bazqux\n");
    expect(TEXT, "<div>a<div>b<div>c</div>d</div>e</div>", "a\n\nb\n\nc\n\nd\n\ne\n");
    expect(TEXT, "<section><article><div><p>deep</p></div></article></section>", "deep\n");
}

static void test_br(void **state)
{
    (void)state;
    const char *html = "<p>a<br>b<br> <br>c<br></p><p><br>d<br><br><br>e</p>";
    expect(TEXT, html, "a\nb\n\nc\n\nd\n\ne\n");
    expect(MD, html, "a\\\nb\n\nc\n\nd\n\ne\n");
}

static void test_lists(void **state)
{
    (void)state;
    const char *html = "<ul><li>one</li><li>two<ol start=3><li>three</li><li>four<ul><li>five"
                       "</li></ul></li></ol></li><li><p>six</p><p>seven</p></li><li></li></ul>"
                       "<p>after</p><ol><li>a<li value=10>b<li>c</ol>";
    expect(TEXT, html,
           "- one\n- two\n  3. three\n  4. four\n    - five\n- six\n\n  seven\n\nafter\n\n"
           "1. a\n10. b\n11. c\n");
    /* CommonMark: nested items indented to the content column; an
     * ordered list not starting at 1 cannot interrupt a paragraph */
    expect(MD, html,
           "- one\n- two\n\n  3. three\n  4. four\n     - five\n- six\n\n  seven\n\nafter\n\n"
           "1. a\n10. b\n11. c\n");
    /* an item whose first content is a list */
    expect(MD, "<ul><li><ul><li>x</li></ul></li></ul>", "- - x\n");
    /* an empty item vanishes, and so does its number */
    expect(TEXT, "<ol><li>a</li><li> </li><li>b</li></ol>", "1. a\n2. b\n");
    /* CommonMark would join adjacent lists: the other bullet keeps them
     * apart; text output has no such problem */
    const char *adjacent = "<ul><li>a</ul><ul><li>b</ul><ul><li>c</ul><ol><li>d</ol><ol><li>e</ol>";
    expect(MD, adjacent, "- a\n\n* b\n\n- c\n\n1. d\n\n1) e\n");
    expect(TEXT, adjacent, "- a\n\n- b\n\n- c\n\n1. d\n\n1. e\n");
}

static void test_blockquote_with_list(void **state)
{
    (void)state;
    const char *html = "<p>Before</p><blockquote><p>Quote</p><ul><li>a</li><li>b</li></ul>"
                       "<blockquote>inner</blockquote></blockquote><p>After</p>";
    expect(MD, html, "Before\n\n> Quote\n>\n> - a\n> - b\n>\n> > inner\n\nAfter\n");
    expect(TEXT, html, "Before\n\nQuote\n\n- a\n- b\n\ninner\n\nAfter\n");
    expect(MD, "<ul><li>item<blockquote>q1<br>q2</blockquote></li></ul>",
           "- item\n\n  > q1\\\n  > q2\n");
}

static const char *const table_html =
    "<table><caption>Prices</caption><thead><tr><th>Item</th><th>Cost | EUR</th></tr></thead>"
    "<tbody><tr><td>Tea</td><td>2</td></tr><tr><td></td><td><b>3</b></td></tr>"
    "<tr><td colspan=2>both</td></tr></tbody></table><p>After</p>";

static void test_table_text(void **state)
{
    (void)state;
    /* empty cells leave no trace in text */
    expect(TEXT, table_html, "Prices\n\nItem | Cost | EUR\nTea | 2\n3\nboth\n\nAfter\n");
}

static void test_table_markdown(void **state)
{
    (void)state;
    expect(MD, table_html,
           "Prices\n\n| Item | Cost \\| EUR |\n| --- | --- |\n| Tea | 2 |\n|  | **3** |\n"
           "| both |  |\n\nAfter\n");
    /* no <th>: the first row is the header; rowspan keeps columns */
    expect(MD,
           "<table><tr><td rowspan=2>a</td><td>b</td><td>c</td></tr><tr><td>d</td><td>e</td>"
           "</tr><tr><td>f<br>g</td></tr></table>",
           "| a | b | c |\n| --- | --- | --- |\n|  | d | e |\n| f g |  |  |\n");
}

static void test_layout_table(void **state)
{
    (void)state;
    /* a table holding the page is laid out as blocks, not one line */
    const char *html = "<table><tr><td><h1>Title</h1><p>One</p><p>Two</p></td></tr>"
                       "<tr><td>Three</td></tr></table>";
    expect(TEXT, html, "Title\n\nOne\n\nTwo\n\nThree\n");
    expect(MD, html, "# Title\n\nOne\n\nTwo\n\nThree\n");
    /* tables off: skipped */
    assert_string_equal(render_opt("<p>a</p><table><tr><td>x</td><td>y</td></tr></table><p>b</p>",
                                   TEXT, KEEP_BODY, &(render_options){0, 0, 0, NULL}),
                        "a\n\nb\n");
}

static void test_pre(void **state)
{
    (void)state;
    const char *html = "<p>Code:</p><pre class=\"language-js\">\n  let a = `x`;\n\n"
                       "  f(a);   \n\n</pre><p>after</p>";
    expect(TEXT, html, "Code:\n\n  let a = `x`;\n\n  f(a);\n\nafter\n");
    expect(MD, html, "Code:\n\n```js\n  let a = `x`;\n\n  f(a);\n```\n\nafter\n");
    /* a fence longer than the backtick runs inside; language from <code> */
    expect(MD, "<pre><code class=\"lang-c++\">```\nx</code></pre>", "````c++\n```\nx\n````\n");
    /* inside a quote, every line carries the prefix */
    expect(MD, "<blockquote><pre>a\n\n b</pre></blockquote>", "> ```\n> a\n>\n>  b\n> ```\n");
    /* markup inside <pre> is text */
    expect(MD, "<pre><b>*x*</b> <a href=y>[z]</a><br>w</pre>", "```\n*x* [z]\nw\n```\n");
    expect(MD, "<pre> \n </pre><p>x</p>", "x\n");
}

static void test_markdown_inline(void **state)
{
    (void)state;
    expect(
        MD,
        "<p>a <b>bold </b>and<i> it</i> <strong><b>x</b></strong> <em><strong>y</strong></em></p>",
        "a **bold** and *it* **x** ***y***\n");
    expect(MD, "<p><b> </b>x<em></em></p>", "x\n");
    /* adjacent elements of one kind make one construct: "**B****old**"
     * would not parse */
    expect(MD, "<p><b>B</b><b>old</b> <b><i>x</i></b><b><i>y</i></b> <i>a</i> <i>b</i></p>",
           "**Bold** ***xy*** *a* *b*\n");
    /* emphasis cannot span paragraphs: closed and reopened */
    expect(MD, "<b><div>one</div><div>two</div></b>", "**one**\n\n**two**\n");
    expect(MD, "<p>use <code>a*b</code> or <code>x`y</code></p>", "use `a*b` or `` x`y ``\n");
    expect(MD, "<p>x</p><hr><p>y</p><hr>", "x\n\n---\n\ny\n");
}

static void test_drop_inside_keep(void **state)
{
    (void)state;
    const char *html = "<div>keep <span id=drop>not this</span>this<div id=drop>gone<p id=keep>"
                       "back</p></div>more</div><script>var x;</script>"
                       "<style>p{}</style><noscript id=drop>ns</noscript><form><input value=v>"
                       "<button>b</button><select><option>o</select></form><p>tail</p>";
    expect(TEXT, html, "keep this\n\nback\n\nmore\n\ntail\n");
    /* <noscript> follows its marks: extraction keeps it on pages built by
     * scripts, where it holds the text */
    expect(TEXT, "<p>a</p><noscript><p>b</p></noscript><script>c</script>", "a\n\nb\n");
}

static void test_keep_inside_unmarked(void **state)
{
    (void)state;
    const char *html = "<div>no<div id=keep>kept <b>x</b></div>no<p>a <span id=keep>s1</span>"
                       "</p><p><span id=keep>s2</span></p></div>";
    assert_string_equal(render_opt(html, MD, BODY_UNMARKED, &plain), "kept **x**\n\ns1\n\ns2\n");
    /* nothing kept: nothing written, not even a newline */
    assert_string_equal(render_opt("<p>x</p>", TEXT, BODY_UNMARKED, &plain), "");
    /* no marks at all: the whole document, its head never */
    parse("<title>T</title><p>a</p><p>b</p>");
    buf_reset(&output);
    assert_int_equal(render_text(&doc, NULL, &plain, to_buffer, &output), PITH_OK);
    assert_int_equal(buf_terminate(&output), 0);
    assert_string_equal(output.data, "a\n\nb\n");
}

static void test_links_and_images(void **state)
{
    (void)state;
    const char *html =
        "<p>See <a href=\" ../c/d.html?x=1#f \">the <em>docs</em></a>, <a href=\"javascript:go()\">"
        "js</a>, <a href=\"/p (1)\">p</a>.</p><p><img src=\"data:image/gif;base64,R0l\" "
        "data-src=\"/img/a b.png\" alt=\"A [pic]\"><img src=\"x.png\"> "
        "<img src=\"/img/placeholder.gif\"> <a href=\"http://x.org/\"><img src=\"i.png\" "
        "alt=\"i\"></a></p>";
    render_options both = {1, 1, 1, "http://ex.com/a/b.html"};
    assert_string_equal(
        render_opt(html, MD, KEEP_BODY, &both),
        "See [the *docs*](http://ex.com/c/d.html?x=1#f), js, [p](http://ex.com/p%20%281%29).\n\n"
        "![A \\[pic\\]](http://ex.com/img/a%20b.png)![](http://ex.com/a/x.png) "
        "[![i](http://ex.com/a/i.png)](http://x.org/)\n");
    /* off: text only, no images */
    assert_string_equal(render_opt(html, MD, KEEP_BODY, &plain), "See the *docs*, js, p.\n");
    assert_string_equal(render_opt(html, TEXT, KEEP_BODY, &both), "See the docs, js, p.\n");
    /* no base: references stay relative; <base href> wins over the page URL */
    render_options nobase = {1, 0, 1, NULL};
    assert_string_equal(render_opt("<a href=\"a/b\">x</a>", MD, KEEP_BODY, &nobase), "[x](a/b)\n");
    assert_string_equal(
        render_opt("<head><base href=\"/root/\"></head><a href=\"a\">x</a>", MD, KEEP_BODY, &both),
        "[x](http://ex.com/root/a)\n");
}

static void test_escaping(void **state)
{
    (void)state;
    expect(MD,
           "<p>1. no list</p><p># no heading</p><p>- no</p><p>+ no</p><p>* no</p><p>&gt; no</p>"
           "<p>---</p><p>==</p><p>2) no</p><p>~~~ no</p><p>[x]: /u</p>",
           "1\\. no list\n\n\\# no heading\n\n\\- no\n\n\\+ no\n\n\\* no\n\n\\> no\n\n\\---\n\n"
           "\\==\n\n2\\) no\n\n\\~~~ no\n\n\\[x\\]: /u\n");
    /* ordinary punctuation stays as it is */
    expect(MD,
           "<p>1986. A year, -5 degrees, #tag, a * b, snake_case, a_b, [note], 5 &lt; 6, AT&amp;T, "
           "C:\\dir, 100%!</p>",
           "1986\\. A year, -5 degrees, #tag, a * b, snake_case, a_b, [note], 5 < 6, AT&T, "
           "C:\\dir, 100%!\n");
    expect(MD, "<p>*a* _b_ __init__ `c` [d](e) &lt;div&gt; &amp;amp; x\\*</p>",
           "\\*a\\* \\_b\\_ \\_\\_init\\_\\_ \\`c\\` [d\\](e) \\<div> \\&amp; x\\\\\\*\n");
    /* what comes before a run is the output's last byte; what comes after
     * it, when another text node, is unknown and taken for the worst */
    expect(MD, "<p><em>a</em>* b<span>_c</span> d<span>_</span> x<span>&lt;</span>/b</p>",
           "*a*\\* b_c d\\_ x\\</b\n");
    /* "!" before a link's "[" would make an image */
    assert_string_equal(render_opt("<p>Go!<a href=\"u\">here</a> now! <a href=\"v\">x</a></p>", MD,
                                   KEEP_BODY, &(render_options){1, 0, 1, NULL}),
                        "Go\\![here](u) now! [x](v)\n");
    /* after a list marker, a line start again; inside a heading, not */
    expect(MD, "<ul><li>1. x</li></ul><h2>1. Intro #</h2>", "- 1\\. x\n\n## 1. Intro \\#\n");
    /* text output escapes nothing */
    expect(TEXT, "<p>*a* # [b](c)</p>", "*a* # [b](c)\n");
}

/* ---- robustness ------------------------------------------------------ */

/* Builds body > (blockquote > ul > li > div > b > a)* depth times with a
 * word at each level, in the tree directly (the parser flattens at its
 * depth limit, which is the point of this test not to rely on). */
static void build_deep(size_t depth)
{
    assert_int_equal(tree_doc_reset(&doc), 0);
    node_id html = tree_append_element(&doc, 0, TAG_HTML, NULL, 0, 0);
    node_id p = tree_append_element(&doc, html, TAG_BODY, NULL, 0, 0);
    static const unsigned cycle[] = {TAG_BLOCKQUOTE, TAG_UL, TAG_LI, TAG_DIV, TAG_B, TAG_A};
    tree_attr_in href = {"href", 4, "x", 1};
    for (size_t i = 0; i < depth; i++) {
        unsigned tag = cycle[i % 6];
        p = tree_append_element(&doc, p, tag, tag == TAG_A ? &href : NULL, tag == TAG_A, 64);
        assert_true(p != 0);
        assert_true(tree_append_text(&doc, p, "w ", 2) != 0);
    }
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count_sink(const char *data, size_t len, void *user)
{
    (void)data;
    *(size_t *)user += len;
    return 0;
}

static double time_deep(size_t depth, int format, size_t *bytes)
{
    build_deep(depth);
    set_marks(KEEP_BODY);
    render_options o = {1, 1, 1, "http://h/"};
    double best = 1e9;
    for (int rep = 0; rep < 5; rep++) {
        *bytes = 0;
        double t = seconds();
        pith_status st = format == MD ? render_markdown(&doc, marks.items, &o, count_sink, bytes)
                                      : render_text(&doc, marks.items, &o, count_sink, bytes);
        t = seconds() - t;
        assert_int_equal(st, PITH_OK);
        if (t < best)
            best = t;
    }
    return best;
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* The renderer walks with explicit stacks: 400k levels must neither
     * overflow the C stack nor grow the output or the time quadratically
     * (line prefixes are capped, LAY_MAX_LEVELS). */
    for (int format = TEXT; format <= MD; format++) {
        size_t bytes1, bytes8;
        double t1 = time_deep(50000, format, &bytes1);
        double t8 = time_deep(400000, format, &bytes8);
        assert_true(bytes1 > 50000 && bytes8 < bytes1 * 9);
        /* linear: 8 times the depth, about 8 times the time; quadratic
         * would be 64 (a generous bound against a busy machine, and a
         * floor for timer noise) */
        if (t8 > 0.02)
            assert_true(t8 < t1 * 24);
    }
    /* the start of the Markdown output, exactly */
    build_deep(12);
    set_marks(KEEP_BODY);
    render_options o = {1, 0, 1, NULL};
    /* text right in a <ul> is a paragraph; emphasis and links reopen
     * inside the quote their text continues in; nested ones add nothing */
    assert_string_equal(run(MD, &o), "> w\n>\n> w\n> - w\n>\n>   w **w [w](x)**\n>\n"
                                     ">   > **[w](x)**\n>   >\n>   > **[w](x)**\n"
                                     ">   > - **[w](x)**\n>   >\n>   >   **[w w w](x)**\n");
}

static int fail_after(const char *data, size_t len, void *user)
{
    (void)data;
    size_t *calls = user;
    if (len > ((size_t)64 << 10))
        return -2; /* chunks are at most 64 KiB */
    return ++*calls >= 3 ? -1 : 0;
}

static void test_write_failure(void **state)
{
    (void)state;
    /* a page long enough for several chunks */
    buf big = {0};
    assert_int_equal(buf_append_str(&big, "<body>"), 0);
    for (int i = 0; i < 20000; i++)
        assert_int_equal(buf_append_str(&big, "<p>Some words in a paragraph.</p>"), 0);
    assert_int_equal(buf_terminate(&big), 0);
    parse(big.data);
    set_marks(KEEP_BODY);
    buf_free(&big);
    size_t calls = 0;
    assert_int_equal(render_text(&doc, marks.items, &plain, fail_after, &calls), PITH_ERR_WRITE);
    assert_int_equal(calls, 3); /* nothing written after the failure */
    calls = 0;
    assert_int_equal(render_markdown(&doc, marks.items, &plain, fail_after, &calls),
                     PITH_ERR_WRITE);
    assert_int_equal(calls, 3);
    /* and it all comes out, identical across runs, when writes succeed */
    const char *a = run(TEXT, &plain);
    size_t len = strlen(a);
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, a, len + 1);
    assert_int_equal(len, 20000 * 28 - 1);
    assert_string_equal(run(TEXT, &plain), copy);
    free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_whitespace),
        cmocka_unit_test(test_inline_block_boundaries),
        cmocka_unit_test(test_br),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_blockquote_with_list),
        cmocka_unit_test(test_table_text),
        cmocka_unit_test(test_table_markdown),
        cmocka_unit_test(test_layout_table),
        cmocka_unit_test(test_pre),
        cmocka_unit_test(test_markdown_inline),
        cmocka_unit_test(test_drop_inside_keep),
        cmocka_unit_test(test_keep_inside_unmarked),
        cmocka_unit_test(test_links_and_images),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_write_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
