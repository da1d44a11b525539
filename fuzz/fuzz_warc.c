/* fuzz_warc.c — whole-archive bytes through the WARC/ARC reader.
 *
 * The input is the archive as it is (so real WARC, ARC, gzip, zstd and lz4
 * files are seeds without a prefix). Its last byte picks the record cap,
 * small ones included, so that the "over the size limit" path runs: the
 * default, half the input, an eighth of it, or 256 bytes.
 *
 * Every record is read to the end, its strings and payload touched, and
 * what pith.h promises is checked (strings valid UTF-8, a payload within
 * the cap, the counts matching the kinds handed out, END repeated); a
 * broken promise traps. The first few pages go through extraction and the
 * JSON record with one reused extractor, as the CLI's --warc does. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pith.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Pages extracted per input: the record-to-page path, kept cheap. */
#define PAGES_EXTRACTED 3

static int discard(const char *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    (void)user;
    return 0;
}

/* Traps unless s is NULL or valid UTF-8 (pith.h: "Strings are
 * NUL-terminated valid UTF-8"); returns a byte of it so that reads are
 * not optimised away. */
static unsigned touch_string(const char *s)
{
    if (!s)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    unsigned sum = 0;
    while (*p) {
        unsigned c = *p, n; /* continuation bytes after c */
        if (c < 0x80)
            n = 0;
        else if (c >= 0xc2 && c < 0xe0)
            n = 1;
        else if (c >= 0xe0 && c < 0xf0)
            n = 2;
        else if (c >= 0xf0 && c < 0xf5)
            n = 3;
        else
            __builtin_trap();
        for (unsigned k = 1; k <= n; k++)
            if ((p[k] & 0xc0) != 0x80)
                __builtin_trap();
        /* Overlong, surrogate and above U+10FFFF forms of 3 and 4 bytes. */
        if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) ||
            (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
            __builtin_trap();
        sum += c;
        p += n + 1;
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t cap = 0;
    switch (data[size - 1] & 3) {
    case 1:
        cap = size / 2 + 1;
        break;
    case 2:
        cap = size / 8 + 1;
        break;
    case 3:
        cap = 256;
        break;
    default:
        break; /* 0: the default cap */
    }
    size_t effective_cap = cap ? cap : PITH_WARC_DEFAULT_MAX_RECORD_BYTES;

    pith_warc_reader *r = NULL;
    if (pith_warc_open_memory(data, size, cap, &r) != PITH_OK)
        return 0;
    pith_extractor *ex = NULL;
    unsigned extracted = 0;
    unsigned long long kinds[PITH_WARC_END] = {0};
    volatile unsigned sink = 0;
    pith_warc_record rec;
    for (pith_warc_next(r, &rec); rec.kind != PITH_WARC_END; pith_warc_next(r, &rec)) {
        if ((unsigned)rec.kind >= PITH_WARC_END)
            __builtin_trap();
        kinds[rec.kind]++;
        sink +=
            touch_string(rec.type) + touch_string(rec.record_id) + touch_string(rec.target_uri) +
            touch_string(rec.date) + touch_string(rec.content_type) + touch_string(rec.charset) +
            touch_string(rec.content_language) + touch_string(rec.skip) + touch_string(rec.error);
        if ((rec.kind == PITH_WARC_ERROR || rec.kind == PITH_WARC_FAULT) && !rec.error)
            __builtin_trap();
        if (rec.kind == PITH_WARC_SKIPPED && !rec.skip)
            __builtin_trap();
        if (rec.kind != PITH_WARC_PAGE)
            continue;
        if (rec.payload_len > effective_cap || (rec.payload_len && !rec.payload))
            __builtin_trap();
        const unsigned char *p = rec.payload;
        if (rec.payload_len)
            sink += p[0] + p[rec.payload_len - 1];
        if (extracted >= PAGES_EXTRACTED)
            continue;
        extracted++;
        if (!ex && pith_extractor_new(NULL, &ex) != PITH_OK)
            continue;
        pith_input in = {.url = rec.target_uri,
                         .charset = rec.charset,
                         .content_language = rec.content_language,
                         .fetched_at = rec.date_unix};
        const pith_doc *doc = NULL;
        if (pith_extract(ex, rec.payload, rec.payload_len, &in, &doc) == PITH_OK)
            pith_render(doc, PITH_FORMAT_JSON, discard, NULL);
    }
    /* END again on every later call. */
    pith_warc_next(r, &rec);
    if (rec.kind != PITH_WARC_END)
        __builtin_trap();
    const pith_warc_stats *st = pith_warc_stats_of(r);
    if (st->pages != kinds[PITH_WARC_PAGE] || st->skipped != kinds[PITH_WARC_SKIPPED] ||
        st->errors != kinds[PITH_WARC_ERROR] || st->faults != kinds[PITH_WARC_FAULT] ||
        st->bytes_in > size)
        __builtin_trap();
    sink += (unsigned)st->records;
    (void)sink;
    pith_extractor_free(ex);
    pith_warc_close(r);
    return 0;
}
