/* fuzz_http.c — the small parsers of the input stage, alone: an HTTP
 * response (head, de-chunking, content decoding, media types), URL
 * resolution, and WARC/ARC record header lines.
 *
 * The first input byte chooses what runs on the rest:
 *   bits 0-1  the part: 0 and 1 HTTP, 2 URLs, 3 record headers
 *   bits 2-4  HTTP: the content coding to decode with when the head names
 *             none (0: the head's only); URLs: the base's share of the rest
 *   bits 5-6  HTTP: the decoded-size cap (1 MiB, 64 bytes, 4 KiB, the body's
 *             length)
 *   bit 7     HTTP: de-chunk even when the head does not say chunked
 * Each function is checked against what its header promises (slices
 * inside the message, lengths within their bounds); a broken promise
 * traps. Internal headers: this target links libpith.a. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/url.h"
#include "input/http.h"
#include "input/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink;

/* Traps unless s[0..n) lies within msg[0..len) (or s is NULL). */
static void inside(const char *s, size_t n, const char *msg, size_t len)
{
    if (s && (s < msg || s > msg + len || n > (size_t)(msg + len - s)))
        __builtin_trap();
}

static void fuzz_http(uint8_t o, const char *msg, size_t len)
{
    http_head h;
    int rc = http_parse_head(msg, len, &h);
    if (rc != HTTP_PARSED && rc != HTTP_NOT_HTTP && rc != HTTP_NO_BODY)
        __builtin_trap();
    if (rc != HTTP_PARSED) {
        /* what the reader does with a block that is no HTTP response */
        sink += (size_t)http_sniff_html(msg, len);
        return;
    }
    if (h.status < 100 || h.status > 999 || h.body > len)
        __builtin_trap();
    inside(h.media_type, h.media_type_len, msg, len);
    inside(h.charset, h.charset_len, msg, len);
    inside(h.language, h.language_len, msg, len);
    if (h.media_type) {
        sink += (size_t)http_media_is_html(h.media_type, h.media_type_len);
        sink += (size_t)http_media_is_unknown(h.media_type, h.media_type_len);
    }

    size_t body_len = len - h.body;
    char *body = malloc(body_len ? body_len : 1);
    if (!body)
        return;
    memcpy(body, msg + h.body, body_len);
    if (h.chunked || (o & 0x80)) {
        size_t n = http_dechunk(body, body_len);
        if (n > body_len)
            __builtin_trap();
        body_len = n;
    }
    http_coding coding = h.coding;
    unsigned forced = (o >> 2) & 7;
    if (coding == HTTP_CODING_NONE && forced && forced <= HTTP_CODING_OTHER)
        coding = (http_coding)forced;
    static const size_t caps[] = {(size_t)1 << 20, 64, 4096, 0};
    size_t cap = caps[(o >> 5) & 3];
    if (!cap)
        cap = body_len;
    buf out = {0};
    switch (http_decode(coding, body, body_len, &out, cap)) {
    case HTTP_DECODED:
        if (out.len > cap)
            __builtin_trap();
        sink += (size_t)http_sniff_html(out.data, out.len);
        break;
    case HTTP_AS_IS:
        sink += (size_t)http_sniff_html(body, body_len);
        break;
    case HTTP_OVER_CAP:
    case HTTP_DECODE_NOMEM:
        break;
    default:
        __builtin_trap();
    }
    buf_free(&out);
    free(body);
}

static void fuzz_url(uint8_t o, const char *s, size_t len)
{
    /* the base takes a share of the rest, the reference the remainder */
    size_t base_len = len * ((o >> 2) & 7) / 7;
    const char *ref = s + base_len;
    size_t ref_len = len - base_len;
    /* RFC 3986 § 5.4's base, and a base without authority */
    static const char *const fixed[] = {"http://a/b/c/d;p?q", "mailto:x/y/../z"};
    buf out = {0};
    sink += url_scheme_len(s, base_len) + url_scheme_len(ref, ref_len);
    if (url_resolve(s, base_len, ref, ref_len, &out) == 0 && out.len > base_len + ref_len + 1)
        __builtin_trap();
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        size_t flen = strlen(fixed[i]);
        buf_reset(&out);
        if (url_resolve(fixed[i], flen, s, len, &out) == 0 && out.len > flen + len + 1)
            __builtin_trap();
        buf_reset(&out);
        if (url_resolve(s, len, fixed[i], flen, &out) == 0 && out.len > len + flen + 1)
            __builtin_trap();
    }
    buf_free(&out);
}

static void fuzz_record_header(const char *b, size_t len)
{
    int sure;
    size_t at = warc_find_version(b, len, &sure);
    if (at > len)
        __builtin_trap();
    warc_header h;
    buf strings = {0};
    int rc = warc_header_parse(b + at, len - at, &h, &strings);
    if (rc == WARC_HEADER_OK) {
        if (h.size > len - at)
            __builtin_trap();
        size_t fields[] = {h.type,       h.record_id,    h.date,
                           h.target_uri, h.content_type, h.length_text};
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
            if (fields[i] == WARC_NO_FIELD)
                continue;
            if (fields[i] >= strings.len)
                __builtin_trap();
            const char *v = strings.data + fields[i];
            sink += strlen(v);
            if (i == 2)
                sink += (size_t)warc_date_unix(v, strlen(v));
        }
    }
    buf_free(&strings);
    /* the first line as an ARC header line of either version */
    const char *lf = memchr(b, '\n', len);
    size_t n = lf ? (size_t)(lf - b) : len;
    for (int version = 1; version <= 2; version++) {
        arc_header a;
        if (arc_header_parse(b, n, version, &a) == 0) {
            inside(a.url, a.url_len, b, n);
            inside(a.ip, a.ip_len, b, n);
            inside(a.date, a.date_len, b, n);
            inside(a.mime, a.mime_len, b, n);
            sink += (size_t)warc_date_unix(a.date, a.date_len);
        }
    }
    sink += (size_t)arc_filedesc(b, len) + (size_t)warc_date_unix(b, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t o = data[0];
    const char *rest = (const char *)data + 1;
    switch (o & 3) {
    case 0:
    case 1:
        fuzz_http(o, rest, size - 1);
        break;
    case 2:
        fuzz_url(o, rest, size - 1);
        break;
    default:
        fuzz_record_header(rest, size - 1);
        break;
    }
    return 0;
}
