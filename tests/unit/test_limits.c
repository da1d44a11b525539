/* test_limits — pith_limits through the public API: each limit exceeded
 * gives PITH_ERR_LIMIT naming it (depth flattens instead), the caps refuse
 * a configuration above them, and an extractor that hit a limit goes on
 * with the next document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pith.h"

static const char small_page[] =
    "<html><head><title>Small</title></head><body><article><h1>Small</h1>"
    "<p>The council met on Tuesday evening to discuss the new budget for the coming year, and "
    "after a long debate the members agreed on most of the proposals put before them.</p>"
    "</article></body></html>";

static int collect(const char *data, size_t len, void *user)
{
    char *out = user; /* a 4 KiB buffer, NUL-terminated */
    size_t have = strlen(out);
    if (have + len >= 4096)
        return 0;
    memcpy(out + have, data, len);
    out[have + len] = '\0';
    return 0;
}

static int sink(const char *data, size_t len, void *user)
{
    size_t *total = user;
    (void)data;
    *total += len;
    return 0;
}

/* A page of `paragraphs` paragraphs of text, malloc'ed. */
static char *big_page(size_t paragraphs, size_t *len)
{
    static const char para[] =
        "<p>Several residents spoke during the public session, asking questions about the "
        "roads, the schools and the library, which will close for repairs in the spring.</p>\n";
    size_t n = strlen("<html><body><article>") + paragraphs * (sizeof para - 1) +
               strlen("</article></body></html>") + 1;
    char *s = malloc(n);
    assert_non_null(s);
    char *p = s;
    p += sprintf(p, "<html><body><article>");
    for (size_t i = 0; i < paragraphs; i++) {
        memcpy(p, para, sizeof para - 1);
        p += sizeof para - 1;
    }
    p += sprintf(p, "</article></body></html>");
    *len = (size_t)(p - s);
    return s;
}

static pith_extractor *new_with(pith_limits limits)
{
    pith_options opt = pith_options_default();
    opt.limits = limits;
    pith_extractor *ex = NULL;
    assert_int_equal(pith_extractor_new(&opt, &ex), PITH_OK);
    return ex;
}

/* After a limit, the same extractor extracts an ordinary page. */
static void still_works(pith_extractor *ex)
{
    const pith_doc *doc = NULL;
    assert_int_equal(pith_extract(ex, small_page, strlen(small_page), NULL, &doc), PITH_OK);
    size_t total = 0;
    assert_int_equal(pith_render(doc, PITH_FORMAT_TEXT, sink, &total), PITH_OK);
    assert_true(total > 100);
}

static void memory_limit(void **state)
{
    (void)state;
    size_t len;
    char *page = big_page(20000, &len); /* ~3.4 MB */
    pith_extractor *ex = new_with((pith_limits){.max_memory_bytes = (size_t)2 << 20});
    const pith_doc *doc = NULL;
    assert_int_equal(pith_extract(ex, page, len, NULL, &doc), PITH_ERR_LIMIT);
    assert_null(doc);
    assert_non_null(strstr(pith_extractor_error(ex), "max_memory_bytes"));
    assert_non_null(strstr(pith_extractor_error(ex), "2097152"));
    still_works(ex);
    pith_extractor_free(ex);

    /* the default takes the same page */
    ex = new_with((pith_limits){0});
    assert_int_equal(pith_extract(ex, page, len, NULL, &doc), PITH_OK);
    pith_extractor_free(ex);
    free(page);
}

static void input_and_node_limits(void **state)
{
    (void)state;
    size_t len;
    char *page = big_page(2000, &len);
    pith_extractor *ex = new_with((pith_limits){.max_input_bytes = 1000});
    const pith_doc *doc = NULL;
    assert_int_equal(pith_extract(ex, page, len, NULL, &doc), PITH_ERR_LIMIT);
    assert_non_null(strstr(pith_extractor_error(ex), "max_input_bytes"));
    pith_extractor_free(ex);

    ex = new_with((pith_limits){.max_nodes = 500});
    assert_int_equal(pith_extract(ex, page, len, NULL, &doc), PITH_ERR_LIMIT);
    assert_non_null(strstr(pith_extractor_error(ex), "max_nodes"));
    still_works(ex);
    pith_extractor_free(ex);
    free(page);
}

/* Depth is no error: what lies deeper is flattened, its text kept. */
static void depth_flattens(void **state)
{
    (void)state;
    enum { DEPTH = 3000 };
    char *page = malloc(DEPTH * 11 + 1024);
    assert_non_null(page);
    char *p = page;
    p += sprintf(p, "<html><body>");
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "<div>");
    p += sprintf(p, "<p>The deepest paragraph of the page still tells its story to the reader, "
                    "word for word, whatever the nesting around it.</p>");
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "</div>");
    p += sprintf(p, "</body></html>");
    pith_extractor *ex = new_with((pith_limits){.max_depth = 64});
    const pith_doc *doc = NULL;
    assert_int_equal(pith_extract(ex, page, strlen(page), NULL, &doc), PITH_OK);
    char text[4096] = "";
    assert_int_equal(pith_render(doc, PITH_FORMAT_TEXT, collect, text), PITH_OK);
    assert_non_null(strstr(text, "The deepest paragraph of the page"));
    pith_extractor_free(ex);
    free(page);
}

/* A limit above its cap is a configuration error, not a silent raise. */
static void caps_refused(void **state)
{
    (void)state;
    static const pith_limits over[] = {
        {.max_input_bytes = SIZE_MAX},
        {.max_nodes = SIZE_MAX},
        {.max_depth = SIZE_MAX},
        {.max_attribute_bytes = SIZE_MAX},
        {.max_memory_bytes = SIZE_MAX},
    };
    for (size_t i = 0; i < sizeof over / sizeof *over; i++) {
        pith_options opt = pith_options_default();
        opt.limits = over[i];
        pith_extractor *ex = (pith_extractor *)&opt; /* must be reset to NULL */
        assert_int_equal(pith_extractor_new(&opt, &ex), PITH_ERR_INVALID);
        assert_null(ex);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memory_limit),
        cmocka_unit_test(input_and_node_limits),
        cmocka_unit_test(depth_flattens),
        cmocka_unit_test(caps_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
