/*
 * http.c — HTTP/1.x responses from archives (http.h).
 */
#include "input/http.h"

#include <stdint.h>
#include <string.h>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include "core/utf8.h"

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* The line at msg[*pos..len) without its end (LF, CR LF, CR CR LF...);
 * advances *pos past the LF. Returns its length, or -1 when no LF ends
 * it within len. */
static long next_line(const char *msg, size_t len, size_t *pos, const char **line)
{
    const char *start = msg + *pos;
    const char *lf = memchr(start, '\n', len - *pos);
    if (!lf)
        return -1;
    const char *end = lf;
    while (end > start && end[-1] == '\r')
        end--;
    *line = start;
    *pos = (size_t)(lf - msg) + 1;
    return (long)(end - start);
}

static void trim(const char **s, size_t *len)
{
    while (*len && is_ows(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_ows((*s)[*len - 1]))
        (*len)--;
}

/* "HTTP/1.1 200 OK", "HTTP/1.0 302 ", "HTTP/1.1 200", "HTTP/2 200":
 * RFC 9112 § 4, read leniently. Returns the status code, or 0. */
static int status_line(const char *s, size_t len)
{
    if (len < 5 || !ascii_ieq(s, 5, "http/"))
        return 0;
    size_t i = 5;
    while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
        i++;
    if (i == 5 || i >= len || !is_ows(s[i]))
        return 0;
    while (i < len && is_ows(s[i]))
        i++;
    if (len - i < 3)
        return 0;
    int code = 0;
    for (size_t k = 0; k < 3; k++) {
        if (s[i + k] < '0' || s[i + k] > '9')
            return 0;
        code = code * 10 + (s[i + k] - '0');
    }
    if (len > i + 3 && !is_ows(s[i + 3]))
        return 0; /* "2000": not a status code */
    return code >= 100 ? code : 0;
}

void http_content_type(http_head *h, const char *v, size_t len)
{
    const char *semi = memchr(v, ';', len);
    size_t tlen = semi ? (size_t)(semi - v) : len;
    const char *t = v;
    trim(&t, &tlen);
    h->media_type = tlen ? t : NULL;
    h->media_type_len = tlen;
    h->charset = NULL;
    h->charset_len = 0;
    while (semi) {
        const char *p = semi + 1, *end = v + len;
        semi = memchr(p, ';', (size_t)(end - p));
        size_t plen = (size_t)((semi ? semi : end) - p);
        trim(&p, &plen);
        if (plen > 8 && ascii_ieq(p, 8, "charset=")) {
            p += 8;
            plen -= 8;
            if (plen >= 2 && p[0] == '"') {
                const char *q = memchr(p + 1, '"', plen - 1);
                plen = q ? (size_t)(q - p - 1) : plen - 1;
                p++;
            }
            trim(&p, &plen);
            h->charset = plen ? p : NULL;
            h->charset_len = plen;
        }
    }
}

static http_coding coding_of(const char *v, size_t len)
{
    trim(&v, &len);
    if (len == 0 || ascii_ieq(v, len, "identity"))
        return HTTP_CODING_NONE;
    if (ascii_ieq(v, len, "gzip") || ascii_ieq(v, len, "x-gzip"))
        return HTTP_CODING_GZIP;
    if (ascii_ieq(v, len, "deflate"))
        return HTTP_CODING_DEFLATE;
    if (ascii_ieq(v, len, "br"))
        return HTTP_CODING_BR;
    if (ascii_ieq(v, len, "zstd"))
        return HTTP_CODING_ZSTD;
    return HTTP_CODING_OTHER;
}

/* Whether a comma-separated list names `token` (Transfer-Encoding). */
static int lists_token(const char *v, size_t len, const char *token)
{
    while (len) {
        const char *comma = memchr(v, ',', len);
        size_t n = comma ? (size_t)(comma - v) : len;
        const char *item = v;
        size_t ilen = n;
        trim(&item, &ilen);
        if (ascii_ieq(item, ilen, token))
            return 1;
        if (!comma)
            break;
        v = comma + 1;
        len -= n + 1;
    }
    return 0;
}

static int parse_one(const char *msg, size_t len, size_t *pos, http_head *h)
{
    const char *line;
    long n;
    /* blank lines before the status line are tolerated (RFC 9112 § 2.2) */
    while ((n = next_line(msg, len, pos, &line)) == 0)
        ;
    if (n < 0 || !(h->status = status_line(line, (size_t)n)))
        return HTTP_NOT_HTTP;
    for (;;) {
        n = next_line(msg, len, pos, &line);
        if (n < 0)
            return HTTP_NO_BODY;
        if (n == 0)
            break;
        if (is_ows(line[0]))
            continue; /* obs-fold (RFC 9112 § 5.2): none of our fields fold */
        const char *colon = memchr(line, ':', (size_t)n);
        if (!colon)
            continue;
        size_t nlen = (size_t)(colon - line);
        const char *v = colon + 1;
        size_t vlen = (size_t)n - nlen - 1;
        trim(&line, &nlen);
        trim(&v, &vlen);
        /* a repeated field: the last one counts, as browsers read
         * Content-Type (WHATWG Fetch "extract a MIME type") */
        if (ascii_ieq(line, nlen, "content-type")) {
            http_content_type(h, v, vlen);
        } else if (ascii_ieq(line, nlen, "content-language")) {
            h->language = vlen ? v : NULL;
            h->language_len = vlen;
        } else if (ascii_ieq(line, nlen, "transfer-encoding")) {
            h->chunked = lists_token(v, vlen, "chunked");
        } else if (ascii_ieq(line, nlen, "content-encoding")) {
            h->coding = coding_of(v, vlen);
        }
    }
    h->body = *pos;
    return HTTP_PARSED;
}

int http_parse_head(const char *msg, size_t len, http_head *h)
{
    size_t pos = 0;
    for (;;) {
        memset(h, 0, sizeof *h);
        int rc = parse_one(msg, len, &pos, h);
        if (rc != HTTP_PARSED)
            return rc;
        /* 100 Continue, 103 Early Hints: the final response follows (101
         * switches protocols: nothing HTTP follows) */
        if (h->status >= 200 || h->status == 101)
            return rc;
        size_t next = pos;
        while (next < len && (msg[next] == '\r' || msg[next] == '\n'))
            next++;
        if (len - next < 5 || !ascii_ieq(msg + next, 5, "http/"))
            return rc;
    }
}

/* ------------------------------------------------------------------------
 * Chunked transfer coding (RFC 9112 § 7.1)
 * ------------------------------------------------------------------------ */

/* A chunk-size line at b[*pos..len): hex digits, then optional whitespace
 * and a chunk extension, then the line end. Returns the size and moves
 * *pos past the line, or -1 when the line is not one. */
static int64_t chunk_size_line(const char *b, size_t len, size_t *pos)
{
    size_t i = *pos;
    uint64_t size = 0;
    size_t digits = 0;
    for (; i < len && digits <= 15; i++, digits++) {
        char c = b[i];
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (v < 0)
            break;
        size = size * 16 + (uint64_t)v;
    }
    if (digits == 0 || digits > 15)
        return -1;
    while (i < len && is_ows(b[i]))
        i++;
    if (i < len && b[i] == ';') { /* a chunk extension: ignored */
        const char *lf = memchr(b + i, '\n', len - i);
        if (!lf)
            return -1;
        i = (size_t)(lf - b);
    }
    while (i < len && b[i] == '\r')
        i++;
    if (i >= len || b[i] != '\n')
        return -1;
    *pos = i + 1;
    return (int64_t)size;
}

size_t http_dechunk(char *body, size_t len)
{
    size_t pos = 0, out = 0;
    int64_t size = chunk_size_line(body, len, &pos);
    if (size < 0)
        return len; /* stored de-chunked */
    while (size > 0) {
        size_t n = (uint64_t)size > len - pos ? len - pos : (size_t)size;
        memmove(body + out, body + pos, n);
        out += n;
        pos += n;
        if (pos >= len)
            break; /* truncated inside a chunk */
        /* the CRLF after the chunk data, leniently a bare LF */
        if (body[pos] == '\r')
            pos++;
        if (pos < len && body[pos] == '\n')
            pos++;
        size = chunk_size_line(body, len, &pos);
        /* a broken size line ends the body: what came before stands */
    }
    return out;
}

/* ------------------------------------------------------------------------
 * Content codings
 * ------------------------------------------------------------------------ */

/* Markup or text where compressed bytes are due: the body was stored
 * decoded. Compressed data starts with a binary byte almost always. */
static int looks_like_text(const char *b, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(b, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    return i < len && b[i] == '<';
}

/* RFC 1950 § 2.2: CM 8, CINFO <= 7, and the header a multiple of 31. */
static int zlib_header(const unsigned char *b, size_t len)
{
    return len >= 2 && (b[0] & 0x0f) == 8 && (b[0] >> 4) <= 7 && ((b[0] << 8) | b[1]) % 31 == 0;
}

/* Room for more output in out, bounded by cap: the pointer and size of the
 * free space, or NULL when out is at cap already or memory runs out. */
static char *out_room(buf *out, size_t cap, size_t *room, int *nomem)
{
    if (out->len >= cap)
        return NULL;
    size_t want = out->len < 16384 ? 16384 : out->len; /* double */
    if (want > cap - out->len)
        want = cap - out->len;
    if (buf_reserve(out, want)) {
        *nomem = 1;
        return NULL;
    }
    *room = out->cap - out->len < cap - out->len ? out->cap - out->len : cap - out->len;
    return out->data + out->len;
}

enum inflate_result { INF_DONE, INF_CUT, INF_BAD, INF_CAP, INF_NOMEM };

/* zlib inflate with `wbits` (16 + 15 gzip, 15 zlib, -15 raw deflate).
 * Concatenated gzip members are read on (RFC 1952 § 2.2). */
static int inflate_body(int wbits, const unsigned char *in, size_t len, buf *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, wbits) != Z_OK)
        return INF_NOMEM;
    z.next_in = (unsigned char *)(uintptr_t)in;
    z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
    int result = INF_CUT, nomem = 0;
    for (;;) {
        size_t room;
        char *dst = out_room(out, cap, &room, &nomem);
        if (!dst) {
            result = nomem ? INF_NOMEM : INF_CAP;
            break;
        }
        z.next_out = (unsigned char *)dst;
        z.avail_out = (uInt)(room > UINT32_MAX ? UINT32_MAX : room);
        int rc = inflate(&z, Z_NO_FLUSH);
        out->len += room - z.avail_out;
        if (rc == Z_STREAM_END) {
            result = INF_DONE;
            if (wbits > MAX_WBITS && z.avail_in >= 2 && z.next_in[0] == 0x1f &&
                z.next_in[1] == 0x8b && inflateReset(&z) == Z_OK)
                continue; /* another gzip member */
            break;
        }
        if (rc == Z_MEM_ERROR) {
            result = INF_NOMEM;
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            result = INF_BAD;
            break;
        }
        if (z.avail_out != 0)
            break; /* it stopped for want of input: the stream is cut */
    }
    inflateEnd(&z);
    return result;
}

static int brotli_body(const unsigned char *in, size_t len, buf *out, size_t cap)
{
    BrotliDecoderState *st = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    if (!st)
        return INF_NOMEM;
    size_t avail_in = len;
    const uint8_t *next_in = in;
    int result = INF_CUT, nomem = 0;
    for (;;) {
        size_t room;
        char *dst = out_room(out, cap, &room, &nomem);
        if (!dst) {
            result = nomem ? INF_NOMEM : INF_CAP;
            break;
        }
        uint8_t *next_out = (uint8_t *)dst;
        size_t avail_out = room;
        BrotliDecoderResult rc =
            BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out, &next_out, NULL);
        out->len += room - avail_out;
        if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
            result = INF_DONE;
            break;
        }
        if (rc == BROTLI_DECODER_RESULT_ERROR) {
            result = INF_BAD;
            break;
        }
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
            break; /* cut */
    }
    BrotliDecoderDestroyInstance(st);
    return result;
}

static int zstd_body(const unsigned char *in, size_t len, buf *out, size_t cap)
{
    ZSTD_DStream *st = ZSTD_createDStream();
    if (!st)
        return INF_NOMEM;
    /* the same window bound as for archives: what a browser accepts */
    ZSTD_DCtx_setParameter(st, ZSTD_d_windowLogMax, 23);
    ZSTD_inBuffer zin = {in, len, 0};
    int result = INF_CUT, nomem = 0;
    for (;;) {
        size_t room;
        char *dst = out_room(out, cap, &room, &nomem);
        if (!dst) {
            result = nomem ? INF_NOMEM : INF_CAP;
            break;
        }
        ZSTD_outBuffer zout = {dst, room, 0};
        size_t rc = ZSTD_decompressStream(st, &zout, &zin);
        out->len += zout.pos;
        if (ZSTD_isError(rc)) {
            result = INF_BAD;
            break;
        }
        if (rc == 0 && zin.pos == zin.size) {
            result = INF_DONE;
            break;
        }
        if (zin.pos == zin.size && zout.pos < room)
            break; /* cut */
    }
    ZSTD_freeDStream(st);
    return result;
}

int http_decode(http_coding coding, const char *body, size_t len, buf *out, size_t cap)
{
    const unsigned char *b = (const unsigned char *)body;
    buf_reset(out);
    int rc;
    switch (coding) {
    case HTTP_CODING_GZIP:
        if (len < 2 || b[0] != 0x1f || b[1] != 0x8b)
            return HTTP_AS_IS;
        rc = inflate_body(16 + MAX_WBITS, b, len, out, cap);
        break;
    case HTTP_CODING_DEFLATE:
        /* RFC 9110 § 8.4.1.2 means the zlib format; raw deflate is what
         * some servers send instead */
        if (zlib_header(b, len))
            rc = inflate_body(MAX_WBITS, b, len, out, cap);
        else if (looks_like_text(body, len))
            return HTTP_AS_IS;
        else
            rc = inflate_body(-MAX_WBITS, b, len, out, cap);
        break;
    case HTTP_CODING_BR:
        /* brotli has no magic number: try it, unless markup shows */
        if (looks_like_text(body, len))
            return HTTP_AS_IS;
        rc = brotli_body(b, len, out, cap);
        break;
    case HTTP_CODING_ZSTD:
        if (len < 4 || memcmp(b, "\x28\xb5\x2f\xfd", 4))
            return HTTP_AS_IS;
        rc = zstd_body(b, len, out, cap);
        break;
    default:
        return HTTP_AS_IS;
    }
    switch (rc) {
    case INF_DONE:
        return HTTP_DECODED;
    case INF_CAP:
        return HTTP_OVER_CAP;
    case INF_NOMEM:
        return HTTP_DECODE_NOMEM;
    default:
        /* cut short or corrupt further on: what decoded is the page as far
         * as a browser would show it; nothing decoded means the header
         * was wrong */
        return out->len ? HTTP_DECODED : HTTP_AS_IS;
    }
}

/* ------------------------------------------------------------------------
 * Media types
 * ------------------------------------------------------------------------ */
int http_media_is_html(const char *type, size_t len)
{
    return type &&
           (ascii_ieq(type, len, "text/html") || ascii_ieq(type, len, "application/xhtml+xml"));
}

int http_media_is_unknown(const char *type, size_t len)
{
    return !type || len == 0 || ascii_ieq(type, len, "unknown/unknown") ||
           ascii_ieq(type, len, "application/unknown") || ascii_ieq(type, len, "*/*");
}

int http_sniff_html(const char *b, size_t len)
{
    /* WHATWG MIME Sniffing § 7.1, "identify an unknown MIME type": each
     * pattern after leading whitespace, case-insensitive, followed by a
     * tag-terminating byte (space or '>'). */
    static const char *const patterns[] = {
        "<!doctype html", "<html", "<head",  "<script", "<iframe", "<h1",   "<div", "<font",
        "<table",         "<a",    "<style", "<title",  "<b",      "<body", "<br",  "<p",
        "<!--",
    };
    size_t i = 0;
    if (len >= 3 && !memcmp(b, "\xef\xbb\xbf", 3))
        i = 3; /* a UTF-8 byte-order mark */
    while (i < len && (b[i] == '\t' || b[i] == '\n' || b[i] == '\f' || b[i] == '\r' || b[i] == ' '))
        i++;
    for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
        size_t n = strlen(patterns[p]);
        if (len - i > n && ascii_ieq(b + i, n, patterns[p]) && (b[i + n] == ' ' || b[i + n] == '>'))
            return 1;
    }
    return 0;
}
