/* test_render_json.c — the JSON record (src/render/json.c): keys, types
 * and order pinned, text and markdown as their renderers write them,
 * comment sections apart. Trees come from small HTML snippets; marks by
 * hand: the body kept, id="comments" a comment section (--comments). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
    uint8_t *m = marks.items, *r = rules.items;
    for (node_id i = 1; i < n; i++) {
        size_t len;
        const char *id = tree_attr_get(&doc, i, ATTR_ID, &len);
        if (id && len == 7 && !memcmp(id, "article", 7)) {
            m[i] = EXT_KEEP;
            r[i] = ER_BEST_CANDIDATE;
        } else if (id && len == 8 && !memcmp(id, "comments", 8)) {
            m[i] = EXT_KEEP;
            r[i] = ER_COMMENTS;
        } else if (id && len == 4 && !memcmp(id, "drop", 4)) {
            m[i] = EXT_DROP;
        }
    }
}

static render_doc make_doc(const char *html, const meta_record *rec)
{
    parse_and_mark(html);
    render_doc rd = {&doc, marks.items, rules.items, NULL, rec, {0, 0, 1, NULL}};
    return rd;
}

static const char *render(const char *html, const meta_record *rec)
{
    render_doc rd = make_doc(html, rec);
    buf_reset(&output);
    assert_int_equal(render_json(&rd, to_buffer, &output), PITH_OK);
    assert_int_equal(buf_terminate(&output), 0);
    return output.data;
}

static void test_empty_record(void **state)
{
    (void)state;
    meta_record rec;
    memset(&rec, 0, sizeof rec);
    /* every key, in order, with its type: null, [], numbers */
    assert_string_equal(
        render("<div id=article><h2>Hi</h2><p>there</p></div><p>chrome</p>", &rec),
        "{\"schema_version\":1,\"url\":null,\"canonical_url\":null,\"title\":null,"
        "\"kicker\":null,\"subtitle\":null,\"description\":null,\"authors\":[],"
        "\"date_published\":null,\"date_modified\":null,\"site_name\":null,\"language\":null,"
        "\"image\":null,\"figures\":[],\"categories\":[],\"tags\":[],\"license\":null,"
        "\"word_count\":0,\"reading_time_minutes\":0,\"is_article\":0,\"comments\":null,"
        "\"encoding\":{\"name\":null,\"source\":null},\"sources\":{},"
        "\"text\":\"Hi\\n\\nthere\\n\",\"markdown\":\"## Hi\\n\\nthere\\n\"}\n");
}

static void test_full_record(void **state)
{
    (void)state;
    static const char *const authors[] = {"Ana \"Ani\" Ruiz", "Bo\nLee"};
    static const char *const tags[] = {"a\\b"};
    static const pith_image figures[] = {{"https://x/f.jpg", "Alt", "Cap", NULL}};
    meta_record rec;
    memset(&rec, 0, sizeof rec);
    pith_record *r = &rec.pub;
    r->url = "https://x/a";
    r->title = "T\xff"
               "1"; /* an invalid byte: U+FFFD */
    r->authors = authors;
    r->author_count = 2;
    r->tags = tags;
    r->tag_count = 1;
    r->image = (pith_image){"https://x/i.jpg", "ignored alt", "Cap", "Reuters"};
    r->figures = figures;
    r->figure_count = 1;
    r->language = "de";
    r->word_count = 1234;
    r->reading_time_minutes = 2;
    r->is_article = 0.7f; /* a float's noise is not printed */
    r->encoding = "windows-1252";
    r->encoding_source = "meta-prescan";
    rec.sources[MF_TITLE] = META_SRC_JSON_LD;
    rec.sources[MF_LANGUAGE] = META_SRC_HTML_LANG;
    rec.sources[MF_WORD_COUNT] = META_SRC_EXTRACTION;
    assert_string_equal(
        render("<p id=article>x</p>", &rec),
        "{\"schema_version\":1,\"url\":\"https://x/a\",\"canonical_url\":null,"
        "\"title\":\"T\xEF\xBF\xBD"
        "1\",\"kicker\":null,\"subtitle\":null,\"description\":null,"
        "\"authors\":[\"Ana \\\"Ani\\\" Ruiz\",\"Bo\\nLee\"],\"date_published\":null,"
        "\"date_modified\":null,\"site_name\":null,\"language\":\"de\","
        "\"image\":{\"url\":\"https://x/i.jpg\",\"caption\":\"Cap\",\"credit\":\"Reuters\"},"
        "\"figures\":[{\"src\":\"https://x/f.jpg\",\"alt\":\"Alt\",\"caption\":\"Cap\","
        "\"credit\":null}],\"categories\":[],\"tags\":[\"a\\\\b\"],\"license\":null,"
        "\"word_count\":1234,\"reading_time_minutes\":2,\"is_article\":0.7,\"comments\":null,"
        "\"encoding\":{\"name\":\"windows-1252\",\"source\":\"meta-prescan\"},"
        "\"sources\":{\"title\":\"json-ld\",\"language\":\"html-lang\","
        "\"word_count\":\"extraction\"},\"text\":\"x\\n\",\"markdown\":\"x\\n\"}\n");
}

/* With --comments, the sections go to "comments", out of the article. */
static void test_comments(void **state)
{
    (void)state;
    meta_record rec;
    memset(&rec, 0, sizeof rec);
    const char *out = render("<div id=article><p>Story.</p></div><aside>ad</aside>"
                             "<div id=comments><p>First!</p><form id=drop>Reply</form>"
                             "<p>Second <b>one</b>.</p></div>",
                             &rec);
    assert_non_null(strstr(out, "\"comments\":\"First!\\n\\nSecond one.\\n\","));
    assert_non_null(strstr(out, "\"text\":\"Story.\\n\",\"markdown\":\"Story.\\n\"}\n"));
    /* the marks given are read, not changed */
    render_doc rd = make_doc("<p id=article>a</p><p id=comments>b</p>", &rec);
    uint8_t *before = malloc(marks.len);
    assert_non_null(before);
    memcpy(before, marks.items, marks.len);
    buf_reset(&output);
    assert_int_equal(render_json(&rd, to_buffer, &output), PITH_OK);
    assert_memory_equal(before, marks.items, marks.len);
    free(before);
    assert_int_equal(buf_terminate(&output), 0);
    assert_non_null(strstr(output.data, "\"comments\":\"b\\n\","));
    assert_non_null(strstr(output.data, "\"text\":\"a\\n\",\"markdown\":\"a\\n\"}\n"));
}

typedef struct sink {
    buf all;
    int calls_left; /* refuse once it reaches 0; -1: never */
} sink;

static int limited(const char *data, size_t len, void *user)
{
    sink *s = user;
    if (s->calls_left == 0)
        return 1;
    if (s->calls_left > 0)
        s->calls_left--;
    return buf_append(&s->all, data, len);
}

/* A long article goes out in chunks; a refusing sink stops the render. */
static void test_long_and_refused(void **state)
{
    (void)state;
    meta_record rec;
    memset(&rec, 0, sizeof rec);
    buf page = {0};
    assert_int_equal(buf_append_str(&page, "<div id=article>"), 0);
    for (int i = 0; i < 20000; i++)
        assert_int_equal(buf_append_str(&page, "<p>Paragraph with \"quotes\" and words.</p>"), 0);
    assert_int_equal(buf_append_str(&page, "</div>"), 0);
    assert_int_equal(buf_terminate(&page), 0);
    render_doc rd = make_doc(page.data, &rec);
    sink s = {.calls_left = -1};
    assert_int_equal(render_json(&rd, limited, &s), PITH_OK);
    assert_true(s.all.len > 1000000);
    assert_int_equal(memchr(s.all.data, '\n', s.all.len), s.all.data + s.all.len - 1);
    sink refusing = {.calls_left = 3};
    assert_int_equal(render_json(&rd, limited, &refusing), PITH_ERR_WRITE);
    assert_true(refusing.all.len < s.all.len);
    buf_free(&s.all);
    buf_free(&refusing.all);
    buf_free(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_record),
        cmocka_unit_test(test_full_record),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_long_and_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
