/*
 * datefmt.c — reading dates in the forms pages write them (datefmt.h).
 *
 * The text reader cuts its input into tokens (numbers, words, single
 * punctuation marks, the CJK date markers) and tries a handful of token
 * patterns at each position. Working on tokens keeps every pattern a few
 * lines long and makes "9th", "9.", "1er" and "9 de" the same day.
 */
#include "meta/datefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

enum tk_type { TK_NUM, TK_WORD, TK_PUNCT, TK_CJK };

/* The CJK markers for year, month and day: 年 月 日 (Chinese, Japanese)
 * and 년 월 일 (Korean). */
enum { CJK_YEAR = 1, CJK_MONTH, CJK_DAY };

typedef struct dt_token {
    uint32_t off, len; /* bytes in the input */
    uint8_t type;      /* enum tk_type */
    uint8_t space;     /* whitespace before it */
    uint8_t digits;    /* TK_NUM: how many */
    uint8_t month;     /* TK_WORD: 1..12 when a month name */
    int32_t value;     /* TK_NUM: value (capped), TK_PUNCT: code point, TK_CJK: marker */
} dt_token;

/* Tokens read from one input, on the stack: a dateline or a value is a
 * few dozen; what comes after this many is not read. */
#define DT_MAX_TOKENS 256

typedef struct dt_tokens {
    const char *s;
    dt_token t[DT_MAX_TOKENS];
    size_t n;
} dt_tokens;

/* ---- month names ------------------------------------------------------ */

/* Month names and their usual abbreviations in en, de (with Austrian
 * Jänner), fr, es, it, nl and pt, lowercase, with accent-less spellings
 * that pages use in URLs and ASCII-only templates. Sorted by bytes for
 * bsearch (test_dates checks). Words that are also common words ("may",
 * "mar", "set", "out", "ago") only count next to a day and a year. */
static const struct month_name {
    const char *name;
    uint8_t month;
} month_names[] = {
    {"abr", 4},       {"abril", 4},     {"ago", 8},        {"agosto", 8},     {"aout", 8},
    {"août", 8},      {"apr", 4},       {"april", 4},      {"aprile", 4},     {"aug", 8},
    {"august", 8},    {"augustus", 8},  {"avr", 4},        {"avril", 4},      {"dec", 12},
    {"december", 12}, {"decembre", 12}, {"dez", 12},       {"dezember", 12},  {"dezembro", 12},
    {"dic", 12},      {"dicembre", 12}, {"diciembre", 12}, {"déc", 12},       {"décembre", 12},
    {"ene", 1},       {"enero", 1},     {"feb", 2},        {"febbraio", 2},   {"feber", 2},
    {"febrero", 2},   {"februar", 2},   {"februari", 2},   {"february", 2},   {"fev", 2},
    {"fevereiro", 2}, {"fevr", 2},      {"fevrier", 2},    {"fév", 2},        {"févr", 2},
    {"février", 2},   {"gen", 1},       {"gennaio", 1},    {"giu", 6},        {"giugno", 6},
    {"jaenner", 1},   {"jan", 1},       {"janeiro", 1},    {"januar", 1},     {"januari", 1},
    {"january", 1},   {"janv", 1},      {"janvier", 1},    {"juil", 7},       {"juillet", 7},
    {"juin", 6},      {"jul", 7},       {"julho", 7},      {"juli", 7},       {"julio", 7},
    {"july", 7},      {"jun", 6},       {"june", 6},       {"junho", 6},      {"juni", 6},
    {"junio", 6},     {"jänner", 1},    {"lug", 7},        {"luglio", 7},     {"maart", 3},
    {"maerz", 3},     {"mag", 5},       {"maggio", 5},     {"mai", 5},        {"maio", 5},
    {"mar", 3},       {"march", 3},     {"marco", 3},      {"mars", 3},       {"marz", 3},
    {"marzo", 3},     {"março", 3},     {"may", 5},        {"mayo", 5},       {"mei", 5},
    {"mrt", 3},       {"mrz", 3},       {"mär", 3},        {"märz", 3},       {"nov", 11},
    {"november", 11}, {"novembre", 11}, {"novembro", 11},  {"noviembre", 11}, {"oct", 10},
    {"october", 10},  {"octobre", 10},  {"octubre", 10},   {"okt", 10},       {"oktober", 10},
    {"ott", 10},      {"ottobre", 10},  {"out", 10},       {"outubro", 10},   {"sep", 9},
    {"sept", 9},      {"september", 9}, {"septembre", 9},  {"septiembre", 9}, {"set", 9},
    {"setembro", 9},  {"setiembre", 9}, {"settembre", 9},
};

/* For test_dates: the table must stay sorted. */
int dt_month_table_sorted(void);
int dt_month_table_sorted(void)
{
    for (size_t i = 1; i < sizeof month_names / sizeof *month_names; i++) {
        if (strcmp(month_names[i - 1].name, month_names[i].name) >= 0)
            return 0;
    }
    return 1;
}

static int month_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct month_name *)elem)->name);
}

/* The longest month name in bytes ("septiembre", "fevereiro" with room). */
#define MONTH_NAME_MAX 12

/* 1..12 when s[0..len) is a month name in any case, else 0. */
static int month_lookup(const char *s, size_t len)
{
    if (len < 3 || len > MONTH_NAME_MAX)
        return 0;
    char low[MONTH_NAME_MAX + 4];
    size_t n = utf8_fold(s, len, low, MONTH_NAME_MAX, 0);
    if (n > MONTH_NAME_MAX)
        return 0;
    low[n] = '\0';
    const struct month_name *m = bsearch(low, month_names, sizeof month_names / sizeof *month_names,
                                         sizeof *month_names, month_cmp);
    return m ? m->month : 0;
}

/* ---- tokens ----------------------------------------------------------- */

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int cjk_marker(uint32_t cp)
{
    switch (cp) {
    case 0x5E74: /* 年 */
    case 0xB144: /* 년 */
        return CJK_YEAR;
    case 0x6708: /* 月 */
    case 0xC6D4: /* 월 */
        return CJK_MONTH;
    case 0x65E5: /* 日 */
    case 0xC77C: /* 일 */
        return CJK_DAY;
    default:
        return 0;
    }
}

/* Letters for the tokenizer: word characters that are not digits. The
 * ordinal indicators º and ª are letters in Unicode too. */
static int is_letter(uint32_t cp)
{
    return !is_digit(cp) && cp != '_' && utf8_is_word(cp);
}

static void tokenize(dt_tokens *tk, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    if (len > DT_MAX_INPUT)
        len = DT_MAX_INPUT;
    tk->s = s;
    tk->n = 0;
    size_t i = 0;
    int space = 1;
    while (i < len && tk->n < DT_MAX_TOKENS) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        if (utf8_is_space(cp)) {
            space = 1;
            i += adv;
            continue;
        }
        dt_token *t = &tk->t[tk->n++];
        memset(t, 0, sizeof *t);
        t->off = (uint32_t)i;
        t->space = (uint8_t)space;
        space = 0;
        if (is_digit(cp)) {
            t->type = TK_NUM;
            int64_t v = 0;
            while (i < len && is_digit(p[i])) {
                if (v < 1000000000)
                    v = v * 10 + (p[i] - '0');
                if (t->digits < 255)
                    t->digits++;
                i++;
            }
            t->value = (int32_t)v;
        } else if (cjk_marker(cp)) {
            t->type = TK_CJK;
            t->value = cjk_marker(cp);
            i += adv;
        } else if (is_letter(cp)) {
            t->type = TK_WORD;
            i += adv;
            while (i < len) {
                size_t a2 = 1;
                uint32_t c2 = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &a2);
                if (!is_letter(c2) || cjk_marker(c2))
                    break;
                i += a2;
            }
        } else {
            t->type = TK_PUNCT;
            t->value = (int32_t)cp;
            i += adv;
        }
        t->len = (uint32_t)(i - t->off);
        if (t->type == TK_WORD)
            t->month = (uint8_t)month_lookup(s + t->off, t->len);
    }
}

static const dt_token *tok(const dt_tokens *tk, size_t i)
{
    return i < tk->n ? &tk->t[i] : NULL;
}

static int is_punct(const dt_token *t, uint32_t cp)
{
    return t && t->type == TK_PUNCT && (uint32_t)t->value == cp;
}

static int is_num(const dt_token *t, int min_digits, int max_digits)
{
    return t && t->type == TK_NUM && t->digits >= min_digits && t->digits <= max_digits;
}

/* A word token equal to one of the NUL-separated lowercase words in
 * `list` (ASCII words only: compared ASCII-case-insensitively). */
static int is_word_in(const dt_tokens *tk, const dt_token *t, const char *list)
{
    if (!t || t->type != TK_WORD)
        return 0;
    for (const char *w = list; *w; w += strlen(w) + 1) {
        if (ascii_ieq(tk->s + t->off, t->len, w))
            return 1;
    }
    return 0;
}

/* ---- the calendar ----------------------------------------------------- */

int dt_days_in_month(int y, int m)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int32_t dt_day_number(const meta_date *d)
{
    /* Days before the year from the proleptic Gregorian leap rule, then
     * the days of the months before, then the day. */
    int32_t y = d->year - 1;
    int32_t days = 365 * y + y / 4 - y / 100 + y / 400;
    for (int m = 1; m < d->month; m++)
        days += dt_days_in_month(d->year, m);
    days += d->day - 1;
    /* 719162 days from 0001-01-01 to 1970-01-01 */
    return days - 719162;
}

/* The years a reader accepts at all; what is plausible for a web page is
 * dates.c's business. */
#define DT_YEAR_MIN 1900
#define DT_YEAR_MAX 2199

static int set_date(meta_date *d, int y, int m, int day)
{
    if (y < DT_YEAR_MIN || y > DT_YEAR_MAX || m < 1 || m > 12 || day < 1 ||
        day > dt_days_in_month(y, m))
        return 0;
    memset(d, 0, sizeof *d);
    d->year = (int16_t)y;
    d->month = (uint8_t)m;
    d->day = (uint8_t)day;
    return 1;
}

static int short_year(const dt_token *t, unsigned flags)
{
    if (t->digits == 4)
        return t->value;
    if (t->digits == 2 && (flags & DT_SHORT_YEAR))
        return t->value >= 95 ? 1900 + t->value : 2000 + t->value;
    return -1;
}

/* ---- times and zones -------------------------------------------------- */

/* Zone abbreviations pages print after a time, with their UTC offsets in
 * minutes. Ambiguous ones take their most common web meaning: CST is US
 * Central, IST is India. */
static const struct zone_name {
    const char *name;
    int16_t offset;
} zone_names[] = {
    {"gmt", 0},    {"utc", 0},     {"ut", 0},      {"wet", 0},    {"west", 60},  {"bst", 60},
    {"cet", 60},   {"mez", 60},    {"cest", 120},  {"mesz", 120}, {"eet", 120},  {"eest", 180},
    {"msk", 180},  {"ist", 330},   {"jst", 540},   {"kst", 540},  {"hkt", 480},  {"sgt", 480},
    {"awst", 480}, {"aest", 600},  {"aedt", 660},  {"nzst", 720}, {"nzdt", 780}, {"est", -300},
    {"edt", -240}, {"cdt", -300},  {"cst", -360},  {"mdt", -360}, {"mst", -420}, {"pdt", -420},
    {"pst", -480}, {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"ast", -240}, {"adt", -180},
    {"nst", -210}, {"brt", -180},  {"art", -180},
};

static int zone_lookup(const dt_tokens *tk, const dt_token *t, int *offset)
{
    if (!t || t->type != TK_WORD || t->len > 4)
        return 0;
    for (size_t i = 0; i < sizeof zone_names / sizeof *zone_names; i++) {
        if (ascii_ieq(tk->s + t->off, t->len, zone_names[i].name)) {
            *offset = zone_names[i].offset;
            return 1;
        }
    }
    return 0;
}

/* A numeric UTC offset at token i: "+01:00", "+0100", "+01", "-05".
 * RFC 3339 § 5.6 (time-numoffset), RFC 2822 § 3.3 (zone). Sets *end to
 * the token after it. */
static int numeric_offset(const dt_tokens *tk, size_t i, int *offset, size_t *end)
{
    const dt_token *sign = tok(tk, i), *a = tok(tk, i + 1);
    if (!(is_punct(sign, '+') || is_punct(sign, '-') || is_punct(sign, 0x2212)) || !a || a->space ||
        a->type != TK_NUM)
        return 0;
    int h, m = 0;
    size_t j = i + 2;
    if (a->digits == 4) {
        h = a->value / 100;
        m = a->value % 100;
    } else if (a->digits == 2 || a->digits == 1) {
        h = a->value;
        const dt_token *c = tok(tk, j), *b = tok(tk, j + 1);
        if (is_punct(c, ':') && !c->space && is_num(b, 2, 2) && !b->space) {
            m = b->value;
            j += 2;
        }
    } else {
        return 0;
    }
    if (h > 14 || m > 59)
        return 0;
    *offset = (h * 60 + m) * (sign->value == '+' ? 1 : -1);
    *end = j;
    return 1;
}

/* A time at token i: "07:50", "7:50:00.123", "4:00 am", "4 p.m."
 * is not one (a lone hour is too weak), "14h30" (French), each with an
 * optional "Uhr" and zone ("Z", "+01:00", "GMT+1", "CET"). Fills the time
 * fields of d; *end is the token after it. */
static int read_time(const dt_tokens *tk, size_t i, meta_date *d, size_t *end)
{
    const dt_token *h = tok(tk, i), *sep = tok(tk, i + 1), *m = tok(tk, i + 2);
    if (!is_num(h, 1, 2) || !sep || sep->space || !m || m->space || !is_num(m, 2, 2))
        return 0;
    int is_colon = is_punct(sep, ':');
    int is_h = sep->type == TK_WORD && ascii_ieq(tk->s + sep->off, sep->len, "h");
    if (!is_colon && !is_h)
        return 0;
    int hour = h->value, minute = m->value, second = 0, seconds = 0;
    size_t j = i + 3;
    const dt_token *c = tok(tk, j), *s = tok(tk, j + 1);
    if (is_colon && is_punct(c, ':') && !c->space && is_num(s, 2, 2) && !s->space) {
        second = s->value;
        seconds = 1;
        j += 2;
        /* fractional seconds (RFC 3339 time-secfrac): read, dropped */
        c = tok(tk, j);
        s = tok(tk, j + 1);
        if ((is_punct(c, '.') || is_punct(c, ',')) && !c->space && is_num(s, 1, 9) && !s->space)
            j += 2;
    }
    if (minute > 59 || second > 60)
        return 0;
    if (second == 60) /* a leap second: the calendar day is what counts */
        second = 59;
    /* am/pm: "4:00 am", "4:00pm", "4:00 a.m." */
    const dt_token *ap = tok(tk, j);
    int meridiem = 0; /* 1 am, 2 pm */
    if (ap && ap->type == TK_WORD) {
        const char *w = tk->s + ap->off;
        if (ascii_ieq(w, ap->len, "am") || ascii_ieq(w, ap->len, "pm")) {
            meridiem = (w[0] | 32) == 'a' ? 1 : 2;
            j++;
        } else if ((ascii_ieq(w, ap->len, "a") || ascii_ieq(w, ap->len, "p")) &&
                   is_punct(tok(tk, j + 1), '.') && is_word_in(tk, tok(tk, j + 2), "m\0") &&
                   !tok(tk, j + 1)->space && !tok(tk, j + 2)->space) {
            meridiem = (w[0] | 32) == 'a' ? 1 : 2;
            j += 3;
            if (is_punct(tok(tk, j), '.') && !tok(tk, j)->space)
                j++;
        }
    }
    if (meridiem) {
        if (hour < 1 || hour > 12)
            return 0;
        hour = hour % 12 + (meridiem == 2 ? 12 : 0);
    } else if (hour > 23) {
        return 0;
    }
    if (is_word_in(tk, tok(tk, j), "uhr\0h\0hrs\0horas\0heures\0"))
        j++;
    d->hour = (uint8_t)hour;
    d->minute = (uint8_t)minute;
    d->second = (uint8_t)second;
    d->has_time = 1;
    d->has_offset = 0;
    d->zulu = 0;
    /* The zone. */
    int off = 0;
    size_t k;
    const dt_token *z = tok(tk, j);
    if (z && z->type == TK_WORD && !z->space && z->len == 1 && (tk->s[z->off] | 32) == 'z') {
        d->has_offset = 1;
        d->zulu = 1;
        d->offset = 0;
        j++;
    } else if (numeric_offset(tk, j, &off, &k) &&
               /* "10:00-12:00" is a range of times, not an offset */
               !(off < 0 && !seconds && k == j + 4)) {
        d->has_offset = 1;
        d->offset = (int16_t)off;
        j = k;
    } else if (zone_lookup(tk, z, &off)) {
        j++;
        int extra = 0;
        /* "GMT+1", "UTC+01:00" */
        if ((!strncmp(tk->s + z->off, "GMT", 3) || !strncmp(tk->s + z->off, "UTC", 3) ||
             !strncmp(tk->s + z->off, "gmt", 3) || !strncmp(tk->s + z->off, "utc", 3)) &&
            tok(tk, j) && !tok(tk, j)->space && numeric_offset(tk, j, &extra, &k)) {
            j = k;
            off = extra;
        }
        d->has_offset = 1;
        d->offset = (int16_t)off;
        /* "(CET)" after "GMT+0100": JavaScript's Date.toString */
        if (is_punct(tok(tk, j), '(') && tok(tk, j + 1) && tok(tk, j + 1)->type == TK_WORD &&
            is_punct(tok(tk, j + 2), ')'))
            j += 3;
    }
    *end = j;
    return 1;
}

/* Words that may stand between a date and its time: "am 19.11.2014 um
 * 10:03", "le 9 avril 2019 à 14h30", "9 de abril de 2019 a las 10:00". */
static const char time_links[] = "at\0um\0a\0las\0los\0alle\0ore\0om\0kl\0klo\0o\0t\0";

/* Skips what may stand between a date and the time that follows it. */
static size_t skip_to_time(const dt_tokens *tk, size_t j)
{
    for (int hops = 0; hops < 3 && j < tk->n; hops++) {
        const dt_token *t = tok(tk, j);
        if (t->type == TK_PUNCT &&
            (t->value == ',' || t->value == '|' || t->value == '-' || t->value == 0x2013 ||
             t->value == 0x2014 || t->value == '@' || t->value == 0xB7 || t->value == 0x2022 ||
             t->value == '/' || t->value == ';'))
            j++;
        else if (is_word_in(tk, t, time_links) ||
                 (t->type == TK_WORD && (ascii_ieq(tk->s + t->off, t->len, "\xc3\xa0") ||
                                         ascii_ieq(tk->s + t->off, t->len, "\xc3\xa0s"))))
            j++; /* "à", "às" */
        else
            break;
    }
    return j;
}

/* ---- date patterns ---------------------------------------------------- */

/* Ordinal marks after a day: "9th", "1er", "1re", "1º", "1ª", "9." */
static int skip_ordinal(const dt_tokens *tk, size_t *j)
{
    const dt_token *t = tok(tk, *j);
    if (!t || t->space)
        return 0;
    if (is_word_in(tk, t, "st\0nd\0rd\0th\0er\0re\0e\0") ||
        (t->type == TK_WORD && t->len == 2 &&
         (!memcmp(tk->s + t->off, "\xc2\xba", 2) || !memcmp(tk->s + t->off, "\xc2\xaa", 2))) ||
        is_punct(t, 0xB0) || is_punct(t, '.')) {
        (*j)++;
        return 1;
    }
    return 0;
}

/* Y-M-D with one separator: "2019-11-20", "2019/11/20", "2019.11.20",
 * "2019. 11. 20." (Korean, Hungarian); with DT_COMPACT "20191120". */
static int pat_ymd(const dt_tokens *tk, size_t i, unsigned flags, meta_date *d, size_t *end)
{
    const dt_token *y = tok(tk, i);
    if (y->digits == 8 && (flags & DT_COMPACT)) {
        if (!set_date(d, y->value / 10000, y->value / 100 % 100, y->value % 100))
            return 0;
        *end = i + 1;
        return 1;
    }
    if (y->digits != 4)
        return 0;
    const dt_token *s1 = tok(tk, i + 1), *m = tok(tk, i + 2), *s2 = tok(tk, i + 3),
                   *dd = tok(tk, i + 4);
    if (!s1 || !s2 || s1->type != TK_PUNCT || !is_num(m, 1, 2) || !is_num(dd, 1, 2) ||
        s1->value != s2->value || s1->space || s2->space)
        return 0;
    int dots = s1->value == '.';
    if (!dots && (m->space || dd->space))
        return 0;
    if (s1->value != '-' && s1->value != '/' && !dots)
        return 0;
    if (!set_date(d, y->value, m->value, dd->value))
        return 0;
    size_t j = i + 5;
    if (dots && is_punct(tok(tk, j), '.') && !tok(tk, j)->space)
        j++;
    *end = j;
    return 1;
}

/* D.M.Y, D/M/Y or M/D/Y, D-M-Y: "20.11.2019", "11/20/2019", "20-11-2019",
 * "20. 11. 2019" (Czech, Slovak). */
static int pat_numeric(const dt_tokens *tk, size_t i, enum dt_order order, unsigned flags,
                       meta_date *d, size_t *end)
{
    const dt_token *a = tok(tk, i), *s1 = tok(tk, i + 1), *b = tok(tk, i + 2), *s2 = tok(tk, i + 3),
                   *y = tok(tk, i + 4);
    if (!is_num(a, 1, 2) || !s1 || !s2 || s1->type != TK_PUNCT || !is_num(b, 1, 2) ||
        !is_num(y, 2, 4) || s1->value != s2->value || s1->space || s2->space)
        return 0;
    int dots = s1->value == '.';
    if (!dots && s1->value != '/' && s1->value != '-')
        return 0;
    if (!dots && (b->space || y->space))
        return 0;
    int year = short_year(y, flags);
    /* Two-digit years only in their usual shape, "20.11.19". */
    if (year < 0 || (y->digits == 2 && (a->digits != 2 || b->digits != 2)))
        return 0;
    int day = a->value, month = b->value;
    if (!dots && (a->value <= 12 && (b->value > 12 || order == DT_MDY))) {
        day = b->value;
        month = a->value;
    }
    if (!set_date(d, year, month, day))
        return 0;
    d->ambiguous = !dots && a->value <= 12 && b->value <= 12 && a->value != b->value;
    *end = i + 5;
    return 1;
}

/* D [ordinal] [of|de] MONTH [.] [,|de|del] YEAR: "9 avril 2019", "9.
 * April 2019", "9th of April, 2019", "9 de abril de 2019", "20 Nov 2019"
 * (RFC 2822 § 3.3). */
static int pat_day_month(const dt_tokens *tk, size_t i, meta_date *d, size_t *end)
{
    const dt_token *a = tok(tk, i);
    if (!is_num(a, 1, 2))
        return 0;
    size_t j = i + 1;
    skip_ordinal(tk, &j);
    if (is_word_in(tk, tok(tk, j), "de\0of\0"))
        j++;
    const dt_token *m = tok(tk, j);
    if (!m || m->type != TK_WORD || !m->month)
        return 0;
    j++;
    if (is_punct(tok(tk, j), '.') && !tok(tk, j)->space)
        j++;
    if (is_punct(tok(tk, j), ',') || is_word_in(tk, tok(tk, j), "de\0del\0"))
        j++;
    const dt_token *y = tok(tk, j);
    if (!is_num(y, 4, 4) || !set_date(d, y->value, m->month, a->value))
        return 0;
    *end = j + 1;
    return 1;
}

/* MONTH [.] D [ordinal] [,] YEAR: "April 9, 2019", "Apr. 9th 2019". */
static int pat_month_day(const dt_tokens *tk, size_t i, meta_date *d, size_t *end)
{
    const dt_token *m = tok(tk, i);
    if (m->type != TK_WORD || !m->month)
        return 0;
    size_t j = i + 1;
    if (is_punct(tok(tk, j), '.') && !tok(tk, j)->space)
        j++;
    const dt_token *a = tok(tk, j);
    if (!is_num(a, 1, 2))
        return 0;
    j++;
    skip_ordinal(tk, &j);
    if (is_punct(tok(tk, j), ','))
        j++;
    const dt_token *y = tok(tk, j);
    if (!is_num(y, 4, 4) || !set_date(d, y->value, m->month, a->value))
        return 0;
    *end = j + 1;
    return 1;
}

/* YEAR 年 M 月 D 日 (zh, ja) and YEAR 년 M 월 D 일 (ko). */
static int pat_cjk(const dt_tokens *tk, size_t i, meta_date *d, size_t *end)
{
    const dt_token *y = tok(tk, i), *k1 = tok(tk, i + 1), *m = tok(tk, i + 2), *k2 = tok(tk, i + 3),
                   *dd = tok(tk, i + 4), *k3 = tok(tk, i + 5);
    if (y->digits != 4 || !k1 || k1->type != TK_CJK || k1->value != CJK_YEAR || !is_num(m, 1, 2) ||
        !k2 || k2->type != TK_CJK || k2->value != CJK_MONTH || !is_num(dd, 1, 2) || !k3 ||
        k3->type != TK_CJK || k3->value != CJK_DAY)
        return 0;
    if (!set_date(d, y->value, m->value, dd->value))
        return 0;
    *end = i + 6;
    return 1;
}

/* A numeric date followed by more glued numbers ("1.2.2019.5") is part of
 * something else. */
static int glued_after(const dt_tokens *tk, size_t end)
{
    const dt_token *p = tok(tk, end), *q = tok(tk, end + 1);
    return p && q && !p->space && !q->space && p->type == TK_PUNCT && p->value != ',' &&
           q->type == TK_NUM;
}

/* A date (without time) starting at token i. */
static int date_at(const dt_tokens *tk, size_t i, enum dt_order order, unsigned flags, meta_date *d,
                   size_t *end)
{
    const dt_token *t = tok(tk, i);
    if (!t)
        return 0;
    if (t->type == TK_WORD)
        return pat_month_day(tk, i, d, end);
    if (t->type != TK_NUM)
        return 0;
    /* A number glued to digits before it ("1.2019-11-20", "3/4/5/2019")
     * is part of something else: a version, a path, a phone number. */
    if (i >= 2 && !t->space && tk->t[i - 1].type == TK_PUNCT && tk->t[i - 1].value != ',' &&
        !tk->t[i - 1].space && tk->t[i - 2].type == TK_NUM)
        return 0;
    if (pat_cjk(tk, i, d, end) || pat_day_month(tk, i, d, end))
        return 1;
    return (pat_ymd(tk, i, flags, d, end) || pat_numeric(tk, i, order, flags, d, end)) &&
           !glued_after(tk, *end);
}

/* A date with the time that may follow it, or precede it ("4:00 am CST,
 * Wednesday, November 20, 2019"). */
static int date_time_at(const dt_tokens *tk, size_t i, enum dt_order order, unsigned flags,
                        meta_date *d, size_t *end)
{
    if (date_at(tk, i, order, flags, d, end)) {
        meta_date t = *d;
        size_t k, j = *end;
        /* ISO 8601 § 4.3.2: "T" between date and time; RFC 3339 § 5.6
         * allows a space. */
        const dt_token *x = tok(tk, j);
        if (x && x->type == TK_WORD && x->len == 1 && (tk->s[x->off] | 32) == 't' && !x->space)
            j++;
        else
            j = skip_to_time(tk, j);
        if (read_time(tk, j, &t, &k)) {
            *d = t;
            *end = k;
        }
        return 1;
    }
    meta_date t = {0};
    size_t k;
    /* C's asctime and Java's Date.toString: "Tue Jan 28 15:28:56 CET
     * 2020", the year after the time. */
    const dt_token *m = tok(tk, i), *day = tok(tk, i + 1);
    if (m && m->type == TK_WORD && m->month && is_num(day, 1, 2) && read_time(tk, i + 2, &t, &k) &&
        is_num(tok(tk, k), 4, 4) && set_date(d, tok(tk, k)->value, m->month, day->value)) {
        d->hour = t.hour;
        d->minute = t.minute;
        d->second = t.second;
        d->has_time = 1;
        d->has_offset = t.has_offset;
        d->offset = t.offset;
        d->zulu = t.zulu;
        *end = k + 1;
        return 1;
    }
    if (!read_time(tk, i, &t, &k))
        return 0;
    /* Up to a comma, one word (the weekday) and another comma. */
    for (int hops = 0; hops < 4 && k < tk->n; hops++) {
        if (date_at(tk, k, order, flags, d, end)) {
            d->has_time = 1;
            d->hour = t.hour;
            d->minute = t.minute;
            d->second = t.second;
            d->has_offset = t.has_offset;
            d->offset = t.offset;
            d->zulu = t.zulu;
            return 1;
        }
        const dt_token *x = tok(tk, k);
        if (x->type == TK_NUM)
            break;
        k++;
    }
    return 0;
}

size_t dt_find_all(const char *s, size_t len, enum dt_order order, unsigned flags, dt_match *out,
                   size_t max)
{
    dt_tokens tokens;
    dt_tokens *tk = &tokens;
    tokenize(tk, s, len);
    size_t found = 0;
    for (size_t i = 0; i < tk->n && found < max;) {
        meta_date d;
        size_t end;
        if (date_time_at(tk, i, order, flags, &d, &end)) {
            const dt_token *last = &tk->t[end - 1];
            out[found].date = d;
            out[found].start = tk->t[i].off;
            out[found].end = last->off + last->len;
            found++;
            i = end;
        } else {
            i++;
        }
    }
    return found;
}

/* ---- machine values --------------------------------------------------- */

static int digits_at(const char *s, size_t len, size_t i, size_t n, int *v)
{
    if (i + n > len)
        return 0;
    int x = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[i + k] < '0' || s[i + k] > '9')
            return 0;
        x = x * 10 + (s[i + k] - '0');
    }
    *v = x;
    return 1;
}

/* ISO 8601 calendar dates and date-times as the web writes them, the
 * RFC 3339 profile and its relaxed forms: "2019-11-20", "2019-11-20T07:50",
 * "2019-11-20 07:50:00.000+0100", "2019-11-20T07:50:00Z". The whole value
 * must be read, except for trailing whitespace. */
static int parse_iso(const char *s, size_t len, meta_date *d)
{
    int y, m, day;
    if (!digits_at(s, len, 0, 4, &y) || len < 10 || s[4] != '-' || !digits_at(s, len, 5, 2, &m) ||
        s[7] != '-' || !digits_at(s, len, 8, 2, &day) || !set_date(d, y, m, day))
        return 0;
    size_t i = 10;
    if (i < len && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
        int hh, mm, ss = 0;
        size_t t = i + 1;
        if (!digits_at(s, len, t, 2, &hh) || t + 2 >= len || s[t + 2] != ':' ||
            !digits_at(s, len, t + 3, 2, &mm))
            return 0;
        t += 5;
        if (t < len && s[t] == ':') {
            if (!digits_at(s, len, t + 1, 2, &ss))
                return 0;
            t += 3;
            if (t < len && (s[t] == '.' || s[t] == ',')) {
                t++;
                while (t < len && s[t] >= '0' && s[t] <= '9')
                    t++;
            }
        }
        if (hh > 24 || mm > 59 || ss > 60)
            return 0;
        if (hh == 24) /* ISO 8601 § 4.2.3: 24:00 ends the day; keep the day */
            hh = 23, mm = 59, ss = 59;
        d->hour = (uint8_t)hh;
        d->minute = (uint8_t)mm;
        d->second = (uint8_t)(ss == 60 ? 59 : ss);
        d->has_time = 1;
        while (t < len && s[t] == ' ')
            t++;
        if (t < len && (s[t] == 'Z' || s[t] == 'z')) {
            d->has_offset = d->zulu = 1;
            t++;
        } else if (t < len && (s[t] == '+' || s[t] == '-')) {
            int oh, om = 0;
            size_t o = t + 1;
            if (!digits_at(s, len, o, 2, &oh))
                return 0;
            o += 2;
            if (o < len && s[o] == ':')
                o++;
            if (digits_at(s, len, o, 2, &om))
                o += 2;
            if (oh > 14 || om > 59)
                return 0;
            d->has_offset = 1;
            d->offset = (int16_t)((oh * 60 + om) * (s[t] == '-' ? -1 : 1));
            t = o;
        }
        i = t;
    }
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i == len;
}

int dt_parse_value(const char *s, size_t len, enum dt_order order, unsigned flags, meta_date *out)
{
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, len--;
    if (!len)
        return 0;
    if (parse_iso(s, len, out))
        return 1;
    if (flags & DT_COMPACT) {
        /* A Unix timestamp, seconds or milliseconds: some CMSs put one in
         * their date tags. Read as a UTC instant. */
        size_t n = 0;
        while (n < len && s[n] >= '0' && s[n] <= '9')
            n++;
        if (n == len && (n == 10 || n == 13)) {
            long long secs = strtoll(s, NULL, 10) / (n == 13 ? 1000 : 1);
            long long days = secs / 86400, rem = secs % 86400;
            meta_date d = {.year = 1970, .month = 1, .day = 1};
            /* Whole years, then months: at most a few hundred steps. */
            while (days >= 365 + (dt_days_in_month(d.year, 2) == 29)) {
                days -= 365 + (dt_days_in_month(d.year, 2) == 29);
                d.year++;
            }
            while (days >= dt_days_in_month(d.year, d.month)) {
                days -= dt_days_in_month(d.year, d.month);
                d.month++;
            }
            if (!set_date(out, d.year, d.month, (int)days + 1))
                return 0;
            out->hour = (uint8_t)(rem / 3600);
            out->minute = (uint8_t)(rem / 60 % 60);
            out->second = (uint8_t)(rem % 60);
            out->has_time = out->has_offset = out->zulu = 1;
            return 1;
        }
    }
    dt_match m;
    if (dt_find_all(s, len, order, flags, &m, 1) == 1) {
        *out = m.date;
        return 1;
    }
    return 0;
}

size_t dt_format(const meta_date *d, char *out)
{
    int n;
    if (!d->has_time || !d->has_offset) {
        n = snprintf(out, DT_FORMAT_MAX, "%04d-%02d-%02d", d->year, d->month, d->day);
    } else if (d->zulu) {
        n = snprintf(out, DT_FORMAT_MAX, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->year, d->month,
                     d->day, d->hour, d->minute, d->second);
    } else {
        int off = d->offset < 0 ? -d->offset : d->offset;
        n = snprintf(out, DT_FORMAT_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year,
                     d->month, d->day, d->hour, d->minute, d->second, d->offset < 0 ? '-' : '+',
                     off / 60, off % 60);
    }
    return n < 0 ? 0 : (size_t)n;
}
