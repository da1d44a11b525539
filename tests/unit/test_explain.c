/* test_explain.c — the explain view (src/render/explain.c), through the
 * public API as a caller sees it: pages are extracted by pith_extract and
 * rendered with PITH_FORMAT_EXPLAIN. The assertions quote the view's HTML
 * exactly: a block is the block, with its number, element and text, and a
 * decision is the group header above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "pith.h"
#include "render/render.h"

static pith_extractor *ex;
static buf output;

static int setup(void **state)
{
    (void)state;
    return pith_extractor_new(NULL, &ex) == PITH_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pith_extractor_free(ex);
    buf_free(&output);
    return 0;
}

static int to_buffer(const char *data, size_t len, void *user)
{
    return buf_append(user, data, len);
}

static const pith_doc *extract(const char *html, size_t len)
{
    pith_input in = {.url = "https://example.com/news/a.html"};
    const pith_doc *doc = NULL;
    assert_int_equal(pith_extract(ex, html, len, &in, &doc), PITH_OK);
    return doc;
}

/* The explain page of doc, NUL-terminated in `output`. */
static const char *explain(const pith_doc *doc)
{
    buf_reset(&output);
    assert_int_equal(pith_render(doc, PITH_FORMAT_EXPLAIN, to_buffer, &output), PITH_OK);
    assert_int_equal(buf_terminate(&output), 0);
    return output.data;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("missing from the explain page:\n%s", needle);
}

static void assert_lacks(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        fail_msg("unexpected in the explain page:\n%s", needle);
}

/* A small article: a menu before it, a permalink in a heading, a share
 * bar at its end and a footer after it. */
static const char ARTICLE[] =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Test &amp; page</title></head><body>\n"
    "<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n"
    "<article class=\"post\">\n"
    "<h1>A headline</h1>\n"
    "<p>The first paragraph of the article tells the reader what happened, where it happened "
    "and why anybody should care about it at all, in a sentence or two.</p>\n"
    "<h2 id=\"s1\">Background<a class=\"permalink\" href=\"#s1\">¶</a></h2>\n"
    "<p>The second paragraph quotes the markup &lt;script&gt;alert(1)&lt;/script&gt; that a "
    "careless renderer would run, and goes on for a while so that it counts as text.</p>\n"
    "<p>The third paragraph closes the story with a few more sentences of plain prose, long "
    "enough for the scorer to believe that this is indeed the article body.</p>\n"
    "<div class=\"share\"><a href=\"https://twitter.com/share\">Share on Twitter</a></div>\n"
    "</article>\n"
    "<footer class=\"footer\"><p>Copyright 2024 Example Corp</p></footer>\n"
    "</body></html>\n";

static void test_blocks_and_decisions(void **state)
{
    (void)state;
    const char *out = explain(extract(ARTICLE, sizeof ARTICLE - 1));
    /* The menu: dropped by its name, before the article. */
    assert_contains(out, "<div class=\"g d\"><div class=\"gh\"><span class=\"badge d\">DROPPED"
                         "</span> <span class=\"r\">named like page chrome</span> <span "
                         "class=\"i\">by</span> <code>nav.menu</code>");
    assert_contains(out, "<div class=\"b\" id=\"b1\"><div class=\"m\">#1 <span class=\"i\">nav"
                         "</span> <span class=\"ld\">links 100%</span></div><div class=\"t\">"
                         "Home News</div></div>\n");
    /* The main container, framed, and its first kept block. */
    assert_contains(out, "<div class=\"main\" id=\"main\"><div class=\"lbl\">main container "
                         "<code>article.post</code> · score ");
    assert_contains(out, "<div class=\"g k\"><div class=\"gh\"><span class=\"badge k\">KEPT"
                         "</span> <span class=\"r\">the container that scored best</span> "
                         "<span class=\"i\">by</span> <code>article.post</code> <span "
                         "class=\"i\">· score</span> ");
    assert_contains(out, "<div class=\"b\" id=\"b3\"><div class=\"m\">#3 <span class=\"i\">p"
                         "</span></div><div class=\"t\">The first paragraph of the article");
    /* The permalink is a block of its own with its own rule, between
     * the kept heading text and the next paragraph. */
    assert_contains(out, "<div class=\"b\" id=\"b4\"><div class=\"m\">#4 <span class=\"i\">h2"
                         "</span></div><div class=\"t h\">Background</div></div>\n</div>\n"
                         "<div class=\"g d\"><div class=\"gh\"><span class=\"badge d\">DROPPED"
                         "</span> <span class=\"r\">a heading&#39;s permalink</span> <span "
                         "class=\"i\">by</span> <code>a.permalink</code>");
    assert_contains(out, "<div class=\"t h\">¶</div>");
    /* The share bar inside the article, the footer after it. */
    assert_contains(out, "<span class=\"r\">a share bar</span> <span class=\"i\">by</span> "
                         "<code>div.share</code>");
    assert_contains(out, "<div class=\"b\" id=\"b8\"><div class=\"m\">#8 <span class=\"i\">div"
                         "</span> <span class=\"ld\">links 100%</span></div><div class=\"t\">"
                         "Share on Twitter</div></div>\n</div>\n</div>\n");
    assert_contains(out, "<code>footer.footer</code>");
    assert_contains(out, "<div class=\"t\">Copyright 2024 Example Corp</div>");
    assert_contains(out, "<p class=\"note\">End of the page: 9 blocks.</p>");
    /* The header: 5 blocks kept (h1, p, h2 text, p, p), 4 dropped. */
    assert_contains(out, "<span class=\"stat k\"><b>5</b> blocks kept · <b>");
    assert_contains(out, "<span class=\"stat d\"><b>4</b> blocks dropped · <b>");
    assert_contains(out, "<title>pith explain: Test &amp; page</title>");
    assert_contains(out, "encoding <b>UTF-8</b> — the bytes are valid UTF-8");
    /* The page map: a bar per block, as wide as its words plus one, the
     * main container's marked "in". */
    assert_contains(out, "<div class=\"map\"><a class=\"d\" href=\"#b1\" title=\"#1 "
                         "dropped: named like page chrome\" style=\"flex-grow:3\"></a><a "
                         "class=\"k in\" href=\"#b2\" title=\"#2 kept: the container that "
                         "scored best\" style=\"flex-grow:3\"></a>");
    assert_contains(out, "<a class=\"d in\" href=\"#b8\" title=\"#8 dropped: a share bar\" "
                         "style=\"flex-grow:4\"></a><a class=\"d\" href=\"#b9\" title=\"#9 "
                         "dropped: named like page chrome\" style=\"flex-grow:5\"></a></div>");
    /* The decisions table links each rule to its first block. */
    assert_contains(out, "<td>a share bar</td><td class=\"n\">1</td><td class=\"n\">3</td><td "
                         "class=\"n\"><a href=\"#b8\">#8</a></td>");
    /* The record: the URL given, the language and where it came from. */
    assert_contains(out, "<tr><td class=\"f\">url</td><td class=\"val\">https://example.com/"
                         "news/a.html</td>");
    assert_contains(out, "<tr><td class=\"f\">language</td><td class=\"val\">en</td><td "
                         "class=\"src\">html-lang</td></tr>");
}

/* Loose text beside the chosen container joins the article as a run of
 * phrasing nodes, each carrying the run's rule: the run is one block,
 * not one per node. */
static void test_phrasing_run(void **state)
{
    (void)state;
    static const char page[] =
        "<html><body><div id=\"wrap\"><div class=\"story\"><p>The first paragraph of the "
        "article tells the reader what happened, where it happened and why anybody should care "
        "about it at all, in a sentence or two.</p><p>The second paragraph goes on for a while "
        "so that it counts as text, with a comma, another comma, and a full stop at the end."
        "</p><p>The third paragraph closes the story with a few more sentences of plain prose, "
        "long enough for the scorer to believe that this is the body.</p></div>\n"
        "Loose text beside the story, with <b>bold words</b> in it, and more loose text that "
        "goes on long enough, with commas, to join the article as a paragraph.\n"
        "</div></body></html>";
    const char *out = explain(extract(page, sizeof page - 1));
    assert_contains(out, "<span class=\"r\">a paragraph beside the best container</span> "
                         "<span class=\"i\">by text in</span> <code>div#wrap</code> <span "
                         "class=\"i\">· score</span> ");
    assert_contains(out, "<div class=\"b\" id=\"b4\"><div class=\"m\">#4 <span "
                         "class=\"i\">div</span></div><div class=\"t\">Loose text beside the "
                         "story, with bold words in it, and more loose text that goes on long "
                         "enough, with commas, to join the article as a paragraph.</div></div>\n"
                         "</div>\n");
    assert_contains(out, "<p class=\"note\">End of the page: 4 blocks.</p>");
}

static void test_escaped_and_self_contained(void **state)
{
    (void)state;
    const char *out = explain(extract(ARTICLE, sizeof ARTICLE - 1));
    assert_contains(out, "quotes the markup &lt;script&gt;alert(1)&lt;/script&gt; that");
    /* No script, nothing loaded: the only links are in-page anchors. */
    assert_lacks(out, "<script");
    assert_lacks(out, "src=");
    assert_lacks(out, "href=\"h");
    assert_lacks(out, "<link");
    assert_contains(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                         "'none'; style-src 'unsafe-inline'\">");
    assert_int_equal(strncmp(out, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33), 0);
    size_t len = strlen(out);
    assert_true(len > 16);
    assert_string_equal(out + len - 16, "</body>\n</html>\n");
}

/* Hostile text: attribute values that would break out of the markup,
 * invalid UTF-8, control characters and noncharacters. */
static void test_valid_utf8(void **state)
{
    (void)state;
    static const char page[] =
        "<html><head><title>T\x01</title></head><body><div hidden id=\"x&quot;><script>\" "
        "class=\"a'b  c\">Hidden</div><div><p>Caf\xc3\xa9 \xf0\x9f\x98\x80 and \x01\x7f and "
        "\xef\xb7\x90 and "
        "\xc2\x85 with enough words to be a paragraph of text that the extractor keeps as "
        "the article of this small page, because nothing else is here at all.</p></div>"
        "</body></html>";
    const char *out = explain(extract(page, sizeof page - 1));
    size_t len = strlen(out);
    int multi = 0;
    assert_int_equal(utf8_valid_prefix((const unsigned char *)out, len, &multi), len);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c < 0x20 && c != '\n')
            fail_msg("control byte 0x%02x at %zu", c, i);
        if (c == 0x7f)
            fail_msg("DEL at %zu", i);
    }
    /* The parser drops U+0001; U+007F, U+FDD0 and U+0085 reach the view
     * and are each shown as U+FFFD. */
    assert_contains(out, "Café 😀 and \xef\xbf\xbd and \xef\xbf\xbd and \xef\xbf\xbd with "
                         "enough words");
    assert_contains(out, "<span class=\"r\">hidden</span> <span class=\"i\">by</span> "
                         "<code>div#x&quot;&gt;&lt;script&gt;.a&#39;b.c</code>");
    assert_contains(out, "<title>pith explain: T</title>");
    assert_lacks(out, "<script");
}

static void test_deterministic(void **state)
{
    (void)state;
    const char *first = explain(extract(ARTICLE, sizeof ARTICLE - 1));
    char *copy = malloc(strlen(first) + 1);
    assert_non_null(copy);
    strcpy(copy, first);
    /* Rendered again, and after another page went through the extractor. */
    assert_string_equal(explain(extract(ARTICLE, sizeof ARTICLE - 1)), copy);
    explain(extract("<p>other</p>", 12));
    assert_string_equal(explain(extract(ARTICLE, sizeof ARTICLE - 1)), copy);
    free(copy);
}

/* A long block shows a preview and the rest in a <details>. */
static void test_long_block(void **state)
{
    (void)state;
    buf page = {0};
    assert_int_equal(buf_append_str(&page, "<html><body><article><p>"), 0);
    for (int i = 0; i < 300; i++)
        assert_int_equal(buf_append_str(&page, "word "), 0);
    assert_int_equal(buf_append_str(&page, "end.</p></article></body></html>"), 0);
    const char *out = explain(extract(page.data, page.len));
    /* 300 "word " and "end.": 1504 bytes; the preview stops at the space
     * before byte 400. */
    assert_contains(out, "<div class=\"t\"><details><summary>word word ");
    assert_contains(out, "word <span class=\"more\">… 1105 more bytes</span></summary> word");
    assert_contains(out, " word end.</details></div></div>\n");
    /* 100 "word " and "end.": 504 bytes, not much past a preview: whole. */
    buf_reset(&page);
    assert_int_equal(buf_append_str(&page, "<html><body><article><p>"), 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(buf_append_str(&page, "word "), 0);
    assert_int_equal(buf_append_str(&page, "end.</p></article></body></html>"), 0);
    out = explain(extract(page.data, page.len));
    assert_lacks(out, "<details>");
    assert_contains(out, "<div class=\"t\">word word ");
    assert_contains(out, " word end.</div></div>\n");
    buf_free(&page);
}

/* Past EXPLAIN_MAX_BLOCKS blocks the page stops and says how many more
 * there were; the counts still cover every block. */
static void test_block_cap(void **state)
{
    (void)state;
    buf page = {0};
    assert_int_equal(buf_append_str(&page, "<html><body><article>"), 0);
    for (int i = 0; i < EXPLAIN_MAX_BLOCKS + 25; i++) {
        char p[64];
        snprintf(p, sizeof p, "<p>Paragraph number %d, short.</p>", i + 1);
        assert_int_equal(buf_append_str(&page, p), 0);
    }
    assert_int_equal(buf_append_str(&page, "</article></body></html>"), 0);
    const char *out = explain(extract(page.data, page.len));
    char last[64], over[64], note[160];
    snprintf(last, sizeof last, "id=\"b%d\"", EXPLAIN_MAX_BLOCKS);
    snprintf(over, sizeof over, "id=\"b%d\"", EXPLAIN_MAX_BLOCKS + 1);
    snprintf(note, sizeof note,
             "<p class=\"note\">25 more blocks not shown: this view shows at most %d blocks",
             EXPLAIN_MAX_BLOCKS);
    assert_contains(out, last);
    assert_lacks(out, over);
    assert_contains(out, note);
    char total[64];
    snprintf(total, sizeof total, "<b>%d</b> blocks kept", EXPLAIN_MAX_BLOCKS + 25);
    assert_contains(out, total);
    buf_free(&page);
}

typedef struct {
    int calls;
    int fail_at;
} failing_sink;

static int failing_write(const char *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    failing_sink *s = user;
    return ++s->calls >= s->fail_at ? -1 : 0;
}

static void test_write_failure(void **state)
{
    (void)state;
    const pith_doc *doc = extract(ARTICLE, sizeof ARTICLE - 1);
    failing_sink s = {0, 1};
    assert_int_equal(pith_render(doc, PITH_FORMAT_EXPLAIN, failing_write, &s), PITH_ERR_WRITE);
    assert_int_equal(s.calls, 1); /* nothing is written after a failure */
}

/* Deep nesting: the walk has no recursion. */
static void test_deep_nesting(void **state)
{
    (void)state;
    buf page = {0};
    assert_int_equal(buf_append_str(&page, "<html><body>"), 0);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(buf_append_str(&page, "<div>"), 0);
    assert_int_equal(buf_append_str(&page, "Deep text at the bottom of it all."), 0);
    const char *out = explain(extract(page.data, page.len));
    assert_contains(out, "Deep text at the bottom of it all.</div></div>");
    buf_free(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks_and_decisions),
        cmocka_unit_test(test_phrasing_run),
        cmocka_unit_test(test_escaped_and_self_contained),
        cmocka_unit_test(test_valid_utf8),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_long_block),
        cmocka_unit_test(test_block_cap),
        cmocka_unit_test(test_write_failure),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
