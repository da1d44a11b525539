/*
 * url.h — URI reference resolution (RFC 3986 § 5.2).
 *
 * Renderers turn a page's relative href and src values into absolute URLs
 * with this; nothing here fetches, normalises case or decodes percent
 * escapes.
 */
#ifndef PITH_CORE_URL_H
#define PITH_CORE_URL_H

#include <stddef.h>

#include "core/buf.h"

/* Appends to `out` the reference ref[0..ref_len) resolved against the base
 * URI base[0..base_len), by the strict algorithm of RFC 3986 § 5.2.2 with
 * dot-segment removal (§ 5.2.4) and recomposition (§ 5.3). When the base
 * has no scheme (empty, relative or not a URI), the reference is appended
 * unchanged: there is nothing to resolve it against. Inputs are not
 * NUL-terminated and need not be valid URIs; the result is never longer
 * than base_len + ref_len + 1. Returns 0, or -1 when out of memory. */
int url_resolve(const char *base, size_t base_len, const char *ref, size_t ref_len, buf *out);

/* Length of the scheme of s[0..len) ("http" in "http://x"), or 0 when s
 * does not start with `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`
 * (RFC 3986 § 3.1). */
size_t url_scheme_len(const char *s, size_t len);

#endif
