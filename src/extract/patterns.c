/*
 * patterns.c — the name tables. Substring rules on the lowercase
 * "class id" string, as most extractors since arc90's Readability do;
 * their weights (extract.c) were measured on the dev sets.
 */
#include "extract/patterns.h"

#include <string.h>

#include "core/utf8.h"

typedef struct pat_table {
    unsigned group;
    const char *const *words;
} pat_table;

/* Page chrome. A name holding one of these is not content... */
static const char *const unlikely_words[] = {
    "-ad-",     "ai2html",  "banner",   "breadcrumbs", "combx",    "comment",   "community",
    "cover-wrap", "disqus", "extra",    "footer",      "gdpr",     "header",    "legends",
    "menu",     "related",  "remark",   "replies",     "rss",      "shoutbox",  "sidebar",
    "skyscraper", "social", "sponsor",  "supplemental", "ad-break", "agegate",  "pagination",
    "pager",    "popup",    "yom-remote", NULL};
/* ...unless it also holds one of these. */
static const char *const maybe_words[] = {"and",  "article", "body",    "column", "content",
                                          "main", "mathjax", "shadow",  NULL};
static const char *const positive_words[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
    "pagination", "post", "text", "blog", "story", NULL};
static const char *const negative_words[] = {
    "-ad-",    "hidden",   "banner",  "combx",     "comment", "com-",     "contact",
    "footer",  "gdpr",     "masthead", "media",    "meta",    "outbrain", "promo",
    "related", "scroll",   "share",   "shoutbox",  "sidebar", "skyscraper", "sponsor",
    "shopping", "tags",    "widget",  NULL};
static const char *const byline_words[] = {"byline", "author", "dateline", "writtenby",
                                           "p-author", NULL};
static const char *const teaser_words[] = {
    "related",  "teaser",   "newsletter", "recommend", "more-stories", "morestories",
    "read-more", "readmore", "also-read", "you-may",  "outbrain",     "taboola",
    "trending", "popular",  "most-read",  "mostread", "subscribe",   "signup",
    "sign-up",  "promo",    "author-bio", "authorbio", "about-author", "author-box",
    "authorbox", "author-info", "bio-box", NULL};
static const char *const comment_words[] = {"comment", "disqus", "replies", "respond",
                                            "discussion", "review", NULL};

static const char *const caption_words[] = {"caption", "credit", "copyright", NULL};
static const char *const dateline_words[] = {
    "byline", "author", "dateline", "date", "timestamp", "published", "posted", "updated",
    "meta", "readtime", "read-time", "reading-time", "readingtime", "lesedauer", "editor",
    "rating", NULL};

static const pat_table tables[] = {
    {PAT_CAPTION, caption_words},   {PAT_DATELINE, dateline_words},
    {PAT_UNLIKELY, unlikely_words}, {PAT_MAYBE, maybe_words},   {PAT_POSITIVE, positive_words},
    {PAT_NEGATIVE, negative_words}, {PAT_BYLINE, byline_words}, {PAT_TEASER, teaser_words},
    {PAT_COMMENTS, comment_words},
};

static int contains(const char *s, size_t len, const char *word)
{
    return mem_find(s, len, word, strlen(word)) != NULL;
}

static int is_token_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* `word` as a whole token: bounded by the string ends or by characters
 * that are not letters or digits ('-', '_', ' '). */
static int contains_token(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    const char *end = s + len;
    for (const char *p = s; (p = mem_find(p, (size_t)(end - p), word, wl)); p++) {
        size_t i = (size_t)(p - s);
        if ((i == 0 || !is_token_char(s[i - 1])) && (i + wl == len || !is_token_char(s[i + wl])))
            return 1;
    }
    return 0;
}

void pat_matcher_init(pat_matcher *m)
{
    /* Counting sort of every (word, group) pair by first byte; a word in
     * several tables gets one entry per table, which is harmless. */
    uint16_t count[256] = {0};
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        for (const char *const *w = tables[t].words; *w; w++)
            count[(unsigned char)(*w)[0]]++;
    }
    uint16_t at = 0;
    for (int c = 0; c < 256; c++) {
        m->start[c] = at;
        at = (uint16_t)(at + count[c]);
    }
    m->start[256] = at;
    uint16_t fill[256];
    memcpy(fill, m->start, sizeof fill);
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        for (const char *const *w = tables[t].words; *w; w++) {
            uint16_t k = fill[(unsigned char)(*w)[0]]++;
            if (k >= PAT_MAX_WORDS)
                continue; /* cannot happen with the tables above; checked by a test */
            m->words[k].word = *w;
            m->words[k].len = (uint16_t)strlen(*w);
            m->words[k].groups = (uint16_t)tables[t].group;
        }
    }
}

unsigned pat_match_names(const pat_matcher *m, const char *lower, size_t len)
{
    unsigned groups = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)lower[i];
        for (uint16_t k = m->start[c]; k < m->start[c + 1]; k++) {
            const struct pat_entry *e = &m->words[k];
            if (e->len <= len - i && lower[i + 1] == e->word[1] && !memcmp(lower + i, e->word, e->len))
                groups |= e->groups;
        }
    }
    if (!groups && len < 3)
        return 0;
    /* "hid" only as a whole word: "hidden" is in the table, "hide" is not. */
    if (contains_token(lower, len, "hid"))
        groups |= PAT_NEGATIVE;
    if ((groups & PAT_NEGATIVE) &&
        (contains_token(lower, len, "share") || contains_token(lower, len, "sharedaddy")))
        groups |= PAT_SHARE;
    return groups;
}

unsigned pat_match_role(const char *role, size_t len)
{
    static const char *const chrome[] = {"menu",   "menubar",     "complementary", "navigation",
                                         "alert",  "alertdialog", "dialog",        NULL};
    for (const char *const *w = chrome; *w; w++) {
        if (ascii_ieq(role, len, *w))
            return PAT_ROLE_CHROME;
    }
    return 0;
}

/* Finds "prop" then ":" then "value" in a style attribute, ignoring case
 * and spaces: enough for the inline styles pages use to hide layers. */
static int style_has(const char *s, size_t len, const char *prop, const char *value)
{
    size_t pl = strlen(prop), vl = strlen(value);
    for (size_t i = 0; i + pl <= len; i++) {
        size_t k = 0;
        while (k < pl && ascii_lower(s[i + k]) == prop[k])
            k++;
        if (k < pl)
            continue;
        if (i > 0 && (s[i - 1] == '-' || (ascii_lower(s[i - 1]) >= 'a' && ascii_lower(s[i - 1]) <= 'z')))
            continue; /* "max-display" is not "display" */
        size_t j = i + pl;
        while (j < len && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j >= len || s[j] != ':')
            continue;
        j++;
        while (j < len && (s[j] == ' ' || s[j] == '\t'))
            j++;
        size_t m = 0;
        while (m < vl && j + m < len && ascii_lower(s[j + m]) == value[m])
            m++;
        if (m == vl)
            return 1;
    }
    return 0;
}

int pat_style_hidden(const char *style, size_t len)
{
    return style_has(style, len, "display", "none") || style_has(style, len, "visibility", "hidden");
}

int pat_is_video_url(const char *url, size_t len)
{
    static const char *const hosts[] = {"youtube.com",    "youtube-nocookie.com", "player.vimeo.com",
                                        "dailymotion.com", "v.qq.com",            "archive.org",
                                        "upload.wikimedia.org", "player.twitch.tv", NULL};
    for (const char *const *h = hosts; *h; h++) {
        if (contains(url, len, *h))
            return 1;
    }
    return 0;
}

int pat_is_ad_label(const char *folded, size_t len)
{
    /* The label ad slots carry in the languages of the dev sets and the
     * largest web languages; compared without spaces, lowercase. */
    static const char *const labels[] = {
        "ad", "ads", "advert", "advertising", "advertisement", "sponsored", "anzeige",
        "werbung", "publicité", "publicidad", "pubblicità", "publicidade", "reklama",
        "реклама", "advertentie", "annons", "mainos", "广告", "広告", "광고", "إعلان", "اعلان",
        "פרסומת", "reklam", "διαφήμιση", "quảngcáo", "iklan", "โฆษณา", "loading",
        "loading...", "loading…", "chargement", "chargement...", "cargando", "cargando...",
        "caricamento", "laden", "laden...", "загрузка", "正在加载", "lädt...", NULL};
    for (const char *const *l = labels; *l; l++) {
        if (strlen(*l) == len && !memcmp(*l, folded, len))
            return 1;
    }
    return 0;
}

/* Month and weekday names (and their usual abbreviations) of the languages
 * the dev sets hold most: en, de, fr, es, it, nl, pt. Lowercase. */
static const char *const date_words[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "januar", "februar", "märz", "mai", "juni", "juli",
    "oktober", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril",
    "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "januari", "februari", "maart", "augustus", "juni", "oktober", "janeiro",
    "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro",
    "dezembro", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "am", "pm", "a.m", "p.m", "est", "edt", "cst", "cdt",
    "pst", "pdt", "gmt", "utc", "cet", "cest", "bst", "uhr", "h", NULL};
/* Counters: "1.392 Aufrufe", "12 comments". */
static const char *const counter_words[] = {
    "views", "view", "aufrufe", "vues", "visualizaciones", "visite", "visualizzazioni",
    "weergaven", "visualizações", "comments", "comment", "kommentare", "commentaires",
    "comentarios", "commenti", "reacties", "comentários", "réactions", "shares", NULL};
/* Units of a reading time ("2 Min.", "5 minute read", "4 min de lecture"). */
static const char *const minute_words[] = {"min", "mins", "minute", "minutes", "minuten",
                                           "minuti", "minutos", "minuty", "minuut", NULL};
static const char *const read_words[] = {"read", "lesezeit", "lesedauer", "lecture", "lectura",
                                         "lettura", "leestijd", "leitura", "de", "di", NULL};
/* Label words a date line may carry. */
static const char *const date_labels[] = {
    "updated", "published", "posted", "last", "modified", "on", "at", "by", "aktualisiert",
    "veröffentlicht", "am", "um", "stand", "mis", "à", "jour", "le", "publié", "actualizado",
    "publicado", "el", "a", "las", "aggiornato", "pubblicato", "il", "alle", "ore",
    "bijgewerkt", "gepubliceerd", "op", "atualizado", "em", "de", "der", "des", "del", "du",
    "of", "the", "-", NULL};

static int word_in(const char *w, size_t len, const char *const *list)
{
    for (const char *const *l = list; *l; l++) {
        if (strlen(*l) == len && !memcmp(*l, w, len))
            return 1;
    }
    return 0;
}

static int memchr_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    }
    return 0;
}

int pat_is_dateline(const char *text, size_t len)
{
    if (len == 0 || len > 100 || !memchr_digit(text, len))
        return 0; /* every date, reading time and counter has a number */
    int numbers = 0, year = 0, months = 0, labels = 0, other = 0, minutes = 0, reads = 0;
    int counters = 0, shaped = 0;
    size_t i = 0;
    while (i < len) {
        /* Tokens: runs of letters/digits (and '.', ':' '/' inside them). */
        while (i < len && (text[i] == ' ' || text[i] == ',' || text[i] == '|' || text[i] == '(' ||
                           text[i] == ')'))
            i++;
        size_t start = i;
        while (i < len && text[i] != ' ' && text[i] != ',' && text[i] != '|' && text[i] != '(' &&
               text[i] != ')')
            i++;
        size_t tl = i - start;
        if (!tl)
            continue;
        const char *t = text + start;
        while (tl && (t[tl - 1] == '.' || t[tl - 1] == ':'))
            tl--; /* "nov." "am:" */
        if (!tl)
            continue;
        size_t digits = 0;
        for (size_t k = 0; k < tl; k++)
            digits += t[k] >= '0' && t[k] <= '9';
        if (digits) {
            numbers++;
            for (size_t k = 0; k < tl; k++)
                shaped |= t[k] == '.' || t[k] == '/' || t[k] == '-' || t[k] == ':';
            /* A year, or a full numeric date like 17.11.2014 or 2019-11-20. */
            if (digits >= 4)
                year = 1;
            if (digits * 2 < tl && !word_in(t, tl, date_words))
                other++; /* "1of4", "covid-19": words with digits */
        } else if (word_in(t, tl, minute_words)) {
            minutes++;
        } else if (word_in(t, tl, counter_words)) {
            counters++;
        } else if (word_in(t, tl, read_words)) {
            reads++;
        } else if (word_in(t, tl, date_words)) {
            months++;
        } else if (word_in(t, tl, date_labels)) {
            labels++;
        } else {
            other++;
        }
    }
    /* A bare number ("1200", "2019") is no date without a month, a label
     * or a date's separators. */
    if (!months && !labels && !shaped)
        return minutes + counters == 1 && numbers == 1 && other == 0;
    /* A reading time or a counter: one number and its unit. */
    if (numbers == 1 && minutes + counters == 1 && !months && other == 0)
        return 1;
    /* A date needs numbers and a year or a month name; a place name or a
     * source ("Villamar del Río", "AP") may precede it. */
    other += reads;
    return numbers >= 1 && (year || months) && other <= 3 && other < numbers + months;
}

/* Words that open a byline, followed by names: en, de, fr, es, pt, it, nl,
 * sv, da, no, pl. Lowercase. */
static const char *const byline_openers[] = {"by", "von", "par", "por", "di", "door", "av",
                                             "af", "przez", "written", "posted", NULL};
/* Words that open a credit or source line, before a colon. */
static const char *const credit_openers[] = {
    "text", "texte", "texto", "testo", "tekst", "foto", "fotos", "photo", "photos", "bild",
    "bilder", "quelle", "source", "sources", "źródło", "fuente", "fonte", "bron", "credit",
    "credits", "autor", "autorin", "author", "auteur", "redaktion", "redakcja", "kilde",
    "källa", NULL};
/* Lowercase words a list of names may hold. */
static const char *const name_joiners[] = {"and", "und", "et", "y", "e", "en", "i", "og", "och",
                                           "de", "van", "von", "der", "den", "da", "del", "la",
                                           "le", "du", "dos", "di", "&", "|", "-", "–", "·",
                                           "/", ",", NULL};

static size_t next_token(const char *t, size_t len, size_t *i)
{
    while (*i < len && t[*i] == ' ')
        (*i)++;
    size_t start = *i;
    while (*i < len && t[*i] != ' ')
        (*i)++;
    return start;
}

int pat_is_byline(const char *text, size_t len)
{
    if (len == 0 || len > 100)
        return 0;
    /* "©" or "(c)" first: a copyright line. */
    if ((len >= 2 && (unsigned char)text[0] == 0xC2 && (unsigned char)text[1] == 0xA9) ||
        (len >= 3 && (text[0] == '(' && (text[1] == 'c' || text[1] == 'C') && text[2] == ')')))
        return 1;
    size_t i = 0;
    size_t start = next_token(text, len, &i);
    size_t tl = i - start;
    char first[24];
    if (tl == 0 || tl >= sizeof first)
        return 0;
    size_t fl = utf8_fold(text + start, tl, first, sizeof first, 0);
    if (fl > sizeof first)
        return 0;
    int colon = fl && first[fl - 1] == ':';
    if (colon)
        fl--;
    /* "Tekst i foto:", "Text und Bild:" — a credit opener, maybe joined
     * to a second one, then a colon somewhere in the first three words. */
    if (word_in(first, fl, credit_openers)) {
        if (colon)
            return 1;
        for (int k = 0; k < 3 && i < len; k++) {
            size_t s2 = next_token(text, len, &i);
            if (i > s2 && text[i - 1] == ':')
                return 1;
        }
        return 0;
    }
    if (!word_in(first, fl, byline_openers))
        return 0;
    /* After the opener: capitalised names, joiners, dates; at most ten
     * words, so a sentence that starts with "By" does not qualify. */
    int words = 0, names = 0;
    while (i < len) {
        size_t s2 = next_token(text, len, &i);
        size_t l2 = i - s2;
        if (!l2)
            break;
        if (++words > 10)
            return 0;
        const unsigned char *w = (const unsigned char *)text + s2;
        char low[24];
        size_t ll = l2 < sizeof low ? utf8_fold((const char *)w, l2, low, sizeof low, 0) : sizeof low + 1;
        if (ll <= sizeof low && (word_in(low, ll, name_joiners) || word_in(low, ll, date_words)))
            continue;
        if (w[0] >= '0' && w[0] <= '9')
            continue; /* a date after the name */
        size_t adv;
        uint32_t cp = w[0] < 0x80 ? w[0] : utf8_decode(w, l2, &adv);
        if (utf8_lower(cp) == cp)
            return 0; /* a lowercase word: prose, not a name */
        names++;
    }
    return names >= 1;
}

int pat_is_nav_line(const char *text, size_t len)
{
    /* Whole lines, or the start of a line followed by a page number. */
    static const char *const lines[] = {
        "continue reading", "read more", "read the full story", "weiterlesen", "mehr lesen",
        "lire la suite", "leer más", "seguir leyendo", "continua a leggere", "leggi tutto",
        "lees verder", "leia mais", "continuar lendo", "czytaj dalej", "back to top",
        "zurück nach oben", "retour en haut", NULL};
    static const char *const openers[] = {
        "continued from page", "continued on page", "continued from", "continued on",
        "fortsetzung von seite", "fortsetzung auf seite", "suite de la page", "suite page",
        "viene de la página", "continúa en la página", "page", "seite", "página", "pagina",
        NULL};
    for (;;) { /* trailing punctuation, arrows and "…" */
        if (len && (text[len - 1] == '.' || text[len - 1] == ' ' || text[len - 1] == ':' ||
                    text[len - 1] == '>' || text[len - 1] == ')'))
            len--;
        else if (len >= 3 && !memcmp(text + len - 3, "\xe2\x80\xa6", 3))
            len -= 3;
        else
            break;
    }
    if (len == 0 || len > 60)
        return 0;
    for (const char *const *l = lines; *l; l++) {
        if (strlen(*l) == len && !memcmp(*l, text, len))
            return 1;
    }
    for (const char *const *o = openers; *o; o++) {
        size_t ol = strlen(*o);
        if (len <= ol + 1 || memcmp(*o, text, ol) || text[ol] != ' ')
            continue;
        /* The rest: numbers and "of"/"von"/"de"/"sur"/"di"/"/" only. */
        int digits = 0, ok = 1;
        for (size_t i = ol + 1; i < len && ok; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9')
                digits = 1;
            else if (c != ' ' && c != '/' && !(c >= 'a' && c <= 'z'))
                ok = 0;
        }
        if (ok && digits && len - ol < 16)
            return 1;
    }
    return 0;
}

int pat_is_promo(const char *text, size_t len)
{
    /* Phrases pages close articles with (en, de, fr, es, it, nl, pt); a
     * block holding one is a pitch, not the story's last paragraph. */
    static const char *const phrases[] = {
        "follow us on", "follow me on", "sign up for", "sign up to", "subscribe to our",
        "subscribe to the", "join our", "if you enjoyed this", "if you liked this",
        "support our journalism", "support independent journalism", "become a member",
        "have a tip?", "got a tip?", "may be reached at", "can be reached at",
        "uses cookies", "use of cookies", "we use cookies", "newsletter", "folgen sie uns",
        "abonnieren sie", "melden sie sich", "suivez-nous", "abonnez-vous", "inscrivez-vous",
        "síguenos", "suscríbete", "seguici su", "iscriviti", "volg ons", "abonneer je",
        "siga-nos", "assine a", "inscreva-se", NULL};
    if (len > 400)
        return 0; /* a pitch is a sentence or two */
    for (const char *const *p = phrases; *p; p++) {
        if (mem_find(text, len, *p, strlen(*p)))
            return 1;
    }
    return 0;
}
