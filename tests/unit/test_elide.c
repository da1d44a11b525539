/* test_elide.c — cutting script and style contents before parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "parse/parse.h"

static void check(const char *in, const char *want)
{
    char text[512];
    size_t len = strlen(in);
    assert_true(len < sizeof text);
    memcpy(text, in, len);
    size_t out = parse_elide_raw_text(text, len);
    text[out] = 0;
    assert_string_equal(text, want);
}

static void test_scripts_and_styles(void **state)
{
    (void)state;
    check("<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>",
          "<p>a</p><script></script><p>b</p>");
    check("<style type=\"text/css\">p > a { color: red }</style>x",
          "<style type=\"text/css\"></style>x");
    check("<SCRIPT>x</SCRIPT>y", "<SCRIPT></SCRIPT>y");
    /* libxml2 ends raw text at "</" and the name, whatever follows. */
    check("<script>a</scripts>b</script>", "<script></scripts>b</script>");
}

static void test_kept(void **state)
{
    (void)state;
    /* Structured data stays for the record. */
    check("<script type=\"application/ld+json\">{\"a\":1}</script>",
          "<script type=\"application/ld+json\">{\"a\":1}</script>");
    /* libxml2 closes <script/> at once: what follows is markup. */
    check("<script src=x /><p>text</p>", "<script src=x /><p>text</p>");
    /* Not script elements. */
    check("<scripting>a</scripting>", "<scripting>a</scripting>");
    check("<!-- <script> -->text<p>more</p>", "<!-- <script> -->text<p>more</p>");
    check("<div title=\"<script>\">text</div>", "<div title=\"<script>\">text</div>");
    check("<div title='a > b'><script>x</script></div>", "<div title='a > b'><script></script></div>");
    check("a < b and <3", "a < b and <3");
}

static void test_attribute_cap(void **state)
{
    (void)state;
    /* 1030 attributes: the last six are cut (libxml2 is quadratic in them). */
    static char in[16384], want[16384];
    size_t n = 0, m = 0;
    n += (size_t)sprintf(in + n, "<div");
    m += (size_t)sprintf(want + m, "<div");
    for (int i = 0; i < 1030; i++) {
        n += (size_t)sprintf(in + n, " a%d=\"v\"", i);
        if (i < 1024)
            m += (size_t)sprintf(want + m, " a%d=\"v\"", i);
    }
    sprintf(in + n, ">text</div>");
    sprintf(want + m, " >text</div>");
    size_t len = strlen(in);
    size_t out = parse_elide_raw_text(in, len);
    in[out] = 0;
    assert_string_equal(in, want);
}

static void test_unterminated(void **state)
{
    (void)state;
    check("<p>a</p><script>never closed", "<p>a</p><script>");
    check("<p>a</p><script src=\"x", "<p>a</p><script src=\"x");
    check("<!-- open comment <script>x</script>", "<!-- open comment <script>x</script>");
    check("", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scripts_and_styles),
        cmocka_unit_test(test_kept),
        cmocka_unit_test(test_attribute_cap),
        cmocka_unit_test(test_unterminated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
