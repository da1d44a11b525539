/*
 * decode.h — bytes in any charset to UTF-8.
 *
 * The encoding is decided in DESIGN.md's order, the WHATWG one (Encoding
 * Standard; HTML § 13.2.3.2 "Determining the character encoding") with one
 * deliberate deviation (step 2):
 *   1. a byte-order mark;
 *   2. bytes that are valid UTF-8 and hold multi-byte sequences are UTF-8,
 *      whatever the labels say (a legacy label on such bytes is a mislabel
 *      far more often than a coincidence);
 *   3. the caller's hint (an HTTP Content-Type charset);
 *   4. the prescan of the first 1024 bytes for <meta charset> and
 *      <meta http-equiv="Content-Type">;
 *   5. a statistical detector (uchardet);
 *   6. windows-1252.
 * Conversion never truncates: invalid sequences become U+FFFD.
 */
#ifndef PITH_DECODE_H
#define PITH_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Where the decision came from (names as pith_doc_encoding_source gives them). */
typedef enum dec_source {
    DEC_SOURCE_BOM = 0,        /* "bom" */
    DEC_SOURCE_UTF8_VALID,     /* "utf8-valid" */
    DEC_SOURCE_TRANSPORT,      /* "transport" */
    DEC_SOURCE_META_PRESCAN,   /* "meta-prescan" */
    DEC_SOURCE_META_IN_PARSE,  /* "meta-in-parse" */
    DEC_SOURCE_DETECTOR,       /* "detector" */
    DEC_SOURCE_DEFAULT,        /* "default" */
} dec_source;

typedef struct dec_decision {
    int encoding;       /* an encoding id (dec_encoding_name gives its name) */
    dec_source source;
    int certain;        /* 1: a later <meta> must not change it (BOM, UTF-8
                           validity, transport); 0: tentative (HTML § 13.2.3.1) */
    size_t bom_len;     /* bytes of BOM to skip */
} dec_decision;

typedef struct dec_ctx dec_ctx;

/* One per extractor; holds iconv descriptors and the detector. NULL when
 * out of memory. */
dec_ctx *dec_ctx_new(void);
void dec_ctx_free(dec_ctx *c);

/* Decides the encoding of bytes[0..len). hint: a charset label or NULL. */
void dec_sniff(dec_ctx *c, const unsigned char *bytes, size_t len, const char *hint,
               dec_decision *out);

/* Appends bytes[0..len) (BOM already skipped by the caller) converted from
 * `encoding` to UTF-8 to *out. Invalid sequences become U+FFFD; NUL bytes
 * become U+FFFD too, so the output is a valid C-string body. 0, or -1 when
 * out of memory. */
int dec_convert(dec_ctx *c, const unsigned char *bytes, size_t len, int encoding, buf *out);

/* The encoding id of a label (WHATWG Encoding Standard § 4.2 "Names and
 * labels": case-insensitive, surrounding ASCII whitespace ignored), or -1. */
int dec_label_lookup(const char *label, size_t len);

/* WHATWG name of an encoding id ("UTF-8", "windows-1252"); "" for bad ids. */
const char *dec_encoding_name(int encoding);
const char *dec_source_name(dec_source s);

/* Encoding ids that the rules name. */
int dec_utf8(void);
int dec_windows1252(void);
/* 1 for UTF-16LE/BE (a <meta> declaring them means UTF-8: HTML § 13.2.3.4). */
int dec_is_utf16(int encoding);

/* HTML § 2.6.x "algorithm for extracting a character encoding from a meta
 * element": the label in a Content-Type value (`text/html; charset=X`),
 * or NULL. *label_len gets its length. */
const char *dec_charset_from_content(const char *content, size_t len, size_t *label_len);

#endif
