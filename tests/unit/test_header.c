/* test_header.c — WARC record headers, version lines, finding the next
 * record after garbage, dates (src/input/header.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "input/warc.h"

static long version(const char *s)
{
    return warc_version_line(s, strlen(s));
}

static void test_version_lines(void **state)
{
    (void)state;
    assert_int_equal(version("WARC/1.0\r\n"), 10);
    assert_int_equal(version("WARC/1.1\n"), 9);
    assert_int_equal(version("WARC/0.17\r\nWARC-Type"), 11);
    assert_int_equal(version("warc/1.0\r\n"), 10); /* JWAT's lowercase test file */
    assert_int_equal(version("WARC/1.0 \r\n"), 11);
    assert_int_equal(version("WARC/invalid\n"), 0); /* warcio's torture file */
    assert_int_equal(version("WARC/1.\n"), 0);
    assert_int_equal(version("WARC/1.0x\n"), 0);
    assert_int_equal(version("HTTP/1.1 200\r\n"), 0);
    assert_int_equal(version("WAR"), -1); /* too short to tell */
    assert_int_equal(version("WARC/1.0"), -1);
    assert_int_equal(version(""), -1);
}

static size_t find(const char *s, int *sure)
{
    return warc_find_version(s, strlen(s), sure);
}

static void test_find_version(void **state)
{
    (void)state;
    int sure;
    assert_int_equal(find("WARC/1.0\r\n", &sure), 0);
    assert_true(sure);
    /* garbage, then a record: found at the start of its line */
    const char *g = "m\r\n\r\n\r\nWARC/1.0\r\nWARC-Type: revisit\r\n";
    assert_int_equal(find(g, &sure), 7);
    assert_true(sure);
    /* not in the middle of a line */
    const char *mid = "text that says WARC/1.0\nmore\n";
    assert_int_equal(find(mid, &sure), strlen(mid));
    /* a candidate at the end needs more bytes */
    const char *end = "junk\nWARC/1";
    assert_int_equal(find(end, &sure), 5);
    assert_false(sure);
    assert_int_equal(find("The monkeys are a coming\n", &sure), 25);
    assert_true(sure);
}

typedef struct parsed {
    warc_header h;
    buf strings;
} parsed;

static const char *field(const parsed *p, size_t at)
{
    return at == WARC_NO_FIELD ? NULL : p->strings.data + at;
}

static int parse(const char *s, parsed *p)
{
    memset(p, 0, sizeof *p);
    return warc_header_parse(s, strlen(s), &p->h, &p->strings);
}

static void test_header_fields(void **state)
{
    (void)state;
    parsed p;
    const char *rec = "WARC/1.0\r\n"
                      "WARC-Type: response\r\n"
                      "warc-target-uri: http://example.com/\r\n"
                      "WARC-Date:2017-03-06T04:02:06Z\r\n"
                      "WARC-Record-ID: <urn:uuid:1>\r\n"
                      "Content-Type: application/http; msgtype=response\r\n"
                      "Content-Length: 1270\r\n"
                      "X-Other: ignored\r\n"
                      "\r\n"
                      "HTTP/1.1 200 OK";
    assert_int_equal(parse(rec, &p), WARC_HEADER_OK);
    assert_string_equal(field(&p, p.h.type), "response");
    assert_string_equal(field(&p, p.h.target_uri), "http://example.com/");
    assert_string_equal(field(&p, p.h.date), "2017-03-06T04:02:06Z");
    assert_string_equal(field(&p, p.h.record_id), "<urn:uuid:1>");
    assert_string_equal(field(&p, p.h.content_type), "application/http; msgtype=response");
    assert_int_equal(p.h.content_length, 1270);
    assert_string_equal(rec + p.h.size, "HTTP/1.1 200 OK");
    buf_free(&p.strings);

    /* continuation lines (JWAT's file puts every value on one), LF line
     * ends, repeated fields (the last counts), a line with no colon */
    const char *odd = "WARC/0.17\n"
                      "WARC-Type: \n"
                      " continuation\n"
                      "WARC-Target-URI: http://a/\n"
                      "  b\n"
                      "no colon here\n"
                      "Content-Length: 5\n"
                      "Content-Length: 7\n"
                      "\n";
    assert_int_equal(parse(odd, &p), WARC_HEADER_OK);
    assert_string_equal(field(&p, p.h.type), "continuation");
    assert_string_equal(field(&p, p.h.target_uri), "http://a/ b");
    assert_int_equal(p.h.content_length, 7);
    assert_null(field(&p, p.h.record_id));
    assert_int_equal(p.h.size, strlen(odd));
    buf_free(&p.strings);

    /* CR CR LF (pywb's missing-status-text file) */
    assert_int_equal(parse("WARC/1.0\r\r\nContent-Length: 3\r\r\n\r\r\nabc", &p), WARC_HEADER_OK);
    assert_int_equal(p.h.content_length, 3);
    assert_int_equal(p.h.size, 34);
    buf_free(&p.strings);
}

static void test_header_problems(void **state)
{
    (void)state;
    parsed p;
    assert_int_equal(parse("WARC/1.0\r\nContent-Length: very lengthy\r\n\r\n", &p), WARC_HEADER_OK);
    assert_int_equal(p.h.content_length, -1);
    assert_string_equal(field(&p, p.h.length_text), "very lengthy");
    buf_free(&p.strings);
    assert_int_equal(parse("WARC/1.0\r\nContent-Length: \r\n\r\n", &p), WARC_HEADER_OK);
    assert_int_equal(p.h.content_length, -1);
    buf_free(&p.strings);
    assert_int_equal(parse("WARC/1.0\r\nContent-Length: -1\r\n\r\n", &p), WARC_HEADER_OK);
    assert_int_equal(p.h.content_length, -1);
    buf_free(&p.strings);
    assert_int_equal(parse("WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n", &p),
                     WARC_HEADER_OK);
    assert_int_equal(p.h.content_length, -1);
    buf_free(&p.strings);
    assert_int_equal(parse("WARC/1.0\r\nWARC-Type: response\r\n", &p), WARC_HEADER_CUT);
    assert_string_equal(field(&p, p.h.type), "response"); /* read as far as it goes */
    buf_free(&p.strings);
    assert_int_equal(parse("GET / HTTP/1.0\r\n\r\n", &p), WARC_HEADER_NOT_VERSION);
    buf_free(&p.strings);
}

static void test_strings_are_utf8(void **state)
{
    (void)state;
    buf b = {0};
    size_t at = warc_add_string(&b, "caf\xc3\xa9 \xff\xfe x", 10);
    assert_string_equal(b.data + at, "caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd x");
    /* a sequence cut short: U+FFFD for each byte, as utf8_decode reads them */
    at = warc_add_string(&b, "a\xe2\x82", 3);
    assert_string_equal(b.data + at, "a\xef\xbf\xbd\xef\xbf\xbd");
    buf_free(&b);
}

static long long date(const char *s)
{
    return warc_date_unix(s, strlen(s));
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(date("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(date("2017-03-06T04:02:06Z"), 1488772926LL);
    assert_int_equal(date("2017-03-06T04:02:06.123456Z"), 1488772926LL);
    assert_int_equal(date("2017-03-06T05:02:06+01:00"), 1488772926LL);
    assert_int_equal(date("2017-03-06"), 1488758400LL);
    assert_int_equal(date("2017-03-06T04:02Z"), 1488772920LL);
    assert_int_equal(date("2000-02-29T00:00:00Z"), 951782400LL); /* a leap day */
    assert_int_equal(date("20170306040206"), 1488772926LL);      /* ARC */
    assert_int_equal(date("not-a-date"), 0);
    assert_int_equal(date("2017-13-06T04:02:06Z"), 0);
    assert_int_equal(date(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_lines),    cmocka_unit_test(test_find_version),
        cmocka_unit_test(test_header_fields),    cmocka_unit_test(test_header_problems),
        cmocka_unit_test(test_strings_are_utf8), cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
