/*
 * warc.c — the WARC (and ARC) reader of pith.h: records out of a source
 * (source.h), their headers (header.c, arc.c), their HTTP payloads
 * (http.c).
 *
 * One call of pith_warc_next reads records until one is worth handing
 * out: a response or resource record (as a page, a skip or an error), or a
 * fault of the file. Every other record type is read past and counted.
 * The reader is a loop over small steps, each of which consumes bytes, so
 * no input can make it recurse or stall.
 *
 * Tolerance, after what real archives hold (../shared/warc-samples):
 * version lines in any case and of versions 0.17 to 1.1; LF alone or CR CR
 * LF for CR LF; any number of line ends between records (WARC 1.1 § 4
 * wants two); a wrong Content-Length, garbage or a bad compressed member
 * is a fault with its byte offset, after which the reader looks for the
 * next version line and goes on.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "input/http.h"
#include "input/source.h"
#include "input/warc.h"
#include "pith.h"

/* Bytes looked at for a record header; a longer one is read with the whole
 * window (WARC_SRC_WINDOW), a longer one still is garbage. */
#define HEADER_WANT ((size_t)16 << 10)
/* Bytes of a record over the size cap that are kept all the same: enough
 * for its HTTP head, so that its line still says status and type. */
#define HEAD_PEEK ((size_t)16 << 10)
/* Buffers above this are freed after their record: one huge record must
 * not pin its memory for the rest of the file. */
#define KEEP_BYTES ((size_t)4 << 20)

enum format { FORMAT_UNKNOWN, FORMAT_WARC, FORMAT_ARC };

/* A string of the record being read: an offset into reader->strings, or
 * WARC_NO_FIELD. Pointers are made from them once the record is done,
 * since the buffer may move while it grows. */
typedef struct record_strings {
    size_t type, record_id, target_uri, date, content_type, charset, language;
} record_strings;

struct pith_warc_reader {
    warc_src src;
    int fd; /* ours to close, or -1 */
    size_t max_record;
    pith_warc_stats stats;
    enum format format;
    int arc_version; /* from the ARC version block; 1 until known */
    buf block;       /* the record's block: an HTTP message or a payload */
    buf decoded;     /* the body after its Content-Encoding */
    buf strings;
    buf declared; /* the record's own content type, parsed from this copy */
    record_strings str;
    char error[512];
    char skip[32];
    /* a fault of the source that cut a record: handed out after it */
    int pending;
    char pending_error[512];
    uint64_t pending_offset;
    int resync;       /* the next bytes may be garbage before a record */
    int quiet_resync; /* ... and they are the block of the last record */
    int ended;
    /* the last record whose block was read whole, for the message when
     * garbage follows it (its Content-Length is the likely culprit) */
    int after_block;
    uint64_t last_record;
};

/* ------------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------------ */

/* "at byte N" for a stream offset: of the file when it is uncompressed,
 * else of the decompressed data and the member (frame) it came from. */
static void where(const pith_warc_reader *r, uint64_t at, char *out, size_t size)
{
    const warc_src *s = &r->src;
    if (s->codec == WARC_CODEC_NONE) {
        snprintf(out, size, "at byte %" PRIu64, at);
        return;
    }
    snprintf(out, size,
             "at byte %" PRIu64 " of the decompressed data, in the %s %s at byte %" PRIu64, at,
             warc_codec_name(s->codec), s->codec == WARC_CODEC_GZIP ? "member" : "frame",
             warc_src_member_offset(s, at));
}

/* Up to 40 bytes of the file, quoted for a message: printable ASCII as it
 * is, anything else as \xNN, so messages stay plain text. */
static void quote(const char *b, size_t len, char *out, size_t size)
{
    size_t o = 0;
    if (size < 8)
        return;
    out[o++] = '"';
    for (size_t i = 0; i < len && i < 40 && o + 6 < size; i++) {
        unsigned char c = (unsigned char)b[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
    }
    if (len > 40 && o + 4 < size)
        o += (size_t)snprintf(out + o, size - o, "...");
    out[o++] = '"';
    out[o] = '\0';
}

/* A message into out[0..size). Its strings are valid UTF-8 (record fields
 * are, the rest is ASCII), but one that does not fit is cut at a byte:
 * the cut goes back to the last whole character, as pith.h promises
 * valid UTF-8. */
__attribute__((format(printf, 3, 4))) static void say(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* clang-analyzer 14 misses the va_start above on glibc */
    int n = vsnprintf(out, size, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    if (n >= 0 && (size_t)n >= size) {
        int multibyte;
        out[utf8_valid_prefix((const unsigned char *)out, size - 1, &multibyte)] = '\0';
    }
}

static const char *str(const pith_warc_reader *r, size_t at)
{
    return at == WARC_NO_FIELD ? NULL : r->strings.data + at;
}

static void reset_strings(pith_warc_reader *r)
{
    buf_reset(&r->strings);
    r->str.type = r->str.record_id = r->str.target_uri = r->str.date = WARC_NO_FIELD;
    r->str.content_type = r->str.charset = r->str.language = WARC_NO_FIELD;
}

/* Hands out a fault of the file: error and offset are set by the caller. */
static int fault(pith_warc_reader *r, pith_warc_record *rec, uint64_t file_offset,
                 uint64_t stream_offset)
{
    rec->kind = PITH_WARC_FAULT;
    rec->error = r->error;
    rec->offset = file_offset;
    rec->stream_offset = stream_offset;
    return 1;
}

/* The source stopped on a fault: hand it out and go on past it. The
 * bytes after a gap need not start a record. */
static int source_fault(pith_warc_reader *r, pith_warc_record *rec)
{
    say(r->error, sizeof r->error, "%s", warc_src_fault(&r->src));
    uint64_t at = r->src.fault_file;
    uint64_t stream = warc_src_offset(&r->src);
    if (warc_src_status_of(&r->src) == WARC_SRC_ERROR) {
        if (!r->error[0])
            say(r->error, sizeof r->error, "out of memory");
        r->ended = 1;
    }
    warc_src_resume(&r->src);
    r->resync = 1;
    r->after_block = 0;
    return fault(r, rec, at, stream);
}

/* Why the stream stopped before the bytes a record needed: the source's
 * fault, or the end of the data. */
static const char *stop_reason(const pith_warc_reader *r)
{
    warc_src_status st = warc_src_status_of(&r->src);
    if ((st == WARC_SRC_FAULT || st == WARC_SRC_ERROR) && *warc_src_fault(&r->src))
        return warc_src_fault(&r->src);
    return st == WARC_SRC_ERROR ? "out of memory" : "the data ends";
}

/* After a record cut by a fault of the source: the fault comes next. */
static void queue_source_fault(pith_warc_reader *r)
{
    warc_src_status st = warc_src_status_of(&r->src);
    if (st != WARC_SRC_FAULT && st != WARC_SRC_ERROR) {
        r->ended = st == WARC_SRC_END;
        return;
    }
    r->pending = 1;
    say(r->pending_error, sizeof r->pending_error, "%s",
        *warc_src_fault(&r->src) ? warc_src_fault(&r->src) : "out of memory");
    r->pending_offset = r->src.fault_file;
    if (st == WARC_SRC_ERROR)
        r->ended = 1;
    warc_src_resume(&r->src);
    r->resync = 1;
}

/* ------------------------------------------------------------------------
 * Bytes
 * ------------------------------------------------------------------------ */

/* Reads n bytes of a block, appending the first `keep` of them to `into`
 * (NULL: none). Returns the bytes read: fewer than n when the stream
 * stopped (its status says why). */
static uint64_t read_block(pith_warc_reader *r, uint64_t n, buf *into, size_t keep)
{
    uint64_t done = 0;
    if (into) {
        buf_reset(into);
        if (buf_reserve(into, keep))
            return 0;
    }
    while (done < n) {
        uint64_t left = n - done;
        size_t avail =
            warc_src_fill(&r->src, left < WARC_SRC_WINDOW ? (size_t)left : WARC_SRC_WINDOW);
        if (avail == 0)
            break;
        size_t take = left < avail ? (size_t)left : avail;
        if (into && into->len < keep) {
            size_t k = keep - into->len < take ? keep - into->len : take;
            memcpy(into->data + into->len, warc_src_data(&r->src), k);
            into->len += k;
        }
        warc_src_skip(&r->src, take);
        done += take;
    }
    return done;
}

static int is_separator(unsigned char c, enum format f)
{
    /* ARC files are padded with spaces or NULs at their end */
    return c == '\n' || c == '\r' || (f == FORMAT_ARC && (c == ' ' || c == '\0'));
}

/* Skips the line ends between records. Returns 1 with a FAULT in rec when
 * the source stopped on one, else 0 (r->ended at the end). */
static int between_records(pith_warc_reader *r, pith_warc_record *rec)
{
    for (;;) {
        size_t avail = warc_src_fill(&r->src, 1);
        const unsigned char *b = warc_src_data(&r->src);
        size_t i = 0;
        while (i < avail && is_separator(b[i], r->format))
            i++;
        warc_src_skip(&r->src, i);
        if (i < avail)
            return 0;
        if (avail)
            continue;
        switch (warc_src_status_of(&r->src)) {
        case WARC_SRC_END:
            r->ended = 1;
            return 0;
        case WARC_SRC_FAULT:
        case WARC_SRC_ERROR:
            return source_fault(r, rec);
        case WARC_SRC_MORE:
            break;
        }
    }
}

/* The offset of the first ARC header line in b[0..len) at a line start,
 * or len; *sure = 0 when a line at the end is not complete yet. */
static size_t arc_find_header(const pith_warc_reader *r, const char *b, size_t len, int *sure)
{
    *sure = 1;
    for (size_t i = 0; i < len;) {
        const char *lf = memchr(b + i, '\n', len - i);
        if (!lf) {
            *sure = 0;
            return i;
        }
        size_t n = (size_t)(lf - (b + i));
        while (n && b[i + n - 1] == '\r')
            n--;
        arc_header h;
        if ((i == 0 || b[i - 1] == '\n') && !arc_header_parse(b + i, n, r->arc_version, &h))
            return i;
        i = (size_t)(lf - b) + 1;
    }
    return len;
}

/* Skips garbage up to the next record header (a version line, or an ARC
 * header line). Returns 1 with a FAULT in rec when what it skipped was
 * more than line ends and spaces, else 0. */
static int resync(pith_warc_reader *r, pith_warc_record *rec)
{
    uint64_t start = warc_src_offset(&r->src);
    uint64_t junk = 0;
    int blank = 1, found = 0;
    r->resync = 0;
    for (;;) {
        size_t avail = warc_src_fill(&r->src, WARC_SRC_WINDOW);
        const char *b = (const char *)warc_src_data(&r->src);
        if (avail == 0)
            break;
        int sure;
        size_t at = r->format == FORMAT_ARC ? arc_find_header(r, b, avail, &sure)
                                            : warc_find_version(b, avail, &sure);
        int more = warc_src_status_of(&r->src) == WARC_SRC_MORE && avail < WARC_SRC_WINDOW;
        if (at < avail && !sure && (more || (at > 0 && avail == WARC_SRC_WINDOW)))
            ; /* skip up to it, and look again with more bytes */
        else if (at < avail && !sure)
            at = avail; /* it stays incomplete: garbage */
        else if (at < avail)
            found = 1;
        for (size_t i = 0; i < at && blank; i++)
            blank = b[i] == '\n' || b[i] == '\r' || b[i] == ' ' || b[i] == '\t';
        warc_src_skip(&r->src, at);
        junk += at;
        if (found)
            break;
    }
    if (junk == 0 || blank || r->quiet_resync) {
        /* nothing, or the block of a record whose length was unknown: its
         * error said so already */
        r->quiet_resync = 0;
        r->after_block = 0;
        return 0;
    }
    char at_text[160];
    where(r, start, at_text, sizeof at_text);
    const char *tail = found ? "" : ", to the end of the data";
    if (r->after_block) {
        char last[160];
        where(r, r->last_record, last, sizeof last);
        say(r->error, sizeof r->error,
            "%" PRIu64 " bytes of garbage %s where a record header was due%s (after the record "
            "%s: its Content-Length may be wrong)",
            junk, at_text, tail, last);
    } else {
        say(r->error, sizeof r->error,
            "%" PRIu64 " bytes of garbage %s where a record header was due%s", junk, at_text, tail);
    }
    r->after_block = 0;
    return fault(r, rec, warc_src_member_offset(&r->src, start), start);
}

/* ------------------------------------------------------------------------
 * Payloads
 * ------------------------------------------------------------------------ */
static void set_skip(pith_warc_reader *r, pith_warc_record *rec, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_skip(pith_warc_reader *r, pith_warc_record *rec, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* clang-analyzer 14 misses the va_start above on glibc */
    vsnprintf(r->skip, sizeof r->skip, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    rec->kind = PITH_WARC_SKIPPED;
    rec->skip = r->skip;
}

/* "what (record at byte N)": what went wrong first, up to its first ':'
 * or " (" a short kind that summaries can count by. */
static void set_error(pith_warc_reader *r, pith_warc_record *rec, const char *what)
{
    char at[160];
    where(r, rec->stream_offset, at, sizeof at);
    say(r->error, sizeof r->error, "%s (record %s)", what, at);
    rec->kind = PITH_WARC_ERROR;
    rec->error = r->error;
}

/* A media type as the record gives it: lowercase, no parameters. */
static int keep_media_type(pith_warc_reader *r, const char *type, size_t len)
{
    if (!type || !len)
        return 0;
    size_t at = warc_add_string(&r->strings, type, len);
    if (at == WARC_NO_FIELD)
        return -1;
    for (char *p = r->strings.data + at; *p; p++)
        *p = ascii_lower(*p);
    r->str.content_type = at;
    return 0;
}

static int is_blank(const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n' && b[i] != '\f')
            return 0;
    }
    return 1;
}

enum http_mode {
    HTTP_NEVER,   /* a resource: the block is the payload */
    HTTP_IF_SEEN, /* an HTTP message when it starts like one (ARC, odd types) */
    HTTP_ALWAYS,  /* application/http: it must be one */
};

static int starts_http(const char *b, size_t len)
{
    size_t i = 0;
    while (i < len && (b[i] == '\r' || b[i] == '\n'))
        i++;
    return len - i >= 5 && ascii_ieq(b + i, 5, "http/");
}

/* Turns the block in r->block into a PAGE, SKIPPED or ERROR record.
 * `declared` is the record header's content type (WARC Content-Type or the
 * ARC type field); `over_cap`: the block was longer than the cap and holds
 * its first bytes only. */
static void payload(pith_warc_reader *r, pith_warc_record *rec, enum http_mode mode,
                    const char *declared, int over_cap)
{
    char *msg = r->block.data;
    size_t len = r->block.len;
    http_head h;
    memset(&h, 0, sizeof h);
    char *body = msg;
    size_t body_len = len;
    int http = mode == HTTP_ALWAYS || (mode == HTTP_IF_SEEN && starts_http(msg, len));
    if (http) {
        int rc = http_parse_head(msg, len, &h);
        if (rc == HTTP_NOT_HTTP) {
            char what[160], q[200];
            size_t n = 0;
            while (n < len && n < 40 && msg[n] != '\n')
                n++;
            quote(msg, n, q, sizeof q);
            say(what, sizeof what, "not an HTTP response: the block starts %s", q);
            set_error(r, rec, what);
            return;
        }
        rec->http_status = h.status;
        body = msg + (rc == HTTP_PARSED ? h.body : len);
        body_len = rc == HTTP_PARSED ? len - h.body : 0;
    } else if (declared) {
        /* declared lies in r->strings (a WARC record's Content-Type),
         * where the parts of it are kept below, moving the buffer as it
         * grows: parsed from a copy that stays put */
        buf_reset(&r->declared);
        if (buf_append(&r->declared, declared, strlen(declared)) ||
            buf_terminate(&r->declared)) { /* never NULL, even when empty */
            set_error(r, rec, "out of memory");
            return;
        }
        http_content_type(&h, r->declared.data, r->declared.len);
    }
    if (keep_media_type(r, h.media_type, h.media_type_len) ||
        (h.charset && (r->str.charset = warc_add_string(&r->strings, h.charset, h.charset_len)) ==
                          WARC_NO_FIELD) ||
        (h.language && (r->str.language = warc_add_string(&r->strings, h.language,
                                                          h.language_len)) == WARC_NO_FIELD)) {
        set_error(r, rec, "out of memory");
        return;
    }
    if (http && (h.status < 200 || h.status > 299)) {
        set_skip(r, rec, "HTTP %d", h.status);
        return;
    }
    int unknown = http_media_is_unknown(h.media_type, h.media_type_len);
    if (!unknown && !http_media_is_html(h.media_type, h.media_type_len)) {
        set_skip(r, rec, "not HTML");
        return;
    }
    if (over_cap) {
        set_skip(r, rec, "over the size limit");
        return;
    }
    if (http && h.chunked)
        body_len = http_dechunk(body, body_len);
    if (http && h.coding != HTTP_CODING_NONE) {
        switch (http_decode(h.coding, body, body_len, &r->decoded, r->max_record)) {
        case HTTP_DECODED:
            body = r->decoded.data;
            body_len = r->decoded.len;
            break;
        case HTTP_OVER_CAP:
            set_skip(r, rec, "over the size limit");
            return;
        case HTTP_DECODE_NOMEM:
            set_error(r, rec, "out of memory while decoding the body");
            return;
        default:
            break; /* stored decoded already */
        }
    }
    if (is_blank(body, body_len)) {
        set_skip(r, rec, "empty");
        return;
    }
    if (unknown && !http_sniff_html(body, body_len)) {
        set_skip(r, rec, "not HTML");
        return;
    }
    rec->kind = PITH_WARC_PAGE;
    rec->payload = body;
    rec->payload_len = body_len;
}

/* Reads the block of a response or resource record (n bytes) and makes
 * the record of it. Returns 1 (the record is always handed out). */
static int page_record(pith_warc_reader *r, pith_warc_record *rec, uint64_t n, enum http_mode mode,
                       const char *declared)
{
    int over_cap = n > r->max_record;
    size_t keep = over_cap ? HEAD_PEEK : (size_t)n;
    uint64_t got = read_block(r, n, &r->block, keep);
    if (r->block.cap < keep) {
        set_error(r, rec, "out of memory");
        read_block(r, n - got, NULL, 0);
        return 1;
    }
    if (got < n) {
        char what[200];
        say(what, sizeof what, "cut off: %" PRIu64 " of its %" PRIu64 " bytes are there; %s", got,
            n, stop_reason(r));
        set_error(r, rec, what);
        queue_source_fault(r);
        return 1;
    }
    r->after_block = 1;
    r->last_record = rec->stream_offset;
    payload(r, rec, mode, declared, over_cap);
    return 1;
}

/* ------------------------------------------------------------------------
 * WARC records (WARC 1.1 § 4 and § 6)
 * ------------------------------------------------------------------------ */
static int type_is(const char *type, const char *name)
{
    return type && ascii_ieq(type, strlen(type), name);
}

/* WARC-Target-URI as WARC 1.0 wrote it, or in angle brackets as the WARC
 * 1.1 grammar did by mistake (errata) and some writers copied. */
static void unbracket(pith_warc_reader *r)
{
    if (r->str.target_uri == WARC_NO_FIELD)
        return;
    char *u = r->strings.data + r->str.target_uri;
    size_t n = strlen(u);
    if (n >= 2 && u[0] == '<' && u[n - 1] == '>') {
        u[n - 1] = '\0';
        r->str.target_uri++;
    }
}

static int warc_record(pith_warc_reader *r, pith_warc_record *rec)
{
    uint64_t start = warc_src_offset(&r->src);
    size_t want = HEADER_WANT;
    warc_header h;
    int rc;
    for (;;) {
        size_t avail = warc_src_fill(&r->src, want);
        reset_strings(r);
        rc = warc_header_parse((const char *)warc_src_data(&r->src), avail, &h, &r->strings);
        if (rc != WARC_HEADER_CUT || avail < want || want == WARC_SRC_WINDOW)
            break;
        want = WARC_SRC_WINDOW;
    }
    if (rc == WARC_HEADER_NOT_VERSION)
        return resync(r, rec);
    if (rc == WARC_HEADER_NOMEM) {
        say(r->error, sizeof r->error, "out of memory");
        r->ended = 1;
        return fault(r, rec, warc_src_member_offset(&r->src, start), start);
    }
    r->str.type = h.type;
    r->str.record_id = h.record_id;
    r->str.date = h.date;
    r->str.target_uri = h.target_uri;
    unbracket(r);
    const char *type = str(r, h.type);
    int page = type_is(type, "response") || type_is(type, "resource");
    rec->offset = warc_src_member_offset(&r->src, start);
    rec->stream_offset = start;
    rec->date_unix =
        h.date != WARC_NO_FIELD ? warc_date_unix(str(r, h.date), strlen(str(r, h.date))) : 0;
    r->after_block = 0;
    char at[160], what[320];
    where(r, start, at, sizeof at);
    if (rc == WARC_HEADER_CUT) {
        /* no empty line ends it: the file ends (or breaks) inside it, or
         * it is larger than any real header */
        size_t avail = warc_src_avail(&r->src);
        int too_long = avail >= WARC_SRC_WINDOW;
        warc_src_skip(&r->src, too_long ? 1 : avail);
        r->stats.records++;
        r->resync = 1;
        const char *why = too_long ? "is longer than the limit of 256 KiB" : "is cut off: ";
        if (page) {
            say(what, sizeof what, "header %s: %s", too_long ? "too long" : "cut off",
                too_long ? "over 256 KiB" : stop_reason(r));
            set_error(r, rec, what);
            queue_source_fault(r);
            return 1;
        }
        say(r->error, sizeof r->error, "%s record header %s %s%s", type ? type : "untyped", at, why,
            too_long ? "" : stop_reason(r));
        queue_source_fault(r);
        return fault(r, rec, rec->offset, start);
    }
    warc_src_skip(&r->src, h.size);
    r->stats.records++;
    if (h.content_length < 0) {
        /* the block cannot be told from what follows: look for the next
         * version line (WARC 1.1 § 5.3 makes Content-Length mandatory) */
        char q[200];
        if (h.length_text != WARC_NO_FIELD)
            quote(str(r, h.length_text), strlen(str(r, h.length_text)), q, sizeof q);
        else
            say(q, sizeof q, "none");
        r->resync = r->quiet_resync = 1;
        if (page) {
            say(what, sizeof what, "no valid Content-Length (%s)", q);
            set_error(r, rec, what);
            return 1;
        }
        say(r->error, sizeof r->error, "%s record %s has no valid Content-Length (%s)",
            type && *type ? type : "untyped", at, q);
        return fault(r, rec, rec->offset, start);
    }
    uint64_t n = (uint64_t)h.content_length;
    if (!page) {
        /* request, metadata, revisit, warcinfo, conversion, continuation
         * and unknown types (WARC 1.1 § 6): read past, counted */
        uint64_t got = read_block(r, n, NULL, 0);
        r->stats.skipped_types++;
        if (got < n) {
            say(r->error, sizeof r->error,
                "%s record %s is cut off: %" PRIu64 " of its %" PRIu64 " bytes are there; %s",
                type && *type ? type : "untyped", at, got, n, stop_reason(r));
            queue_source_fault(r);
            return fault(r, rec, rec->offset, start);
        }
        r->after_block = 1;
        r->last_record = start;
        return 0;
    }
    /* response (§ 6.3): an HTTP message when application/http says so or
     * the block starts like one (DNS and other protocols store theirs as
     * they are); resource (§ 6.4): the block is the payload its
     * Content-Type names, unless it names none and the block is an HTTP
     * message all the same (JWAT's test files hold such) */
    const char *declared = str(r, h.content_type);
    int app_http =
        declared && strlen(declared) >= 16 && ascii_ieq(declared, 16, "application/http");
    enum http_mode mode = app_http ? HTTP_ALWAYS : HTTP_IF_SEEN;
    if (type_is(type, "resource") && declared && *declared && !app_http)
        mode = HTTP_NEVER;
    return page_record(r, rec, n, mode, declared);
}

/* ------------------------------------------------------------------------
 * ARC records
 * ------------------------------------------------------------------------ */

/* "20140216050221" as "2014-02-16T05:02:21Z", the form WARC-Date has. */
static size_t arc_date(buf *b, const char *d, size_t len)
{
    char iso[32];
    if (len == 14)
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 8, d + 10,
                 d + 12);
    else
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2sZ", d, d + 4, d + 6, d + 8, d + 10);
    return warc_add_string(b, iso, strlen(iso));
}

static int arc_record(pith_warc_reader *r, pith_warc_record *rec)
{
    uint64_t start = warc_src_offset(&r->src);
    size_t avail = warc_src_fill(&r->src, HEADER_WANT);
    const char *b = (const char *)warc_src_data(&r->src);
    const char *lf = memchr(b, '\n', avail);
    if (!lf && avail >= HEADER_WANT) {
        /* a long line: look at the whole window before calling it garbage */
        avail = warc_src_fill(&r->src, WARC_SRC_WINDOW);
        b = (const char *)warc_src_data(&r->src);
        lf = memchr(b, '\n', avail);
    }
    arc_header ah;
    size_t n = lf ? (size_t)(lf - b) : 0;
    while (n && b[n - 1] == '\r')
        n--;
    if (!lf || arc_header_parse(b, n, r->arc_version, &ah))
        return resync(r, rec);
    reset_strings(r);
    if ((r->str.target_uri = warc_add_string(&r->strings, ah.url, ah.url_len)) == WARC_NO_FIELD ||
        (ah.date_len >= 12 && ah.date[0] >= '0' && ah.date[0] <= '9' &&
         (r->str.date = arc_date(&r->strings, ah.date, ah.date_len)) == WARC_NO_FIELD)) {
        say(r->error, sizeof r->error, "out of memory");
        r->ended = 1;
        return fault(r, rec, warc_src_member_offset(&r->src, start), start);
    }
    rec->offset = warc_src_member_offset(&r->src, start);
    rec->stream_offset = start;
    rec->date_unix = warc_date_unix(ah.date, ah.date_len);
    int filedesc = arc_filedesc(ah.url, ah.url_len);
    char mime[128];
    say(mime, sizeof mime, "%.*s", (int)(ah.mime_len < 100 ? ah.mime_len : 100), ah.mime);
    warc_src_skip(&r->src, (size_t)(lf - b) + 1);
    r->stats.records++;
    r->after_block = 0;
    if (!filedesc) {
        /* an HTTP response when the block starts with a status line (ARC
         * stores them with their headers); else the type field says */
        return page_record(r, rec, ah.length, HTTP_IF_SEEN, mime);
    }
    /* the version block: "1 0 InternetArchive" on its first line tells
     * which fields the header lines have */
    uint64_t got = read_block(r, ah.length, &r->block, HEADER_WANT);
    r->stats.skipped_types++;
    if (r->block.len >= 2 && r->block.data[0] == '2' && r->block.data[1] == ' ')
        r->arc_version = 2;
    if (got < ah.length) {
        char at[160];
        where(r, start, at, sizeof at);
        say(r->error, sizeof r->error,
            "ARC version block %s is cut off: %" PRIu64 " of its %" PRIu64 " bytes are there; %s",
            at, got, ah.length, stop_reason(r));
        queue_source_fault(r);
        return fault(r, rec, rec->offset, start);
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * The public API
 * ------------------------------------------------------------------------ */
static enum format format_of(const char *b, size_t len)
{
    arc_header ah;
    const char *lf = memchr(b, '\n', len);
    size_t n = lf ? (size_t)(lf - b) : len;
    while (n && b[n - 1] == '\r')
        n--;
    if (arc_filedesc(b, len) || (lf && !arc_header_parse(b, n, 1, &ah)))
        return FORMAT_ARC;
    return FORMAT_WARC;
}

/* One step: the line ends before a record, then the record. Returns 1
 * when rec holds something to hand out. */
static int step(pith_warc_reader *r, pith_warc_record *rec)
{
    if (between_records(r, rec))
        return 1;
    if (r->ended)
        return 0;
    if (r->format == FORMAT_UNKNOWN) {
        size_t avail = warc_src_fill(&r->src, HEADER_WANT);
        r->format = format_of((const char *)warc_src_data(&r->src), avail);
    }
    if (r->resync && resync(r, rec))
        return 1;
    if (warc_src_avail(&r->src) == 0 && warc_src_fill(&r->src, 1) == 0)
        return 0; /* resync reached the end: between_records says so next */
    return r->format == FORMAT_ARC ? arc_record(r, rec) : warc_record(r, rec);
}

void pith_warc_next(pith_warc_reader *r, pith_warc_record *rec)
{
    if (!rec)
        return;
    memset(rec, 0, sizeof *rec);
    rec->kind = PITH_WARC_END;
    if (!r)
        return;
    buf_trim(&r->block, KEEP_BYTES);
    buf_trim(&r->decoded, KEEP_BYTES);
    buf_trim(&r->strings, KEEP_BYTES);
    reset_strings(r);
    for (;;) {
        if (r->pending) {
            r->pending = 0;
            say(r->error, sizeof r->error, "%s", r->pending_error);
            fault(r, rec, r->pending_offset, warc_src_offset(&r->src));
            break;
        }
        if (r->ended) {
            rec->kind = PITH_WARC_END;
            break;
        }
        if (step(r, rec))
            break;
    }
    if (rec->kind != PITH_WARC_FAULT && rec->kind != PITH_WARC_END) {
        rec->type = str(r, r->str.type);
        rec->record_id = str(r, r->str.record_id);
        rec->target_uri = str(r, r->str.target_uri);
        rec->date = str(r, r->str.date);
        rec->content_type = str(r, r->str.content_type);
        rec->charset = str(r, r->str.charset);
        rec->content_language = str(r, r->str.language);
    }
    switch (rec->kind) {
    case PITH_WARC_PAGE:
        r->stats.pages++;
        break;
    case PITH_WARC_SKIPPED:
        r->stats.skipped++;
        break;
    case PITH_WARC_ERROR:
        r->stats.errors++;
        break;
    case PITH_WARC_FAULT:
        r->stats.faults++;
        break;
    case PITH_WARC_END:
        break;
    }
    r->stats.bytes_in = warc_src_bytes_in(&r->src);
}

static pith_status new_reader(size_t max_record_bytes, pith_warc_reader **out)
{
    pith_warc_reader *r = calloc(1, sizeof *r);
    if (!r)
        return PITH_ERR_NOMEM;
    r->fd = -1;
    r->max_record = max_record_bytes ? max_record_bytes : PITH_WARC_DEFAULT_MAX_RECORD_BYTES;
    r->arc_version = 1;
    reset_strings(r);
    *out = r;
    return PITH_OK;
}

pith_status pith_warc_open(const char *path, size_t max_record_bytes, pith_warc_reader **out)
{
    if (!out)
        return PITH_ERR_INVALID;
    *out = NULL;
    if (!path)
        return PITH_ERR_INVALID;
    int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0)
        return PITH_ERR_IO;
    pith_warc_reader *r = NULL;
    pith_status st = new_reader(max_record_bytes, &r);
    if (st == PITH_OK && warc_src_open_fd(&r->src, fd)) {
        free(r);
        st = PITH_ERR_NOMEM;
    }
    if (st != PITH_OK) {
        if (fd != STDIN_FILENO)
            close(fd);
        errno = ENOMEM;
        return st;
    }
    r->fd = fd != STDIN_FILENO ? fd : -1;
    *out = r;
    return PITH_OK;
}

pith_status pith_warc_open_memory(const void *bytes, size_t len, size_t max_record_bytes,
                                  pith_warc_reader **out)
{
    if (!out)
        return PITH_ERR_INVALID;
    *out = NULL;
    if (!bytes && len)
        return PITH_ERR_INVALID;
    pith_warc_reader *r = NULL;
    pith_status st = new_reader(max_record_bytes, &r);
    if (st != PITH_OK)
        return st;
    if (warc_src_open_mem(&r->src, bytes ? bytes : "", len)) {
        free(r);
        return PITH_ERR_NOMEM;
    }
    *out = r;
    return PITH_OK;
}

const pith_warc_stats *pith_warc_stats_of(const pith_warc_reader *r)
{
    return r ? &r->stats : NULL;
}

void pith_warc_close(pith_warc_reader *r)
{
    if (!r)
        return;
    warc_src_close(&r->src);
    if (r->fd >= 0)
        close(r->fd);
    buf_free(&r->block);
    buf_free(&r->decoded);
    buf_free(&r->strings);
    buf_free(&r->declared);
    free(r);
}

int pith_is_warc(const void *bytes, size_t len)
{
    warc_src s;
    if (!bytes || warc_src_open_mem(&s, bytes, len))
        return 0;
    size_t avail = warc_src_fill(&s, 4096);
    const char *b = (const char *)warc_src_data(&s);
    size_t i = 0;
    while (i < avail && (b[i] == '\r' || b[i] == '\n'))
        i++;
    /* an ARC file starts with its filedesc record, or (when its writer
     * left that out) with the header line of its first record */
    arc_header ah;
    const char *lf = memchr(b + i, '\n', avail - i);
    size_t n = lf ? (size_t)(lf - (b + i)) : 0;
    while (n && b[i + n - 1] == '\r')
        n--;
    int yes = warc_version_line(b + i, avail - i) > 0 || arc_filedesc(b + i, avail - i) ||
              (lf && !arc_header_parse(b + i, n, 1, &ah));
    warc_src_close(&s);
    return yes;
}
