/*
 * dates.c — date_published and date_modified (meta.h).
 *
 * Candidates come from these places, strongest first:
 *   1. the structured values meta.c hands over as hints (JSON-LD,
 *      article:*, meta tags, microdata), in its order; when it hands none,
 *      a fallback here reads the common <meta> date tags and JSON-LD's
 *      "datePublished"/"dateModified" strings itself (read_fallback);
 *   2. <time> elements (datetime attribute, else their text) and hAtom's
 *      <abbr class="published" title="...">;
 *   3. visible lines around the article (read_lines: a few before it, the
 *      top of it, a few after it), those in an element named like a date
 *      ("date", "byline", "posted"...) before the others;
 *   4. the URL ("/2019/11/20/", "/20191120/", "-2019-11-20-");
 *   5. short lines elsewhere on the page that are named like a date or
 *      labelled ("Erschienen am: 01.11.2023"), as a last resort.
 * Each candidate is published, modified ("Updated", "Aktualisiert", "Mis
 * à jour", "Actualizado"...) or unknown. Implausible dates (before
 * DATES_YEAR_MIN, after the fetch) are dropped when found. Before the
 * choice, numeric dates whose day and month could swap are read the way
 * the page's other dates agree with (resolve_ambiguous), and UTC instants
 * are written in the offset of the page's country when its domain names
 * one (localise). The choice (choose_published) cross-checks the sources
 * with each other and with the URL.
 *
 * Output (docs/record-dates.md): "YYYY-MM-DD", or the full RFC 3339
 * date-time when the page gives a time and an offset; a local time
 * without offset keeps only its date, since the instant is unknown.
 */
#include "meta/meta.h"

#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/patterns.h"
#include "meta/datefmt.h"

/* Candidates kept per page: a page has a few dates that matter; a
 * calendar or an archive list would add hundreds that do not. */
#define DATES_MAX_CANDIDATES 128
/* Lines before the first kept one that may hold the dateline: the
 * headline, kicker, byline, share bar and lead image caption sit there. */
#define DATES_LINES_BEFORE 12
/* Lines from the first kept one on that may hold it: datelines sit at the
 * top; deeper dates belong to the story, comments or related links. */
#define DATES_LINES_AFTER 40
/* Lines after the last kept one that may hold it: blog templates put
 * "Posted on 6. August 2009 in ..." under the post. */
#define DATES_LINES_TAIL 8
/* Line indexes of the tail start here, after any head and top index. */
#define DATES_TAIL_LINE 1000
/* Bytes of a line read for dates: datelines are short, and a paragraph's
 * opening holds its dateline ("BERLIN, 20.11.2019 –"). */
#define DATES_LINE_MAX 256
/* Lines longer than this are paragraphs, not datelines: a date in them is
 * the story's, unless an element named like a date holds it. */
#define DATES_DATELINE_MAX 120
/* Bytes at the start of a paragraph where a date is its dateline:
 * "01.02.2022 Der Arbeitsmarkt...", "Pressemitteilung vom 25. Januar
 * 2022 | Berlin – ...". */
#define DATES_LEAD_MAX 48
/* Bytes of the text before a <time> element read for its label. */
#define DATES_LABEL_MAX 60
/* Bytes of a JSON-LD script searched by the fallback. */
#define DATES_LDJSON_SCAN 65536
/* The web's first news sites went up in 1994–95; earlier dates on a page
 * are history, not its date. */
#define DATES_YEAR_MIN 1995
/* Time zones put a fresh page up to a day ahead of the fetch clock. */
#define DATES_SLACK_DAYS 1

enum date_kind {
    DK_HINT,   /* structured: meta.c's hints, or the fallback */
    DK_TIME,   /* <time>, hAtom */
    DK_MARKED, /* a line in an element named like a date */
    DK_LINE,   /* another line near the article's top */
    DK_URL,
};

enum date_role {
    DR_UNKNOWN,
    DR_PUBLISHED,
    DR_MODIFIED,
    /* only an element's name says "update": templates name a whole date
     * box so ("date-update-wrapper"), so it may still be the published
     * date when nothing better is there */
    DR_MODIFIED_WEAK,
};

/* Where a candidate is relative to the article (read_lines). */
enum date_near {
    NEAR_NONE, /* elsewhere on the page */
    NEAR_TOP,  /* the head or top of the article */
    NEAR_TAIL, /* just after it */
};

/* Candidates from elsewhere on the page (NEAR_NONE lines) kept at most:
 * they only serve when the article's surroundings have none. */
#define DATES_MAX_FAR 16

typedef struct date_cand {
    meta_date date;
    int32_t day;    /* dt_day_number */
    uint8_t kind;   /* enum date_kind */
    uint8_t role;   /* enum date_role */
    uint8_t source; /* enum meta_source */
    uint8_t near;   /* enum date_near */
    uint16_t line;  /* line index in that window; 0xFFFF when not in it */
} date_cand;

typedef struct dates_ctx {
    const meta_input *in;
    enum dt_order order;
    int32_t max_day;
    /* Node ranges of the zones around the article (read_lines): the head
     * and top, [head_start, top_end), and the tail. */
    node_id head_start, top_end, tail_start, tail_end;
    /* First node of each line of the zones, in order, and its index:
     * elements get the index of the line they are in. */
    struct {
        node_id first;
        uint16_t index;
    } lines[DATES_LINES_BEFORE + DATES_LINES_AFTER + DATES_LINES_TAIL];
    size_t line_count;
    date_cand cand[DATES_MAX_CANDIDATES];
    size_t n, far;
    node_id k0; /* the article's first kept node, 0 when unknown */
} dates_ctx;

static int plausible(const dates_ctx *c, const meta_date *d)
{
    return d->year >= DATES_YEAR_MIN && dt_day_number(d) <= c->max_day;
}

static enum date_near zone_of(const dates_ctx *c, node_id node)
{
    if (node >= c->head_start && node < c->top_end)
        return NEAR_TOP;
    if (node >= c->tail_start && node < c->tail_end)
        return NEAR_TAIL;
    return NEAR_NONE;
}

static void add_cand(dates_ctx *c, const meta_date *d, enum date_kind kind, enum date_role role,
                     meta_source source, enum date_near near, unsigned line)
{
    if (c->n == DATES_MAX_CANDIDATES || !plausible(c, d))
        return;
    if (near == NEAR_NONE && kind != DK_HINT) {
        if (c->far == DATES_MAX_FAR)
            return;
        c->far++;
    }
    date_cand *x = &c->cand[c->n++];
    x->date = *d;
    x->day = dt_day_number(d);
    x->kind = (uint8_t)kind;
    x->role = (uint8_t)role;
    x->source = (uint8_t)source;
    x->near = (uint8_t)near;
    x->line = (uint16_t)(line < 0xFFFF ? line : 0xFFFF);
}

/* ---- words that say which date it is ---------------------------------- */

/* Lowercase ASCII or UTF-8 phrases that, before a date in a line, make it
 * a modification date. */
static const char *const modified_words[] = {
    "updated",      "update",      "modified",      "edited",     "revised",     "last change",
    "aktualisiert", "geändert",    "zuletzt",       "stand:",     "mis à jour",  "mise à jour",
    "modifié",      "actualizado", "actualización", "modificado", "aggiornato",  "aggiornamento",
    "modificato",   "bijgewerkt",  "gewijzigd",     "atualizado", "atualização", "alterado",
};

/* ... a publication date. */
static const char *const published_words[] = {
    "published",      "posted",     "publish",      "released",  "created",   "written",
    "veröffentlicht", "erschienen", "erstellt",     "publié",    "publie",    "publicado",
    "publicación",    "pubblicato", "gepubliceerd", "geplaatst", "publicada",
};

/* Lowercases s[0..len) into out (ASCII letters and the Latin-1 capitals
 * utf8_lower knows); returns the length written. */
static size_t lower_into(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = utf8_fold(s, len, out, cap, UTF8_FOLD_SPACES);
    return n > cap ? cap : n;
}

static int has_word(const char *low, size_t len, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (mem_find(low, len, words[i], strlen(words[i])))
            return 1;
    }
    return 0;
}

/* The role the text before a date gives it; callers pass only the text
 * since the previous date ("Published 1.2.2019, updated 3.2.2019": the
 * second date's text is ", updated "). */
static enum date_role role_of_text(const char *s, size_t len)
{
    char low[DATES_LINE_MAX];
    size_t n = lower_into(s, len, low, sizeof low);
    if (has_word(low, n, modified_words, sizeof modified_words / sizeof *modified_words))
        return DR_MODIFIED;
    if (has_word(low, n, published_words, sizeof published_words / sizeof *published_words))
        return DR_PUBLISHED;
    return DR_UNKNOWN;
}

/* Parts of class, id and itemprop values that name a date element. */
static const char *const date_class_words[] = {
    "date",  "time", "publish", "posted",  "byline",   "dateline", "datum",
    "fecha", "data", "meta",    "updated", "modified", "stamp",    "zeit",
};

/* 1 when one of n's class, id or itemprop values names a date element; the
 * role the name gives goes to *role (unknown when it names none). */
static int named_like_date(const tree_doc *d, node_id n, enum date_role *role)
{
    static const unsigned attrs[] = {ATTR_CLASS, ATTR_ID, ATTR_ITEMPROP};
    int found = 0;
    for (size_t a = 0; a < sizeof attrs / sizeof *attrs; a++) {
        size_t len;
        const char *v = tree_attr_get(d, n, attrs[a], &len);
        if (!v || !len)
            continue;
        char low[128];
        size_t k = lower_into(v, len, low, sizeof low);
        for (size_t i = 0; i < sizeof date_class_words / sizeof *date_class_words; i++) {
            if (mem_find(low, k, date_class_words[i], strlen(date_class_words[i]))) {
                found = 1;
                break;
            }
        }
        if (mem_find(low, k, "modif", 5) || mem_find(low, k, "update", 6))
            *role = DR_MODIFIED_WEAK;
        else if (*role == DR_UNKNOWN &&
                 (mem_find(low, k, "publish", 7) || mem_find(low, k, "pubdate", 7) ||
                  mem_find(low, k, "created", 7) || mem_find(low, k, "posted", 6)))
            *role = DR_PUBLISHED;
    }
    return found;
}

/* ---- the document's lines --------------------------------------------- */

typedef struct line {
    char text[DATES_LINE_MAX];
    size_t len;    /* bytes in text */
    size_t total;  /* bytes the line had */
    node_id first; /* its first text node */
} line;

/* How far up from a line's first text node an element named like a date
 * may be: <div class="date"><span><a><time> is three. */
#define DATES_MARK_DEPTH 5

/* The line index of node n in the zones (0xFFFF when in none). */
static unsigned line_of(const dates_ctx *c, node_id n)
{
    unsigned index = 0xFFFF;
    for (size_t i = 0; i < c->line_count && c->lines[i].first <= n; i++)
        index = c->lines[i].index;
    return zone_of(c, n) == NEAR_NONE ? 0xFFFF : index;
}

/* Whether node n is in the readers' part of the page: a container
 * named for comments or reviews (extraction's names) that is not the
 * article's own. Its dates are the readers', not the page's (a product
 * page's reviews). */
static int readers_block(const dates_ctx *c, node_id n)
{
    const tree_doc *d = c->in->doc;
    if (!c->in->names)
        return 0;
    for (node_id p = tree_parent(d, n); p && p != d->body; p = tree_parent(d, p)) {
        enum date_role role = DR_UNKNOWN;
        /* "wpcom-comments-date": the article's date beside its comment
         * count. */
        if (!(c->in->names[p] & PAT_COMMENTS) || named_like_date(d, p, &role))
            continue;
        node_id end = tree_next(d, 0, p, 1);
        if (!c->k0 || c->k0 < p || (end && c->k0 >= end))
            return 1;
    }
    return 0;
}

static void read_line(dates_ctx *c, const line *l, enum date_near near, unsigned index)
{
    const tree_doc *d = c->in->doc;
    if (near != NEAR_NONE && c->line_count < sizeof c->lines / sizeof *c->lines) {
        c->lines[c->line_count].first = l->first;
        c->lines[c->line_count++].index = (uint16_t)index;
    }
    if (!l->len || l->total > DATES_LINE_MAX * 4)
        return;
    /* Far from the article only short lines count: a paragraph there is
     * another story's. */
    if (near == NEAR_NONE && l->total > DATES_DATELINE_MAX)
        return;
    /* Lines without a digit hold no date these readers know. */
    int digit = 0;
    for (size_t i = 0; i < l->len && !digit; i++)
        digit = l->text[i] >= '0' && l->text[i] <= '9';
    if (!digit || readers_block(c, l->first))
        return;
    dt_match m[8];
    size_t found = dt_find_all(l->text, l->len, c->order, DT_SHORT_YEAR, m, 8);
    if (!found)
        return;
    enum date_role named_role = DR_UNKNOWN;
    int named = 0;
    node_id p = tree_parent(d, l->first);
    for (int depth = 0; p && depth < DATES_MARK_DEPTH; depth++, p = tree_parent(d, p)) {
        if (tree_kind(d, p) == TREE_ELEMENT && named_like_date(d, p, &named_role))
            named = 1;
        if (tree_tag_flags(tree_tag(d, p)) & TF_BLOCK && depth >= 2)
            break;
    }
    /* A paragraph's dates are the story's, but for a dateline opening it;
     * far from the article, only lines named like a date or labelled
     * ("Erschienen am: 01.11.2023") count. */
    int paragraph = !named && l->total > DATES_DATELINE_MAX;
    if (near == NEAR_NONE && !named && role_of_text(l->text, l->len) == DR_UNKNOWN)
        return;
    size_t prev_end = 0;
    for (size_t i = 0; i < found && !(paragraph && m[i].start >= DATES_LEAD_MAX); i++) {
        enum date_role role = role_of_text(l->text + prev_end, m[i].start - prev_end);
        if (role == DR_UNKNOWN && i == 0)
            role = named_role;
        prev_end = m[i].end;
        add_cand(c, &m[i].date, named ? DK_MARKED : DK_LINE, role, META_SRC_TEXT, near, index);
    }
}

static void line_add_text(line *l, const char *s, size_t len, node_id n)
{
    if (!l->total)
        l->first = n;
    else if (l->len < DATES_LINE_MAX)
        l->text[l->len++] = ' ';
    l->total += len + 1;
    size_t room = DATES_LINE_MAX - l->len;
    size_t k = len < room ? len : room;
    /* Cut on a character boundary. */
    while (k < len && k && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    memcpy(l->text + l->len, s, k);
    l->len += k;
}

static int only_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f')
            return 0;
    }
    return 1;
}

/* The first node of the article: the first one marked KEEP; and the end
 * of the last kept subtree. 0, 0 when nothing is kept. */
static void kept_range(const meta_input *in, node_id *first, node_id *end)
{
    const tree_doc *d = in->doc;
    uint32_t count = tree_node_count(d);
    *first = *end = 0;
    if (!in->marks)
        return;
    for (node_id n = 1; n < count; n++) {
        if (in->marks[n] != EXT_KEEP)
            continue;
        if (!*first)
            *first = n;
        node_id after = tree_next(d, 0, n, 1);
        node_id e = after ? after : count;
        if (e > *end)
            *end = e;
        /* Every node up to e is inside n's subtree: skip it. */
        n = e - 1;
    }
    /* The article ends with its last kept text: what a kept container
     * holds after it was dropped ("Last update: March 4, 2024" under a
     * documentation page) is the tail, where such lines belong. */
    for (node_id n = *end; n-- > *first && *first;) {
        if (tree_kind(d, n) != TREE_TEXT)
            continue;
        size_t len;
        const char *t = tree_text(d, n, &len);
        if (only_space(t, len))
            continue;
        node_id p = n;
        while (p && in->marks[p] == EXT_NONE)
            p = tree_parent(d, p);
        if (p && in->marks[p] == EXT_KEEP) {
            *end = n + 1;
            break;
        }
    }
}

/* The lines of the page, by where they are from the article: the
 * DATES_LINES_BEFORE lines before its first kept node (the head), the
 * DATES_LINES_AFTER lines from there (the top), and the DATES_LINES_TAIL
 * lines after the last kept one (the tail, where blogs put "Posted on
 * ..."); the others are far (read_line keeps little of them). Lines are
 * the text between block boundaries (and <br>). Sets the zones' node
 * ranges. */
static void read_lines(dates_ctx *c)
{
    const tree_doc *d = c->in->doc;
    node_id k0, kend;
    kept_range(c->in, &k0, &kend);
    c->k0 = k0;
    node_id root = d->body ? d->body : 0;
    uint32_t count = tree_node_count(d);
    if (!kend)
        kend = count;
    /* The ring of lines before the article, and the current line; lines
     * move between them by pointer. */
    line store[DATES_LINES_BEFORE + 1];
    line *ring[DATES_LINES_BEFORE];
    for (size_t i = 0; i < DATES_LINES_BEFORE; i++)
        ring[i] = &store[i];
    size_t ring_n = 0, ring_head = 0;
    line *cur = &store[DATES_LINES_BEFORE];
    cur->len = cur->total = 0;
    int reached = 0;
    unsigned index = 0, tail = 0;
    tree_walker w;
    tree_walker_init(&w, d, root);
    while (tree_walker_step(&w)) {
        node_id n = w.node;
        int kind = tree_kind(d, n);
        if (kind == TREE_TEXT) {
            size_t len;
            const char *t = tree_text(d, n, &len);
            if (!only_space(t, len))
                line_add_text(cur, t, len, n);
            continue;
        }
        if (kind != TREE_ELEMENT)
            continue;
        unsigned tag = tree_tag(d, n), flags = tree_tag_flags(tag);
        if (w.entering && (flags & TF_NEVER) && n != root) {
            tree_walker_skip(&w);
            tree_walker_step(&w);
            continue;
        }
        if (!((flags & TF_BLOCK) || tag == TAG_BR) || !cur->total)
            continue;
        /* A line ends. */
        if (!reached && (!k0 || cur->first >= k0)) {
            reached = 1;
            /* The head: the lines in the ring, oldest first. */
            size_t oldest = (ring_head + DATES_LINES_BEFORE - ring_n) % DATES_LINES_BEFORE;
            c->head_start = ring_n ? ring[oldest]->first : cur->first;
            c->top_end = kend;
            for (size_t i = 0; i < ring_n; i++)
                read_line(c, ring[(oldest + i) % DATES_LINES_BEFORE], NEAR_TOP, index++);
        }
        if (!reached) {
            /* The oldest line leaves the ring: it is far from the article. */
            if (ring_n == DATES_LINES_BEFORE)
                read_line(c, ring[ring_head], NEAR_NONE, 0xFFFF);
            line *free_line = ring[ring_head];
            ring[ring_head] = cur;
            cur = free_line;
            ring_head = (ring_head + 1) % DATES_LINES_BEFORE;
            if (ring_n < DATES_LINES_BEFORE)
                ring_n++;
        } else if (cur->first < kend) {
            if (index < ring_n + DATES_LINES_AFTER) {
                read_line(c, cur, NEAR_TOP, index++);
            } else {
                if (c->top_end == kend)
                    c->top_end = cur->first;
                read_line(c, cur, NEAR_NONE, 0xFFFF);
            }
        } else if (tail < DATES_LINES_TAIL) {
            if (!tail) {
                c->tail_start = cur->first;
                c->tail_end = count;
            }
            read_line(c, cur, NEAR_TAIL, DATES_TAIL_LINE + tail);
            if (++tail == DATES_LINES_TAIL)
                c->tail_end = n;
        } else {
            read_line(c, cur, NEAR_NONE, 0xFFFF);
        }
        cur->len = cur->total = 0;
    }
}

/* ---- elements: <time>, hAtom, and the fallback's tags ---------------- */

/* The text of a short element into text (cap bytes, NUL-terminated). */
static size_t short_text(const tree_doc *d, node_id n, char *text, size_t cap)
{
    line l = {0};
    for (node_id c = tree_first_child(d, n) ? n : 0; c; c = tree_next(d, n, c, 0)) {
        if (tree_kind(d, c) != TREE_TEXT)
            continue;
        size_t len;
        const char *t = tree_text(d, c, &len);
        line_add_text(&l, t, len, c);
        if (l.len >= DATES_LINE_MAX)
            break;
    }
    size_t k = l.len < cap - 1 ? l.len : cap - 1;
    memcpy(text, l.text, k);
    text[k] = '\0';
    return k;
}

/* Role of a <time> or date element from its attributes and the words
 * just before it ("Updated <time>"). */
static enum date_role element_role(const tree_doc *d, node_id n)
{
    enum date_role role = DR_UNKNOWN;
    size_t len;
    if (tree_attr_get_named(d, n, "pubdate", &len))
        role = DR_PUBLISHED;
    named_like_date(d, n, &role);
    if (role != DR_UNKNOWN)
        return role;
    /* The text before it in its parent, then the parent's own text before
     * it: "Aktualisiert: <time>", "<span>Updated</span> <time>". */
    node_id p = n;
    for (int up = 0; up < 2 && p; up++, p = tree_parent(d, p)) {
        node_id s = tree_node_at(d, p)->prev_sibling;
        for (int hops = 0; s && hops < 3; hops++, s = tree_node_at(d, s)->prev_sibling) {
            if (tree_kind(d, s) == TREE_TEXT) {
                size_t k;
                const char *t = tree_text(d, s, &k);
                size_t from = k > DATES_LABEL_MAX ? k - DATES_LABEL_MAX : 0;
                role = role_of_text(t + from, k - from);
            } else {
                char text[DATES_LABEL_MAX + 1];
                role = role_of_text(text, short_text(d, s, text, sizeof text));
            }
            if (role != DR_UNKNOWN)
                return role;
        }
    }
    return DR_UNKNOWN;
}

static void read_time_element(dates_ctx *c, node_id n)
{
    const tree_doc *d = c->in->doc;
    meta_date date;
    size_t len;
    const char *v = tree_attr_get(d, n, ATTR_DATETIME, &len);
    int ok = v && dt_parse_value(v, len, c->order, DT_COMPACT, &date);
    if (!ok) {
        char text[DATES_LINE_MAX];
        size_t k = short_text(d, n, text, sizeof text);
        ok = dt_parse_value(text, k, c->order, DT_SHORT_YEAR, &date);
    }
    if (ok && !readers_block(c, n))
        add_cand(c, &date, DK_TIME, element_role(d, n), META_SRC_TIME, zone_of(c, n),
                 line_of(c, n));
}

/* hAtom (microformats.org/wiki/hatom): <abbr class="published"
 * title="2019-11-20T07:50:00+01:00">, class "updated" for the other. */
static void read_hatom(dates_ctx *c, node_id n)
{
    const tree_doc *d = c->in->doc;
    size_t clen, tlen;
    const char *cls = tree_attr_get(d, n, ATTR_CLASS, &clen);
    const char *title = tree_attr_get(d, n, ATTR_TITLE, &tlen);
    if (!cls || !title)
        return;
    enum date_role role = DR_UNKNOWN;
    /* class is a set of space-separated tokens */
    for (size_t i = 0; i < clen;) {
        size_t j = i;
        while (j < clen && cls[j] != ' ')
            j++;
        if (ascii_ieq(cls + i, j - i, "published"))
            role = DR_PUBLISHED;
        else if (ascii_ieq(cls + i, j - i, "updated"))
            role = DR_MODIFIED;
        i = j + 1;
    }
    meta_date date;
    if (role != DR_UNKNOWN && dt_parse_value(title, tlen, c->order, 0, &date) &&
        !readers_block(c, n))
        add_cand(c, &date, DK_TIME, role, META_SRC_MICRODATA, zone_of(c, n), line_of(c, n));
}

/* The fallback's <meta> names (name, property or itemprop, lowercase):
 * used only when meta.c hands no hints. */
static const struct meta_date_tag {
    const char *name;
    uint8_t role;   /* enum date_role */
    uint8_t source; /* enum meta_source */
} meta_date_tags[] = {
    {"article:published_time", DR_PUBLISHED, META_SRC_OPENGRAPH},
    {"og:published_time", DR_PUBLISHED, META_SRC_OPENGRAPH},
    {"article:published", DR_PUBLISHED, META_SRC_OPENGRAPH},
    {"datepublished", DR_PUBLISHED, META_SRC_MICRODATA},
    {"date", DR_PUBLISHED, META_SRC_META},
    {"pubdate", DR_PUBLISHED, META_SRC_META},
    {"publishdate", DR_PUBLISHED, META_SRC_META},
    {"publish-date", DR_PUBLISHED, META_SRC_META},
    {"publish_date", DR_PUBLISHED, META_SRC_META},
    {"published_time", DR_PUBLISHED, META_SRC_META},
    {"publication_date", DR_PUBLISHED, META_SRC_META},
    {"date_published", DR_PUBLISHED, META_SRC_META},
    {"sailthru.date", DR_PUBLISHED, META_SRC_META},
    {"parsely-pub-date", DR_PUBLISHED, META_SRC_META},
    {"article.published", DR_PUBLISHED, META_SRC_META},
    {"article_date_original", DR_PUBLISHED, META_SRC_META},
    {"original-publish-date", DR_PUBLISHED, META_SRC_META},
    {"citation_publication_date", DR_PUBLISHED, META_SRC_META},
    {"citation_date", DR_PUBLISHED, META_SRC_META},
    {"dc.date", DR_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dc.date.issued", DR_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dc.date.created", DR_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dcterms.date", DR_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dcterms.issued", DR_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"dcterms.created", DR_PUBLISHED, META_SRC_DUBLIN_CORE},
    {"datecreated", DR_PUBLISHED, META_SRC_MICRODATA},
    {"article:modified_time", DR_MODIFIED, META_SRC_OPENGRAPH},
    {"og:updated_time", DR_MODIFIED, META_SRC_OPENGRAPH},
    {"article:updated_time", DR_MODIFIED, META_SRC_OPENGRAPH},
    {"datemodified", DR_MODIFIED, META_SRC_MICRODATA},
    {"last-modified", DR_MODIFIED, META_SRC_META},
    {"lastmod", DR_MODIFIED, META_SRC_META},
    {"modified_time", DR_MODIFIED, META_SRC_META},
    {"dc.date.modified", DR_MODIFIED, META_SRC_DUBLIN_CORE},
    {"dcterms.modified", DR_MODIFIED, META_SRC_DUBLIN_CORE},
};

static const struct meta_date_tag *meta_tag_lookup(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof meta_date_tags / sizeof *meta_date_tags; i++) {
        if (ascii_ieq(name, len, meta_date_tags[i].name))
            return &meta_date_tags[i];
    }
    return NULL;
}

/* The string value after "key": in JSON text, or NULL. A bounded search,
 * not a JSON parser: meta.c parses JSON-LD; this serves only when it hands
 * nothing. */
static const char *json_string_after(const char *s, size_t len, const char *key, size_t *vlen)
{
    size_t klen = strlen(key);
    const char *p = mem_find(s, len, key, klen);
    if (!p)
        return NULL;
    const char *end = s + len;
    p += klen;
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    if (p >= end || *p != ':')
        return NULL;
    p++;
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    if (p >= end || *p != '"')
        return NULL;
    p++;
    const char *q = p;
    while (q < end && *q != '"' && q - p < 64)
        q++;
    if (q >= end || *q != '"')
        return NULL;
    *vlen = (size_t)(q - p);
    return p;
}

static int is_ldjson(const tree_doc *d, node_id n)
{
    size_t len;
    const char *t = tree_attr_get(d, n, ATTR_TYPE, &len);
    return t && ascii_ieq(t, len, "application/ld+json");
}

/* ---- the URL ---------------------------------------------------------- */

/* How much of a date the URL gives. */
enum url_precision { URL_NONE = 0, URL_MONTH = 2, URL_DAY = 3 };

/* A run of digits in the URL and the characters around it. */
typedef struct url_run {
    int value, digits;
    char before, after; /* '\0' at the ends */
} url_run;

static int url_sep(char ch)
{
    return ch == '/' || ch == '-' || ch == '_' || ch == '.';
}

/* Up to max runs of the URL's path and query (not the host: digits there
 * are not dates). */
static size_t url_runs(const char *url, url_run *runs, size_t max)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    while (*p && *p != '/')
        p++;
    size_t n = 0;
    while (*p && *p != '#' && n < max) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        url_run *r = &runs[n++];
        r->before = p[-1];
        r->value = r->digits = 0;
        for (; *p >= '0' && *p <= '9'; p++, r->digits++) {
            if (r->digits < 9)
                r->value = r->value * 10 + (*p - '0');
        }
        r->after = *p;
    }
    return n;
}

/* Runs a and b are one separator apart: "2019/11", "11-20". */
static int url_joined(const url_run *a, const url_run *b, char *sep)
{
    if (!url_sep(a->after) || a->after != b->before)
        return 0;
    *sep = a->after;
    return 1;
}

/* Runs of the path that make a date, the longest reading first:
 * Y/M/D with one separator ("/2019/11/20/", "-2019-11-20-", "/2017/7/12/"),
 * compact "/20191120", D-M-Y ("/29-10-2021"), Y/M ("/2019/11/"). */
#define URL_MAX_RUNS 32
static enum url_precision url_date(const char *url, enum dt_order order, meta_date *out)
{
    url_run r[URL_MAX_RUNS];
    size_t n = url_runs(url, r, URL_MAX_RUNS);
    for (size_t i = 0; i < n; i++) {
        char s1, s2;
        int y = r[i].value;
        memset(out, 0, sizeof *out);
        if (r[i].digits == 8 && r[i].value / 10000 >= DATES_YEAR_MIN) {
            int m = r[i].value / 100 % 100, d = r[i].value % 100;
            if (m >= 1 && m <= 12 && d >= 1 && d <= dt_days_in_month(y / 10000, m)) {
                *out = (meta_date){
                    .year = (int16_t)(y / 10000), .month = (uint8_t)m, .day = (uint8_t)d};
                return URL_DAY;
            }
        }
        if (i + 2 < n && r[i].digits == 4 && r[i + 1].digits <= 2 && r[i + 2].digits <= 2 &&
            url_joined(&r[i], &r[i + 1], &s1) && url_joined(&r[i + 1], &r[i + 2], &s2) &&
            s1 == s2) {
            int m = r[i + 1].value, d = r[i + 2].value;
            if (m >= 1 && m <= 12 && d >= 1 && d <= dt_days_in_month(y, m)) {
                *out = (meta_date){.year = (int16_t)y, .month = (uint8_t)m, .day = (uint8_t)d};
                return URL_DAY;
            }
        }
        if (i + 2 < n && r[i].digits == 2 && r[i + 1].digits == 2 && r[i + 2].digits == 4 &&
            url_joined(&r[i], &r[i + 1], &s1) && url_joined(&r[i + 1], &r[i + 2], &s2) &&
            s1 == s2 && s1 != '/') {
            int d = r[i].value, m = r[i + 1].value;
            if (order == DT_MDY && d <= 12 && m <= 31)
                d = r[i + 1].value, m = r[i].value;
            y = r[i + 2].value;
            if (m >= 1 && m <= 12 && d >= 1 && d <= dt_days_in_month(y, m)) {
                *out = (meta_date){.year = (int16_t)y, .month = (uint8_t)m, .day = (uint8_t)d};
                return URL_DAY;
            }
        }
        /* "/2019/11/": only a month, and only between slashes. */
        if (i + 1 < n && r[i].digits == 4 && r[i + 1].digits <= 2 &&
            url_joined(&r[i], &r[i + 1], &s1) && s1 == '/' &&
            (r[i + 1].after == '/' || r[i + 1].after == '\0') && r[i + 1].value >= 1 &&
            r[i + 1].value <= 12) {
            *out = (meta_date){.year = (int16_t)y, .month = (uint8_t)r[i + 1].value, .day = 1};
            return URL_MONTH;
        }
    }
    return URL_NONE;
}

/* ---- reconciling ------------------------------------------------------ */

/* A numeric date read with the page's guessed D/M order is swapped when
 * only the other reading agrees with another candidate or the URL: the
 * page's other dates know its convention ("11/01/2023" in a meta tag,
 * "Erstellt am: 01.11.2023" in the text). */
static void resolve_ambiguous(dates_ctx *c, enum url_precision up, const meta_date *ud)
{
    int32_t uday = up == URL_DAY ? dt_day_number(ud) : INT32_MIN;
    for (size_t i = 0; i < c->n; i++) {
        date_cand *x = &c->cand[i];
        if (!x->date.ambiguous)
            continue;
        meta_date swapped = x->date;
        swapped.day = x->date.month;
        swapped.month = x->date.day;
        swapped.ambiguous = 0;
        int32_t sday = dt_day_number(&swapped);
        int as_read = x->day == uday, other = sday == uday;
        for (size_t k = 0; k < c->n; k++) {
            const date_cand *y = &c->cand[k];
            if (k == i || y->date.ambiguous)
                continue;
            as_read |= y->day == x->day;
            other |= y->day == sday;
        }
        if (other && !as_read && plausible(c, &swapped)) {
            x->date = swapped;
            x->day = sday;
        }
        x->date.ambiguous = 0;
    }
}

/* ---- time zones ------------------------------------------------------- */

/* A UTC instant is written in the publisher's offset when its country
 * domain names a country with one time zone, so that its calendar day is
 * the publisher's ("2019-10-18T22:04:00Z" on an Austrian page is the 19th
 * there). The page's other dates' offsets are no guide: US sites mix
 * their local offset in one tag with UTC in another (measured on
 * wcxb-dev: two days lost for one won). */
enum zone_rule {
    ZONE_FIXED, /* no daylight saving time */
    ZONE_EU,    /* EU summer time: last Sunday of March to last Sunday of
                   October, 01:00 UTC (Directive 2000/84/EC) */
};

static const struct country_zone {
    const char *tld;
    int16_t offset; /* standard time, minutes east of UTC */
    uint8_t rule;
} country_zones[] = {
    {"at", 60, ZONE_EU},      {"be", 60, ZONE_EU},      {"ch", 60, ZONE_EU},
    {"cz", 60, ZONE_EU},      {"de", 60, ZONE_EU},      {"dk", 60, ZONE_EU},
    {"es", 60, ZONE_EU},      {"fr", 60, ZONE_EU},      {"hr", 60, ZONE_EU},
    {"hu", 60, ZONE_EU},      {"it", 60, ZONE_EU},      {"lu", 60, ZONE_EU},
    {"nl", 60, ZONE_EU},      {"no", 60, ZONE_EU},      {"pl", 60, ZONE_EU},
    {"se", 60, ZONE_EU},      {"si", 60, ZONE_EU},      {"sk", 60, ZONE_EU},
    {"uk", 0, ZONE_EU},       {"ie", 0, ZONE_EU},       {"pt", 0, ZONE_EU},
    {"fi", 120, ZONE_EU},     {"gr", 120, ZONE_EU},     {"ro", 120, ZONE_EU},
    {"bg", 120, ZONE_EU},     {"ee", 120, ZONE_EU},     {"lv", 120, ZONE_EU},
    {"lt", 120, ZONE_EU},     {"ar", -180, ZONE_FIXED}, {"br", -180, ZONE_FIXED},
    {"co", -300, ZONE_FIXED}, {"pe", -300, ZONE_FIXED}, {"jp", 540, ZONE_FIXED},
    {"kr", 540, ZONE_FIXED},  {"cn", 480, ZONE_FIXED},  {"hk", 480, ZONE_FIXED},
    {"tw", 480, ZONE_FIXED},  {"sg", 480, ZONE_FIXED},  {"in", 330, ZONE_FIXED},
    {"tr", 180, ZONE_FIXED},
};

/* Day of month of the last Sunday of month m in year y. */
static int last_sunday(int y, int m)
{
    meta_date d = {.year = (int16_t)y, .month = (uint8_t)m, .day = (uint8_t)dt_days_in_month(y, m)};
    /* 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) % 7. */
    int32_t days = dt_day_number(&d);
    int wd = (int)(((days + 4) % 7 + 7) % 7);
    return d.day - wd;
}

/* Minutes since the epoch of a date with a time and offset, in UTC. */
static int64_t utc_minutes(const meta_date *d)
{
    return ((int64_t)dt_day_number(d) * 24 + d->hour) * 60 + d->minute - d->offset;
}

static int zone_offset(const struct country_zone *z, const meta_date *utc)
{
    if (z->rule == ZONE_FIXED)
        return z->offset;
    meta_date start = {
        .year = utc->year, .month = 3, .day = (uint8_t)last_sunday(utc->year, 3), .hour = 1};
    meta_date end = {
        .year = utc->year, .month = 10, .day = (uint8_t)last_sunday(utc->year, 10), .hour = 1};
    int64_t t = utc_minutes(utc);
    return z->offset + (t >= utc_minutes(&start) && t < utc_minutes(&end) ? 60 : 0);
}

static const struct country_zone *country_of(const char *url)
{
    if (!url)
        return NULL;
    const char *host = strstr(url, "://");
    host = host ? host + 3 : url;
    size_t len = strcspn(host, "/:?#");
    const char *dot = NULL;
    for (size_t i = 0; i < len; i++) {
        if (host[i] == '.')
            dot = host + i;
    }
    if (!dot)
        return NULL;
    size_t tlen = len - (size_t)(dot + 1 - host);
    for (size_t i = 0; i < sizeof country_zones / sizeof *country_zones; i++) {
        if (ascii_ieq(dot + 1, tlen, country_zones[i].tld))
            return &country_zones[i];
    }
    return NULL;
}

static void localise(dates_ctx *c)
{
    const struct country_zone *z = country_of(c->in->url);
    if (!z)
        return;
    for (size_t i = 0; i < c->n; i++) {
        meta_date *d = &c->cand[i].date;
        if (!d->has_time || !d->has_offset || d->offset)
            continue;
        int off = zone_offset(z, d);
        int minutes = d->hour * 60 + d->minute + off;
        int shift = minutes < 0 ? -1 : minutes >= 24 * 60 ? 1 : 0;
        minutes -= shift * 24 * 60;
        if (shift) {
            int day = d->day + shift, month = d->month, year = d->year;
            if (day < 1) {
                month = month == 1 ? 12 : month - 1;
                year = d->month == 1 ? year - 1 : year;
                day = dt_days_in_month(year, month);
            } else if (day > dt_days_in_month(year, month)) {
                day = 1;
                month = month == 12 ? 1 : month + 1;
                year = d->month == 12 ? year + 1 : year;
            }
            d->year = (int16_t)year;
            d->month = (uint8_t)month;
            d->day = (uint8_t)day;
        }
        d->hour = (uint8_t)(minutes / 60);
        d->minute = (uint8_t)(minutes % 60);
        d->offset = (int16_t)off;
        d->zulu = 0;
        c->cand[i].day = dt_day_number(d);
    }
}

/* ---- choosing --------------------------------------------------------- */

static int same_month(const meta_date *a, const meta_date *b)
{
    return a->year == b->year && a->month == b->month;
}

/* Rank of a visible candidate for the published date: lower is better, 0
 * not usable. Near the article's top, an element named or labelled as
 * the published date first; under the article next; far from it last. */
static int visible_rank(const date_cand *x)
{
    if (x->role == DR_MODIFIED || x->kind == DK_HINT || x->kind == DK_URL)
        return 0;
    int published = x->role == DR_PUBLISHED;
    int rank;
    switch (x->kind) {
    case DK_TIME:
        rank = published ? 1 : 3;
        break;
    case DK_MARKED:
        rank = published ? 2 : 3;
        break;
    default:
        rank = published ? 2 : 5;
        break;
    }
    if (x->role == DR_MODIFIED_WEAK)
        rank = 6;
    return x->near == NEAR_TOP ? rank : x->near == NEAR_TAIL ? rank + 6 : rank + 12;
}

/* Far candidates (rank above this) only serve when nothing else does. */
#define RANK_NEAR_MAX 12

/* The published date: the strongest structured one, unless the URL
 * disagrees with it and another source agrees with the URL; without
 * structured dates, the best-ranked visible one near the article (the
 * first among equals), the URL deciding between them when it can; else
 * the URL's; else the best one elsewhere on the page. */
static const date_cand *choose_published(const dates_ctx *c, enum url_precision up,
                                         const meta_date *ud, date_cand *url_cand)
{
    const date_cand *first = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const date_cand *x = &c->cand[i];
        if (x->kind == DK_HINT && x->role == DR_PUBLISHED) {
            first = x;
            break;
        }
    }
    int32_t uday = up == URL_DAY ? dt_day_number(ud) : 0;
    if (first) {
        if (up == URL_NONE)
            return first;
        if (up == URL_DAY ? first->day == uday : same_month(&first->date, ud))
            return first;
        /* The URL disagrees: another structured date, then a visible one,
         * that agrees with it wins. */
        for (int pass = 0; pass < 2; pass++) {
            for (size_t i = 0; i < c->n; i++) {
                const date_cand *x = &c->cand[i];
                int rank = visible_rank(x);
                int usable = pass == 0 ? x->kind == DK_HINT && x->role == DR_PUBLISHED
                                       : rank > 0 && rank <= RANK_NEAR_MAX;
                if (usable && (up == URL_DAY ? x->day == uday : same_month(&x->date, ud)))
                    return x;
            }
        }
        return first;
    }
    const date_cand *best = NULL;
    int best_rank = 0;
    for (size_t i = 0; i < c->n; i++) {
        const date_cand *x = &c->cand[i];
        int r = visible_rank(x);
        if (!r)
            continue;
        if (up == URL_DAY && x->day == uday)
            return x;
        if (up == URL_MONTH && !same_month(&x->date, ud))
            continue;
        if (!best || r < best_rank || (r == best_rank && x->line < best->line)) {
            best = x;
            best_rank = r;
        }
    }
    if (best && best_rank <= RANK_NEAR_MAX)
        return best;
    if (up == URL_DAY) {
        memset(url_cand, 0, sizeof *url_cand);
        url_cand->date = *ud;
        url_cand->day = uday;
        url_cand->kind = DK_URL;
        url_cand->source = META_SRC_URL;
        return url_cand;
    }
    return best;
}

/* The chosen day as precisely as the page gives it: a visible "12 March
 * 2024" and a <time datetime="2024-03-12T08:00:00+01:00"> on the same day
 * are one date, and the record keeps its time and offset. */
static const date_cand *most_precise(const dates_ctx *c, const date_cand *pub)
{
    if (!pub || pub->date.has_time)
        return pub;
    for (size_t i = 0; i < c->n; i++) {
        const date_cand *x = &c->cand[i];
        if (x->day == pub->day && x->date.has_time &&
            (x->role == DR_PUBLISHED || x->role == DR_UNKNOWN) &&
            x->kind != DK_URL)
            return x;
    }
    return pub;
}

static const date_cand *choose_modified(const dates_ctx *c, const date_cand *pub)
{
    const date_cand *best = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const date_cand *x = &c->cand[i];
        if ((x->role != DR_MODIFIED && x->role != DR_MODIFIED_WEAK) || x == pub ||
            (pub && x->day < pub->day))
            continue;
        if (x->kind != DK_HINT && !x->near)
            continue;
        if (!best || x->kind < best->kind)
            best = x;
    }
    return best;
}

static int set_field(arena *a, meta_record *rec, enum meta_field f, const date_cand *x)
{
    char text[DT_FORMAT_MAX];
    size_t len = dt_format(&x->date, text);
    const char *s = arena_strndup(a, text, len);
    if (!s)
        return -1;
    if (f == MF_DATE_PUBLISHED)
        rec->pub.date_published = s;
    else
        rec->pub.date_modified = s;
    rec->sources[f] = x->source;
    return 0;
}

/* D/M or M/D for numeric dates: month first for US English (and English
 * without a region, mostly American on the web, and pages that declare
 * nothing), day first for every other language and English region. */
static enum dt_order date_order(const meta_input *in, const meta_record *rec)
{
    const char *lang = rec->pub.language;
    size_t len = lang ? strlen(lang) : 0;
    if (!len && in->doc->html)
        lang = tree_attr_get(in->doc, in->doc->html, ATTR_LANG, &len);
    if ((!lang || !len) && in->content_language) {
        lang = in->content_language;
        len = strlen(lang);
    }
    if (!lang || !len) {
        /* A country domain: the countries there write the day first. */
        return country_of(in->url) ? DT_DMY : DT_MDY;
    }
    if (len < 2 || (lang[0] | 32) != 'e' || (lang[1] | 32) != 'n' ||
        (len > 2 && lang[2] != '-' && lang[2] != '_'))
        return DT_DMY;
    if (len == 2)
        return DT_MDY;
    /* en-US and the regions that also write the month first */
    const char *region = lang + 3;
    size_t rlen = len - 3;
    return ascii_ieq(region, rlen, "us") || ascii_ieq(region, rlen, "ph") ? DT_MDY : DT_DMY;
}

/* The fallback's value of n: a <meta> content, a datetime attribute, or
 * an itemprop element's text ("<span itemprop=datePublished>20. November
 * 2019</span>"), read into date. */
static int fallback_value(dates_ctx *c, node_id n, int is_meta, meta_date *date)
{
    const tree_doc *d = c->in->doc;
    size_t len;
    const char *v = tree_attr_get(d, n, ATTR_CONTENT, &len);
    if (!v)
        v = tree_attr_get(d, n, ATTR_DATETIME, &len);
    if (v)
        return dt_parse_value(v, len, c->order, DT_COMPACT, date);
    if (is_meta)
        return 0;
    char text[DATES_LINE_MAX];
    size_t k = short_text(d, n, text, sizeof text);
    return dt_parse_value(text, k, c->order, DT_SHORT_YEAR, date);
}

/* Without hints: JSON-LD's date strings first, then OpenGraph's tags,
 * then the other <meta> tags and itemprop elements in page order, the
 * order meta.c hands them in. */
static void read_fallback(dates_ctx *c)
{
    const tree_doc *d = c->in->doc;
    uint32_t count = tree_node_count(d);
    static const struct {
        const char *key;
        uint8_t role;
    } keys[] = {{"\"datePublished\"", DR_PUBLISHED},
                {"\"dateCreated\"", DR_PUBLISHED},
                {"\"uploadDate\"", DR_PUBLISHED},
                {"\"dateModified\"", DR_MODIFIED}};
    for (node_id n = 1; n < count; n++) {
        if (!tree_is_element(d, n, TAG_SCRIPT) || !is_ldjson(d, n))
            continue;
        node_id t = tree_first_child(d, n);
        if (!t || tree_kind(d, t) != TREE_TEXT)
            continue;
        size_t len;
        const char *s = tree_text(d, t, &len);
        if (len > DATES_LDJSON_SCAN)
            len = DATES_LDJSON_SCAN;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            size_t vlen;
            const char *v = json_string_after(s, len, keys[k].key, &vlen);
            meta_date date;
            if (v && dt_parse_value(v, vlen, c->order, DT_COMPACT, &date))
                add_cand(c, &date, DK_HINT, keys[k].role, META_SRC_JSON_LD, NEAR_NONE, 0xFFFF);
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (node_id n = 1; n < count; n++) {
            if (tree_kind(d, n) != TREE_ELEMENT)
                continue;
            size_t len = 0;
            const char *name = NULL;
            int is_meta = tree_is_element(d, n, TAG_META);
            if (is_meta) {
                name = tree_attr_get(d, n, ATTR_PROPERTY, &len);
                if (!name)
                    name = tree_attr_get(d, n, ATTR_NAME, &len);
            }
            if (!name)
                name = tree_attr_get(d, n, ATTR_ITEMPROP, &len);
            const struct meta_date_tag *tag = name ? meta_tag_lookup(name, len) : NULL;
            if (!tag || (pass == 0) != (tag->source == META_SRC_OPENGRAPH))
                continue;
            meta_date date;
            if (fallback_value(c, n, is_meta, &date))
                add_cand(c, &date, DK_HINT, tag->role, tag->source, NEAR_NONE, 0xFFFF);
        }
    }
}

int meta_find_dates(const meta_input *in, const meta_date_hint *hints, size_t count, arena *a,
                    meta_record *rec)
{
    dates_ctx *c = arena_alloc(a, sizeof *c);
    if (!c)
        return -1;
    memset(c, 0, sizeof *c);
    c->in = in;
    c->order = date_order(in, rec);
    /* Days since the epoch of the fetch, floor division for the sign. */
    int64_t now_day = in->now >= 0 ? in->now / 86400 : -((-in->now + 86399) / 86400);
    c->max_day = (int32_t)(now_day + DATES_SLACK_DAYS);

    for (size_t i = 0; i < count; i++) {
        meta_date date;
        if (hints[i].value &&
            dt_parse_value(hints[i].value, strlen(hints[i].value), c->order, DT_COMPACT, &date))
            add_cand(c, &date, DK_HINT, hints[i].modified ? DR_MODIFIED : DR_PUBLISHED,
                     hints[i].source, NEAR_NONE, 0xFFFF);
    }
    if (!count)
        read_fallback(c);
    read_lines(c);
    const tree_doc *d = in->doc;
    uint32_t nodes = tree_node_count(d);
    for (node_id n = 1; n < nodes; n++) {
        if (tree_is_element(d, n, TAG_TIME))
            read_time_element(c, n);
        else if (tree_is_element(d, n, TAG_ABBR) || tree_is_element(d, n, TAG_SPAN))
            read_hatom(c, n);
    }

    meta_date ud;
    enum url_precision up = in->url ? url_date(in->url, c->order, &ud) : URL_NONE;
    if (up != URL_NONE && !plausible(c, &ud))
        up = URL_NONE;
    resolve_ambiguous(c, up, &ud);
    localise(c);
    date_cand url_cand;
    const date_cand *pub = most_precise(c, choose_published(c, up, &ud, &url_cand));
    if (pub && set_field(a, rec, MF_DATE_PUBLISHED, pub))
        return -1;
    const date_cand *mod = choose_modified(c, pub);
    if (mod && set_field(a, rec, MF_DATE_MODIFIED, mod))
        return -1;
    return 0;
}
