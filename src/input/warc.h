/*
 * warc.h — the record headers of WARC and ARC files, and finding the next
 * one after garbage. The reader itself (pith_warc_*, warc.c) is declared
 * in pith.h.
 */
#ifndef PITH_INPUT_WARC_H
#define PITH_INPUT_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* A version line at b[0..len) ("WARC/1.0", "WARC/1.1", "WARC/0.17",
 * "warc/1.0": WARC 1.1 § 4, any case, LF or CR LF): the length of the line
 * with its end; 0 when b does not start with one; -1 when len is too short
 * to tell. */
long warc_version_line(const char *b, size_t len);

/* The offset of the first version line in b[0..len) that starts the data
 * or follows a line end, or of the first that may start at a position so
 * near the end that more bytes are needed to tell (*sure = 0); len when
 * there is none. */
size_t warc_find_version(const char *b, size_t len, int *sure);

/* The fields of one record header that the reader uses. Strings are
 * offsets into the caller's buffer (NUL-terminated there, valid UTF-8);
 * NO_FIELD when absent. A repeated field keeps its last value. */
#define WARC_NO_FIELD ((size_t)-1)
typedef struct warc_header {
    size_t type, record_id, date, target_uri, content_type;
    int64_t content_length; /* -1 when absent or not a number */
    size_t length_text;     /* Content-Length as written, for messages */
    size_t size;            /* bytes of the header, its empty line included */
} warc_header;

enum warc_header_status {
    WARC_HEADER_OK = 0,
    WARC_HEADER_NOT_VERSION = 1, /* b does not start with a version line */
    WARC_HEADER_CUT = 2,         /* no empty line ends the header in b[0..len) */
    WARC_HEADER_NOMEM = 3,
};

/* Parses the record header at b[0..len) (WARC 1.1 § 4: the version line,
 * named fields, continuation lines starting with a space or tab joined
 * with one space, then an empty line; LF alone and CR CR LF tolerated),
 * appending the values the reader uses to `strings`. */
int warc_header_parse(const char *b, size_t len, warc_header *h, buf *strings);

/* Appends s[0..len) to b as a NUL-terminated string, bytes that are not
 * UTF-8 turned into U+FFFD. Returns its offset, or WARC_NO_FIELD when out
 * of memory. */
size_t warc_add_string(buf *b, const char *s, size_t len);

/* A W3C date-time (WARC-Date: "2014-01-03T03:03:21Z", with fractions or
 * an offset, or shortened to the day), or the 14 digits of an ARC date
 * (YYYYMMDDhhmmss), as Unix seconds; 0 when it is neither. */
long long warc_date_unix(const char *s, size_t len);

/* ------------------------------------------------------------------------
 * ARC (the Internet Archive's format before WARC; ARC File Format 1996)
 * ------------------------------------------------------------------------ */

/* One URL-record header line: "URL IP-address Archive-date Content-type
 * Archive-length" (version 1), or the ten fields of version 2 ("... Result-
 * code Checksum Location Offset Filename Archive-length"). Slices point
 * into the line. */
typedef struct arc_header {
    const char *url, *ip, *date, *mime;
    size_t url_len, ip_len, date_len, mime_len;
    uint64_t length;
} arc_header;

/* Parses line[0..len) (without its line end) as a header line of ARC
 * `version` (1 or 2). Version 1 takes the last four fields as IP, date,
 * type and length, so a URL with spaces in it stays whole. 0 on success,
 * -1 when the line is not one. */
int arc_header_parse(const char *line, size_t len, int version, arc_header *h);

/* "filedesc://" at b[0..len), any case: the first record of an ARC file. */
int arc_filedesc(const char *b, size_t len);

#endif
