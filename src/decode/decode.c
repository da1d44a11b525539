/* decode.c — PROVISIONAL minimal implementation (UTF-8 validity, labels via
 * iconv); the complete WHATWG sniffing replaces it. */
#include "decode/decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

struct dec_ctx {
    int unused;
};

static const char *const names[] = {"UTF-8", "windows-1252", "UTF-16LE", "UTF-16BE"};

dec_ctx *dec_ctx_new(void) { return calloc(1, sizeof(dec_ctx)); }
void dec_ctx_free(dec_ctx *c) { free(c); }
int dec_utf8(void) { return 0; }
int dec_windows1252(void) { return 1; }
int dec_is_utf16(int e) { return e == 2 || e == 3; }

const char *dec_encoding_name(int e)
{
    return e >= 0 && e < (int)(sizeof names / sizeof *names) ? names[e] : "";
}

const char *dec_source_name(dec_source s)
{
    static const char *const n[] = {"bom",           "utf8-valid", "transport", "meta-prescan",
                                    "meta-in-parse", "detector",   "default"};
    return (unsigned)s < sizeof n / sizeof *n ? n[s] : "";
}

int dec_label_lookup(const char *label, size_t len)
{
    if (ascii_ieq(label, len, "utf-8") || ascii_ieq(label, len, "utf8"))
        return 0;
    if (ascii_ieq(label, len, "windows-1252") || ascii_ieq(label, len, "iso-8859-1") ||
        ascii_ieq(label, len, "latin1") || ascii_ieq(label, len, "us-ascii"))
        return 1;
    return -1;
}

const char *dec_charset_from_content(const char *content, size_t len, size_t *label_len)
{
    (void)content;
    (void)len;
    *label_len = 0;
    return NULL;
}

void dec_sniff(dec_ctx *c, const unsigned char *bytes, size_t len, const char *hint,
               dec_decision *out)
{
    (void)c;
    memset(out, 0, sizeof *out);
    if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        out->encoding = 0;
        out->source = DEC_SOURCE_BOM;
        out->certain = 1;
        out->bom_len = 3;
        return;
    }
    int multi = 0;
    size_t valid = utf8_valid_prefix(bytes, len, &multi);
    if (valid == len && multi) {
        out->encoding = 0;
        out->source = DEC_SOURCE_UTF8_VALID;
        out->certain = 1;
        return;
    }
    if (hint) {
        int e = dec_label_lookup(hint, strlen(hint));
        if (e >= 0) {
            out->encoding = e;
            out->source = DEC_SOURCE_TRANSPORT;
            out->certain = 1;
            return;
        }
    }
    out->encoding = valid == len ? 0 : 1;
    out->source = DEC_SOURCE_DEFAULT;
}

int dec_convert(dec_ctx *c, const unsigned char *bytes, size_t len, int encoding, buf *out)
{
    (void)c;
    if (encoding == 0) {
        size_t i = 0;
        while (i < len) {
            int multi;
            size_t v = utf8_valid_prefix(bytes + i, len - i, &multi);
            if (buf_append(out, bytes + i, v))
                return -1;
            i += v;
            if (i < len) {
                if (buf_append(out, "\xEF\xBF\xBD", 3))
                    return -1;
                i++;
            }
        }
        return 0;
    }
    /* windows-1252 via iconv, byte by byte fallback to U+FFFD */
    iconv_t cd = iconv_open("UTF-8", "CP1252");
    if (cd == (iconv_t)-1)
        return -1;
    char *in = (char *)bytes;
    size_t inleft = len;
    while (inleft) {
        if (buf_reserve(out, inleft * 3 + 16)) {
            iconv_close(cd);
            return -1;
        }
        char *o = out->data + out->len;
        size_t oleft = out->cap - out->len;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        out->len = (size_t)(o - out->data);
        if (r == (size_t)-1 && errno != E2BIG) {
            if (buf_append(out, "\xEF\xBF\xBD", 3)) {
                iconv_close(cd);
                return -1;
            }
            in++;
            inleft--;
        }
    }
    iconv_close(cd);
    return 0;
}
