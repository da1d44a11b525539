/* test_threads — eight extractors on eight threads at once.
 *
 * Every page of tests/golden (and the bundled example) is extracted and
 * rendered in every format on one thread first; then eight threads, each
 * with its own extractor, go over all the pages at once, in different
 * orders and several rounds, and every output must be byte for byte the
 * single-threaded one. Under `make check SAN=thread` (TSAN=1) this is the
 * data-race test of the library: shared state (libxml2's globals, the
 * generated tables, iconv, the language profiles) is read by every thread.
 * Run from the repository root, as make check does. */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pith.h"

enum { THREADS = 8, ROUNDS = 3, MAX_PAGES = 64, NFORMATS = 5 };

static const pith_format formats[NFORMATS] = {PITH_FORMAT_TEXT, PITH_FORMAT_MARKDOWN,
                                              PITH_FORMAT_JSON, PITH_FORMAT_HTML,
                                              PITH_FORMAT_EXPLAIN};

typedef struct page {
    char *path;
    char *bytes;
    size_t len;
    char *want[NFORMATS]; /* NULL: extraction failed single-threaded too */
    pith_status status;
} page;

typedef struct out_buf {
    char *data;
    size_t len, cap;
} out_buf;

static page pages[MAX_PAGES];
static size_t npages;

static int append(const char *data, size_t len, void *user)
{
    out_buf *b = user;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p)
            return -1;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    out_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (append(chunk, n, &b)) {
            free(b.data);
            fclose(f);
            return NULL;
        }
    fclose(f);
    *len = b.len;
    return b.data;
}

static void add_page(const char *path)
{
    assert_true(npages < MAX_PAGES);
    page *p = &pages[npages];
    p->path = strdup(path);
    assert_non_null(p->path);
    p->bytes = read_file(path, &p->len);
    assert_non_null(p->bytes);
    npages++;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_pages(void)
{
    DIR *dir = opendir("tests/golden");
    assert_non_null(dir);
    char *names[MAX_PAGES];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".html")) {
            assert_true(n < MAX_PAGES - 1);
            names[n] = malloc(len + sizeof "tests/golden/");
            assert_non_null(names[n]);
            snprintf(names[n], len + sizeof "tests/golden/", "tests/golden/%s", e->d_name);
            n++;
        }
    }
    closedir(dir);
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        add_page(names[i]);
        free(names[i]);
    }
    add_page("examples/faz-nordkorea.html");
}

/* Extracts page `p` with `ex` and renders format f into `out`; the status. */
static pith_status run_page(pith_extractor *ex, const page *p, int f, out_buf *out)
{
    pith_input in = {.url = "https://example.org/article/1", .name = p->path};
    const pith_doc *doc = NULL;
    pith_status st = pith_extract(ex, p->bytes, p->len, &in, &doc);
    if (st != PITH_OK)
        return st;
    out->len = 0;
    return pith_render(doc, formats[f], append, out);
}

typedef struct job {
    unsigned seed;
    size_t mismatches, runs;
} job;

static void *thread_main(void *arg)
{
    job *j = arg;
    pith_options opt = pith_options_default();
    pith_extractor *ex = NULL;
    if (pith_extractor_new(&opt, &ex) != PITH_OK) {
        j->mismatches++;
        return NULL;
    }
    out_buf out = {0};
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t k = 0; k < npages; k++) {
            /* each thread walks the pages from its own offset and stride */
            size_t i = (j->seed * 7 + k * (2 * j->seed + 1) + (size_t)round) % npages;
            int f = (int)((k + j->seed + (size_t)round) % NFORMATS);
            const page *p = &pages[i];
            pith_status st = run_page(ex, p, f, &out);
            j->runs++;
            if (st != p->status ||
                (st == PITH_OK && (out.len != strlen(p->want[f]) ||
                                   memcmp(out.data, p->want[f], out.len))))
                j->mismatches++;
        }
    }
    free(out.data);
    pith_extractor_free(ex);
    return NULL;
}

static void eight_threads(void **state)
{
    (void)state;
    load_pages();
    assert_true(npages >= 10);
    pith_options opt = pith_options_default();
    pith_extractor *ex = NULL;
    assert_int_equal(pith_extractor_new(&opt, &ex), PITH_OK);
    for (size_t i = 0; i < npages; i++) {
        for (int f = 0; f < NFORMATS; f++) {
            out_buf out = {0};
            pages[i].status = run_page(ex, &pages[i], f, &out);
            pages[i].want[f] = out.data;
            if (pages[i].status == PITH_OK)
                assert_non_null(pages[i].want[f]);
        }
    }
    pith_extractor_free(ex);
    /* the golden pages all have articles */
    for (size_t i = 0; i < npages; i++)
        assert_int_equal(pages[i].status, PITH_OK);

    pthread_t tid[THREADS];
    job jobs[THREADS];
    for (int t = 0; t < THREADS; t++) {
        jobs[t] = (job){.seed = (unsigned)t};
        assert_int_equal(pthread_create(&tid[t], NULL, thread_main, &jobs[t]), 0);
    }
    size_t runs = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(tid[t], NULL);
        assert_int_equal(jobs[t].mismatches, 0);
        runs += jobs[t].runs;
    }
    assert_int_equal(runs, (size_t)THREADS * ROUNDS * npages);
    for (size_t i = 0; i < npages; i++) {
        for (int f = 0; f < NFORMATS; f++)
            free(pages[i].want[f]);
        free(pages[i].bytes);
        free(pages[i].path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eight_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
