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
 * labels pages write before names; the Chinese and Japanese labels
 * ("记者：X", "文／X", "本报记者 X") before a full-width colon, slash or a
 * space. */
static const char *const openers[] = {
    "by",      "von",     "par",     "por",     "di",        "door",    "av",
    "af",      "przez",   "written", "posted",  "text",      "texte",   "texto",
    "testo",   "tekst",   "autor",   "autorin", "author",    "authors", "auteur",
    "auteurs", "autores", "autore",  "autori",  "reporting", "words",
    "\xe8\xae\xb0\xe8\x80\x85",                     /* 记者 */
    "\xe8\xa8\x98\xe8\x80\x85",                     /* 記者 */
    "\xe4\xbd\x9c\xe8\x80\x85",                     /* 作者 */
    "\xe6\x96\x87",                                 /* 文 */
    "\xe6\x92\xb0\xe6\x96\x87",                     /* 撰文 */
    "\xe6\x9c\xac\xe6\x8a\xa5\xe8\xae\xb0\xe8\x80\x85",  /* 本报记者 */
    "\xea\xb8\x80",                                 /* 글 (Korean: text by) */
    NULL};
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
                                       "»",
                                       "«",
                                       "›",
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
                                    "\xea\xb8\xb0\xec\x9e\x90", /* 기자: Korean "reporter", after the name */
                                    "\xed\x8a\xb9\xed\x8c\x8c\xec\x9b\x90", /* 특파원: correspondent */
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
/* Job titles after a name ("Jane Doe, Trial Attorney"; wcxb-dev), stripped
 * like the roles; a single word left before one is no name. */
static const char *const job_titles[] = {"attorney", "lawyer", "founder", "co-founder",
                                         "cofounder", "ceo", "president", "director", "manager",
                                         "professor", "analyst", "consultant", "specialist",
                                         "expert", "educator", "educators", "researcher",
                                         "scientist", "engineer", "strategist", "officer",
                                         "advisor", "adviser", NULL};
/* Lowercase words inside names ("Ludwig van Beethoven", "Gabriel García
 * de la Rosa"): any other lowercase word makes a visible byline's part a
 * description, not a name ("Extension horticulture educators"). */
static const char *const particles[] = {"van", "von", "der", "den", "de",  "del", "della", "di",
                                        "da",  "du",  "dos", "das", "la",  "le",  "ten",   "ter",
                                        "bin", "ibn", "al",  "el",  "zu",  "af",  "av",    "y",
                                        "e",   "d'",  "st.", NULL};

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

/* A letter of a script without case (Hebrew, Arabic, the Indic scripts,
 * CJK, Hangul...): names in it are not capitalised. Latin, Greek and
 * Cyrillic (below U+0590) and the Latin additions (U+1E00..U+1FFF) have
 * case. */
static int caseless(uint32_t cp)
{
    return cp >= 0x0590 && !(cp >= 0x1E00 && cp <= 0x1FFF) && utf8_is_word(cp) &&
           cp != 0xFFFD;
}

static int is_capitalised(const char *w, size_t len)
{
    size_t adv;
    uint32_t cp = utf8_decode((const unsigned char *)w, len, &adv);
    return utf8_lower(cp) != cp || caseless(cp);
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
    while (f2 < l2 && (word_is(words[f2].s, words[f2].len, roles) ||
                       word_is(words[f2].s, words[f2].len, job_titles)))
        f2++;
    int title_after = 0;
    while (l2 > f2 && (word_is(words[l2 - 1].s, words[l2 - 1].len, roles) ||
                       word_is(words[l2 - 1].s, words[l2 - 1].len, job_titles))) {
        title_after |= word_is(words[l2 - 1].s, words[l2 - 1].len, job_titles);
        l2--;
    }
    if (f2 == l2)
        return 0;
    /* A job title ("..., Trial Attorney"): one word left before it is no
     * name ("The Currency editors" keeps its one word: "editors" is a
     * role, not a title). */
    if (strict && title_after && l2 - f2 == 1)
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
        int cap = is_capitalised(w->s, w->len);
        if (strict && !cap && !word_is(w->s, w->len, particles) &&
            !word_is(w->s, w->len, joiners))
            return 0;
        capitalised += cap;
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

/* The length of a separator between names at raw[i], 0 when none: a
 * comma, a semicolon, a colon before a space, and the full-width forms
 * CJK bylines write ("记者：X", "X、Y", "文／X"). */
static size_t separator_at(const char *raw, size_t len, size_t i)
{
    if (raw[i] == ',' || raw[i] == ';' || (raw[i] == ':' && i + 1 < len && raw[i + 1] == ' '))
        return 1;
    static const char *const wide[] = {"\xef\xbc\x8c", "\xe3\x80\x81", "\xef\xbc\x9a",
                                       "\xef\xbc\x9b", "\xef\xbc\x8f"}; /* ，、：；／ */
    for (size_t k = 0; k < sizeof wide / sizeof *wide; k++) {
        if (i + 3 <= len && !memcmp(raw + i, wide[k], 3))
            return 3;
    }
    return 0;
}

/* A word no name holds, which ends the names before it: a date or a
 * number, an e-mail address, a handle, a URL ("Jane Doe 12.03.2023",
 * "홍길동 기자 hong@example.com"). */
static int ends_names(const word *w)
{
    return has_digit(w->s, w->len) || w->s[0] == '@' || memchr(w->s, '@', w->len) ||
           meta_is_url(w->s, w->len);
}

/* Month names (en, de, fr, es, it, nl, pt) and their abbreviations,
 * lowercase: next to a number, a date that ends the names ("Jason Bates
 * June 3, 2020", "Redaktion 12. Januar 2023"). */
static const char *const months[] = {
    "january",  "february", "march",    "april",     "may",       "june",      "july",
    "august",   "september", "october", "november",  "december",  "jan",       "feb",
    "mar",      "apr",      "jun",      "jul",       "aug",       "sep",       "sept",
    "oct",      "nov",      "dec",      "januar",    "jänner",    "februar",   "märz",
    "mai",      "juni",     "juli",     "oktober",   "dezember",  "janvier",   "février",
    "mars",     "avril",    "juin",     "juillet",   "août",      "septembre", "octobre",
    "novembre", "décembre", "enero",    "febrero",   "marzo",     "abril",     "mayo",
    "junio",    "julio",    "agosto",   "septiembre", "octubre",  "noviembre", "diciembre",
    "gennaio",  "febbraio", "aprile",   "maggio",    "giugno",    "luglio",    "settembre",
    "ottobre",  "dicembre", "januari",  "februari",  "maart",     "mei",       "augustus",
    "janeiro",  "fevereiro", "março",   "maio",      "junho",     "julho",     "setembro",
    "outubro",  "novembro", "dezembro", NULL};

static int month_by_number(const word *words, size_t n, size_t k)
{
    const word *w = &words[k];
    size_t len = w->len;
    if (len && w->s[len - 1] == '.')
        len--;
    if (!word_is(w->s, len, months))
        return 0;
    return (k + 1 < n && has_digit(words[k + 1].s, words[k + 1].len)) ||
           (k > 0 && has_digit(words[k - 1].s, words[k - 1].len));
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
        size_t start = i, sep = 0;
        while (i < len) {
            uint32_t cp = utf8_decode((const unsigned char *)raw + i, len - i, &adv);
            if (utf8_is_space(cp))
                break;
            if ((sep = separator_at(raw, len, i)) > 0)
                break;
            i += adv;
        }
        int ends = sep > 0;
        if (i > start)
            words[n++] = (word){raw + start, i - start, ends};
        else if (ends && n)
            words[n - 1].ends_name = 1;
        i += sep;
    }
    /* "Roy, Aniruddha": one declared name, family name first (Highwire's
     * citation_author and library catalogues write names so). */
    if (!strict && n >= 2 && n <= 3 && words[0].ends_name && !words[n - 1].ends_name &&
        (n == 2 || !words[1].ends_name) && is_capitalised(words[0].s, words[0].len) &&
        is_capitalised(words[1].s, words[1].len) && !word_is(words[0].s, words[0].len, roles) &&
        !word_is(words[1].s, words[1].len, roles) &&
        !word_is(words[n - 1].s, words[n - 1].len, roles) &&
        !word_is(words[0].s, words[0].len, openers) && words[0].s[words[0].len] == ',' &&
        !caseless(utf8_decode((const unsigned char *)words[0].s, words[0].len, &(size_t){0}))) {
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
        if (ends_names(w) || month_by_number(words, n, k)) {
            if (k > name_start && emit(r, words, name_start, k, strict, out, &added))
                return -1;
            if (k > name_start)
                return added;
            name_start = k + 1; /* "By 12.03.2023 Jane Doe" */
            continue;
        }
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

/* Whether node x lies in p's subtree (ids are in document order). */
static int subtree_has(const tree_doc *d, node_id p, node_id x)
{
    node_id end = tree_next(d, 0, p, 1);
    return x > p && (!end || x < end);
}

/* Names of containers whose bylines are not the article's: comments,
 * teasers, author boxes below the article. */
static int in_foreign_block(const meta_run *r, node_id n)
{
    const tree_doc *d = r->doc;
    /* Up to the body, whose classes describe the page ("showing-comments"
     * on WordPress), not a block of it. */
    int footer = 0;
    for (node_id p = n; p && p != d->body && p != d->html; p = tree_parent(d, p)) {
        /* An ancestor holding the headline is the article or the page
         * ("node--promoted" is Drupal's article, not a teaser). */
        if (r->headline && subtree_has(d, p, r->headline))
            break;
        unsigned tag = tree_tag(d, p);
        if (tag == TAG_NAV || tag == TAG_ASIDE || tag == TAG_FORM || tag == TAG_FIGURE ||
            tag == TAG_FIGCAPTION)
            return 1;
        /* A footer after the article's text is the page's; one before
         * its end is the article's (Drupal writes the byline in the
         * article's <footer class=node__meta>), so is one an <article>
         * holds. */
        if (tag == TAG_FOOTER && p > r->m->last_kept)
            footer = 1;
        if (tag == TAG_ARTICLE)
            footer = 0;
        /* A teaser box holds no text of the article; a container that
         * does is the article ("node--promoted" is Drupal's). */
        unsigned foreign = PAT_COMMENTS | PAT_HIDDEN | PAT_ROLE_CHROME;
        if (!meta_holds_kept(r, p))
            foreign |= PAT_TEASER;
        if (meta_names(r, p) & foreign)
            return 1;
    }
    return footer;
}

/* Names of author elements in the languages pith reads besides
 * extraction's byline group (lowercase substrings of class or id):
 * "materia__autor", "article__auteur", "artikel-detail__autor". */
static const char *const author_names[] = {"autor", "auteur", "verfasser", "forfatter",
                                           "skribent", NULL};

static int names_author(const meta_run *r, node_id n)
{
    return (meta_names(r, n) & PAT_BYLINE) || meta_named(r->doc, n, author_names);
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

/* A picture or source credit ("Bild: Reuters", "Quelle: dpa") or a
 * copyright line, which pat_is_byline takes too: not the article's
 * author. */
static int credit_line(const char *text, size_t len)
{
    static const char *const labels[] = {"foto",   "fotos",  "photo",  "photos", "bild",
                                         "bilder", "quelle", "source", "sources", "fuente",
                                         "fonte",  "bron",   "credit", "credits", "kilde",
                                         "källa",  "źródło", "image",  "images", NULL};
    if ((len >= 2 && !memcmp(text, "\xc2\xa9", 2)) || (len >= 3 && ascii_ieq(text, 3, "(c)")))
        return 1; /* a copyright line */
    size_t i = 0;
    while (i < len && text[i] != ' ' && text[i] != ':')
        i++;
    return word_is(text, i, labels);
}

/* Proposes the names of one byline element; 1 when it named someone. */
static int propose_byline(meta_run *r, node_id n, int need_opener)
{
    const tree_doc *d = r->doc;
    char *text = meta_node_text(r->a, d, n);
    if (!text) {
        r->nomem = 1;
        return -1;
    }
    size_t len = strlen(text);
    if (need_opener && (len > BYLINE_MAX_BYTES || !pat_is_byline(text, len) ||
                        credit_line(text, len)))
        return 0;
    /* The names of the whole line ("Von Martin Keller, 22.05.2024"),
     * unless the name the box marks (a rel=author link, an element named
     * for the name) is not among them: the box holds more than a byline
     * then ("Jane Doe Follow @jane 12 articles"). */
    vec *names = &r->m->strs, *core_names = &r->m->strs2;
    vec_reset(names);
    vec_reset(core_names);
    if (len && len <= BYLINE_MAX_BYTES && meta_split_authors(r, text, 1, names) < 0)
        return -1;
    node_id core = byline_core(r, n);
    if (core != n) {
        char *ct = meta_node_text(r->a, d, core);
        if (!ct) {
            r->nomem = 1;
            return -1;
        }
        if (meta_split_authors(r, ct, 1, core_names) < 0)
            return -1;
        int found = 0;
        for (uint32_t i = 0; i < core_names->len && !found; i++) {
            const char *c = VEC_AT(*core_names, const char *, i);
            for (uint32_t k = 0; k < names->len && !found; k++)
                found = !strcmp(c, VEC_AT(*names, const char *, k));
        }
        if (core_names->len && !found)
            names = core_names;
    }
    for (uint32_t i = 0; i < names->len; i++) {
        const char *name = VEC_AT(*names, const char *, i);
        if (meta_add(r, MS_AUTHOR, META_SRC_BYLINE, 0, name, strlen(name)))
            return -1;
    }
    return names->len > 0;
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
        int named = names_author(r, c) || (rel && ascii_ieq(rel, len, "author"));
        if (!named || !text_len_of(r, c) || text_len_of(r, c) > BYLINE_MAX_BYTES ||
            in_foreign_block(r, c))
            continue;
        int rc = propose_byline(r, c, 0);
        if (rc)
            return rc < 0 ? -1 : 0;
    }
    /* Then: a short line that reads as a byline ("Von Claudia Brandt"),
     * the widest first: "Par Claire Lemoine" when "Par Claire Lemoine
     * Publié le 26/02/2024" is not one. */
    for (node_id c = body; c; c = tree_next(d, body, c, 0)) {
        if (c < from || tree_kind(d, c) != TREE_ELEMENT)
            continue;
        uint32_t tl = text_len_of(r, c);
        node_id p = tree_parent(d, c);
        if (tl < 4 || tl > BYLINE_MAX_BYTES || (p && p != body && text_len_of(r, p) == tl))
            continue;
        if (in_foreign_block(r, c))
            continue;
        int rc = propose_byline(r, c, 1);
        if (rc)
            return rc < 0 ? -1 : 0;
    }
    return 0;
}
