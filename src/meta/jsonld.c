/*
 * jsonld.c — schema.org structured data in <script type="application/
 * ld+json">: the fields of the page's article node.
 *
 * A page may hold several scripts, each an object, an array of objects or
 * an object with a "@graph" array (JSON-LD 1.1 § 4.9), and nodes refer to
 * each other by "@id" (Yoast's Article → {"@id": ".../#/schema/person/1"}).
 * Every object with a "@type" anywhere is a node; the article is the one
 * of the most article-like type (schema.org's Article subtypes first, then
 * WebPage), preferring top-level nodes (those of a script, its array or
 * its @graph, or the mainEntity of a top-level page) over nested ones (the
 * items of a list). Property names and value shapes follow schema.org
 * (CreativeWork: headline, author, publisher, datePublished, image,
 * keywords, articleSection, license, mainEntityOfPage...).
 *
 * Parsed with jansson (its parser bounds nesting at JSON_PARSER_MAX_DEPTH,
 * 2048); the walk over the parsed values below uses an explicit stack.
 * Broken JSON is common (trailing commas, raw newlines in strings, HTML
 * comment or CDATA wrappers): when jansson refuses a script, one repaired
 * copy is tried, then the script is ignored.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "meta/internal.h"

/* Bytes of one script we parse, and of all of a page's: real pages carry a
 * few KB (a recipe or a product catalogue up to a few hundred); more is a
 * data dump that would cost time and memory for nothing. */
#define META_JSONLD_MAX_BYTES ((size_t)1 << 20)
#define META_JSONLD_MAX_TOTAL ((size_t)4 << 20)
/* Nodes looked at per page (every object with a @type), and the depth of
 * the explicit walk: past these, the rest of a script is not read. */
#define META_JSONLD_MAX_NODES 512
#define META_JSONLD_MAX_WALK 64
/* Values of one list property (authors, keywords) read. */
#define META_JSONLD_MAX_LIST 32

/* How article-like a type is; 0 for the others. */
enum { T_NONE = 0, T_PAGE = 1, T_ARTICLE = 3, T_NEWS = 4 };

typedef struct type_class {
    const char *name;
    uint8_t weight;
    uint8_t kind; /* enum meta_kind */
} type_class;

/* schema.org type names (schema.org/Article's "More specific Types",
 * schema.org/WebPage's and a few non-article kinds). */
static const type_class types[] = {
    {"NewsArticle", T_NEWS, MK_ARTICLE},
    {"ReportageNewsArticle", T_NEWS, MK_ARTICLE},
    {"AnalysisNewsArticle", T_NEWS, MK_ARTICLE},
    {"OpinionNewsArticle", T_NEWS, MK_ARTICLE},
    {"BackgroundNewsArticle", T_NEWS, MK_ARTICLE},
    {"ReviewNewsArticle", T_NEWS, MK_ARTICLE},
    {"AskPublicNewsArticle", T_NEWS, MK_ARTICLE},
    {"LiveBlogPosting", T_NEWS, MK_ARTICLE},
    {"BlogPosting", T_NEWS, MK_ARTICLE},
    {"Article", T_ARTICLE, MK_ARTICLE},
    {"TechArticle", T_ARTICLE, MK_ARTICLE},
    {"ScholarlyArticle", T_ARTICLE, MK_ARTICLE},
    {"MedicalScholarlyArticle", T_ARTICLE, MK_ARTICLE},
    {"SocialMediaPosting", T_ARTICLE, MK_ARTICLE},
    {"Report", T_ARTICLE, MK_ARTICLE},
    {"SatiricalArticle", T_ARTICLE, MK_ARTICLE},
    {"Review", T_ARTICLE, MK_ARTICLE},
    {"Recipe", T_ARTICLE, MK_ARTICLE},
    {"HowTo", T_PAGE, MK_OTHER_PAGE},
    {"DiscussionForumPosting", T_PAGE, MK_FORUM},
    {"QAPage", T_PAGE, MK_FORUM},
    {"Question", T_NONE, MK_FORUM},
    {"WebPage", T_PAGE, MK_OTHER_PAGE},
    {"ItemPage", T_PAGE, MK_OTHER_PAGE},
    {"AboutPage", T_PAGE, MK_OTHER_PAGE},
    {"ContactPage", T_PAGE, MK_OTHER_PAGE},
    {"ProfilePage", T_PAGE, MK_OTHER_PAGE},
    {"FAQPage", T_PAGE, MK_OTHER_PAGE},
    {"MedicalWebPage", T_PAGE, MK_OTHER_PAGE},
    {"CollectionPage", T_PAGE, MK_LISTING},
    {"SearchResultsPage", T_PAGE, MK_LISTING},
    {"ItemList", T_NONE, MK_LISTING},
    {"Product", T_NONE, MK_PRODUCT},
    {"ProductGroup", T_NONE, MK_PRODUCT},
    {"Offer", T_NONE, MK_PRODUCT},
    {"AggregateOffer", T_NONE, MK_PRODUCT},
    {"SoftwareApplication", T_NONE, MK_PRODUCT},
};

static const type_class *type_of_name(const char *s)
{
    /* "http://schema.org/NewsArticle" and "schema:NewsArticle" name the
     * same type. */
    const char *slash = strrchr(s, '/');
    if (slash)
        s = slash + 1;
    const char *colon = strrchr(s, ':');
    if (colon)
        s = colon + 1;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        if (!strcmp(types[i].name, s))
            return &types[i];
    }
    return NULL;
}

/* The best class among an object's @type values (a string or an array). */
static const type_class *type_of(json_t *obj)
{
    json_t *t = json_object_get(obj, "@type");
    const type_class *best = NULL;
    if (json_is_string(t))
        return type_of_name(json_string_value(t));
    if (!json_is_array(t))
        return NULL;
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v)
    {
        const type_class *c = json_is_string(v) ? type_of_name(json_string_value(v)) : NULL;
        if (c && (!best || c->weight > best->weight))
            best = c;
    }
    return best;
}

typedef struct ld_node {
    json_t *obj;
    const type_class *type; /* NULL: a type we do not classify */
    int top;                /* a node of the page itself, not an item of a list */
} ld_node;

typedef struct ld_state {
    meta_run *r;
    json_t *roots[64];
    size_t nroots;
    ld_node nodes[META_JSONLD_MAX_NODES];
    size_t nnodes;
    int articles_in_lists; /* article nodes below a list: a listing page */
} ld_state;

/* ---- repair -------------------------------------------------------- */

/* The one repaired copy of a script jansson refused: wrappers (<!-- -->,
 * <![CDATA[ ]]>, "//" comment lines around them) cut, raw control
 * characters inside strings turned into spaces (RFC 8259 § 7 forbids
 * them), and commas before } or ] dropped. */
static int repair(const char *s, size_t len, buf *out)
{
    buf_reset(out);
    /* Wrappers at either end. */
    static const char *const heads[] = {"<!--", "<![CDATA[", "//<![CDATA["};
    static const char *const tails[] = {"-->", "]]>", "//]]>"};
    for (int changed = 1; changed;) {
        changed = 0;
        while (len && (utf8_is_space((unsigned char)*s) || *s == ';')) {
            s++;
            len--;
        }
        while (len && (utf8_is_space((unsigned char)s[len - 1]) || s[len - 1] == ';'))
            len--;
        for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
            size_t hl = strlen(heads[i]), tl = strlen(tails[i]);
            if (len >= hl && !memcmp(s, heads[i], hl)) {
                s += hl;
                len -= hl;
                changed = 1;
            }
            if (len >= tl && !memcmp(s + len - tl, tails[i], tl)) {
                len -= tl;
                changed = 1;
            }
        }
    }
    if (buf_reserve(out, len + 1))
        return -1;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\' && i + 1 < len) {
                out->data[out->len++] = c;
                out->data[out->len++] = s[++i];
                continue;
            }
            if (c == '"')
                in_string = 0;
            else if ((unsigned char)c < 0x20)
                c = ' ';
            out->data[out->len++] = c;
            continue;
        }
        if (c == '"')
            in_string = 1;
        if (c == ',') {
            size_t j = i + 1;
            while (j < len && utf8_is_space((unsigned char)s[j]))
                j++;
            if (j < len && (s[j] == '}' || s[j] == ']'))
                continue; /* a trailing comma */
        }
        out->data[out->len++] = c;
    }
    return 0;
}

static json_t *parse(ld_state *st, const char *s, size_t len)
{
    json_error_t err;
    /* JSON_DISABLE_EOF_CHECK: a ";" or a second object after the first
     * value is the page's mistake, not a reason to lose the first. */
    json_t *root = json_loadb(s, len, JSON_DISABLE_EOF_CHECK, &err);
    if (root)
        return root;
    if (repair(s, len, &st->r->m->scratch2)) {
        st->r->nomem = 1;
        return NULL;
    }
    return json_loadb(st->r->m->scratch2.data, st->r->m->scratch2.len, JSON_DISABLE_EOF_CHECK,
                      &err);
}

/* ---- the walk ------------------------------------------------------ */

typedef struct walk_item {
    json_t *v;
    uint8_t top;     /* the value is a top-level node (or holds them) */
    uint8_t in_list; /* below an ItemList or a list-like property */
} walk_item;

static void note_node(ld_state *st, json_t *obj, int top, int in_list)
{
    const type_class *c = type_of(obj);
    if (!c && !json_object_get(obj, "@id"))
        return;
    if (c && c->kind == MK_ARTICLE && in_list)
        st->articles_in_lists++;
    if (st->nnodes < META_JSONLD_MAX_NODES)
        st->nodes[st->nnodes++] = (ld_node){obj, c, top && !in_list};
}

/* Properties whose values are the items of a list, not the page. */
static int is_list_property(const char *key)
{
    return !strcmp(key, "itemListElement") || !strcmp(key, "hasPart") ||
           !strcmp(key, "relatedLink") || !strcmp(key, "significantLink") ||
           !strcmp(key, "review") || !strcmp(key, "comment") || !strcmp(key, "suggestedAnswer") ||
           !strcmp(key, "acceptedAnswer") || !strcmp(key, "blogPost") ||
           !strcmp(key, "liveBlogUpdate");
}

static void walk(ld_state *st, json_t *root)
{
    walk_item stack[META_JSONLD_MAX_WALK];
    size_t sp = 0;
    stack[sp++] = (walk_item){root, 1, 0};
    while (sp) {
        walk_item it = stack[--sp];
        if (json_is_array(it.v)) {
            /* Pushed in reverse so that items come out in order. */
            for (size_t i = json_array_size(it.v); i-- > 0;) {
                if (sp < META_JSONLD_MAX_WALK)
                    stack[sp++] = (walk_item){json_array_get(it.v, i), it.top, it.in_list};
            }
            continue;
        }
        if (!json_is_object(it.v))
            continue;
        note_node(st, it.v, it.top, it.in_list);
        const type_class *c = type_of(it.v);
        int list = it.in_list || (c && c->kind == MK_LISTING && c->weight == T_NONE);
        const char *key;
        json_t *v;
        /* Children in reverse key order are not worth the trouble: the
         * order of nodes only breaks ties between equal types. */
        json_object_foreach(it.v, key, v)
        {
            if (!json_is_object(v) && !json_is_array(v))
                continue;
            if (sp >= META_JSONLD_MAX_WALK)
                break;
            /* @graph members are top-level nodes; so is the mainEntity of
             * a top-level page. */
            int top = it.top && (!strcmp(key, "@graph") || !strcmp(key, "mainEntity"));
            stack[sp++] = (walk_item){v, (uint8_t)top, (uint8_t)(list || is_list_property(key))};
        }
    }
}

/* ---- values -------------------------------------------------------- */

static json_t *by_id(ld_state *st, json_t *ref)
{
    json_t *id = json_object_get(ref, "@id");
    if (!json_is_string(id) || json_object_size(ref) > 2)
        return ref; /* a node of its own, not a reference */
    for (size_t i = 0; i < st->nnodes; i++) {
        json_t *other = st->nodes[i].obj;
        if (other != ref && json_object_size(other) > 2 &&
            json_equal(json_object_get(other, "@id"), id))
            return other;
    }
    return ref;
}

static int add_str(ld_state *st, enum meta_slot slot, int rank, json_t *v)
{
    if (!json_is_string(v))
        return 0;
    return meta_add_unescaped(st->r, slot, META_SRC_JSON_LD, rank, json_string_value(v),
                              json_string_length(v));
}

/* A name: a string, or an object's "name" (a Person's givenName and
 * familyName when it has no name). */
static int add_name(ld_state *st, enum meta_slot slot, int rank, json_t *v)
{
    if (json_is_string(v))
        return add_str(st, slot, rank, v);
    if (!json_is_object(v))
        return 0;
    v = by_id(st, v);
    json_t *name = json_object_get(v, "name");
    if (json_is_array(name))
        name = json_array_get(name, 0);
    if (json_is_string(name))
        return add_str(st, slot, rank, name);
    json_t *given = json_object_get(v, "givenName"), *family = json_object_get(v, "familyName");
    if (json_is_string(given) && json_is_string(family)) {
        buf *b = &st->r->m->scratch;
        buf_reset(b);
        if (buf_append_str(b, json_string_value(given)) || buf_append_char(b, ' ') ||
            buf_append_str(b, json_string_value(family))) {
            st->r->nomem = 1;
            return -1;
        }
        return meta_add_unescaped(st->r, slot, META_SRC_JSON_LD, rank, b->data, b->len);
    }
    return 0;
}

/* Whether a node's @type names an organisation (schema.org's
 * Organization and its subtypes: NewsMediaOrganization, Corporation,
 * GovernmentOrganization...), not a person. */
static int is_organization(json_t *v)
{
    json_t *t = json_object_get(v, "@type");
    size_t n = json_is_array(t) ? json_array_size(t) : 1;
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_is_array(t) ? json_array_get(t, i) : t;
        const char *s = json_is_string(x) ? json_string_value(x) : "";
        if (strstr(s, "Organization") || strstr(s, "Corporation"))
            return 1;
    }
    return 0;
}

/* An author: a name, marked when the node is an organisation (a byline
 * naming a person wins over it, meta.c). */
static int add_author(ld_state *st, enum meta_slot slot, int rank, json_t *v)
{
    vec *cands = &st->r->m->cands;
    uint32_t before = cands->len;
    if (add_name(st, slot, rank, v))
        return -1;
    if (json_is_object(v) && is_organization(by_id(st, v))) {
        for (uint32_t i = before; i < cands->len; i++)
            VEC_AT(*cands, meta_cand, i).org = 1;
    }
    return 0;
}

/* A URL: a string, or an object's url / contentUrl / @id. */
static int add_url(ld_state *st, enum meta_slot slot, int rank, json_t *v)
{
    if (json_is_object(v)) {
        v = by_id(st, v);
        json_t *u = json_object_get(v, "url");
        if (!json_is_string(u))
            u = json_object_get(v, "contentUrl");
        if (!json_is_string(u))
            u = json_object_get(v, "@id");
        v = u;
    }
    return add_str(st, slot, rank, v);
}

/* Each value of a property that may be one value or a list. */
static int add_each(ld_state *st, enum meta_slot slot, json_t *v,
                    int (*add)(ld_state *, enum meta_slot, int, json_t *))
{
    if (!json_is_array(v))
        return add(st, slot, 0, v);
    size_t n = json_array_size(v);
    for (size_t i = 0; i < n && i < META_JSONLD_MAX_LIST; i++) {
        if (add(st, slot, 0, json_array_get(v, i)))
            return -1;
    }
    return 0;
}

/* keywords: a list, or one comma-separated string (schema.org/keywords). */
static int add_keywords(ld_state *st, json_t *v)
{
    if (!json_is_string(v))
        return add_each(st, MS_TAG, v, add_str);
    const char *s = json_string_value(v);
    size_t len = json_string_length(v), start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == ',') {
            if (meta_add_unescaped(st->r, MS_TAG, META_SRC_JSON_LD, 0, s + start, i - start))
                return -1;
            start = i + 1;
        }
    }
    return 0;
}

/* The chosen node's fields. A page node (WebPage and kin) describes the
 * page, often with the site's blurb for description and the <title> for
 * name: its title and description are weak (META_RANK_WEAK), below what
 * the other sources say. */
static int propose(ld_state *st, json_t *node, int page)
{
    int weak = page ? META_RANK_WEAK : 0;
    /* headline and name: both proposed, the title's cross-check picks
     * (Wikipedia's "headline" is a description, its "name" the title). */
    if (add_str(st, MS_TITLE, weak, json_object_get(node, "headline")) ||
        add_str(st, MS_TITLE, weak + 1, json_object_get(node, "name")) ||
        add_str(st, MS_DESCRIPTION, weak, json_object_get(node, "description")) ||
        add_each(st, MS_AUTHOR, json_object_get(node, "author"), add_author) ||
        add_each(st, MS_AUTHOR, json_object_get(node, "creator"), add_author) ||
        add_name(st, MS_SITE_NAME, 0, json_object_get(node, "publisher")) ||
        add_str(st, MS_DATE_PUBLISHED, 0, json_object_get(node, "datePublished")) ||
        add_str(st, MS_DATE_PUBLISHED, 1, json_object_get(node, "dateCreated")) ||
        add_str(st, MS_DATE_MODIFIED, 0, json_object_get(node, "dateModified")) ||
        add_name(st, MS_LANGUAGE, 0, json_object_get(node, "inLanguage")) ||
        add_each(st, MS_IMAGE, json_object_get(node, "image"), add_url) ||
        add_each(st, MS_IMAGE, json_object_get(node, "thumbnailUrl"), add_url) ||
        add_keywords(st, json_object_get(node, "keywords")) ||
        add_each(st, MS_SECTION, json_object_get(node, "articleSection"), add_str) ||
        add_url(st, MS_LICENSE, 0, json_object_get(node, "license")) ||
        add_url(st, MS_CANONICAL, 0, json_object_get(node, "mainEntityOfPage")) ||
        add_url(st, MS_CANONICAL, 1, json_object_get(node, "url")) ||
        add_str(st, MS_ALT_HEADLINE, 0, json_object_get(node, "alternativeHeadline")) ||
        add_str(st, MS_READING_TIME, 0, json_object_get(node, "timeRequired")))
        return -1;
    return 0;
}

/* The chosen node: the most article-like type, top-level first, then the
 * first in the page. */
static const ld_node *choose(const ld_state *st)
{
    const ld_node *best = NULL;
    int best_score = 0;
    for (size_t i = 0; i < st->nnodes; i++) {
        const ld_node *n = &st->nodes[i];
        if (!n->type || n->type->weight == T_NONE)
            continue;
        int score = n->type->weight * 2 + n->top * 10;
        if (score > best_score) {
            best = n;
            best_score = score;
        }
    }
    return best;
}

int meta_scan_jsonld(meta_run *r)
{
    meta_ctx *m = r->m;
    if (!m->ld_scripts.len)
        return 0;
    ld_state *st = calloc(1, sizeof *st);
    if (!st) {
        r->nomem = 1;
        return -1;
    }
    st->r = r;
    const tree_doc *d = r->doc;
    size_t total = 0;
    for (uint32_t k = 0; k < m->ld_scripts.len && st->nroots < sizeof st->roots / sizeof *st->roots;
         k++) {
        node_id s = VEC_AT(m->ld_scripts, node_id, k);
        buf *b = &m->scratch;
        buf_reset(b);
        for (node_id c = tree_first_child(d, s); c; c = tree_next_sibling(d, c)) {
            size_t len;
            const char *t = tree_text(d, c, &len);
            if (tree_kind(d, c) == TREE_TEXT && buf_append(b, t, len)) {
                r->nomem = 1;
                break;
            }
        }
        if (r->nomem)
            break;
        if (b->len == 0 || b->len > META_JSONLD_MAX_BYTES || total + b->len > META_JSONLD_MAX_TOTAL)
            continue;
        total += b->len;
        json_t *root = parse(st, b->data, b->len);
        if (root) {
            st->roots[st->nroots++] = root;
            walk(st, root);
        }
    }
    int rc = r->nomem ? -1 : 0;
    const ld_node *article = rc ? NULL : choose(st);
    if (article) {
        rc = propose(st, article->obj, article->type->weight == T_PAGE);
        if (!rc && article->type)
            rc = meta_add(r, MS_TYPE, META_SRC_JSON_LD, 0, article->type->name,
                          strlen(article->type->name));
    }
    /* The site: the publisher of the article, else a WebSite or
     * Organization node of the page (rank 1 and 2 below the article's). */
    for (size_t i = 0; !rc && i < st->nnodes; i++) {
        json_t *t = json_object_get(st->nodes[i].obj, "@type");
        const char *tn = json_is_string(t) ? json_string_value(t) : "";
        if (st->nodes[i].top && !strcmp(tn, "WebSite"))
            rc = add_name(st, MS_SITE_NAME, 1, st->nodes[i].obj);
        else if (st->nodes[i].top &&
                 (!strcmp(tn, "Organization") || !strcmp(tn, "NewsMediaOrganization")))
            rc = add_name(st, MS_SITE_NAME, 2, st->nodes[i].obj);
    }
    /* What kind of page the structured data describes. */
    for (size_t i = 0; !rc && i < st->nnodes; i++) {
        const ld_node *n = &st->nodes[i];
        if (n->type && n->top && n->type->kind != MK_ARTICLE)
            rc = meta_add(r, MS_PAGE_KIND, META_SRC_JSON_LD, n->type->kind, n->type->name,
                          strlen(n->type->name));
    }
    if (!rc && article && article->type->kind == MK_ARTICLE)
        rc = meta_add(r, MS_PAGE_KIND, META_SRC_JSON_LD, MK_ARTICLE, article->type->name,
                      strlen(article->type->name));
    if (!rc && st->articles_in_lists >= 2)
        rc = meta_add(r, MS_PAGE_KIND, META_SRC_JSON_LD, MK_LISTING, "list of articles", 16);
    for (size_t i = 0; i < st->nroots; i++)
        json_decref(st->roots[i]);
    free(st);
    if (rc)
        r->nomem = 1;
    return rc;
}
