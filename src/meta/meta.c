/*
 * meta.c — building the record: the sources in order of strength, each
 * field from the strongest that has it.
 */
#include "meta/meta.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

struct meta_ctx {
    buf scratch;
};

static const char *const source_names[META_SRC__COUNT] = {
    [META_SRC_NONE] = NULL,           [META_SRC_JSON_LD] = "json-ld",
    [META_SRC_OPENGRAPH] = "opengraph", [META_SRC_TWITTER] = "twitter",
    [META_SRC_DUBLIN_CORE] = "dublin-core", [META_SRC_META] = "meta",
    [META_SRC_MICRODATA] = "microdata", [META_SRC_TIME] = "time",
    [META_SRC_TITLE_TAG] = "title-tag", [META_SRC_HEADLINE] = "headline",
    [META_SRC_BYLINE] = "byline",     [META_SRC_TEXT] = "text",
    [META_SRC_URL] = "url",           [META_SRC_HTML_LANG] = "html-lang",
    [META_SRC_HTTP] = "http",         [META_SRC_DETECTED] = "detected",
    [META_SRC_LINK] = "link",         [META_SRC_EXTRACTION] = "extraction",
};

const char *meta_source_name(meta_source s)
{
    return (unsigned)s < META_SRC__COUNT ? source_names[s] : NULL;
}

static const char *const field_names[MF__COUNT] = {
    "url",          "canonical_url", "title",     "kicker",         "subtitle",
    "description",  "authors",       "date_published", "date_modified", "site_name",
    "language",     "image",         "figures",   "categories",     "tags",
    "license",      "word_count",    "reading_time_minutes", "is_article", "encoding",
};

const char *meta_field_name(enum meta_field f)
{
    return (unsigned)f < MF__COUNT ? field_names[f] : "";
}

int meta_field_lookup(const char *key)
{
    for (int i = 0; i < MF__COUNT; i++) {
        if (!strcmp(field_names[i], key))
            return i;
    }
    return -1;
}

meta_ctx *meta_ctx_new(void) { return calloc(1, sizeof(meta_ctx)); }

void meta_ctx_free(meta_ctx *m)
{
    if (!m)
        return;
    buf_free(&m->scratch);
    free(m);
}

char *meta_clean_text(arena *a, const char *s, size_t len)
{
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0, i = 0;
    int space = 0;
    while (i < len) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        if (utf8_is_space(cp)) {
            space = n > 0;
        } else {
            if (space)
                out[n++] = ' ';
            space = 0;
            memcpy(out + n, s + i, adv);
            n += adv;
        }
        i += adv;
    }
    out[n] = '\0';
    return out;
}

char *meta_node_text(arena *a, const tree_doc *d, node_id n)
{
    /* Two passes: the length, then the bytes, so one allocation. */
    size_t total = 0;
    for (node_id c = n; c; c = tree_next(d, n, c, tree_tag_flags(tree_tag(d, c)) & TF_NEVER &&
                                                     tree_kind(d, c) == TREE_ELEMENT)) {
        if (tree_kind(d, c) == TREE_TEXT)
            total += tree_node_at(d, c)->text_len + 1;
    }
    char *raw = arena_alloc(a, total + 1);
    if (!raw)
        return NULL;
    size_t k = 0;
    for (node_id c = n; c; c = tree_next(d, n, c, tree_tag_flags(tree_tag(d, c)) & TF_NEVER &&
                                                     tree_kind(d, c) == TREE_ELEMENT)) {
        if (tree_kind(d, c) != TREE_TEXT)
            continue;
        size_t len;
        const char *t = tree_text(d, c, &len);
        memcpy(raw + k, t, len);
        k += len;
        raw[k++] = ' ';
    }
    return meta_clean_text(a, raw, k);
}

int meta_extract(meta_ctx *m, const meta_input *in, arena *a, meta_record *rec)
{
    (void)m;
    memset(rec, 0, sizeof *rec);
    pith_record *r = &rec->pub;
    if (in->url) {
        r->url = arena_strndup(a, in->url, strlen(in->url));
        if (!r->url)
            return -1;
        rec->sources[MF_URL] = META_SRC_NONE;
    }
    r->encoding = in->encoding;
    r->encoding_source = in->encoding_source;
    const tree_doc *d = in->doc;
    if (meta_find_dates(in, NULL, 0, a, rec) || meta_find_language(in, NULL, 0, a, rec))
        return -1;
    if (d->title) {
        char *t = meta_node_text(a, d, d->title);
        if (!t)
            return -1;
        if (*t) {
            r->title = t;
            rec->sources[MF_TITLE] = META_SRC_TITLE_TAG;
        }
    }
    return 0;
}
