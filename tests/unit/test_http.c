/* test_http.c — HTTP responses from archives (src/input/http.c): the
 * lenient head, chunked bodies, content codings checked before decoding,
 * media types and sniffing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include "input/http.h"

static void assert_slice(const char *s, size_t len, const char *want)
{
    if (!want) {
        assert_null(s);
        return;
    }
    assert_non_null(s);
    if (len != strlen(want) || memcmp(s, want, len))
        fail_msg("got \"%.*s\", want \"%s\"", (int)len, s, want);
}

static int parse(const char *msg, http_head *h)
{
    return http_parse_head(msg, strlen(msg), h);
}

static void test_status_line_leniency(void **state)
{
    (void)state;
    http_head h;
    static const struct {
        const char *msg;
        int status;
    } cases[] = {
        {"HTTP/1.1 200 OK\r\n\r\n", 200},
        {"HTTP/1.0 302 \r\n\r\n", 302},     /* pywb: no reason phrase */
        {"HTTP/1.1 404\r\n\r\n", 404},      /* not even the space */
        {"HTTP/1.1 200 OK\n\n", 200},       /* LF line ends */
        {"HTTP/1.0 302 \r\r\n\r\r\n", 302}, /* CR CR LF */
        {"HTTP/2 200\r\n\r\n", 200},
        {"http/1.1 200 ok\r\n\r\n", 200},
        {"\r\nHTTP/1.1 204 No Content\r\n\r\n", 204}, /* a blank line first */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (parse(cases[i].msg, &h) != HTTP_PARSED || h.status != cases[i].status)
            fail_msg("case %zu: status %d, want %d", i, h.status, cases[i].status);
        assert_int_equal(h.body, strlen(cases[i].msg));
    }
    assert_int_equal(parse("HTTPX/1.1 200 OK\r\n\r\n", &h), HTTP_NOT_HTTP); /* pywb */
    assert_int_equal(parse("HTTP/1.1 2000 OK\r\n\r\n", &h), HTTP_NOT_HTTP);
    assert_int_equal(parse("HTTP/1.1 OK\r\n\r\n", &h), HTTP_NOT_HTTP);
    assert_int_equal(parse("<html>\r\n", &h), HTTP_NOT_HTTP);
    assert_int_equal(parse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", &h), HTTP_NO_BODY);
    assert_int_equal(h.status, 200);
}

static void test_headers(void **state)
{
    (void)state;
    http_head h;
    const char *msg = "HTTP/1.1 200 OK\r\n"
                      "content-type: text/plain\r\n"
                      "X-Folded: a\r\n"
                      " b\r\n"
                      "Content-Type:  Text/HTML ; charset=\"ISO-8859-1\" ; q=1\r\n"
                      "Content-Language: de-DE, en\r\n"
                      "Transfer-Encoding: gzip, chunked\r\n"
                      "Content-Encoding: x-gzip\r\n"
                      "\r\n"
                      "body";
    assert_int_equal(parse(msg, &h), HTTP_PARSED);
    /* the last Content-Type counts, as browsers read it */
    assert_slice(h.media_type, h.media_type_len, "Text/HTML");
    assert_slice(h.charset, h.charset_len, "ISO-8859-1");
    assert_slice(h.language, h.language_len, "de-DE, en");
    assert_int_equal(h.chunked, 1);
    assert_int_equal(h.coding, HTTP_CODING_GZIP);
    assert_string_equal(msg + h.body, "body");

    assert_int_equal(parse("HTTP/1.1 200 OK\r\nContent-Type: text/html;charset=utf-8\r\n\r\n", &h),
                     HTTP_PARSED);
    assert_slice(h.charset, h.charset_len, "utf-8");
    assert_null(h.language);
    assert_int_equal(h.chunked, 0);
    assert_int_equal(h.coding, HTTP_CODING_NONE);

    static const struct {
        const char *value;
        http_coding coding;
    } codings[] = {{"gzip", HTTP_CODING_GZIP},     {"deflate", HTTP_CODING_DEFLATE},
                   {"BR", HTTP_CODING_BR},         {"zstd", HTTP_CODING_ZSTD},
                   {"identity", HTTP_CODING_NONE}, {"gzip, br", HTTP_CODING_OTHER},
                   {"compress", HTTP_CODING_OTHER}};
    for (size_t i = 0; i < sizeof codings / sizeof *codings; i++) {
        char m[128];
        snprintf(m, sizeof m, "HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\n\r\n", codings[i].value);
        assert_int_equal(parse(m, &h), HTTP_PARSED);
        if (h.coding != codings[i].coding)
            fail_msg("Content-Encoding: %s gave %d", codings[i].value, h.coding);
    }
}

static void test_interim_responses(void **state)
{
    (void)state;
    http_head h;
    const char *msg = "HTTP/1.1 100 Continue\r\n\r\n"
                      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x";
    assert_int_equal(parse(msg, &h), HTTP_PARSED);
    assert_int_equal(h.status, 200);
    assert_slice(h.media_type, h.media_type_len, "text/html");
    assert_string_equal(msg + h.body, "<p>x");
    /* a 1xx with no response after it stays what it is */
    assert_int_equal(parse("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n", &h), HTTP_PARSED);
    assert_int_equal(h.status, 103);
}

static size_t dechunk(char *b)
{
    return http_dechunk(b, strlen(b));
}

static void test_chunked(void **state)
{
    (void)state;
    char a[] = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
    size_t n = dechunk(a);
    assert_int_equal(n, 12);
    assert_memory_equal(a, "hello, world", 12);

    char lf[] = "3\nabc\n1\nd\n0\n\n"; /* LF alone */
    n = dechunk(lf);
    assert_int_equal(n, 4);
    assert_memory_equal(lf, "abcd", 4);

    char upper[] = "A\r\n0123456789\r\n0\r\n\r\n"; /* hex in capitals */
    assert_int_equal(dechunk(upper), 10);

    /* stored de-chunked despite the header: left as it is */
    char plain[] = "<!doctype html><p>already de-chunked";
    assert_int_equal(dechunk(plain), strlen("<!doctype html><p>already de-chunked"));
    assert_string_equal(plain, "<!doctype html><p>already de-chunked");
    char blank[] = "\r\n<html>";
    assert_int_equal(dechunk(blank), 8);

    /* cut inside a chunk: what arrived stays */
    char cut[] = "a\r\n01234";
    assert_int_equal(dechunk(cut), 5);
    assert_memory_equal(cut, "01234", 5);

    /* a broken size line ends the body */
    char broken[] = "3\r\nabc\r\nzz\r\nmore";
    assert_int_equal(dechunk(broken), 3);
}

/* ------------------------------------------------------------------------
 * Content codings
 * ------------------------------------------------------------------------ */
static const char page[] = "<!doctype html><title>t</title><p>The article, long enough to "
                           "be worth compressing, the article, the article.</p>";

static size_t deflate_with(int wbits, const char *in, size_t len, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)(uintptr_t)in;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return n;
}

static void assert_decodes(http_coding c, const unsigned char *in, size_t len, const char *want)
{
    buf out = {0};
    assert_int_equal(http_decode(c, (const char *)in, len, &out, 1 << 20), HTTP_DECODED);
    assert_int_equal(out.len, strlen(want));
    assert_memory_equal(out.data, want, out.len);
    buf_free(&out);
}

static void assert_as_is(http_coding c, const char *in, size_t len)
{
    buf out = {0};
    assert_int_equal(http_decode(c, in, len, &out, 1 << 20), HTTP_AS_IS);
    buf_free(&out);
}

static void test_gzip_and_deflate(void **state)
{
    (void)state;
    unsigned char z[1024], two[2048];
    size_t n = deflate_with(16 + 15, page, strlen(page), z, sizeof z);
    assert_decodes(HTTP_CODING_GZIP, z, n, page);
    /* two gzip members one after the other are one body (RFC 1952 § 2.2) */
    memcpy(two, z, n);
    memcpy(two + n, z, n);
    buf out = {0};
    assert_int_equal(http_decode(HTTP_CODING_GZIP, (const char *)two, 2 * n, &out, 1 << 20),
                     HTTP_DECODED);
    assert_int_equal(out.len, 2 * strlen(page));
    /* cut short: the part that decoded */
    assert_int_equal(http_decode(HTTP_CODING_GZIP, (const char *)z, n / 2, &out, 1 << 20),
                     HTTP_DECODED);
    assert_true(out.len > 0 && out.len < strlen(page));
    assert_memory_equal(out.data, page, out.len);
    /* over the cap */
    assert_int_equal(http_decode(HTTP_CODING_GZIP, (const char *)z, n, &out, 40), HTTP_OVER_CAP);
    buf_free(&out);
    /* said gzip, stored decoded (ClueWeb) */
    assert_as_is(HTTP_CODING_GZIP, page, strlen(page));

    n = deflate_with(15, page, strlen(page), z, sizeof z); /* zlib wrapper, RFC 9110 */
    assert_decodes(HTTP_CODING_DEFLATE, z, n, page);
    n = deflate_with(-15, page, strlen(page), z, sizeof z); /* raw, as some servers send */
    assert_decodes(HTTP_CODING_DEFLATE, z, n, page);
    assert_as_is(HTTP_CODING_DEFLATE, page, strlen(page));
    assert_as_is(HTTP_CODING_DEFLATE, "\xff\xfe garbage", 10);
}

static void test_brotli_and_zstd(void **state)
{
    (void)state;
    uint8_t br[1024];
    size_t n = sizeof br;
    assert_true(BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, strlen(page), (const uint8_t *)page,
                                      &n, br));
    assert_decodes(HTTP_CODING_BR, br, n, page);
    /* said br, stored decoded: markup shows, nothing is tried */
    assert_as_is(HTTP_CODING_BR, page, strlen(page));
    /* said br, and is not: what fails to decode is left as it is */
    assert_as_is(HTTP_CODING_BR, "\x1b\xff\xff\xff\xff\xff", 6);

    unsigned char zs[1024];
    size_t zn = ZSTD_compress(zs, sizeof zs, page, strlen(page), 3);
    assert_false(ZSTD_isError(zn));
    assert_decodes(HTTP_CODING_ZSTD, zs, zn, page);
    assert_as_is(HTTP_CODING_ZSTD, page, strlen(page));
    /* unknown codings are never decoded */
    assert_as_is(HTTP_CODING_OTHER, (const char *)zs, zn);
}

static void test_media_types_and_sniffing(void **state)
{
    (void)state;
    assert_true(http_media_is_html("text/html", 9));
    assert_true(http_media_is_html("TEXT/HTML", 9));
    assert_true(http_media_is_html("application/xhtml+xml", 21));
    assert_false(http_media_is_html("text/plain", 10));
    assert_false(http_media_is_html(NULL, 0));
    assert_true(http_media_is_unknown(NULL, 0));
    assert_true(http_media_is_unknown("unknown/unknown", 15));
    assert_true(http_media_is_unknown("*/*", 3));
    assert_false(http_media_is_unknown("application/octet-stream", 24));

    static const char *const html[] = {"<!DOCTYPE html>",      "  \r\n<html lang=en>", "<HEAD>",
                                       "\xef\xbb\xbf<p>x</p>", "<!-- c -->",           "<table>",
                                       "<a href=x>",           "<b>bold</b>"};
    for (size_t i = 0; i < sizeof html / sizeof *html; i++) {
        if (!http_sniff_html(html[i], strlen(html[i])))
            fail_msg("\"%s\" should sniff as HTML", html[i]);
    }
    static const char *const other[] = {
        "<?xml version=\"1.0\"?>", "{\"a\":1}", "<html", "<article>", "plain text", "", "<brx>"};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        if (http_sniff_html(other[i], strlen(other[i])))
            fail_msg("\"%s\" should not sniff as HTML", other[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_line_leniency),     cmocka_unit_test(test_headers),
        cmocka_unit_test(test_interim_responses),        cmocka_unit_test(test_chunked),
        cmocka_unit_test(test_gzip_and_deflate),         cmocka_unit_test(test_brotli_and_zstd),
        cmocka_unit_test(test_media_types_and_sniffing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
