/*
 * internal.h — what the files of the decode stage share and no other stage
 * needs.
 */
#ifndef PITH_DECODE_INTERNAL_H
#define PITH_DECODE_INTERNAL_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <uchardet.h>

#include "decode/decode.h"

/* The converters and the detector are costly to open (iconv loads a
 * module, uchardet builds its probers), so each is opened on first use
 * and kept for every later page. */
struct dec_ctx {
    iconv_t cd[DEC_ENCODING_COUNT]; /* (iconv_t)-1: not opened yet */
    /* For the single-byte encodings: the code points of bytes 0x80–0xFF,
     * read from the iconv converter on first use. NULL: not made yet. */
    uint16_t *single_byte[DEC_ENCODING_COUNT];
    uchardet_t detector; /* NULL: not created yet */
};

/* glibc iconv's name for an encoding's converter, or NULL when convert.c
 * decodes it itself (UTF-8, windows-1252, UTF-16, x-user-defined,
 * replacement). */
const char *dec_iconv_name(int encoding);

/* Length of the longest prefix of s[0..len) that is valid UTF-8 (WHATWG
 * Encoding § 8.1.1, the UTF-8 decoder's rules) and holds no NUL byte. Sets
 * *multibyte to 1 when that prefix holds a sequence of two or more bytes
 * (and leaves it alone otherwise). */
size_t dec_utf8_clean_prefix(const unsigned char *s, size_t len, int *multibyte);

/* At s[0..len), len > 0, where dec_utf8_clean_prefix stopped on a non-NUL
 * byte: the number of bytes the UTF-8 decoder takes into the one U+FFFD it
 * emits for them (1–3; the first byte that breaks a sequence is not one
 * of them, it starts afresh). */
size_t dec_utf8_error_len(const unsigned char *s, size_t len);

#endif
