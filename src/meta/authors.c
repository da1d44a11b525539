/*
 * authors.c — author names: from a raw value to a list of names, and from
 * the visible page when no structured source names anyone.
 *
 * A raw value is what a page wrote: "By Jane Doe and John Roe, Staff
 * Writers", "Von Redakteurin Claudia Brandt | 04.03.2012", "Par Claire
 * Lemoine et Paul Martin". The opener ("By", "Von"...), roles, dates,
 * e-mail addresses and handles go; the rest is split at commas and at the
 * word "and" of the languages pith reads (en, de, fr, es, it, nl, pt and
 * the Nordic ones).
 */
#include <string.h>

#include "core/utf8.h"
#include "meta/internal.h"

/* A name has at most this many words: more is a sentence. */
#define AUTHOR_MAX_WORDS 5
#define AUTHOR_MAX_BYTES 80
/* A byline line is short (characters, as pat_is_byline accepts). */
#define BYLINE_MAX_BYTES 160

/* Lowercase words that open a byline, as pat_is_byline's openers plus the
 * labels pages write before names. */
static const char *const openers[] = {
    "by",      "von",     "par",     "por",     "di",        "door",    "av",
    "af",      "przez",   "written", "posted",  "text",      "texte",   "texto",
    "testo",   "tekst",   "autor",   "autorin", "author",    "authors", "auteur",
    "auteurs", "autores", "autore",  "autori",  "reporting", "words",   NULL};
/* Words that end one name and start the next. */
static const char *const joiners[] = {"and", "und",  "et",  "y",    "e",   "en",  "og",  "och",
                                      "&",   "with", "mit", "avec", "con", "com", "met", NULL};
/* Words that end the names: what follows is an affiliation or a place. */
static const char *const stoppers[] = {"for",
                                       "für",
                                       "pour",
                                       "para",
                                       "per",
                                       "voor",
                                       "in",
                                       "aus",
                                       "à",
                                       "at",
                                       "|",
                                       "/",
                                       "·",
                                       "•",
                                       "-",
                                       "–",
                                       "—",
                                       "on",
                                       "am",
                                       "le",
                                       "el",
                                       "il",
                                       "updated",
                                       "published",
                                       "aktualisiert",
                                       "veröffentlicht",
                                       "publié",
                                       "mis",
                                       "publicado",
                                       "actualizado",
                                       "pubblicato",
                                       NULL};
/* Roles, job titles and news agency boilerplate around a name (lowercase;
 * compared one word at a time at either end of a name). */
static const char *const roles[] = {"staff",
                                    "writer",
                                    "writers",
                                    "reporter",
                                    "reporters",
                                    "correspondent",
                                    "correspondents",
                                    "editor",
                                    "editors",
                                    "senior",
                                    "chief",
                                    "contributor",
                                    "contributing",
                                    "columnist",
                                    "freelance",
                                    "guest",
                                    "special",
                                    "associate",
                                    "deputy",
                                    "managing",
                                    "political",
                                    "news",
                                    "digital",
                                    "science",
                                    "health",
                                    "business",
                                    "sports",
                                    "technology",
                                    "tech",
                                    "culture",
                                    "producer",
                                    "photographer",
                                    "photos",
                                    "photo",
                                    "journalist",
                                    "journalists",
                                    "author",
                                    "redakteur",
                                    "redakteurin",
                                    "redakteure",
                                    "korrespondent",
                                    "korrespondentin",
                                    "autor",
                                    "autorin",
                                    "journalistin",
                                    "chefredakteur",
                                    "chefredakteurin",
                                    "mitarbeiter",
                                    "rédacteur",
                                    "rédactrice",
                                    "journaliste",
                                    "correspondant",
                                    "correspondante",
                                    "envoyé",
                                    "envoyée",
                                    "spécial",
                                    "spéciale",
                                    "redactor",
                                    "redactora",
                                    "periodista",
                                    "corresponsal",
                                    "giornalista",
                                    "redattore",
                                    "redattrice",
                                    "inviato",
                                    "inviata",
                                    "redacteur",
                                    "verslaggever",
                                    "correspondente",
                                    "repórter",
                                    "jornalista",
                                    "dr.",
                                    "prof.",
                                    "mr.",
                                    "mrs.",
                                    "ms.",
                                    "the",
                                    "our",
                                    "a",
                                    "an",
                                    "of",
                                    "team",
                                    NULL};

static int word_is(const char *w, size_t len, const char *const *list)
{
    char low[32];
    if (len >= sizeof low)
        return 0;
    size_t n = utf8_fold(w, len, low, sizeof low, 0);
    if (n > sizeof low)
        return 0;
    for (const char *const *l = list; *l; l++) {
        if (strlen(*l) == n && !memcmp(*l, low, n))
            return 1;
    }
    return 0;
}

typedef struct word {
    const char *s;
    size_t len;
    int ends_name; /* a comma, semicolon or colon followed it */
} word;

static int is_capitalised(const char *w, size_t len)
{
    size_t adv;
    uint32_t cp = utf8_decode((const unsigned char *)w, len, &adv);
    return utf8_lower(cp) != cp;
}

static int has_digit(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (w[i] >= '0' && w[i] <= '9')
            return 1;
    }
    return 0;
}

/* Words that stand alone where a name should be, but are labels: image
 * credits ("Credit: ..."), review stamps, days of the week of a date
 * line. Lowercase. */
static const char *const not_names[] = {"credit", "credits", "source", "sources", "reviewed",
                                        "photo", "photos", "image", "images", "video",
                                        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                        "updated", "published", "posted", NULL};

/* Whether a one-word "name" is one: not a label, not a template
 * placeholder ("page.head.extra.author"), and not a credential after a
 * name ("Rebecca Lake, CEPF®", "Ellen Lindell, VMD": a short all-capital
 * word once a name was found). */
static int is_single_word_name(const word *w, int names_before)
{
    char low[32];
    if (w->len < sizeof low) {
        for (size_t i = 0; i < w->len; i++)
            low[i] = ascii_lower(w->s[i]);
        if (word_is(low, w->len, not_names) || mem_find(low, w->len, "author", 6))
            return 0;
    }
    if (names_before) {
        size_t letters = 0, upper = 0;
        for (size_t i = 0; i < w->len; i++) {
            char c = w->s[i];
            letters += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            upper += c >= 'A' && c <= 'Z';
        }
        if (letters >= 2 && letters <= 6 && upper >= 2 && upper + 1 >= letters)
            return 0; /* MD, PhD, CEPF, DACVB */
    }
    return 1;
}

/* Appends name (words[first..last)) to out unless it is no name or is
 * there already. */
static int emit(meta_run *r, const word *words, size_t first, size_t last, int strict, vec *out,
                int *added)
{
    /* Roles at either end of a visible byline ("Redakteurin Claudia
     * Brandt", "Jane Doe Staff Writer"). A declared name keeps them
     * ("EcoCult Staff", "Workzone Team" are the names sites give: the
     * wcxb-dev truths keep them), unless it is nothing but roles. */
    size_t f2 = first, l2 = last;
    while (f2 < l2 && word_is(words[f2].s, words[f2].len, roles))
        f2++;
    while (l2 > f2 && word_is(words[l2 - 1].s, words[l2 - 1].len, roles))
        l2--;
    if (f2 == l2)
        return 0;
    if (strict) {
        first = f2;
        last = l2;
    }
    if (last - first > AUTHOR_MAX_WORDS)
        return 0;
    int capitalised = 0;
    for (size_t i = first; i < last; i++) {
        const word *w = &words[i];
        if (has_digit(w->s, w->len) || w->s[0] == '@' || memchr(w->s, '@', w->len) ||
            meta_is_url(w->s, w->len))
            return 0;
        capitalised += is_capitalised(w->s, w->len);
    }
    if (strict && (!capitalised || !is_capitalised(words[first].s, words[first].len)))
        return 0;
    if (last - first == 1 && !is_single_word_name(&words[first], *added))
        return 0;
    const char *start = words[first].s;
    size_t len = (size_t)(words[last - 1].s + words[last - 1].len - start);
    /* Quotes and brackets around a name. */
    while (len && strchr("\"'([{<", *start)) {
        start++;
        len--;
    }
    /* A closing bracket stays when its opening one is in the name
     * ("Jean-Luc Aufranc (CNXSoft)"). */
    while (len && strchr("\"')]}>.,;:", start[len - 1]) &&
           !(start[len - 1] == ')' && memchr(start, '(', len)))
        len--;
    if (!len || len > AUTHOR_MAX_BYTES)
        return 0;
    char *name = meta_clean_text(r->a, start, len);
    if (!name) {
        r->nomem = 1;
        return -1;
    }
    char fa[AUTHOR_MAX_BYTES + 1], fb[AUTHOR_MAX_BYTES + 1];
    size_t la = meta_fold(name, strlen(name), fa, sizeof fa);
    if (!la)
        return 0;
    for (uint32_t i = 0; i < out->len; i++) {
        const char *o = VEC_AT(*out, const char *, i);
        size_t lb = meta_fold(o, strlen(o), fb, sizeof fb);
        if (la == lb && !memcmp(fa, fb, la))
            return 0;
    }
    const char **slot = vec_push(out, sizeof(const char *));
    if (!slot) {
        r->nomem = 1;
        return -1;
    }
    *slot = name;
    (*added)++;
    return 0;
}

/* Words of the value, split at spaces; trailing ",;:" mark a name's end. */
#define AUTHOR_MAX_TOKENS 64

int meta_split_authors(meta_run *r, const char *raw, int strict, vec *out)
{
    word words[AUTHOR_MAX_TOKENS];
    size_t n = 0, len = strlen(raw), i = 0;
    while (i < len && n < AUTHOR_MAX_TOKENS) {
        size_t adv = 1;
        while (i < len && utf8_is_space(utf8_decode((const unsigned char *)raw + i, len - i, &adv)))
            i += adv;
        size_t start = i;
        while (i < len) {
            uint32_t cp = utf8_decode((const unsigned char *)raw + i, len - i, &adv);
            if (utf8_is_space(cp))
                break;
            if (raw[i] == ',' || raw[i] == ';' ||
                (raw[i] == ':' && i + 1 < len && raw[i + 1] == ' '))
                break;
            i += adv;
        }
        int ends = i < len && (raw[i] == ',' || raw[i] == ';' || raw[i] == ':');
        if (i > start)
            words[n++] = (word){raw + start, i - start, ends};
        else if (ends && n)
            words[n - 1].ends_name = 1;
        if (ends)
            i++;
    }
    /* "Roy, Aniruddha": one declared name, family name first (Highwire's
     * citation_author and library catalogues write names so). */
    if (!strict && n >= 2 && n <= 3 && words[0].ends_name && !words[n - 1].ends_name &&
        (n == 2 || !words[1].ends_name) && is_capitalised(words[0].s, words[0].len) &&
        is_capitalised(words[1].s, words[1].len) && !word_is(words[0].s, words[0].len, roles) &&
        !word_is(words[1].s, words[1].len, roles) &&
        !word_is(words[n - 1].s, words[n - 1].len, roles)) {
        buf *b = &r->m->scratch;
        buf_reset(b);
        for (size_t k = 1; k < n; k++) {
            if (buf_append(b, words[k].s, words[k].len) || buf_append_char(b, ' '))
                goto nomem;
        }
        if (buf_append(b, words[0].s, words[0].len) || buf_terminate(b))
            goto nomem;
        word whole[3];
        size_t m = 0, i2 = 0;
        while (i2 < b->len && m < 3) {
            size_t st = i2;
            while (i2 < b->len && b->data[i2] != ' ')
                i2++;
            whole[m++] = (word){b->data + st, i2 - st, 0};
            i2++;
        }
        int added = 0;
        return emit(r, whole, 0, m, strict, out, &added) ? -1 : added;
    }
    /* The opener: "By", "Written by", "Text:"... ("Von Redakteurin": the
     * role goes with the name). */
    size_t first = 0;
    while (first < n && first < 2 && word_is(words[first].s, words[first].len, openers))
        first++;
    if (first < n && word_is(words[first].s, words[first].len, (const char *const[]){"by", NULL}))
        first++; /* "Written by", "Posted by" */
    int added = 0;
    size_t name_start = first;
    for (size_t k = first; k < n; k++) {
        const word *w = &words[k];
        if (word_is(w->s, w->len, stoppers) && k > name_start) {
            if (emit(r, words, name_start, k, strict, out, &added))
                return -1;
            /* After a stopper only more names joined by "and" count: the
             * rest is a place, a date or a publication. */
            return added;
        }
        if (word_is(w->s, w->len, joiners)) {
            if (emit(r, words, name_start, k, strict, out, &added))
                return -1;
            name_start = k + 1;
            continue;
        }
        if (w->ends_name) {
            if (emit(r, words, name_start, k + 1, strict, out, &added))
                return -1;
            name_start = k + 1;
        }
    }
    if (name_start < n && emit(r, words, name_start, n, strict, out, &added))
        return -1;
    return added;
nomem:
    r->nomem = 1;
    return -1;
}

/* ---- visible bylines ------------------------------------------------ */

/* Names of containers whose bylines are not the article's: comments,
 * teasers, author boxes below the article. */
static int in_foreign_block(const meta_run *r, node_id n)
{
    const tree_doc *d = r->doc;
    for (node_id p = n; p; p = tree_parent(d, p)) {
        unsigned tag = tree_tag(d, p);
        if (tag == TAG_NAV || tag == TAG_FOOTER || tag == TAG_ASIDE || tag == TAG_FORM)
            return 1;
        if (meta_names(r, p) & (PAT_COMMENTS | PAT_TEASER | PAT_HIDDEN | PAT_ROLE_CHROME))
            return 1;
    }
    return 0;
}

static uint32_t text_len_of(const meta_run *r, node_id n)
{
    return r->m->text_len.len > n ? VEC_AT(r->m->text_len, uint32_t, n) : 0;
}

/* The text of the byline proper inside a byline box: a rel=author link or
 * an element named for the author's name, else the box's text. */
static node_id byline_core(const meta_run *r, node_id box)
{
    const tree_doc *d = r->doc;
    node_id named = 0, linked = 0;
    for (node_id c = tree_next(d, box, box, 0); c; c = tree_next(d, box, c, 0)) {
        if (tree_kind(d, c) != TREE_ELEMENT || !text_len_of(r, c))
            continue;
        size_t len;
        const char *rel = tree_attr_get(d, c, ATTR_REL, &len);
        if (rel && ascii_ieq(rel, len, "author"))
            return c;
        /* "author-name", "byline__name": the name beside a job title. */
        const char *cls = tree_attr_get(d, c, ATTR_CLASS, &len);
        if (!named && cls && mem_find(cls, len, "name", 4))
            named = c;
        /* A link to the author's page ("/author/jane-doe"). */
        const char *href = tree_attr_get(d, c, ATTR_HREF, &len);
        if (!linked && href && tree_is_element(d, c, TAG_A) &&
            (mem_find(href, len, "author", 6) || mem_find(href, len, "autor", 5) ||
             mem_find(href, len, "/people/", 8) || mem_find(href, len, "/staff/", 7)))
            linked = c;
    }
    return named ? named : linked ? linked : box;
}

/* Proposes the names of one byline element; 1 when it named someone. */
static int propose_byline(meta_run *r, node_id n, int need_opener)
{
    char *text = meta_node_text(r->a, r->doc, byline_core(r, n));
    if (!text) {
        r->nomem = 1;
        return -1;
    }
    size_t len = strlen(text);
    if (!len || len > BYLINE_MAX_BYTES)
        return 0;
    if (need_opener && !pat_is_byline(text, len))
        return 0;
    vec *names = &r->m->strs;
    vec_reset(names);
    int added = meta_split_authors(r, text, 1, names);
    if (added < 0)
        return -1;
    for (uint32_t i = 0; i < names->len; i++) {
        const char *name = VEC_AT(*names, const char *, i);
        if (meta_add(r, MS_AUTHOR, META_SRC_BYLINE, 0, name, strlen(name)))
            return -1;
    }
    return added > 0;
}

/* How far before the headline a byline may stand (nodes): some pages put
 * it in the header row above the h1. */
#define BYLINE_BEFORE_HEADLINE 40

int meta_scan_bylines(meta_run *r)
{
    const tree_doc *d = r->doc;
    node_id body = d->body ? d->body : d->html;
    if (!body)
        return 0;
    /* The region of the article: from a little before its headline (or
     * its first kept node) on. */
    node_id from = 0;
    if (r->headline)
        from = r->headline > BYLINE_BEFORE_HEADLINE ? r->headline - BYLINE_BEFORE_HEADLINE : 1;
    else {
        uint32_t count = tree_node_count(d);
        for (node_id n = 1; n < count && !from; n++) {
            if (meta_kept(r, n))
                from = n > BYLINE_BEFORE_HEADLINE ? n - BYLINE_BEFORE_HEADLINE : 1;
        }
    }
    /* First: elements named byline/author, or rel=author links. */
    for (node_id c = body; c; c = tree_next(d, body, c, 0)) {
        if (c < from || tree_kind(d, c) != TREE_ELEMENT)
            continue;
        size_t len;
        const char *rel = tree_attr_get(d, c, ATTR_REL, &len);
        int named = (meta_names(r, c) & PAT_BYLINE) || (rel && ascii_ieq(rel, len, "author"));
        if (!named || !text_len_of(r, c) || text_len_of(r, c) > BYLINE_MAX_BYTES ||
            in_foreign_block(r, c))
            continue;
        int rc = propose_byline(r, c, 0);
        if (rc)
            return rc < 0 ? -1 : 0;
    }
    /* Then: a short line that reads as a byline ("Von Claudia Brandt"). */
    for (node_id c = body; c; c = tree_next(d, body, c, 0)) {
        if (c < from || tree_kind(d, c) != TREE_ELEMENT)
            continue;
        uint32_t tl = text_len_of(r, c);
        node_id p = tree_parent(d, c);
        if (tl < 4 || tl > BYLINE_MAX_BYTES ||
            (p && text_len_of(r, p) <= BYLINE_MAX_BYTES && p != body))
            continue;
        if (in_foreign_block(r, c))
            continue;
        int rc = propose_byline(r, c, 1);
        if (rc)
            return rc < 0 ? -1 : 0;
    }
    return 0;
}
