/*
 * decode.h — bytes in any charset to UTF-8.
 *
 * The encoding is decided in DESIGN.md's order, the WHATWG one (HTML
 * § 13.2.3.2 "Determining the character encoding", the "encoding sniffing
 * algorithm") with one deliberate deviation (step 2):
 *   1. a byte-order mark (Encoding § 6 "BOM sniff");
 *   2. bytes that are valid UTF-8 and hold multi-byte sequences are UTF-8,
 *      whatever the labels say (a legacy label on such bytes is a mislabel
 *      far more often than a coincidence);
 *   3. the caller's hint (an HTTP Content-Type charset);
 *   4. the prescan of the first 1024 bytes for <meta charset> and
 *      <meta http-equiv="Content-Type"> (HTML § 13.2.3.2 "prescan a byte
 *      stream to determine its encoding");
 *   5. a statistical detector (uchardet), only for bytes that are not all
 *      ASCII;
 *   6. windows-1252.
 * Steps 1–3 are "certain"; 4–6 are "tentative": a <meta> the parser meets
 * later may change them (HTML § 13.2.3.4, done in parse/parse.c).
 *
 * Conversion never truncates: invalid or incomplete sequences become U+FFFD
 * and conversion goes on after them; NUL bytes become U+FFFD too, so the
 * parser gets a clean C-string body.
 *
 * Nothing here prints, exits or aborts; the only failure is out of memory.
 */
#ifndef PITH_DECODE_H
#define PITH_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* The encodings of the WHATWG Encoding Standard § 4.2 "Names and labels",
 * in its order. dec_decision.encoding holds one of these (as an int). */
typedef enum dec_encoding {
    DEC_UTF_8 = 0,
    DEC_IBM866,
    DEC_ISO_8859_2,
    DEC_ISO_8859_3,
    DEC_ISO_8859_4,
    DEC_ISO_8859_5,
    DEC_ISO_8859_6,
    DEC_ISO_8859_7,
    DEC_ISO_8859_8,
    DEC_ISO_8859_8_I,
    DEC_ISO_8859_10,
    DEC_ISO_8859_13,
    DEC_ISO_8859_14,
    DEC_ISO_8859_15,
    DEC_ISO_8859_16,
    DEC_KOI8_R,
    DEC_KOI8_U,
    DEC_MACINTOSH,
    DEC_WINDOWS_874,
    DEC_WINDOWS_1250,
    DEC_WINDOWS_1251,
    DEC_WINDOWS_1252,
    DEC_WINDOWS_1253,
    DEC_WINDOWS_1254,
    DEC_WINDOWS_1255,
    DEC_WINDOWS_1256,
    DEC_WINDOWS_1257,
    DEC_WINDOWS_1258,
    DEC_X_MAC_CYRILLIC,
    DEC_GBK,
    DEC_GB18030,
    DEC_BIG5,
    DEC_EUC_JP,
    DEC_ISO_2022_JP,
    DEC_SHIFT_JIS,
    DEC_EUC_KR,
    DEC_REPLACEMENT,
    DEC_UTF_16BE,
    DEC_UTF_16LE,
    DEC_X_USER_DEFINED,
    DEC_ENCODING_COUNT
} dec_encoding;

/* Where the decision came from (names as pith_doc_encoding_source gives them). */
typedef enum dec_source {
    DEC_SOURCE_BOM = 0,       /* "bom" */
    DEC_SOURCE_UTF8_VALID,    /* "utf8-valid" */
    DEC_SOURCE_TRANSPORT,     /* "transport" */
    DEC_SOURCE_META_PRESCAN,  /* "meta-prescan" */
    DEC_SOURCE_META_IN_PARSE, /* "meta-in-parse" */
    DEC_SOURCE_DETECTOR,      /* "detector" */
    DEC_SOURCE_DEFAULT,       /* "default" */
} dec_source;

typedef struct dec_decision {
    int encoding; /* a dec_encoding (dec_encoding_name gives its name) */
    dec_source source;
    int certain;    /* 1: a later <meta> must not change it (BOM, UTF-8
                       validity, transport); 0: tentative (HTML § 13.2.3) */
    size_t bom_len; /* bytes of BOM to skip */
} dec_decision;

typedef struct dec_ctx dec_ctx;

/* One per extractor (not shared between threads); holds the iconv
 * descriptors, the single-byte tables and the detector, each made on
 * first use and kept. NULL when out of memory. dec_ctx_free accepts NULL. */
dec_ctx *dec_ctx_new(void);
void dec_ctx_free(dec_ctx *c);

/* Decides the encoding of bytes[0..len). hint: a charset label or NULL.
 * Never fails: with nothing to go on the answer is windows-1252. */
void dec_sniff(dec_ctx *c, const unsigned char *bytes, size_t len, const char *hint,
               dec_decision *out);

/* Steps of dec_sniff that dec_sniff_with can leave out. */
enum {
    DEC_SNIFF_NO_UTF8_RULE = 1u << 0, /* step 2, pith's deviation */
    DEC_SNIFF_NO_DETECTOR = 1u << 1,  /* step 5 */
};
/* The encoding sniffing algorithm as browsers run it (html5lib's tests). */
#define DEC_SNIFF_WHATWG (DEC_SNIFF_NO_UTF8_RULE | DEC_SNIFF_NO_DETECTOR)

/* dec_sniff with the steps named in `flags` left out. */
void dec_sniff_with(dec_ctx *c, const unsigned char *bytes, size_t len, const char *hint,
                    unsigned flags, dec_decision *out);

/* Appends bytes[0..len) (BOM already skipped by the caller) converted from
 * `encoding` to UTF-8 to *out. Invalid sequences become U+FFFD; NUL bytes
 * become U+FFFD too, so the output is a valid C-string body. 0, or -1 when
 * out of memory. An encoding iconv cannot open, or an id that is no
 * encoding, decodes as windows-1252. c must not be NULL. */
int dec_convert(dec_ctx *c, const unsigned char *bytes, size_t len, int encoding, buf *out);

/* The encoding of a label (WHATWG Encoding § 4.2 "get an encoding":
 * ASCII case-insensitive, surrounding ASCII whitespace ignored), or -1. */
int dec_label_lookup(const char *label, size_t len);

/* WHATWG name of an encoding ("UTF-8", "windows-1252"); "" for bad ids. */
const char *dec_encoding_name(int encoding);
const char *dec_source_name(dec_source s);

/* Encoding ids that the rules name. */
int dec_utf8(void);
int dec_windows1252(void);
/* 1 for UTF-16LE/BE (a <meta> declaring them means UTF-8: HTML § 13.2.3.4). */
int dec_is_utf16(int encoding);

/* HTML § 2.5.3 "algorithm for extracting a character encoding from a meta
 * element": the label in a Content-Type value (`text/html; charset=X`),
 * pointing into content, or NULL. *label_len gets its length. The caller
 * looks the label up (an unknown label is the algorithm's "failure"). */
const char *dec_charset_from_content(const char *content, size_t len, size_t *label_len);

/* HTML § 13.2.3.2 "prescan a byte stream to determine its encoding" over
 * exactly bytes[0..len) (dec_sniff passes the first 1024), with "get an XML
 * encoding" when it runs out of bytes. The encoding, or -1 for failure.
 * A <meta> declaring UTF-16 or x-user-defined gives UTF-8 or windows-1252,
 * as the algorithm says; only a UTF-16 XML declaration gives UTF-16. */
int dec_prescan(const unsigned char *bytes, size_t len);

#endif
