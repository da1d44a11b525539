/* json.c — the streaming JSON writer (json.h). */
#include "core/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

void json_init_buf(json_writer *w, buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

void json_init_sink(json_writer *w, json_sink_fn sink, void *user)
{
    memset(w, 0, sizeof *w);
    w->out = &w->own;
    w->sink = sink;
    w->user = user;
    /* One allocation for the whole run: the chunk never grows. */
    if (buf_reserve(&w->own, JSON_CHUNK))
        w->status = JSON_ERR_NOMEM;
}

void json_free(json_writer *w)
{
    buf_free(&w->own);
}

static void fail(json_writer *w, int status)
{
    if (!w->status)
        w->status = status;
}

static void flush(json_writer *w)
{
    if (w->sink && w->out->len) {
        if (!w->status && w->sink(w->out->data, w->out->len, w->user))
            fail(w, JSON_ERR_WRITE);
        w->out->len = 0;
    }
}

static void put(json_writer *w, const char *s, size_t n)
{
    if (w->status)
        return;
    if (w->sink && n > JSON_CHUNK - w->out->len) {
        flush(w);
        if (n >= JSON_CHUNK) {
            /* a long run of plain text: worth a call of its own, no copy */
            if (!w->status && w->sink(s, n, w->user))
                fail(w, JSON_ERR_WRITE);
            return;
        }
    }
    if (buf_append(w->out, s, n))
        fail(w, JSON_ERR_NOMEM);
}

static void putc_(json_writer *w, char c)
{
    put(w, &c, 1);
}

int json_finish(json_writer *w)
{
    if (w->depth || w->in_string || w->want_value)
        fail(w, JSON_ERR_STATE);
    flush(w);
    return w->status;
}

/* ---- structure ------------------------------------------------------ */

/* Whether a value may be written here; writes the comma before an array
 * element. */
static int begin_value(json_writer *w)
{
    if (w->status)
        return 0;
    if (w->in_string) {
        fail(w, JSON_ERR_STATE);
        return 0;
    }
    if (!w->depth)
        return 1;
    unsigned top = w->depth - 1;
    if (w->kind[top] == 'o') {
        if (!w->want_value) {
            fail(w, JSON_ERR_STATE); /* a value without its key */
            return 0;
        }
        w->want_value = 0;
        return 1;
    }
    if (w->members[top])
        putc_(w, ',');
    w->members[top] = 1;
    return 1;
}

static void open_container(json_writer *w, char kind)
{
    if (!begin_value(w))
        return;
    if (w->depth == JSON_MAX_DEPTH) {
        fail(w, JSON_ERR_DEPTH);
        return;
    }
    w->kind[w->depth] = kind;
    w->members[w->depth] = 0;
    w->depth++;
    putc_(w, kind == 'o' ? '{' : '[');
}

static void close_container(json_writer *w, char kind)
{
    if (w->status)
        return;
    if (!w->depth || w->kind[w->depth - 1] != kind || w->want_value || w->in_string) {
        fail(w, JSON_ERR_STATE);
        return;
    }
    w->depth--;
    putc_(w, kind == 'o' ? '}' : ']');
}

void json_object_begin(json_writer *w)
{
    open_container(w, 'o');
}
void json_object_end(json_writer *w)
{
    close_container(w, 'o');
}
void json_array_begin(json_writer *w)
{
    open_container(w, 'a');
}
void json_array_end(json_writer *w)
{
    close_container(w, 'a');
}

/* ---- strings -------------------------------------------------------- */

/* Bytes a string cannot carry as they are: 1 ASCII that needs an escape,
 * 2 the start of a non-ASCII sequence (to be checked). */
static const uint8_t special[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
    [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
    [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['"'] = 1,  ['\\'] = 1,
#define S2(x) [x] = 2, [x + 1] = 2
#define S8(x) S2(x), S2(x + 2), S2(x + 4), S2(x + 6)
#define S32(x) S8(x), S8(x + 8), S8(x + 16), S8(x + 24)
    S32(0x80),  S32(0xA0),  S32(0xC0),  S32(0xE0),
#undef S32
#undef S8
#undef S2
};

static void put_ascii_escape(json_writer *w, unsigned c)
{
    static const char hex[] = "0123456789abcdef";
    char e[6] = {'\\', 0, 0, 0, 0, 0};
    switch (c) {
    case '"':
        e[1] = '"';
        break;
    case '\\':
        e[1] = '\\';
        break;
    case '\b':
        e[1] = 'b';
        break;
    case '\f':
        e[1] = 'f';
        break;
    case '\n':
        e[1] = 'n';
        break;
    case '\r':
        e[1] = 'r';
        break;
    case '\t':
        e[1] = 't';
        break;
    default:
        memcpy(e + 1, "u00", 3);
        e[4] = hex[c >> 4];
        e[5] = hex[c & 15];
        put(w, e, 6);
        return;
    }
    put(w, e, 2);
}

/* Whether s[0..len) is the start of a UTF-8 sequence that needs more bytes
 * than len to be decided: it may yet turn out valid. */
static int incomplete_sequence(const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    size_t need = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
    if (len >= need)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    return 1;
}

/* Writes s[0..n) escaped. With `partial`, a sequence cut short at the end
 * is not decided but kept in w->pending for the next piece. Plain bytes
 * and valid sequences go out in runs, one copy each. */
static void put_escaped(json_writer *w, const unsigned char *s, size_t n, int partial)
{
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned kind = special[s[i]];
        if (!kind) {
            i++;
            continue;
        }
        if (kind == 1) {
            put(w, (const char *)s + run, i - run);
            put_ascii_escape(w, s[i]);
            run = ++i;
            continue;
        }
        if (partial && incomplete_sequence(s + i, n - i)) {
            put(w, (const char *)s + run, i - run);
            memcpy(w->pending, s + i, n - i);
            w->npending = (uint8_t)(n - i);
            return;
        }
        size_t adv;
        uint32_t cp = utf8_decode(s + i, n - i, &adv);
        if (cp == 0xFFFD && adv == 1) { /* invalid: a literal U+FFFD has adv 3 */
            put(w, (const char *)s + run, i - run);
            put(w, "\xEF\xBF\xBD", 3);
            run = ++i;
        } else if (cp == 0x2028 || cp == 0x2029) {
            put(w, (const char *)s + run, i - run);
            put(w, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
            run = i += adv;
        } else {
            i += adv;
        }
    }
    put(w, (const char *)s + run, n - run);
}

void json_string_begin(json_writer *w)
{
    if (!begin_value(w))
        return;
    w->in_string = 1;
    w->npending = 0;
    putc_(w, '"');
}

void json_string_append(json_writer *w, const char *data, size_t len)
{
    if (w->status)
        return;
    if (!w->in_string) {
        fail(w, JSON_ERR_STATE);
        return;
    }
    const unsigned char *s = (const unsigned char *)data;
    /* Finish the sequence the last piece cut short, one character at a
     * time from the pending bytes plus the new ones, exactly as if the
     * pieces had come as one. */
    while (w->npending && len) {
        unsigned char tmp[8];
        size_t k = w->npending, m = len < 4 ? len : 4;
        memcpy(tmp, w->pending, k);
        memcpy(tmp + k, s, m);
        if (incomplete_sequence(tmp, k + m)) { /* still short: all of s is in tmp */
            memcpy(w->pending, tmp, k + m);
            w->npending = (uint8_t)(k + m);
            return;
        }
        size_t adv;
        utf8_decode(tmp, k + m, &adv);
        w->npending = 0;
        put_escaped(w, tmp, adv, 0);
        if (adv >= k) {
            s += adv - k;
            len -= adv - k;
        } else {
            memmove(w->pending, tmp + adv, k - adv);
            w->npending = (uint8_t)(k - adv);
        }
    }
    put_escaped(w, s, len, 1);
}

void json_string_end(json_writer *w)
{
    if (w->status)
        return;
    if (!w->in_string) {
        fail(w, JSON_ERR_STATE);
        return;
    }
    if (w->npending) /* a sequence the string ended inside: invalid */
        put_escaped(w, w->pending, w->npending, 0);
    w->npending = 0;
    w->in_string = 0;
    putc_(w, '"');
}

int json_string_sink(const char *data, size_t len, void *writer)
{
    json_writer *w = writer;
    json_string_append(w, data, len);
    return w->status != JSON_OK;
}

void json_string(json_writer *w, const char *s, size_t len)
{
    if (!begin_value(w))
        return;
    putc_(w, '"');
    put_escaped(w, (const unsigned char *)s, len, 0);
    putc_(w, '"');
}

void json_cstring(json_writer *w, const char *s)
{
    if (s)
        json_string(w, s, strlen(s));
    else
        json_null(w);
}

void json_key(json_writer *w, const char *key, size_t len)
{
    if (w->status)
        return;
    if (!w->depth || w->kind[w->depth - 1] != 'o' || w->want_value || w->in_string) {
        fail(w, JSON_ERR_STATE);
        return;
    }
    unsigned top = w->depth - 1;
    if (w->members[top])
        putc_(w, ',');
    w->members[top] = 1;
    putc_(w, '"');
    put_escaped(w, (const unsigned char *)key, len, 0);
    put(w, "\":", 2);
    w->want_value = 1;
}

/* ---- other values --------------------------------------------------- */

void json_null(json_writer *w)
{
    if (begin_value(w))
        put(w, "null", 4);
}

void json_bool(json_writer *w, int value)
{
    if (begin_value(w))
        put(w, value ? "true" : "false", value ? 4 : 5);
}

/* Decimal digits of v, without printf. */
static void put_digits(json_writer *w, unsigned long long v, int negative)
{
    char d[24];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (negative)
        d[--i] = '-';
    put(w, d + i, sizeof d - i);
}

void json_uint(json_writer *w, unsigned long long value)
{
    if (begin_value(w))
        put_digits(w, value, 0);
}

void json_int(json_writer *w, long long value)
{
    if (!begin_value(w))
        return;
    /* -(value + 1) + 1: no overflow for LLONG_MIN */
    if (value < 0)
        put_digits(w, (unsigned long long)(-(value + 1)) + 1, 1);
    else
        put_digits(w, (unsigned long long)value, 0);
}

/* The decimal point printf uses in this thread's locale ("." or ",", or
 * several bytes in some locales), found by printing 0.5: snprintf and
 * strtod are thread-safe and follow the same locale, and neither
 * setlocale nor localeconv (both racy) is needed. */
static size_t locale_point(char *point, size_t cap)
{
    char probe[32];
    int n = snprintf(probe, sizeof probe, "%.1f", 0.5); /* "0" point "5" */
    if (n < 3 || (size_t)n - 2 >= cap || probe[0] != '0' || probe[n - 1] != '5') {
        memcpy(point, ".", 2);
        return 1;
    }
    memcpy(point, probe + 1, (size_t)n - 2);
    point[n - 2] = '\0'; /* for strstr */
    return (size_t)n - 2;
}

void json_double(json_writer *w, double value)
{
    if (!isfinite(value)) {
        json_null(w);
        return;
    }
    /* Integers print exactly, without an exponent (libm's floor is not
     * needed: below 1e15 the cast is exact for them). */
    if (fabs(value) < 1e15 && value == (double)(long long)value) {
        json_int(w, (long long)value);
        return;
    }
    if (!begin_value(w))
        return;
    char point[16];
    size_t plen = locale_point(point, sizeof point);
    char text[64];
    int n = 0;
    /* The shortest of these that reads back as the same double; 17 digits
     * always do (IEEE 754 binary64). */
    for (int precision = 15; precision <= 17; precision++) {
        n = snprintf(text, sizeof text, "%.*g", precision, value);
        if (n <= 0 || (size_t)n >= sizeof text)
            break;
        if (strtod(text, NULL) == value)
            break;
    }
    if (n <= 0 || (size_t)n >= sizeof text) {
        fail(w, JSON_ERR_STATE);
        return;
    }
    /* Whatever the locale's point, JSON's is "." (RFC 8259 § 6). */
    char *p = strstr(text, point);
    if (p && !(plen == 1 && *point == '.')) {
        *p = '.';
        memmove(p + 1, p + plen, strlen(p + plen) + 1);
        n -= (int)plen - 1;
    }
    put(w, text, (size_t)n);
}

void json_fixed(json_writer *w, double value, int decimals)
{
    static const double scale_of[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    double scale = scale_of[decimals];
    if (!isfinite(value) || fabs(value) >= 1e15 || fabs(value) * scale >= 9e18) {
        json_double(w, value);
        return;
    }
    if (!begin_value(w))
        return;
    /* Round half away from zero, in integers from here on. */
    unsigned long long units = (unsigned long long)(fabs(value) * scale + 0.5);
    unsigned long long step = (unsigned long long)scale;
    unsigned long long whole = units / step, frac = units % step;
    put_digits(w, whole, value < 0 && units);
    if (!frac)
        return;
    char d[10];
    int k = decimals;
    while (frac % 10 == 0) { /* trailing zeros go */
        frac /= 10;
        k--;
    }
    d[0] = '.';
    for (int i = k; i >= 1; i--) {
        d[i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    put(w, d, (size_t)k + 1);
}

void json_raw(json_writer *w, const char *s, size_t len)
{
    if (w->status)
        return;
    if (w->depth || w->in_string || w->want_value) {
        fail(w, JSON_ERR_STATE);
        return;
    }
    put(w, s, len);
}

void json_member_cstring(json_writer *w, const char *key, const char *value)
{
    json_key(w, key, strlen(key));
    json_cstring(w, value);
}

void json_member_int(json_writer *w, const char *key, long long value)
{
    json_key(w, key, strlen(key));
    json_int(w, value);
}
