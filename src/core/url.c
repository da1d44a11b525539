#include "core/url.h"

#include <string.h>

/* A URI reference split as RFC 3986 Appendix B does; a component is
 * defined when its `has_` flag is set, which matters because an empty
 * query ("?") differs from none. */
typedef struct uri_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_len, auth_len, path_len, query_len, frag_len;
    int has_scheme, has_auth, has_query, has_frag;
} uri_parts;

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

size_t url_scheme_len(const char *s, size_t len)
{
    if (!len || !is_alpha((unsigned char)s[0]))
        return 0;
    for (size_t i = 1; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ':')
            return i;
        if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
            return 0;
    }
    return 0;
}

static void uri_split(const char *s, size_t len, uri_parts *u)
{
    memset(u, 0, sizeof *u);
    if (!s)
        s = ""; /* an empty reference may come as NULL: no arithmetic on it */
    size_t i = 0;
    size_t sl = url_scheme_len(s, len);
    if (sl) {
        u->has_scheme = 1;
        u->scheme = s;
        u->scheme_len = sl;
        i = sl + 1;
    }
    if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        size_t a = i + 2, e = a;
        while (e < len && s[e] != '/' && s[e] != '?' && s[e] != '#')
            e++;
        u->has_auth = 1;
        u->auth = s + a;
        u->auth_len = e - a;
        i = e;
    }
    size_t p = i;
    while (i < len && s[i] != '?' && s[i] != '#')
        i++;
    u->path = s + p;
    u->path_len = i - p;
    if (i < len && s[i] == '?') {
        size_t q = ++i;
        while (i < len && s[i] != '#')
            i++;
        u->has_query = 1;
        u->query = s + q;
        u->query_len = i - q;
    }
    if (i < len && s[i] == '#') {
        u->has_frag = 1;
        u->frag = s + i + 1;
        u->frag_len = len - i - 1;
    }
}

/* Appends remove_dot_segments(in) (RFC 3986 § 5.2.4) to out. Each input
 * segment is copied once and popped at most once, so the work is linear
 * in the path length whatever its shape. The output never runs ahead of
 * the input (each step writes at most what it consumed), so `in` may be
 * the tail of out itself, starting at out->len: merge_path relies on it. */
static int remove_dots(const char *in, size_t len, buf *out)
{
    /* Reserving first keeps `in` valid when it points into out: capacity
     * for the whole input means no reallocation below. */
    if (buf_reserve(out, len))
        return -1;
    char *o = out->data;
    size_t floor = out->len, w = out->len, i = 0;
    while (i < len) {
        size_t rest = len - i;
        const char *s = in + i;
        if (rest >= 3 && !memcmp(s, "../", 3)) {
            i += 3; /* A */
        } else if (rest >= 2 && !memcmp(s, "./", 2)) {
            i += 2; /* A */
        } else if (rest >= 3 && !memcmp(s, "/./", 3)) {
            i += 2; /* B: "/./" becomes "/" */
        } else if (rest == 2 && !memcmp(s, "/.", 2)) {
            o[w++] = '/'; /* B: a final "/." becomes "/" */
            i += 2;
        } else if ((rest >= 4 && !memcmp(s, "/../", 4)) || (rest == 3 && !memcmp(s, "/..", 3))) {
            /* C: pop the last output segment and its "/" */
            while (w > floor && o[w - 1] != '/')
                w--;
            if (w > floor)
                w--;
            if (rest == 3) {
                o[w++] = '/';
                i += 3;
            } else {
                i += 3; /* leaves "/" of "/../" as the next input */
            }
        } else if ((rest == 1 && s[0] == '.') || (rest == 2 && !memcmp(s, "..", 2))) {
            i = len; /* D */
        } else {
            /* E: the first segment with its leading "/" */
            size_t e = i + (s[0] == '/');
            while (e < len && in[e] != '/')
                e++;
            memmove(o + w, s, e - i);
            w += e - i;
            i = e;
        }
    }
    out->len = w;
    return 0;
}

/* merge(B.path, R.path), § 5.2.3, with the dots removed, appended to out. */
static int merge_path(const uri_parts *b, const uri_parts *r, buf *out)
{
    /* The merged path is built in a scratch region past out->len, then
     * its dots are removed into place; the region is the tail of out. */
    size_t start = out->len;
    int rc;
    if (b->has_auth && b->path_len == 0) {
        rc = buf_append_char(out, '/');
    } else {
        size_t keep = b->path_len;
        while (keep && b->path[keep - 1] != '/')
            keep--;
        rc = buf_append(out, b->path, keep);
    }
    if (rc || buf_append(out, r->path, r->path_len))
        return -1;
    size_t merged_len = out->len - start;
    out->len = start;
    return remove_dots(out->data + start, merged_len, out);
}

int url_resolve(const char *base, size_t base_len, const char *ref, size_t ref_len, buf *out)
{
    uri_parts b, r;
    uri_split(base, base_len, &b);
    if (!b.has_scheme)
        return buf_append(out, ref, ref_len);
    uri_split(ref, ref_len, &r);
    if (buf_reserve(out, base_len + ref_len + 1))
        return -1;
    const uri_parts *auth_from, *query_from;
    int rc = 0;
    const char *scheme = r.has_scheme ? r.scheme : b.scheme;
    size_t scheme_len = r.has_scheme ? r.scheme_len : b.scheme_len;
    rc |= buf_append(out, scheme, scheme_len);
    rc |= buf_append_char(out, ':');
    if (r.has_scheme || r.has_auth) {
        auth_from = &r;
        query_from = &r;
    } else {
        auth_from = &b;
        query_from = (r.path_len == 0 && !r.has_query) ? &b : &r;
    }
    if (auth_from->has_auth) {
        rc |= buf_append(out, "//", 2);
        rc |= buf_append(out, auth_from->auth, auth_from->auth_len);
    }
    if (rc)
        return -1;
    if (r.has_scheme || r.has_auth || (r.path_len && r.path[0] == '/'))
        rc = remove_dots(r.path, r.path_len, out);
    else if (r.path_len == 0)
        rc = buf_append(out, b.path, b.path_len);
    else
        rc = merge_path(&b, &r, out);
    if (rc)
        return -1;
    if (query_from->has_query) {
        rc |= buf_append_char(out, '?');
        rc |= buf_append(out, query_from->query, query_from->query_len);
    }
    if (r.has_frag) {
        rc |= buf_append_char(out, '#');
        rc |= buf_append(out, r.frag, r.frag_len);
    }
    return rc ? -1 : 0;
}
