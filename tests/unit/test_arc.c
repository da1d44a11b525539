/* test_arc.c — ARC header lines (src/input/arc.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "input/warc.h"

static int parse(const char *line, int version, arc_header *h)
{
    return arc_header_parse(line, strlen(line), version, h);
}

static void assert_slice(const char *s, size_t len, const char *want)
{
    if (len != strlen(want) || memcmp(s, want, len))
        fail_msg("got \"%.*s\", want \"%s\"", (int)len, s, want);
}

static void test_version_1(void **state)
{
    (void)state;
    arc_header h;
    assert_int_equal(
        parse("http://example.com/ 93.184.216.119 20140216050221 text/html 1591", 1, &h), 0);
    assert_slice(h.url, h.url_len, "http://example.com/");
    assert_slice(h.ip, h.ip_len, "93.184.216.119");
    assert_slice(h.date, h.date_len, "20140216050221");
    assert_slice(h.mime, h.mime_len, "text/html");
    assert_int_equal(h.length, 1591);
    assert_int_equal(parse("filedesc://live-web-example.arc.gz 127.0.0.1 20140216050221 "
                           "text/plain 75",
                           1, &h),
                     0);
    assert_true(arc_filedesc(h.url, h.url_len));
    /* a URL with spaces: the last four fields are the others (warcio) */
    assert_int_equal(parse("http://example.com/a b c 1.2.3.4 20140216050221 text/html 12", 1, &h),
                     0);
    assert_slice(h.url, h.url_len, "http://example.com/a b c");
    /* "-" and "null" for unknown fields (JWAT, aut) */
    assert_int_equal(parse("filedesc:// - - - 76", 1, &h), 0);
    assert_int_equal(parse("http://www.archive.org/ 207.241.229.39 null text/html 680", 1, &h), 0);
    assert_int_equal(parse("dns:www.archive.org 68.87.76.178 199704171757 text/dns 56", 1, &h), 0);
}

static void test_not_header_lines(void **state)
{
    (void)state;
    arc_header h;
    static const char *const lines[] = {
        "1 0 Bad Capture",
        "URL IP-address Archive-date Content-type Archive-length",
        "http://example.com/ 93.184.216.119 201404010000000000 text/html -1", /* warcio bad.arc */
        "http://example.com/ 93.184.216.119 201404010000000000 text/html abc",
        "http://example.com/ 1.2.3.4 20140216050221 text/html", /* 4 fields */
        "Date: Wed, 30 Apr 2008 20:48:24 GMT 12",               /* an HTTP header */
        "on: close",
        "",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (!parse(lines[i], 1, &h))
            fail_msg("\"%s\" is no ARC header line", lines[i]);
    }
}

static void test_version_2(void **state)
{
    (void)state;
    arc_header h;
    const char *v2 = "http://www.example.com/ 1.2.3.4 20080430204825 text/html 200 "
                     "ABCDEF - 1234 file.arc 567";
    assert_int_equal(parse(v2, 2, &h), 0);
    assert_slice(h.url, h.url_len, "http://www.example.com/");
    assert_slice(h.mime, h.mime_len, "text/html");
    assert_int_equal(h.length, 567);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_1),
        cmocka_unit_test(test_not_header_lines),
        cmocka_unit_test(test_version_2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
