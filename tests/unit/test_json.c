/* test_json.c — the streaming JSON writer (src/core/json.c). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/json.h"

/* The writer's output for one string value written whole. */
static char *string_json(const char *s, size_t len)
{
    static buf out;
    json_writer w;
    buf_reset(&out);
    json_init_buf(&w, &out);
    json_string(&w, s, len);
    assert_int_equal(json_finish(&w), JSON_OK);
    assert_int_equal(buf_terminate(&out), 0);
    return out.data;
}

#define ASSERT_STRING_JSON(in, want) assert_string_equal(string_json(in, sizeof in - 1), want)

static void test_structure(void **state)
{
    (void)state;
    buf out = {0};
    json_writer w;
    json_init_buf(&w, &out);
    json_object_begin(&w);
    json_member_cstring(&w, "title", "A");
    json_member_cstring(&w, "kicker", NULL);
    json_key(&w, "authors", 7);
    json_array_begin(&w);
    json_cstring(&w, "x");
    json_cstring(&w, "y");
    json_array_end(&w);
    json_key(&w, "empty", 5);
    json_array_begin(&w);
    json_array_end(&w);
    json_key(&w, "o", 1);
    json_object_begin(&w);
    json_object_end(&w);
    json_key(&w, "b", 1);
    json_bool(&w, 1);
    json_key(&w, "c", 1);
    json_bool(&w, 0);
    json_member_int(&w, "n", -3);
    json_object_end(&w);
    json_raw(&w, "\n", 1);
    assert_int_equal(json_finish(&w), JSON_OK);
    assert_int_equal(buf_terminate(&out), 0);
    assert_string_equal(out.data, "{\"title\":\"A\",\"kicker\":null,\"authors\":[\"x\",\"y\"],"
                                  "\"empty\":[],\"o\":{},\"b\":true,\"c\":false,\"n\":-3}\n");
    buf_free(&out);
}

static void test_escapes(void **state)
{
    (void)state;
    ASSERT_STRING_JSON("plain text", "\"plain text\"");
    ASSERT_STRING_JSON("say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\"");
    ASSERT_STRING_JSON("a\nb\tc\rd\be\ff", "\"a\\nb\\tc\\rd\\be\\ff\"");
    ASSERT_STRING_JSON("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
    assert_string_equal(string_json("a\0b", 3), "\"a\\u0000b\"");
    /* "/" needs no escape; non-ASCII stays as it is */
    ASSERT_STRING_JSON("</script> Größe 東京 😀", "\"</script> Größe 東京 😀\"");
    /* line and paragraph separators: escaped for JavaScript readers */
    ASSERT_STRING_JSON("a\xe2\x80\xa8"
                       "b\xe2\x80\xa9",
                       "\"a\\u2028b\\u2029\"");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    ASSERT_STRING_JSON("a\xff"
                       "b",
                       "\"a\xEF\xBF\xBD"
                       "b\"");
    ASSERT_STRING_JSON("\x80", "\"\xEF\xBF\xBD\"");
    /* overlong "/" and a UTF-16 surrogate: one U+FFFD per byte */
    ASSERT_STRING_JSON("\xc0\xaf", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    ASSERT_STRING_JSON("\xed\xa0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    /* a sequence cut short by the end of the string, or by a space */
    ASSERT_STRING_JSON("ab\xe2\x82", "\"ab\xEF\xBF\xBD\xEF\xBF\xBD\"");
    ASSERT_STRING_JSON("\xe2\x82 x", "\"\xEF\xBF\xBD\xEF\xBF\xBD x\"");
    /* beyond U+10FFFF */
    ASSERT_STRING_JSON("\xf4\x90\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    /* a real U+FFFD is kept as one */
    ASSERT_STRING_JSON("\xEF\xBF\xBD", "\"\xEF\xBF\xBD\"");
}

/* A string written in pieces, split at every pair of places, comes out as
 * it does whole: valid and invalid sequences, escapes, line separators. */
static void test_pieces(void **state)
{
    (void)state;
    static const char s[] = "a\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\xe2\x82 \"\xff\xf0\x9f\x98\n"
                            "\xed\xa0\x80\xe6\x9d\xb1\xc3";
    size_t n = sizeof s - 1;
    char *whole = strdup(string_json(s, n));
    assert_non_null(whole);
    buf out = {0};
    for (size_t i = 0; i <= n; i++) {
        for (size_t j = i; j <= n; j++) {
            json_writer w;
            buf_reset(&out);
            json_init_buf(&w, &out);
            json_string_begin(&w);
            json_string_append(&w, s, i);
            json_string_append(&w, s + i, j - i);
            json_string_append(&w, "", 0);
            json_string_append(&w, s + j, n - j);
            json_string_end(&w);
            assert_int_equal(json_finish(&w), JSON_OK);
            assert_int_equal(buf_terminate(&out), 0);
            if (strcmp(out.data, whole))
                fail_msg("split at %zu and %zu: %s, whole: %s", i, j, out.data, whole);
        }
    }
    /* and one byte at a time, through the sink adapter */
    json_writer w;
    buf_reset(&out);
    json_init_buf(&w, &out);
    json_string_begin(&w);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(json_string_sink(s + i, 1, &w), 0);
    json_string_end(&w);
    assert_int_equal(json_finish(&w), JSON_OK);
    assert_int_equal(buf_terminate(&out), 0);
    assert_string_equal(out.data, whole);
    buf_free(&out);
    free(whole);
}

typedef struct collected {
    buf all;
    size_t calls, largest, over; /* over: calls with more than JSON_CHUNK bytes */
    int fail_after;              /* refuse the call after this many; -1: never */
} collected;

static int collect(const char *data, size_t len, void *user)
{
    collected *c = user;
    if (c->fail_after >= 0 && c->calls == (size_t)c->fail_after)
        return -1;
    c->calls++;
    if (len > JSON_CHUNK)
        c->over++;
    else if (len > c->largest)
        c->largest = len;
    return buf_append(&c->all, data, len);
}

/* A long record: strings of every size, to the sink in bounded chunks. */
static void write_long(json_writer *w)
{
    static char piece[5000];
    memset(piece, 'x', sizeof piece);
    piece[100] = '"';
    json_array_begin(w);
    /* a run of plain text longer than a chunk: passed on in one piece */
    char *run = malloc(3 * JSON_CHUNK);
    assert_non_null(run);
    memset(run, 'y', 3 * JSON_CHUNK);
    json_string(w, run, 3 * JSON_CHUNK);
    free(run);
    for (int i = 0; i < 100; i++) {
        json_string(w, piece, (size_t)i * 50);
        json_string_begin(w);
        json_string_append(w, piece, sizeof piece);
        json_string_append(w, piece, sizeof piece);
        json_string_end(w);
    }
    json_array_end(w);
}

static void test_sink(void **state)
{
    (void)state;
    buf direct = {0};
    json_writer w;
    json_init_buf(&w, &direct);
    write_long(&w);
    assert_int_equal(json_finish(&w), JSON_OK);

    collected c = {.fail_after = -1};
    json_init_sink(&w, collect, &c);
    write_long(&w);
    assert_int_equal(json_finish(&w), JSON_OK);
    json_free(&w);
    assert_true(c.calls > 10);
    assert_true(c.largest <= JSON_CHUNK);
    assert_int_equal(c.over, 1);
    assert_int_equal(c.all.len, direct.len);
    assert_memory_equal(c.all.data, direct.data, direct.len);

    /* a sink that refuses: the status says so, nothing more is sent */
    collected bad = {.fail_after = 2};
    json_init_sink(&w, collect, &bad);
    write_long(&w);
    assert_int_equal(json_finish(&w), JSON_ERR_WRITE);
    json_free(&w);
    assert_int_equal(bad.calls, 2);
    assert_int_equal(json_string_sink("x", 1, &w), 1);
    buf_free(&direct);
    buf_free(&c.all);
    buf_free(&bad.all);
}

static int finish_status(void (*build)(json_writer *))
{
    buf out = {0};
    json_writer w;
    json_init_buf(&w, &out);
    build(&w);
    int st = json_finish(&w);
    buf_free(&out);
    return st;
}

static void value_without_key(json_writer *w)
{
    json_object_begin(w);
    json_null(w);
    json_object_end(w);
}
static void key_in_array(json_writer *w)
{
    json_array_begin(w);
    json_key(w, "k", 1);
    json_array_end(w);
}
static void key_without_value(json_writer *w)
{
    json_object_begin(w);
    json_key(w, "k", 1);
    json_object_end(w);
}
static void crossed_ends(json_writer *w)
{
    json_object_begin(w);
    json_array_end(w);
}
static void unclosed(json_writer *w)
{
    json_array_begin(w);
}
static void value_inside_string(json_writer *w)
{
    json_string_begin(w);
    json_null(w);
    json_string_end(w);
}
static void raw_inside_array(json_writer *w)
{
    json_array_begin(w);
    json_raw(w, "\n", 1);
    json_array_end(w);
}
static void too_deep(json_writer *w)
{
    for (int i = 0; i <= JSON_MAX_DEPTH; i++)
        json_array_begin(w);
    for (int i = 0; i <= JSON_MAX_DEPTH; i++)
        json_array_end(w);
}
static void deepest(json_writer *w)
{
    for (int i = 0; i < JSON_MAX_DEPTH; i++)
        json_array_begin(w);
    for (int i = 0; i < JSON_MAX_DEPTH; i++)
        json_array_end(w);
}

static void test_misuse(void **state)
{
    (void)state;
    assert_int_equal(finish_status(value_without_key), JSON_ERR_STATE);
    assert_int_equal(finish_status(key_in_array), JSON_ERR_STATE);
    assert_int_equal(finish_status(key_without_value), JSON_ERR_STATE);
    assert_int_equal(finish_status(crossed_ends), JSON_ERR_STATE);
    assert_int_equal(finish_status(unclosed), JSON_ERR_STATE);
    assert_int_equal(finish_status(value_inside_string), JSON_ERR_STATE);
    assert_int_equal(finish_status(raw_inside_array), JSON_ERR_STATE);
    assert_int_equal(finish_status(too_deep), JSON_ERR_DEPTH);
    assert_int_equal(finish_status(deepest), JSON_OK);
}

static char *number_json(void (*put)(json_writer *, double, int), double v, int arg)
{
    static buf out;
    json_writer w;
    buf_reset(&out);
    json_init_buf(&w, &out);
    put(&w, v, arg);
    assert_int_equal(json_finish(&w), JSON_OK);
    assert_int_equal(buf_terminate(&out), 0);
    return out.data;
}
static void put_double(json_writer *w, double v, int arg)
{
    (void)arg;
    json_double(w, v);
}
static void put_fixed(json_writer *w, double v, int decimals)
{
    json_fixed(w, v, decimals);
}
#define D(v) number_json(put_double, v, 0)
#define F(v, n) number_json(put_fixed, v, n)

static void check_doubles(void)
{
    assert_string_equal(D(0.0), "0");
    assert_string_equal(D(-0.0), "0");
    assert_string_equal(D(42.0), "42");
    assert_string_equal(D(-7.0), "-7");
    assert_string_equal(D(0.1), "0.1");
    assert_string_equal(D(0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(D(1.0 / 3), "0.3333333333333333");
    assert_string_equal(D(-2.5), "-2.5");
    assert_string_equal(D(1e300), "1e+300");
    assert_string_equal(D(1e-7), "1e-07");
    assert_string_equal(D(123456.789), "123456.789");
    double zero = 0.0;
    assert_string_equal(D(zero / zero), "null");
    assert_string_equal(D(1.0 / zero), "null");
    assert_string_equal(D(-1.0 / zero), "null");

    assert_string_equal(F(0.85, 2), "0.85");
    assert_string_equal(F(0.1 + 0.2, 3), "0.3");
    assert_string_equal(F(0.125, 2), "0.13"); /* half away from zero */
    assert_string_equal(F(-0.125, 2), "-0.13");
    assert_string_equal(F(1.0, 3), "1");
    assert_string_equal(F(0.999, 2), "1");
    assert_string_equal(F(-0.001, 2), "0");
    assert_string_equal(F(0.05, 3), "0.05");
    assert_string_equal(F(12.0625, 9), "12.0625");
    assert_string_equal(F(7.5, 0), "8");
    assert_string_equal(F(2e16, 2), "2e+16"); /* too large: json_double */
}

static void test_numbers(void **state)
{
    (void)state;
    buf out = {0};
    json_writer w;
    json_init_buf(&w, &out);
    json_array_begin(&w);
    json_int(&w, 0);
    json_int(&w, -1);
    json_int(&w, 9223372036854775807LL);
    json_int(&w, -9223372036854775807LL - 1);
    json_uint(&w, 18446744073709551615ULL);
    json_array_end(&w);
    assert_int_equal(json_finish(&w), JSON_OK);
    assert_int_equal(buf_terminate(&out), 0);
    assert_string_equal(out.data, "[0,-1,9223372036854775807,-9223372036854775808,"
                                  "18446744073709551615]");
    buf_free(&out);
    check_doubles();
}

/* Makes `name` available to setlocale: installed, or compiled with
 * localedef(1) into dir (found through LOCPATH). */
static int have_locale(const char *name, const char *source, const char *dir)
{
    if (setlocale(LC_NUMERIC, name))
        return 1;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "localedef -i %s -f UTF-8 %s/%s >/dev/null 2>&1", source, dir, name);
    if (system(cmd) != 0)
        return 0;
    setenv("LOCPATH", dir, 1);
    return setlocale(LC_NUMERIC, name) != NULL;
}

/* Numbers do not follow the locale: German writes "0,5", Pashto a
 * two-byte ARABIC DECIMAL SEPARATOR; JSON wants "0.5" always. */
static void test_locale(void **state)
{
    (void)state;
    char dir[] = "/tmp/pith-test-locale-XXXXXX";
    if (!mkdtemp(dir))
        skip();
    static const char *const locales[][2] = {{"de_DE.UTF-8", "de_DE"}, {"ps_AF.UTF-8", "ps_AF"}};
    int tried = 0;
    for (size_t i = 0; i < sizeof locales / sizeof *locales; i++) {
        if (!have_locale(locales[i][0], locales[i][1], dir))
            continue;
        tried++;
        char probe[16];
        snprintf(probe, sizeof probe, "%.1f", 0.5);
        assert_string_not_equal(probe, "0.5"); /* the locale is in force */
        check_doubles();
        setlocale(LC_NUMERIC, "C");
    }
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        print_message("could not remove %s\n", dir);
    if (!tried)
        skip(); /* neither installed nor buildable: no localedef or no sources */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure),    cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_pieces),
        cmocka_unit_test(test_sink),         cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_numbers),      cmocka_unit_test(test_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
