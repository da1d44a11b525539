/*
 * arc.c — ARC header lines (warc.h), as the ARC File Format (Burner and
 * Kahle, 1996) defines them: fields separated by single spaces, the last
 * one the length of the record's content.
 */
#include <string.h>

#include "core/utf8.h"
#include "input/warc.h"

#define ARC_MAX_FIELDS 64

int arc_filedesc(const char *b, size_t len)
{
    return len >= 11 && ascii_ieq(b, 11, "filedesc://");
}

/* Whether s[0..len) holds any of `chars`. */
static int strpbrk_n(const char *s, size_t len, const char *chars)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] && strchr(chars, s[i]))
            return 1;
    }
    return 0;
}

static int all_digits(const char *s, size_t len)
{
    if (!len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

int arc_header_parse(const char *line, size_t len, int version, arc_header *h)
{
    const char *start[ARC_MAX_FIELDS];
    size_t flen[ARC_MAX_FIELDS], n = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && line[i] == ' ')
            i++;
        if (i >= len)
            break;
        if (n == ARC_MAX_FIELDS)
            return -1;
        const char *sp = memchr(line + i, ' ', len - i);
        size_t end = sp ? (size_t)(sp - line) : len;
        start[n] = line + i;
        flen[n++] = end - i;
        i = end;
    }
    if (n < 5)
        return -1;
    size_t url_fields, ip, date, mime;
    if (version == 2 && n >= 10) {
        /* URL IP date type result-code checksum location offset filename
         * length: only the URL may hold spaces ahead of nine fields */
        url_fields = n - 9;
        ip = n - 9, date = n - 8, mime = n - 7;
    } else {
        url_fields = n - 4;
        ip = n - 4, date = n - 3, mime = n - 2;
    }
    /* the date is YYYYMMDDhhmmss, 12 digits (no seconds) in early files;
     * writers put "-" or "null" for unknown. A number of another length
     * is no date: such lines are no header. */
    if (all_digits(start[date], flen[date]) ? flen[date] != 14 && flen[date] != 12
                                            : strpbrk_n(start[date], flen[date], "0123456789"))
        return -1;
    if (!all_digits(start[n - 1], flen[n - 1]) || flen[n - 1] > 18)
        return -1;
    /* a URL has a scheme and more ("http://...", "dns:host", "filedesc://...") */
    const char *colon = memchr(start[0], ':', flen[0]);
    if (!colon || colon == start[0] || colon == start[0] + flen[0] - 1)
        return -1;
    uint64_t length = 0;
    for (size_t i = 0; i < flen[n - 1]; i++)
        length = length * 10 + (uint64_t)(start[n - 1][i] - '0');
    h->url = start[0];
    h->url_len = (size_t)(start[url_fields - 1] + flen[url_fields - 1] - start[0]);
    h->ip = start[ip];
    h->ip_len = flen[ip];
    h->date = start[date];
    h->date_len = flen[date];
    h->mime = start[mime];
    h->mime_len = flen[mime];
    h->length = length;
    return 0;
}
