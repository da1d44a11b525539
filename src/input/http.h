/*
 * http.h — an HTTP/1.x response as archives store it: the head parsed
 * leniently, the body de-chunked and decoded.
 *
 * Archives hold what crawlers saw and what their writers made of it, so
 * each step checks the bytes before trusting a header: a body said to be
 * chunked may be stored de-chunked already (warcio, some Heritrix
 * versions), a body said to be gzip may be decoded already (ClueWeb). A
 * step whose header the bytes contradict leaves them as they are.
 */
#ifndef PITH_INPUT_HTTP_H
#define PITH_INPUT_HTTP_H

#include <stddef.h>

#include "core/buf.h"

typedef enum http_coding {
    HTTP_CODING_NONE = 0, /* absent or "identity" */
    HTTP_CODING_GZIP,     /* "gzip", "x-gzip" (RFC 9110 § 8.4.1.3) */
    HTTP_CODING_DEFLATE,  /* "deflate": zlib-wrapped, or raw as some servers send */
    HTTP_CODING_BR,       /* "br" (RFC 7932) */
    HTTP_CODING_ZSTD,     /* "zstd" (RFC 8878) */
    HTTP_CODING_OTHER,    /* anything else: the bytes are left as they are */
} http_coding;

/* What the head says; slices point into the message. */
typedef struct http_head {
    int status;             /* the status code, 100..999 */
    const char *media_type; /* Content-Type without parameters, trimmed; NULL when absent */
    size_t media_type_len;
    const char *charset; /* its charset parameter, unquoted; NULL when absent */
    size_t charset_len;
    const char *language; /* Content-Language, trimmed; NULL when absent */
    size_t language_len;
    int chunked;        /* Transfer-Encoding names chunked */
    http_coding coding; /* Content-Encoding */
    size_t body;        /* offset of the body in the message */
} http_head;

enum http_parse {
    HTTP_PARSED = 0,
    HTTP_NOT_HTTP = -1, /* no status line: the block is not an HTTP response */
    HTTP_NO_BODY = -2,  /* the head does not end (no empty line) */
};

/* Parses the head of the response in msg[0..len) (RFC 9112 § 2-5): the
 * status line "HTTP/x.y NNN reason", leniently (no reason, no version
 * digits after "HTTP/", LF or CR CR LF line ends), then header fields up
 * to an empty line. An interim 1xx response followed by another head
 * (RFC 9110 § 15.2) yields the final one. Returns enum http_parse; the
 * head is filled in as far as it was read. */
int http_parse_head(const char *msg, size_t len, http_head *h);

/* Reads a Content-Type value (RFC 9110 § 8.3.1) into h->media_type (before
 * ';', trimmed) and h->charset (its charset parameter, quoted or not). */
void http_content_type(http_head *h, const char *value, size_t len);

/* De-chunks body[0..len) in place (RFC 9112 § 7.1): chunk sizes, their
 * extensions and the trailer section go; a truncated last chunk keeps what
 * arrived. Returns the new length, or `len` unchanged when the body does
 * not start with a chunk-size line (it was stored de-chunked). */
size_t http_dechunk(char *body, size_t len);

enum http_decode {
    HTTP_DECODED = 0,  /* out holds the decoded body */
    HTTP_AS_IS = 1,    /* the bytes are not encoded as said: use them as they are */
    HTTP_OVER_CAP = 2, /* the decoded body would pass `cap` bytes */
    HTTP_DECODE_NOMEM = 3,
};

/* Decodes body[0..len), which the head says is encoded with `coding`,
 * into `out` (reset first), at most `cap` bytes. The bytes are checked
 * first: gzip and zstd by their magic numbers, deflate by its zlib header
 * or by decoding, br by decoding; markup where encoded bytes are due means
 * the body was stored decoded. A body cut short keeps what decoded.
 * Returns enum http_decode. */
int http_decode(http_coding coding, const char *body, size_t len, buf *out, size_t cap);

/* Whether a media type names HTML: text/html or application/xhtml+xml. */
int http_media_is_html(const char *type, size_t len);
/* Whether a media type asks for sniffing (WHATWG MIME Sniffing § 7.1: an
 * absent, unknown/unknown, application/unknown or * / * type). */
int http_media_is_unknown(const char *type, size_t len);
/* Whether bytes start like HTML, by the HTML patterns of WHATWG MIME
 * Sniffing § 7.1 ("<!DOCTYPE HTML", "<HTML", "<HEAD", ... "<!--"). */
int http_sniff_html(const char *b, size_t len);

#endif
