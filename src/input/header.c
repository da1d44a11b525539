/*
 * header.c — WARC record headers, version lines and dates (warc.h).
 */
#include <string.h>

#include "core/utf8.h"
#include "input/warc.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

long warc_version_line(const char *b, size_t len)
{
    static const char warc[] = "warc/";
    size_t i = 0;
    for (; i < 5; i++) {
        if (i >= len)
            return -1;
        if (ascii_lower(b[i]) != warc[i])
            return 0;
    }
    /* digits "." digits: 1.0, 1.1, 0.17, 0.18 and whatever comes next */
    size_t major = 0, minor = 0;
    for (; i < len && is_digit(b[i]) && major < 4; i++)
        major++;
    if (i >= len)
        return -1;
    if (!major || b[i] != '.')
        return 0;
    for (i++; i < len && is_digit(b[i]) && minor < 4; i++)
        minor++;
    while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r'))
        i++;
    if (i >= len)
        return -1;
    return minor && b[i] == '\n' ? (long)(i + 1) : 0;
}

size_t warc_find_version(const char *b, size_t len, int *sure)
{
    *sure = 1;
    for (size_t i = 0; i < len;) {
        if (i == 0 || b[i - 1] == '\n') {
            long v = warc_version_line(b + i, len - i);
            if (v > 0)
                return i;
            if (v < 0) {
                *sure = 0;
                return i;
            }
        }
        const char *lf = memchr(b + i, '\n', len - i);
        if (!lf)
            break;
        i = (size_t)(lf - b) + 1;
    }
    return len;
}

size_t warc_add_string(buf *b, const char *s, size_t len)
{
    size_t at = b->len;
    /* at worst every byte becomes a 3-byte U+FFFD */
    if (len > (SIZE_MAX - 1) / 3 || buf_reserve(b, len * 3 + 1))
        return WARC_NO_FIELD;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t adv;
        if (u[i] < 0x80) {
            b->data[b->len++] = (char)u[i++];
            continue;
        }
        uint32_t cp = utf8_decode(u + i, len - i, &adv);
        if (cp == 0xFFFD && !(adv == 3 && !memcmp(u + i, "\xef\xbf\xbd", 3))) {
            memcpy(b->data + b->len, "\xef\xbf\xbd", 3);
            b->len += 3;
        } else {
            memcpy(b->data + b->len, u + i, adv);
            b->len += adv;
        }
        i += adv;
    }
    b->data[b->len++] = '\0';
    return at;
}

/* Where a field's value goes, by name; NULL for fields the reader does
 * not use (WARC 1.1 § 5: names are case-insensitive). */
static size_t *slot_for(warc_header *h, const char *name, size_t len)
{
    if (ascii_ieq(name, len, "warc-type"))
        return &h->type;
    if (ascii_ieq(name, len, "warc-record-id"))
        return &h->record_id;
    if (ascii_ieq(name, len, "warc-date"))
        return &h->date;
    if (ascii_ieq(name, len, "warc-target-uri"))
        return &h->target_uri;
    if (ascii_ieq(name, len, "content-type"))
        return &h->content_type;
    if (ascii_ieq(name, len, "content-length"))
        return &h->length_text;
    return NULL;
}

static int64_t parse_length(const char *s)
{
    int64_t n = 0;
    if (!is_digit(*s))
        return -1;
    for (; is_digit(*s); s++) {
        if (n > (INT64_MAX - 9) / 10)
            return -1;
        n = n * 10 + (*s - '0');
    }
    return *s ? -1 : n;
}

/* The value's bytes: leading and trailing whitespace trimmed. */
static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

int warc_header_parse(const char *b, size_t len, warc_header *h, buf *strings)
{
    h->type = h->record_id = h->date = h->target_uri = h->content_type = WARC_NO_FIELD;
    h->length_text = WARC_NO_FIELD;
    h->content_length = -1;
    h->size = 0;
    long v = warc_version_line(b, len);
    if (v == 0)
        return WARC_HEADER_NOT_VERSION;
    if (v < 0)
        return WARC_HEADER_CUT;
    size_t pos = (size_t)v;
    size_t *current = NULL; /* the field a continuation line extends */
    for (;;) {
        const char *line = b + pos;
        const char *lf = memchr(line, '\n', len - pos);
        if (!lf)
            return WARC_HEADER_CUT;
        size_t n = (size_t)(lf - line);
        pos += n + 1;
        while (n && line[n - 1] == '\r')
            n--;
        if (n == 0)
            break;
        if (line[0] == ' ' || line[0] == '\t') {
            /* a continuation: the value goes on after one space */
            trim(&line, &n);
            if (current && *current != WARC_NO_FIELD && n) {
                strings->len--; /* over the NUL: the value is the last string */
                int empty = strings->len == *current;
                if ((!empty && buf_append_char(strings, ' ')) ||
                    warc_add_string(strings, line, n) == WARC_NO_FIELD)
                    return WARC_HEADER_NOMEM;
            }
            continue;
        }
        const char *colon = memchr(line, ':', n);
        if (!colon) {
            current = NULL;
            continue; /* not a field: nothing to take from it */
        }
        size_t nlen = (size_t)(colon - line);
        const char *value = colon + 1;
        size_t vlen = n - nlen - 1;
        trim(&line, &nlen);
        trim(&value, &vlen);
        current = slot_for(h, line, nlen);
        if (!current)
            continue;
        if ((*current = warc_add_string(strings, value, vlen)) == WARC_NO_FIELD)
            return WARC_HEADER_NOMEM;
    }
    if (h->length_text != WARC_NO_FIELD)
        h->content_length = parse_length(strings->data + h->length_text);
    h->size = pos;
    return WARC_HEADER_OK;
}

/* ------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------ */

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar:
 * years counted from March, so that the leap day ends a year. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);                      /* 0..399 */
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* 0..365 */
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* 0..146096 */
    return era * 146097 + (long long)doe - 719468;
}

/* n digits at s as a number, or -1. */
static int digits(const char *s, size_t len, size_t at, size_t n)
{
    if (at + n > len)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[at + i]))
            return -1;
        v = v * 10 + (s[at + i] - '0');
    }
    return v;
}

long long warc_date_unix(const char *s, size_t len)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    size_t i;
    long long offset = 0;
    size_t run = 0;
    while (run < len && is_digit(s[run]))
        run++;
    if (run == 14) {
        /* ARC: YYYYMMDDhhmmss */
        y = digits(s, len, 0, 4);
        mo = digits(s, len, 4, 2);
        d = digits(s, len, 6, 2);
        h = digits(s, len, 8, 2);
        mi = digits(s, len, 10, 2);
        sec = digits(s, len, 12, 2);
    } else {
        /* W3C-DTF: YYYY-MM-DD[Thh:mm[:ss[.fraction]]TZD] */
        y = digits(s, len, 0, 4);
        if (y < 0 || len < 10 || s[4] != '-' || s[7] != '-')
            return 0;
        mo = digits(s, len, 5, 2);
        d = digits(s, len, 8, 2);
        i = 10;
        if (i < len && (s[i] == 'T' || s[i] == 't')) {
            h = digits(s, len, 11, 2);
            mi = len > 13 && s[13] == ':' ? digits(s, len, 14, 2) : -1;
            i = 16;
            if (i < len && s[i] == ':') {
                sec = digits(s, len, 17, 2);
                i = 19;
                if (i < len && s[i] == '.')
                    for (i++; i < len && is_digit(s[i]); i++)
                        ;
            }
            if (h < 0 || mi < 0 || sec < 0)
                return 0;
            if (i < len && (s[i] == '+' || s[i] == '-')) {
                int oh = digits(s, len, i + 1, 2);
                int om = i + 3 < len && s[i + 3] == ':' ? digits(s, len, i + 4, 2) : -1;
                if (oh < 0 || om < 0)
                    return 0;
                offset = (s[i] == '+' ? 1 : -1) * (long long)(oh * 3600 + om * 60);
            }
        }
    }
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return 0;
    long long t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
    return t - offset;
}
