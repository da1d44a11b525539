/*
 * url.c — inputs given as URLs: telling them from file names, fetching
 * them (pith_fetch, in the worker that extracts them), naming their files
 * in --output-dir, and the options that bound a fetch.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* `scheme://` (RFC 3986 § 3.1) at the start of `arg`, the scheme at least
 * two letters long so that a Windows-style "C://x" path is no URL. */
int cli_is_url(const char *arg)
{
    const char *p = arg;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p - arg >= 2 && !strncmp(p, "://", 3);
}

int cli_fetch_input(const cli_input *input, const cli_config *cfg, pith_fetched *page,
                    pith_input *hints, char *reason, size_t reason_size)
{
    pith_status st = pith_fetch(input->path, &cfg->fetch, page);
    if (st != PITH_OK) {
        snprintf(reason, reason_size, "%s", page->error[0] ? page->error : pith_strerror(st));
        return -1;
    }
    /* The response speaks for the page: its URL after redirects resolves
     * the links, and its charset outranks --charset, which stands for a
     * header that files lack. */
    hints->url = page->final_url ? page->final_url : input->path;
    if (page->charset)
        hints->charset = page->charset;
    hints->content_language = page->content_language;
    return 0;
}

/* Bytes kept as they are in an output file name; any other becomes '_'. */
static int is_name_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("._-+%~@,=", c));
}

/* A URL's output name stays short: the disk's limit is 255 bytes. */
#define URL_NAME_MAX 120

const char *cli_url_file_name(const char *url, char *out, size_t size)
{
    /* scheme://authority/path?query#fragment: the last non-empty path
     * segment names the page; the host when the path has none. */
    const char *authority = strstr(url, "://") + 3;
    const char *path = authority + strcspn(authority, "/?#");
    const char *path_end = path + strcspn(path, "?#");
    const char *name = NULL, *name_end = NULL;
    for (const char *p = path; p < path_end;) {
        const char *seg = ++p; /* past the '/' */
        while (p < path_end && *p != '/')
            p++;
        if (p > seg) {
            name = seg;
            name_end = p;
        }
    }
    if (!name) {
        const char *at = memchr(authority, '@', (size_t)(path - authority));
        name = at ? at + 1 : authority; /* no user name or password in a file name */
        name_end = path;
    }
    size_t len = (size_t)(name_end - name);
    if (len > URL_NAME_MAX)
        len = URL_NAME_MAX;
    if (len >= size)
        len = size - 1;
    for (size_t i = 0; i < len; i++)
        out[i] = is_name_byte(name[i]) ? name[i] : '_';
    out[len] = '\0';
    if (len == 0 && size > 1) { /* "http:///": never an empty name */
        out[0] = '_';
        out[1] = '\0';
    } else if (out[0] == '.') { /* no hidden file, no ".." */
        out[0] = '_';
    }
    return out;
}

int cli_parse_seconds(const char *s, long *ms)
{
    /* digits, optionally a point and up to three more (milliseconds);
     * parsed by hand so that no locale changes the decimal point */
    long whole = 0, frac = 0;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        whole = whole * 10 + (*p++ - '0');
        if (whole > PITH_MAX_FETCH_TIMEOUT_MS / 1000)
            return -1;
    }
    if (*p == '.') {
        p++;
        for (int digits = 0; digits < 3; digits++) {
            frac *= 10;
            if (*p >= '0' && *p <= '9')
                frac += *p++ - '0';
        }
    }
    if (*p)
        return -1;
    long total = whole * 1000 + frac;
    if (total < 1 || total > PITH_MAX_FETCH_TIMEOUT_MS)
        return -1;
    *ms = total;
    return 0;
}
