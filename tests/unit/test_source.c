/* test_source.c — decompressed bytes of archive files (src/input/
 * source.c): codecs told by magic numbers, members and frames as one
 * stream, faults and resuming after them, member offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <lz4frame.h>
#include <zlib.h>
#include <zstd.h>

#include "core/buf.h"
#include "input/source.h"

/* ------------------------------------------------------------------------
 * Compressed test data, made with the libraries' encoders
 * ------------------------------------------------------------------------ */
static void add_gzip(buf *out, const char *s, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, (uLong)len) + 32;
    assert_int_equal(buf_reserve(out, bound), 0);
    z.next_in = (unsigned char *)(uintptr_t)s;
    z.avail_in = (uInt)len;
    z.next_out = (unsigned char *)out->data + out->len;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

static void add_zstd(buf *out, const char *s, size_t len, const ZSTD_CDict *dict)
{
    size_t bound = ZSTD_compressBound(len);
    assert_int_equal(buf_reserve(out, bound), 0);
    ZSTD_CCtx *c = ZSTD_createCCtx();
    size_t n = dict ? ZSTD_compress_usingCDict(c, out->data + out->len, bound, s, len, dict)
                    : ZSTD_compressCCtx(c, out->data + out->len, bound, s, len, 3);
    assert_false(ZSTD_isError(n));
    out->len += n;
    ZSTD_freeCCtx(c);
}

static void add_lz4(buf *out, const char *s, size_t len)
{
    size_t bound = LZ4F_compressFrameBound(len, NULL);
    assert_int_equal(buf_reserve(out, bound), 0);
    size_t n = LZ4F_compressFrame(out->data + out->len, bound, s, len, NULL);
    assert_false(LZ4F_isError(n));
    out->len += n;
}

static void add(buf *out, const char *s)
{
    assert_int_equal(buf_append_str(out, s), 0);
}

/* Everything the source yields until it stops, resuming after faults;
 * the faults' messages joined in *faults. */
static void drain(const buf *in, buf *got, buf *faults)
{
    warc_src s;
    assert_int_equal(warc_src_open_mem(&s, in->data, in->len), 0);
    for (int guard = 0; guard < 1000; guard++) {
        size_t n = warc_src_fill(&s, 100);
        assert_int_equal(buf_append(got, warc_src_data(&s), n), 0);
        warc_src_skip(&s, n);
        if (n)
            continue;
        warc_src_status st = warc_src_status_of(&s);
        if (st != WARC_SRC_FAULT)
            break;
        add(faults, warc_src_fault(&s));
        add(faults, "\n");
        warc_src_resume(&s);
    }
    warc_src_close(&s);
    buf_terminate(got);
    buf_terminate(faults);
}

static const char rec1[] = "WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n";
static const char rec2[] = "WARC/1.0\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n";

static void test_codec_of(void **state)
{
    (void)state;
    const unsigned char *b;
    b = (const unsigned char *)"\x1f\x8b\x08";
    assert_int_equal(warc_codec_of(b, 3), WARC_CODEC_GZIP);
    b = (const unsigned char *)"\x28\xb5\x2f\xfd";
    assert_int_equal(warc_codec_of(b, 4), WARC_CODEC_ZSTD);
    b = (const unsigned char *)"\x5d\x2a\x4d\x18\x00\x00\x00\x00";
    assert_int_equal(warc_codec_of(b, 8), WARC_CODEC_ZSTD); /* the dictionary frame */
    b = (const unsigned char *)"\x04\x22\x4d\x18";
    assert_int_equal(warc_codec_of(b, 4), WARC_CODEC_LZ4);
    /* a skippable frame first: what follows it tells */
    b = (const unsigned char *)"\x50\x2a\x4d\x18\x01\x00\x00\x00X\x04\x22\x4d\x18";
    assert_int_equal(warc_codec_of(b, 13), WARC_CODEC_LZ4);
    b = (const unsigned char *)"WARC/1.0";
    assert_int_equal(warc_codec_of(b, 8), WARC_CODEC_NONE);
}

static void test_plain(void **state)
{
    (void)state;
    buf in = {0}, got = {0}, faults = {0};
    add(&in, rec1);
    drain(&in, &got, &faults);
    assert_string_equal(got.data, rec1);
    assert_string_equal(faults.data, "");
    buf_free(&in), buf_free(&got), buf_free(&faults);
}

static void test_gzip_members(void **state)
{
    (void)state;
    buf in = {0}, got = {0}, faults = {0};
    add_gzip(&in, rec1, strlen(rec1));
    size_t second = in.len;
    add_gzip(&in, rec2, 10); /* rec2 over two members: one stream */
    add_gzip(&in, rec2 + 10, strlen(rec2) - 10);
    drain(&in, &got, &faults);
    assert_int_equal(got.len, strlen(rec1) + strlen(rec2));
    assert_memory_equal(got.data + strlen(rec1), rec2, strlen(rec2));
    assert_string_equal(faults.data, "");

    /* member offsets: each stream offset maps to the member it came from */
    warc_src s;
    assert_int_equal(warc_src_open_mem(&s, in.data, in.len), 0);
    assert_int_equal(warc_src_fill(&s, 1000), got.len);
    assert_int_equal(warc_src_member_offset(&s, 0), 0);
    assert_int_equal(warc_src_member_offset(&s, strlen(rec1)), second);
    assert_true(warc_src_member_offset(&s, strlen(rec1) + 12) > second);
    assert_int_equal(warc_src_bytes_in(&s), in.len);
    warc_src_close(&s);
    buf_free(&in), buf_free(&got), buf_free(&faults);
}

/* Members decoded whole (libdeflate) and streamed (zlib) give one and the
 * same stream: a member bigger than WARC_SRC_FAST streams, small ones
 * around it are decoded whole, and a member whose CRC-32 is wrong (which
 * libdeflate refuses) is streamed by zlib, which does not check it. */
static void test_gzip_fast_and_streamed(void **state)
{
    (void)state;
    size_t big_len = WARC_SRC_FAST + (WARC_SRC_FAST >> 1);
    char *big = malloc(big_len);
    assert_non_null(big);
    uint32_t x = 12345;
    for (size_t i = 0; i < big_len; i++) {
        x = x * 1103515245u + 12345u;
        big[i] = (char)('a' + (x >> 16) % 26);
    }
    buf in = {0}, want = {0}, got = {0};
    add_gzip(&in, rec1, strlen(rec1));
    size_t second = in.len;
    add_gzip(&in, big, big_len);
    size_t third = in.len;
    add_gzip(&in, rec2, strlen(rec2));
    in.data[in.len - 8] ^= 0x55; /* the third member's CRC-32 */
    add_gzip(&in, rec1, strlen(rec1));
    assert_int_equal(buf_append(&want, rec1, strlen(rec1)), 0);
    assert_int_equal(buf_append(&want, big, big_len), 0);
    assert_int_equal(buf_append(&want, rec2, strlen(rec2)), 0);
    assert_int_equal(buf_append(&want, rec1, strlen(rec1)), 0);

    warc_src s;
    assert_int_equal(warc_src_open_mem(&s, in.data, in.len), 0);
    int looked = 0;
    for (;;) {
        /* taking 77,777 bytes at a time, no multiple of the decoder's
         * steps, one fill holds both sides of the big member's end */
        size_t n = warc_src_fill(&s, 100000);
        if (!n)
            break;
        if (n > 77777)
            n = 77777;
        if (got.len < strlen(rec1) + big_len && got.len + n > strlen(rec1) + big_len) {
            uint64_t at = strlen(rec1) + big_len; /* rec2's first byte */
            assert_int_equal(warc_src_member_offset(&s, at), third);
            assert_int_equal(warc_src_member_offset(&s, at - 1), second);
            looked = 1;
        }
        assert_int_equal(buf_append(&got, warc_src_data(&s), n), 0);
        warc_src_skip(&s, n);
    }
    assert_int_equal(warc_src_status_of(&s), WARC_SRC_END);
    assert_true(looked);
    warc_src_close(&s);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.data, want.data, want.len);
    free(big);
    buf_free(&in), buf_free(&want), buf_free(&got);
}

static void test_gzip_faults(void **state)
{
    (void)state;
    buf in = {0}, got = {0}, faults = {0};
    char want[256];

    /* junk between members: reported with its offset and length, then on */
    add_gzip(&in, rec1, strlen(rec1));
    size_t junk_at = in.len;
    add(&in, "GARBAGE");
    add_gzip(&in, rec2, strlen(rec2));
    drain(&in, &got, &faults);
    snprintf(want, sizeof want, "7 bytes that are not gzip data at byte %zu\n", junk_at);
    assert_string_equal(faults.data, want);
    assert_int_equal(got.len, strlen(rec1) + strlen(rec2));
    buf_reset(&in), buf_reset(&got), buf_reset(&faults);

    /* junk to the end (the iagowarc samples) */
    add_gzip(&in, rec1, strlen(rec1));
    junk_at = in.len;
    add(&in, "CORRUPTED_GZIP_STREAM_DATA_INVALID");
    drain(&in, &got, &faults);
    snprintf(want, sizeof want,
             "34 bytes that are not gzip data at byte %zu, to the end of the file\n", junk_at);
    assert_string_equal(faults.data, want);
    assert_string_equal(got.data, rec1);
    buf_reset(&in), buf_reset(&got), buf_reset(&faults);

    /* a truncated member: what decoded, then the fault */
    char big[4096];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + (i * 7919) % 26);
    add_gzip(&in, big, sizeof big);
    in.len -= in.len / 3;
    drain(&in, &got, &faults);
    assert_string_equal(faults.data, "gzip member at byte 0 is truncated\n");
    assert_true(got.len < sizeof big);
    assert_memory_equal(got.data, big, got.len);
    buf_reset(&in), buf_reset(&got), buf_reset(&faults);

    /* a corrupted member: the next good one is found */
    add_gzip(&in, big, sizeof big);
    size_t bad_end = in.len;
    for (size_t i = 20; i < 60; i++)
        in.data[i] ^= 0x55;
    add_gzip(&in, rec2, strlen(rec2));
    drain(&in, &got, &faults);
    assert_non_null(strstr(faults.data, "bad gzip data ("));
    assert_non_null(strstr(faults.data, "in the member at byte 0\n"));
    assert_true(got.len >= strlen(rec2));
    assert_memory_equal(got.data + got.len - strlen(rec2), rec2, strlen(rec2));
    (void)bad_end;
    buf_free(&in), buf_free(&got), buf_free(&faults);
}

static void test_zstd(void **state)
{
    (void)state;
    buf in = {0}, got = {0}, faults = {0};
    add_zstd(&in, rec1, strlen(rec1), NULL);
    /* an extension frame: skipped */
    assert_int_equal(buf_append(&in, "\x50\x2a\x4d\x18\x03\x00\x00\x00xyz", 11), 0);
    add_zstd(&in, rec2, strlen(rec2), NULL);
    drain(&in, &got, &faults);
    assert_int_equal(got.len, strlen(rec1) + strlen(rec2));
    assert_string_equal(faults.data, "");
    buf_reset(&got), buf_reset(&faults);
    /* a skippable frame longer than the file: its frame is truncated */
    buf_reset(&in);
    add_zstd(&in, rec1, strlen(rec1), NULL);
    assert_int_equal(buf_append(&in, "\x50\x2a\x4d\x18\xff\x00\x00\x00xyz", 11), 0);
    drain(&in, &got, &faults);
    assert_string_equal(got.data, rec1);
    assert_non_null(strstr(faults.data, "is truncated"));
    buf_reset(&in), buf_reset(&got), buf_reset(&faults);

    /* the proposal's dictionary frame, loaded before the frames; here a
     * raw-content dictionary, which the proposal does not name but zstd
     * reads (tests/warc/run tries trained ones, plain and compressed) */
    static const char dict[] = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: "
                               "WARC/1.0\r\nContent-Length: hello abc";
    ZSTD_CDict *cd = ZSTD_createCDict(dict, sizeof dict - 1, 3);
    assert_non_null(cd);
    uint32_t head[2] = {0x184D2A5Du, (uint32_t)(sizeof dict - 1)}; /* little-endian host */
    assert_int_equal(buf_append(&in, head, 8), 0);
    add(&in, dict);
    add_zstd(&in, rec1, strlen(rec1), cd);
    add_zstd(&in, rec2, strlen(rec2), cd);
    ZSTD_freeCDict(cd);
    /* warc_codec_of sees the dictionary frame: zstd */
    drain(&in, &got, &faults);
    assert_string_equal(faults.data, "");
    assert_int_equal(got.len, strlen(rec1) + strlen(rec2));
    assert_memory_equal(got.data, rec1, strlen(rec1));
    buf_free(&in), buf_free(&got), buf_free(&faults);
}

/* A frame whose header is bad: one fault, and the next frame is found
 * (the decoder stops before it consumes anything: resuming must move on). */
static void test_zstd_bad_frame(void **state)
{
    (void)state;
    buf in = {0}, got = {0}, faults = {0};
    add_zstd(&in, rec1, strlen(rec1), NULL);
    size_t bad = in.len;
    add_zstd(&in, rec1, strlen(rec1), NULL);
    in.data[bad + 4] = (char)0xff; /* frame header descriptor: reserved bit set */
    add_zstd(&in, rec2, strlen(rec2), NULL);
    drain(&in, &got, &faults);
    char want[128];
    snprintf(want, sizeof want, "in the frame at byte %zu\n", bad);
    assert_non_null(strstr(faults.data, want));
    assert_ptr_equal(strchr(faults.data, '\n'), faults.data + faults.len - 1); /* one fault */
    assert_int_equal(got.len, strlen(rec1) + strlen(rec2));
    assert_memory_equal(got.data + strlen(rec1), rec2, strlen(rec2));
    buf_free(&in), buf_free(&got), buf_free(&faults);
}

static void test_lz4(void **state)
{
    (void)state;
    buf in = {0}, got = {0}, faults = {0};
    add_lz4(&in, rec1, strlen(rec1));
    add_lz4(&in, rec2, strlen(rec2));
    drain(&in, &got, &faults);
    assert_int_equal(got.len, strlen(rec1) + strlen(rec2));
    assert_string_equal(faults.data, "");
    buf_reset(&got), buf_reset(&faults);
    in.len -= 6; /* cut in the last frame */
    drain(&in, &got, &faults);
    assert_non_null(strstr(faults.data, "lz4 frame at byte"));
    assert_non_null(strstr(faults.data, "is truncated"));
    buf_free(&in), buf_free(&got), buf_free(&faults);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codec_of),     cmocka_unit_test(test_plain),
        cmocka_unit_test(test_gzip_members), cmocka_unit_test(test_gzip_faults),
        cmocka_unit_test(test_gzip_fast_and_streamed),
        cmocka_unit_test(test_zstd),         cmocka_unit_test(test_zstd_bad_frame),
        cmocka_unit_test(test_lz4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
