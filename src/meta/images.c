/*
 * images.c — the article's figures and its lead image.
 *
 * A figure is a <figure> the extraction kept, or an <img> it kept outside
 * one: its source (absolute; the real one when src is a lazy-loading
 * placeholder), its alt text, and its caption split from the credit. The
 * lead image is what the page declares (og:image, twitter:image, JSON-LD
 * image), else the first figure; it takes the caption and credit of the
 * figure that shows the same picture.
 */
#include <string.h>

#include "core/url.h"
#include "core/utf8.h"
#include "meta/internal.h"

/* Figures recorded per page: a gallery of hundreds is one gallery. */
#define META_MAX_FIGURES 64

/* ---- URLs ----------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The page's <base href> (HTML § 4.2.3), itself resolved against the page
 * URL, else the page URL. */
static int init_base(meta_run *r)
{
    meta_ctx *m = r->m;
    buf_reset(&m->base);
    const char *page = r->in->url ? r->in->url : "";
    size_t page_len = strlen(page);
    const tree_doc *d = r->doc;
    if (d->head) {
        for (node_id c = tree_first_child(d, d->head); c; c = tree_next_sibling(d, c)) {
            size_t len;
            const char *href;
            if (!tree_is_element(d, c, TAG_BASE) || !(href = tree_attr_get(d, c, ATTR_HREF, &len)))
                continue;
            while (len && is_space(*href)) {
                href++;
                len--;
            }
            if (len)
                return url_resolve(page, page_len, href, len, &m->base);
        }
    }
    return buf_append(&m->base, page, page_len);
}

const char *meta_resolve_url(meta_run *r, const char *ref, size_t len)
{
    meta_ctx *m = r->m;
    if (!m->base_ready) {
        if (init_base(r)) {
            r->nomem = 1;
            return NULL;
        }
        m->base_ready = 1;
    }
    while (len && is_space(*ref)) {
        ref++;
        len--;
    }
    while (len && is_space(ref[len - 1]))
        len--;
    buf *out = &m->scratch2;
    buf_reset(out);
    if (url_resolve(m->base.data, m->base.len, ref, len, out)) {
        r->nomem = 1;
        return NULL;
    }
    char *s = arena_strndup(r->a, out->data, out->len);
    if (!s)
        r->nomem = 1;
    return s;
}

/* The src is a stand-in: none, an inline data: image (a blurred preview
 * or a transparent pixel), or a file named for what it is. */
static int placeholder_src(const char *s, size_t len)
{
    while (len && is_space(*s)) {
        s++;
        len--;
    }
    if (!len || (len >= 5 && ascii_ieq(s, 5, "data:")))
        return 1;
    size_t end = 0;
    while (end < len && s[end] != '?' && s[end] != '#')
        end++;
    size_t start = end;
    while (start && s[start - 1] != '/')
        start--;
    static const char *const names[] = {"placeholder", "blank.",       "spacer.",
                                        "pixel.",      "transparent.", "lazy.",
                                        "loading.",    "loader.",      "grey."};
    for (size_t i = start; i < end; i++) {
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            size_t nl = strlen(names[k]);
            if (nl <= end - i && ascii_ieq(s + i, nl, names[k]))
                return 1;
        }
    }
    return 0;
}

/* The first URL of a srcset (HTML § 4.8.4.3.1: candidates separated by
 * commas, each a URL then descriptors). */
static const char *srcset_first(const char *s, size_t len, size_t *out_len)
{
    size_t i = 0;
    while (i < len && (is_space(s[i]) || s[i] == ','))
        i++;
    size_t start = i;
    while (i < len && !is_space(s[i]))
        i++;
    /* A URL may hold commas; a trailing one separates candidates. */
    while (i > start && s[i - 1] == ',')
        i--;
    *out_len = i - start;
    return i > start ? s + start : NULL;
}

/* Lazy loaders keep the real URL here while src holds a placeholder. */
static const char *const lazy_attrs[] = {"data-src", "data-lazy-src", "data-original", "data-url",
                                         "data-hi-res-src"};
static const char *const lazy_srcsets[] = {"data-srcset", "data-lazy-srcset"};

/* The URL an <img> shows, or NULL. */
static const char *img_src(const tree_doc *d, node_id img, size_t *len)
{
    const char *src = tree_attr_get(d, img, ATTR_SRC, len);
    if (src && !placeholder_src(src, *len))
        return src;
    for (size_t k = 0; k < sizeof lazy_attrs / sizeof *lazy_attrs; k++) {
        src = tree_attr_get_named(d, img, lazy_attrs[k], len);
        if (src && !placeholder_src(src, *len))
            return src;
    }
    const char *set = tree_attr_get(d, img, ATTR_SRCSET, len);
    for (size_t k = 0; !set && k < sizeof lazy_srcsets / sizeof *lazy_srcsets; k++)
        set = tree_attr_get_named(d, img, lazy_srcsets[k], len);
    if (set) {
        src = srcset_first(set, *len, len);
        if (src && !placeholder_src(src, *len))
            return src;
    }
    return NULL;
}

/* An image too small to be a figure (a tracking pixel, an icon). */
static int tiny(const tree_doc *d, node_id img)
{
    static const char *const dims[] = {"width", "height"};
    for (size_t k = 0; k < 2; k++) {
        size_t len;
        const char *v = tree_attr_get_named(d, img, dims[k], &len);
        if (!v || !len || v[0] < '0' || v[0] > '9')
            continue;
        unsigned x = 0;
        for (size_t i = 0; i < len && v[i] >= '0' && v[i] <= '9' && x < 1000; i++)
            x = x * 10 + (unsigned)(v[i] - '0');
        if (x < 50)
            return 1;
    }
    return 0;
}

/* ---- credits -------------------------------------------------------- */

/* Labels that introduce a picture credit, lowercase, as captions write
 * them in the languages pith reads. Longest first where one is the start
 * of another. */
static const char *const credit_labels[] = {"image copyright",
                                            "photo credit",
                                            "picture credit",
                                            "crédit photo",
                                            "crédits photo",
                                            "photograph",
                                            "photographs",
                                            "photography",
                                            "photos",
                                            "photo",
                                            "pictures",
                                            "picture",
                                            "images",
                                            "image",
                                            "fotos",
                                            "foto",
                                            "fotografía",
                                            "fotografia",
                                            "bilder",
                                            "bild",
                                            "credits",
                                            "credit",
                                            "crédits",
                                            "crédit",
                                            "copyright",
                                            "quelle",
                                            "source",
                                            "fuente",
                                            "fonte",
                                            "bron",
                                            "beeld",
                                            "afbeelding",
                                            "imagen",
                                            "immagine",
                                            "illustration",
                                            "grafik",
                                            NULL};

/* After a credit label, the word that introduces the photographer
 * ("Photo by", "Foto di", "Foto von", "Photo de", "Foto de", "Foto van",
 * "Foto por"), then a capitalised name: where the name starts, else 0. */
static size_t by_word(const char *s, size_t len, size_t j)
{
    static const char *const words[] = {"by ", "di ", "von ", "de ", "van ", "por ", "par ",
                                        "da ", NULL};
    for (const char *const *w = words; *w; w++) {
        size_t wl = strlen(*w);
        if (j + wl < len && !memcmp(s + j, *w, wl)) {
            size_t k = j + wl;
            while (k < len && s[k] == ' ')
                k++;
            size_t adv = 1;
            uint32_t cp = k < len ? utf8_decode((const unsigned char *)s + k, len - k, &adv) : 0;
            return cp && utf8_lower(cp) != cp ? k : 0;
        }
    }
    return 0;
}

/* Where a label starting at s[i] ends (past its ":" and spaces), or 0
 * when none starts there. "Image copyright X" needs no colon. */
static size_t label_end(const char *s, size_t len, size_t i)
{
    for (const char *const *l = credit_labels; *l; l++) {
        size_t ll = strlen(*l);
        if (i + ll > len)
            continue;
        char low[24];
        size_t fl = utf8_fold(s + i, ll, low, sizeof low, UTF8_FOLD_SPACES);
        if (fl != ll || memcmp(low, *l, ll))
            continue;
        size_t j = i + ll;
        while (j < len && s[j] == ' ')
            j++;
        size_t by = j < len ? by_word(s, len, j) : 0;
        if (j < len && s[j] == ':')
            j++;
        else if (by)
            j = by; /* "Foto di Elisa Moretti", "Photo by Jane Roe" */
        else if (strcmp(*l, "image copyright") && strcmp(*l, "copyright"))
            continue;
        while (j < len && s[j] == ' ')
            j++;
        return j < len ? j : 0;
    }
    /* "© X" and "(c) X" */
    if (i + 2 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9) {
        size_t j = i + 2;
        while (j < len && s[j] == ' ')
            j++;
        return j < len ? j : 0;
    }
    if (i + 3 < len && s[i] == '(' && (s[i + 1] == 'c' || s[i + 1] == 'C') && s[i + 2] == ')') {
        size_t j = i + 3;
        while (j < len && s[j] == ' ')
            j++;
        return j < len ? j : 0;
    }
    return 0;
}

/* A credit is a few words (bytes). */
#define CREDIT_MAX_BYTES 120

int meta_split_credit(arena *a, const char *text, const char **caption, const char **credit)
{
    *caption = *credit = NULL;
    size_t len = strlen(text);
    /* The last label at a word start: the credit ends the caption. */
    size_t at = len, end = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && text[i - 1] != ' ' && text[i - 1] != '(' && text[i - 1] != '|' &&
            text[i - 1] != '/' && text[i - 1] != '[')
            continue;
        size_t e = label_end(text, len, i);
        if (e && len - e <= CREDIT_MAX_BYTES) {
            at = i;
            end = e;
            break;
        }
    }
    size_t cap_len = at;
    if (at < len) {
        size_t cl = len - end;
        int bracketed = at > 0 && (text[at - 1] == '(' || text[at - 1] == '[');
        while (cl && (text[end + cl - 1] == ' ' ||
                      (bracketed && (text[end + cl - 1] == ')' || text[end + cl - 1] == ']'))))
            cl--;
        if (cl) {
            *credit = arena_strndup(a, text + end, cl);
            if (!*credit)
                return -1;
        }
    }
    /* The caption without the separator before the credit (ASCII ones,
     * and the en and em dashes, U+2013 and U+2014). */
    for (;;) {
        if (cap_len && strchr(" |/([-", text[cap_len - 1]))
            cap_len--;
        else if (cap_len >= 3 && !memcmp(text + cap_len - 3, "\xe2\x80", 2) &&
                 (text[cap_len - 1] == '\x93' || text[cap_len - 1] == '\x94'))
            cap_len -= 3;
        else
            break;
    }
    if (cap_len) {
        *caption = arena_strndup(a, text, cap_len);
        if (!*caption)
            return -1;
    }
    return 0;
}

/* ---- figures -------------------------------------------------------- */

/* An element of a caption that holds its credit (class or id). */
static int names_credit(const tree_doc *d, node_id n)
{
    static const char *const words[] = {"credit", "copyright",    "source", "rights",
                                        "photographer", "byline", "author", "quelle", NULL};
    return meta_named(d, n, words);
}

/* The caption of a figure: its <figcaption>, else an element named like a
 * caption. */
/* Names of caption elements (class or id, lowercase substrings) besides
 * extraction's caption group: "légende", "Bildunterschrift", "didascalia",
 * "leyenda", "bijschrift", "pie de foto". */
static const char *const caption_words[] = {
    "caption",  "legend",   "l\xc3\xa9gende", "unterschrift", "bildtext", "didascalia",
    "leyenda",  "bijschrift", "onderschrift", "pie-de-foto", "piedefoto", "pie_foto", NULL};

static node_id caption_of(const meta_run *r, node_id fig)
{
    const tree_doc *d = r->doc;
    node_id named = 0;
    for (node_id c = tree_next(d, fig, fig, 0); c; c = tree_next(d, fig, c, 0)) {
        if (tree_kind(d, c) != TREE_ELEMENT)
            continue;
        if (tree_tag(d, c) == TAG_FIGCAPTION)
            return c;
        if (!named && ((meta_names(r, c) & PAT_CAPTION) || meta_named(d, c, caption_words)) &&
            !names_credit(d, c))
            named = c;
    }
    return named;
}

/* Figures whose caption is an element beside the image rather than a
 * <figcaption>: the block holding the image, its caption and little else
 * ("<div class=bild><img><div class=bildunterschrift>…</div></div>"), up
 * to two blocks up from the image; 0 when none. */
#define IMAGE_BOX_MAX_TEXT 600

static int count_imgs(const tree_doc *d, node_id root)
{
    int k = 0;
    for (node_id i = root; i && k < 2; i = tree_next(d, root, i, 0))
        k += tree_is_element(d, i, TAG_IMG);
    return k;
}

static node_id image_box(const meta_run *r, node_id img)
{
    const tree_doc *d = r->doc;
    node_id p = tree_parent(d, img);
    for (int level = 0; p && p != d->body && level < 2; level++, p = tree_parent(d, p)) {
        /* Links, <picture> and inline wrappers are part of the image. */
        while (p && p != d->body && !(tree_tag_flags(tree_tag(d, p)) & TF_BLOCK))
            p = tree_parent(d, p);
        if (!p || p == d->body || tree_tag(d, p) == TAG_FIGURE || count_imgs(d, p) > 1 ||
            VEC_AT(r->m->text_len, uint32_t, p) > IMAGE_BOX_MAX_TEXT)
            return 0;
        if (caption_of(r, p))
            return p;
    }
    return 0;
}

/* The figure around an image: an ancestor <figure> (a few levels up),
 * else its image box; 0 when none. */
static node_id figure_of(const meta_run *r, node_id img)
{
    const tree_doc *d = r->doc;
    node_id p = tree_parent(d, img);
    for (int level = 0; p && p != d->body && level < 4; level++, p = tree_parent(d, p)) {
        if (tree_tag(d, p) == TAG_FIGURE)
            return p;
    }
    return image_box(r, img);
}

/* Names that mark a picture of a person or a site rather than of the
 * story: avatars of commenters and authors, logos (class or id of the
 * image or of its wrappers). */
static const char *const avatar_words[] = {
    "avatar",       "gravatar",      "userpic",      "user-pic",   "profile-pic",
    "profile-photo", "profile-image", "author-photo", "author-image", "author-pic", NULL};
static const char *const logo_words[] = {"logo", NULL};

static int named_up(const meta_run *r, node_id img, const char *const *words)
{
    const tree_doc *d = r->doc;
    node_id p = img;
    for (int level = 0; p && p != d->body && level < 4; level++, p = tree_parent(d, p)) {
        if (meta_named(d, p, words))
            return 1;
    }
    return 0;
}

/* A commenter's or an author's picture: named so, or served from an
 * avatar path ("/avatars/", gravatar.com). */
static int is_avatar(const meta_run *r, node_id img)
{
    size_t len;
    const char *src = img_src(r->doc, img, &len);
    return named_up(r, img, avatar_words) ||
           (src && (mem_find(src, len, "avatar", 6) || mem_find(src, len, "gravatar", 8)));
}

/* Text of a subtree without the nodes of `skip`'s subtree. */
static char *text_without(meta_run *r, node_id n, node_id skip)
{
    const tree_doc *d = r->doc;
    buf *b = &r->m->scratch;
    buf_reset(b);
    for (node_id c = n; c;
         c = tree_next(d, n, c,
                       c == skip || (c != n && tree_kind(d, c) == TREE_ELEMENT &&
                                     (tree_tag_flags(tree_tag(d, c)) & TF_NEVER)))) {
        if (c == skip || tree_kind(d, c) != TREE_TEXT)
            continue;
        size_t len;
        const char *t = tree_text(d, c, &len);
        if (buf_append(b, t, len) || buf_append_char(b, ' '))
            goto nomem;
    }
    char *s = meta_clean_text(r->a, b->data ? b->data : "", b->len);
    if (s)
        return s;
nomem:
    r->nomem = 1;
    return NULL;
}

/* Reads the figure fig (0: a lone image) showing img into *f. 1 when it
 * has a source, 0 when not, -1 when out of memory. */
static int read_figure(meta_run *r, node_id fig, node_id img, pith_image *f)
{
    const tree_doc *d = r->doc;
    size_t len;
    const char *src = img ? img_src(d, img, &len) : NULL;
    memset(f, 0, sizeof *f);
    if (!src)
        return 0;
    if (!(f->url = meta_resolve_url(r, src, len)))
        goto nomem;
    const char *alt = tree_attr_get(d, img, ATTR_ALT, &len);
    if (alt && len) {
        char *t = meta_clean_text(r->a, alt, len);
        if (!t)
            goto nomem;
        f->alt = *t ? t : NULL;
    }
    if (!fig)
        fig = image_box(r, img);
    node_id cap = fig ? caption_of(r, fig) : 0;
    if (!cap)
        return 1;
    /* A credit element inside the caption (or beside it in the figure). */
    node_id credit = 0;
    for (node_id c = fig; c && !credit; c = tree_next(d, fig, c, 0)) {
        if (c != fig && tree_kind(d, c) == TREE_ELEMENT && names_credit(d, c) && c != cap)
            credit = c;
    }
    char *text = text_without(r, cap, credit);
    if (!text)
        return -1;
    if (credit) {
        char *ct = meta_node_text(r->a, d, credit);
        if (!ct)
            goto nomem;
        /* "Bild: Reuters" in a credit element is still labelled. */
        const char *c1, *c2;
        if (meta_split_credit(r->a, ct, &c1, &c2))
            goto nomem;
        f->credit = c2 ? c2 : (*ct ? ct : NULL);
        f->caption = *text ? text : NULL;
        return 1;
    }
    if (*text && meta_split_credit(r->a, text, &f->caption, &f->credit))
        goto nomem;
    return 1;
nomem:
    r->nomem = 1;
    return -1;
}

static int add_figure(meta_run *r, node_id fig, node_id img)
{
    meta_ctx *m = r->m;
    pith_image f;
    if (m->figures.len >= META_MAX_FIGURES)
        return 0;
    int rc = read_figure(r, fig, img, &f);
    if (rc <= 0)
        return rc;
    pith_image *slot = vec_push(&m->figures, sizeof f);
    if (!slot) {
        r->nomem = 1;
        return -1;
    }
    *slot = f;
    return 0;
}

/* The first <img> of a subtree, or 0. */
static node_id first_img(const tree_doc *d, node_id root)
{
    for (node_id i = root; i; i = tree_next(d, root, i, 0)) {
        if (tree_is_element(d, i, TAG_IMG))
            return i;
    }
    return 0;
}

int meta_figures(meta_run *r)
{
    const tree_doc *d = r->doc;
    meta_ctx *m = r->m;
    vec_reset(&m->figures);
    node_id body = d->body ? d->body : d->html;
    int skip = 0; /* past a figure's subtree: its images are its own */
    for (node_id c = body; c; c = tree_next(d, body, c, skip)) {
        skip = 0;
        if (tree_kind(d, c) != TREE_ELEMENT || !meta_kept(r, c))
            continue;
        unsigned tag = tree_tag(d, c);
        if (tag == TAG_FIGURE) {
            node_id img = first_img(d, c);
            if (!(img && is_avatar(r, img)) && add_figure(r, c, img))
                return -1;
            skip = 1;
            continue;
        }
        if (tag == TAG_IMG && !tiny(d, c) && !is_avatar(r, c) && add_figure(r, 0, c))
            return -1;
    }
    r->rec->pub.figures = m->figures.len ? m->figures.items : NULL;
    r->rec->pub.figure_count = m->figures.len;
    if (m->figures.len)
        r->rec->sources[MF_FIGURES] = META_SRC_EXTRACTION;
    return 0;
}

/* The file name of a URL (its last path segment, no query), to tell the
 * same picture in two sizes or two CDNs' paths. */
static const char *file_name(const char *url, size_t *len)
{
    size_t end = 0;
    while (url[end] && url[end] != '?' && url[end] != '#')
        end++;
    size_t start = end;
    while (start && url[start - 1] != '/')
        start--;
    *len = end - start;
    return url + start;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A file name without its extension and the size or crop suffixes image
 * servers add to the one picture: "photo-1200x630.jpg", "photo_960x540@2x
 * .webp" and "photo-scaled.jpg" are "photo". */
static size_t picture_key(const char *url, const char **key)
{
    size_t len;
    const char *f = file_name(url, &len);
    size_t dot = len;
    while (dot && f[dot - 1] != '.')
        dot--;
    if (dot > 1)
        len = dot - 1;
    *key = f;
    for (int changed = 1; changed && len;) {
        changed = 0;
        if (len > 3 && f[len - 3] == '@' && is_digit(f[len - 2]) && f[len - 1] == 'x') {
            len -= 3; /* "@2x" */
            changed = 1;
        } else if (len > 7 && !memcmp(f + len - 7, "-scaled", 7)) {
            len -= 7;
            changed = 1;
        } else {
            size_t i = len, digits = 0;
            while (i && is_digit(f[i - 1]))
                i--, digits++;
            if (digits >= 2 && i && (f[i - 1] == 'x' || f[i - 1] == 'X')) {
                size_t j = i - 1, d2 = 0;
                while (j && is_digit(f[j - 1]))
                    j--, d2++;
                if (d2 >= 2 && j > 1 && (f[j - 1] == '-' || f[j - 1] == '_')) {
                    len = j - 1; /* "-1200x630" */
                    changed = 1;
                }
            }
        }
    }
    return len;
}

/* Whether long is short and a width: "-960", "_640" (3 or 4 digits; a
 * longer or shorter number is the picture's own, "IMG_20190304"). */
static int plus_width(const char *lng, size_t ll, const char *shrt, size_t sl)
{
    if (ll < sl + 4 || ll > sl + 5 || memcmp(lng, shrt, sl) ||
        (lng[sl] != '-' && lng[sl] != '_'))
        return 0;
    for (size_t i = sl + 1; i < ll; i++) {
        if (!is_digit(lng[i]))
            return 0;
    }
    return 1;
}

/* Two URLs of one picture: equal, or the same file name once sizes,
 * crops and extensions are set aside (two sizes of it, two paths of a
 * CDN, a query asking for a width). "photo-7169" and "photo-7179" of a
 * gallery are two pictures: a bare number counts as a width only when
 * the other name lacks it. */
static int same_picture(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return 1;
    const char *ka, *kb;
    size_t la = picture_key(a, &ka), lb = picture_key(b, &kb);
    if (!la || !lb)
        return 0;
    if (la == lb)
        return !memcmp(ka, kb, la);
    return la > lb ? plus_width(ka, la, kb, lb) : plus_width(kb, lb, ka, la);
}

static void take_caption(pith_image *lead, const pith_image *f)
{
    lead->alt = f->alt;
    lead->caption = f->caption;
    lead->credit = f->credit;
}

static const uint8_t image_order[] = {META_SRC_OPENGRAPH, META_SRC_TWITTER, META_SRC_JSON_LD,
                                      META_SRC_MICRODATA, META_SRC_LINK,    META_SRC_NONE};

/* A lead picture is larger than this in both dimensions when the page
 * gives them (pixels): below it, an author's photo or an icon (the golden
 * forum page's 96-pixel avatars; lead pictures of the golden pages and
 * the seed page are 250 pixels wide and more). */
#define LEAD_MIN_SIDE 120

static unsigned dimension(const tree_doc *d, node_id img, const char *name)
{
    size_t len;
    const char *v = tree_attr_get_named(d, img, name, &len);
    unsigned x = 0;
    for (size_t i = 0; v && i < len && v[i] >= '0' && v[i] <= '9' && x < 100000; i++)
        x = x * 10 + (unsigned)(v[i] - '0');
    return x;
}

/* Whether an image can be the page's lead picture: it shows something
 * (a source, not a pixel), is no avatar or logo, and is not small. */
static int fit_lead(const meta_run *r, node_id img)
{
    const tree_doc *d = r->doc;
    size_t len;
    const char *src = img_src(d, img, &len);
    if (!src || tiny(d, img) || is_avatar(r, img) || named_up(r, img, logo_words))
        return 0;
    /* A file named for what it is: "logo.png", "rss-48.png", "icon-mail.svg". */
    static const char *const icon_files[] = {"logo",   "icon",  "rss",    "feed",   "sprite",
                                             "banner", "button", "badge", "profile", "avatar",
                                             "author", "mail",   "comment", "share",  "print",
                                             ".svg",   ".gif"};
    size_t start = len, end = 0;
    while (end < len && src[end] != '?' && src[end] != '#')
        end++;
    start = end;
    while (start && src[start - 1] != '/')
        start--;
    for (size_t k = 0; k < sizeof icon_files / sizeof *icon_files; k++) {
        size_t il = strlen(icon_files[k]);
        for (size_t i = start; i + il <= end; i++) {
            if (ascii_ieq(src + i, il, icon_files[k]))
                return 0;
        }
    }
    unsigned w = dimension(d, img, "width"), h = dimension(d, img, "height");
    if (w && h && w <= LEAD_MIN_SIDE && h <= LEAD_MIN_SIDE)
        return 0;
    /* A size asked in the query: "?h=17&w=0". */
    for (size_t q = end; q + 2 < len; q++) {
        if ((src[q] == '?' || src[q] == '&') && (src[q + 1] == 'h' || src[q + 1] == 'w') &&
            src[q + 2] == '=') {
            unsigned x = 0;
            size_t v = q + 3;
            for (; v < len && src[v] >= '0' && src[v] <= '9' && x < 100000; v++)
                x = x * 10 + (unsigned)(src[v] - '0');
            if (v > q + 3 && x > 0 && x < 50)
                return 0;
        }
    }
    /* A thumbnail by its name: "jeff-hoyt-150x150.jpg". */
    size_t i = end;
    while (i > start && src[i - 1] != '.')
        i--;
    size_t stop = i > start ? i - 1 : end, k = stop;
    unsigned dims[2] = {0, 0};
    for (int f = 1; f >= 0; f--) {
        unsigned x = 0, mul = 1;
        while (k > start && src[k - 1] >= '0' && src[k - 1] <= '9' && mul < 100000) {
            x += (unsigned)(src[k - 1] - '0') * mul;
            mul *= 10;
            k--;
        }
        dims[f] = x;
        if (f && !(k > start && (src[k - 1] == 'x' || src[k - 1] == 'X')))
            break;
        if (f)
            k--;
    }
    return !(dims[0] && dims[1] && dims[0] <= LEAD_MIN_SIDE + 30 && dims[1] <= LEAD_MIN_SIDE + 30);
}

/* Containers of another story or of the page's chrome: an image in them
 * is not the article's. A container holding the article's text is the
 * article's, whatever its name. */
static int foreign_image(const meta_run *r, node_id img)
{
    const tree_doc *d = r->doc;
    for (node_id p = tree_parent(d, img); p && p != d->body; p = tree_parent(d, p)) {
        unsigned tag = tree_tag(d, p);
        if (tag == TAG_NAV || tag == TAG_ASIDE || tag == TAG_FOOTER || tag == TAG_FORM)
            return 1;
        if (!meta_holds_kept(r, p) &&
            (meta_names(r, p) & (PAT_TEASER | PAT_COMMENTS | PAT_HIDDEN | PAT_ROLE_CHROME)))
            return 1;
    }
    return 0;
}

/* How far after the headline the lead picture may stand (nodes) when the
 * article's text starts later still. */
#define HEADER_IMAGE_WINDOW 300

/* The picture the article's header shows between the headline and the
 * text extraction kept (a featured image, a photo in a plain div): the
 * lead when the page declares none. 0 when none. */
static node_id header_image(const meta_run *r)
{
    const tree_doc *d = r->doc;
    if (!r->headline)
        return 0;
    node_id end = tree_next(d, 0, r->headline, 1);
    const uint8_t *rules = r->in->rules;
    int skip = 0, blocks = 0;
    node_id last_block = 0;
    for (node_id c = end; c && c - end < HEADER_IMAGE_WINDOW; c = tree_next(d, 0, c, skip)) {
        /* The standfirst under the headline is part of the header. */
        skip = rules && rules[c] == ER_STANDFIRST;
        if (tree_kind(d, c) == TREE_TEXT && meta_kept(r, c)) {
            size_t len;
            const char *t = tree_text(d, c, &len);
            if (!utf8_count_words(t, len))
                continue;
            /* The article's text: past its first block (a lead the
             * extraction kept), the figures are the extraction's. */
            node_id b = tree_parent(d, c);
            while (b && !(tree_tag_flags(tree_tag(d, b)) & TF_BLOCK))
                b = tree_parent(d, b);
            if (b != last_block && ++blocks > 1)
                return 0;
            last_block = b;
            continue;
        }
        if (tree_is_element(d, c, TAG_IMG) && !meta_kept(r, c) && fit_lead(r, c) &&
            !foreign_image(r, c))
            return c;
    }
    return 0;
}

int meta_lead_image(meta_run *r)
{
    pith_record *p = &r->rec->pub;
    const tree_doc *d = r->doc;
    const meta_cand *c = meta_best(r, MS_IMAGE, image_order);
    if (c) {
        p->image.url = meta_resolve_url(r, c->value, strlen(c->value));
        if (!p->image.url)
            return -1;
        r->rec->sources[MF_IMAGE] = c->source;
    } else {
        node_id img = header_image(r);
        if (img) {
            pith_image f;
            int rc = read_figure(r, figure_of(r, img), img, &f);
            if (rc < 0)
                return -1;
            if (rc) {
                p->image = f;
                r->rec->sources[MF_IMAGE] = META_SRC_EXTRACTION;
                return 0;
            }
        }
        if (p->figure_count) {
            p->image.url = p->figures[0].url;
            r->rec->sources[MF_IMAGE] = META_SRC_EXTRACTION;
        }
    }
    if (!p->image.url)
        return 0;
    for (size_t i = 0; i < p->figure_count; i++) {
        if (same_picture(p->image.url, p->figures[i].url)) {
            take_caption(&p->image, &p->figures[i]);
            return 0;
        }
    }
    /* The lead figure often stands in the article's header, above the
     * body extraction kept (the seed page of issue 8): the first image of
     * the page showing the same picture with a caption tells it. */
    node_id body = d->body ? d->body : d->html;
    for (node_id n = body; n; n = tree_next(d, body, n, 0)) {
        if (!tree_is_element(d, n, TAG_IMG))
            continue;
        size_t len;
        const char *src = img_src(d, n, &len);
        const char *abs = src ? meta_resolve_url(r, src, len) : NULL;
        if (src && !abs)
            return -1;
        if (!abs || !same_picture(p->image.url, abs))
            continue;
        node_id fig = figure_of(r, n);
        if (!fig)
            continue;
        pith_image f;
        int rc = read_figure(r, fig, n, &f);
        if (rc < 0)
            return -1;
        if (rc && (f.caption || f.credit)) {
            take_caption(&p->image, &f);
            return 0;
        }
    }
    return 0;
}
