#include "core/utf8.h"

#include <string.h>

uint32_t utf8_decode(const unsigned char *s, size_t len, size_t *adv)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    size_t n;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        *adv = 1;
        return 0xFFFD;
    }
    if (len < n) {
        *adv = 1;
        return 0xFFFD;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *adv = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *adv = 1;
        return 0xFFFD;
    }
    *adv = n;
    return cp;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_valid_prefix(const unsigned char *s, size_t len, int *multibyte)
{
    size_t i = 0;
    int multi = 0;
    while (i < len) {
        /* ASCII runs dominate real pages: skip them 8 bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp == 0xFFFD && adv == 1) /* a real U+FFFD is 3 bytes */
            break;
        multi = 1;
        i += adv;
    }
    if (multibyte)
        *multibyte = multi;
    return i;
}

int utf8_is_space(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0x180E: case 0xFEFF: case 0x200B:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

int utf8_is_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               cp == '_';
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 || cp == 0xB3 || cp == 0xB9 ||
        (cp >= 0xBC && cp <= 0xBE))
        return 1;
    if (cp < 0xC0)
        return 0;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    if (utf8_is_space(cp))
        return 0;
    /* General punctuation, currency, letterlike/arrows/math/box drawing and
     * other symbol blocks, CJK punctuation, full-width forms' punctuation. */
    if ((cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
        (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFE50 && cp <= 0xFE6F) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) ||
        (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x00A1 && cp <= 0x00BF))
        return 0;
    /* Arabic, Hebrew, Devanagari... punctuation marks that matter most. */
    if (cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x066A || cp == 0x066B ||
        cp == 0x066C || cp == 0x066D || cp == 0x06D4 || cp == 0x05BE || cp == 0x05C0 ||
        cp == 0x05C3 || cp == 0x05C6 || cp == 0x05F3 || cp == 0x05F4 || cp == 0x0964 ||
        cp == 0x0965 || cp == 0x0E2F || cp == 0x0E5A || cp == 0x0E5B || cp == 0x037E ||
        cp == 0x0387 || cp == 0x055A || cp == 0x055B || cp == 0x055C || cp == 0x055D ||
        cp == 0x055E || cp == 0x055F || cp == 0x0589)
        return 0;
    return 1;
}

size_t utf8_count_words(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, words = 0;
    int in_word = 0;
    while (i < len) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        int w = utf8_is_word(cp);
        if (w && !in_word)
            words++;
        in_word = w;
        i += adv;
    }
    return words;
}

int ascii_ieq(const char *s, size_t len, const char *lit)
{
    size_t i = 0;
    for (; i < len; i++) {
        if (!lit[i] || ascii_lower(s[i]) != lit[i])
            return 0;
    }
    return lit[i] == '\0';
}

const char *mem_find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    if (nlen == 0)
        return hay;
    if (nlen > hlen)
        return NULL;
    const char *end = hay + hlen - nlen;
    for (const char *p = hay; p <= end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) + 1);
        if (!p)
            return NULL;
        if (!memcmp(p, needle, nlen))
            return p;
    }
    return NULL;
}

uint32_t utf8_lower(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
        (cp >= 0x410 && cp <= 0x42F))
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    /* Latin Extended-A pairs capital and small letters; the pairs start
     * on even code points except in 0139-0148 and 0179-017E. */
    if ((cp >= 0x100 && cp <= 0x137 && !(cp & 1) && cp != 0x130) ||
        (cp >= 0x14A && cp <= 0x177 && !(cp & 1)) || (cp >= 0x139 && cp <= 0x148 && (cp & 1)) ||
        (cp >= 0x179 && cp <= 0x17E && (cp & 1)))
        return cp + 1;
    if (cp == 0x178)
        return 0xFF;
    return cp;
}

size_t utf8_fold(const char *s, size_t len, char *out, size_t cap, unsigned flags)
{
    int spaces = (flags & UTF8_FOLD_SPACES) != 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0;
    while (i < len) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        i += adv;
        if (utf8_is_space(cp)) {
            if (spaces && n && out[n - 1] != ' ') {
                if (n + 1 > cap)
                    return cap + 1;
                out[n++] = ' ';
            }
            continue;
        }
        char enc[4];
        size_t el = utf8_encode((flags & UTF8_FOLD_KEEP_CASE) ? cp : utf8_lower(cp), enc);
        if (n + el > cap)
            return cap + 1;
        memcpy(out + n, enc, el);
        n += el;
    }
    return n;
}
