/* test_meta.c — the record's sources (src/meta/): small hand-written pages
 * through pith_extract, and the name and credit splitters on their own.
 * Every expectation is exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meta/internal.h"
#include "pith.h"

static pith_extractor *ex;

static int setup(void **state)
{
    (void)state;
    return pith_extractor_new(NULL, &ex) == PITH_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pith_extractor_free(ex);
    return 0;
}

/* Two paragraphs of prose, so that extraction has an article to keep. */
#define BODY_TEXT                                                                                  \
    "<p>The council met on Tuesday evening to discuss the new budget for the coming year, "        \
    "and after a long debate the members agreed on most of the proposals put before them."         \
    "</p><p>Several residents spoke during the public session, asking questions about the "        \
    "roads, the schools and the library, which will close for repairs in the spring.</p>"          \
    "<p>The final vote is expected next month, once the finance committee has reviewed the "       \
    "figures again and published its report for everyone to read in full.</p>"

static const pith_record *extract(const char *html, const char *url, const pith_doc **doc)
{
    pith_input in = {.url = url};
    const pith_doc *d = NULL;
    assert_int_equal(pith_extract(ex, html, strlen(html), &in, &d), PITH_OK);
    if (doc)
        *doc = d;
    return pith_doc_record(d);
}

static void assert_list(const char *const *items, size_t count, const char *const *expected)
{
    size_t n = 0;
    while (expected[n])
        n++;
    assert_int_equal(count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(items[i], expected[i]);
}

static void jsonld_graph(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>Budget agreed | City Times</title>"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"@id\":\"https://example.org/#site\",\"name\":\"City Times\"},"
        "{\"@type\":\"Person\",\"@id\":\"https://example.org/#jane\",\"name\":\"Jane Doe\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Budget agreed\",\"author\":{\"@id\":"
        "\"https://example.org/#jane\"},\"datePublished\":\"2021-03-04T10:00:00+01:00\","
        "\"keywords\":\"budget, council\",\"articleSection\":\"Local\",\"image\":{\"@type\":"
        "\"ImageObject\",\"url\":\"/img/budget.jpg\"},\"publisher\":{\"@type\":\"Organization\","
        "\"name\":\"City Times\"}}]}</script></head><body><article><h1>Budget agreed</h1>" BODY_TEXT
        "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(html, "https://example.org/news/budget.html", &doc);
    assert_string_equal(r->title, "Budget agreed");
    assert_string_equal(pith_doc_source(doc, "title"), "json-ld");
    assert_list(r->authors, r->author_count, (const char *const[]){"Jane Doe", NULL});
    assert_string_equal(pith_doc_source(doc, "authors"), "json-ld");
    assert_string_equal(r->site_name, "City Times");
    assert_non_null(r->date_published);
    assert_memory_equal(r->date_published, "2021-03-04", 10);
    assert_list(r->tags, r->tag_count, (const char *const[]){"budget", "council", NULL});
    assert_list(r->categories, r->category_count, (const char *const[]){"Local", NULL});
    assert_string_equal(r->image.url, "https://example.org/img/budget.jpg");
    assert_true(r->is_article > 0.5);
}

static void several_authors(void **state)
{
    (void)state;
    const char *html =
        "<html><head><script type=\"application/ld+json\">[{\"@type\":\"BlogPosting\","
        "\"headline\":\"A day at the council\",\"author\":[{\"@type\":\"Person\",\"name\":"
        "\"Ann Lee\"},\"By Bo Chen\",{\"@type\":\"Person\",\"givenName\":\"Cy\",\"familyName\":"
        "\"Dunn\"},{\"@type\":\"Person\",\"name\":\"Ann Lee\"}]}]</script></head><body>"
        "<article><h1>A day at the council</h1>" BODY_TEXT "</article></body></html>";
    const pith_record *r = extract(html, NULL, NULL);
    assert_list(r->authors, r->author_count,
                (const char *const[]){"Ann Lee", "Bo Chen", "Cy Dunn", NULL});
}

static void broken_jsonld(void **state)
{
    (void)state;
    /* An HTML comment around it, a raw line break inside a string and
     * trailing commas: repaired, then read. */
    const char *html =
        "<html><head><script type=\"application/ld+json\"><!--\n{\"@type\":\"Article\","
        "\"headline\":\"Roads to\nbe repaired\",\"author\":{\"name\":\"Eve Stone\",},"
        "\"keywords\":[\"roads\",],}\n--></script></head><body><article>"
        "<h1>Roads to be repaired</h1>" BODY_TEXT "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(html, NULL, &doc);
    assert_string_equal(r->title, "Roads to be repaired");
    assert_string_equal(pith_doc_source(doc, "title"), "json-ld");
    assert_list(r->authors, r->author_count, (const char *const[]){"Eve Stone", NULL});
    assert_list(r->tags, r->tag_count, (const char *const[]){"roads", NULL});
}

static void only_opengraph(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>ignored</title>"
        "<meta property=\"og:title\" content=\"Library closes for repairs | City Times\">"
        "<meta property=\"og:site_name\" content=\"City Times\">"
        "<meta property=\"og:description\" content=\"The library will close in spring.\">"
        "<meta property=\"og:image\" content=\"../pics/library.jpg\">"
        "<meta property=\"og:url\" content=\"https://example.org/news/library\">"
        "<meta property=\"article:author\" content=\"https://facebook.com/someone\">"
        "<meta property=\"article:author\" content=\"Max Muster\">"
        "<meta property=\"article:tag\" content=\"library\">"
        "</head><body><div>" BODY_TEXT "</div></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(html, "https://example.org/news/2021/library.html", &doc);
    assert_string_equal(r->title, "Library closes for repairs");
    assert_string_equal(pith_doc_source(doc, "title"), "opengraph");
    assert_string_equal(r->site_name, "City Times");
    assert_string_equal(r->description, "The library will close in spring.");
    assert_string_equal(r->image.url, "https://example.org/news/pics/library.jpg");
    assert_string_equal(r->canonical_url, "https://example.org/news/library");
    /* A profile URL names no one. */
    assert_list(r->authors, r->author_count, (const char *const[]){"Max Muster", NULL});
    assert_list(r->tags, r->tag_count, (const char *const[]){"library", NULL});
}

static void german_byline(void **state)
{
    (void)state;
    const char *html =
        "<html lang=\"de\"><head><title>Stadtrat beschließt Haushalt</title></head><body>"
        "<article><h1>Stadtrat beschließt Haushalt</h1>"
        "<p class=\"meta\">Von Redakteurin Claudia Brandt und Peter Maier | "
        "04.03.2012</p>" BODY_TEXT "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(html, NULL, &doc);
    assert_list(r->authors, r->author_count,
                (const char *const[]){"Claudia Brandt", "Peter Maier", NULL});
    assert_string_equal(pith_doc_source(doc, "authors"), "byline");
}

static void title_site_suffix(void **state)
{
    (void)state;
    const char *html = "<html><head><title>Council agrees budget for next year - Example News"
                       "</title><meta property=\"og:site_name\" content=\"Example News\"></head>"
                       "<body><div>" BODY_TEXT "</div></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(html, "https://www.example-news.com/a/1", &doc);
    assert_string_equal(r->title, "Council agrees budget for next year");
    assert_string_equal(pith_doc_source(doc, "title"), "title-tag");
    /* The domain names the site too, when nothing else does. */
    html = "<html><head><title>Examplenews.com | Council agrees budget for next year</title>"
           "</head><body><div>" BODY_TEXT "</div></body></html>";
    r = extract(html, "https://www.examplenews.com/a/1", NULL);
    assert_string_equal(r->title, "Council agrees budget for next year");
    assert_null(r->site_name);
}

static void kicker_in_og_title(void **state)
{
    (void)state;
    /* og:title carries the kicker; the page's headline is the title. */
    const char *html =
        "<html><head><meta property=\"og:title\" content=\"Haushalt: Der Stadtrat hat "
        "entschieden\"></head><body><article><header><p class=\"kicker\">Haushalt</p>"
        "<h1>Der Stadtrat hat entschieden</h1></header>" BODY_TEXT "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(html, NULL, &doc);
    assert_string_equal(r->title, "Der Stadtrat hat entschieden");
    assert_string_equal(pith_doc_source(doc, "title"), "headline");
}

static void figure_data_src(void **state)
{
    (void)state;
    const char *html =
        "<html><head><meta property=\"og:image\" content=\"https://cdn.example.org/big/"
        "hall.jpg\"></head><body><article><h1>The town hall</h1>" BODY_TEXT
        "<figure><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/small/"
        "hall.jpg\" alt=\"The hall\"><figcaption>The town hall at night. Foto: dpa"
        "</figcaption></figure>" BODY_TEXT "</article></body></html>";
    const pith_record *r = extract(html, "https://example.org/a/b.html", NULL);
    assert_int_equal(r->figure_count, 1);
    assert_string_equal(r->figures[0].url, "https://example.org/small/hall.jpg");
    assert_string_equal(r->figures[0].alt, "The hall");
    assert_string_equal(r->figures[0].caption, "The town hall at night.");
    assert_string_equal(r->figures[0].credit, "dpa");
    /* The lead image is the declared one; the figure showing the same
     * file lends it its caption and credit. */
    assert_string_equal(r->image.url, "https://cdn.example.org/big/hall.jpg");
    assert_string_equal(r->image.caption, "The town hall at night.");
    assert_string_equal(r->image.credit, "dpa");
}

static void credit_element(void **state)
{
    (void)state;
    const char *html = "<html><body><article><h1>The bridge</h1>" BODY_TEXT
                       "<figure><img src=\"bridge.jpg\"><figcaption><span>The old bridge.</span>"
                       "<span class=\"credit\">Photo: AP</span></figcaption></figure>" BODY_TEXT
                       "</article></body></html>";
    const pith_record *r = extract(html, "https://example.org/a/", NULL);
    assert_int_equal(r->figure_count, 1);
    assert_string_equal(r->figures[0].url, "https://example.org/a/bridge.jpg");
    assert_string_equal(r->figures[0].caption, "The old bridge.");
    assert_string_equal(r->figures[0].credit, "AP");
    assert_string_equal(r->image.url, "https://example.org/a/bridge.jpg");
}

static void caption_credits(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    static const struct {
        const char *text, *caption, *credit;
    } cases[] = {
        {"Kim Jong-un in einer Fabrik Bild: Reuters", "Kim Jong-un in einer Fabrik", "Reuters"},
        {"Demonstranten in Berlin. Foto: dpa", "Demonstranten in Berlin.", "dpa"},
        {"A crowd in the square (Photo: AP)", "A crowd in the square", "AP"},
        {"The harbour at dawn | Credit: Jane Roe", "The harbour at dawn", "Jane Roe"},
        {"Une rue de Paris \xc2\xa9 AFP", "Une rue de Paris", "AFP"},
        {"Image copyright Getty Images", NULL, "Getty Images"},
        {"A caption without a credit.", "A caption without a credit.", NULL},
        {"Photographer at work in the studio", "Photographer at work in the studio", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *caption, *credit;
        assert_int_equal(meta_split_credit(&a, cases[i].text, &caption, &credit), 0);
        if (cases[i].caption)
            assert_string_equal(caption, cases[i].caption);
        else
            assert_null(caption);
        if (cases[i].credit)
            assert_string_equal(credit, cases[i].credit);
        else
            assert_null(credit);
    }
    arena_free(&a);
}

static void author_names(void **state)
{
    (void)state;
    meta_ctx *m = meta_ctx_new();
    assert_non_null(m);
    arena a;
    arena_init(&a, 0);
    meta_record rec;
    meta_input in = {0};
    meta_run r = {m, &in, NULL, &a, &rec, 0, 0};
    static const struct {
        const char *raw;
        const char *names[4];
    } cases[] = {
        {"By Jane Doe and John Roe, Staff Writers", {"Jane Doe", "John Roe"}},
        {"Von Redakteurin Claudia Brandt | 04.03.2012", {"Claudia Brandt"}},
        {"Par Claire Lemoine et Paul Martin", {"Claire Lemoine", "Paul Martin"}},
        {"Por Ana Ruiz y Luis Gómez", {"Ana Ruiz", "Luis Gómez"}},
        {"Di Marco Rossi", {"Marco Rossi"}},
        {"Door Jan de Vries en Piet Jansen", {"Jan de Vries", "Piet Jansen"}},
        {"Ann, Bob and Cy", {"Ann", "Bob", "Cy"}},
        {"Written by Sam Hill for The Daily Planet", {"Sam Hill"}},
        {"jane@example.org", {NULL}},
        {"Rebecca Lake, CEPF®", {"Rebecca Lake"}},
        {"Ellen Lindell, VMD, DACVB", {"Ellen Lindell"}},
        {"Credit", {NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        vec out = {0};
        int added = meta_split_authors(&r, cases[i].raw, 1, &out);
        size_t n = 0;
        while (n < 4 && cases[i].names[n])
            n++;
        assert_int_equal(added, (int)n);
        for (size_t k = 0; k < n; k++)
            assert_string_equal(VEC_AT(out, const char *, k), cases[i].names[k]);
        vec_free(&out);
    }
    arena_free(&a);
    meta_ctx_free(m);
}

static void reading_time(void **state)
{
    (void)state;
    const char *stated = "<html><body><article><h1>Roads</h1><div class=\"readtime\">4 Min."
                         "</div>" BODY_TEXT "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(stated, NULL, &doc);
    assert_int_equal(r->reading_time_minutes, 4);
    assert_string_equal(pith_doc_source(doc, "reading_time_minutes"), "text");
    /* None stated: from the words, 238 a minute. */
    const char *plain = "<html><body><article><h1>Roads</h1>" BODY_TEXT "</article></body></html>";
    r = extract(plain, NULL, &doc);
    assert_int_equal(r->word_count, 83);
    assert_int_equal(r->reading_time_minutes, 1);
    assert_string_equal(pith_doc_source(doc, "reading_time_minutes"), "extraction");
}

/* The seed page of issue 8. */
static void seed_page(void **state)
{
    (void)state;
    FILE *f = fopen("examples/faz-nordkorea.html", "rb");
    assert_non_null(f);
    static char page[1 << 20];
    size_t len = fread(page, 1, sizeof page, f);
    fclose(f);
    pith_input in = {0};
    const pith_doc *doc;
    assert_int_equal(pith_extract(ex, page, len, &in, &doc), PITH_OK);
    const pith_record *r = pith_doc_record(doc);
    assert_string_equal(r->kicker, "Werben um Putins Gunst");
    assert_string_equal(r->title, "Nordkorea spielt die russische Karte");
    assert_string_equal(r->site_name, "Frankfurter Allgemeine Zeitung");
    assert_string_equal(r->description,
                        "Vor der Abstimmung über eine UN-Resolution zur Menschenrechtslage in "
                        "Nordkorea sieht sich das Regime wieder einmal isoliert. Jetzt hofft es "
                        "auf Präsident Putin, der dem Westen die Stirn bietet.");
    assert_string_equal(r->image.caption, "Auf diesem undatierten offiziellen Bild aus "
                                          "Nordkorea inspiziert Kim Jong-un angeblich eine "
                                          "Lebensmittelfabrik");
    assert_string_equal(r->image.credit, "Reuters");
    assert_int_equal(r->reading_time_minutes, 2);
    assert_list(r->categories, r->category_count, (const char *const[]){"Ausland", NULL});
    assert_true(r->is_article > 0.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonld_graph),       cmocka_unit_test(several_authors),
        cmocka_unit_test(broken_jsonld),      cmocka_unit_test(only_opengraph),
        cmocka_unit_test(german_byline),      cmocka_unit_test(title_site_suffix),
        cmocka_unit_test(kicker_in_og_title), cmocka_unit_test(figure_data_src),
        cmocka_unit_test(credit_element),     cmocka_unit_test(caption_credits),
        cmocka_unit_test(author_names),       cmocka_unit_test(reading_time),
        cmocka_unit_test(seed_page),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
