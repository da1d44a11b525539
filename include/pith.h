/*
 * pith.h — turn web pages into articles.
 *
 * This header is the whole public interface of libpith and is meant to be
 * read top to bottom as its manual.
 *
 * A web page goes in as raw bytes (whatever their charset); out comes the
 * article a person came to read — without the navigation, teasers, cookie
 * layers and newsletter boxes — rendered as plain text or Markdown through a
 * write callback of the caller's choosing.
 *
 *     pith_options opt = pith_options_default();
 *     pith_extractor *ex = NULL;
 *     if (pith_extractor_new(&opt, &ex) != PITH_OK) ...;
 *     for (each page) {
 *         pith_input in = {.url = page_url, .charset = http_charset};
 *         const pith_doc *doc = NULL;
 *         pith_status st = pith_extract(ex, bytes, len, &in, &doc);
 *         if (st == PITH_OK)
 *             pith_render(doc, PITH_FORMAT_TEXT, write_cb, user);
 *         else
 *             report(pith_strerror(st), pith_extractor_error(ex));
 *     }
 *     pith_extractor_free(ex);
 *
 * Naming: every public symbol starts with `pith_` (types `pith_thing`,
 * functions `pith_thing_verb`, enum values `PITH_THING_VALUE`).
 *
 * Threads: the library has no global mutable state. One extractor serves
 * one thread at a time; run one extractor per worker thread. A pith_doc is
 * read-only and may be rendered from any thread while its extractor is idle.
 *
 * Memory: an extractor owns every byte it hands out. A document is valid
 * until the next pith_extract, pith_extractor_reset or pith_extractor_free
 * on the same extractor; its storage is then reused, not freed, so a
 * long-running worker reaches a steady state with no allocation per page.
 *
 * Errors: functions return a pith_status. The library never prints, never
 * exits and never aborts on any input; allocation failures and exceeded
 * limits come back as statuses too. Every *_free function accepts NULL.
 */
#ifndef PITH_H
#define PITH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Public functions are the only symbols libpith.so exports. */
#if defined(__GNUC__) || defined(__clang__)
#define PITH_API __attribute__((visibility("default")))
#else
#define PITH_API
#endif

#define PITH_VERSION_MAJOR 0
#define PITH_VERSION_MINOR 1
#define PITH_VERSION_PATCH 0
#define PITH_VERSION_STRING "0.1.0"

/* The library's version string ("0.1.0"); static storage. Compare with
 * PITH_VERSION_STRING to detect a header/library mismatch. */
PITH_API const char *pith_version(void);

/* ------------------------------------------------------------------------
 * Status codes
 *
 * Values are pinned: they never change meaning between versions, so they
 * may be stored or sent across processes.
 * ------------------------------------------------------------------------ */
typedef enum pith_status {
    PITH_OK = 0,
    PITH_ERR_NOMEM = 1,      /* an allocation failed */
    PITH_ERR_INVALID = 2,    /* a NULL or out-of-range argument */
    PITH_ERR_LIMIT = 3,      /* the input exceeds a limit (see pith_limits) */
    PITH_ERR_EMPTY = 4,      /* the input has no bytes, or only whitespace */
    PITH_ERR_NOT_HTML = 5,   /* the bytes are binary (an image, PDF, archive) */
    PITH_ERR_ENCODING = 6,   /* the charset could not be converted */
    PITH_ERR_PARSE = 7,      /* the HTML parser failed outright */
    PITH_ERR_NO_CONTENT = 8, /* parsed, but the page has no text at all */
    PITH_ERR_WRITE = 9,      /* the write callback reported a failure */
    PITH_ERR_IO = 10,        /* reading an input failed (tools, bindings) */
} pith_status;

/* A short English sentence for a status ("input exceeds a limit");
 * static storage, never NULL, also for unknown values. */
PITH_API const char *pith_strerror(pith_status status);

/* ------------------------------------------------------------------------
 * Limits
 *
 * What the library accepts from one document, so that no input can make it
 * allocate without bound. Exceeding one returns PITH_ERR_LIMIT, and
 * pith_extractor_error() names the limit and the value seen. The defaults
 * fit every page of the benchmark sets with a wide margin; lower them to
 * protect a host, raise them (up to the PITH_MAX_* caps) for odd inputs.
 * A field left at 0 means "the default".
 * ------------------------------------------------------------------------ */
typedef struct pith_limits {
    /* Bytes of one input. Default 64 MiB: the largest real pages are a few
     * MB; a 64 MB "page" is an archive or a dump, not an article. */
    size_t max_input_bytes;
    /* Nodes (elements, text runs, comments) of one tree. Default 4 million:
     * about 40 bytes each, so the tree stays under ~160 MB. */
    size_t max_nodes;
    /* Element nesting depth. Default 512. Deeper elements are not an error:
     * they are flattened into their ancestor at this depth, text kept. */
    size_t max_depth;
    /* Bytes of all attribute names and values of one element. Default
     * 1 MiB. Longer attribute values are truncated, not an error. */
    size_t max_attribute_bytes;
    /* Bytes pith may allocate for one document: the decoded text, the
     * tree, the extraction's and the record's working storage (every
     * growth during pith_extract is counted; frees are not subtracted).
     * Default 1 GiB: a scrapinghub page takes 2 to 3 times its size plus
     * ~250 KB, so PITH_DEFAULT_MAX_INPUT_BYTES of ordinary HTML fits with
     * room to spare, and the inputs of tests/pathological pass. The
     * parser's and the JSON-LD reader's own working memory (libxml2,
     * jansson) is outside the count: it is bounded by the input size. */
    size_t max_memory_bytes;
} pith_limits;

#define PITH_DEFAULT_MAX_INPUT_BYTES ((size_t)64 << 20)
#define PITH_DEFAULT_MAX_NODES ((size_t)4 << 20)
#define PITH_DEFAULT_MAX_DEPTH ((size_t)512)
#define PITH_DEFAULT_MAX_ATTRIBUTE_BYTES ((size_t)1 << 20)
#define PITH_DEFAULT_MAX_MEMORY_BYTES ((size_t)1 << 30)

/* ------------------------------------------------------------------------
 * Options
 *
 * A plain struct: start from pith_options_default() and change fields.
 * Options are copied into the extractor by pith_extractor_new.
 * ------------------------------------------------------------------------ */
typedef enum pith_tradeoff {
    PITH_BALANCED = 0,  /* default: best F1 on the benchmark sets */
    PITH_PRECISION = 1, /* drop doubtful blocks: less chrome, may lose text */
    PITH_RECALL = 2,    /* keep doubtful blocks: nothing lost, more chrome */
} pith_tradeoff;

typedef struct pith_options {
    pith_tradeoff tradeoff; /* default PITH_BALANCED */
    int tables;             /* keep tables in the article; default 1 */
    int links;              /* render link targets (Markdown); default 0 */
    int images;             /* render images (Markdown); default 0 */
    int comments;           /* keep the readers' comments section; default 0 */
    pith_limits limits;     /* default: all zero = the defaults above */
} pith_options;

/* The defaults, as documented field by field above. */
PITH_API pith_options pith_options_default(void);

/* ------------------------------------------------------------------------
 * The extractor: one per thread, reused across documents
 * ------------------------------------------------------------------------ */
typedef struct pith_extractor pith_extractor;

/* Creates an extractor with a copy of *options (NULL: the defaults).
 * On success *out owns the new extractor (free it with
 * pith_extractor_free). Returns PITH_ERR_INVALID for a limit above its
 * PITH_MAX_* cap, PITH_ERR_NOMEM when memory runs out. */
PITH_API pith_status pith_extractor_new(const pith_options *options, pith_extractor **out);

/* Frees the extractor and every document it produced. NULL is fine. */
PITH_API void pith_extractor_free(pith_extractor *ex);

/* Forgets the last document and gives back memory beyond what a typical
 * page needs; the extractor stays usable. pith_extract does the cheap part
 * of this on its own, so calling it is optional. NULL is fine. */
PITH_API void pith_extractor_reset(pith_extractor *ex);

/* What the caller knows about the bytes besides the bytes. Every field may
 * be NULL. Strings are read during pith_extract only and not kept. */
typedef struct pith_input {
    const char *url;     /* the page's URL: resolves relative links, and
                            is a weak hint for dates and the site */
    const char *charset; /* a charset label from the transport (HTTP
                            Content-Type), e.g. "iso-8859-1" */
    const char *name;    /* a name for error details (a file name) */
    const char *content_language; /* an HTTP Content-Language header */
    long long fetched_at; /* when the page was fetched (Unix seconds; a WARC
                             record's date): dates after it are rejected.
                             0: now */
} pith_input;

/* The extracted document. Opaque; read it with the accessors below or
 * render it. Owned by its extractor (see "Memory" above). */
typedef struct pith_doc pith_doc;

/* Decodes, parses and extracts one page. `bytes` is read during the call
 * only. On PITH_OK, *doc_out points to the document (owned by ex). On
 * failure *doc_out is NULL and pith_extractor_error(ex) tells more.
 * A page whose article cannot be told apart from its chrome is not an
 * error: the result then holds the page's most plausible text. */
PITH_API pith_status pith_extract(pith_extractor *ex, const void *bytes, size_t len,
                         const pith_input *input, const pith_doc **doc_out);

/* Details of the last failure of `ex`: a short English sentence with the
 * specifics ("limit max_nodes exceeded: 4194305 nodes", "input is a PNG
 * image"). Static or extractor-owned storage, valid until the next call on
 * ex; "" when the last call succeeded. Never NULL. */
PITH_API const char *pith_extractor_error(const pith_extractor *ex);

/* ------------------------------------------------------------------------
 * The document
 * ------------------------------------------------------------------------ */

/* The charset the page was decoded from, as a WHATWG encoding name
 * ("UTF-8", "windows-1252", "Shift_JIS"), and why that one: "bom",
 * "utf8-valid", "transport", "meta-prescan", "meta-in-parse", "detector",
 * "default". Owned by the document. */
PITH_API const char *pith_doc_encoding(const pith_doc *doc);
PITH_API const char *pith_doc_encoding_source(const pith_doc *doc);

/* The page's <title> text, whitespace-normalised, UTF-8; "" when the page
 * has none. Owned by the document. */
PITH_API const char *pith_doc_title(const pith_doc *doc);

/* ------------------------------------------------------------------------
 * The record: every field the page knows about itself
 *
 * docs/record.md documents each field and how it is found. Strings are
 * NUL-terminated UTF-8 owned by the document; an absent field is NULL (a
 * list: count 0). Dates are ISO 8601 ("2014-11-17", or with time and
 * offset "2014-11-17T12:34:00+01:00" when the page gives them).
 * ------------------------------------------------------------------------ */
#define PITH_RECORD_SCHEMA_VERSION 1

typedef struct pith_image {
    const char *url;     /* absolute when the page URL is known */
    const char *alt;
    const char *caption; /* the caption without its credit */
    const char *credit;  /* "Reuters" from "Bild: Reuters" */
} pith_image;

typedef struct pith_record {
    const char *url;            /* the page URL the caller gave */
    const char *canonical_url;  /* <link rel=canonical>, og:url */
    const char *title;          /* the article's headline */
    const char *kicker;         /* the overline above the headline */
    const char *subtitle;
    const char *description;    /* standfirst, teaser or meta description */
    const char *const *authors; /* names only: no "By", no roles */
    size_t author_count;
    const char *date_published;
    const char *date_modified;
    const char *site_name;
    const char *language;        /* BCP 47: "de", "en-US" */
    const char *language_source; /* how it was decided (see sources below) */
    pith_image image;            /* the lead image; url NULL when none */
    const pith_image *figures;   /* the article's figures, in document order */
    size_t figure_count;
    const char *const *categories;
    size_t category_count;
    const char *const *tags;
    size_t tag_count;
    const char *license;
    size_t word_count;          /* words of the extracted text */
    int reading_time_minutes;   /* as the page states it, else from word_count */
    double is_article;          /* 0..1: how sure pith is that the page is one article */
    const char *encoding;       /* as pith_doc_encoding */
    const char *encoding_source;
} pith_record;

/* The record of doc. Owned by the document; never NULL for a document. */
PITH_API const pith_record *pith_doc_record(const pith_doc *doc);

/* Where a field of the record came from: "json-ld", "opengraph",
 * "twitter", "dublin-core", "meta", "microdata", "time", "title-tag",
 * "headline", "byline", "text", "url", "html-lang", "http", "detected",
 * "link", "extraction"; NULL when the field is absent or unknown. `field`
 * is the field's JSON key ("title", "date_published", ...). */
PITH_API const char *pith_doc_source(const pith_doc *doc, const char *field);

/* ------------------------------------------------------------------------
 * Rendering
 *
 * Renderers write through a callback, so the caller picks the sink (a
 * FILE, a growing buffer, a socket). The callback returns 0 on success;
 * any other value stops rendering and pith_render returns PITH_ERR_WRITE.
 * Output is UTF-8 and ends with a newline unless it is empty.
 * ------------------------------------------------------------------------ */
typedef int (*pith_write_fn)(const char *data, size_t len, void *user);

typedef enum pith_format {
    PITH_FORMAT_TEXT = 0,     /* paragraphs separated by one blank line;
                                 headings, list items, table rows and
                                 captions on lines of their own */
    PITH_FORMAT_MARKDOWN = 1, /* CommonMark: ATX headings, emphasis, nested
                                 lists, blockquotes, pipe tables, fenced
                                 code; links and images when enabled */
    PITH_FORMAT_JSON = 2,     /* one JSON object on one line: the record's
                                 fields, "sources", "text" and "markdown"
                                 (docs/record.md) */
    PITH_FORMAT_HTML = 3,     /* the article as a clean HTML5 document
                                 (doctype, <html lang>, <head> with charset
                                 and title, <body><article>): semantic
                                 elements only, href, src and alt the only
                                 attributes, URLs absolute; links and
                                 images always kept */
    PITH_FORMAT_EXPLAIN = 4,  /* a self-contained HTML page showing every
                                 text block of the page, kept or dropped,
                                 with the rule that decided, and the
                                 record's fields with their sources */
} pith_format;

/* Renders the article of `doc` in `format`. Reads doc only: several
 * renders of one document are fine. */
PITH_API pith_status pith_render(const pith_doc *doc, pith_format format, pith_write_fn write,
                        void *user);

/* ------------------------------------------------------------------------
 * WARC archives
 *
 * A reader walks the records of one WARC file (WARC/1.0 and 1.1; 0.17 and
 * 0.18 and a lowercase "warc/1.0" tolerated) or ARC file (version 1, and
 * version 2 header lines), plain or compressed: gzip (a member per record,
 * one for the whole file, or a record spread over several), zstd (with or
 * without the dictionary frame of the IIPC "Zstandard Compression for WARC
 * Files" proposal), lz4 frames. The compression is told by the bytes,
 * never by the file name.
 *
 * For each response and resource record (each ARC record) it hands over
 * the HTTP payload, de-chunked and decoded (Content-Encoding gzip,
 * deflate, br, zstd, each only when the bytes really are encoded: archives
 * hold bodies stored decoded under such headers), with the charset and
 * language the HTTP header gave; or says why the record is skipped or
 * cannot be read. Every other record type (request, metadata, revisit,
 * warcinfo, conversion, continuation, unknown ones, ARC's filedesc) is
 * read past and counted.
 *
 * Faults of the file (garbage, a wrong Content-Length, a bad or truncated
 * compressed member, a record cut off) come back with their byte offset;
 * the reader then looks for the next record header and goes on.
 *
 *     pith_warc_reader *r = NULL;
 *     if (pith_warc_open("crawl.warc.gz", 0, &r) != PITH_OK) ...; // errno says why
 *     pith_warc_record rec;
 *     for (pith_warc_next(r, &rec); rec.kind != PITH_WARC_END; pith_warc_next(r, &rec)) {
 *         if (rec.kind == PITH_WARC_PAGE) {
 *             pith_input in = {.url = rec.target_uri, .charset = rec.charset,
 *                              .content_language = rec.content_language,
 *                              .fetched_at = rec.date_unix};
 *             pith_extract(ex, rec.payload, rec.payload_len, &in, &doc) ...
 *         } else ... rec.skip, rec.error
 *     }
 *     pith_warc_close(r);
 *
 * Memory: a reader holds a 256 KiB window, its read buffer and the current
 * record (up to the record cap, twice when the body is decoded), whatever
 * the file's size. A reader serves one thread at a time.
 * ------------------------------------------------------------------------ */
typedef struct pith_warc_reader pith_warc_reader;

/* Bytes of one record's block, and of its decoded body: a record above
 * it is skipped ("over the size limit") without being held in memory.
 * 16 MiB: Common Crawl cuts payloads at 1 MiB, the HTTP fetcher takes at
 * most 16 MiB (pith_fetch_options), and HTML beyond that is a dump, not
 * an article. */
#define PITH_WARC_DEFAULT_MAX_RECORD_BYTES ((size_t)16 << 20)

/* What one step of the reader yields. */
typedef enum pith_warc_kind {
    PITH_WARC_PAGE = 0,    /* a response/resource record with an HTML payload */
    PITH_WARC_SKIPPED = 1, /* a response/resource record not extracted: see skip */
    PITH_WARC_ERROR = 2,   /* a response/resource record that cannot be read */
    PITH_WARC_FAULT = 3,   /* a fault of the file, not of one such record
                              (garbage, bad compression, a record of another
                              type cut off); the reader goes on */
    PITH_WARC_END = 4,     /* no more records */
} pith_warc_kind;

/* One record. Strings are NUL-terminated valid UTF-8 (bytes that are not
 * UTF-8 become U+FFFD), or NULL when the record has no such field; they
 * and the payload are owned by the reader and valid until its next call.
 * For FAULT and END, only kind, error and the offsets are set. */
typedef struct pith_warc_record {
    pith_warc_kind kind;
    const char *type;         /* WARC-Type as written ("response", "RESPONSE");
                                 NULL for ARC records */
    const char *record_id;    /* WARC-Record-ID ("<urn:uuid:...>") */
    const char *target_uri;   /* WARC-Target-URI (ARC: the URL) */
    const char *date;         /* WARC-Date (ARC: its date in the same form) */
    long long date_unix;      /* the date as Unix seconds, 0 when unknown */
    int http_status;          /* 0 when the block is no HTTP response */
    const char *content_type; /* the payload's media type, lowercase, without
                                 parameters ("text/html"): HTTP Content-Type,
                                 else the record's own */
    const char *charset;      /* the Content-Type charset, or NULL */
    const char *content_language; /* HTTP Content-Language, or NULL */
    const void *payload;      /* PAGE: the HTTP body, decoded */
    size_t payload_len;
    const char *skip;         /* SKIPPED: "not HTML", "HTTP 404", "over the
                                 size limit", "empty" */
    const char *error;        /* ERROR and FAULT: what, at which byte offset
                                 ("record at byte 1197: cut off: ...") */
    unsigned long long offset; /* where the record (the fault) starts in the
                                  file; in a compressed file, the offset of
                                  its gzip member or zstd/lz4 frame (what CDX
                                  indexes record) */
    unsigned long long stream_offset; /* its offset in the decompressed data
                                         (= offset when uncompressed) */
} pith_warc_record;

/* Counts of everything the reader saw so far. */
typedef struct pith_warc_stats {
    unsigned long long records;       /* record headers read, of every type */
    unsigned long long pages, skipped, errors, faults; /* by kind handed out */
    unsigned long long skipped_types; /* records of the other types */
    unsigned long long bytes_in;      /* bytes of the file read */
} pith_warc_stats;

/* Opens a WARC or ARC file (path "-": standard input, not closed by the
 * reader). max_record_bytes caps one record (0: the default above). On
 * success *out owns the reader (pith_warc_close). On failure *out is NULL,
 * the status is PITH_ERR_IO (errno tells why) or PITH_ERR_NOMEM. Nothing
 * is read yet: a file that is no archive at all shows in the first
 * records (a FAULT for its garbage). */
PITH_API pith_status pith_warc_open(const char *path, size_t max_record_bytes,
                                    pith_warc_reader **out);
/* The same over len bytes in memory, which must stay valid and unchanged
 * until pith_warc_close. */
PITH_API pith_status pith_warc_open_memory(const void *bytes, size_t len,
                                           size_t max_record_bytes, pith_warc_reader **out);
/* The next record, or the next fault, or END (again on every later call).
 * Never fails: problems come back as kinds ERROR and FAULT. NULL r: END. */
PITH_API void pith_warc_next(pith_warc_reader *r, pith_warc_record *rec);
/* The reader's counts; owned by the reader, updated by pith_warc_next. */
PITH_API const pith_warc_stats *pith_warc_stats_of(const pith_warc_reader *r);
/* 1 when bytes (the start of a file) begin a WARC file (a version line) or
 * an ARC file ("filedesc://"), plain or compressed. 64 KiB are enough,
 * except for zstd with a dictionary: the dictionary frame must fit too. */
PITH_API int pith_is_warc(const void *bytes, size_t len);
/* Closes the file (unless it is standard input) and frees the reader.
 * NULL is fine. */
PITH_API void pith_warc_close(pith_warc_reader *r);

/* ------------------------------------------------------------------------
 * Pages by URL
 *
 * pith_fetch downloads one http or https page with libcurl, ready for
 * pith_extract: its body, the URL after redirects (pass it as
 * pith_input.url) and the Content-Type charset (pith_input.charset). It
 * touches the network only for such a URL: any other scheme is refused
 * before a connection is made, and redirects go to http and https only.
 * Nothing is written to disk (no cookies, no caches). Responses are
 * accepted as gzip, deflate or br; the body cap applies to the decoded
 * bytes while they arrive, so a compressed bomb is cut off too.
 *
 * Proxies: libcurl's environment variables apply (http_proxy,
 * https_proxy, no_proxy), as for curl(1).
 *
 * Threads: pith_fetch may run on several threads at once; each call uses
 * its own connection. libcurl is initialised once, on the first call.
 * ------------------------------------------------------------------------ */
#define PITH_DEFAULT_FETCH_CONNECT_TIMEOUT_MS 10000L
#define PITH_DEFAULT_FETCH_TIMEOUT_MS 30000L
#define PITH_DEFAULT_FETCH_MAX_BODY_BYTES ((size_t)16 << 20)
#define PITH_DEFAULT_FETCH_MAX_REDIRECTS 5
/* The caps of the fields below; larger values are refused. */
#define PITH_MAX_FETCH_TIMEOUT_MS (24L * 3600 * 1000)
#define PITH_MAX_FETCH_REDIRECTS 50
#define PITH_MAX_FETCH_BODY_BYTES ((size_t)1 << 30)

/* Start from pith_fetch_options_default(); every field is used as it is,
 * so a zeroed struct is refused (PITH_ERR_INVALID), not taken as "the
 * defaults": a zero timeout would mean no timeout at all to libcurl. */
typedef struct pith_fetch_options {
    /* Name resolution plus connection set-up (TCP and TLS), in
     * milliseconds, 1 to PITH_MAX_FETCH_TIMEOUT_MS. Default 10 s. */
    long connect_timeout_ms;
    /* The whole transfer, redirects included, in milliseconds, 1 to
     * PITH_MAX_FETCH_TIMEOUT_MS. Default 30 s. */
    long total_timeout_ms;
    /* Bytes of the decoded body, 1 to PITH_MAX_FETCH_BODY_BYTES. Default
     * 16 MiB: the largest real pages are a few MB; a bigger body is a
     * media file or a dump, not worth the download. */
    size_t max_body_bytes;
    /* Redirects followed, 0 to PITH_MAX_FETCH_REDIRECTS; one more fails.
     * Default 5. */
    int max_redirects;
} pith_fetch_options;

/* The defaults, as documented field by field above. */
PITH_API pith_fetch_options pith_fetch_options_default(void);

/* What one fetch brought back. pith_fetch fills in every field; strings
 * are NUL-terminated and malloc'ed, owned by the caller until
 * pith_fetched_free. Fields the server did not send are NULL. */
typedef struct pith_fetched {
    void *body; /* the decoded body (PITH_OK only; NULL when empty), not
                   NUL-terminated */
    size_t body_len;
    char *final_url;        /* the URL after redirects */
    char *content_type;     /* the media type, lower case, without
                               parameters: "text/html" */
    char *charset;          /* the Content-Type charset parameter, as sent */
    char *content_language; /* the Content-Language header, as sent */
    long http_status;       /* of the last response; 0 when none came */
    /* Why the call failed, in English with the specifics: "HTTP 404 Not
     * Found", "content type application/pdf, not HTML", "timeout: the
     * transfer took over 30 s". "" on PITH_OK. */
    char error[256];
} pith_fetched;

/* Fetches `url` into *out (a struct the caller provides; its previous
 * contents are overwritten, not freed) with `options` (NULL: the
 * defaults). The request names pith and its version in its User-Agent
 * ("pith/0.1.0 (article extractor)") and asks for HTML.
 *
 * PITH_OK: a 2xx response whose body is HTML (a text/html or
 * application/xhtml+xml Content-Type; when the type is missing or generic
 * — text/plain, application/octet-stream — the body's first bytes must
 * look like HTML, as WHATWG MIME Sniffing § 7.1 tells), or empty (which
 * pith_extract then reports). Otherwise:
 *   PITH_ERR_INVALID   not an http or https URL, a malformed one, or an
 *                      option out of range
 *   PITH_ERR_IO        DNS failure, connection refused, a timeout
 *                      (connect or total: the message says which), a TLS
 *                      failure, too many redirects or one to another
 *                      scheme, an HTTP status other than 2xx
 *   PITH_ERR_NOT_HTML  the content type or the bytes are not HTML
 *   PITH_ERR_LIMIT     the body is over max_body_bytes (the download is
 *                      stopped there)
 *   PITH_ERR_NOMEM     memory ran out
 * with out->error saying what happened. On failure the body is NULL, but
 * final_url, content_type and http_status tell as much as is known.
 * Call pith_fetched_free afterwards in every case. */
PITH_API pith_status pith_fetch(const char *url, const pith_fetch_options *options,
                                pith_fetched *out);

/* Frees the strings and body of *f and zeroes it; f itself is the
 * caller's. NULL and a zeroed struct are fine. */
PITH_API void pith_fetched_free(pith_fetched *f);

#ifdef __cplusplus
}
#endif

#endif /* PITH_H */
