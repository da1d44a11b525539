/*
 * elide.c — leave script and style contents out before libxml2 parses.
 *
 * Half the bytes of a typical news page are inline scripts and style
 * sheets (49 % on the scrapinghub dev pages), and libxml2 reads the
 * contents of <script> and <style> one character at a time. No stage of
 * pith reads them, except structured data in <script
 * type="application/ld+json">, so their contents are cut from the decoded
 * buffer in one fast pass first, tags kept. The same pass cuts the
 * attributes of a start tag past MAX_ATTRIBUTES_PER_TAG (libxml2 compares
 * every attribute with all earlier ones).
 *
 * The pass must find exactly the script and style elements libxml2 will
 * see, or it could cut real content. It follows libxml2 2.9's HTML tokenizer
 * where that matters: comments run from "<!--" to the next "-->"; other
 * "<!" and "<?" constructs to the next '>'; a start tag's attribute values
 * may be quoted and hide '>'; a start tag ending in "/>" is an empty element
 * (libxml2 closes <script/> at once); and the contents of script and style
 * end at the first "</" followed by the element's name, in any case (HTML
 * § 13.2.5.4 "script data state" ends at "</script" followed by a
 * delimiter; libxml2 in recovery mode only checks the name). Where the pass
 * is unsure it cuts nothing: every doubt costs speed, never text.
 */
#include <string.h>

#include "core/utf8.h"
#include "parse/parse.h"

static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Case-insensitive: does s[0..len) start with the lowercase word? */
static int starts_with(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    return len >= wl && ascii_ieq(s, wl, word);
}

/* Attributes of one start tag that reach libxml2. Its HTML parser checks
 * each new attribute against all earlier ones, so a tag with 100,000
 * attributes costs billions of comparisons (tests/pathological); real
 * pages carry a few dozen. Attributes past this many are cut. */
#define MAX_ATTRIBUTES_PER_TAG 1024

/* The end of a start tag beginning at p (just after its name): the index
 * just past its '>', or 0 when the input ends first. *self_closing is set
 * for "/>". *json_ld is set when an attribute value says ld+json. *cut is
 * set to where the attribute past MAX_ATTRIBUTES_PER_TAG starts, or 0. */
static size_t start_tag_end(const char *s, size_t len, size_t i, int *self_closing, int *json_ld,
                            size_t *cut)
{
    *self_closing = 0;
    *json_ld = 0;
    *cut = 0;
    size_t attributes = 0;
    int in_space = 1;
    while (i < len) {
        char c = s[i];
        if (c == '>') {
            *self_closing = i > 0 && s[i - 1] == '/';
            return i + 1;
        }
        /* An attribute starts where a name follows whitespace. */
        int space = is_space((unsigned char)c) || c == '/';
        if (!space && in_space && c != '=' && ++attributes > MAX_ATTRIBUTES_PER_TAG && !*cut)
            *cut = i;
        in_space = space;
        if (c == '=') {
            i++;
            while (i < len && is_space((unsigned char)s[i]))
                i++;
            if (i < len && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                const char *end = memchr(s + i, q, len - i);
                if (!end)
                    return 0;
                size_t vlen = (size_t)(end - (s + i));
                if (mem_find(s + i, vlen, "ld+json", 7))
                    *json_ld = 1;
                i = (size_t)(end - s) + 1;
            } else {
                in_space = 0; /* an unquoted value is not a new attribute */
            }
            continue;
        }
        i++;
    }
    return 0;
}

/* Where the raw text of element `name` starting at i ends: the index of
 * its "</name", or len when the input ends first. */
static size_t raw_text_end(const char *s, size_t len, size_t i, const char *name)
{
    size_t nl = strlen(name);
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            return len;
        i = (size_t)(lt - s);
        if (i + 1 < len && s[i + 1] == '/' && starts_with(s + i + 2, len - i - 2, name) &&
            i + 2 + nl <= len)
            return i;
        i++;
    }
    return len;
}

size_t parse_elide_raw_text(char *s, size_t len)
{
    size_t r = 0, w = 0; /* read and write positions; w <= r */
    while (r < len) {
        const char *lt = memchr(s + r, '<', len - r);
        size_t next = lt ? (size_t)(lt - s) : len;
        if (w != r)
            memmove(s + w, s + r, next - r);
        w += next - r;
        r = next;
        if (r >= len)
            break;
        /* s[r] == '<' */
        size_t skip_to = r + 1; /* how far this construct is copied as is */
        const char *rest = s + r;
        size_t rest_len = len - r;
        if (starts_with(rest, rest_len, "<!--")) {
            const char *end = mem_find(rest + 4, rest_len - 4, "-->", 3);
            skip_to = end ? (size_t)(end - s) + 3 : len;
        } else if (rest_len > 1 && (rest[1] == '!' || rest[1] == '?' || rest[1] == '/')) {
            const char *end = memchr(rest + 1, '>', rest_len - 1);
            skip_to = end ? (size_t)(end - s) + 1 : len;
        } else if (rest_len > 1 && is_alpha((unsigned char)rest[1])) {
            /* A start tag: skipped whole, so that a "<script>" inside an
             * attribute value is not taken for an element. */
            const char *name = NULL;
            size_t nl = 1;
            while (nl < rest_len && (is_alpha((unsigned char)rest[nl]) ||
                                     (rest[nl] >= '0' && rest[nl] <= '9') || rest[nl] == '-'))
                nl++;
            nl--; /* the name's length */
            if (nl == 6 && ascii_ieq(rest + 1, 6, "script"))
                name = "script";
            else if (nl == 5 && ascii_ieq(rest + 1, 5, "style"))
                name = "style";
            int self_closing, json_ld;
            size_t cut;
            size_t tag_end = start_tag_end(s, len, r + 1 + nl, &self_closing, &json_ld, &cut);
            if (tag_end && cut) {
                /* Too many attributes: copy up to the cut, then the '>'. */
                memmove(s + w, s + r, cut - r);
                w += cut - r;
                s[w++] = '>';
                r = tag_end;
                continue;
            }
            if (!tag_end) {
                skip_to = len; /* an unterminated tag: copy the rest */
            } else if (!name || self_closing || json_ld) {
                skip_to = tag_end;
            } else {
                /* Copy the start tag, drop the contents, go on at the end
                 * tag. */
                size_t end = raw_text_end(s, len, tag_end, name);
                memmove(s + w, s + r, tag_end - r);
                w += tag_end - r;
                r = end;
                continue;
            }
        }
        memmove(s + w, s + r, skip_to - r);
        w += skip_to - r;
        r = skip_to;
    }
    return w;
}
