/* convert.c — bytes in a known encoding to UTF-8.
 *
 * UTF-8, windows-1252 (the default, so the commonest legacy case), UTF-16,
 * x-user-defined and replacement are decoded here. The other single-byte
 * encodings decode by tables read once from glibc iconv; the multi-byte
 * ones go through iconv converters cached in the dec_ctx.
 *
 * Errors follow the Encoding Standard's "replacement" error mode: each
 * invalid or incomplete sequence becomes one U+FFFD and decoding goes on
 * after it. NUL becomes U+FFFD as well (the parser wants a C string). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "decode/decode.h"
#include "decode/internal.h"

#define REPLACEMENT_UTF8 "\xEF\xBF\xBD"

static const uint64_t ONES = 0x0101010101010101ULL;
static const uint64_t HIGHS = 0x8080808080808080ULL;

/* 1 when the 8 bytes at s are ASCII and none is NUL. A zero byte borrows
 * in w - ONES and so sets a high bit; without one, no lane borrows. */
static inline int ascii_word_clean(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return ((w | (w - ONES)) & HIGHS) == 0;
}

static inline char *put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* ---- UTF-8 (Encoding § 8.1.1 "UTF-8 decoder") ---- */

/* The bounds of the byte after lead byte c: tighter than 80..BF after E0,
 * ED, F0 and F4, which is how overlongs, surrogates and code points above
 * U+10FFFF are refused. */
static inline void second_byte_bounds(unsigned c, unsigned *lo, unsigned *hi)
{
    *lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    *hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
}

/* Length of the valid multi-byte sequence at s[0..avail), or 0. */
static inline size_t utf8_sequence(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (avail < n)
        return 0;
    unsigned lo, hi;
    second_byte_bounds(c, &lo, &hi);
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    }
    return n;
}

size_t dec_utf8_clean_prefix(const unsigned char *s, size_t len, int *multibyte)
{
    size_t i = 0;
    for (;;) {
        while (i + 8 <= len && ascii_word_clean(s + i))
            i += 8;
        if (i >= len)
            return len;
        unsigned c = s[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_sequence(s + i, len - i);
        if (!n)
            return i;
        *multibyte = 1;
        i += n;
    }
}

size_t dec_utf8_error_len(const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    if (c < 0xC2 || c > 0xF4)
        return 1;
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned lo, hi;
    second_byte_bounds(c, &lo, &hi);
    size_t k = 1;
    for (; k < need && k < len; k++) {
        if (s[k] < lo || s[k] > hi)
            break;
        lo = 0x80;
        hi = 0xBF;
    }
    return k;
}

static int convert_utf8(const unsigned char *s, size_t len, buf *out)
{
    if (buf_reserve(out, len))
        return -1;
    size_t i = 0;
    while (i < len) {
        int multibyte = 0;
        size_t n = dec_utf8_clean_prefix(s + i, len - i, &multibyte);
        /* A valid page ends here after one scan and one copy. */
        if (buf_append(out, s + i, n))
            return -1;
        i += n;
        if (i == len)
            break;
        if (buf_append(out, REPLACEMENT_UTF8, 3))
            return -1;
        i += s[i] == 0 ? 1 : dec_utf8_error_len(s + i, len - i);
    }
    return 0;
}

/* ---- single-byte encodings decoded by table ---- */

/* Encoding Standard index-windows-1252: the code points of bytes 0x80–0xFF
 * (pointer = byte − 0x80). 0x81, 0x8D, 0x8F, 0x90 and 0x9D map to the C1
 * controls of the same value, as the index says, not to errors. */
static const uint16_t windows1252[128] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, /* 80 */
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, /* 88 */
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, /* 90 */
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, /* 98 */
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, /* A0 */
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, /* A8 */
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, /* B0 */
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, /* B8 */
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, /* C0 */
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, /* C8 */
    0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, /* D0 */
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, /* D8 */
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, /* E0 */
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, /* E8 */
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, /* F0 */
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF, /* F8 */
};

/* A single-byte encoding whose bytes 0x00–0x7F are ASCII: `high` gives the
 * code points of 0x80–0xFF; NULL means x-user-defined (Encoding § 14.5.1:
 * byte b ≥ 0x80 is U+F780 + b − 0x80). */
static int convert_single_byte(const unsigned char *s, size_t len, const uint16_t *high, buf *out)
{
    if (buf_reserve(out, len * 3))
        return -1;
    char *o = out->data + out->len;
    size_t i = 0;
    while (i < len) {
        while (i + 8 <= len && ascii_word_clean(s + i)) {
            memcpy(o, s + i, 8);
            o += 8;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned b = s[i++];
        if (b >= 0x80)
            o = put_utf8(o, high ? high[b - 0x80] : 0xF780 + b - 0x80);
        else if (b == 0)
            o = put_utf8(o, 0xFFFD);
        else
            *o++ = (char)b;
    }
    out->len = (size_t)(o - out->data);
    return 0;
}

/* ---- UTF-16 (Encoding § 14.2.1 "shared UTF-16 decoder") ---- */

static int convert_utf16(const unsigned char *s, size_t len, int big_endian, buf *out)
{
    /* A code unit gives at most 3 bytes; a pair, 4 for 4. */
    if (buf_reserve(out, len / 2 * 3 + 3))
        return -1;
    char *o = out->data + out->len;
    int hi = big_endian ? 0 : 1, lo = 1 - hi;
    size_t i = 0;
    while (i + 2 <= len) {
        uint32_t u = (uint32_t)s[i + hi] << 8 | s[i + lo];
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            /* A lead surrogate with fewer than 2 bytes after it is one
             * error, the lone byte included. */
            if (len - i < 2) {
                i = len;
                u = 0xFFFD;
            } else {
                uint32_t u2 = (uint32_t)s[i + hi] << 8 | s[i + lo];
                if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
                    i += 2;
                } else {
                    u = 0xFFFD; /* u2 is read again as a unit of its own */
                }
            }
        } else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
            u = 0xFFFD;
        }
        o = put_utf8(o, u);
    }
    if (i < len)
        o = put_utf8(o, 0xFFFD); /* an odd final byte */
    out->len = (size_t)(o - out->data);
    return 0;
}

/* ---- everything else: glibc iconv ---- */

/* The converter for an encoding, opened on first use and reset to its
 * initial state. (iconv_t)-1 with errno set when it cannot be opened. */
static iconv_t converter(dec_ctx *c, int encoding)
{
    iconv_t cd = c->cd[encoding];
    if (cd == (iconv_t)-1) {
        cd = iconv_open("UTF-8", dec_iconv_name(encoding));
        if (cd == (iconv_t)-1)
            return cd;
        c->cd[encoding] = cd;
    }
    iconv(cd, NULL, NULL, NULL, NULL);
    return cd;
}

/* The Encoding Standard's legacy single-byte encodings (§ 9), in its order;
 * windows-1252 among them has its own static table. */
static int is_single_byte(int encoding)
{
    return encoding >= DEC_IBM866 && encoding <= DEC_X_MAC_CYRILLIC;
}

/* The code points of bytes 0x80–0xFF of a single-byte encoding, asked of
 * its iconv converter one byte at a time, once per dec_ctx. Decoding then
 * runs at table speed instead of through iconv's machinery, and byte by
 * byte as the standard's decoders do (§ 9.1.1: one index lookup per byte):
 * glibc's windows-1255 and windows-1258 would otherwise merge a letter and
 * the combining mark after it into one precomposed character. A byte iconv
 * refuses is an error, U+FFFD. NULL when out of memory. */
static const uint16_t *single_byte_table(dec_ctx *c, int encoding)
{
    if (c->single_byte[encoding])
        return c->single_byte[encoding];
    iconv_t cd = converter(c, encoding);
    if (cd == (iconv_t)-1)
        return errno == ENOMEM ? NULL : windows1252;
    uint16_t *table = malloc(128 * sizeof *table);
    if (!table)
        return NULL;
    for (unsigned b = 0x80; b <= 0xFF; b++) {
        char byte = (char)b, utf8[16];
        char *in = &byte, *o = utf8;
        size_t inleft = 1, oleft = sizeof utf8;
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        if (r != (size_t)-1)
            iconv(cd, NULL, NULL, &o, &oleft); /* what it held back */
        size_t n = (size_t)(o - utf8), used = 0;
        uint32_t cp = n ? utf8_decode((const unsigned char *)utf8, n, &used) : 0xFFFD;
        table[b - 0x80] = (uint16_t)(r != (size_t)-1 && used == n && cp <= 0xFFFF ? cp : 0xFFFD);
    }
    c->single_byte[encoding] = table;
    return table;
}

/* Emits what a converter holds back (glibc's Big5-HKSCS keeps a base
 * character until it knows whether a combining mark follows). The flush
 * also returns the converter to its initial shift state, which ISO-2022-JP
 * must not lose at an error (its decoder keeps its state), so that one is
 * never flushed before the end. */
static int flush(iconv_t cd, buf *out)
{
    if (buf_reserve(out, 16))
        return -1;
    char *o = out->data + out->len;
    size_t oleft = out->cap - out->len;
    iconv(cd, NULL, NULL, &o, &oleft);
    out->len = (size_t)(o - out->data);
    return 0;
}

/* The end of the run of bytes below 0x80 that starts at s[i]. */
static size_t ascii_run_end(const unsigned char *s, size_t i, size_t len)
{
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & HIGHS)
            break;
        i += 8;
    }
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

/* The end of the stretch of non-ASCII text from s[i]: just past the first
 * byte below 0x80 that another such byte follows. That first one may be
 * the trail byte of a double-byte character; the second is surely at a
 * character boundary. */
static size_t stretch_end(const unsigned char *s, size_t i, size_t len)
{
    for (; i + 1 < len; i++) {
        if (s[i] < 0x80 && s[i + 1] < 0x80)
            return i + 1;
    }
    return len;
}

/* Converts s[0..len), which holds no NUL, through cd.
 *
 * In all these encodings but ISO-2022-JP a byte below 0x80 at a character
 * boundary is that ASCII character, so runs of them (most of a page: its
 * markup) are copied as they are and iconv converts only the stretches
 * between them. A stretch may still end inside a character (gb18030's
 * four-byte forms hold ASCII digits): iconv reports it incomplete (EINVAL)
 * and the stretch grows to take in what follows. */
static int iconv_run(iconv_t cd, int encoding, const unsigned char *s, size_t len, buf *out)
{
    int ascii_runs = encoding != DEC_ISO_2022_JP;
    size_t i = 0;
    while (i < len) {
        size_t end = len;
        if (ascii_runs) {
            size_t a = ascii_run_end(s, i, len);
            if (buf_append(out, s + i, a - i))
                return -1;
            if (a == len)
                break;
            i = a;
            end = stretch_end(s, i, len);
        }
        char *in = (char *)s + i;
        size_t inleft = end - i;
        while (inleft) {
            /* 3 output bytes per input byte covers every converter used
             * here (one byte gives at most U+FFFF); E2BIG asks for more. */
            if (buf_reserve(out, inleft * 3 + 16))
                return -1;
            char *o = out->data + out->len;
            size_t oleft = out->cap - out->len;
            const char *from = in;
            size_t r = iconv(cd, &in, &inleft, &o, &oleft);
            out->len = (size_t)(o - out->data);
            if (r != (size_t)-1 || errno == E2BIG)
                continue;
            if (errno == EINVAL && end < len) {
                end = stretch_end(s, end, len);
                inleft = (size_t)((const char *)s + end - in);
                continue;
            }
            /* EILSEQ, or EINVAL at the end of the input: `in` is at the
             * first byte of a sequence that is invalid or cut off. It
             * becomes one U+FFFD and conversion goes on from the next
             * byte, so a lead byte followed by ASCII loses only itself (as
             * the standard's decoders do). */
            if (encoding != DEC_ISO_2022_JP && flush(cd, out))
                return -1;
            /* gb18030 decoder, Encoding § 10.2.1: byte 0x80 is U+20AC,
             * which glibc's GB18030 does not know. */
            int euro =
                (encoding == DEC_GBK || encoding == DEC_GB18030) && (unsigned char)*in == 0x80;
            if (buf_append(out, euro ? "\xE2\x82\xAC" : REPLACEMENT_UTF8, 3))
                return -1;
            /* glibc's CP949 steps over the one unmapped pair A2 E8 before
             * reporting it (no other pair and no other converter used here
             * does, checked over all two-byte sequences), so that pair is
             * already behind `in`. */
            int stepped_over = encoding == DEC_EUC_KR && in - from >= 2 &&
                               (unsigned char)in[-2] == 0xA2 && (unsigned char)in[-1] == 0xE8;
            if (!stepped_over && inleft) {
                in++;
                inleft--;
            }
        }
        i = end;
        if (ascii_runs && flush(cd, out))
            return -1;
    }
    return 0;
}

static int convert_iconv(dec_ctx *c, int encoding, const unsigned char *s, size_t len, buf *out)
{
    if (is_single_byte(encoding)) {
        const uint16_t *table = single_byte_table(c, encoding);
        return table ? convert_single_byte(s, len, table, out) : -1;
    }
    iconv_t cd = converter(c, encoding);
    if (cd == (iconv_t)-1) {
        if (errno == ENOMEM)
            return -1;
        /* glibc without this converter module: windows-1252 keeps the
         * ASCII and gives every other byte some character. */
        return convert_single_byte(s, len, windows1252, out);
    }
    /* NUL is never part of a multi-byte sequence in these encodings, so
     * runs between NULs convert on their own. */
    size_t i = 0;
    while (i < len) {
        const unsigned char *nul = memchr(s + i, 0, len - i);
        size_t end = nul ? (size_t)(nul - s) : len;
        if (iconv_run(cd, encoding, s + i, end - i, out))
            return -1;
        i = end;
        if (!nul)
            break;
        if ((encoding != DEC_ISO_2022_JP && flush(cd, out)) || buf_append(out, REPLACEMENT_UTF8, 3))
            return -1;
        i++;
    }
    return flush(cd, out);
}

int dec_convert(dec_ctx *c, const unsigned char *bytes, size_t len, int encoding, buf *out)
{
    if (len == 0)
        return 0;
    switch (encoding) {
    case DEC_UTF_8:
        return convert_utf8(bytes, len, out);
    case DEC_WINDOWS_1252:
        return convert_single_byte(bytes, len, windows1252, out);
    case DEC_X_USER_DEFINED:
        return convert_single_byte(bytes, len, NULL, out);
    case DEC_UTF_16BE:
    case DEC_UTF_16LE:
        return convert_utf16(bytes, len, encoding == DEC_UTF_16BE, out);
    case DEC_REPLACEMENT:
        /* Encoding § 14.1.1: the whole input is one error. */
        return buf_append(out, REPLACEMENT_UTF8, 3);
    default:
        if (encoding < 0 || encoding >= DEC_ENCODING_COUNT)
            return convert_single_byte(bytes, len, windows1252, out);
        return convert_iconv(c, encoding, bytes, len, out);
    }
}
