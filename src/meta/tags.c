/*
 * tags.c — what a page says about itself in its markup: <meta> tags
 * (OpenGraph, article:*, Twitter cards, Dublin Core, the plain names),
 * <link rel>, and itemprop microdata. One pass over the tree; the JSON-LD
 * scripts and the <h1>s are noted on the way for the other files.
 *
 * References: The Open Graph protocol (ogp.me: og:*, article:*); Twitter
 * cards markup (developer.x.com "Cards markup"); DCMI Metadata Terms and
 * "Expressing Dublin Core metadata using HTML/XHTML meta and link
 * elements" (DC.title, DCTERMS.created...); HTML § 4.2.5.1 (standard
 * metadata names: application-name, author, description, keywords); HTML
 * § 4.6.7 (link types canonical, license, author); HTML § 5.2 (microdata:
 * itemprop values from content, datetime, src, href or the text).
 */
#include <string.h>

#include "core/utf8.h"
#include "meta/internal.h"

/* A <meta> key (name=, property= or itemprop=, lowercased) and what it
 * proposes. */
typedef struct meta_key {
    const char *key;
    uint8_t slot, source;
} meta_key;

static const meta_key meta_keys[] = {
    /* OpenGraph (ogp.me) and its article: vertical */
    {"og:title", MS_TITLE, META_SRC_OPENGRAPH},
    {"og:description", MS_DESCRIPTION, META_SRC_OPENGRAPH},
    {"og:site_name", MS_SITE_NAME, META_SRC_OPENGRAPH},
    {"og:image", MS_IMAGE, META_SRC_OPENGRAPH},
    {"og:image:url", MS_IMAGE, META_SRC_OPENGRAPH},
    {"og:image:secure_url", MS_IMAGE, META_SRC_OPENGRAPH},
    {"og:url", MS_CANONICAL, META_SRC_OPENGRAPH},
    {"og:locale", MS_LANGUAGE, META_SRC_OPENGRAPH},
    {"og:type", MS_TYPE, META_SRC_OPENGRAPH},
    {"og:updated_time", MS_DATE_MODIFIED, META_SRC_OPENGRAPH},
    {"article:published_time", MS_DATE_PUBLISHED, META_SRC_OPENGRAPH},
    {"article:published", MS_DATE_PUBLISHED, META_SRC_OPENGRAPH},
    {"article:modified_time", MS_DATE_MODIFIED, META_SRC_OPENGRAPH},
    {"article:modified", MS_DATE_MODIFIED, META_SRC_OPENGRAPH},
    {"article:author", MS_AUTHOR, META_SRC_OPENGRAPH},
    {"article:section", MS_SECTION, META_SRC_OPENGRAPH},
    {"article:tag", MS_TAG, META_SRC_OPENGRAPH},
    /* Twitter cards */
    {"twitter:title", MS_TITLE, META_SRC_TWITTER},
    {"twitter:description", MS_DESCRIPTION, META_SRC_TWITTER},
    {"twitter:image", MS_IMAGE, META_SRC_TWITTER},
    {"twitter:image:src", MS_IMAGE, META_SRC_TWITTER},
    /* Dublin Core, as DC.* (DC-HTML) and DCTERMS.* */
    {"dc.title", MS_TITLE, META_SRC_DUBLIN_CORE},
    {"dcterms.title", MS_TITLE, META_SRC_DUBLIN_CORE},
    {"dc.creator", MS_AUTHOR, META_SRC_DUBLIN_CORE},
    {"dcterms.creator", MS_AUTHOR, META_SRC_DUBLIN_CORE},
    {"dc.description", MS_DESCRIPTION, META_SRC_DUBLIN_CORE},
    {"dcterms.description", MS_DESCRIPTION, META_SRC_DUBLIN_CORE},
    {"dcterms.abstract", MS_DESCRIPTION, META_SRC_DUBLIN_CORE},
    {"dc.date", MS_DATE_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dc.date.issued", MS_DATE_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dc.date.created", MS_DATE_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dcterms.date", MS_DATE_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dcterms.issued", MS_DATE_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dcterms.created", MS_DATE_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dcterms.modified", MS_DATE_MODIFIED, META_SRC_DUBLIN_CORE},
    {"dc.date.modified", MS_DATE_MODIFIED, META_SRC_DUBLIN_CORE},
    {"dc.language", MS_LANGUAGE, META_SRC_DUBLIN_CORE},
    {"dcterms.language", MS_LANGUAGE, META_SRC_DUBLIN_CORE},
    {"dc.publisher", MS_SITE_NAME, META_SRC_DUBLIN_CORE},
    {"dcterms.publisher", MS_SITE_NAME, META_SRC_DUBLIN_CORE},
    {"dc.subject", MS_TAG, META_SRC_DUBLIN_CORE},
    {"dcterms.subject", MS_TAG, META_SRC_DUBLIN_CORE},
    {"dc.rights", MS_LICENSE, META_SRC_DUBLIN_CORE},
    {"dcterms.license", MS_LICENSE, META_SRC_DUBLIN_CORE},
    {"dcterms.rights", MS_LICENSE, META_SRC_DUBLIN_CORE},
    /* HTML's standard names and the widespread ones of news systems
     * (Parse.ly, Sailthru, Google News' news_keywords, Highwire's
     * citation_* for scholarly pages). */
    {"title", MS_TITLE, META_SRC_META},
    {"parsely-title", MS_TITLE, META_SRC_META},
    {"citation_title", MS_TITLE, META_SRC_META},
    {"headline", MS_TITLE, META_SRC_MICRODATA},
    {"image", MS_IMAGE, META_SRC_MICRODATA},
    {"description", MS_DESCRIPTION, META_SRC_META},
    {"application-name", MS_SITE_NAME, META_SRC_META},
    {"author", MS_AUTHOR, META_SRC_META},
    {"parsely-author", MS_AUTHOR, META_SRC_META},
    {"sailthru.author", MS_AUTHOR, META_SRC_META},
    {"citation_author", MS_AUTHOR, META_SRC_META},
    {"byl", MS_AUTHOR, META_SRC_META},
    {"keywords", MS_TAG, META_SRC_META},
    {"news_keywords", MS_TAG, META_SRC_META},
    {"parsely-tags", MS_TAG, META_SRC_META},
    {"date", MS_DATE_PUBLISHED, META_SRC_META},
    {"pubdate", MS_DATE_PUBLISHED, META_SRC_META},
    {"publishdate", MS_DATE_PUBLISHED, META_SRC_META},
    {"publish-date", MS_DATE_PUBLISHED, META_SRC_META},
    {"publish_date", MS_DATE_PUBLISHED, META_SRC_META},
    {"published_time", MS_DATE_PUBLISHED, META_SRC_META},
    {"article.published", MS_DATE_PUBLISHED, META_SRC_META},
    {"article_date_original", MS_DATE_PUBLISHED, META_SRC_META},
    {"original-publish-date", MS_DATE_PUBLISHED, META_SRC_META},
    {"parsely-pub-date", MS_DATE_PUBLISHED, META_SRC_META},
    {"sailthru.date", MS_DATE_PUBLISHED, META_SRC_META},
    {"citation_publication_date", MS_DATE_PUBLISHED, META_SRC_META},
    {"citation_date", MS_DATE_PUBLISHED, META_SRC_META},
    {"last-modified", MS_DATE_MODIFIED, META_SRC_META},
    {"lastmod", MS_DATE_MODIFIED, META_SRC_META},
    {"article.updated", MS_DATE_MODIFIED, META_SRC_META},
    {"language", MS_LANGUAGE, META_SRC_META},
    {"content-language", MS_LANGUAGE, META_SRC_META},
    {"section", MS_SECTION, META_SRC_META},
    {"parsely-section", MS_SECTION, META_SRC_META},
    {"copyright", MS_LICENSE, META_SRC_NONE}, /* a notice, not a license: ignored */
    /* itemprop on <meta> (microdata, schema.org names) */
    {"datepublished", MS_DATE_PUBLISHED, META_SRC_MICRODATA},
    {"datecreated", MS_DATE_PUBLISHED, META_SRC_MICRODATA},
    {"datemodified", MS_DATE_MODIFIED, META_SRC_MICRODATA},
    {"inlanguage", MS_LANGUAGE, META_SRC_MICRODATA},
    {"articlesection", MS_SECTION, META_SRC_MICRODATA},
    {"alternativeheadline", MS_ALT_HEADLINE, META_SRC_MICRODATA},
    {"timerequired", MS_READING_TIME, META_SRC_MICRODATA},
};

/* Microdata properties read from any element (itemprop=, lowercased). */
static const meta_key itemprops[] = {
    {"headline", MS_TITLE, META_SRC_MICRODATA},
    {"description", MS_DESCRIPTION, META_SRC_MICRODATA},
    {"author", MS_AUTHOR, META_SRC_MICRODATA},
    {"creator", MS_AUTHOR, META_SRC_MICRODATA},
    {"datepublished", MS_DATE_PUBLISHED, META_SRC_MICRODATA},
    {"datecreated", MS_DATE_PUBLISHED, META_SRC_MICRODATA},
    {"datemodified", MS_DATE_MODIFIED, META_SRC_MICRODATA},
    {"image", MS_IMAGE, META_SRC_MICRODATA},
    {"inlanguage", MS_LANGUAGE, META_SRC_MICRODATA},
    {"keywords", MS_TAG, META_SRC_MICRODATA},
    {"articlesection", MS_SECTION, META_SRC_MICRODATA},
    {"alternativeheadline", MS_ALT_HEADLINE, META_SRC_MICRODATA},
    {"license", MS_LICENSE, META_SRC_MICRODATA},
    {"timerequired", MS_READING_TIME, META_SRC_MICRODATA},
};

/* Names longer than this are no key of the tables. */
#define META_KEY_MAX 40

static const meta_key *lookup(const meta_key *table, size_t count, const char *name, size_t len)
{
    char low[META_KEY_MAX];
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t i = 0; i < len; i++)
        low[i] = ascii_lower(name[i]);
    /* RDFa writes Dublin Core with a prefix ("dc:title", "dcterms:created")
     * where DC-HTML writes "DC.title": one table serves both. */
    if (len > 3 && !memcmp(low, "dc:", 3))
        low[2] = '.';
    else if (len > 8 && !memcmp(low, "dcterms:", 8))
        low[7] = '.';
    for (size_t i = 0; i < count; i++) {
        if (strlen(table[i].key) == len && !memcmp(table[i].key, low, len))
            return &table[i];
    }
    return NULL;
}

static const char *trimmed(const char *s, size_t *len)
{
    while (*len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')) {
        s++;
        (*len)--;
    }
    return s;
}

/* An article:author or dc.creator value that is a profile URL names no
 * one (ogp.me allows a URL of a profile there). */
static int proposes(const meta_key *k, const char *v, size_t len)
{
    if (!k || k->source == META_SRC_NONE)
        return 0;
    if (k->slot == MS_AUTHOR && meta_is_url(v, len))
        return 0;
    return 1;
}

/* og:image:secure_url is the image's address for pages read over HTTPS
 * (ogp.me, "Structured properties"); it belongs to the og:image before it.
 * The first image's HTTPS address ranks first (mercury: an og:image GIF
 * thumbnail whose secure_url is the large JPEG; 9 other pages repeat the
 * same URL), then the og:image URLs, then a later image's secure_url. */
static int og_image_rank(const meta_run *r, const meta_key *k, const char *v, size_t len)
{
    if (k->slot != MS_IMAGE || k->source != META_SRC_OPENGRAPH)
        return 0;
    if (strcmp(k->key, "og:image:secure_url") != 0)
        return 1;
    if (len < 8 || !ascii_ieq(v, 8, "https://"))
        return 2;
    uint32_t images = 0;
    for (uint32_t i = 0; i < r->m->cands.len; i++) {
        const meta_cand *c = &VEC_AT(r->m->cands, meta_cand, i);
        images += c->slot == MS_IMAGE && c->source == META_SRC_OPENGRAPH;
    }
    return images <= 1 ? 0 : 2;
}

static int add_key(meta_run *r, const meta_key *k, const char *v, size_t len)
{
    v = trimmed(v, &len);
    if (!proposes(k, v, len))
        return 0;
    /* Keyword lists are one value per comma. */
    if (k->slot == MS_TAG && k->source != META_SRC_OPENGRAPH) {
        size_t start = 0;
        for (size_t i = 0; i <= len; i++) {
            if (i == len || v[i] == ',' || v[i] == ';') {
                if (meta_add(r, MS_TAG, (meta_source)k->source, 0, v + start, i - start))
                    return -1;
                start = i + 1;
            }
        }
        return 0;
    }
    /* A value escaped twice ("&amp;quot;") keeps its second level: the
     * trafilatura and goose3 truths keep it (52 of 880 values there). */
    return meta_add(r, (enum meta_slot)k->slot, (meta_source)k->source, og_image_rank(r, k, v, len),
                    v, len);
}

static int scan_meta(meta_run *r, node_id n)
{
    const tree_doc *d = r->doc;
    size_t clen, klen;
    const char *content = tree_attr_get(d, n, ATTR_CONTENT, &clen);
    if (!content)
        return 0;
    /* property= (RDFa, OpenGraph), name=, itemprop=: pages put OpenGraph
     * keys in name= too, so every attribute is tried; RDFa's property
     * holds a space-separated list of keys ("dc:title og:title"). */
    static const unsigned key_attrs[] = {ATTR_PROPERTY, ATTR_NAME, ATTR_ITEMPROP};
    for (size_t i = 0; i < sizeof key_attrs / sizeof *key_attrs; i++) {
        const char *keys = tree_attr_get(d, n, key_attrs[i], &klen);
        size_t at = 0, all = klen;
        const char *key = NULL;
        while (keys && at < all) {
            while (at < all && (keys[at] == ' ' || keys[at] == '\t' || keys[at] == '\n'))
                at++;
            size_t start = at;
            while (at < all && keys[at] != ' ' && keys[at] != '\t' && keys[at] != '\n')
                at++;
            key = keys + start;
            klen = at - start;
            const meta_key *k = lookup(meta_keys, sizeof meta_keys / sizeof *meta_keys, key, klen);
            if (k && add_key(r, k, content, clen))
                return -1;
        }
        if (!key || !klen)
            continue;
        /* Twitter's label/data pairs: "Written by" / "Jane Doe",
         * "Est. reading time" / "4 minutes" (WordPress SEO plugins). */
        if (klen == 13 && ascii_ieq(key, 12, "twitter:data") && key[12] >= '1' && key[12] <= '9') {
            char label_key[16] = "twitter:label";
            label_key[13] = key[12];
            label_key[14] = '\0';
            size_t llen;
            const char *label = NULL;
            /* The label is on a sibling <meta>; look among the head's. */
            for (node_id c = tree_first_child(d, tree_parent(d, n)); c && !label;
                 c = tree_next_sibling(d, c)) {
                const char *ln = tree_attr_get(d, c, ATTR_NAME, &llen);
                if (tree_is_element(d, c, TAG_META) && ln && ascii_ieq(ln, llen, label_key))
                    label = tree_attr_get(d, c, ATTR_CONTENT, &llen);
            }
            if (!label)
                continue;
            if (mem_find(label, llen, "ritten by", 9))
                return meta_add(r, MS_AUTHOR, META_SRC_TWITTER, 0, content, clen);
            if (mem_find(label, llen, "eading time", 11))
                return meta_add(r, MS_READING_TIME, META_SRC_TWITTER, 0, content, clen);
        }
    }
    const char *he = tree_attr_get(d, n, ATTR_HTTP_EQUIV, &klen);
    if (he && ascii_ieq(he, klen, "content-language"))
        return meta_add(r, MS_LANGUAGE, META_SRC_META, 0, content, clen);
    return 0;
}

/* 1 when the space-separated token list has the lowercase word. */
static int has_token(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word), i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
            i++;
        size_t start = i;
        while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            i++;
        if (i - start == wl && ascii_ieq(s + start, wl, word))
            return 1;
    }
    return 0;
}

static int scan_link(meta_run *r, node_id n)
{
    const tree_doc *d = r->doc;
    size_t rl, hl;
    const char *rel = tree_attr_get(d, n, ATTR_REL, &rl);
    const char *href = tree_attr_get(d, n, ATTR_HREF, &hl);
    if (!rel || !href)
        return 0;
    href = trimmed(href, &hl);
    if (!hl)
        return 0;
    if (has_token(rel, rl, "canonical")) {
        const char *abs = meta_resolve_url(r, href, hl);
        return abs ? meta_add(r, MS_CANONICAL, META_SRC_LINK, 0, abs, strlen(abs)) : -1;
    }
    if (has_token(rel, rl, "license")) {
        const char *abs = meta_resolve_url(r, href, hl);
        return abs ? meta_add(r, MS_LICENSE, META_SRC_LINK, 0, abs, strlen(abs)) : -1;
    }
    if (has_token(rel, rl, "image_src"))
        return meta_add(r, MS_IMAGE, META_SRC_LINK, 0, href, hl);
    return 0;
}

/* The value of an itemprop element (HTML § 5.2.4 "property value"). */
static int itemprop_value(meta_run *r, node_id n, const meta_key *k)
{
    const tree_doc *d = r->doc;
    unsigned tag = tree_tag(d, n);
    size_t len;
    const char *v = NULL;
    if (k->slot == MS_AUTHOR) {
        /* The article's authors share its item; itemprop=author of other
         * items (the posts of a forum thread, reviews, comments) are
         * theirs. */
        node_id scope = 0;
        for (node_id p = tree_parent(d, n); p && !scope; p = tree_parent(d, p)) {
            if (tree_attr_get(d, p, ATTR_ITEMSCOPE, &len))
                scope = p;
        }
        if (r->m->author_scope_set && scope != r->m->author_scope)
            return 0;
        r->m->author_scope = scope;
        r->m->author_scope_set = 1;
        /* A Person item: its name property, else its text. */
        if (tree_attr_get(d, n, ATTR_ITEMSCOPE, &len)) {
            for (node_id c = tree_next(d, n, n, 0); c; c = tree_next(d, n, c, 0)) {
                const char *ip = tree_attr_get(d, c, ATTR_ITEMPROP, &len);
                if (tree_kind(d, c) == TREE_ELEMENT && ip && has_token(ip, len, "name")) {
                    v = tree_attr_get(d, c, ATTR_CONTENT, &len);
                    if (v)
                        return meta_add(r, MS_AUTHOR, META_SRC_MICRODATA, 0, v, len);
                    char *t = meta_node_text(r->a, d, c);
                    return t ? meta_add(r, MS_AUTHOR, META_SRC_MICRODATA, 0, t, strlen(t)) : -1;
                }
            }
            return 0; /* an item without a name (an Organization's logo...) */
        }
    }
    if (k->slot == MS_IMAGE) {
        if (tag == TAG_IMG || tag == TAG_SOURCE)
            v = tree_attr_get(d, n, ATTR_SRC, &len);
        else if (tag == TAG_A || tag == TAG_LINK)
            v = tree_attr_get(d, n, ATTR_HREF, &len);
        else if (tag == TAG_META)
            v = tree_attr_get(d, n, ATTR_CONTENT, &len);
        else if (tree_attr_get(d, n, ATTR_ITEMSCOPE, &len)) {
            /* An ImageObject: its url or contentUrl. */
            for (node_id c = tree_next(d, n, n, 0); c && !v; c = tree_next(d, n, c, 0)) {
                const char *ip = tree_attr_get(d, c, ATTR_ITEMPROP, &len);
                if (!ip || tree_kind(d, c) != TREE_ELEMENT ||
                    !(has_token(ip, len, "url") || has_token(ip, len, "contenturl")))
                    continue;
                v = tree_attr_get(d, c, ATTR_CONTENT, &len);
                if (!v)
                    v = tree_attr_get(d, c, tree_is_element(d, c, TAG_IMG) ? ATTR_SRC : ATTR_HREF,
                                      &len);
            }
        }
        return v ? meta_add(r, MS_IMAGE, META_SRC_MICRODATA, 0, v, len) : 0;
    }
    if (tag == TAG_META)
        return 0; /* <meta itemprop> went through the <meta> table */
    v = tree_attr_get(d, n, ATTR_CONTENT, &len);
    if (!v && tag == TAG_TIME)
        v = tree_attr_get(d, n, ATTR_DATETIME, &len);
    if (!v && (tag == TAG_A || tag == TAG_LINK) && k->slot == MS_LICENSE)
        v = tree_attr_get(d, n, ATTR_HREF, &len);
    if (v)
        return add_key(r, k, v, len);
    char *t = meta_node_text(r->a, d, n);
    if (!t)
        return -1;
    return add_key(r, k, t, strlen(t));
}

static int scan_itemprop(meta_run *r, node_id n)
{
    size_t len;
    const char *ip = tree_attr_get(r->doc, n, ATTR_ITEMPROP, &len);
    if (!ip)
        return 0;
    /* itemprop holds a list of names; each may be a property we read. */
    size_t i = 0;
    while (i < len) {
        while (i < len && (ip[i] == ' ' || ip[i] == '\t' || ip[i] == '\n'))
            i++;
        size_t start = i;
        while (i < len && ip[i] != ' ' && ip[i] != '\t' && ip[i] != '\n')
            i++;
        const meta_key *k =
            lookup(itemprops, sizeof itemprops / sizeof *itemprops, ip + start, i - start);
        if (k && itemprop_value(r, n, k))
            return -1;
    }
    return 0;
}

static int is_ld_json(const tree_doc *d, node_id n)
{
    size_t len;
    const char *type = tree_attr_get(d, n, ATTR_TYPE, &len);
    if (!type)
        return 0;
    type = trimmed(type, &len);
    return len >= 19 && ascii_ieq(type, 19, "application/ld+json");
}

int meta_scan_tags(meta_run *r)
{
    const tree_doc *d = r->doc;
    uint32_t count = tree_node_count(d);
    for (node_id n = 1; n < count; n++) {
        const tree_node *t = tree_node_at(d, n);
        if (t->kind != TREE_ELEMENT)
            continue;
        int rc = 0;
        switch (t->tag) {
        case TAG_META:
            rc = scan_meta(r, n);
            break;
        case TAG_LINK:
            rc = scan_link(r, n);
            break;
        case TAG_SCRIPT:
            if (is_ld_json(d, n)) {
                node_id *slot = vec_push(&r->m->ld_scripts, sizeof(node_id));
                if (!slot)
                    rc = -1;
                else
                    *slot = n;
            }
            break;
        case TAG_H1: {
            node_id *slot = vec_push(&r->m->h1s, sizeof(node_id));
            if (!slot)
                rc = -1;
            else
                *slot = n;
            break;
        }
        default:
            break;
        }
        if (!rc && t->attr_count && t->tag != TAG_META)
            rc = scan_itemprop(r, n);
        if (rc) {
            r->nomem = 1;
            return -1;
        }
    }
    return 0;
}
