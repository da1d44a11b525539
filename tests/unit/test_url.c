/* test_url.c — RFC 3986 reference resolution (src/core/url.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/url.h"

static void check(const char *base, const char *ref, const char *want)
{
    buf out = {0};
    assert_int_equal(url_resolve(base, base ? strlen(base) : 0, ref, strlen(ref), &out), 0);
    assert_int_equal(buf_terminate(&out), 0);
    if (strcmp(out.data, want))
        fail_msg("resolve(\"%s\", \"%s\") = \"%s\", want \"%s\"", base ? base : "(null)", ref,
                 out.data, want);
    buf_free(&out);
}

#define BASE "http://a/b/c/d;p?q"

/* RFC 3986 § 5.4.1 */
static void test_normal_examples(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"},
        {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"},
        {"g;x?y#s", "http://a/b/c/g;x?y#s"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../", "http://a/"},
        {"../../g", "http://a/g"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check(BASE, cases[i][0], cases[i][1]);
}

/* RFC 3986 § 5.4.2, with the strict parser's "http:g". */
static void test_abnormal_examples(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"../../../g", "http://a/g"},
        {"../../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
        {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},
        {"g?y/../x", "http://a/b/c/g?y/../x"},
        {"g#s/./x", "http://a/b/c/g#s/./x"},
        {"g#s/../x", "http://a/b/c/g#s/../x"},
        {"http:g", "http:g"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check(BASE, cases[i][0], cases[i][1]);
}

static void test_page_urls(void **state)
{
    (void)state;
    /* A base with an authority and no path merges under "/" (§ 5.2.3). */
    check("https://example.com", "img/a.png", "https://example.com/img/a.png");
    check("https://example.com?x", "?y", "https://example.com?y");
    check("https://example.com/a/b.html", "//cdn.example.net/x.js", "https://cdn.example.net/x.js");
    check("https://example.com/a/b.html", "HTTPS://Other.org/", "HTTPS://Other.org/");
    check("https://example.com/a/b.html", "mailto:x@y.z", "mailto:x@y.z");
    check("https://example.com/a/b.html?q#f", "#top", "https://example.com/a/b.html?q#top");
    check("https://example.com/a/b.html", "?", "https://example.com/a/b.html?");
    check("https://example.com/a/b/", "../../../../x", "https://example.com/x");
    check("https://example.com/a/b.html", "caf\xC3\xA9 2.png",
          "https://example.com/a/caf\xC3\xA9 2.png");
    /* "1x:" is no scheme (§ 3.1): a relative path */
    check("https://example.com/a/", "1x:y", "https://example.com/a/1x:y");
}

static void test_no_base(void **state)
{
    (void)state;
    /* Nothing to resolve against: the reference stays as it is. */
    check(NULL, "../a/b", "../a/b");
    check("", "/a", "/a");
    check("/relative/base", "x", "x");
    check("not a url", "x", "x");
}

static void test_long_dot_paths_are_linear(void **state)
{
    (void)state;
    /* 200k "a/../" segments collapse to nothing: each is pushed and popped
     * once, never rescanned. */
    size_t reps = 200000;
    buf ref = {0}, out = {0};
    for (size_t i = 0; i < reps; i++)
        assert_int_equal(buf_append(&ref, "a/../", 5), 0);
    assert_int_equal(buf_append(&ref, "z", 1), 0);
    assert_int_equal(url_resolve("http://h/p/q", 12, ref.data, ref.len, &out), 0);
    assert_int_equal(buf_terminate(&out), 0);
    assert_string_equal(out.data, "http://h/p/z");
    buf_free(&ref);
    buf_free(&out);
}

static void test_scheme_len(void **state)
{
    (void)state;
    assert_int_equal(url_scheme_len("http://x", 8), 4);
    assert_int_equal(url_scheme_len("svn+ssh:x", 9), 7);
    assert_int_equal(url_scheme_len("JavaScript:alert(1)", 19), 10);
    assert_int_equal(url_scheme_len("/a:b", 4), 0);
    assert_int_equal(url_scheme_len("1a:b", 4), 0);
    assert_int_equal(url_scheme_len("a b:c", 5), 0);
    assert_int_equal(url_scheme_len("abc", 3), 0);
    assert_int_equal(url_scheme_len("", 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal_examples),
        cmocka_unit_test(test_abnormal_examples),
        cmocka_unit_test(test_page_urls),
        cmocka_unit_test(test_no_base),
        cmocka_unit_test(test_long_dot_paths_are_linear),
        cmocka_unit_test(test_scheme_len),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
