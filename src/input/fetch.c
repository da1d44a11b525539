/*
 * fetch.c — pages by URL: pith_fetch downloads one http or https page
 * with libcurl and judges it before pith_extract sees it.
 *
 * One easy handle per call: a fetch costs a DNS lookup and a connection
 * anyway, so reusing handles across calls would save little and bring
 * state shared between threads. The only global state is libcurl's own,
 * initialised once.
 *
 * The transfer is judged while it runs, so that a bad answer costs no
 * download: the head of the final response (its status and Content-Type)
 * when its first body bytes arrive, the body's size with every chunk.
 * A callback that rejects the transfer records why and returns 0, which
 * makes libcurl stop with CURLE_WRITE_ERROR.
 */
#include "input/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/url.h"

/* What the server is told: the program and its version (RFC 9110
 * § 10.1.5), and that HTML is what it wants. */
#define USER_AGENT "pith/" PITH_VERSION_STRING " (article extractor)"
#define ACCEPT_HEADER "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"

/* Header fields longer than these are cut (media type, language) or
 * dropped (charset, see fetch_parse_content_type): real values are a few
 * dozen bytes. */
#define TYPE_SIZE 128
#define CHARSET_SIZE 64
#define LANGUAGE_SIZE 128
#define REASON_SIZE 64

/* ------------------------------------------------------------------------
 * Deciding without the network
 * ------------------------------------------------------------------------ */
static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int is_http_space(int c)
{
    return c == ' ' || c == '\t';
}

/* Case-insensitive comparison of n bytes with a lower-case ASCII word,
 * whatever the locale. */
static int equals_word(const char *s, const char *word, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (lower((unsigned char)s[i]) != word[i])
            return 0;
    }
    return 1;
}

pith_status fetch_check_scheme(const char *url, char *error, size_t error_size)
{
    if (!url)
        url = "";
    size_t scheme = url_scheme_len(url, strlen(url));
    char name[8] = "";
    for (size_t i = 0; i < scheme && i < sizeof name - 1; i++)
        name[i] = (char)lower((unsigned char)url[i]);
    if (scheme == 4 && !strcmp(name, "http"))
        return PITH_OK;
    if (scheme == 5 && !strcmp(name, "https"))
        return PITH_OK;
    if (scheme == 0)
        snprintf(error, error_size, "not a URL: it should start with http:// or https://");
    else
        snprintf(error, error_size,
                 "unsupported URL scheme '%.*s': only http and https are fetched",
                 scheme > 32 ? 32 : (int)scheme, url);
    return PITH_ERR_INVALID;
}

/* Copies s[0..len) into out[0..size) as a C string, cut to fit. */
static void copy_cut(char *out, size_t size, const char *s, size_t len)
{
    if (len >= size)
        len = size - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

/* s[0..len) without the HTTP whitespace around it. */
static const char *trim(const char *s, size_t *len)
{
    while (*len && is_http_space((unsigned char)*s)) {
        s++;
        (*len)--;
    }
    while (*len && (is_http_space((unsigned char)s[*len - 1]) || s[*len - 1] == '\r' ||
                    s[*len - 1] == '\n'))
        (*len)--;
    return s;
}

void fetch_parse_content_type(const char *value, size_t len, char *type, size_t type_size,
                              char *charset, size_t charset_size)
{
    type[0] = charset[0] = '\0';
    const char *end = value + len;
    const char *semi = memchr(value, ';', len);
    size_t type_len = (size_t)((semi ? semi : end) - value);
    const char *t = trim(value, &type_len);
    copy_cut(type, type_size, t, type_len);
    for (char *p = type; *p; p++)
        *p = (char)lower((unsigned char)*p);
    /* parameters: ; name=value or ; name="quoted" */
    for (const char *p = semi; p && p < end;) {
        p++; /* the ';' */
        const char *next = memchr(p, ';', (size_t)(end - p));
        const char *eq = memchr(p, '=', (size_t)((next ? next : end) - p));
        if (eq) {
            size_t name_len = (size_t)(eq - p);
            const char *name = trim(p, &name_len);
            if (name_len == 7 && equals_word(name, "charset", 7)) {
                size_t v_len = (size_t)((next ? next : end) - (eq + 1));
                const char *v = trim(eq + 1, &v_len);
                if (v_len >= 2 && v[0] == '"' && v[v_len - 1] == '"') {
                    v++;
                    v_len -= 2;
                }
                charset[0] = '\0';
                if (v_len < charset_size)
                    copy_cut(charset, charset_size, v, v_len);
            }
        }
        p = next;
    }
}

fetch_type_kind fetch_type_kind_of(const char *media_type)
{
    static const char *const html[] = {"text/html", "application/xhtml+xml"};
    /* WHATWG MIME Sniffing § 7.1 sniffs the absent type, unknown/unknown,
     * application/unknown and * / *. text/plain and
     * application/octet-stream are added: misconfigured servers send HTML
     * with them, and the bytes tell such pages apart from real text files
     * and downloads. */
    static const char *const sniff[] = {"",    "unknown/unknown", "application/unknown",
                                        "*/*", "text/plain",      "application/octet-stream"};
    for (size_t i = 0; i < sizeof html / sizeof *html; i++) {
        if (!strcmp(media_type, html[i]))
            return FETCH_TYPE_HTML;
    }
    for (size_t i = 0; i < sizeof sniff / sizeof *sniff; i++) {
        if (!strcmp(media_type, sniff[i]))
            return FETCH_TYPE_SNIFF;
    }
    return FETCH_TYPE_OTHER;
}

/* WHATWG MIME Sniffing § 3: whitespace bytes and binary data bytes. */
static int is_sniff_space(unsigned char c)
{
    return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

static int is_binary_byte(unsigned char c)
{
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F);
}

static size_t leading_space(const unsigned char *b, size_t len)
{
    size_t i = 0;
    while (i < len && is_sniff_space(b[i]))
        i++;
    return i;
}

/* The first bytes that the sniffer reads (§ 5.1: the resource header is
 * at most 1445 bytes; the patterns need far fewer). */
#define SNIFF_BYTES 1024

int fetch_looks_like_html(const void *bytes, size_t len)
{
    /* § 7.1's HTML patterns: after whitespace, one of these followed by a
     * space or '>'. "<!--" needs no such byte here, as `<!--[if IE]>`
     * opens many old pages. */
    static const char *const patterns[] = {
        "<!doctype html", "<html", "<head",  "<script", "<iframe", "<h1",   "<div", "<font",
        "<table",         "<a",    "<style", "<title",  "<b",      "<body", "<br",  "<p",
    };
    const unsigned char *b = bytes;
    size_t n = len;
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    size_t start = 0;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        start = 3; /* a UTF-8 byte-order mark: decode skips it too */
    start += leading_space(b + start, n - start);
    const char *s = (const char *)b + start;
    size_t rest = n - start;
    if (rest >= 4 && !memcmp(s, "<!--", 4))
        return 1;
    for (size_t k = 0; k < sizeof patterns / sizeof *patterns; k++) {
        size_t plen = strlen(patterns[k]);
        if (rest > plen && equals_word(s, patterns[k], plen) && (s[plen] == ' ' || s[plen] == '>'))
            return 1;
    }
    /* Beyond § 7.1: text whose <html tag opens a later line, behind a
     * PHP notice or a stray line that some servers print first. */
    for (size_t k = 0; k < n; k++) {
        if (is_binary_byte(b[k]))
            return 0;
    }
    int line_start = 0; /* only whitespace since the last line break */
    for (size_t k = 0; k + 5 < n; k++) {
        if (b[k] == '\n' || b[k] == '\r') {
            line_start = 1;
        } else if (b[k] == '<' && line_start) {
            if (equals_word((const char *)b + k + 1, "html", 4) &&
                (b[k + 5] == '>' || is_sniff_space(b[k + 5])))
                return 1;
            line_start = 0;
        } else if (!is_sniff_space(b[k])) {
            line_start = 0;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * The transfer
 * ------------------------------------------------------------------------ */

/* libcurl is initialised once per process; CURL_GLOBAL_DEFAULT sets up
 * its TLS library. There is no matching cleanup: another part of the
 * program may use libcurl too, and the process end frees it all. */
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_result = CURLE_FAILED_INIT;

static void init_curl(void)
{
    curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

typedef struct transfer {
    const pith_fetch_options *opt;
    pith_fetched *out;
    char *body; /* malloc'ed; handed to out->body on success */
    size_t body_len, body_cap;
    /* the head of the latest response; the final one once the body runs */
    long status;
    char reason[REASON_SIZE];
    char type[TYPE_SIZE];
    char charset[CHARSET_SIZE];
    char language[LANGUAGE_SIZE];
    int body_started;     /* the final response's body is arriving */
    pith_status rejected; /* set by a callback that stopped the transfer */
} transfer;

__attribute__((format(printf, 3, 4))) static pith_status fail(pith_fetched *out, pith_status st,
                                                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* clang-analyzer 14 misses the va_start above on glibc */
    // NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized)
    vsnprintf(out->error, sizeof out->error, fmt, ap);
    va_end(ap);
    return st;
}

/* "16 MiB" for whole mebibytes, else the bytes. */
static const char *size_text(size_t bytes, char *out, size_t size)
{
    if (bytes >= ((size_t)1 << 20) && bytes % ((size_t)1 << 20) == 0)
        snprintf(out, size, "%zu MiB", bytes >> 20);
    else
        snprintf(out, size, "%zu bytes", bytes);
    return out;
}

/* "30 s", "1.5 s", "250 ms" */
static const char *duration_text(long ms, char *out, size_t size)
{
    if (ms % 1000 == 0)
        snprintf(out, size, "%ld s", ms / 1000);
    else if (ms > 1000)
        snprintf(out, size, "%.3g s", (double)ms / 1000);
    else
        snprintf(out, size, "%ld ms", ms);
    return out;
}

/* The reason phrases of RFC 9110 § 15 for the common error and redirect
 * statuses. They win over the server's own: that one may be missing
 * (HTTP/2 has none, RFC 9113 § 8.3.2) or wrong ("404 OK"). */
static const struct {
    long status;
    const char *reason;
} standard_reasons[] = {
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {408, "Request Timeout"},
    {410, "Gone"},
    {429, "Too Many Requests"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
};

/* "HTTP 404 Not Found" */
static pith_status fail_status(transfer *t)
{
    const char *reason = t->reason;
    for (size_t i = 0; i < sizeof standard_reasons / sizeof *standard_reasons; i++) {
        if (standard_reasons[i].status == t->status)
            reason = standard_reasons[i].reason;
    }
    return fail(t->out, PITH_ERR_IO, "HTTP %ld%s%s", t->status, *reason ? " " : "", reason);
}

/* One header line of any response (redirects included), with its CRLF. */
static size_t on_header(char *line, size_t size, size_t n, void *user)
{
    transfer *t = user;
    size_t len = size * n;
    if (t->body_started)
        return len; /* trailers after a chunked body change nothing */
    if (len > 5 && !memcmp(line, "HTTP/", 5)) {
        /* A status line starts a new response: forget the last one's
         * head. "HTTP/1.1 404 Not Found"; curl writes "HTTP/2 404 " */
        t->status = 0;
        t->reason[0] = t->type[0] = t->charset[0] = t->language[0] = '\0';
        const char *p = memchr(line, ' ', len);
        const char *end = line + len;
        if (!p)
            return len;
        while (p < end && *p == ' ')
            p++;
        long status = 0;
        while (p < end && *p >= '0' && *p <= '9' && status < 1000)
            status = status * 10 + (*p++ - '0');
        t->status = status;
        size_t rlen = (size_t)(end - p);
        const char *reason = trim(p, &rlen);
        copy_cut(t->reason, sizeof t->reason, reason, rlen);
        /* a reason phrase is text for a message: no control bytes */
        for (char *r = t->reason; *r; r++) {
            if ((unsigned char)*r < 0x20 || *r == 0x7F)
                *r = ' ';
        }
        return len;
    }
    const char *colon = memchr(line, ':', len);
    if (!colon)
        return len;
    size_t name_len = (size_t)(colon - line);
    size_t value_len = len - name_len - 1;
    const char *value = trim(colon + 1, &value_len);
    if (name_len == 12 && equals_word(line, "content-type", 12)) {
        fetch_parse_content_type(value, value_len, t->type, sizeof t->type, t->charset,
                                 sizeof t->charset);
    } else if (name_len == 16 && equals_word(line, "content-language", 16)) {
        copy_cut(t->language, sizeof t->language, value, value_len);
    }
    return len;
}

/* The head of the final response, when its body begins: an error status
 * or a type that is not HTML ends the transfer here. Redirect statuses
 * pass: libcurl reports too many redirects itself, and one without a
 * Location fails after the transfer. */
static int reject_head(transfer *t)
{
    if (t->status >= 400 || (t->status > 0 && t->status < 200)) {
        t->rejected = fail_status(t);
        return 1;
    }
    if (t->status < 300 && fetch_type_kind_of(t->type) == FETCH_TYPE_OTHER) {
        t->rejected = fail(t->out, PITH_ERR_NOT_HTML, "content type %s, not HTML", t->type);
        return 1;
    }
    return 0;
}

/* Body bytes of the final response, decoded (Content-Encoding). */
static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    transfer *t = user;
    size_t len = size * n;
    if (!t->body_started) {
        t->body_started = 1;
        if (reject_head(t))
            return 0;
    }
    size_t max = t->opt->max_body_bytes;
    if (len > max - t->body_len) {
        char limit[32];
        t->rejected = fail(t->out, PITH_ERR_LIMIT, "body is over the limit of %s",
                           size_text(max, limit, sizeof limit));
        return 0;
    }
    if (t->body_len + len > t->body_cap) {
        /* double, never past the cap: a page just under it must not
         * allocate twice its size */
        size_t cap = t->body_cap ? t->body_cap * 2 : 64 * 1024;
        if (cap < t->body_len + len)
            cap = t->body_len + len;
        if (cap > max)
            cap = max;
        char *grown = realloc(t->body, cap ? cap : 1);
        if (!grown) {
            t->rejected = fail(t->out, PITH_ERR_NOMEM, "out of memory for the body");
            return 0;
        }
        t->body = grown;
        t->body_cap = cap;
    }
    memcpy(t->body + t->body_len, data, len);
    t->body_len += len;
    return len;
}

/* host and port of `url` for messages, from libcurl's own URL parser. */
static void host_of(const char *url, char *host, size_t host_size, long *port)
{
    copy_cut(host, host_size, "the server", strlen("the server"));
    *port = 0;
    CURLU *u = url ? curl_url() : NULL;
    char *h = NULL, *p = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
        if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK)
            copy_cut(host, host_size, h, strlen(h));
        if (curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) == CURLUE_OK)
            *port = strtol(p, NULL, 10);
    }
    curl_free(h);
    curl_free(p);
    curl_url_cleanup(u);
}

static int is_tls_error(CURLcode rc)
{
    switch (rc) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
        return 1;
    default:
        return 0;
    }
}

/* Turns a failed curl_easy_perform into a status and a message. */
static pith_status describe_failure(transfer *t, CURL *h, CURLcode rc, const char *errbuf)
{
    pith_fetched *out = t->out;
    const char *detail = *errbuf ? errbuf : curl_easy_strerror(rc);
    char host[256], limit[32];
    long port;
    host_of(out->final_url, host, sizeof host, &port);
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return fail(out, PITH_ERR_IO, "cannot resolve host %s (DNS)", host);
    case CURLE_COULDNT_RESOLVE_PROXY:
        return fail(out, PITH_ERR_IO, "cannot resolve the proxy: %s", detail);
    case CURLE_COULDNT_CONNECT: {
        long os_errno = 0;
        char reason[128];
        curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
        /* strerror_r, not strerror: several threads may fail at once */
        if (!os_errno || strerror_r((int)os_errno, reason, sizeof reason))
            snprintf(reason, sizeof reason, "%s", detail);
        return fail(out, PITH_ERR_IO, "cannot connect to %s port %ld: %s", host, port, reason);
    }
    case CURLE_OPERATION_TIMEDOUT: {
        /* Which timeout: only two are set, so one that fires before the
         * total time is up is the connect timeout (which also covers name
         * resolution and the TLS handshake). The total one is reported a
         * little before its deadline at times (999.9 ms for 1 s, measured
         * here): a margin of 50 ms and 1 % tells them apart. The phase
         * times are summed over redirects; resolution time 0 means no
         * name was resolved. */
        curl_off_t resolved = 0, elapsed = 0;
        curl_easy_getinfo(h, CURLINFO_NAMELOOKUP_TIME_T, &resolved);
        curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &elapsed);
        curl_off_t total_us = (curl_off_t)t->opt->total_timeout_ms * 1000;
        char took[32];
        if (elapsed < total_us - 50000 - total_us / 100) {
            duration_text(t->opt->connect_timeout_ms, took, sizeof took);
            if (!resolved)
                return fail(out, PITH_ERR_IO, "connect timeout: host %s not resolved within %s",
                            host, took);
            return fail(out, PITH_ERR_IO, "connect timeout: no connection to %s port %ld within %s",
                        host, port, took);
        }
        duration_text(t->opt->total_timeout_ms, took, sizeof took);
        return fail(out, PITH_ERR_IO, "timeout: the transfer took over %s", took);
    }
    case CURLE_TOO_MANY_REDIRECTS:
        return fail(out, PITH_ERR_IO, "more than %d redirects", t->opt->max_redirects);
    case CURLE_UNSUPPORTED_PROTOCOL:
        /* the first URL passed fetch_check_scheme: a redirect led here */
        return fail(out, PITH_ERR_IO, "redirect to a URL that is not http or https refused (%s)",
                    detail);
    case CURLE_FILESIZE_EXCEEDED:
        return fail(out, PITH_ERR_LIMIT, "body is over the limit of %s",
                    size_text(t->opt->max_body_bytes, limit, sizeof limit));
    case CURLE_URL_MALFORMAT:
        return fail(out, PITH_ERR_INVALID, "malformed URL: %s", detail);
    case CURLE_OUT_OF_MEMORY:
        return fail(out, PITH_ERR_NOMEM, "out of memory");
    case CURLE_GOT_NOTHING:
        return fail(out, PITH_ERR_IO, "%s closed the connection without a response", host);
    case CURLE_BAD_CONTENT_ENCODING:
        return fail(out, PITH_ERR_IO, "cannot decode the body: %s", detail);
    default:
        if (is_tls_error(rc))
            return fail(out, PITH_ERR_IO, "TLS failure with %s: %s", host, detail);
        return fail(out, PITH_ERR_IO, "%s", detail);
    }
}

static pith_status check_options(const pith_fetch_options *o, char *error, size_t size)
{
    const char *bad = NULL;
    if (o->connect_timeout_ms < 1 || o->connect_timeout_ms > PITH_MAX_FETCH_TIMEOUT_MS)
        bad = "connect_timeout_ms";
    else if (o->total_timeout_ms < 1 || o->total_timeout_ms > PITH_MAX_FETCH_TIMEOUT_MS)
        bad = "total_timeout_ms";
    else if (o->max_body_bytes < 1 || o->max_body_bytes > PITH_MAX_FETCH_BODY_BYTES)
        bad = "max_body_bytes";
    else if (o->max_redirects < 0 || o->max_redirects > PITH_MAX_FETCH_REDIRECTS)
        bad = "max_redirects";
    if (!bad)
        return PITH_OK;
    snprintf(error, size, "fetch option %s is out of range", bad);
    return PITH_ERR_INVALID;
}

/* A malloc'ed copy of s into *out, which stays NULL for an empty s.
 * -1 when out of memory. */
static int keep_string(char **out, const char *s)
{
    if (!s || !*s)
        return 0;
    size_t len = strlen(s) + 1;
    if (!(*out = malloc(len)))
        return -1;
    memcpy(*out, s, len);
    return 0;
}

/* Everything about the transfer that does not depend on its outcome. */
static CURLcode set_options(CURL *h, const char *url, transfer *t, struct curl_slist *headers,
                            char *errbuf)
{
    const pith_fetch_options *o = t->opt;
    CURLcode rc = CURLE_OK;
#define SET(option, value)                                                                         \
    do {                                                                                           \
        if (rc == CURLE_OK)                                                                        \
            rc = curl_easy_setopt(h, option, value);                                               \
    } while (0)
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_URL, url);
    /* http and https only, for the first request and for every redirect:
     * a redirect to file:// or ftp:// is an attack, not a page */
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 1L);
    SET(CURLOPT_MAXREDIRS, (long)o->max_redirects);
    SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    SET(CURLOPT_TIMEOUT_MS, o->total_timeout_ms);
    /* a Content-Length above the cap fails before the body is read */
    SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body_bytes);
    /* "": every encoding this libcurl decodes (gzip, deflate, br) */
    SET(CURLOPT_ACCEPT_ENCODING, "");
    SET(CURLOPT_USERAGENT, USER_AGENT);
    SET(CURLOPT_HTTPHEADER, headers);
    /* threads: no signals for timeouts (the threaded resolver needs none) */
    SET(CURLOPT_NOSIGNAL, 1L);
    /* A name lookup that outlives the connect timeout is abandoned rather
     * than waited for: otherwise curl_easy_cleanup blocks until the system
     * resolver gives up (10 s and more with glibc's defaults when no DNS
     * server answers). Its thread ends on its own when getaddrinfo
     * returns, and frees what it holds. */
    SET(CURLOPT_QUICK_EXIT, 1L);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, t);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, t);
#undef SET
    return rc;
}

pith_fetch_options pith_fetch_options_default(void)
{
    pith_fetch_options o;
    memset(&o, 0, sizeof o);
    o.connect_timeout_ms = PITH_DEFAULT_FETCH_CONNECT_TIMEOUT_MS;
    o.total_timeout_ms = PITH_DEFAULT_FETCH_TIMEOUT_MS;
    o.max_body_bytes = PITH_DEFAULT_FETCH_MAX_BODY_BYTES;
    o.max_redirects = PITH_DEFAULT_FETCH_MAX_REDIRECTS;
    return o;
}

void pith_fetched_free(pith_fetched *f)
{
    if (!f)
        return;
    free(f->body);
    free(f->final_url);
    free(f->content_type);
    free(f->charset);
    free(f->content_language);
    memset(f, 0, sizeof *f);
}

/* Fills in what is known about the last response, whatever the outcome.
 * -1 when out of memory. */
static int keep_head(transfer *t, CURL *h)
{
    pith_fetched *out = t->out;
    char *final_url = NULL;
    if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final_url) != CURLE_OK)
        final_url = NULL;
    out->http_status = t->status;
    int failed = keep_string(&out->final_url, final_url);
    failed |= keep_string(&out->content_type, t->type);
    failed |= keep_string(&out->charset, t->charset);
    failed |= keep_string(&out->content_language, t->language);
    return failed;
}

/* What a finished transfer amounts to, checked in order: the callbacks'
 * verdict, libcurl's, the final status, and the body's first bytes when
 * the type left it open. */
static pith_status outcome(transfer *t, CURL *h, CURLcode rc, const char *errbuf)
{
    if (keep_head(t, h))
        return fail(t->out, PITH_ERR_NOMEM, "out of memory");
    if (t->rejected != PITH_OK)
        return t->rejected; /* a callback stopped the transfer and said why */
    if (rc != CURLE_OK)
        return describe_failure(t, h, rc, errbuf);
    if (t->status < 200 || t->status >= 300)
        return fail_status(t); /* one without a body, or a redirect without Location */
    /* an empty body passes: pith_extract names that failure */
    if (fetch_type_kind_of(t->type) != FETCH_TYPE_SNIFF || t->body_len == 0 ||
        fetch_looks_like_html(t->body, t->body_len))
        return PITH_OK;
    if (t->type[0])
        return fail(t->out, PITH_ERR_NOT_HTML,
                    "content type %s, and the body does not look like HTML", t->type);
    return fail(t->out, PITH_ERR_NOT_HTML, "no content type, and the body does not look like HTML");
}

pith_status pith_fetch(const char *url, const pith_fetch_options *options, pith_fetched *out)
{
    if (!out)
        return PITH_ERR_INVALID;
    memset(out, 0, sizeof *out);
    pith_fetch_options defaults = pith_fetch_options_default();
    transfer t = {.opt = options ? options : &defaults, .out = out};
    pith_status st = check_options(t.opt, out->error, sizeof out->error);
    if (st == PITH_OK)
        st = fetch_check_scheme(url, out->error, sizeof out->error);
    if (st != PITH_OK)
        return st;

    pthread_once(&curl_once, init_curl);
    if (curl_init_result != CURLE_OK)
        return fail(out, PITH_ERR_IO, "libcurl cannot start: %s",
                    curl_easy_strerror(curl_init_result));
    CURL *h = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, ACCEPT_HEADER);
    char errbuf[CURL_ERROR_SIZE] = "";
    CURLcode rc = CURLE_OUT_OF_MEMORY;
    if (h && headers)
        rc = set_options(h, url, &t, headers, errbuf);
    if (rc == CURLE_OK)
        rc = curl_easy_perform(h);

    st = h ? outcome(&t, h, rc, errbuf) : fail(out, PITH_ERR_NOMEM, "out of memory");
    curl_slist_free_all(headers);
    if (h)
        curl_easy_cleanup(h);
    if (st == PITH_OK) {
        out->body = t.body;
        out->body_len = t.body_len;
    } else {
        free(t.body);
    }
    return st;
}
