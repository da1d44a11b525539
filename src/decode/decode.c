/* decode.c — the decoding context and the encoding decision (the order is
 * explained in decode.h). */
#include "decode/decode.h"

#include <stdlib.h>
#include <string.h>

#include "decode/internal.h"

/* HTML § 13.2.3.2 encourages prescanning the first 1024 bytes, and the
 * authoring rules keep a declaration inside them (§ 4.2.5.4). */
#define PRESCAN_BYTES 1024

/* How much the detector reads, from the first non-ASCII byte. Unlabelled
 * legacy copies of bench pages (windows-1250/1251/1254/1256, KOI8-R,
 * ISO-8859-2/7, GB18030, Big5, EUC-JP, EUC-KR, Shift_JIS, made from
 * readability-tests, htmldate-eval, scrapinghub, mercury and goose3 pages)
 * get the same answer from 16 KB as from 64 KB or the whole page, while
 * 4 KB takes ISO-8859-2 Polish for windows-1250. uchardet reads Cyrillic
 * at about 5 MB/s: 64 KB cost up to 15 ms a page, 16 KB under 1.5 ms. */
#define DETECTOR_BYTES (16 * 1024)

dec_ctx *dec_ctx_new(void)
{
    dec_ctx *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    for (int e = 0; e < DEC_ENCODING_COUNT; e++) {
        c->cd[e] = (iconv_t)-1;
        c->single_byte[e] = NULL;
    }
    c->detector = NULL;
    return c;
}

void dec_ctx_free(dec_ctx *c)
{
    if (!c)
        return;
    for (int e = 0; e < DEC_ENCODING_COUNT; e++) {
        if (c->cd[e] != (iconv_t)-1)
            iconv_close(c->cd[e]);
        free(c->single_byte[e]);
    }
    if (c->detector)
        uchardet_delete(c->detector);
    free(c);
}

enum byte_class { BYTES_ASCII, BYTES_UTF8_MULTIBYTE, BYTES_OTHER };

/* Whether the bytes are ASCII, UTF-8 with multi-byte sequences, or
 * neither. NUL bytes are valid UTF-8. A sequence cut off by the end of the
 * bytes does not spoil them: crawlers truncate pages at a size limit, in
 * the middle of a character as often as not. */
static enum byte_class classify(const unsigned char *s, size_t len)
{
    int multibyte = 0;
    size_t i = 0;
    for (;;) {
        i += dec_utf8_clean_prefix(s + i, len - i, &multibyte);
        if (i == len)
            break;
        if (s[i] == 0) {
            i++;
            continue;
        }
        int cut_off = s[i] >= 0xC2 && s[i] <= 0xF4 && i + dec_utf8_error_len(s + i, len - i) == len;
        if (!cut_off)
            return BYTES_OTHER;
        multibyte = 1; /* a lead byte is not ASCII */
        break;
    }
    return multibyte ? BYTES_UTF8_MULTIBYTE : BYTES_ASCII;
}

/* Markup in UTF-16 has a zero byte in every ASCII character, so bytes with
 * no zero in their first 1024 are not UTF-16 whatever a label says. A
 * transport label or a detector answer of UTF-16 on such bytes is a
 * mislabel, ignored for the same reason as step 2 (a browser would show
 * the page as CJK garbage; an extractor should not). */
static int could_be_utf16(const unsigned char *s, size_t len)
{
    return len && memchr(s, 0, len < PRESCAN_BYTES ? len : PRESCAN_BYTES) != NULL;
}

/* The encoding for a uchardet answer, or -1. Its answers are charset names
 * most of which are Encoding Standard labels; UHC (what it calls EUC-KR)
 * and MAC-CYRILLIC name WHATWG encodings under other names. Those with no
 * WHATWG encoding (EUC-TW, IBM855, VISCII, UTF-32...) give -1. */
static int detector_encoding(const char *name)
{
    if (!name || !*name)
        return -1;
    if (strcmp(name, "UHC") == 0)
        return DEC_EUC_KR;
    if (strcmp(name, "MAC-CYRILLIC") == 0)
        return DEC_X_MAC_CYRILLIC;
    return dec_label_lookup(name, strlen(name));
}

/* HTML § 13.2.3.2 step 8, "autodetect the character encoding": uchardet
 * over the bytes from the first non-ASCII one. -1 when it has no usable
 * answer. */
static int detect(dec_ctx *c, const unsigned char *s, size_t len)
{
    if (!c->detector) {
        c->detector = uchardet_new();
        if (!c->detector)
            return -1;
    }
    size_t from = 0;
    while (from < len && s[from] < 0x80)
        from++;
    size_t n = len - from < DETECTOR_BYTES ? len - from : DETECTOR_BYTES;
    uchardet_reset(c->detector);
    if (uchardet_handle_data(c->detector, (const char *)s + from, n) != 0)
        return -1;
    uchardet_data_end(c->detector);
    int e = detector_encoding(uchardet_get_charset(c->detector));
    /* Replacing a whole page with one U+FFFD on a statistical guess is
     * never the right answer. */
    if (e == DEC_REPLACEMENT || (dec_is_utf16(e) && !could_be_utf16(s, len)))
        return -1;
    return e;
}

static void decide(dec_decision *out, int encoding, dec_source source, int certain)
{
    out->encoding = encoding;
    out->source = source;
    out->certain = certain;
}

void dec_sniff_with(dec_ctx *c, const unsigned char *bytes, size_t len, const char *hint,
                    unsigned flags, dec_decision *out)
{
    memset(out, 0, sizeof *out);
    if (!bytes)
        len = 0;
    /* 1. Encoding § 6 "BOM sniff". */
    if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        decide(out, DEC_UTF_8, DEC_SOURCE_BOM, 1);
        out->bom_len = 3;
        return;
    }
    if (len >= 2 &&
        ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE))) {
        decide(out, bytes[0] == 0xFE ? DEC_UTF_16BE : DEC_UTF_16LE, DEC_SOURCE_BOM, 1);
        out->bom_len = 2;
        return;
    }
    /* 2. pith's deviation from the WHATWG algorithm: bytes that are valid
     * UTF-8 with multi-byte sequences are UTF-8, before any label is
     * heard. Legacy bytes that happen to form valid multi-byte UTF-8
     * throughout a page are vanishingly rare; a legacy label (gb2312,
     * iso-8859-1) on a UTF-8 page is common, and a browser obeying it
     * shows mojibake, which an extractor must not produce. Certain: a
     * later <meta> is just such a label. */
    enum byte_class bytes_class = BYTES_OTHER;
    if (!(flags & DEC_SNIFF_NO_UTF8_RULE) || !(flags & DEC_SNIFF_NO_DETECTOR))
        bytes_class = classify(bytes, len);
    if (!(flags & DEC_SNIFF_NO_UTF8_RULE) && bytes_class == BYTES_UTF8_MULTIBYTE) {
        decide(out, DEC_UTF_8, DEC_SOURCE_UTF8_VALID, 1);
        return;
    }
    /* 3. § 13.2.3.2 step 4: the transport layer's encoding, certain. */
    int e = hint ? dec_label_lookup(hint, strlen(hint)) : -1;
    if (e >= 0 && !(dec_is_utf16(e) && !could_be_utf16(bytes, len))) {
        decide(out, e, DEC_SOURCE_TRANSPORT, 1);
        return;
    }
    /* 4. § 13.2.3.2 step 5: the prescan, tentative. */
    e = dec_prescan(bytes, len < PRESCAN_BYTES ? len : PRESCAN_BYTES);
    if (e >= 0) {
        decide(out, e, DEC_SOURCE_META_PRESCAN, 0);
        return;
    }
    /* 5. § 13.2.3.2 step 8: the detector, tentative. Not for ASCII bytes:
     * they read the same in every ASCII-compatible encoding, so any answer
     * could only be a wrong one (UTF-16, ISO-2022-KR...). */
    if (!(flags & DEC_SNIFF_NO_DETECTOR) && c && bytes_class != BYTES_ASCII) {
        e = detect(c, bytes, len);
        if (e >= 0) {
            decide(out, e, DEC_SOURCE_DETECTOR, 0);
            return;
        }
    }
    /* 6. § 13.2.3.2 step 9: the default, tentative. */
    decide(out, DEC_WINDOWS_1252, DEC_SOURCE_DEFAULT, 0);
}

void dec_sniff(dec_ctx *c, const unsigned char *bytes, size_t len, const char *hint,
               dec_decision *out)
{
    dec_sniff_with(c, bytes, len, hint, 0, out);
}
