/* test_patterns.c — the name, label and dateline tables of extraction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/utf8.h"
#include "extract/patterns.h"

static unsigned groups(const char *name)
{
    static pat_matcher m;
    static int ready;
    if (!ready) {
        pat_matcher_init(&m);
        ready = 1;
    }
    return pat_match_names(&m, name, strlen(name));
}

static void test_names(void **state)
{
    (void)state;
    assert_true(groups("site-footer") & PAT_UNLIKELY);
    assert_true(groups("site-footer") & PAT_NEGATIVE);
    assert_false(groups("site-footer") & PAT_POSITIVE);
    assert_true(groups("main-content") & PAT_MAYBE);
    assert_true(groups("main-content") & PAT_POSITIVE);
    assert_true(groups("entry-content") & PAT_POSITIVE);
    assert_int_equal(groups("col-md-8"), 0);
    assert_true(groups("byline") & PAT_BYLINE);
    assert_true(groups("comment-list") & PAT_COMMENTS);
    assert_true(groups("wp-caption-text") & PAT_CAPTION);
    assert_true(groups("post-date") & PAT_DATELINE);
    /* "share" as a token only: "shared-folder" is not a share bar. */
    assert_true(groups("social share-bar") & PAT_SHARE);
    assert_false(groups("shareholder-news") & PAT_SHARE);
    /* "hid" as a token only. */
    assert_true(groups("x hid") & PAT_NEGATIVE);
    assert_false(groups("hide-mobile") & PAT_NEGATIVE);
}

static void test_role_and_style(void **state)
{
    (void)state;
    assert_int_equal(pat_match_role("navigation", 10), PAT_ROLE_CHROME);
    assert_int_equal(pat_match_role("Dialog", 6), PAT_ROLE_CHROME);
    assert_int_equal(pat_match_role("main", 4), 0);
    const char *a = "color: red; DISPLAY : none";
    assert_true(pat_style_hidden(a, strlen(a)));
    const char *b = "visibility:hidden;min-height:100vh";
    assert_true(pat_style_hidden(b, strlen(b)));
    const char *c = "max-display:none; display: block";
    assert_false(pat_style_hidden(c, strlen(c)));
}

static int ad(const char *text)
{
    char folded[64];
    size_t n = utf8_fold(text, strlen(text), folded, sizeof folded, 0);
    return n <= sizeof folded && pat_is_ad_label(folded, n);
}

static void test_ad_labels(void **state)
{
    (void)state;
    assert_true(ad("Advertisement"));
    assert_true(ad("  PUBBLICITÀ "));
    assert_true(ad("Anzeige"));
    assert_true(ad("РЕКЛАМА"));
    assert_true(ad("Loading..."));
    assert_false(ad("Advertisements are everywhere"));
    assert_false(ad("Adverb"));
}

static int dateline(const char *text)
{
    char folded[256];
    size_t n = utf8_fold(text, strlen(text), folded, sizeof folded, UTF8_FOLD_SPACES);
    return n <= sizeof folded && pat_is_dateline(folded, n);
}

static void test_datelines(void **state)
{
    (void)state;
    assert_true(dateline("Updated 1:39 am EST, Wednesday, November 20, 2019"));
    assert_true(dateline("Aktualisiert am 17.11.2014-12:34"));
    assert_true(dateline("Villamar del Río 12/03/2023 - 08:45 Actualizado: 12/03/2023 - 10:02"));
    assert_true(dateline("Nov. 20, 2019 5:52 AM EST"));
    assert_true(dateline("Publié le 9 avril 2019"));
    assert_false(dateline("The council met on 12 May 2019 and voted to close the school."));
    assert_false(dateline("Chapter 3"));
    assert_true(dateline("2 Min."));
    assert_false(dateline("1200"));
    assert_false(dateline("2019"));
    assert_true(dateline("2019-11-20"));
    assert_true(dateline("5 min read"));
    assert_true(dateline("4 minutes de lecture"));
    assert_false(dateline("Cook for 5 minutes, then stir."));
    assert_false(dateline("Top 10 tips for 2020 gardeners who love tomatoes"));
}

static int byline(const char *text) { return pat_is_byline(text, strlen(text)); }

static void test_bylines(void **state)
{
    (void)state;
    assert_true(byline("By Jane Doe"));
    assert_true(byline("Von Redakteurin Claudia Brandt | 04.03.2012"));
    assert_true(byline("Par Claire Lemoine"));
    assert_true(byline("By Justine Coleman - 11/18/19 11:04 PM EST"));
    assert_true(byline("Tekst i foto: Anna Kowalczyk"));
    assert_true(byline("Źródło: UM Zielonka Dolna"));
    assert_true(byline("© 2001–2012 Geldratgeber Online"));
    assert_false(byline("By the end of the year, the city had grown."));
    assert_false(byline("Photosynthesis: how plants eat light"));
    assert_false(byline("Di quello che resta"));
}

static int nav(const char *text)
{
    char folded[128];
    size_t n = utf8_fold(text, strlen(text), folded, sizeof folded, UTF8_FOLD_SPACES);
    return n <= sizeof folded && pat_is_nav_line(folded, n);
}

static void test_nav_lines(void **state)
{
    (void)state;
    assert_true(nav("Continued from page 1"));
    assert_true(nav("Page 2 of 3"));
    assert_true(nav("Weiterlesen …"));
    assert_true(nav("Read more >"));
    assert_false(nav("Page after page of letters from readers arrived."));
    assert_false(nav("Read more books"));
}

static int promo(const char *text)
{
    char folded[512];
    size_t n = utf8_fold(text, strlen(text), folded, sizeof folded, UTF8_FOLD_SPACES);
    return n <= sizeof folded && pat_is_promo(folded, n);
}

static void test_promo(void **state)
{
    (void)state;
    assert_true(promo("Get the latest updates right in your inbox. Subscribe to our newsletters."));
    assert_true(promo("Have a tip? Amy may be reached at amy@example.com."));
    assert_true(promo("Folgen Sie uns auf Twitter und Facebook."));
    assert_true(promo("This website uses cookies to improve your experience."));
    assert_false(promo("The council will vote on the budget next week."));
}

static void test_fold(void **state)
{
    (void)state;
    char out[32];
    size_t n = utf8_fold("Ça  Va\tÉTÉ", 13, out, sizeof out, UTF8_FOLD_SPACES);
    assert_int_equal(n, strlen("ça va été"));
    assert_memory_equal(out, "ça va été", n);
    assert_int_equal(utf8_fold("abcdef", 6, out, 3, 0), 4); /* does not fit: cap + 1 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),     cmocka_unit_test(test_role_and_style),
        cmocka_unit_test(test_ad_labels), cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_fold), cmocka_unit_test(test_bylines), cmocka_unit_test(test_nav_lines), cmocka_unit_test(test_promo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
