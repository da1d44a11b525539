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
        {"Von Katrin Vogel und Jens Albrecht 12.03.2023, 14:05 Uhr",
         {"Katrin Vogel", "Jens Albrecht"}},
        {"By Jason Bates June 3, 2020", {"Jason Bates"}},
        /* job titles and descriptions after the names are no names */
        {"By Mara Quill and Tobias Fenn, Extension garden educators", {"Mara Quill", "Tobias Fenn"}},
        {"By Jane Roe, Trial Attorney", {"Jane Roe"}},
        {"Lena Marsh, Co-Founder", {"Lena Marsh"}},
        /* a forum's "name » date" line */
        {"Quill Rider » Tue Mar 05, 2024 8:31 am", {"Quill Rider"}},
        {"\xe8\xae\xb0\xe8\x80\x85\xef\xbc\x9a\xe9\x99\x88\xe6\x99\x93\xe9\x9b\xaf",
         {"\xe9\x99\x88\xe6\x99\x93\xe9\x9b\xaf"}},
        {"\xe9\x99\x88\xe6\x99\x93\xe9\x9b\xaf\xe3\x80\x81\xe7\x8e\x8b\xe6\x98\x8e",
         {"\xe9\x99\x88\xe6\x99\x93\xe9\x9b\xaf", "\xe7\x8e\x8b\xe6\x98\x8e"}},
        {"\xed\x99\x8d\xea\xb8\xb8\xeb\x8f\x99 \xea\xb8\xb0\xec\x9e\x90 hong@example.com",
         {"\xed\x99\x8d\xea\xb8\xb8\xeb\x8f\x99"}},
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

/* The declared description stands, unless it is the standfirst cut
 * short; with none declared, the standfirst, else the first paragraph. */
static void description_choice(void **state)
{
    (void)state;
    const char *cut =
        "<html><head><meta name=\"description\" content=\"The council agreed the budget on "
        "Tuesday.\"></head><body><article><h1>Budget agreed</h1><p class=\"article__chapo\">"
        "The council agreed the budget on Tuesday, after a long debate. The vote was close."
        "</p>" BODY_TEXT "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(cut, NULL, &doc);
    assert_string_equal(r->description, "The council agreed the budget on Tuesday, after a "
                                        "long debate. The vote was close.");
    assert_string_equal(pith_doc_source(doc, "description"), "extraction");
    const char *other =
        "<html><head><meta name=\"description\" content=\"A new budget for the city.\">"
        "</head><body><article><h1>Budget agreed</h1><p class=\"article__chapo\">The council "
        "agreed the budget on Tuesday, after a long debate. The vote was close.</p>" BODY_TEXT
        "</article></body></html>";
    r = extract(other, NULL, &doc);
    assert_string_equal(r->description, "A new budget for the city.");
    assert_string_equal(pith_doc_source(doc, "description"), "meta");
    const char *none = "<html><body><article><h1>Budget agreed</h1>" BODY_TEXT
                       "</article></body></html>";
    r = extract(none, NULL, &doc);
    assert_string_equal(r->description, "The council met on Tuesday evening to discuss the new "
                                        "budget for the coming year, and after a long debate the "
                                        "members agreed on most of the proposals put before them.");
    assert_string_equal(pith_doc_source(doc, "description"), "extraction");
    const char *lead = "<html><body><article><h1>Budget agreed</h1><p class=\"lead\">The "
                       "council agreed the budget on Tuesday, after a long debate.</p>" BODY_TEXT
                       "</article></body></html>";
    r = extract(lead, NULL, NULL);
    assert_string_equal(r->description,
                        "The council agreed the budget on Tuesday, after a long debate.");
}

/* A JSON-LD description that og:description and the meta description both
 * contradict, in the same words, gives way to theirs; a lone disagreeing
 * one stands. An unrendered template ("{{ ... }}") or the site's name is
 * no description. */
static void description_sources(void **state)
{
    (void)state;
    const char *outvoted =
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"description\": \"The city news site\"}</script>"
        "<meta property=\"og:description\" content=\"The council agreed the budget.\">"
        "<meta name=\"description\" content=\"The council agreed the budget.\">"
        "</head><body><article><h1>Budget agreed</h1>" BODY_TEXT "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(outvoted, NULL, &doc);
    assert_string_equal(r->description, "The council agreed the budget.");
    assert_string_equal(pith_doc_source(doc, "description"), "opengraph");
    const char *alone =
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"description\": \"The budget, in short.\"}</script>"
        "<meta property=\"og:description\" content=\"The council agreed the budget.\">"
        "<meta name=\"description\" content=\"A new budget for the city.\">"
        "</head><body><article><h1>Budget agreed</h1>" BODY_TEXT "</article></body></html>";
    r = extract(alone, NULL, &doc);
    assert_string_equal(r->description, "The budget, in short.");
    assert_string_equal(pith_doc_source(doc, "description"), "json-ld");
    const char *template =
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"description\": \"{{ seo.teaser(entry) }}\"}</script>"
        "<meta property=\"og:description\" content=\"The council agreed the budget.\">"
        "</head><body><article><h1>Budget agreed</h1>" BODY_TEXT "</article></body></html>";
    r = extract(template, NULL, &doc);
    assert_string_equal(r->description, "The council agreed the budget.");
    assert_string_equal(pith_doc_source(doc, "description"), "opengraph");
    /* The site's name for a description: the first paragraph instead. */
    const char *site =
        "<html><head><meta property=\"og:site_name\" content=\"Town Crier\">"
        "<meta property=\"og:description\" content=\"++ Town Crier ++\">"
        "</head><body><article><h1>Budget agreed</h1>" BODY_TEXT "</article></body></html>";
    r = extract(site, "https://towncrier.example/budget", &doc);
    assert_string_equal(r->description, "The council met on Tuesday evening to discuss the new "
                                        "budget for the coming year, and after a long debate the "
                                        "members agreed on most of the proposals put before them.");
    assert_string_equal(pith_doc_source(doc, "description"), "extraction");
}

/* Inline elements' texts meet without a space before a hyphen, a dash set
 * close or a footnote mark; letters on both sides keep one. */
static void lead_inline_joins(void **state)
{
    (void)state;
    const char *html =
        "<html><body><article><h1>Matrices</h1><p>A matrix equal to its own <a href=\"/t\">"
        "conjugate transpose</a>\xe2\x80\x94that is, the element in the <i>i</i>-th row is "
        "equal to the one in the <i>j</i>-th column, with few exceptions.<sup><a href=\"#n1\">"
        "[1]</a></sup> It is named after <a href=\"/h\">Charles Hermite</a>.</p>" BODY_TEXT
        "</article></body></html>";
    const pith_record *r = extract(html, NULL, NULL);
    assert_string_equal(r->description,
                        "A matrix equal to its own conjugate transpose\xe2\x80\x94that is, the "
                        "element in the i-th row is equal to the one in the j-th column, with few "
                        "exceptions.[1] It is named after Charles Hermite.");
}

/* og:image:secure_url, the first image's HTTPS address, before its
 * og:image; a later image's secure_url does not displace the first image. */
static void og_image_secure_url(void **state)
{
    (void)state;
    const char *first =
        "<html><head><meta property=\"og:image\" content=\"https://img.example.org/small.gif\">"
        "<meta property=\"og:image:secure_url\" content=\"https://img.example.org/large.jpg\">"
        "</head><body><article><h1>Budget agreed</h1>" BODY_TEXT "</article></body></html>";
    const pith_record *r = extract(first, NULL, NULL);
    assert_string_equal(r->image.url, "https://img.example.org/large.jpg");
    const char *later =
        "<html><head><meta property=\"og:image\" content=\"https://img.example.org/one.jpg\">"
        "<meta property=\"og:image\" content=\"https://img.example.org/two.jpg\">"
        "<meta property=\"og:image:secure_url\" content=\"https://img.example.org/two-s.jpg\">"
        "</head><body><article><h1>Budget agreed</h1>" BODY_TEXT "</article></body></html>";
    r = extract(later, NULL, NULL);
    assert_string_equal(r->image.url, "https://img.example.org/one.jpg");
}

/* The declared headline with plainer punctuation: the printed one. */
static void title_punctuation(void **state)
{
    (void)state;
    const char *html =
        "<html><head><meta property=\"og:title\" content=\"The council's &quot;big&quot; "
        "budget - agreed\"></head><body><article><h1>The council\xe2\x80\x99s \xe2\x80\x9c" "big"
        "\xe2\x80\x9d budget \xe2\x80\x93 agreed</h1>" BODY_TEXT "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(html, NULL, &doc);
    assert_string_equal(r->title, "The council\xe2\x80\x99s \xe2\x80\x9c" "big"
                                  "\xe2\x80\x9d budget \xe2\x80\x93 agreed");
    assert_string_equal(pith_doc_source(doc, "title"), "headline");
}

/* Visible bylines: an element named for the author in the page's
 * language, the byline part of a longer line, bare names, CJK labels. */
static void visible_bylines(void **state)
{
    (void)state;
    static const struct {
        const char *byline;
        const char *names[3];
    } cases[] = {
        {"<div class=\"article__meta\"><span class=\"article__auteur\">Par Claire Lemoine</span>"
         " <span>Publi\xc3\xa9 le 26/02/2024 \xc3\xa0 06h30</span></div>",
         {"Claire Lemoine"}},
        {"<div class=\"info\"><span>Von Katrin Vogel und Jens Albrecht</span> "
         "<span>12.03.2023, 14:05 Uhr</span></div>",
         {"Katrin Vogel", "Jens Albrecht"}},
        {"<p class=\"materia__autor\">Renato Albuquerque</p>", {"Renato Albuquerque"}},
        {"<span class=\"author\">\xe8\xae\xb0\xe8\x80\x85\xef\xbc\x9a\xe9\x99\x88\xe6\x99\x93"
         "\xe9\x9b\xaf</span>",
         {"\xe9\x99\x88\xe6\x99\x93\xe9\x9b\xaf"}},
        {"<footer class=\"node__meta\"><div>Von <span class=\"field--name-uid\">Martin Keller"
         "</span>, 22.05.2024 - 11:30</div></footer>",
         {"Martin Keller"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[4096];
        snprintf(html, sizeof html,
                 "<html><body class=\"single showing-comments\"><article class=\"node "
                 "node--promoted\"><h1>Budget agreed</h1>%s" BODY_TEXT "</article></body></html>",
                 cases[i].byline);
        const pith_doc *doc;
        const pith_record *r = extract(html, NULL, &doc);
        assert_list(r->authors, r->author_count, cases[i].names);
        assert_string_equal(pith_doc_source(doc, "authors"), "byline");
    }
    /* A picture credit is no byline. */
    const char *credit = "<html><body><article><h1>Budget agreed</h1><div><span>Bild: Reuters"
                         "</span></div>" BODY_TEXT "</article></body></html>";
    const pith_record *r = extract(credit, NULL, NULL);
    assert_int_equal(r->author_count, 0);
}

/* A declared desk or organisation gives way to the person the byline
 * names; an organisation the byline names too stays. */
static void desk_against_byline(void **state)
{
    (void)state;
    const char *desk = "<html lang=\"de\"><head><meta name=\"author\" content=\"Redaktion "
                       "Geldratgeber Online\"></head><body><article><h1>Tagesgeld</h1><p "
                       "class=\"meta\">Von Redakteurin Claudia Brandt | 04.03.2012</p>" BODY_TEXT
                       "</article></body></html>";
    const pith_doc *doc;
    const pith_record *r = extract(desk, NULL, &doc);
    assert_list(r->authors, r->author_count, (const char *const[]){"Claudia Brandt", NULL});
    assert_string_equal(pith_doc_source(doc, "authors"), "byline");
    const char *both =
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"Pesca\",\"author\":[{\"@type\":\"Person\",\"name\":\"Maria Souza\"},"
        "{\"@type\":\"Organization\",\"name\":\"Ag\xc3\xaancia Litoral\"}]}</script></head><body>"
        "<article><h1>Pesca</h1><p class=\"byline\">Por Maria Souza e Ag\xc3\xaancia Litoral</p>"
        BODY_TEXT "</article></body></html>";
    r = extract(both, NULL, &doc);
    assert_list(r->authors, r->author_count,
                (const char *const[]){"Maria Souza", "Ag\xc3\xaancia Litoral", NULL});
    assert_string_equal(pith_doc_source(doc, "authors"), "json-ld");
    /* No byline: the declared desk stands. */
    const char *alone = "<html><head><meta name=\"author\" content=\"News Desk\"></head><body>"
                        "<article><h1>Budget</h1>" BODY_TEXT "</article></body></html>";
    r = extract(alone, NULL, NULL);
    assert_list(r->authors, r->author_count, (const char *const[]){"News Desk", NULL});
}

/* The kicker: an element above the headline named like an overline, and
 * never a control. */
static void kicker_named(void **state)
{
    (void)state;
    const char *html = "<html><body><main><article><header><a class=\"materia__chapeu\" "
                       "href=\"/politica/\">Or\xc3\xa7" "amento</a><h1>C\xc3\xa2mara aprova o "
                       "or\xc3\xa7" "amento</h1></header>" BODY_TEXT "</article></main></body></html>";
    const pith_record *r = extract(html, NULL, NULL);
    assert_string_equal(r->kicker, "Or\xc3\xa7" "amento");
    const char *edit = "<html><body><main><article><a href=\"https://git.example.org/x/edit/main/"
                       "docs/a.md\" class=\"docs-content__button\">Edit this page</a><h1>Retrying "
                       "requests</h1>" BODY_TEXT "</article></main></body></html>";
    r = extract(edit, NULL, NULL);
    assert_null(r->kicker);
}

/* Reading times as pages state them. */
static void stated_minutes(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        int named, minutes;
    } cases[] = {
        {"4 min read", 0, 4},
        {"\xe2\x80\xa2 4 min read", 0, 4},
        {"publi\xc3\xa9 le 29 mars 2024 \xc3\xa0 11h00 \xc2\xb7 lecture 3 min.", 0, 3},
        {"lesezeit 3 minuten", 0, 3},
        {"lesedauer: 4 minuten", 0, 4},
        {"2 min.", 0, 2},
        {"5min", 0, 5},
        {"tiempo de lectura: 6 minutos", 0, 6},
        {"updated 5 min ago", 0, 0},
        {"vor 5 minuten", 0, 0},
        {"3 min", 1, 3},
        {"29 mars 2024", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(meta_stated_minutes(cases[i].line, strlen(cases[i].line), cases[i].named),
                         cases[i].minutes);
}

/* The lead image and its caption: the same picture at another size or
 * crop, a caption beside an image in a plain block, no avatars. */
static void lead_images(void **state)
{
    (void)state;
    const char *sizes =
        "<html><head><meta property=\"og:image\" content=\"https://img.example.org/2019/04/"
        "rue-ecole-1200x630.jpg\"></head><body><article><h1>Rues</h1><figure><img "
        "src=\"https://img.example.org/2019/04/rue-ecole-960x540.jpg\"><figcaption><span>La "
        "rue.</span> <span class=\"credit\">Jean Dupont / AFP</span></figcaption></figure>"
        BODY_TEXT "</article></body></html>";
    const pith_record *r = extract(sizes, NULL, NULL);
    assert_string_equal(r->image.caption, "La rue.");
    assert_string_equal(r->image.credit, "Jean Dupont / AFP");
    const char *width =
        "<html><head><meta property=\"og:image\" content=\"https://img.example.org/fronte.jpg\">"
        "</head><body><article><h1>Ghiacciaio</h1><figure><img src=\"https://img.example.org/"
        "fronte-960.jpg\"><figcaption>La fronte <span class=\"credito\">(Foto di Elisa Moretti)"
        "</span></figcaption></figure>" BODY_TEXT "</article></body></html>";
    r = extract(width, NULL, NULL);
    assert_string_equal(r->image.caption, "La fronte");
    assert_string_equal(r->image.credit, "Elisa Moretti");
    /* Two pictures of a gallery are not one. */
    const char *gallery =
        "<html><head><meta property=\"og:image\" content=\"https://img.example.org/bike-7169.jpg\">"
        "</head><body><article><h1>Bike</h1><figure><img src=\"https://img.example.org/"
        "bike-7179.jpg\"><figcaption>Another picture</figcaption></figure>" BODY_TEXT
        "</article></body></html>";
    r = extract(gallery, NULL, NULL);
    assert_null(r->image.caption);
    /* Nothing declared: the picture under the headline, its caption in a
     * plain block beside it. */
    const char *plain =
        "<html><body><div class=\"artikel\"><h1>F\xc3\xa4hre</h1><div class=\"artikel__bild\">"
        "<img src=\"https://example.org/faehre.jpg\" width=\"800\" height=\"533\"><div "
        "class=\"artikel__bildunterschrift\">Die F\xc3\xa4hre am Anleger. Foto: Thomas Brenner"
        "</div></div><div class=\"artikel__text\">" BODY_TEXT "</div></div></body></html>";
    r = extract(plain, NULL, NULL);
    assert_string_equal(r->image.url, "https://example.org/faehre.jpg");
    assert_string_equal(r->image.caption, "Die F\xc3\xa4hre am Anleger.");
    assert_string_equal(r->image.credit, "Thomas Brenner");
    /* A poster's avatar is never the lead image. */
    const char *avatar =
        "<html><body><article><h1>Starter smells</h1><div class=\"message-avatar\"><a "
        "class=\"avatar\" href=\"/members/1/\"><img src=\"/data/avatars/m/1/1204.jpg\" "
        "width=\"96\" height=\"96\"></a></div>" BODY_TEXT "</article></body></html>";
    r = extract(avatar, NULL, NULL);
    assert_null(r->image.url);
    assert_int_equal(r->figure_count, 0);
}

/* The readers' dates (reviews, comments) are not the page's; without a
 * URL, the canonical one tells the country. */
static void page_dates(void **state)
{
    (void)state;
    const char *reviews =
        "<html><body><main><h1>Wasserkocher</h1><div class=\"product-description\">" BODY_TEXT
        "</div><div class=\"product-detail-review-list\"><div class=\"product-detail-review-item"
        "\"><p><span class=\"review-item-date\">12.02.2024</span></p><p>Endlich richtig "
        "temperiertes Teewasser, jeden Tag.</p></div></div></main></body></html>";
    const pith_record *r = extract(reviews, NULL, NULL);
    assert_null(r->date_published);
    const char *canonical =
        "<html><head><link rel=\"canonical\" href=\"https://example.nl/2024/03/balkon/\"><meta "
        "property=\"article:published_time\" content=\"2024-03-09T10:14:22+00:00\"></head><body>"
        "<article><h1>Balkon</h1>" BODY_TEXT "</article></body></html>";
    r = extract(canonical, NULL, NULL);
    assert_string_equal(r->date_published, "2024-03-09T11:14:22+01:00");
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
        cmocka_unit_test(seed_page),          cmocka_unit_test(description_choice),
        cmocka_unit_test(title_punctuation),  cmocka_unit_test(visible_bylines),
        cmocka_unit_test(desk_against_byline), cmocka_unit_test(kicker_named),
        cmocka_unit_test(stated_minutes),     cmocka_unit_test(lead_images),
        cmocka_unit_test(page_dates),         cmocka_unit_test(description_sources),
        cmocka_unit_test(lead_inline_joins),   cmocka_unit_test(og_image_secure_url),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
