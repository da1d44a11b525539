/* test_fetch.c — what pith_fetch decides without the network
 * (src/input/fetch.c): option defaults and ranges, refused schemes,
 * Content-Type parsing, type classes and HTML sniffing. The transfers
 * themselves are tests/fetch/run's, against a local server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "input/fetch.h"

static void test_option_defaults(void **state)
{
    (void)state;
    pith_fetch_options o = pith_fetch_options_default();
    assert_int_equal(o.connect_timeout_ms, 10000);
    assert_int_equal(o.total_timeout_ms, 30000);
    assert_int_equal(o.max_body_bytes, 16 << 20);
    assert_int_equal(o.max_redirects, 5);
}

/* Each refusal comes before any network use: these URLs point at a port
 * where nothing listens, so a connection attempt would fail otherwise. */
static void expect_invalid(const char *url, const pith_fetch_options *o, const char *error)
{
    pith_fetched f;
    memset(&f, 0xAB, sizeof f); /* pith_fetch must not read what was there */
    assert_int_equal(pith_fetch(url, o, &f), PITH_ERR_INVALID);
    assert_string_equal(f.error, error);
    assert_null(f.body);
    assert_null(f.final_url);
    assert_int_equal(f.http_status, 0);
    pith_fetched_free(&f);
}

static void test_schemes_refused(void **state)
{
    (void)state;
    expect_invalid("file:///etc/passwd", NULL,
                   "unsupported URL scheme 'file': only http and https are fetched");
    expect_invalid("FTP://127.0.0.1:9/x", NULL,
                   "unsupported URL scheme 'FTP': only http and https are fetched");
    expect_invalid("httpx://127.0.0.1:9/", NULL,
                   "unsupported URL scheme 'httpx': only http and https are fetched");
    expect_invalid("127.0.0.1:9/", NULL, "not a URL: it should start with http:// or https://");
    expect_invalid("localhost:9/", NULL,
                   "unsupported URL scheme 'localhost': only http and https are fetched");
    expect_invalid("//127.0.0.1:9/", NULL, "not a URL: it should start with http:// or https://");
    expect_invalid("", NULL, "not a URL: it should start with http:// or https://");
    expect_invalid(NULL, NULL, "not a URL: it should start with http:// or https://");
}

static void test_schemes_accepted(void **state)
{
    (void)state;
    char error[256] = "";
    assert_int_equal(fetch_check_scheme("http://a/", error, sizeof error), PITH_OK);
    assert_int_equal(fetch_check_scheme("HTTPS://a/", error, sizeof error), PITH_OK);
    assert_int_equal(fetch_check_scheme("Http:a", error, sizeof error), PITH_OK);
    assert_string_equal(error, "");
}

static void test_options_out_of_range(void **state)
{
    (void)state;
    pith_fetch_options zero;
    memset(&zero, 0, sizeof zero);
    expect_invalid("http://127.0.0.1:9/", &zero, "fetch option connect_timeout_ms is out of range");
    pith_fetch_options o = pith_fetch_options_default();
    o.total_timeout_ms = PITH_MAX_FETCH_TIMEOUT_MS + 1;
    expect_invalid("http://127.0.0.1:9/", &o, "fetch option total_timeout_ms is out of range");
    o = pith_fetch_options_default();
    o.max_body_bytes = 0;
    expect_invalid("http://127.0.0.1:9/", &o, "fetch option max_body_bytes is out of range");
    o = pith_fetch_options_default();
    o.max_redirects = -1;
    expect_invalid("http://127.0.0.1:9/", &o, "fetch option max_redirects is out of range");
    o.max_redirects = PITH_MAX_FETCH_REDIRECTS + 1;
    expect_invalid("http://127.0.0.1:9/", &o, "fetch option max_redirects is out of range");
    /* options are checked before the scheme */
    expect_invalid("file:///x", &zero, "fetch option connect_timeout_ms is out of range");
}

static void test_free_accepts_null_and_zero(void **state)
{
    (void)state;
    pith_fetched_free(NULL);
    pith_fetched f;
    memset(&f, 0, sizeof f);
    pith_fetched_free(&f);
    assert_int_equal(pith_fetch("http://x/", NULL, NULL), PITH_ERR_INVALID);
}

static void parse(const char *value, const char *type, const char *charset)
{
    char t[32], c[16];
    fetch_parse_content_type(value, strlen(value), t, sizeof t, c, sizeof c);
    assert_string_equal(t, type);
    assert_string_equal(c, charset);
}

static void test_content_type(void **state)
{
    (void)state;
    parse("text/html", "text/html", "");
    parse("Text/HTML; Charset=ISO-8859-1", "text/html", "ISO-8859-1");
    parse(" text/html ;charset=\"windows-1252\" ; q=1", "text/html", "windows-1252");
    parse("text/html; foo=bar; charset = utf-8 ", "text/html", "utf-8");
    parse("application/pdf", "application/pdf", "");
    parse("", "", "");
    parse("; charset=utf-8", "", "utf-8");
    /* a label too long for the buffer is dropped, not cut to another name */
    parse("text/html; charset=iso-8859-15-and-much-more", "text/html", "");
    /* the type is cut to fit (it only names the type in messages) */
    parse("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-", "");
}

static void test_type_kinds(void **state)
{
    (void)state;
    assert_int_equal(fetch_type_kind_of("text/html"), FETCH_TYPE_HTML);
    assert_int_equal(fetch_type_kind_of("application/xhtml+xml"), FETCH_TYPE_HTML);
    assert_int_equal(fetch_type_kind_of(""), FETCH_TYPE_SNIFF);
    assert_int_equal(fetch_type_kind_of("text/plain"), FETCH_TYPE_SNIFF);
    assert_int_equal(fetch_type_kind_of("application/octet-stream"), FETCH_TYPE_SNIFF);
    assert_int_equal(fetch_type_kind_of("unknown/unknown"), FETCH_TYPE_SNIFF);
    assert_int_equal(fetch_type_kind_of("application/pdf"), FETCH_TYPE_OTHER);
    assert_int_equal(fetch_type_kind_of("image/png"), FETCH_TYPE_OTHER);
    assert_int_equal(fetch_type_kind_of("application/json"), FETCH_TYPE_OTHER);
    assert_int_equal(fetch_type_kind_of("text/htmlx"), FETCH_TYPE_OTHER);
}

static int looks(const char *s)
{
    return fetch_looks_like_html(s, strlen(s));
}

static void test_sniffing(void **state)
{
    (void)state;
    assert_true(looks("<!DOCTYPE html><html>"));
    assert_true(looks(" \r\n\t<html lang=en>"));
    assert_true(looks("\xEF\xBB\xBF<HTML>"));
    assert_true(looks("<!-- a comment --><p>x"));
    assert_true(looks("<!--[if IE]><html class=ie><![endif]-->"));
    assert_true(looks("<p>text"));
    assert_true(looks("<table border=1>"));
    assert_true(looks("Notice: undefined index in x.php\n<html>\n<body>"));
    /* a pattern must end in a space or '>' */
    assert_false(looks("<pre>text"));
    assert_false(looks("<a"));
    assert_false(looks("%PDF-1.4 <html>"));
    assert_false(looks("text that mentions <html> in passing"));
    assert_false(looks("\x89PNG\r\n\x1a\n<html>"));
    assert_false(looks("plain text, no markup"));
    assert_false(looks("{\"json\": \"<html>\"}\x01"));
    assert_false(looks(""));
    /* only the first kilobyte counts */
    char late[2048];
    memset(late, 'x', sizeof late);
    memcpy(late + 1500, "<html>", 6);
    assert_false(fetch_looks_like_html(late, sizeof late));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_option_defaults),
        cmocka_unit_test(test_schemes_refused),
        cmocka_unit_test(test_schemes_accepted),
        cmocka_unit_test(test_options_out_of_range),
        cmocka_unit_test(test_free_accepts_null_and_zero),
        cmocka_unit_test(test_content_type),
        cmocka_unit_test(test_type_kinds),
        cmocka_unit_test(test_sniffing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
