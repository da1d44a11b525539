/* test_warc.c — the WARC and ARC reader (src/input/warc.c, pith_warc_*):
 * record types, HTTP payloads, skips, errors, faults and resynchronising,
 * the size cap, ARC records, telling archives from other bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <zlib.h>

#include "core/buf.h"
#include "pith.h"

/* A WARC record with a CRLF header and the two CRLFs after its block of
 * `n` bytes; `length` < 0: the block's true length goes in Content-Length. */
static void record_n(buf *b, const char *type, const char *extra, const char *block, size_t n,
                     long length)
{
    char head[512];
    snprintf(head, sizeof head,
             "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s-%zu>\r\n"
             "WARC-Date: 2017-03-06T04:02:06Z\r\nWARC-Target-URI: http://example.com/%zu\r\n"
             "%sContent-Length: %ld\r\n\r\n",
             type, type, b->len, b->len, extra, length < 0 ? (long)n : length);
    assert_int_equal(buf_append_str(b, head), 0);
    assert_int_equal(buf_append(b, block, n), 0);
    assert_int_equal(buf_append_str(b, "\r\n\r\n"), 0);
}

static void record(buf *b, const char *type, const char *extra, const char *block, long length)
{
    record_n(b, type, extra, block, strlen(block), length);
}

#define HTTP "Content-Type: application/http; msgtype=response\r\n"
#define PAGE "<!doctype html><title>T</title><p>Some text of the page.</p>"

typedef struct reader {
    pith_warc_reader *r;
    pith_warc_record rec;
} reader;

static void open_buf(reader *rd, const buf *b, size_t cap)
{
    assert_int_equal(pith_warc_open_memory(b->data, b->len, cap, &rd->r), PITH_OK);
}

static pith_warc_kind next(reader *rd)
{
    pith_warc_next(rd->r, &rd->rec);
    return rd->rec.kind;
}

static void assert_contains(const char *s, const char *part)
{
    if (!s || !strstr(s, part))
        fail_msg("\"%s\" does not contain \"%s\"", s ? s : "(null)", part);
}

static void test_records_and_payloads(void **state)
{
    (void)state;
    buf b = {0};
    record(&b, "warcinfo", "", "software: test", -1);
    record(&b, "request", HTTP, "GET / HTTP/1.1\r\n\r\n", -1);
    size_t page_at = b.len;
    record(&b, "response", HTTP,
           "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n"
           "Content-Language: de\r\n\r\n" PAGE,
           -1);
    record(&b, "response", HTTP, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nx", -1);
    record(&b, "response", HTTP, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", -1);
    record(&b, "revisit", HTTP, "HTTP/1.1 200 OK\r\n\r\n", -1);
    record(&b, "resource", "Content-Type: text/html\r\n", PAGE, -1);
    record(&b, "response", HTTP,
           "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n"
           "8\r\n<p>chunk\r\n3\r\ned!\r\n0\r\n\r\n",
           -1);
    record(&b, "response", HTTP, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n  \r\n", -1);
    record(&b, "metadata", "", "outlink: x", -1);
    reader rd;
    open_buf(&rd, &b, 0);

    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    pith_warc_record *r = &rd.rec;
    assert_string_equal(r->type, "response");
    char uri[64];
    snprintf(uri, sizeof uri, "http://example.com/%zu", page_at);
    assert_string_equal(r->target_uri, uri);
    snprintf(uri, sizeof uri, "<urn:uuid:response-%zu>", page_at);
    assert_string_equal(r->record_id, uri);
    assert_int_equal(r->http_status, 200);
    assert_string_equal(r->content_type, "text/html");
    assert_string_equal(r->charset, "ISO-8859-1");
    assert_string_equal(r->content_language, "de");
    assert_string_equal(r->date, "2017-03-06T04:02:06Z");
    assert_int_equal(r->date_unix, 1488772926LL);
    assert_int_equal(r->offset, page_at);
    assert_int_equal(r->stream_offset, page_at);
    assert_int_equal(r->payload_len, strlen(PAGE));
    assert_memory_equal(r->payload, PAGE, strlen(PAGE));

    assert_int_equal(next(&rd), PITH_WARC_SKIPPED);
    assert_string_equal(rd.rec.skip, "HTTP 404");
    assert_int_equal(rd.rec.http_status, 404);
    assert_int_equal(next(&rd), PITH_WARC_SKIPPED);
    assert_string_equal(rd.rec.skip, "not HTML");
    assert_string_equal(rd.rec.content_type, "image/png");

    assert_int_equal(next(&rd), PITH_WARC_PAGE); /* the resource: its block is the page */
    assert_string_equal(rd.rec.type, "resource");
    assert_int_equal(rd.rec.http_status, 0);
    assert_int_equal(rd.rec.payload_len, strlen(PAGE));

    assert_int_equal(next(&rd), PITH_WARC_PAGE); /* de-chunked */
    assert_int_equal(rd.rec.payload_len, 11);
    assert_memory_equal(rd.rec.payload, "<p>chunked!", 11);

    assert_int_equal(next(&rd), PITH_WARC_SKIPPED);
    assert_string_equal(rd.rec.skip, "empty");
    assert_int_equal(next(&rd), PITH_WARC_END);
    assert_int_equal(next(&rd), PITH_WARC_END); /* and again */

    const pith_warc_stats *st = pith_warc_stats_of(rd.r);
    assert_int_equal(st->records, 10);
    assert_int_equal(st->pages, 3);
    assert_int_equal(st->skipped, 3);
    assert_int_equal(st->errors, 0);
    assert_int_equal(st->faults, 0);
    assert_int_equal(st->skipped_types, 4);
    assert_int_equal(st->bytes_in, b.len);
    pith_warc_close(rd.r);
    buf_free(&b);
}

static void test_content_encoding(void **state)
{
    (void)state;
    unsigned char z[512];
    uLongf zn = sizeof z;
    assert_int_equal(compress2(z, &zn, (const unsigned char *)PAGE, strlen(PAGE), 6), Z_OK);
    buf body = {0}, b = {0};
    assert_int_equal(buf_append_str(&body, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                           "Content-Encoding: deflate\r\n\r\n"),
                     0);
    assert_int_equal(buf_append(&body, z, zn), 0);
    record_n(&b, "response", HTTP, body.data, body.len, -1);
    /* said gzip, stored decoded (ClueWeb): used as it is */
    record(&b, "response", HTTP,
           "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" PAGE, -1);
    reader rd;
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(rd.rec.payload_len, strlen(PAGE));
    assert_memory_equal(rd.rec.payload, PAGE, strlen(PAGE));
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(rd.rec.payload_len, strlen(PAGE));
    assert_int_equal(next(&rd), PITH_WARC_END);
    pith_warc_close(rd.r);
    buf_free(&b);
    buf_free(&body);
}

static void test_garbage_and_resync(void **state)
{
    (void)state;
    buf b = {0};
    record(&b, "response", HTTP, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE, -1);
    size_t junk = b.len;
    assert_int_equal(buf_append_str(&b, "The monkeys are a coming\r\n"), 0);
    record(&b, "resource", "Content-Type: text/html\r\n", PAGE, -1);
    reader rd;
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(next(&rd), PITH_WARC_FAULT);
    char want[128];
    snprintf(want, sizeof want, "26 bytes of garbage at byte %zu where a record header was due",
             junk);
    assert_contains(rd.rec.error, want);
    assert_contains(rd.rec.error, "its Content-Length may be wrong");
    assert_int_equal(rd.rec.offset, junk);
    assert_null(rd.rec.target_uri);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_string_equal(rd.rec.type, "resource");
    assert_int_equal(next(&rd), PITH_WARC_END);
    assert_int_equal(pith_warc_stats_of(rd.r)->faults, 1);
    pith_warc_close(rd.r);
    buf_free(&b);
}

static void test_wrong_content_length(void **state)
{
    (void)state;
    buf b = {0};
    const char *block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE;
    /* too short by 3: the rest of the block is garbage, then resync */
    record(&b, "response", HTTP, block, (long)strlen(block) - 3);
    record(&b, "response", HTTP, block, -1);
    /* too long by 20: it swallows the next header's start, which is lost */
    size_t long_at = b.len;
    record(&b, "response", HTTP, block, (long)strlen(block) + 20);
    record(&b, "request", "", "GET", -1);
    size_t last_at = b.len;
    record(&b, "response", HTTP, block, -1);
    reader rd;
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(rd.rec.payload_len, strlen(PAGE) - 3);
    assert_int_equal(next(&rd), PITH_WARC_FAULT);
    assert_contains(rd.rec.error, "7 bytes of garbage"); /* "/p>" and two CR LF */
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(rd.rec.payload_len, strlen(PAGE));
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(rd.rec.offset, long_at);
    assert_int_equal(next(&rd), PITH_WARC_FAULT);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(rd.rec.offset, last_at);
    assert_int_equal(next(&rd), PITH_WARC_END);
    pith_warc_close(rd.r);
    buf_free(&b);
}

static void test_record_errors(void **state)
{
    (void)state;
    buf b = {0};
    /* no Content-Length: an error for a response, a fault for a request */
    assert_int_equal(buf_append_str(&b, "WARC/1.0\r\nWARC-Type: request\r\n\r\n\r\n"), 0);
    size_t response_at = b.len;
    assert_int_equal(buf_append_str(&b,
                                    "WARC/1.0\r\nWARC-Type: response\r\n"
                                    "Content-Length: very lengthy\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"),
                     0);
    /* an HTTP response that is none (pywb) */
    size_t httpx_at = b.len;
    record(&b, "response", HTTP, "HTTPX/1.1 200 OK\r\n\r\n" PAGE, -1);
    /* cut off by the end of the data */
    size_t cut_at = b.len;
    record(&b, "RESPONSE", "", "HTTP/1.1 200 OK\r\n\r\n" PAGE, 5000);
    b.len -= 4;
    reader rd;
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_FAULT);
    assert_contains(rd.rec.error, "request record at byte 0 has no valid Content-Length (none)");
    assert_int_equal(next(&rd), PITH_WARC_ERROR);
    char want[160];
    snprintf(want, sizeof want, "no valid Content-Length (\"very lengthy\") (record at byte %zu)",
             response_at);
    assert_string_equal(rd.rec.error, want);
    assert_int_equal(next(&rd), PITH_WARC_ERROR);
    snprintf(want, sizeof want, "(record at byte %zu)", httpx_at);
    assert_contains(rd.rec.error, "not an HTTP response: the block starts \"HTTPX/1.1 200 OK");
    assert_contains(rd.rec.error, want);
    assert_int_equal(next(&rd), PITH_WARC_ERROR);
    assert_string_equal(rd.rec.type, "RESPONSE");
    snprintf(want, sizeof want,
             "cut off: %zu of its 5000 bytes are there; the data ends (record at byte %zu)",
             strlen("HTTP/1.1 200 OK\r\n\r\n" PAGE), cut_at);
    assert_string_equal(rd.rec.error, want);
    assert_int_equal(next(&rd), PITH_WARC_END);
    const pith_warc_stats *st = pith_warc_stats_of(rd.r);
    assert_int_equal(st->errors, 3);
    assert_int_equal(st->faults, 1);
    pith_warc_close(rd.r);
    buf_free(&b);
}

/* A message too long for its buffer is cut at a whole character: a field
 * of multibyte characters must not leave half of one (fuzz_warc). */
static void test_long_message_cut_whole(void **state)
{
    (void)state;
    buf b = {0};
    assert_int_equal(buf_append_str(&b, "WARC/1.0\r\nWARC-Type: "), 0);
    for (int i = 0; i < 300; i++)
        assert_int_equal(buf_append_str(&b, "\xc3\xa9"), 0); /* U+00E9 */
    assert_int_equal(buf_append_str(&b, "\r\n\r\n"), 0);
    reader rd;
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_FAULT);
    /* 511 bytes fit; the 256th character would be cut after its first */
    assert_int_equal(strlen(rd.rec.error), 510);
    for (size_t i = 0; i < 510; i += 2)
        assert_memory_equal(rd.rec.error + i, "\xc3\xa9", 2);
    assert_int_equal(next(&rd), PITH_WARC_END);
    pith_warc_close(rd.r);
    buf_free(&b);
}

/* A resource record's own Content-Type, whose parts grow the reader's
 * strings it was parsed from when kept: 150 bytes that are not UTF-8, each
 * a 3-byte U+FFFD there (fuzz_warc: a use after free under SAN=1). */
static void test_resource_content_type_kept(void **state)
{
    (void)state;
    char type[256] = "Content-Type: ";
    size_t n = strlen(type);
    memset(type + n, 0xff, 150);
    strcpy(type + n + 150, "; charset=utf-8\r\n");
    buf b = {0};
    record(&b, "resource", type, PAGE, -1);
    reader rd;
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_SKIPPED);
    assert_string_equal(rd.rec.skip, "not HTML");
    assert_int_equal(strlen(rd.rec.content_type), 450);
    for (size_t i = 0; i < 450; i += 3)
        assert_memory_equal(rd.rec.content_type + i, "\xef\xbf\xbd", 3);
    assert_string_equal(rd.rec.charset, "utf-8");
    assert_int_equal(next(&rd), PITH_WARC_END);
    pith_warc_close(rd.r);
    /* an empty one: no type, the block sniffed */
    buf_reset(&b);
    record(&b, "resource", "Content-Type:\r\n", PAGE, -1);
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_null(rd.rec.content_type);
    assert_int_equal(next(&rd), PITH_WARC_END);
    pith_warc_close(rd.r);
    buf_free(&b);
}

static void test_size_cap(void **state)
{
    (void)state;
    buf b = {0}, big = {0};
    assert_int_equal(buf_append_str(&big, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"), 0);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(buf_append_str(&big, "<p>a paragraph</p>\n"), 0);
    assert_int_equal(buf_terminate(&big), 0);
    record(&b, "response", HTTP, big.data, -1);
    record(&b, "response", HTTP, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE, -1);
    reader rd;
    open_buf(&rd, &b, 1000); /* the first record is 38 KB */
    assert_int_equal(next(&rd), PITH_WARC_SKIPPED);
    assert_string_equal(rd.rec.skip, "over the size limit");
    assert_int_equal(rd.rec.http_status, 200); /* the head was read all the same */
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_int_equal(next(&rd), PITH_WARC_END);
    pith_warc_close(rd.r);
    buf_free(&b);
    buf_free(&big);
}

static void test_sniffing_and_lenient_lines(void **state)
{
    (void)state;
    buf b = {0};
    /* lowercase version line, LF line ends, no Content-Type anywhere */
    assert_int_equal(buf_append_str(&b, "warc/1.0\nWARC-Type: resource\nContent-Length: 23\n\n"
                                        "<html><p>sniffed</p>\n\n\n"
                                        "WARC/1.1\nWARC-Type: resource\nContent-Length: 10\n\n"
                                        "plain text\n\n"),
                     0);
    reader rd;
    open_buf(&rd, &b, 0);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_null(rd.rec.content_type);
    assert_int_equal(next(&rd), PITH_WARC_SKIPPED);
    assert_string_equal(rd.rec.skip, "not HTML");
    assert_int_equal(next(&rd), PITH_WARC_END);
    assert_int_equal(pith_warc_stats_of(rd.r)->faults, 0);
    pith_warc_close(rd.r);
    buf_free(&b);
}

static void test_arc(void **state)
{
    (void)state;
    static const char arc[] = "filedesc://x.arc 0.0.0.0 20140216050221 text/plain 76\n"
                              "1 0 InternetArchive\n"
                              "URL IP-address Archive-date Content-type Archive-length\n"
                              "\n"
                              "http://example.com/ 93.184.216.119 20140216050221 text/html 104\n"
                              "HTTP/1.1 200 OK\r\n"
                              "Content-Type: text/html\r\n"
                              "\r\n" PAGE "\n"
                              "dns:example.com 1.2.3.4 20140216050221 text/dns 4\n"
                              "abcd\n"
                              "          "; /* padding at the end */
    reader rd;
    assert_int_equal(pith_warc_open_memory(arc, strlen(arc), 0, &rd.r), PITH_OK);
    assert_int_equal(next(&rd), PITH_WARC_PAGE);
    assert_null(rd.rec.type);
    assert_null(rd.rec.record_id);
    assert_string_equal(rd.rec.target_uri, "http://example.com/");
    assert_string_equal(rd.rec.date, "2014-02-16T05:02:21Z");
    assert_int_equal(rd.rec.http_status, 200);
    assert_int_equal(rd.rec.payload_len, strlen(PAGE));
    assert_int_equal(next(&rd), PITH_WARC_SKIPPED);
    assert_string_equal(rd.rec.content_type, "text/dns");
    assert_int_equal(next(&rd), PITH_WARC_END);
    const pith_warc_stats *st = pith_warc_stats_of(rd.r);
    assert_int_equal(st->records, 3);
    assert_int_equal(st->skipped_types, 1);
    assert_int_equal(st->faults, 0);
    pith_warc_close(rd.r);
}

static void test_is_warc(void **state)
{
    (void)state;
    static const char warc[] = "WARC/1.0\r\nWARC-Type: warcinfo\r\n";
    assert_true(pith_is_warc(warc, strlen(warc)));
    assert_true(pith_is_warc("\r\nwarc/0.17\r\n", 13));
    assert_true(pith_is_warc("filedesc://a.arc 0.0.0.0 20140216050221 text/plain 7\n", 53));
    assert_true(pith_is_warc("http://a/ 1.2.3.4 20140216050221 text/html 12\nHTTP/1.1", 54));
    unsigned char z[256];
    uLongf zn = sizeof z;
    assert_int_equal(compress2(z, &zn, (const unsigned char *)warc, strlen(warc), 6), Z_OK);
    assert_false(pith_is_warc(z, zn)); /* zlib, not gzip: no archive starts so */
    assert_false(pith_is_warc("<!doctype html><p>WARC/1.0\r\n", 29));
    assert_false(pith_is_warc("WARC/1.0", 8)); /* no line end: not sure, so no */
    assert_false(pith_is_warc("", 0));
    assert_false(pith_is_warc(NULL, 10));
}

static void test_arguments(void **state)
{
    (void)state;
    pith_warc_record rec;
    pith_warc_next(NULL, &rec);
    assert_int_equal(rec.kind, PITH_WARC_END);
    pith_warc_next(NULL, NULL);
    pith_warc_reader *r = (pith_warc_reader *)&rec;
    assert_int_equal(pith_warc_open_memory(NULL, 5, 0, &r), PITH_ERR_INVALID);
    assert_null(r);
    assert_int_equal(pith_warc_open(NULL, 0, &r), PITH_ERR_INVALID);
    assert_int_equal(pith_warc_open("/nonexistent/archive.warc", 0, &r), PITH_ERR_IO);
    assert_null(r);
    assert_null(pith_warc_stats_of(NULL));
    pith_warc_close(NULL);
    /* no bytes: no records, no fault */
    assert_int_equal(pith_warc_open_memory(NULL, 0, 0, &r), PITH_OK);
    pith_warc_next(r, &rec);
    assert_int_equal(rec.kind, PITH_WARC_END);
    pith_warc_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_and_payloads),
        cmocka_unit_test(test_content_encoding),
        cmocka_unit_test(test_garbage_and_resync),
        cmocka_unit_test(test_wrong_content_length),
        cmocka_unit_test(test_record_errors),
        cmocka_unit_test(test_long_message_cut_whole),
        cmocka_unit_test(test_resource_content_type_kept),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_sniffing_and_lenient_lines),
        cmocka_unit_test(test_arc),
        cmocka_unit_test(test_is_warc),
        cmocka_unit_test(test_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
