/* prescan.c — the encoding a page declares in its first bytes: HTML
 * § 13.2.3.2 "prescan a byte stream to determine its encoding" and § 2.5.3
 * "extracting character encodings from meta elements".
 *
 * The prescan reads bytes, not characters, and works on slices of them:
 * where the algorithm builds lowercased attribute names and values, this
 * code keeps (pointer, length) views into the input and compares them
 * ASCII case-insensitively, which gives the same answers without copies. */
#include <string.h>

#include "core/utf8.h"
#include "decode/decode.h"

static int is_ws(unsigned char b)
{
    return b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x20;
}

static int is_alpha(unsigned char b)
{
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
}

/* The input and a position in it. Every step that would read at or past
 * `len` is the algorithm's "runs out of bytes": the prescan aborts. */
typedef struct scan {
    const unsigned char *s;
    size_t len;
    size_t pos;
} scan;

typedef struct slice {
    const char *p;
    size_t len;
} slice;

enum { ATTR_NONE = 0, ATTR_FOUND = 1, OUT_OF_BYTES = -1 };

/* "Get an attribute": ATTR_FOUND with *name and *value set, ATTR_NONE at
 * the '>' that ends the tag (left in place), or OUT_OF_BYTES. */
static int get_attribute(scan *sc, slice *name, slice *value)
{
    const unsigned char *s = sc->s;
    size_t n = sc->len, i = sc->pos;
    /* Step 1: skip whitespace and '/'. */
    while (i < n && (is_ws(s[i]) || s[i] == '/'))
        i++;
    if (i >= n)
        return OUT_OF_BYTES;
    /* Step 2. */
    if (s[i] == '>') {
        sc->pos = i;
        return ATTR_NONE;
    }
    /* Steps 3–5: the name runs to '=' (not as its first byte), whitespace,
     * '/' or '>'. */
    size_t start = i;
    for (;; i++) {
        if (i >= n)
            return OUT_OF_BYTES;
        if ((s[i] == '=' && i > start) || is_ws(s[i]) || s[i] == '/' || s[i] == '>')
            break;
    }
    *name = (slice){(const char *)s + start, i - start};
    *value = (slice){(const char *)s + i, 0};
    if (s[i] == '/' || s[i] == '>') {
        sc->pos = i;
        return ATTR_FOUND;
    }
    if (s[i] != '=') {
        /* Steps 6–7 ("spaces"): a name with no '=' after its spaces has an
         * empty value, and the byte found starts what follows. */
        while (i < n && is_ws(s[i]))
            i++;
        if (i >= n)
            return OUT_OF_BYTES;
        if (s[i] != '=') {
            sc->pos = i;
            return ATTR_FOUND;
        }
    }
    i++; /* step 8: past '=' */
    /* Step 9 ("value"). */
    while (i < n && is_ws(s[i]))
        i++;
    if (i >= n)
        return OUT_OF_BYTES;
    /* Step 10. */
    if (s[i] == '"' || s[i] == '\'') {
        const unsigned char *q = memchr(s + i + 1, s[i], n - i - 1);
        if (!q)
            return OUT_OF_BYTES;
        *value = (slice){(const char *)s + i + 1, (size_t)(q - s) - i - 1};
        sc->pos = (size_t)(q - s) + 1;
        return ATTR_FOUND;
    }
    if (s[i] == '>') {
        sc->pos = i;
        return ATTR_FOUND;
    }
    /* Steps 11–12: an unquoted value runs to whitespace or '>'. */
    start = i++;
    while (i < n && !is_ws(s[i]) && s[i] != '>')
        i++;
    if (i >= n)
        return OUT_OF_BYTES;
    *value = (slice){(const char *)s + start, i - start};
    sc->pos = i;
    return ATTR_FOUND;
}

enum { META_NOTHING = -1, META_OUT_OF_BYTES = -2 };

/* The <meta> branch of the prescan's loop, from the byte after "<meta":
 * the encoding the tag declares, META_NOTHING (the scan goes on from
 * sc->pos, the tag's '>') or META_OUT_OF_BYTES. */

static int prescan_meta(scan *sc)
{
    /* Steps 2–5. need_pragma: -1 for the algorithm's null. charset: -2 for
     * null, -1 for failure (an unknown label), else an encoding. */
    int seen_http_equiv = 0, seen_content = 0, seen_charset = 0;
    int got_pragma = 0, need_pragma = -1, charset = -2;
    for (;;) {
        slice name, value;
        int r = get_attribute(sc, &name, &value);
        if (r == OUT_OF_BYTES)
            return META_OUT_OF_BYTES;
        if (r == ATTR_NONE)
            break;
        /* Steps 7–9: only the first attribute of a name counts, and only
         * these three names matter. */
        if (ascii_ieq(name.p, name.len, "http-equiv")) {
            if (seen_http_equiv++)
                continue;
            if (ascii_ieq(value.p, value.len, "content-type"))
                got_pragma = 1;
        } else if (ascii_ieq(name.p, name.len, "content")) {
            if (seen_content++)
                continue;
            size_t label_len;
            const char *label = dec_charset_from_content(value.p, value.len, &label_len);
            int e = label ? dec_label_lookup(label, label_len) : -1;
            if (e >= 0 && charset == -2) {
                charset = e;
                need_pragma = 1;
            }
        } else if (ascii_ieq(name.p, name.len, "charset")) {
            if (seen_charset++)
                continue;
            charset = dec_label_lookup(value.p, value.len);
            need_pragma = 0;
        }
    }
    /* Steps 11–16 ("processing"). */
    if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || charset < 0)
        return META_NOTHING;
    if (dec_is_utf16(charset))
        return DEC_UTF_8;
    if (charset == DEC_X_USER_DEFINED)
        return DEC_WINDOWS_1252;
    return charset;
}

/* Advances sc->pos to the next '>' at or after `from`; 0, or -1 when
 * there is none. */
static int skip_to_gt(scan *sc, size_t from)
{
    if (from >= sc->len)
        return -1;
    const unsigned char *gt = memchr(sc->s + from, '>', sc->len - from);
    if (!gt)
        return -1;
    sc->pos = (size_t)(gt - sc->s);
    return 0;
}

/* "Get an XML encoding", what the prescan falls back to when it runs out of
 * bytes: the encoding="..." of a leading <?xml ...>, searched for only
 * before the declaration's '>' (as the current text of § 13.2.3.2 says). */
static int xml_encoding(const unsigned char *s, size_t n)
{
    if (n < 5 || memcmp(s, "<?xml", 5) != 0)
        return -1;
    const unsigned char *gt = memchr(s, '>', n);
    if (!gt)
        return -1;
    size_t end = (size_t)(gt - s), i = 5;
    for (; i + 8 <= end; i++) {
        if (memcmp(s + i, "encoding", 8) == 0)
            break;
    }
    if (i + 8 > end)
        return -1;
    i += 8;
    /* The declaration's end bounds only the search for "encoding"; the
     * steps after it read on to the end of the bytes. */
    while (i < n && s[i] <= 0x20)
        i++;
    if (i >= n || s[i] != '=')
        return -1;
    i++;
    while (i < n && s[i] <= 0x20)
        i++;
    if (i >= n || (s[i] != '"' && s[i] != '\''))
        return -1;
    const unsigned char *close = memchr(s + i + 1, s[i], n - i - 1);
    if (!close)
        return -1;
    const unsigned char *label = s + i + 1;
    size_t len = (size_t)(close - label);
    for (size_t k = 0; k < len; k++) {
        if (label[k] <= 0x20)
            return -1;
    }
    int e = dec_label_lookup((const char *)label, len);
    return dec_is_utf16(e) ? DEC_UTF_8 : e;
}

int dec_prescan(const unsigned char *bytes, size_t len)
{
    if (!bytes)
        return -1;
    /* Step 2: a UTF-16 XML declaration (its bytes, without a BOM). */
    if (len >= 6 && memcmp(bytes, "<\0?\0x\0", 6) == 0)
        return DEC_UTF_16LE;
    if (len >= 6 && memcmp(bytes, "\0<\0?\0x", 6) == 0)
        return DEC_UTF_16BE;
    scan sc = {bytes, len, 0};
    const unsigned char *s = bytes;
    /* Step 3 ("loop"); only a '<' starts anything, so jump between them. */
    while (sc.pos < len) {
        const unsigned char *lt = memchr(s + sc.pos, '<', len - sc.pos);
        if (!lt)
            break;
        size_t i = (size_t)(lt - s);
        size_t left = len - i;
        if (left >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            /* The first '>' preceded by "--", those of "<!--" included. */
            size_t k = i + 4;
            for (;;) {
                if (skip_to_gt(&sc, k))
                    goto out_of_bytes;
                if (s[sc.pos - 1] == '-' && s[sc.pos - 2] == '-')
                    break;
                k = sc.pos + 1;
            }
        } else if (left >= 6 && ascii_ieq((const char *)s + i + 1, 4, "meta") &&
                   (is_ws(s[i + 5]) || s[i + 5] == '/')) {
            sc.pos = i + 5;
            int e = prescan_meta(&sc);
            if (e == META_OUT_OF_BYTES)
                goto out_of_bytes;
            if (e >= 0)
                return e;
        } else if (left >= 2 &&
                   (is_alpha(s[i + 1]) || (left >= 3 && s[i + 1] == '/' && is_alpha(s[i + 2])))) {
            /* Another tag: skip its name, then its attributes. */
            size_t k = i + 1;
            while (k < len && !is_ws(s[k]) && s[k] != '>')
                k++;
            if (k >= len)
                goto out_of_bytes;
            sc.pos = k;
            slice name, value;
            int r;
            while ((r = get_attribute(&sc, &name, &value)) == ATTR_FOUND)
                ;
            if (r == OUT_OF_BYTES)
                goto out_of_bytes;
        } else if (left >= 2 && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
            if (skip_to_gt(&sc, i + 1))
                goto out_of_bytes;
        } else {
            sc.pos = i;
        }
        sc.pos++; /* step 4 ("next byte") */
    }
out_of_bytes:
    return xml_encoding(bytes, len);
}

const char *dec_charset_from_content(const char *content, size_t len, size_t *label_len)
{
    *label_len = 0;
    if (!content)
        return NULL;
    const unsigned char *s = (const unsigned char *)content;
    size_t i = 0;
    /* Step 2 ("loop"): the next "charset", ASCII case-insensitively. */
    for (;;) {
        for (; i + 7 <= len; i++) {
            if (ascii_ieq((const char *)s + i, 7, "charset"))
                break;
        }
        if (i + 7 > len)
            return NULL;
        i += 7;
        /* Steps 3–4: whitespace, then '=', or look for the next one from
         * the byte that was not '='. */
        while (i < len && is_ws(s[i]))
            i++;
        if (i < len && s[i] == '=')
            break;
    }
    i++;
    /* Step 5. */
    while (i < len && is_ws(s[i]))
        i++;
    if (i >= len)
        return NULL;
    /* Step 6: a quoted label needs its closing quote; an unquoted one runs
     * to whitespace, ';' or the end. */
    if (s[i] == '"' || s[i] == '\'') {
        const unsigned char *close = memchr(s + i + 1, s[i], len - i - 1);
        if (!close)
            return NULL;
        *label_len = (size_t)(close - s) - i - 1;
        return content + i + 1;
    }
    size_t start = i;
    while (i < len && !is_ws(s[i]) && s[i] != ';')
        i++;
    *label_len = i - start;
    return content + start;
}
