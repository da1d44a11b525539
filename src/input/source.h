/*
 * source.h — the bytes of an archive file, decompressed, through a window.
 *
 * A source reads a file descriptor (or a block of memory) and hands out
 * its bytes decompressed, whatever the compression: none, gzip (RFC 1952;
 * one member per record as WARC 1.1 Annex D.2 recommends, one member for
 * the whole file, or a record spread over several members), zstd (RFC
 * 8878 frames, with the dictionary frame of the IIPC "Zstandard
 * Compression for WARC Files" proposal) or lz4 frames. Members and frames
 * are concatenated into one stream, as the formats define it. The
 * compression is told by the first bytes, never by a file name.
 *
 * The caller asks for a number of bytes (warc_src_fill), reads them in
 * place (warc_src_data) and consumes them (warc_src_skip). Memory is the
 * window (WARC_SRC_WINDOW) and the read buffer, whatever the file size.
 *
 * A fault of the compressed data (a bad or truncated member, bytes that
 * are no member at all) stops the stream where the good data ends: fill
 * returns what is left before it, and warc_src_status says FAULT. The
 * caller settles what was cut (a record in progress), then calls
 * warc_src_resume, which goes on at the next member or frame found after
 * the fault; the stream then has a gap there, which the caller bridges by
 * resynchronising on its own format.
 *
 * Offsets: a position in the decompressed stream is its "stream offset";
 * warc_src_member_offset maps it to the file offset of the member (gzip)
 * or frame (zstd, lz4) it came from, which is what indexes of compressed
 * archives (CDX) record.
 */
#ifndef PITH_INPUT_SOURCE_H
#define PITH_INPUT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* Decompressed bytes a caller may ask for at once. A WARC record header
 * must fit (they are a few hundred bytes; the largest in the test samples
 * is under 4 KiB); blocks stream through it in pieces of any size. */
#define WARC_SRC_WINDOW ((size_t)256 << 10)
/* Bytes of the window's buffer: WARC_SRC_WINDOW, and room behind it for a
 * gzip member decoded whole (WARC_SRC_FAST). */
#define WARC_SRC_SPACE (WARC_SRC_WINDOW + WARC_SRC_FAST + ((size_t)256 << 10))
/* Compressed bytes read from the file at once: a gzip member held whole
 * in the buffer is decoded in one call (WARC_SRC_FAST), so the buffer
 * holds many typical members (~30 KB each for make bench's pages). */
#define WARC_SRC_READ ((size_t)1 << 20)
/* Decompressed bytes of one gzip member decoded in one call by libdeflate,
 * straight into the window (see fast_member in source.c); a bigger member
 * streams through zlib. */
#define WARC_SRC_FAST ((size_t)2 << 20)
/* Decompressed bytes produced per decoder call: small enough that the
 * member table (below) covers the window even for tiny members. */
#define WARC_SRC_STEP ((size_t)32 << 10)
/* Member starts remembered for offset lookups; older ones are forgotten
 * (a lookup then answers with the oldest one known: an earlier member). */
#define WARC_SRC_MEMBERS 256
/* Bytes a zstd frame's window may need: the proposal requires decoders to
 * support 2^23 ("Window and dictionary limits"), and caps what a hostile
 * frame can make us allocate. */
#define WARC_ZSTD_WINDOW_LOG_MAX 23
/* Bytes of a zstd dictionary (compressed or not), from the same section. */
#define WARC_ZSTD_MAX_DICT ((size_t)8 << 20)

typedef enum warc_codec {
    WARC_CODEC_NONE = 0,
    WARC_CODEC_GZIP = 1,
    WARC_CODEC_ZSTD = 2,
    WARC_CODEC_LZ4 = 3,
} warc_codec;

typedef enum warc_src_status {
    WARC_SRC_MORE = 0,  /* more bytes may come */
    WARC_SRC_END = 1,   /* the stream ended cleanly after the window's bytes */
    WARC_SRC_FAULT = 2, /* a fault after the window's bytes (warc_src_fault) */
    WARC_SRC_ERROR = 3, /* out of memory or a read error: nothing more comes */
} warc_src_status;

typedef struct warc_member {
    uint64_t stream; /* stream offset of the member's first byte */
    uint64_t file;   /* its file offset */
} warc_member;

typedef struct warc_src {
    int fd; /* -1 for a memory source */
    const unsigned char *mem;
    size_t mem_len;
    warc_codec codec;
    int detected; /* codec decided (after the first bytes) */

    /* compressed bytes: in[in_pos..in_len) are unread; in[0] is at file
     * offset in_base */
    unsigned char *in;
    size_t in_pos, in_len, in_cap;
    uint64_t in_base;
    int in_eof;

    /* decompressed window: win[pos..len) are unconsumed; win[0] is at
     * stream offset win_base */
    unsigned char *win;
    size_t pos, len;
    uint64_t win_base;

    warc_member members[WARC_SRC_MEMBERS];
    unsigned member_first, member_count; /* a ring */
    int in_member;                       /* a member or frame is being decoded */

    void *z;    /* z_stream, gzip */
    void *deflate; /* libdeflate decompressor, gzip members held whole */
    void *zstd; /* ZSTD_DCtx */
    void *lz4;  /* LZ4F_dctx */

    warc_src_status status;
    char fault[256];     /* what, where (file offsets) */
    uint64_t fault_file; /* file offset where the bad bytes start */
    int has_fault;       /* status goes FAULT once the window drains */
    uint64_t bad_member; /* file offset of the member a fault stopped */
} warc_src;

/* Starts reading `fd` (not closed by the source). 0, or -1 when out of
 * memory. */
int warc_src_open_fd(warc_src *s, int fd);
/* Reads `len` bytes at `data` (kept, not copied; they must outlive the
 * source). 0, or -1 when out of memory. */
int warc_src_open_mem(warc_src *s, const void *data, size_t len);
void warc_src_close(warc_src *s);

/* Makes at least `want` (<= WARC_SRC_WINDOW) unconsumed bytes available,
 * or as many as there are before the end or a fault. Returns the number
 * available. */
size_t warc_src_fill(warc_src *s, size_t want);
static inline const unsigned char *warc_src_data(const warc_src *s)
{
    return s->win + s->pos;
}
static inline size_t warc_src_avail(const warc_src *s)
{
    return s->len - s->pos;
}
/* Consumes n <= warc_src_avail bytes. */
static inline void warc_src_skip(warc_src *s, size_t n)
{
    s->pos += n;
}
/* The stream offset of the next unconsumed byte. */
static inline uint64_t warc_src_offset(const warc_src *s)
{
    return s->win_base + s->pos;
}

/* What comes after the available bytes (meaningful once fill returned
 * fewer bytes than asked for). */
warc_src_status warc_src_status_of(const warc_src *s);
/* The fault's description ("bad gzip data (invalid distance too far back)
 * in the member at byte 1219"), "" when none. */
static inline const char *warc_src_fault(const warc_src *s)
{
    return s->fault;
}
/* After a FAULT, with the window drained: goes on at the next member or
 * frame after the fault. The stream offset then continues from where it
 * was (the bad bytes take none). */
void warc_src_resume(warc_src *s);

/* The file offset of the member or frame that holds stream offset `at`
 * (`at` itself for uncompressed files). */
uint64_t warc_src_member_offset(const warc_src *s, uint64_t at);
/* Bytes of the file read so far. */
uint64_t warc_src_bytes_in(const warc_src *s);

/* The compression the first bytes say: gzip (1f 8b), zstd (a zstd frame
 * or a skippable frame: a dictionary frame or an extension frame), lz4 (an
 * lz4 frame), else none. `len` >= 4 for a sure answer. */
warc_codec warc_codec_of(const unsigned char *b, size_t len);
const char *warc_codec_name(warc_codec c);

#endif
