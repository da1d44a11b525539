/* test_dates.c — reading dates (src/meta/datefmt.c) and choosing the
 * published and modified dates of a page (src/meta/dates.c). Pages are
 * small HTML snippets parsed as pith parses pages; marks are set by hand:
 * the element with id="keep" is the article, id="drop" is dropped in it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "meta/datefmt.h"
#include "meta/meta.h"
#include "parse/parse.h"

int dt_month_table_sorted(void);

/* 2026-01-01T00:00:00Z: the fetch time of the test pages. */
#define NOW 1767225600

static parse_ctx parser;
static tree_doc doc;
static vec marks;
static arena strings;

static int setup(void **state)
{
    (void)state;
    tree_doc_init(&doc);
    arena_init(&strings, 0);
    return parse_ctx_init(&parser, &parse_backend_libxml2);
}

static int teardown(void **state)
{
    (void)state;
    parse_ctx_free(&parser);
    tree_doc_free(&doc);
    vec_free(&marks);
    arena_free(&strings);
    return 0;
}

/* ---- the readers ------------------------------------------------------ */

/* dt_parse_value's ISO 8601 form of s, or "-" when it reads no date. */
static const char *value(const char *s, enum dt_order order, unsigned flags)
{
    static char out[DT_FORMAT_MAX];
    meta_date d;
    if (!dt_parse_value(s, strlen(s), order, flags, &d))
        return "-";
    dt_format(&d, out);
    return out;
}

/* Every date dt_find_all finds in s, space-separated, "" for none. */
static const char *found(const char *s, enum dt_order order)
{
    static char out[256];
    dt_match m[8];
    size_t n = dt_find_all(s, strlen(s), order, DT_SHORT_YEAR, m, 8);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char one[DT_FORMAT_MAX];
        dt_format(&m[i].date, one);
        k += (size_t)snprintf(out + k, sizeof out - k, "%s%s", i ? " " : "", one);
    }
    return out;
}

#define expect_iso(s, want) assert_string_equal(value(s, DT_DMY, DT_COMPACT), want)
#define expect_found(s, want) assert_string_equal(found(s, DT_DMY), want)

static void test_month_table(void **state)
{
    (void)state;
    assert_true(dt_month_table_sorted());
}

/* ISO 8601 / RFC 3339 § 5.6: time and offset kept only together. */
static void test_iso(void **state)
{
    (void)state;
    expect_iso("2019-11-20", "2019-11-20");
    expect_iso(" 2019-11-20\n", "2019-11-20");
    expect_iso("2019-11-20T07:50:00Z", "2019-11-20T07:50:00Z");
    expect_iso("2019-11-20T07:50:00+01:00", "2019-11-20T07:50:00+01:00");
    expect_iso("2019-11-20T07:50:00.123-0500", "2019-11-20T07:50:00-05:00");
    expect_iso("2019-11-20T07:50:00.0000000Z", "2019-11-20T07:50:00Z");
    expect_iso("2019-11-20t07:50:00 +05:30", "2019-11-20T07:50:00+05:30");
    expect_iso("2019-11-20T07:50:00+01", "2019-11-20T07:50:00+01:00");
    /* a local time without offset: the day only */
    expect_iso("2019-11-20 07:50:00", "2019-11-20");
    expect_iso("2019-11-20T07:50", "2019-11-20");
    /* ISO 8601 § 4.2.3: 24:00 is the end of the day, not the next one */
    expect_iso("2019-11-20T24:00:00Z", "2019-11-20T23:59:59Z");
    expect_iso("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z");
    expect_iso("2019/11/20", "2019-11-20");
    expect_iso("2019.11.20", "2019-11-20");
    /* compact forms and Unix timestamps: values only (DT_COMPACT) */
    expect_iso("20191120", "2019-11-20");
    expect_iso("1574236200", "2019-11-20T07:50:00Z");
    expect_iso("1574236200000", "2019-11-20T07:50:00Z");
    assert_string_equal(value("20191120", DT_DMY, 0), "-");
    /* not dates */
    expect_iso("2019-02-29", "-");
    expect_iso("2020-02-29", "2020-02-29");
    expect_iso("2019-13-01", "-");
    expect_iso("2019-11-31", "-");
    expect_iso("2019-11-20T25:00:00Z", "2019-11-20");
    expect_iso("", "-");
    expect_iso("yesterday", "-");
    expect_iso("1899-12-31", "-");
}

/* RFC 2822 § 3.3 and the forms programs print. */
static void test_rfc2822(void **state)
{
    (void)state;
    expect_iso("Wed, 20 Nov 2019 07:50:00 GMT", "2019-11-20T07:50:00+00:00");
    expect_iso("Wed, 20 Nov 2019 07:50:00 +0100", "2019-11-20T07:50:00+01:00");
    expect_iso("20 Nov 2019 07:50 EST", "2019-11-20T07:50:00-05:00");
    expect_iso("Wed, 20 Nov 2019 07:50:00 -0800 (PST)", "2019-11-20T07:50:00-08:00");
    /* asctime and Java's Date.toString put the year last */
    expect_iso("Tue Jan 28 15:28:56 CET 2020", "2020-01-28T15:28:56+01:00");
    expect_iso("Tue Jan 28 15:28:56 2020", "2020-01-28");
    /* JavaScript's Date.toString */
    expect_iso("Wed Nov 20 2019 07:50:00 GMT+0100 (Central European Standard Time)",
               "2019-11-20T07:50:00+01:00");
    expect_iso("Wed Nov 20 2019 07:50:00 UTC+05:30", "2019-11-20T07:50:00+05:30");
}

/* Month names and abbreviations in the seven languages, ordinals. */
static void test_month_names(void **state)
{
    (void)state;
    /* English */
    expect_found("April 9, 2019", "2019-04-09");
    expect_found("April 9th, 2019", "2019-04-09");
    expect_found("Apr. 9 2019", "2019-04-09");
    expect_found("9th of April 2019", "2019-04-09");
    expect_found("on 22nd September, 2019", "2019-09-22");
    expect_found("Sept 1st 2019", "2019-09-01");
    expect_found("DECEMBER 3, 2019", "2019-12-03");
    /* German, Austrian */
    expect_found("9. April 2019", "2019-04-09");
    expect_found("3. März 2020", "2020-03-03");
    expect_found("3. Maerz 2020", "2020-03-03");
    expect_found("1. Jänner 2021", "2021-01-01");
    expect_found("24. Dez. 2019", "2019-12-24");
    expect_found("Montag, 2. Oktober 2017", "2017-10-02");
    /* French */
    expect_found("9 avril 2019", "2019-04-09");
    expect_found("1er mai 2019", "2019-05-01");
    expect_found("3 févr. 2020", "2020-02-03");
    expect_found("15 août 2018", "2018-08-15");
    expect_found("le 2 décembre 2019", "2019-12-02");
    /* Spanish */
    expect_found("9 de abril de 2019", "2019-04-09");
    expect_found("12 de diciembre del 2019", "2019-12-12");
    expect_found("1º de enero de 2020", "2020-01-01");
    expect_found("3 sep. 2019", "2019-09-03");
    /* Italian */
    expect_found("9 aprile 2019", "2019-04-09");
    expect_found("1 gennaio 2020", "2020-01-01");
    expect_found("22 giugno 2018", "2018-06-22");
    /* Dutch */
    expect_found("9 april 2019", "2019-04-09");
    expect_found("3 maart 2020", "2020-03-03");
    expect_found("15 mei 2019", "2019-05-15");
    expect_found("1 okt. 2019", "2019-10-01");
    /* Portuguese */
    expect_found("9 de abril de 2019", "2019-04-09");
    expect_found("1º de março de 2020", "2020-03-01");
    expect_found("3 de outubro de 2019", "2019-10-03");
    expect_found("28 de fevereiro de 2021", "2021-02-28");
    /* Chinese, Japanese, Korean */
    expect_found("2019年11月20日", "2019-11-20");
    expect_found("发布时间：2019年1月5日 10:30", "2019-01-05");
    expect_found("2019년 11월 20일", "2019-11-20");
    /* a day the month does not have */
    expect_found("31 avril 2019", "");
    expect_found("April 2019", "");
    expect_found("9 April", "");
}

/* Numeric dates: dots are day first everywhere; slashes and dashes follow
 * the order given unless one field is above 12. */
static void test_numeric(void **state)
{
    (void)state;
    expect_found("20.11.2019", "2019-11-20");
    assert_string_equal(found("20.11.2019", DT_MDY), "2019-11-20");
    assert_string_equal(found("04.05.2019", DT_MDY), "2019-05-04");
    expect_found("20. 11. 2019", "2019-11-20");
    expect_found("11/20/2019", "2019-11-20");
    expect_found("20/11/2019", "2019-11-20");
    assert_string_equal(found("04/05/2019", DT_DMY), "2019-05-04");
    assert_string_equal(found("04/05/2019", DT_MDY), "2019-04-05");
    expect_found("20-11-2019", "2019-11-20");
    expect_found("20.11.19", "2019-11-20");
    expect_found("31.12.99", "1999-12-31");
    assert_string_equal(value("20.11.19", DT_DMY, 0), "-");
    expect_found("2019/11/20", "2019-11-20");
    expect_found("2019. 11. 20.", "2019-11-20");
    /* ambiguity is remembered */
    meta_date d;
    assert_true(dt_parse_value("04/05/2019", 10, DT_DMY, 0, &d));
    assert_true(d.ambiguous);
    assert_true(dt_parse_value("20/05/2019", 10, DT_DMY, 0, &d));
    assert_false(d.ambiguous);
    assert_true(dt_parse_value("04.05.2019", 10, DT_DMY, 0, &d));
    assert_false(d.ambiguous);
}

/* Lines as pages write them. */
static void test_lines(void **state)
{
    (void)state;
    expect_found("Aktualisiert am 19.11.2014, 10:03 Uhr", "2014-11-19");
    expect_found("Published 4:00 am CST, Wednesday, November 20, 2019",
                 "2019-11-20T04:00:00-06:00");
    expect_found("Updated 11:57 PM ET, Tue December 3, 2019", "2019-12-03");
    expect_found("Posted: Nov 20, 2019 / 07:50 PM EST", "2019-11-20T19:50:00-05:00");
    expect_found("le 14 juillet 2019 à 14h30", "2019-07-14");
    expect_found("Publicado el 9 de abril de 2019 a las 10:00 CEST", "2019-04-09T10:00:00+02:00");
    expect_found("Published 1.2.2019, updated 3.2.2019", "2019-02-01 2019-02-03");
    expect_found("20.11.2019 | 12:30 Uhr | Berlin", "2019-11-20");
    expect_found("12:30 a.m. GMT, 20 Nov 2019", "2019-11-20T00:30:00+00:00");
    expect_found("20.11.2019 10:00-12:00 Uhr", "2019-11-20");
    expect_found("2019-11-20 07:50:00-05:00", "2019-11-20T07:50:00-05:00");
    /* no date, or only part of one */
    expect_found("3 hours ago", "");
    expect_found("vor 3 Stunden", "");
    expect_found("il y a 2 jours", "");
    expect_found("Page 2 of 3", "");
    expect_found("Version 1.2.2019.5", "");
    expect_found("Tel. 030-12-1234", "");
    expect_found("10:03 Uhr", "");
    expect_found("Chapter 12", "");
}

static void test_format(void **state)
{
    (void)state;
    meta_date d = {.year = 2019,
                   .month = 11,
                   .day = 20,
                   .hour = 7,
                   .minute = 5,
                   .second = 9,
                   .has_time = 1,
                   .has_offset = 1,
                   .offset = -330};
    char out[DT_FORMAT_MAX];
    assert_int_equal(dt_format(&d, out), 25);
    assert_string_equal(out, "2019-11-20T07:05:09-05:30");
    d.has_offset = 0;
    dt_format(&d, out);
    assert_string_equal(out, "2019-11-20");
    assert_int_equal(dt_day_number(&(meta_date){.year = 1970, .month = 1, .day = 1}), 0);
    assert_int_equal(dt_day_number(&(meta_date){.year = 2000, .month = 3, .day = 1}), 11017);
    assert_int_equal(dt_day_number(&(meta_date){.year = 1969, .month = 12, .day = 31}), -1);
}

/* ---- choosing --------------------------------------------------------- */

static meta_record rec;

/* Parses html, marks id="keep" kept and id="drop" dropped, and runs
 * meta_find_dates with url and the hints. */
static void run(const char *html, const char *url, const meta_date_hint *hints, size_t count)
{
    parse_limits lim = {1 << 22, 512, 1 << 20};
    assert_int_equal(
        parse_document(&parser, (const unsigned char *)html, strlen(html), NULL, &lim, &doc),
        PARSE_OK);
    uint32_t n = tree_node_count(&doc);
    vec_reset(&marks);
    assert_int_equal(vec_reserve(&marks, 1, n), 0);
    memset(marks.items, EXT_NONE, n);
    marks.len = n;
    uint8_t *m = marks.items;
    for (node_id i = 1; i < n; i++) {
        size_t len;
        const char *id = tree_attr_get(&doc, i, ATTR_ID, &len);
        if (id && len == 4 && !memcmp(id, "keep", 4))
            m[i] = EXT_KEEP;
        else if (id && len == 4 && !memcmp(id, "drop", 4))
            m[i] = EXT_DROP;
    }
    arena_reset(&strings);
    memset(&rec, 0, sizeof rec);
    meta_input in = {.doc = &doc, .marks = m, .url = url, .now = NOW};
    assert_int_equal(meta_find_dates(&in, hints, count, &strings, &rec), 0);
}

static const char *published(void)
{
    return rec.pub.date_published ? rec.pub.date_published : "-";
}
static const char *modified(void)
{
    return rec.pub.date_modified ? rec.pub.date_modified : "-";
}
static const char *source(enum meta_field f)
{
    const char *s = meta_source_name((meta_source)rec.sources[f]);
    return s ? s : "-";
}

#define ARTICLE(head) "<html><body><nav>Home | News</nav>" head "<article id=keep>"
#define PARAS                                                                                      \
    "<p>The first paragraph of the story, long enough to be a paragraph and not a "                \
    "dateline.</p><p>A second paragraph follows it, again with some words.</p>"

static void test_url_patterns(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"https://example.com/2019/11/20/story.html", "2019-11-20"},
        {"https://example.com/news/20191120/story", "2019-11-20"},
        {"https://example.com/story-2019-11-20-title", "2019-11-20"},
        {"https://example.com/2019_11_20_story", "2019-11-20"},
        {"https://www.befifty.de/home/2017/7/12/unter-uns", "2017-07-12"},
        {"https://weisser-ring.de/meldungen/29-10-2021", "2021-10-29"},
        {"https://example.com/2019/11/story.html", "-"},
        {"https://example.com/story/1234567890", "-"},
        {"https://example.com/2019/13/40/story", "-"},
        {"https://2019-11-20.example.com/story", "-"},
        {"https://example.com/1994/11/20/story", "-"},
        {"https://example.com/2030/01/01/story", "-"},
        {"https://web.archive.org/web/20160218174457/http://example.de/2010/05/x", "-"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        run(ARTICLE("") PARAS "</article></body></html>", cases[i][0], NULL, 0);
        if (strcmp(published(), cases[i][1]))
            fail_msg("%s: %s, want %s", cases[i][0], published(), cases[i][1]);
        if (strcmp(cases[i][1], "-"))
            assert_string_equal(source(MF_DATE_PUBLISHED), "url");
    }
    /* a URL month picks the visible date of that month */
    run(ARTICLE("<p class=meta>12.10.2019 / 05.11.2019</p>") PARAS "</article>",
        "https://example.com/2019/11/story.html", NULL, 0);
    assert_string_equal(published(), "2019-11-05");
}

/* Dates only in the URL, and a hint that the URL confirms. */
static void test_url_and_hints(void **state)
{
    (void)state;
    const meta_date_hint two[] = {
        {META_SRC_JSON_LD, 0, "2019-11-19T23:10:00-05:00"},
        {META_SRC_OPENGRAPH, 0, "2019-11-20T04:10:00Z"},
    };
    run(ARTICLE("") PARAS "</article>", "https://example.com/2019/11/20/x", two, 2);
    assert_string_equal(published(), "2019-11-20T04:10:00Z");
    assert_string_equal(source(MF_DATE_PUBLISHED), "opengraph");
    run(ARTICLE("") PARAS "</article>", "https://example.com/x", two, 2);
    assert_string_equal(published(), "2019-11-19T23:10:00-05:00");
    assert_string_equal(source(MF_DATE_PUBLISHED), "json-ld");
}

/* The structured date, the visible dateline and the URL disagree: the one
 * the URL confirms wins; without the URL the structured one does. */
static void test_conflicting_dates(void **state)
{
    (void)state;
    const meta_date_hint hint[] = {{META_SRC_JSON_LD, 0, "2019-11-18"}};
    const char *html = ARTICLE("<h1>Title</h1><p class=byline>By Ann Smith, published November "
                               "20, 2019</p>") PARAS "</article>";
    run(html, "https://example.com/2019/11/20/title", hint, 1);
    assert_string_equal(published(), "2019-11-20");
    assert_string_equal(source(MF_DATE_PUBLISHED), "text");
    run(html, "https://example.com/title", hint, 1);
    assert_string_equal(published(), "2019-11-18");
    assert_string_equal(source(MF_DATE_PUBLISHED), "json-ld");
    /* without hints, the visible date */
    run(html, "https://example.com/title", NULL, 0);
    assert_string_equal(published(), "2019-11-20");
}

/* Published and modified kept apart, in every language's words. */
static void test_published_and_modified(void **state)
{
    (void)state;
    static const char *const lines[][3] = {
        {"Veröffentlicht am 19.11.2014 | Aktualisiert am 20.11.2014, 10:03 Uhr", "2014-11-19",
         "2014-11-20"},
        {"Published April 9, 2019. Updated April 10, 2019", "2019-04-09", "2019-04-10"},
        {"Publié le 9 avril 2019 à 10h00, mis à jour le 11 avril 2019", "2019-04-09", "2019-04-11"},
        {"Publicado el 9 de abril de 2019. Actualizado el 12 de abril de 2019", "2019-04-09",
         "2019-04-12"},
        {"Pubblicato il 9 aprile 2019, aggiornato il 13 aprile 2019", "2019-04-09", "2019-04-13"},
        {"Gepubliceerd op 9 april 2019, bijgewerkt op 14 april 2019", "2019-04-09", "2019-04-14"},
        {"Publicado em 9 de abril de 2019, atualizado em 15 de abril de 2019", "2019-04-09",
         "2019-04-15"},
    };
    char html[1024];
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        snprintf(html, sizeof html, ARTICLE("<h1>Title</h1><div id=drop>%s</div>") PARAS,
                 lines[i][0]);
        run(html, NULL, NULL, 0);
        if (strcmp(published(), lines[i][1]) || strcmp(modified(), lines[i][2]))
            fail_msg("%s: %s / %s", lines[i][0], published(), modified());
    }
    /* only an update stamp: no published date */
    run(ARTICLE("<p>Aktualisiert am 20.11.2014</p>") PARAS "</article>", NULL, NULL, 0);
    assert_string_equal(published(), "-");
    assert_string_equal(modified(), "2014-11-20");
    /* a modification before the publication is no modification */
    const meta_date_hint hints[] = {{META_SRC_JSON_LD, 0, "2019-05-02"},
                                    {META_SRC_JSON_LD, 1, "2019-05-01"}};
    run(ARTICLE("") PARAS, NULL, hints, 2);
    assert_string_equal(published(), "2019-05-02");
    assert_string_equal(modified(), "-");
}

/* <time datetime>, pubdate, itemprop and hAtom. */
static void test_time_elements(void **state)
{
    (void)state;
    run(ARTICLE("<time datetime=\"2019-11-20T07:50:00+01:00\" pubdate>20. November</time>") PARAS,
        NULL, NULL, 0);
    assert_string_equal(published(), "2019-11-20T07:50:00+01:00");
    assert_string_equal(source(MF_DATE_PUBLISHED), "time");
    run(ARTICLE("<p>Updated <time datetime=\"2019-11-21\">yesterday</time></p><p>Posted <time "
                "datetime=\"2019-11-20\">Wednesday</time></p>") PARAS,
        NULL, NULL, 0);
    assert_string_equal(published(), "2019-11-20");
    assert_string_equal(modified(), "2019-11-21");
    run(ARTICLE("<time>April 9, 2019</time>") PARAS, NULL, NULL, 0);
    assert_string_equal(published(), "2019-04-09");
    /* hAtom under the post, the blog way */
    run("<html><body><article id=keep>" PARAS "</article><div class=postmeta>Posted in News "
        "<abbr class=\"published\" title=\"2009-08-06T14:12:32+0200\">6. August 2009</abbr>"
        "</div></body></html>",
        NULL, NULL, 0);
    assert_string_equal(published(), "2009-08-06T14:12:32+02:00");
}

/* A live blog: many times and entries; the article's date is the one at
 * its top, the entries' times are no dates. */
static void test_live_blog(void **state)
{
    (void)state;
    run(ARTICLE(
            "<h1>Live: the vote</h1><p class=dateline>20.11.2019, 08:00 Uhr</p>") "<div><p>18:45 "
                                                                                  "Uhr</p><p>The "
                                                                                  "results are in, "
                                                                                  "and the count "
                                                                                  "goes on into "
                                                                                  "the "
                                                                                  "night.</p></"
                                                                                  "div><div><p>14:"
                                                                                  "10 "
                                                                                  "Uhr</"
                                                                                  "p><p>Turnout is "
                                                                                  "higher than "
                                                                                  "last time, "
                                                                                  "officials "
                                                                                  "say, at least "
                                                                                  "in the "
                                                                                  "city.</p></"
                                                                                  "div><div><p><"
                                                                                  "time "
                                                                                  "datetime=\"2019-"
                                                                                  "11-20T09:00:00+"
                                                                                  "01:00"
                                                                                  "\">09:00</"
                                                                                  "time></"
                                                                                  "p><p>Polls open "
                                                                                  "across the "
                                                                                  "country, and "
                                                                                  "queues form "
                                                                                  "early.</p></div>"
                                                                                  "<p>Aktualisiert:"
                                                                                  " 20.11.2019, "
                                                                                  "18:50 "
                                                                                  "Uhr</p></"
                                                                                  "article>",
        "https://example.de/live/the-vote", NULL, 0);
    assert_string_equal(published(), "2019-11-20");
    assert_string_equal(modified(), "2019-11-20");
}

/* Dates before the web or after the fetch are rejected. */
static void test_plausibility(void **state)
{
    (void)state;
    const meta_date_hint old[] = {{META_SRC_JSON_LD, 0, "1994-12-31"}};
    run(ARTICLE("") PARAS, NULL, old, 1);
    assert_string_equal(published(), "-");
    const meta_date_hint future[] = {{META_SRC_JSON_LD, 0, "2026-01-03"}};
    run(ARTICLE("") PARAS, NULL, future, 1);
    assert_string_equal(published(), "-");
    /* a day of slack for time zones */
    const meta_date_hint tomorrow[] = {{META_SRC_JSON_LD, 0, "2026-01-02T01:00:00+14:00"}};
    run(ARTICLE("") PARAS, NULL, tomorrow, 1);
    assert_string_equal(published(), "2026-01-02T01:00:00+14:00");
    /* the story's history is not the page's date */
    run(ARTICLE("<p class=date>On 9 November 1989</p>") PARAS, NULL, NULL, 0);
    assert_string_equal(published(), "-");
}

/* Without hints, dates.c reads the common tags itself. */
static void test_fallback_tags(void **state)
{
    (void)state;
    run("<html><head><meta property=\"article:published_time\" content=\"2019-11-20T07:50:00Z\">"
        "<meta property=\"article:modified_time\" content=\"2019-11-21T08:00:00Z\">"
        "</head><body><article id=keep>" PARAS "</article></body></html>",
        NULL, NULL, 0);
    assert_string_equal(published(), "2019-11-20T07:50:00Z");
    assert_string_equal(source(MF_DATE_PUBLISHED), "opengraph");
    assert_string_equal(modified(), "2019-11-21T08:00:00Z");
    run("<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"datePublished\" : \"2019-11-18\", \"dateModified\": \"2019-11-19\"}</script>"
        "<meta name=date content=\"2019-11-17\"></head><body><article id=keep>" PARAS
        "</article></body></html>",
        NULL, NULL, 0);
    assert_string_equal(published(), "2019-11-18");
    assert_string_equal(source(MF_DATE_PUBLISHED), "json-ld");
    assert_string_equal(modified(), "2019-11-19");
    /* with hints, the page's tags are meta.c's business */
    const meta_date_hint hint[] = {{META_SRC_META, 0, "2019-11-16"}};
    run("<html><head><meta property=\"article:published_time\" content=\"2019-11-20\">"
        "</head><body><article id=keep>" PARAS "</article></body></html>",
        NULL, hint, 1);
    assert_string_equal(published(), "2019-11-16");
}

/* "11/01/2023" in a tag is the first of November when the page writes
 * "01.11.2023". */
static void test_ambiguous_order(void **state)
{
    (void)state;
    run("<html><head><meta name=date content=\"11/01/2023 12:43:42\"></head><body>"
        "<article id=keep>" PARAS "<p>Erstellt am: 01.11.2023</p></article></body></html>",
        NULL, NULL, 0);
    assert_string_equal(published(), "2023-11-01");
    run("<html><head><meta name=date content=\"11/01/2023\"></head><body><article id=keep>" PARAS
        "</article></body></html>",
        NULL, NULL, 0);
    assert_string_equal(published(), "2023-11-01");
    run("<html lang=de><head><meta name=date content=\"11/01/2023\"></head><body>"
        "<article id=keep>" PARAS "</article></body></html>",
        NULL, NULL, 0);
    assert_string_equal(published(), "2023-01-11");
}

/* A UTC instant on a page of a single-zone country is written in its
 * offset: the calendar day is the publisher's. */
static void test_country_offset(void **state)
{
    (void)state;
    const meta_date_hint winter[] = {{META_SRC_JSON_LD, 0, "2019-11-20T23:30:00Z"}};
    run(ARTICLE("") PARAS, "https://www.example.de/story", winter, 1);
    assert_string_equal(published(), "2019-11-21T00:30:00+01:00");
    const meta_date_hint summer[] = {{META_SRC_JSON_LD, 0, "2019-10-18T22:04:00Z"}};
    run(ARTICLE("") PARAS, "https://www.example.at/story", summer, 1);
    assert_string_equal(published(), "2019-10-19T00:04:00+02:00");
    const meta_date_hint brazil[] = {{META_SRC_JSON_LD, 0, "2022-01-01T00:44:52Z"}};
    run(ARTICLE("") PARAS, "https://www.example.com.br/story", brazil, 1);
    assert_string_equal(published(), "2021-12-31T21:44:52-03:00");
    /* elsewhere, or with an offset already, as written */
    run(ARTICLE("") PARAS, "https://www.example.com/story", winter, 1);
    assert_string_equal(published(), "2019-11-20T23:30:00Z");
    const meta_date_hint offset[] = {{META_SRC_JSON_LD, 0, "2019-11-20T23:30:00-05:00"}};
    run(ARTICLE("") PARAS, "https://www.example.de/story", offset, 1);
    assert_string_equal(published(), "2019-11-20T23:30:00-05:00");
}

/* Far from the article, only labelled or date-named lines count, and
 * only when nothing nearer does. */
static void test_far_dates(void **state)
{
    (void)state;
    const char *tail = "<div>a</div><div>b</div><div>c</div><div>d</div><div>e</div><div>f</div>"
                       "<div>g</div><div>h</div><div>i</div>";
    char html[2048];
    snprintf(html, sizeof html,
             "<html><body><article id=keep>" PARAS "</article>%s<p>Sitemap 12.10.2023</p>"
             "<p>Erschienen am: 01.11.2023</p></body></html>",
             tail);
    run(html, NULL, NULL, 0);
    assert_string_equal(published(), "2023-11-01");
    snprintf(html, sizeof html,
             "<html><body><article id=keep><p>20.10.2023</p>" PARAS
             "</article>%s<p>Erschienen am: 01.11.2023</p></body></html>",
             tail);
    run(html, NULL, NULL, 0);
    assert_string_equal(published(), "2023-10-20");
}

/* The article ends with its last kept text: a dropped "Last update:"
 * line under a long kept container is its tail, not far away. */
static void test_update_under_article(void **state)
{
    (void)state;
    char html[8192];
    size_t k = (size_t)snprintf(html, sizeof html, "<html><body><article id=keep>");
    for (int i = 0; i < 45; i++)
        k += (size_t)snprintf(html + k, sizeof html - k, "<p>Paragraph %d of the guide.</p>", i);
    snprintf(html + k, sizeof html - k,
             "<div id=drop><small>Last update: <span>March 4, 2024</span></small></div>"
             "</article><footer>Next page</footer></body></html>");
    run(html, NULL, NULL, 0);
    assert_string_equal(modified(), "2024-03-04");
    assert_string_equal(published(), "-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_table),
        cmocka_unit_test(test_iso),
        cmocka_unit_test(test_rfc2822),
        cmocka_unit_test(test_month_names),
        cmocka_unit_test(test_numeric),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_url_patterns),
        cmocka_unit_test(test_url_and_hints),
        cmocka_unit_test(test_conflicting_dates),
        cmocka_unit_test(test_published_and_modified),
        cmocka_unit_test(test_time_elements),
        cmocka_unit_test(test_live_blog),
        cmocka_unit_test(test_plausibility),
        cmocka_unit_test(test_fallback_tags),
        cmocka_unit_test(test_ambiguous_order),
        cmocka_unit_test(test_country_offset),
        cmocka_unit_test(test_far_dates),
        cmocka_unit_test(test_update_under_article),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
