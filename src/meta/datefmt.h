/*
 * datefmt.h — dates as pages write them, read into one form and written
 * back as ISO 8601.
 *
 * Two readers: dt_parse_value for values meant for machines (a <meta>
 * content, a datetime attribute, a JSON-LD string), where the whole value
 * is one date; and dt_find_all for visible text, which picks every date
 * out of a line ("Aktualisiert am 19.11.2014, 10:03 Uhr", "Published 4:00
 * am CST, Wednesday, November 20, 2019"). Both know ISO 8601 / RFC 3339,
 * RFC 2822, numeric dates (D.M.Y, D/M/Y or M/D/Y, Y/M/D), month names and
 * abbreviations in English, German, French, Spanish, Italian, Dutch and
 * Portuguese, ordinal suffixes ("April 9th", "1er mai", "1º de maio"), and
 * the Chinese, Japanese and Korean year-month-day markers.
 *
 * Nothing here knows what is plausible for a page (years before the web,
 * dates after the fetch): dates.c decides that.
 */
#ifndef PITH_META_DATEFMT_H
#define PITH_META_DATEFMT_H

#include <stddef.h>
#include <stdint.h>

typedef struct meta_date {
    int16_t year;
    uint8_t month, day; /* a valid day of the Gregorian calendar */
    uint8_t hour, minute, second;
    uint8_t has_time;   /* hour..second are set */
    uint8_t has_offset; /* offset is set (a UTC offset or zone was given) */
    uint8_t zulu;       /* the page wrote "Z": written back as "Z" */
    uint8_t ambiguous;  /* a numeric date whose day and month could swap
                           ("04/05/2019"): read with the dt_order given */
    int16_t offset;     /* minutes east of UTC */
} meta_date;

/* How to read a numeric date whose first two fields could both be a day
 * or a month ("04/05/2019"). Unambiguous dates ("20/11/2019") and
 * dot-separated ones ("04.05.2019", always day first) ignore it. */
enum dt_order {
    DT_DMY = 0, /* day first: most languages, British English */
    DT_MDY = 1, /* month first: US English */
};

/* Options of the readers. */
enum dt_flags {
    /* Accept a compact YYYYMMDD (and a Unix timestamp of 10 or 13 digits
     * in dt_parse_value): unsafe in running text, where an eight-digit
     * number is rarely a date. */
    DT_COMPACT = 1 << 0,
    /* Accept two-digit years in numeric dates ("20.11.19"): 95..99 are
     * 1995..1999, 00..94 are 2000..2094. */
    DT_SHORT_YEAR = 1 << 1,
};

/* Longest input the text reader looks at: dates are short, and callers
 * hand it lines, not articles. */
#define DT_MAX_INPUT 4096

/* Reads a value that is meant to hold one date: ISO 8601 first, then the
 * text reader (the first date found). 1 when a date was read, else 0. */
int dt_parse_value(const char *s, size_t len, enum dt_order order, unsigned flags, meta_date *out);

/* A date found in text and where: bytes [start, end) of the input. */
typedef struct dt_match {
    meta_date date;
    uint32_t start, end;
} dt_match;

/* Every date in s[0..len) (at most the first DT_MAX_INPUT bytes), in
 * order, up to max; returns how many were found. */
size_t dt_find_all(const char *s, size_t len, enum dt_order order, unsigned flags, dt_match *out,
                   size_t max);

/* Writes d as ISO 8601 (RFC 3339 profile) into out (at least
 * DT_FORMAT_MAX bytes, NUL-terminated): "2019-11-20" when d has no time
 * or no offset, else "2019-11-20T07:50:00+01:00" ("...Z" when the page
 * wrote Z). Returns the length. */
#define DT_FORMAT_MAX 32
size_t dt_format(const meta_date *d, char *out);

/* Days from 1970-01-01 to d's calendar day (negative before). */
int32_t dt_day_number(const meta_date *d);
/* Days in month m (1..12) of year y. */
int dt_days_in_month(int y, int m);

#endif
