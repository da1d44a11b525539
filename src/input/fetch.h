/*
 * fetch.h — the parts of pith_fetch (fetch.c) that decide without the
 * network, apart so that the unit tests reach them: which URLs may be
 * fetched, what a Content-Type says, and whether bytes look like HTML.
 */
#ifndef PITH_INPUT_FETCH_H
#define PITH_INPUT_FETCH_H

#include <stddef.h>

#include "pith.h"

/* PITH_OK when `url` has the scheme http or https (any case, RFC 3986
 * § 3.1); otherwise PITH_ERR_INVALID with the reason in error[0..size):
 * "unsupported URL scheme 'ftp': only http and https are fetched". The
 * rest of the URL is libcurl's to judge. */
pith_status fetch_check_scheme(const char *url, char *error, size_t error_size);

/* Splits a Content-Type header value (value[0..len), not NUL-terminated)
 * into its media type, lower case and without parameters, and its charset
 * parameter with quotes removed (RFC 9110 § 8.3). Both outputs are
 * NUL-terminated; "" when absent. A charset that does not fit is dropped
 * rather than cut: a truncated label would name another charset. */
void fetch_parse_content_type(const char *value, size_t len, char *type, size_t type_size,
                              char *charset, size_t charset_size);

/* What a media type (as fetch_parse_content_type gives it) means here. */
typedef enum fetch_type_kind {
    FETCH_TYPE_HTML,  /* text/html, application/xhtml+xml */
    FETCH_TYPE_SNIFF, /* absent or generic: the bytes decide */
    FETCH_TYPE_OTHER, /* a PDF, an image, JSON...: not HTML */
} fetch_type_kind;

fetch_type_kind fetch_type_kind_of(const char *media_type);

/* 1 when bytes[0..len) look like the start of an HTML document. */
int fetch_looks_like_html(const void *bytes, size_t len);

#endif
