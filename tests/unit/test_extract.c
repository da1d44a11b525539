/* test_extract.c — extraction options through the public API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pith.h"

static const char page[] =
    "<html><head><title>Tables and comments</title></head><body>"
    "<nav><a href=/>Home</a> <a href=/news>News</a></nav>"
    "<article><h1>Tables and comments</h1>"
    "<p>The council published the figures for the year on Monday, and they show a clear rise "
    "in spending on schools, roads and the library, as the table below sets out.</p>"
    "<table><tr><th>Item</th><th>Euro</th></tr><tr><td>Schools</td><td>1200</td></tr>"
    "<tr><td>Roads</td><td>800</td></tr><tr><td>Library</td><td>300</td></tr></table>"
    "<p>Critics said the rise came too late, while the mayor answered that the budget had to be "
    "balanced first, and that the next year would bring more for the schools.</p></article>"
    "<div id=comments class=comments><h2>2 comments</h2>"
    "<div class=comment><p>About time the library got something, it has been waiting for years.</p></div>"
    "<div class=comment><p>Roads first, always the roads, and the buses are still late every day.</p></div>"
    "</div><footer>Footer text</footer></body></html>";

typedef struct out {
    char data[8192];
    size_t len;
} out;

static int to_buf(const char *data, size_t len, void *user)
{
    out *o = user;
    if (o->len + len >= sizeof o->data)
        return -1;
    memcpy(o->data + o->len, data, len);
    o->len += len;
    o->data[o->len] = '\0';
    return 0;
}

static void render_with(pith_options opt, out *o)
{
    pith_extractor *ex = NULL;
    assert_int_equal(pith_extractor_new(&opt, &ex), PITH_OK);
    const pith_doc *doc = NULL;
    assert_int_equal(pith_extract(ex, page, sizeof page - 1, NULL, &doc), PITH_OK);
    o->len = 0;
    o->data[0] = '\0';
    assert_int_equal(pith_render(doc, PITH_FORMAT_TEXT, to_buf, o), PITH_OK);
    pith_extractor_free(ex);
}

static void test_default(void **state)
{
    (void)state;
    out o;
    render_with(pith_options_default(), &o);
    assert_non_null(strstr(o.data, "Schools | 1200"));
    assert_null(strstr(o.data, "About time"));
    assert_null(strstr(o.data, "Footer"));
    assert_null(strstr(o.data, "Home"));
}

static void test_no_tables(void **state)
{
    (void)state;
    pith_options opt = pith_options_default();
    opt.tables = 0;
    out o;
    render_with(opt, &o);
    assert_null(strstr(o.data, "Schools"));
    assert_non_null(strstr(o.data, "Critics said"));
}

static void test_comments(void **state)
{
    (void)state;
    pith_options opt = pith_options_default();
    opt.comments = 1;
    out o;
    render_with(opt, &o);
    assert_non_null(strstr(o.data, "About time the library"));
    assert_non_null(strstr(o.data, "Roads first"));
    assert_null(strstr(o.data, "2 comments")); /* the section's heading is not a comment */
    assert_true(strstr(o.data, "Critics said") < strstr(o.data, "About time"));
}

static void test_tradeoffs(void **state)
{
    (void)state;
    for (int t = PITH_BALANCED; t <= PITH_RECALL; t++) {
        pith_options opt = pith_options_default();
        opt.tradeoff = (pith_tradeoff)t;
        out o;
        render_with(opt, &o);
        assert_non_null(strstr(o.data, "The council published"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default),
        cmocka_unit_test(test_no_tables),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_tradeoffs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
