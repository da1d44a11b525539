/*
 * lang.c — the page's language as a BCP 47 tag, and how it was decided.
 *
 * Declarations first, in this order: <html lang> (or xml:lang, or
 * <body lang>: HTML § 3.2.6.2 makes the element's attribute the language
 * of its text), the hints meta.c hands over (JSON-LD inLanguage,
 * <meta http-equiv=content-language>, DC.language, og:locale; in its
 * order), then HTTP Content-Language. The first value that normalises to
 * a tag is the declared language.
 *
 * The extracted text is identified too (langid.c). It decides when the
 * page declares nothing, and it overrules the declaration when the two
 * clearly disagree: text in another script than the declared language's
 * (lang="en" on Chinese text), or strong evidence for another language
 * of the same script whose words far outweigh the declared one's
 * (lang="en" on German text), except between languages too close to tell
 * apart in writing (langid_close).
 */
#include "meta/meta.h"

#include <string.h>

#include "core/utf8.h"
#include "meta/langid.h"

/* RFC 5646 § 4.4.1: implementations should keep tags of at least 35
 * characters; the language, script and region pieces kept here fit. */
#define LANG_TAG_MAX 35
/* Kept text shorter than this is topped up with the rest of the page's
 * text for identification: a page whose article is a photo and a caption
 * is still written in its site's language. */
#define LANG_MIN_ARTICLE 400
/* Nesting of extraction marks followed when gathering the kept text; a
 * deeper page stops the gathering (what was read is enough). */
#define LANG_MARK_DEPTH 64
/* How far the identified language's score must outweigh the declared
 * one's to overrule it (same script): German text under lang="en"
 * outweighs English tenfold and more; a German page quoting an English
 * paragraph about four times (measured on the dev sets). */
#define LANG_OVERRULE_RATIO 6

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* BCP 47 (RFC 5646 § 2.1) language tag from a value as pages write it:
 * "de_DE" → "de-DE", "EN-us" → "en-US", "zh-hans-cn" → "zh-Hans-CN",
 * "German" → "de", "deu" → "de", "iw" → "he" (§ 3.1.8 deprecated codes),
 * "en-US,en;q=0.9" → "en-US" (the first of a list). Keeps the language,
 * script and region subtags; drops variants, extensions and private use.
 * "und", "mul", "zxx" and unparseable values give 0. Returns the length
 * written to out (LANG_TAG_MAX + 1 bytes). */
size_t meta_lang_normalise(const char *s, size_t len, char *out);
size_t meta_lang_normalise(const char *s, size_t len, char *out)
{
    /* The first item of a list, trimmed of spaces and quotes. */
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '"' || s[i] == '\''))
        i++;
    size_t end = i;
    while (end < len && s[end] != ',' && s[end] != ';' && s[end] != ' ' && s[end] != '"' &&
           s[end] != '\'')
        end++;
    if (end == i)
        return 0;
    const char *v = s + i;
    size_t vlen = end - i;
    /* A language name or ISO 639-2 code instead of a tag. */
    const char *named = langid_code_of_name(v, vlen);
    if (named && vlen > 3) {
        strcpy(out, named);
        return strlen(named);
    }
    size_t n = 0, part = 0;
    for (size_t k = 0; k < vlen;) {
        size_t e = k;
        while (e < vlen && v[e] != '-' && v[e] != '_')
            e++;
        const char *t = v + k;
        size_t tl = e - k;
        k = e + 1;
        int alpha = 1, digits = 1;
        for (size_t j = 0; j < tl; j++) {
            alpha &= is_alpha(t[j]);
            digits &= is_digit(t[j]);
        }
        if (part == 0) {
            if (!alpha || tl < 2 || tl > 3)
                return 0;
            char low[4] = {0};
            for (size_t j = 0; j < tl; j++)
                low[j] = ascii_lower(t[j]);
            static const char *const deprecated[][2] = {
                {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"}};
            for (size_t j = 0; j < sizeof deprecated / sizeof *deprecated; j++) {
                if (!strcmp(low, deprecated[j][0]))
                    strcpy(low, deprecated[j][1]);
            }
            if (!strcmp(low, "und") || !strcmp(low, "mul") || !strcmp(low, "zxx") ||
                !strcmp(low, "mis"))
                return 0;
            /* ISO 639-2 codes with a two-letter equivalent (§ 2.2.1). */
            const char *two = strlen(low) == 3 ? langid_code_of_name(low, 3) : NULL;
            const char *lang = two ? two : low;
            n = strlen(lang);
            memcpy(out, lang, n);
            part = 1;
        } else if (part <= 1 && alpha && tl == 4) {
            /* script: title case (§ 2.1.1) */
            out[n++] = '-';
            out[n++] = (char)(ascii_lower(t[0]) - 32);
            for (size_t j = 1; j < 4; j++)
                out[n++] = ascii_lower(t[j]);
            part = 2;
        } else if (part <= 2 && ((alpha && tl == 2) || (digits && tl == 3))) {
            /* region: upper case */
            out[n++] = '-';
            for (size_t j = 0; j < tl; j++)
                out[n++] = alpha ? (char)(ascii_lower(t[j]) - 32) : t[j];
            part = 3;
        } else {
            break;
        }
    }
    out[n] = '\0';
    return n;
}

/* ---- the article's text ----------------------------------------------- */

/* Gathers the kept text (the document counts as dropped; a mark applies
 * to its subtree), or every visible text of the body when `all`, into
 * text[0..LANGID_MAX_TEXT). Returns the length. */
static size_t gather_text(const meta_input *in, int all, char *text)
{
    const tree_doc *d = in->doc;
    node_id root = d->body ? d->body : 0;
    struct {
        node_id node;
        uint8_t prev;
    } stack[LANG_MARK_DEPTH];
    size_t depth = 0, n = 0;
    uint8_t keep = (uint8_t)all;
    tree_walker w;
    tree_walker_init(&w, d, root);
    while (tree_walker_step(&w) && n < LANGID_MAX_TEXT) {
        node_id x = w.node;
        int kind = tree_kind(d, x);
        if (kind == TREE_TEXT) {
            if (!keep)
                continue;
            size_t len;
            const char *t = tree_text(d, x, &len);
            size_t room = LANGID_MAX_TEXT - n;
            if (n) {
                text[n++] = ' ';
                room--;
            }
            size_t k = len < room ? len : room;
            memcpy(text + n, t, k);
            n += k;
            continue;
        }
        if (kind != TREE_ELEMENT || x == root)
            continue;
        uint8_t m = (in->marks && !all) ? in->marks[x] : EXT_NONE;
        if (w.entering) {
            if (tree_tag_flags(tree_tag(d, x)) & TF_NEVER) {
                tree_walker_skip(&w);
                continue;
            }
            if (m != EXT_NONE) {
                if (depth == LANG_MARK_DEPTH)
                    break;
                stack[depth].node = x;
                stack[depth++].prev = keep;
                keep = m == EXT_KEEP;
            }
        } else if (depth && stack[depth - 1].node == x) {
            keep = stack[--depth].prev;
        }
    }
    return n;
}

/* ---- declarations ----------------------------------------------------- */

typedef struct declared {
    char tag[LANG_TAG_MAX + 1];
    size_t len;
    meta_source source;
} declared;

static int declare(declared *dl, const char *v, size_t len, meta_source source)
{
    if (dl->len || !v || !len)
        return 0;
    dl->len = meta_lang_normalise(v, len, dl->tag);
    dl->source = source;
    return dl->len > 0;
}

/* The fallback's <meta> tags (name, property or http-equiv, lowercase),
 * read only when meta.c hands no hints, as it would hand them. */
static const struct {
    const char *name;
    meta_source source;
} lang_tags[] = {
    {"content-language", META_SRC_META},   {"language", META_SRC_META},
    {"dc.language", META_SRC_DUBLIN_CORE}, {"dcterms.language", META_SRC_DUBLIN_CORE},
    {"og:locale", META_SRC_OPENGRAPH},
};

static void read_fallback(const tree_doc *d, declared *dl)
{
    uint32_t count = tree_node_count(d);
    for (size_t t = 0; t < sizeof lang_tags / sizeof *lang_tags && !dl->len; t++) {
        for (node_id n = 1; n < count && !dl->len; n++) {
            if (!tree_is_element(d, n, TAG_META))
                continue;
            size_t len, vlen;
            const char *name = tree_attr_get(d, n, ATTR_HTTP_EQUIV, &len);
            if (!name)
                name = tree_attr_get(d, n, ATTR_PROPERTY, &len);
            if (!name)
                name = tree_attr_get(d, n, ATTR_NAME, &len);
            if (!name || !ascii_ieq(name, len, lang_tags[t].name))
                continue;
            const char *v = tree_attr_get(d, n, ATTR_CONTENT, &vlen);
            declare(dl, v, v ? vlen : 0, lang_tags[t].source);
        }
    }
}

/* 1 when the identification overrules the declared tag. */
static int overrules(const langid_result *r, const declared *dl)
{
    if (!r->code || !r->strong)
        return 0;
    size_t plen = strcspn(dl->tag, "-"), clen = strlen(r->code);
    if (plen > 3 || (plen == clen && !memcmp(dl->tag, r->code, plen)))
        return 0;
    char primary[4] = {0};
    memcpy(primary, dl->tag, plen);
    const char *declared_script = langid_script_of(primary, plen);
    const char *found_script = langid_script_of(r->code, clen);
    /* A language the identifier does not know cannot be checked. */
    if (!declared_script || !found_script)
        return 0;
    /* Text in another script than the declared language's. */
    if (strcmp(declared_script, found_script))
        return 1;
    if (langid_close(primary, r->code))
        return 0;
    int di = langid_index(primary, plen), fi = langid_index(r->code, clen);
    return di >= 0 && fi >= 0 && r->scores[fi] >= LANG_OVERRULE_RATIO * r->scores[di];
}

int meta_find_language(const meta_input *in, const meta_lang_hint *hints, size_t count, arena *a,
                       meta_record *rec)
{
    const tree_doc *d = in->doc;
    declared dl = {0};
    size_t len;
    const char *v = NULL;
    if (d->html) {
        v = tree_attr_get(d, d->html, ATTR_LANG, &len);
        if (!v)
            v = tree_attr_get_named(d, d->html, "xml:lang", &len);
    }
    if (!v && d->body)
        v = tree_attr_get(d, d->body, ATTR_LANG, &len);
    if (v)
        declare(&dl, v, len, META_SRC_HTML_LANG);
    for (size_t i = 0; i < count; i++) {
        if (hints[i].value)
            declare(&dl, hints[i].value, strlen(hints[i].value), hints[i].source);
    }
    if (!count)
        read_fallback(d, &dl);
    if (in->content_language)
        declare(&dl, in->content_language, strlen(in->content_language), META_SRC_HTTP);

    char *text = arena_alloc(a, LANGID_MAX_TEXT);
    if (!text)
        return -1;
    size_t n = gather_text(in, 0, text);
    if (n < LANG_MIN_ARTICLE)
        n = gather_text(in, 1, text);
    langid_result r;
    langid_guess(text, n, &r);

    const char *tag;
    meta_source source;
    if (dl.len && !overrules(&r, &dl)) {
        tag = dl.tag;
        source = dl.source;
    } else if (r.code) {
        tag = r.code;
        source = META_SRC_DETECTED;
    } else {
        return 0;
    }
    rec->pub.language = arena_strndup(a, tag, strlen(tag));
    if (!rec->pub.language)
        return -1;
    rec->sources[MF_LANGUAGE] = (uint8_t)source;
    rec->pub.language_source = meta_source_name(source);
    return 0;
}
