/*
 * source.c — an archive file's bytes, decompressed (source.h).
 *
 * The decoders: libdeflate for a gzip member held whole in the read
 * buffer, else zlib, which streams (RFC 1952); libzstd for zstd (RFC 8878, and
 * the IIPC "Zstandard Compression for WARC Files" proposal for the
 * dictionary frame), liblz4 for lz4 frames. Each runs one member or frame
 * at a time; between two, the next bytes must start another one (its magic
 * number), or they are junk: a fault, skipped up to the next magic number.
 */
#include "input/source.h"

#include "core/utf8.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libdeflate.h>
#include <lz4frame.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

/* Magic numbers (RFC 1952 § 2.3.1; RFC 8878 § 3.1.1 and § 3.1.2; the lz4
 * frame format § "General structure"). */
#define ZSTD_SKIPPABLE_DICT 0x184D2A5Du /* the proposal's dictionary frame */

static uint32_t le32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static int is_skippable(const unsigned char *b)
{
    return (le32(b) & 0xFFFFFFF0u) == 0x184D2A50u;
}

/* Whether b (len bytes, the start of a member or frame) opens one of the
 * codec's members; -1 when more bytes are needed to tell. */
static int opens_member(warc_codec c, const unsigned char *b, size_t len)
{
    size_t need = c == WARC_CODEC_GZIP ? 3 : 4;
    if (len < need)
        return -1;
    switch (c) {
    case WARC_CODEC_GZIP:
        /* ID1 ID2 and CM = 8 (deflate), the only method defined */
        return b[0] == 0x1f && b[1] == 0x8b && b[2] == 8;
    case WARC_CODEC_ZSTD:
        return le32(b) == ZSTD_MAGICNUMBER || is_skippable(b);
    case WARC_CODEC_LZ4:
        return le32(b) == LZ4F_MAGICNUMBER || is_skippable(b);
    case WARC_CODEC_NONE:
        break;
    }
    return 0;
}

warc_codec warc_codec_of(const unsigned char *b, size_t len)
{
    if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b)
        return WARC_CODEC_GZIP;
    if (len < 4)
        return WARC_CODEC_NONE;
    if (le32(b) == ZSTD_MAGICNUMBER)
        return WARC_CODEC_ZSTD;
    if (le32(b) == LZ4F_MAGICNUMBER)
        return WARC_CODEC_LZ4;
    if (is_skippable(b)) {
        /* zstd and lz4 share skippable frames. The proposal starts a file
         * with a zstd frame or its dictionary frame; otherwise look past
         * the skippable frame at what follows. */
        if (le32(b) == ZSTD_SKIPPABLE_DICT || len < 8)
            return WARC_CODEC_ZSTD;
        uint64_t next = 8 + (uint64_t)le32(b + 4);
        if (next + 4 <= len && le32(b + next) == LZ4F_MAGICNUMBER)
            return WARC_CODEC_LZ4;
        return WARC_CODEC_ZSTD;
    }
    return WARC_CODEC_NONE;
}

const char *warc_codec_name(warc_codec c)
{
    switch (c) {
    case WARC_CODEC_GZIP:
        return "gzip";
    case WARC_CODEC_ZSTD:
        return "zstd";
    case WARC_CODEC_LZ4:
        return "lz4";
    case WARC_CODEC_NONE:
        break;
    }
    return "uncompressed";
}

/* A member or frame: what error messages call it. */
static const char *member_word(warc_codec c)
{
    return c == WARC_CODEC_GZIP ? "member" : "frame";
}

__attribute__((format(printf, 3, 4))) static void set_fault(warc_src *s, uint64_t at,
                                                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* clang-analyzer 14 misses the va_start above on glibc */
    vsnprintf(s->fault, sizeof s->fault, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    s->fault_file = at;
    s->has_fault = 1;
}

/* ------------------------------------------------------------------------
 * Opening and closing
 * ------------------------------------------------------------------------ */
static int alloc_buffers(warc_src *s)
{
    s->win = malloc(WARC_SRC_SPACE);
    return s->win ? 0 : -1;
}

int warc_src_open_fd(warc_src *s, int fd)
{
    memset(s, 0, sizeof *s);
    s->fd = fd;
    /* the first read tells the codec: for an uncompressed file its bytes
     * move to the window, so it reads no more than the window holds
     * (detect gives a compressed file its full read buffer) */
    s->in_cap = WARC_SRC_WINDOW < WARC_SRC_READ ? WARC_SRC_WINDOW : WARC_SRC_READ;
    s->in = malloc(s->in_cap);
    if (!s->in || alloc_buffers(s)) {
        warc_src_close(s);
        return -1;
    }
    return 0;
}

int warc_src_open_mem(warc_src *s, const void *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->mem = data;
    s->mem_len = len;
    /* the compressed bytes are the memory itself, all of them at once */
    s->in = (unsigned char *)(uintptr_t)data;
    s->in_len = s->in_cap = len;
    s->in_eof = 1;
    if (alloc_buffers(s)) {
        warc_src_close(s);
        return -1;
    }
    return 0;
}

void warc_src_close(warc_src *s)
{
    if (s->z) {
        inflateEnd(s->z);
        free(s->z);
    }
    if (s->deflate)
        libdeflate_free_decompressor(s->deflate);
    ZSTD_freeDCtx(s->zstd);
    if (s->lz4)
        LZ4F_freeDecompressionContext(s->lz4);
    if (!s->mem)
        free(s->in);
    if (s->win != s->mem)
        free(s->win);
    memset(s, 0, sizeof *s);
    s->fd = -1;
}

/* ------------------------------------------------------------------------
 * Compressed input
 * ------------------------------------------------------------------------ */

/* Reads more of the file behind the unread bytes. 0 on progress or end of
 * file (in_eof set), -1 on a read error (status ERROR). */
static int read_more(warc_src *s)
{
    if (s->in_eof)
        return 0;
    if (s->in_pos > 0) {
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
        s->in_base += s->in_pos;
        s->in_len -= s->in_pos;
        s->in_pos = 0;
    }
    if (s->in_len == s->in_cap)
        return 0; /* full: the caller consumes first */
    for (;;) {
        ssize_t n = read(s->fd, s->in + s->in_len, s->in_cap - s->in_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            set_fault(s, s->in_base + s->in_len, "read error at byte %" PRIu64 ": %s",
                      s->in_base + s->in_len, strerror(errno));
            s->status = WARC_SRC_ERROR;
            return -1;
        }
        if (n == 0)
            s->in_eof = 1;
        s->in_len += (size_t)n;
        return 0;
    }
}

static size_t in_avail(const warc_src *s)
{
    return s->in_len - s->in_pos;
}

/* Skips compressed bytes up to the next member's magic number, or to the
 * end of the file. Returns the number of bytes skipped. */
static uint64_t skip_to_member(warc_src *s)
{
    uint64_t skipped = 0;
    for (;;) {
        while (in_avail(s) >= 4) {
            const unsigned char *b = s->in + s->in_pos;
            /* a skippable frame alone is too weak a sign inside junk: look
             * for the codec's own frames there */
            int hit = s->codec == WARC_CODEC_ZSTD  ? le32(b) == ZSTD_MAGICNUMBER
                      : s->codec == WARC_CODEC_LZ4 ? le32(b) == LZ4F_MAGICNUMBER
                                                   : opens_member(s->codec, b, 4) == 1;
            if (hit)
                return skipped;
            const unsigned char *next = memchr(b + 1,
                                               s->codec == WARC_CODEC_GZIP   ? 0x1f
                                               : s->codec == WARC_CODEC_ZSTD ? 0x28
                                                                             : 0x04,
                                               in_avail(s) - 1);
            size_t step = next ? (size_t)(next - b) : in_avail(s) - 3;
            s->in_pos += step;
            skipped += step;
        }
        if (s->in_eof || read_more(s))
            break;
    }
    /* fewer than 4 bytes left at the end: junk too */
    skipped += in_avail(s);
    s->in_pos = s->in_len;
    return skipped;
}

/* ------------------------------------------------------------------------
 * Decoders: each turns compressed bytes into out[0..*produced) and says
 * whether its member or frame ended.
 * ------------------------------------------------------------------------ */
enum step { STEP_OK, STEP_MEMBER_END, STEP_BAD, STEP_NOMEM };

static int start_decoder(warc_src *s)
{
    switch (s->codec) {
    case WARC_CODEC_GZIP:
        if (!s->z) {
            z_stream *z = calloc(1, sizeof *z);
            if (!z)
                return -1;
            /* 16 + 15: a gzip wrapper (RFC 1952), the largest window */
            if (inflateInit2(z, 16 + MAX_WBITS) != Z_OK) {
                free(z);
                return -1;
            }
            s->z = z;
        } else if (inflateReset(s->z) != Z_OK) {
            return -1;
        }
        /* No CRC-32 over the decompressed bytes (zlib >= 1.2.9): it was a
         * quarter of the WARC layer's instructions on make bench's archive
         * (callgrind: 76 M of 319 M), and a corrupt member is still
         * caught where its deflate stream breaks, which is where almost
         * every corruption shows. A member whose damage deflate accepts
         * yields wrong bytes, as it would in a plain file. */
        if (inflateValidate(s->z, 0) != Z_OK)
            return -1;
        return 0;
    case WARC_CODEC_ZSTD:
        if (!s->zstd) {
            s->zstd = ZSTD_createDCtx();
            if (!s->zstd || ZSTD_isError(ZSTD_DCtx_setParameter(s->zstd, ZSTD_d_windowLogMax,
                                                                WARC_ZSTD_WINDOW_LOG_MAX)))
                return -1;
        }
        return 0;
    case WARC_CODEC_LZ4:
        if (!s->lz4) {
            LZ4F_dctx *d = NULL;
            if (LZ4F_isError(LZ4F_createDecompressionContext(&d, LZ4F_VERSION)))
                return -1;
            s->lz4 = d;
        }
        return 0;
    case WARC_CODEC_NONE:
        break;
    }
    return 0;
}

static enum step decode(warc_src *s, unsigned char *out, size_t cap, size_t *produced, char *why,
                        size_t why_size)
{
    const unsigned char *in = s->in + s->in_pos;
    size_t avail = in_avail(s);
    *produced = 0;
    switch (s->codec) {
    case WARC_CODEC_GZIP: {
        z_stream *z = s->z;
        z->next_in = (unsigned char *)(uintptr_t)in;
        z->avail_in = (uInt)(avail > UINT32_MAX ? UINT32_MAX : avail);
        z->next_out = out;
        z->avail_out = (uInt)cap;
        int rc = inflate(z, Z_NO_FLUSH);
        s->in_pos += (size_t)(z->next_in - in);
        *produced = cap - z->avail_out;
        if (rc == Z_STREAM_END)
            return STEP_MEMBER_END;
        if (rc == Z_OK || rc == Z_BUF_ERROR)
            return STEP_OK;
        if (rc == Z_MEM_ERROR)
            return STEP_NOMEM;
        snprintf(why, why_size, "%s", z->msg ? z->msg : "data error");
        return STEP_BAD;
    }
    case WARC_CODEC_ZSTD: {
        ZSTD_inBuffer zin = {in, avail, 0};
        ZSTD_outBuffer zout = {out, cap, 0};
        size_t rc = ZSTD_decompressStream(s->zstd, &zout, &zin);
        s->in_pos += zin.pos;
        *produced = zout.pos;
        if (ZSTD_isError(rc)) {
            if (ZSTD_getErrorCode(rc) == ZSTD_error_memory_allocation)
                return STEP_NOMEM;
            snprintf(why, why_size, "%s", ZSTD_getErrorName(rc));
            return STEP_BAD;
        }
        return rc == 0 ? STEP_MEMBER_END : STEP_OK;
    }
    case WARC_CODEC_LZ4: {
        size_t dst = cap, src = avail;
        size_t rc = LZ4F_decompress(s->lz4, out, &dst, in, &src, NULL);
        s->in_pos += src;
        *produced = dst;
        if (LZ4F_isError(rc)) {
            snprintf(why, why_size, "%s", LZ4F_getErrorName(rc));
            return STEP_BAD;
        }
        return rc == 0 ? STEP_MEMBER_END : STEP_OK;
    }
    case WARC_CODEC_NONE:
        break;
    }
    return STEP_BAD;
}

/* Forgets the member or frame in progress after a fault. */
static void reset_decoder(warc_src *s)
{
    if (s->z)
        inflateReset(s->z);
    if (s->zstd) /* the session only: a dictionary stays loaded */
        ZSTD_DCtx_reset(s->zstd, ZSTD_reset_session_only);
    if (s->lz4)
        LZ4F_resetDecompressionContext(s->lz4);
    s->in_member = 0;
}

/* A dictionary that is itself a zstd frame: decompressed (streaming, so
 * that a frame without its content size, against the proposal, still
 * works; at most WARC_ZSTD_MAX_DICT bytes) and loaded. 0 or -1. */
static int load_packed_dictionary(warc_src *s, const unsigned char *frame, size_t size)
{
    ZSTD_DCtx *d = ZSTD_createDCtx();
    unsigned char *plain = malloc(WARC_ZSTD_MAX_DICT);
    int rc = -1;
    if (d && plain &&
        !ZSTD_isError(ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, WARC_ZSTD_WINDOW_LOG_MAX))) {
        ZSTD_inBuffer in = {frame, size, 0};
        ZSTD_outBuffer out = {plain, WARC_ZSTD_MAX_DICT, 0};
        size_t left;
        do
            left = ZSTD_decompressStream(d, &out, &in);
        while (!ZSTD_isError(left) && left && in.pos < in.size && out.pos < out.size);
        if (left == 0 && !ZSTD_isError(ZSTD_DCtx_loadDictionary(s->zstd, plain, out.pos)))
            rc = 0;
    }
    ZSTD_freeDCtx(d);
    free(plain);
    return rc;
}

/* The proposal's dictionary frame: a skippable frame (magic 0x184D2A5D)
 * first in the file, whose user data is a dictionary (RFC 8878 § 5) or a
 * zstd frame that decompresses to one. Loads it; 0, or -1 after a fault
 * (or out of memory). */
static int load_dictionary(warc_src *s)
{
    uint64_t at = s->in_base + s->in_pos;
    while (in_avail(s) < 8 && !s->in_eof) {
        if (read_more(s))
            return -1;
    }
    if (in_avail(s) < 8) {
        set_fault(s, at, "zstd dictionary frame at byte %" PRIu64 " is truncated", at);
        s->in_pos = s->in_len;
        return -1;
    }
    size_t size = le32(s->in + s->in_pos + 4);
    if (size > WARC_ZSTD_MAX_DICT || size < 4) {
        set_fault(s, at,
                  "zstd dictionary frame at byte %" PRIu64 " holds %zu bytes (the limit "
                  "is %zu)",
                  at, size, WARC_ZSTD_MAX_DICT);
        s->in_pos += 8;
        return -1;
    }
    if (size + 8 > s->in_cap && s->fd >= 0) {
        /* the whole frame must sit in the read buffer */
        unsigned char *in = realloc(s->in, size + 8);
        if (!in) {
            s->status = WARC_SRC_ERROR;
            return -1;
        }
        s->in = in;
        s->in_cap = size + 8;
    }
    while (in_avail(s) < size + 8 && !s->in_eof) {
        if (read_more(s))
            return -1;
    }
    if (in_avail(s) < size + 8) {
        set_fault(s, at, "zstd dictionary frame at byte %" PRIu64 " is truncated", at);
        s->in_pos = s->in_len;
        return -1;
    }
    const unsigned char *dict = s->in + s->in_pos + 8;
    int rc = -1;
    if (start_decoder(s)) {
        s->status = WARC_SRC_ERROR;
        return -1;
    }
    if (le32(dict) == ZSTD_MAGIC_DICTIONARY) {
        rc = ZSTD_isError(ZSTD_DCtx_loadDictionary(s->zstd, dict, size)) ? -1 : 0;
    } else if (le32(dict) == ZSTD_MAGICNUMBER) {
        rc = load_packed_dictionary(s, dict, size);
    } else {
        /* neither: the proposal has no such thing, but zstd reads any
         * bytes as a raw-content dictionary, and so do we */
        rc = ZSTD_isError(ZSTD_DCtx_loadDictionary(s->zstd, dict, size)) ? -1 : 0;
    }
    s->in_pos += size + 8;
    if (s->in_cap > WARC_SRC_READ && s->fd >= 0) {
        /* give the dictionary's room back; the unread bytes move first */
        memmove(s->in, s->in + s->in_pos, in_avail(s));
        s->in_base += s->in_pos;
        s->in_len -= s->in_pos;
        s->in_pos = 0;
        if (s->in_len <= WARC_SRC_READ) {
            unsigned char *in = realloc(s->in, WARC_SRC_READ);
            if (in) {
                s->in = in;
                s->in_cap = WARC_SRC_READ;
            }
        }
    }
    if (rc)
        set_fault(s, at, "zstd dictionary frame at byte %" PRIu64 " holds no usable dictionary",
                  at);
    return rc;
}

/* ------------------------------------------------------------------------
 * The window
 * ------------------------------------------------------------------------ */
static void note_member(warc_src *s, uint64_t file)
{
    uint64_t stream = s->win_base + s->len;
    warc_member *last =
        s->member_count ? &s->members[(s->member_first + s->member_count - 1) % WARC_SRC_MEMBERS]
                        : NULL;
    if (last && last->stream == stream) {
        *last = (warc_member){stream, file}; /* the one before produced nothing */
        return;
    }
    /* forget members wholly consumed: keep the one holding the read
     * position, and everything after it */
    uint64_t consumed = s->win_base + s->pos;
    while (s->member_count > 1 &&
           s->members[(s->member_first + 1) % WARC_SRC_MEMBERS].stream <= consumed) {
        s->member_first = (s->member_first + 1) % WARC_SRC_MEMBERS;
        s->member_count--;
    }
    if (s->member_count == WARC_SRC_MEMBERS) {
        s->member_first = (s->member_first + 1) % WARC_SRC_MEMBERS;
        s->member_count--;
    }
    s->members[(s->member_first + s->member_count) % WARC_SRC_MEMBERS] =
        (warc_member){stream, file};
    s->member_count++;
}

uint64_t warc_src_member_offset(const warc_src *s, uint64_t at)
{
    if (s->codec == WARC_CODEC_NONE)
        return at;
    for (unsigned i = s->member_count; i-- > 0;) {
        const warc_member *m = &s->members[(s->member_first + i) % WARC_SRC_MEMBERS];
        if (m->stream <= at)
            return m->file;
    }
    return s->member_count ? s->members[s->member_first].file : 0;
}

uint64_t warc_src_bytes_in(const warc_src *s)
{
    if (s->codec == WARC_CODEC_NONE && s->detected)
        return s->mem ? s->mem_len : s->win_base + s->len;
    return s->in_base + s->in_pos;
}

/* Decides the codec from the first bytes. For an uncompressed file the
 * bytes read so far move to the window, which is read directly from then
 * on (a memory source becomes the window itself: no copy). */
static void detect(warc_src *s)
{
    while (in_avail(s) < 64 && !s->in_eof) {
        if (read_more(s))
            return;
    }
    s->detected = 1;
    s->codec = warc_codec_of(s->in + s->in_pos, in_avail(s));
    if (s->codec != WARC_CODEC_NONE) {
        if (s->fd >= 0 && s->in_cap < WARC_SRC_READ) {
            unsigned char *in = realloc(s->in, WARC_SRC_READ);
            if (in) { /* else the smaller buffer does, a little slower */
                s->in = in;
                s->in_cap = WARC_SRC_READ;
            }
        }
        return;
    }
    if (s->mem) {
        free(s->win);
        s->win = (unsigned char *)(uintptr_t)s->mem;
        s->len = s->mem_len;
        s->status = WARC_SRC_END;
        return;
    }
    memcpy(s->win, s->in + s->in_pos, in_avail(s));
    s->len = in_avail(s);
    s->in_base += s->in_len;
    s->in_pos = s->in_len = 0;
    if (s->in_eof)
        s->status = WARC_SRC_END;
}

/* The gzip member at the read position, decoded in one call by
 * libdeflate, when the read buffer holds it whole (the next member's magic
 * number or the end of the file is there) and it decodes to at most
 * WARC_SRC_FAST bytes: libdeflate takes less than half of zlib's
 * instructions (callgrind, make bench's archive), and a record per member
 * is what WARC 1.1 Annex D.2 recommends. Anything else (a member the
 * buffer cuts, a bigger one, a bad one, a chance magic number inside the
 * compressed data) is left to zlib, which streams it and reports faults.
 * 1 when the member was decoded, 0 when zlib is to do it, -1 on a read
 * error. */
static int fast_member(warc_src *s, uint64_t at)
{
    if (!s->in_eof && in_avail(s) < s->in_cap / 2 && read_more(s))
        return -1;
    const unsigned char *b = s->in + s->in_pos;
    size_t avail = in_avail(s);
    /* 18 bytes: the smallest member (a 10-byte header, an empty block, the
     * 8-byte trailer) comes before the next one can start */
    static const char magic[3] = {0x1f, (char)0x8b, 8};
    if (!s->in_eof && (avail <= 18 || !mem_find((const char *)b + 18, avail - 18, magic, 3)))
        return 0;
    if (!s->deflate && !(s->deflate = libdeflate_alloc_decompressor()))
        return 0;
    if (WARC_SRC_SPACE - s->len < WARC_SRC_FAST) {
        /* the unconsumed bytes (at most about a window) to the front */
        memmove(s->win, s->win + s->pos, s->len - s->pos);
        s->win_base += s->pos;
        s->len -= s->pos;
        s->pos = 0;
        if (WARC_SRC_SPACE - s->len < WARC_SRC_FAST)
            return 0;
    }
    size_t used_in = 0, used_out = 0;
    if (libdeflate_gzip_decompress_ex(s->deflate, b, avail, s->win + s->len,
                                      WARC_SRC_SPACE - s->len, &used_in,
                                      &used_out) != LIBDEFLATE_SUCCESS)
        return 0;
    note_member(s, at);
    s->len += used_out;
    s->in_pos += used_in;
    return 1;
}

/* Produces more bytes into the window: one read or one decoder step. */
static void produce(warc_src *s)
{
    size_t room = WARC_SRC_SPACE - s->len;
    if (s->codec == WARC_CODEC_NONE) {
        ssize_t n = read(s->fd, s->win + s->len, room);
        if (n < 0 && errno == EINTR)
            return;
        if (n < 0) {
            set_fault(s, s->win_base + s->len, "read error at byte %" PRIu64 ": %s",
                      s->win_base + s->len, strerror(errno));
            s->status = WARC_SRC_ERROR;
        } else if (n == 0) {
            s->status = WARC_SRC_END;
        }
        s->len += (size_t)(n > 0 ? n : 0);
        return;
    }
    if (in_avail(s) < 4 && !s->in_eof && read_more(s))
        return;
    if (!s->in_member) {
        if (in_avail(s) == 0 && s->in_eof) {
            s->status = WARC_SRC_END;
            return;
        }
        uint64_t at = s->in_base + s->in_pos;
        const unsigned char *b = s->in + s->in_pos;
        int opens = opens_member(s->codec, b, in_avail(s));
        if (opens == -1 && !s->in_eof)
            return; /* read_more above could not get 4 bytes yet */
        if (opens == 1 && s->codec == WARC_CODEC_ZSTD && at == 0 &&
            le32(b) == ZSTD_SKIPPABLE_DICT) {
            load_dictionary(s);
            return;
        }
        if (opens != 1) {
            uint64_t junk = skip_to_member(s);
            int end = in_avail(s) == 0;
            set_fault(s, at, "%" PRIu64 " bytes that are not %s data at byte %" PRIu64 "%s", junk,
                      warc_codec_name(s->codec), at, end ? ", to the end of the file" : "");
            return;
        }
        if (s->codec == WARC_CODEC_GZIP) {
            int fast = fast_member(s, at);
            if (fast < 0 || fast == 1)
                return;
        }
        if (start_decoder(s)) {
            s->status = WARC_SRC_ERROR;
            return;
        }
        note_member(s, at);
        s->in_member = 1;
    }
    size_t produced;
    char why[128] = "";
    size_t step = room < WARC_SRC_STEP ? room : WARC_SRC_STEP;
    size_t before = s->in_pos;
    uint64_t member_at = warc_src_member_offset(s, s->win_base + s->len);
    enum step rc = decode(s, s->win + s->len, step, &produced, why, sizeof why);
    s->len += produced;
    switch (rc) {
    case STEP_MEMBER_END:
        s->in_member = 0;
        return;
    case STEP_NOMEM:
        s->status = WARC_SRC_ERROR;
        return;
    case STEP_BAD:
        set_fault(s, member_at, "bad %s data (%s) in the %s at byte %" PRIu64,
                  warc_codec_name(s->codec), why, member_word(s->codec), member_at);
        s->in_member = -1; /* resume skips to the next member */
        s->bad_member = member_at;
        return;
    case STEP_OK:
        break;
    }
    if (produced == 0 && s->in_pos == before && in_avail(s) < s->in_cap) {
        /* the decoder wants input that is not there */
        if (s->in_eof) {
            set_fault(s, member_at, "%s %s at byte %" PRIu64 " is truncated",
                      warc_codec_name(s->codec), member_word(s->codec), member_at);
            s->in_member = -1;
            s->bad_member = member_at;
        } else {
            read_more(s);
        }
    }
}

size_t warc_src_fill(warc_src *s, size_t want)
{
    if (want > WARC_SRC_WINDOW)
        want = WARC_SRC_WINDOW;
    if (!s->detected)
        detect(s);
    while (s->len - s->pos < want && s->status == WARC_SRC_MORE && !s->has_fault) {
        if (s->pos == s->len) {
            /* all consumed: decode at the front again, where the cache is */
            s->win_base += s->pos;
            s->pos = s->len = 0;
        }
        if (s->len + WARC_SRC_STEP > WARC_SRC_SPACE ||
            s->len + (want - (s->len - s->pos)) > WARC_SRC_SPACE) {
            /* move the unconsumed bytes to the front */
            memmove(s->win, s->win + s->pos, s->len - s->pos);
            s->win_base += s->pos;
            s->len -= s->pos;
            s->pos = 0;
        }
        produce(s);
    }
    return s->len - s->pos;
}

warc_src_status warc_src_status_of(const warc_src *s)
{
    if (s->status == WARC_SRC_ERROR)
        return WARC_SRC_ERROR;
    if (s->has_fault)
        return WARC_SRC_FAULT;
    return s->status;
}

void warc_src_resume(warc_src *s)
{
    if (!s->has_fault || s->status == WARC_SRC_ERROR)
        return;
    s->has_fault = 0;
    s->fault[0] = '\0';
    if (s->in_member == -1) {
        /* the member is bad from here on: the next good one starts after,
         * at least one byte after where it started (a decoder may stop on
         * a bad header before it consumes anything) */
        reset_decoder(s);
        if (s->in_base + s->in_pos == s->bad_member && in_avail(s))
            s->in_pos++;
        skip_to_member(s);
    }
}
